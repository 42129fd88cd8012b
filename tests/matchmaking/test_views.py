import io
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from investbridge.events.models import Registration
from investbridge.matchmaking import services
from investbridge.matchmaking.models import (
    Interpreter,
    Meeting,
    MeetingRequest,
    Profile,
    RequestStatus,
    Room,
    RunStatus,
    ScheduleRun,
    Slot,
)
from tests.conftest import ROLES
from tests.factories.directory import OrganizationFactory
from tests.factories.events import EventFactory, RegistrationFactory
from tests.factories.matchmaking import InterpreterFactory, ProfileFactory, SlotFactory
from tests.matchmaking.conftest import DAY

pytestmark = pytest.mark.integration

OFFICE_OK = {"anonymous": 302, "company": 403, "partner": 403, "officer": 200, "admin": 200}


def _accept(people, a, b):
    request = services.request_create(
        actor=services.Actor(registration=people[a].registration), requester=people[a], recipient=people[b]
    )
    return services.request_respond(
        actor=services.Actor(registration=people[b].registration), request=request, accept=True
    )


@pytest.fixture
def scheduled(people, resources, event, officer):
    _accept(people, "ru1", "cn1")
    meeting = Meeting.objects.get(event=event)
    Meeting.objects.filter(pk=meeting.pk).update(slot=resources["slots"][0], room=resources["rooms"][0])
    services.schedule_publish(user=officer, event=event)
    return Meeting.objects.get(pk=meeting.pk)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("office_list", []),
        ("office_event", ["b2b-day"]),
        ("office_resources", ["b2b-day"]),
        ("office_interpreter_new", ["b2b-day"]),
        ("office_schedule", ["b2b-day"]),
        ("office_export", ["b2b-day", "csv"]),
        ("office_export", ["b2b-day", "xlsx"]),
    ],
)
def test_office_pages_permission_matrix(client_for, people, resources, role, name, args):
    response = client_for(role).get(reverse(f"matchmaking:{name}", args=args))
    assert response.status_code == OFFICE_OK[role]


@pytest.mark.parametrize("role", ROLES)
def test_office_profile_permission_matrix(client_for, people, role):
    registration = people["cn1"].registration
    response = client_for(role).get(reverse("matchmaking:office_profile", args=["b2b-day", registration.pk]))
    assert response.status_code == OFFICE_OK[role]


@pytest.mark.parametrize("role", ROLES)
def test_office_interpreter_edit_permission_matrix(client_for, resources, role):
    url = reverse("matchmaking:office_interpreter_edit", args=["b2b-day", resources["interpreter"].pk])
    response = client_for(role).get(url)
    assert response.status_code == OFFICE_OK[role]


@pytest.mark.parametrize("role", ROLES)
def test_office_run_status_permission_matrix(client_for, event, role):
    run = ScheduleRun.objects.create(event=event, status=RunStatus.RUNNING, progress=40)
    response = client_for(role).get(reverse("matchmaking:office_run_status", args=[run.pk]))
    assert response.status_code == OFFICE_OK[role]


POST_REDIRECTS = {"anonymous": 302, "company": 403, "partner": 403, "officer": 302, "admin": 302}


@pytest.mark.parametrize("role", ROLES)
def test_office_posts_permission_matrix(client_for, people, resources, scheduled, role):
    client = client_for(role)
    cases = [
        (reverse("matchmaking:office_setup", args=["b2b-day"]), {"request_cap": 4, "expiry_hours": 24}),
        (reverse("matchmaking:office_lock", args=[scheduled.pk]), {}),
        (reverse("matchmaking:office_publish", args=["b2b-day"]), {}),
        (
            reverse("matchmaking:office_must_have", args=["b2b-day"]),
            {"first": people["ru2"].pk, "second": people["cn2"].pk, "priority": 5},
        ),
        (reverse("matchmaking:office_resources", args=["b2b-day"]), {"kind": "room", "room-name": "Extra"}),
        (reverse("matchmaking:office_resource_delete", args=["slot", resources["slots"][-1].pk]), {}),
        (reverse("matchmaking:office_run", args=["b2b-day"]), {"time_limit": 1}),
        (
            reverse("matchmaking:office_interpreter_edit", args=["b2b-day", resources["interpreter"].pk]),
            {"name": "Li Na", "languages": ["ru", "zh"], "unavailable_slots": [resources["slots"][1].pk]},
        ),
        (
            reverse("matchmaking:office_interpreter_new", args=["b2b-day"]),
            {"name": "Anna Wu", "languages": ["ru", "zh", "en"]},
        ),
    ]
    for url, data in cases:
        assert client.post(url, data).status_code == POST_REDIRECTS[role], url
    allowed = role in ("officer", "admin")
    assert Room.objects.filter(name="Extra").exists() == allowed
    assert Slot.objects.filter(pk=resources["slots"][-1].pk).exists() == (not allowed)
    assert MeetingRequest.objects.filter(must_have=True).exists() == allowed
    assert list(resources["interpreter"].unavailable_slots.all()) == (
        [resources["slots"][1]] if allowed else []
    )
    assert Interpreter.objects.filter(name="Anna Wu").exists() == allowed


