"""B2B meetings in a real browser: a participant requests a meeting from its suggestions; the officer runs the
scheduler and publishes the schedule."""

import os
import re

from playwright.sync_api import Page, expect

from investbridge.matchmaking import services
from investbridge.matchmaking.models import Meeting, MeetingRequest, RequestStatus
from tests.matchmaking.conftest import event, people, resources, sectors  # noqa: F401

SHOTS = os.environ.get("MATCHMAKING_SCREENSHOTS", "")


def _shot(page: Page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def test_participant_requests_a_suggested_meeting(page: Page, sign_in, company_user, people):  # noqa: F811
    sign_in(company_user, language="en")
    page.goto("/en/matchmaking/me/b2b-day/")
    card = page.get_by_test_id(f"recommendation-{people['cn1'].pk}")
    expect(card).to_contain_text("Offers what you seek: Distribution")
    expect(card).to_contain_text("No common language: an interpreter is needed")
    _shot(page, "participant")
    card.locator("textarea").fill("Добрый день! Обсудим поставки оборудования?")
    page.get_by_test_id(f"request-{people['cn1'].pk}").click()
    expect(page.get_by_test_id("requests")).to_contain_text("海南贸易集团")
    request = MeetingRequest.objects.get()
    assert (request.requester_id, request.recipient_id, request.status) == (
        people["ru1"].pk,
        people["cn1"].pk,
        RequestStatus.PENDING,
    )


def test_officer_runs_the_scheduler_and_publishes(page: Page, sign_in, officer, people, resources):  # noqa: F811
    for a, b in (("ru1", "cn1"), ("ru2", "cn2")):
        request = services.request_create(
            actor=services.Actor(registration=people[a].registration),
            requester=people[a],
            recipient=people[b],
        )
        services.request_respond(
            actor=services.Actor(registration=people[b].registration), request=request, accept=True
        )
    sign_in(officer, language="en")
    page.goto("/en/matchmaking/office/b2b-day/schedule/")
    page.locator("input[name=time_limit]").fill("2")
    page.get_by_test_id("run").click()
    expect(page.get_by_test_id("run-status")).to_contain_text("Meetings scheduled: 2, not scheduled: 0")
    for meeting in Meeting.objects.all():
        expect(page.get_by_test_id(f"meeting-{meeting.pk}")).to_be_visible()
    _shot(page, "office-schedule")
    page.get_by_test_id("publish").click()
    expect(page.locator("body")).to_contain_text(re.compile(r"4 participants were notified"))
    assert Meeting.objects.exclude(published_slot=None).count() == 2


def test_officer_marks_the_slots_an_interpreter_cannot_work(page: Page, sign_in, officer, resources):  # noqa: F811
    interpreter = resources["interpreter"]
    sign_in(officer, language="ru")
    page.goto("/ru/matchmaking/office/b2b-day/resources/")
    page.get_by_test_id(f"interpreter-{interpreter.pk}").get_by_role("link", name="Изменить").click()
    grid = page.get_by_test_id("slot-grid")
    expect(grid).to_contain_text("09:00–09:20 Москва · 14:00–14:20 Хайкоу")
    page.get_by_test_id(f"slot-{resources['slots'][0].pk}").check()
    page.get_by_test_id(f"slot-{resources['slots'][3].pk}").check()
    _shot(page, "office-interpreter")
    page.get_by_test_id("save-interpreter").click()
    expect(page.get_by_test_id(f"interpreter-{interpreter.pk}")).to_contain_text("недоступен в 2 слота")
    assert sorted(interpreter.unavailable_slots.values_list("pk", flat=True)) == [
        resources["slots"][0].pk,
        resources["slots"][3].pk,
    ]


def test_participant_withdraws_a_request_and_filters_countries(page: Page, sign_in, company_user, people):  # noqa: F811
    request = services.request_create(
        actor=services.Actor(registration=people["ru1"].registration),
        requester=people["ru1"],
        recipient=people["cn1"],
    )
    sign_in(company_user, language="en")
    page.goto("/en/matchmaking/me/b2b-day/")
    page.get_by_test_id(f"withdraw-{request.pk}").click()
    expect(page.get_by_test_id(f"request-row-{request.pk}")).to_contain_text("Cancelled")
    expect(page.get_by_test_id(f"withdraw-{request.pk}")).to_have_count(0)
    request.refresh_from_db()
    assert request.status == RequestStatus.CANCELLED

    page.goto("/en/matchmaking/me/b2b-day/profile/")
    expect(page.locator("select[name=time_zone]")).to_have_value("Europe/Moscow")
    search = page.get_by_test_id("countries-filter")
    expect(search).to_be_visible()
    search.fill("kazakh")
    expect(page.locator("input[name=countries][value=KZ]")).to_be_visible()
    expect(page.locator("input[name=countries][value=DE]")).to_be_hidden()
    page.locator("input[name=countries][value=KZ]").check()
    page.locator("select[name=time_zone]").select_option("Asia/Almaty")
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(re.compile(r"/en/matchmaking/me/b2b-day/$"))
    people["ru1"].refresh_from_db()
    assert (people["ru1"].countries, people["ru1"].time_zone) == (["CN", "KZ"], "Asia/Almaty")