PARTICIPANT_GET = {"anonymous": 302, "company": 200, "partner": 404, "officer": 404, "admin": 404}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", ["me_home", "me_profile", "me_calendar"])
def test_participant_pages_permission_matrix(client_for, people, scheduled, role, name):
    response = client_for(role).get(reverse(f"matchmaking:{name}", args=["b2b-day"]))
    assert response.status_code == PARTICIPANT_GET[role]


@pytest.mark.parametrize("role", ROLES)
def test_token_pages_open_to_anyone_with_the_link(client_for, people, scheduled, role):
    token = people["cn1"].registration.manage_token
    for name in ("p_home", "p_profile", "p_calendar"):
        assert client_for(role).get(reverse(f"matchmaking:{name}", args=[token])).status_code == 200


def test_registering_a_participants_email_again_does_not_lead_to_their_pages(client, people):
    registration = people["cn1"].registration
    form = {
        "full_name": "Somebody",
        "email": registration.email_normalized.upper(),
        "organization_name": "Anything",
        "country": "CN",
        "language": "en",
    }

    web = client.post("/en/events/b2b-day/register/", form, follow=True)
    api = client.post(
        "/api/v1/events/b2b-day/registrations",
        {"name": "Somebody", "email": registration.email_normalized, "language": "en"},
        content_type="application/json",
    )

    for body in (web.content.decode(), api.content.decode()):
        assert registration.manage_token not in body
        assert "/matchmaking/p/" not in body
    assert (web.redirect_chain, api.status_code) == ([("/en/events/b2b-day/registered/", 302)], 202)


@pytest.mark.parametrize("role", ROLES)
def test_mine_permission_matrix(client_for, people, role):
    response = client_for(role).get(reverse("matchmaking:mine"))
    assert response.status_code == (302 if role == "anonymous" else 200)


def test_bad_token_is_404(client, db):
    assert client.get(reverse("matchmaking:p_home", args=["nope"])).status_code == 404


def test_participant_sees_recommendations_with_reasons_and_requests(client_for, people):
    client = client_for("company")
    with translation.override("en"):
        page = client.get(reverse("matchmaking:me_home", args=["b2b-day"]))
    content = page.content.decode()
    assert f'data-testid="recommendation-{people["cn1"].pk}"' in content
    assert "Seeks what you offer: Technology" in content
    response = client.post(
        reverse("matchmaking:me_request", args=["b2b-day"]),
        {"recipient": people["cn1"].pk, "message": "Привет"},
    )
    assert response.status_code == 302
    request = MeetingRequest.objects.get()
    assert (request.requester, request.recipient, request.message) == (people["ru1"], people["cn1"], "Привет")
    # The recipient answers through its manage link.
    token = people["cn1"].registration.manage_token
    response = client.post(reverse("matchmaking:p_answer", args=[token, request.pk, "accept"]))
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == RequestStatus.ACCEPTED


def test_participant_cannot_answer_request_addressed_to_someone_else(client, people):
    request = services.request_create(
        actor=services.Actor(registration=people["ru1"].registration),
        requester=people["ru1"],
        recipient=people["cn1"],
    )
    token = people["cn2"].registration.manage_token
    response = client.post(reverse("matchmaking:p_answer", args=[token, request.pk, "accept"]))
    assert response.status_code == 404
    request.refresh_from_db()
    assert request.status == RequestStatus.PENDING


def test_profile_form_saves_and_reports_bad_zone(client, people, resources):
    token = people["cn2"].registration.manage_token
    url = reverse("matchmaking:p_profile", args=[token])
    data = {
        "organization_name": "海口银行",
        "offers": ["financing", "investment"],
        "seeks": ["supply"],
        "languages": ["zh", "en"],
        "time_zone": "Asia/Shanghai",
        "unavailable_slots": [resources["slots"][0].pk],
    }
    assert client.post(url, data).status_code == 302
    people["cn2"].refresh_from_db()
    assert people["cn2"].offers == ["financing", "investment"]
    assert list(people["cn2"].unavailable_slots.all()) == [resources["slots"][0]]
    with translation.override("en"):
        url = reverse("matchmaking:p_profile", args=[token])
    response = client.post(url, {**data, "time_zone": "Nowhere/Town"})
    assert response.status_code == 200
    assert "Unknown time zone." in response.content.decode()


def test_office_run_and_status_polling(
    client_for, people, resources, event, django_capture_on_commit_callbacks
):
    _accept(people, "ru1", "cn1")
    client = client_for("officer")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("matchmaking:office_run", args=["b2b-day"]), {"time_limit": 2})
    run = ScheduleRun.objects.get()
    assert (run.status, run.scheduled) == (RunStatus.DONE, 1)
    response = client.get(reverse("matchmaking:office_run_status", args=[run.pk]), HTTP_HX_REQUEST="true")
    assert response["HX-Refresh"] == "true"
    page = client.get(reverse("matchmaking:office_schedule", args=["b2b-day"]))
    meeting = Meeting.objects.get()
    assert f'data-testid="meeting-{meeting.pk}"' in page.content.decode()


def test_running_run_status_polls(client_for, event):
    run = ScheduleRun.objects.create(event=event, status=RunStatus.RUNNING, progress=40)
    content = (
        client_for("officer").get(reverse("matchmaking:office_run_status", args=[run.pk])).content.decode()
    )
    assert 'hx-trigger="every 1s"' in content


def _text_of(page, testid):
    """The text of the element with this data-testid (no nested tags), whitespace collapsed."""
    match = re.search(rf'data-testid="{testid}">([^<]*)<', page)
    assert match is not None, testid
    return " ".join(match.group(1).split())


@pytest.mark.parametrize(
    ("language", "percent", "elapsed", "best"),
    [
        (
            "en",
            "42%",
            "4.2 s of at most 10 s: the engine is searching for the best schedule.",
            "Best schedule so far: 312 of 340 meetings, 41 breaks; priority 350 of at most 372.",
        ),
        (
            "ru",
            "42%",
            "Прошло 4,2 с из не более чем 10 с: движок ищет лучшее расписание.",
            "Лучшее расписание на данный момент: встреч — 312 из 340, перерывов — 41; "
            "приоритет 350 из не более чем 372.",
        ),
        (
            "zh-hans",
            "42%",
            "已用 4.2 秒，最多 10 秒：引擎正在寻找最佳日程。",
            "目前最佳日程：已排 312/340 场会谈，空档 41 个；优先级 350，上限 372。",
        ),
    ],
)
def test_run_status_shows_the_engine_progress_in_the_officer_language(
    client_for, event, language, percent, elapsed, best
):
    run = ScheduleRun.objects.create(
        event=event,
        status=RunStatus.RUNNING,
        time_limit=10,
        progress=42,
        seconds=4.2,
        scheduled=312,
        unscheduled=28,
        breaks=41,
        priority=350,
        upper_bound=372,
    )

    response = client_for("officer").get(f"/{language}/matchmaking/office/runs/{run.pk}/")

    page = response.content.decode()
    assert _text_of(page, "run-percent") == percent
    assert '<progress max="100" value="42">' in page
    assert _text_of(page, "run-time") == elapsed
    assert _text_of(page, "run-best") == best


@pytest.mark.parametrize(
    ("language", "done"),
    [
        ("en", "Meetings scheduled: 1, not scheduled: 0, breaks: 1; priority 1 of at most 1; 0.5 s."),
        (
            "ru",
            "Встреч в расписании: 1, вне расписания: 0, перерывов: 1; приоритет 1 из не более чем 1; 0,5 с.",
        ),
        ("zh-hans", "已排会谈 1 场，未排 0 场，空档 1 个；优先级 1，上限 1；用时 0.5 秒。"),
    ],
)
def test_done_run_status_reads_well_for_one_meeting(client_for, event, language, done):
    """ "1 meetings scheduled, … 1 breaks" was the English text of a run that placed one meeting."""
    run = ScheduleRun.objects.create(
        event=event,
        status=RunStatus.DONE,
        progress=100,
        seconds=0.5,
        scheduled=1,
        breaks=1,
        priority=1,
        upper_bound=1,
    )

    page = client_for("officer").get(f"/{language}/matchmaking/office/runs/{run.pk}/").content.decode()

    assert _text_of(page, "run-done") == done


def test_run_status_before_the_first_schedule_says_it_is_building(client_for, event):
    run = ScheduleRun.objects.create(event=event, status=RunStatus.RUNNING, time_limit=10)

    page = client_for("officer").get(f"/en/matchmaking/office/runs/{run.pk}/").content.decode()

    assert "Building the first schedule…" in page
    assert 'data-testid="run-best"' not in page


def test_exports_hold_the_meetings(client_for, scheduled, people):
    client = client_for("officer")
    csv_text = client.get(
        reverse("matchmaking:office_export", args=["b2b-day", "csv"]), HTTP_ACCEPT_LANGUAGE="en"
    )
    lines = csv_text.content.decode("utf-8-sig").splitlines()
    assert len(lines) == 2
    # Each organization as stored, then for the reader (the URL's language, Russian) with the transliteration.
    assert lines[1].endswith(
        "Uralmash Trade,Uralmash Trade,,海南贸易集团,Хайнань Мао И Цзи Туань,Palladius,,,,1,"
    )
    xlsx = client.get(reverse("matchmaking:office_export", args=["b2b-day", "xlsx"]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert [c.value for c in sheet[2]][4:10] == [
        "Uralmash Trade",
        "Uralmash Trade",
        None,
        "海南贸易集团",
        "Хайнань Мао И Цзи Туань",
        "Palladius",
    ]
    assert client.get(reverse("matchmaking:office_export", args=["b2b-day", "pdf"])).status_code == 404


def test_participant_calendar_is_ics(client, people, scheduled):
    token = people["ru1"].registration.manage_token
    response = client.get(reverse("matchmaking:p_calendar", args=[token]))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response.content.count(b"BEGIN:VEVENT") == 1


def test_office_event_query_count_does_not_grow(client_for, people, django_assert_max_num_queries):
    client = client_for("officer")
    with django_assert_max_num_queries(20):
        response = client.get(reverse("matchmaking:office_event", args=["b2b-day"]))
    assert response.status_code == 200


def test_office_list_query_count(client_for, people, django_assert_num_queries):
    client = client_for("officer")
    client.get(reverse("matchmaking:office_list"))
    with django_assert_num_queries(5):  # with the footer's office contacts
        client.get(reverse("matchmaking:office_list"))


def test_participant_page_query_count_does_not_grow_with_requests(
    client_for, people, django_assert_max_num_queries
):
    client = client_for("company")
    url = reverse("matchmaking:me_home", args=["b2b-day"])
    client.get(url)
    for other in ("ru2", "ru3", "cn2"):
        services.request_create(
            actor=services.Actor(registration=people[other].registration),
            requester=people[other],
            recipient=people["ru1"],
        )
    with django_assert_max_num_queries(30):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("role", ["company", "officer"])
def test_dashboard_shows_the_matchmaking_panel(client_for, people, role):
    with translation.override("en"):
        content = client_for(role).get(reverse("web:dashboard")).content.decode()
    assert 'data-testid="matchmaking-dashboard"' in content
    if role == "company":
        assert 'href="/en/matchmaking/me/b2b-day/"' in content


@pytest.mark.parametrize(
    "model",
    [
        "profile",
        "meetingrequest",
        "meeting",
        "interpreter",
        "schedulerun",
        "slot",
        "room",
        "matchmakingsetup",
    ],
)
def test_admin_changelists_open_for_administrators(client_for, scheduled, model):
    assert client_for("admin").get(f"/admin/matchmaking/{model}/").status_code == 200
    assert client_for("officer").get(f"/admin/matchmaking/{model}/").status_code == 302


def test_interpreter_page_shows_the_slots_as_a_grid_in_both_cities(client_for, resources, event):
    extra = SlotFactory(
        event=event, starts_at=DAY + timedelta(days=1), ends_at=DAY + timedelta(days=1, minutes=20)
    )
    resources["interpreter"].unavailable_slots.set([resources["slots"][1]])
    url = reverse("matchmaking:office_interpreter_edit", args=["b2b-day", resources["interpreter"].pk])

    page = client_for("officer").get(f"/ru{url[3:]}").content.decode()

    grid = page[page.index('data-testid="slot-grid"') :]
    heads = re.findall(r"<th>([^<]*)</th>", grid[: grid.index("</thead>")])
    assert heads == ["5 марта 2030\u202fг.", "6 марта 2030\u202fг."]
    body = grid[grid.index("<tbody>") :]
    first_row = body[: body.index("</tr>")]
    assert f'value="{resources["slots"][0].pk}"' in first_row
    assert f'value="{extra.pk}"' in first_row  # the second day's first slot, in the second column
    assert "09:00–09:20 Москва · 14:00–14:20 Хайкоу" in first_row
    assert re.search(rf'value="{resources["slots"][1].pk}" data-testid="slot-\d+" checked>', grid)
    assert re.search(rf'value="{resources["slots"][0].pk}" data-testid="slot-\d+">', grid)
    assert page.count('type="checkbox" name="unavailable_slots"') == 7


def test_interpreter_page_saves_the_slots_and_returns_to_resources(client_for, resources):
    interpreter = resources["interpreter"]
    url = reverse("matchmaking:office_interpreter_edit", args=["b2b-day", interpreter.pk])
    away = [resources["slots"][0].pk, resources["slots"][4].pk]

    response = client_for("officer").post(
        url, {"name": "Li Na", "email": "", "languages": ["ru", "zh"], "unavailable_slots": away}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("matchmaking:office_resources", args=["b2b-day"])
    assert sorted(interpreter.unavailable_slots.values_list("pk", flat=True)) == away


@pytest.mark.parametrize(
    ("language", "languages_error", "slots_error"),
    [
        ("ru", "Переводчик владеет как минимум двумя языками.", "Выберите слоты этого мероприятия."),
        ("zh-hans", "翻译至少需掌握两种语言。", "请选择本活动的时段。"),
        ("en", "An interpreter speaks at least two languages.", "Choose slots of this event."),
    ],
)
def test_interpreter_page_shows_errors_in_the_officer_language(
    client_for, resources, event, language, languages_error, slots_error
):
    interpreter = resources["interpreter"]
    other_event_slot = SlotFactory(event=EventFactory(), starts_at=DAY, ends_at=DAY + timedelta(minutes=20))
    url = f"/{language}/matchmaking/office/b2b-day/interpreters/{interpreter.pk}/"
    client = client_for("officer")

    bad_slot = client.post(
        url, {"name": "Li Na", "languages": ["ru", "zh"], "unavailable_slots": [other_event_slot.pk]}
    )
    one_language = client.post(
        url, {"name": "Li Na", "languages": ["ru"], "unavailable_slots": [resources["slots"][2].pk]}
    )

    assert bad_slot.status_code == one_language.status_code == 400
    assert bad_slot.context["form"].errors == {"unavailable_slots": [slots_error]}
    assert one_language.context["form"].errors == {"languages": [languages_error]}
    # The grid keeps what the officer ticked.
    assert re.search(
        rf'value="{resources["slots"][2].pk}" data-testid="slot-\d+" checked>', one_language.content.decode()
    )
    interpreter.refresh_from_db()
    assert (interpreter.languages, interpreter.unavailable_slots.count()) == (["ru", "zh"], 0)


def test_interpreter_page_of_another_event_is_404(client_for, resources):
    other = InterpreterFactory(event=EventFactory(slug="other-day"), languages=["ru", "zh"])
    url = reverse("matchmaking:office_interpreter_edit", args=["b2b-day", other.pk])
    assert client_for("officer").get(url).status_code == 404


def test_interpreter_page_adds_an_interpreter_with_its_slots(client_for, resources, event):
    response = client_for("officer").post(
        reverse("matchmaking:office_interpreter_new", args=["b2b-day"]),
        {"name": "Anna Wu", "languages": ["ru", "zh"], "unavailable_slots": [resources["slots"][3].pk]},
    )

    assert response.status_code == 302
    added = Interpreter.objects.get(event=event, name="Anna Wu")
    assert list(added.unavailable_slots.all()) == [resources["slots"][3]]


def test_resources_page_links_each_interpreter_to_its_page(client_for, resources):
    resources["interpreter"].unavailable_slots.set(resources["slots"][:2])

    page = client_for("officer").get("/en/matchmaking/office/b2b-day/resources/").content.decode()

    item = page[page.index(f'data-testid="interpreter-{resources["interpreter"].pk}"') :]
    assert "cannot work at 2 times" in item[: item.index("</li>")]
    assert f'href="/en/matchmaking/office/b2b-day/interpreters/{resources["interpreter"].pk}/"' in item


def _send(people, a, b):
    return services.request_create(
        actor=services.Actor(registration=people[a].registration), requester=people[a], recipient=people[b]
    )


def _page(client, language, name, *args):
    with translation.override(language):
        return client.get(reverse(f"matchmaking:{name}", args=args)).content.decode()


@pytest.mark.parametrize(
    ("language", "notice"),
    [
        ("ru", "Вы достигли установленного организатором лимита: 3 встречи"),
        ("zh-hans", "您已达到主办方规定的上限（3 场会谈"),
        ("en", "limit of 3 meetings (requests awaiting an answer and accepted meetings"),
    ],
)
def test_cap_reached_hides_the_request_buttons_and_says_why(client_for, people, language, notice):
    for other in ("cn1", "cn2", "ru2"):
        _send(people, "ru1", other)
    content = _page(client_for("company"), language, "me_home", "b2b-day")
    assert 'data-testid="cap-reached"' in content
    assert notice in content
    assert re.search(r'data-testid="request-\d+"', content) is None
    assert 'request/"' not in content


def test_below_the_cap_the_request_buttons_are_shown(client_for, people):
    _send(people, "ru1", "cn2")
    content = _page(client_for("company"), "en", "me_home", "b2b-day")
    assert 'data-testid="cap-reached"' not in content
    assert f'data-testid="request-{people["cn1"].pk}"' in content


def test_request_over_the_cap_is_refused_with_the_reason(client_for, people):
    for other in ("cn2", "ru2", "ru3"):
        _send(people, "ru1", other)
    client = client_for("company")
    with translation.override("ru"):
        url = reverse("matchmaking:me_request", args=["b2b-day"])
    response = client.post(url, {"recipient": people["cn1"].pk}, follow=True)
    assert "Вы достигли установленного организатором лимита в 3 встреч." in response.content.decode()
    assert MeetingRequest.objects.filter(recipient=people["cn1"]).count() == 0


@pytest.mark.parametrize("route", ["me", "p"])
def test_requester_withdraws_a_pending_request(
    client_for, people, route, mailoutbox, django_capture_on_commit_callbacks
):
    request = _send(people, "ru1", "cn1")
    mailoutbox.clear()
    args = ["b2b-day"] if route == "me" else [people["ru1"].registration.manage_token]
    client = client_for("company") if route == "me" else client_for("anonymous")
    home = _page(client, "en", f"{route}_home", *args)
    assert f'data-testid="withdraw-{request.pk}"' in home
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse(f"matchmaking:{route}_withdraw", args=[*args, request.pk]))
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == RequestStatus.CANCELLED
    assert [m.to for m in mailoutbox] == [[people["cn1"].registration.email]]
    assert 'data-testid="withdraw-' not in _page(client, "en", f"{route}_home", *args)


def test_withdrawing_frees_a_place_under_the_cap(client_for, people):
    requests = [_send(people, "ru1", other) for other in ("cn2", "ru2", "ru3")]
    client = client_for("company")
    client.post(reverse("matchmaking:me_withdraw", args=["b2b-day", requests[0].pk]))
    content = _page(client, "en", "me_home", "b2b-day")
    assert 'data-testid="cap-reached"' not in content
    assert f'data-testid="request-{people["cn1"].pk}"' in content


@pytest.mark.parametrize("who", ["recipient", "stranger"])
def test_others_cannot_withdraw_someone_elses_request(client, people, who):
    request = _send(people, "ru1", "cn1")
    token = people["cn1" if who == "recipient" else "cn2"].registration.manage_token
    response = client.post(reverse("matchmaking:p_withdraw", args=[token, request.pk]))
    assert response.status_code == 404
    request.refresh_from_db()
    assert request.status == RequestStatus.PENDING


def test_withdrawing_an_answered_request_is_refused_with_the_reason(client_for, people):
    request = _accept(people, "ru1", "cn1")
    with translation.override("ru"):
        url = reverse("matchmaking:me_withdraw", args=["b2b-day", request.pk])
    response = client_for("company").post(url, follow=True)
    assert "Отозвать можно только запрос, ожидающий ответа." in response.content.decode()
    request.refresh_from_db()
    assert request.status == RequestStatus.ACCEPTED


WITHDRAW_POST = {"anonymous": 302, "company": 302, "partner": 404, "officer": 404, "admin": 404}


@pytest.mark.parametrize("role", ROLES)
def test_withdraw_permission_matrix(client_for, people, role):
    request = _send(people, "ru1", "cn1")
    response = client_for(role).post(reverse("matchmaking:me_withdraw", args=["b2b-day", request.pk]))
    assert response.status_code == WITHDRAW_POST[role]
    if role == "anonymous":
        assert "/login" in response["Location"] or "login" in response["Location"]
    request.refresh_from_db()
    assert request.status == (RequestStatus.CANCELLED if role == "company" else RequestStatus.PENDING)


def test_recommendations_never_propose_colleagues_of_the_same_organization(
    client_for, people, event, sectors
):
    organization = people["ru1"].registration.organization or OrganizationFactory()
    Registration.objects.filter(pk=people["ru1"].registration_id).update(organization=organization)
    colleague = ProfileFactory(
        registration=RegistrationFactory(event=event, organization=organization),
        organization_name="Uralmash Trade (Moscow office)",
        offers=["investment", "distribution"],
        seeks=["technology"],
        languages=["ru"],
        sectors=[sectors["C"]],
    )
    content = _page(client_for("company"), "en", "me_home", "b2b-day")
    assert f'data-testid="recommendation-{colleague.pk}"' not in content
    assert f'data-testid="recommendation-{people["cn1"].pk}"' in content


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "ru",
            '<span lang="ru">ООО «Хайнань Трейд»</span> <span class="muted"><span lang="ru">Ли Вэй</span></span>',
        ),
        (
            "zh-hans",
            '<span lang="zh-Hans">海南贸易集团</span> <span class="muted"><span lang="zh-Hans">李伟</span></span>',
        ),
        # The Latin spelling the person gave is their English name.
        (
            "en",
            '<span lang="en">Hainan Trade Group</span> <span class="muted"><span lang="en">Li Wei</span></span>',
        ),
    ],
)
def test_recommendations_show_names_in_the_reader_language(client_for, people, language, expected):
    registration = people["cn1"].registration
    organization = OrganizationFactory(
        name_ru="ООО «Хайнань Трейд»", name_zh_hans="海南贸易集团", name_en="Hainan Trade Group"
    )
    Registration.objects.filter(pk=registration.pk).update(
        organization=organization, full_name="李伟" if language != "ru" else "Ли Вэй", name_latin="Li Wei"
    )
    content = _page(client_for("company"), language, "me_home", "b2b-day")
    assert expected in content


@pytest.mark.parametrize(
    ("language", "zone_option", "group", "country"),
    [
        (
            "ru",
            '<option value="Asia/Vladivostok" selected>Владивосток (UTC+10:00)</option>',
            "Россия",
            "Китай",
        ),
        (
            "zh-hans",
            '<option value="Asia/Vladivostok" selected>海参崴 (UTC+10:00)</option>',
            "俄罗斯",
            "中国",
        ),
    ],
)
def test_profile_form_offers_a_zone_select_with_the_own_zone_and_country_checkboxes(
    client, people, language, zone_option, group, country
):
    Profile.objects.filter(pk=people["ru2"].pk).update(time_zone="Asia/Vladivostok", countries=["CN"])
    content = _page(client, language, "p_profile", people["ru2"].registration.manage_token)
    assert zone_option in content
    assert re.findall(r'<option value="([^"]+)"[^>]*selected', content) == ["Asia/Vladivostok"]
    assert f'<optgroup label="{group}">' in content
    for zone in ("Europe/Moscow", "Asia/Shanghai", "Asia/Yekaterinburg", "Asia/Novosibirsk", "Europe/Minsk"):
        assert f'<option value="{zone}">' in content
    assert content.count('<option value="') < 80
    assert re.search(rf'<input type="checkbox" name="countries" value="CN"[^>]*checked>\s*{country}', content)
    assert 'name="countries" value="RU"' in content
    assert 'data-filter-for="id_countries"' in content
    assert "core/checklist-filter.js" in content
    assert "<script>" not in content
