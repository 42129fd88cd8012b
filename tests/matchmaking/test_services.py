from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation
from icalendar import Calendar

from investbridge.matchmaking import agenda, engine, runs, scheduler, selectors, services
from investbridge.matchmaking.models import (
    Meeting,
    MeetingRequest,
    Profile,
    RequestStatus,
    RunStatus,
    ScheduleRun,
    Slot,
)
from tests.factories.events import EventFactory, RegistrationFactory
from tests.factories.matchmaking import SlotFactory

pytestmark = pytest.mark.integration


def _as(profile):
    return services.Actor(registration=profile.registration)


def test_profile_ensure_creates_from_registration_once(event):
    registration = RegistrationFactory(
        event=event, organization_name="Kama Motors", country="RU", language="ru"
    )
    first = services.profile_ensure(registration=registration)
    second = services.profile_ensure(registration=registration)
    assert first.pk == second.pk
    assert (first.organization_name, first.languages, first.time_zone) == (
        "Kama Motors",
        ["ru"],
        "Europe/Moscow",
    )


def test_profile_update_by_other_participant_is_refused(people):
    with pytest.raises(PermissionDenied):
        services.profile_update(
            actor=_as(people["ru2"]), profile=people["ru1"], values={"offers": ["supply"]}
        )


def test_profile_update_rejects_unknown_kind_and_zone(people):
    with pytest.raises(ValidationError) as error:
        services.profile_update(actor=_as(people["ru1"]), profile=people["ru1"], values={"offers": ["magic"]})
    assert error.value.message_dict == {"offers": ["Неизвестный вид сотрудничества: magic."]}
    with pytest.raises(ValidationError):
        services.profile_update(
            actor=_as(people["ru1"]), profile=people["ru1"], values={"time_zone": "Mars/Olympus"}
        )


def test_profile_update_by_officer_saves(people, officer):
    profile = services.profile_update(
        actor=services.Actor(user=officer), profile=people["ru1"], values={"seeks": ["supply", "financing"]}
    )
    assert profile.seeks == ["financing", "supply"]


def test_recommendations_match_russian_and_chinese_profiles_without_translation(people):
    result = selectors.recommendations(profile=people["ru1"])
    assert [r.profile.organization_name for r in result] == ["海南贸易集团"]
    assert [r.code for r in result[0].suggestion.reasons] == [
        "offers",
        "offers",
        "seeks",
        "sector",
        "country_interest",
        "interested_in_you",
        "interpreter_needed",
    ]


def test_request_create_sends_mail_in_recipients_language(people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        request = services.request_create(
            actor=_as(people["ru1"]), requester=people["ru1"], recipient=people["cn1"]
        )
    assert request.status == RequestStatus.PENDING
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [people["cn1"].registration.email]
    assert mail.outbox[0].subject.startswith("新的会谈请求")


def test_request_duplicate_in_either_direction_is_refused(people):
    services.request_create(actor=_as(people["ru1"]), requester=people["ru1"], recipient=people["cn1"])
    with pytest.raises(ValidationError) as error:
        services.request_create(actor=_as(people["cn1"]), requester=people["cn1"], recipient=people["ru1"])
    assert error.value.code == "duplicate"


def test_request_after_decline_may_be_made_again(people):
    first = services.request_create(
        actor=_as(people["ru1"]), requester=people["ru1"], recipient=people["cn1"]
    )
    services.request_respond(actor=_as(people["cn1"]), request=first, accept=False)
    second = services.request_create(
        actor=_as(people["ru1"]), requester=people["ru1"], recipient=people["cn1"]
    )
    assert second.pk != first.pk


def test_request_cap_counts_sent_and_received(people, event):
    services.setup_update(user=None, event=event, request_cap=2, expiry_hours=1) if False else None
    setup = selectors.setup_of(event=event)
    setup.request_cap = 2
    setup.save()
    services.request_create(actor=_as(people["ru1"]), requester=people["ru1"], recipient=people["cn1"])
    services.request_create(actor=_as(people["ru2"]), requester=people["ru2"], recipient=people["ru1"])
    with pytest.raises(ValidationError) as error:
        services.request_create(actor=_as(people["ru1"]), requester=people["ru1"], recipient=people["cn2"])
    assert error.value.code == "cap"
    with pytest.raises(ValidationError) as error:
        services.request_create(actor=_as(people["ru3"]), requester=people["ru3"], recipient=people["ru1"])
    assert error.value.code == "cap_recipient"


def test_request_to_oneself_is_refused(people):
    with pytest.raises(ValidationError):
        services.request_create(actor=_as(people["ru1"]), requester=people["ru1"], recipient=people["ru1"])


def test_request_for_someone_else_is_refused(people):
    with pytest.raises(PermissionDenied):
        services.request_create(actor=_as(people["ru2"]), requester=people["ru1"], recipient=people["cn1"])


def test_accept_creates_meeting_and_only_recipient_may_answer(people, django_capture_on_commit_callbacks):
    request = services.request_create(
        actor=_as(people["ru1"]), requester=people["ru1"], recipient=people["cn1"]
    )
    with pytest.raises(PermissionDenied):
        services.request_respond(actor=_as(people["ru1"]), request=request, accept=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.request_respond(actor=_as(people["cn1"]), request=request, accept=True)
    assert Meeting.objects.filter(request=request).count() == 1
    assert mail.outbox[-1].to == [people["ru1"].registration.email]
    assert mail.outbox[-1].subject.startswith("Ваш запрос на встречу принят")
    with pytest.raises(ValidationError):
        services.request_respond(actor=_as(people["cn1"]), request=request, accept=False)


def test_requests_expire_marks_only_overdue_pending(people, django_capture_on_commit_callbacks):
    overdue = services.request_create(
        actor=_as(people["ru1"]), requester=people["ru1"], recipient=people["cn1"]
    )
    fresh = services.request_create(
        actor=_as(people["ru2"]), requester=people["ru2"], recipient=people["cn2"]
    )
    MeetingRequest.objects.filter(pk=overdue.pk).update(expires_at=datetime(2020, 1, 1, tzinfo=UTC))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.requests_expire() == 1
    overdue.refresh_from_db()
    fresh.refresh_from_db()
    assert (overdue.status, fresh.status) == (RequestStatus.EXPIRED, RequestStatus.PENDING)
    assert mail.outbox[-1].to == [people["ru1"].registration.email]


def test_expire_command_reports_count(people):
    from io import StringIO

    from django.core.management import call_command

    request = services.request_create(
        actor=_as(people["ru1"]), requester=people["ru1"], recipient=people["cn1"]
    )
    MeetingRequest.objects.filter(pk=request.pk).update(expires_at=datetime(2020, 1, 1, tzinfo=UTC))
    out = StringIO()
    call_command("matchmaking_expire", stdout=out)
    assert out.getvalue() == "1 request(s) expired.\n"


def test_must_have_turns_pending_request_into_accepted_meeting(people, officer):
    pending = services.request_create(
        actor=_as(people["ru1"]), requester=people["ru1"], recipient=people["cn1"]
    )
    result = services.must_have_add(user=officer, first=people["cn1"], second=people["ru1"])
    assert result.pk == pending.pk
    result.refresh_from_db()
    assert (result.status, result.must_have, result.priority) == (RequestStatus.ACCEPTED, True, 10)
    assert Meeting.objects.filter(request=result).count() == 1


def test_must_have_needs_an_officer(people, company_user):
    with pytest.raises(PermissionDenied):
        services.must_have_add(user=company_user, first=people["cn1"], second=people["ru1"])


def test_slots_generate_only_where_both_cities_work(officer):
    event = EventFactory(host_time_zone="Asia/Shanghai", partner_time_zone="Europe/Moscow")
    created = services.slots_generate(user=officer, event=event, days=[date(2030, 3, 5)], minutes=30)
    # Haikou 09:00–18:00 = 01:00–10:00 UTC; Moscow 09:00–18:00 = 06:00–15:00 UTC: overlap 06:00–10:00 UTC.
    assert next(s.starts_at for s in created) == datetime(2030, 3, 5, 6, 0, tzinfo=UTC)
    assert [s.ends_at for s in created][-1] == datetime(2030, 3, 5, 10, 0, tzinfo=UTC)
    assert len(created) == 8
    again = services.slots_generate(
        user=officer, event=event, days=[date(2030, 3, 5)], minutes=30, partner_hours=(time(8), time(18))
    )
    assert [s.starts_at for s in again] == [
        datetime(2030, 3, 5, 5, 0, tzinfo=UTC),
        datetime(2030, 3, 5, 5, 30, tzinfo=UTC),
    ]


def _accepted(people, pairs):
    for a, b in pairs:
        request = services.request_create(actor=_as(people[a]), requester=people[a], recipient=people[b])
        services.request_respond(actor=_as(people[b]), request=request, accept=True)


def test_schedule_run_places_meetings_checked_and_locked_ones_stay(
    people, resources, event, officer, django_capture_on_commit_callbacks
):
    _accepted(people, [("ru1", "cn1"), ("ru2", "cn2"), ("ru3", "cn2"), ("ru1", "ru2")])
    with django_capture_on_commit_callbacks(execute=True):
        run = services.schedule_run_start(user=officer, event=event, time_limit=2)
    run.refresh_from_db()
    assert (run.status, run.progress, run.scheduled, run.unscheduled) == (RunStatus.DONE, 100, 4, 0)
    built = engine.build_instance(event=event)
    room_number = {room.pk: k + 1 for k, room in enumerate(built.rooms)}
    assignments = [
        scheduler.Assignment(
            meeting=m.pk, slot=m.slot_id, room=room_number[m.room_id], interpreter=m.interpreter_id
        )
        for m in Meeting.objects.filter(event=event)
    ]
    assert scheduler.check_schedule(built.instance, assignments).ok
    ru_cn = Meeting.objects.get(request__requester=people["ru1"], request__recipient=people["cn1"])
    assert ru_cn.interpreter == resources["interpreter"]
    # Lock it in the last slot, run again: it stays there.
    last = resources["slots"][-1]
    Meeting.objects.filter(pk=ru_cn.pk).update(slot=last)
    services.meeting_set_lock(user=officer, meeting=ru_cn, locked=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.schedule_run_start(user=officer, event=event, time_limit=2)
    ru_cn.refresh_from_db()
    assert (ru_cn.slot_id, ru_cn.locked) == (last.pk, True)
    assert ScheduleRun.objects.filter(event=event, status=RunStatus.DONE).count() == 2


def _progress(seconds, *, scheduled=3, breaks=1, priority=5, phase=scheduler.Phase.SEARCH):
    best = scheduler.Objective(priority=priority, scheduled=scheduled, breaks=breaks, max_breaks=1)
    return scheduler.Progress(
        phase=phase, seconds=seconds, share=seconds / 10, meetings=4, best=best, upper_bound_priority=7
    )


def test_run_progress_recorder_writes_at_most_once_per_interval(event):
    run = ScheduleRun.objects.create(event=event, status=RunStatus.RUNNING, time_limit=10)
    now = [100.0]
    recorder = runs.RunProgressRecorder(run, interval=1.0, clock=lambda: now[0])
    stored = []
    for clock, report in [
        (100.0, _progress(0.2, scheduled=2, breaks=3)),
        (100.4, _progress(0.6, scheduled=3, breaks=3)),  # within the second: not written
        (100.9, _progress(1.1, scheduled=3, breaks=2)),  # not written either
        (101.0, _progress(1.2, scheduled=3, breaks=2)),  # carries the best of the skipped ones
        (102.5, _progress(2.7, scheduled=4, breaks=1, priority=7)),
    ]:
        now[0] = clock
        recorder(report)
        run.refresh_from_db()
        stored.append((run.progress, run.seconds, run.scheduled, run.unscheduled, run.breaks, run.priority))

    assert recorder.writes == 3
    assert stored == [
        (2, 0.2, 2, 2, 3, 5),
        (2, 0.2, 2, 2, 3, 5),
        (2, 0.2, 2, 2, 3, 5),
        (12, 1.2, 3, 1, 2, 5),
        (27, 2.7, 4, 0, 1, 7),
    ]
    assert run.upper_bound == 7


def test_run_progress_recorder_leaves_a_finished_run_alone(event):
    run = ScheduleRun.objects.create(event=event, status=RunStatus.DONE, progress=100, scheduled=4)
    runs.RunProgressRecorder(run)(_progress(3.0, scheduled=1))
    run.refresh_from_db()
    assert (run.progress, run.scheduled) == (100, 4)


def test_schedule_run_stores_the_engine_progress_while_it_runs(people, resources, event, officer):
    _accepted(people, [("ru1", "cn1"), ("ru2", "cn2"), ("ru3", "cn2"), ("ru1", "ru2")])
    run = ScheduleRun.objects.create(event=event, status=RunStatus.RUNNING, time_limit=2)
    recorder = runs.RunProgressRecorder(run, interval=0)
    reports, rows = [], []

    def watch(progress):
        recorder(progress)
        reports.append(progress)
        rows.append(
            ScheduleRun.objects.values_list("progress", "seconds", "scheduled", "unscheduled").get(pk=run.pk)
        )

    outcome = engine.schedule(event=event, time_limit=2, workers=1, on_progress=watch)

    assert reports[0].phase == scheduler.Phase.CONSTRUCTION
    assert reports[-1].phase == scheduler.Phase.DONE
    assert rows == [
        (min(99, int(r.share * 100)), round(r.seconds, 1), r.best.scheduled, 4 - r.best.scheduled)
        for r in reports
    ]
    assert rows[-1][2:] == (outcome.scheduled, 0)
    assert outcome.scheduled == 4


def test_schedule_run_without_resources_is_refused(people, event, officer):
    with pytest.raises(ValidationError) as error:
        services.schedule_run_start(user=officer, event=event, time_limit=2)
    assert error.value.code == "resources"


def test_schedule_run_fails_cleanly_when_locked_meetings_clash(people, resources, event, officer):
    _accepted(people, [("ru1", "cn1"), ("ru1", "ru2")])
    slot = resources["slots"][0]
    for meeting in Meeting.objects.filter(event=event):
        Meeting.objects.filter(pk=meeting.pk).update(slot=slot, room=resources["rooms"][0], locked=True)
    run = ScheduleRun.objects.create(event=event, time_limit=2)
    runs.schedule_run_execute(run_id=run.pk)
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED
    assert run.error != ""
    assert list(Meeting.objects.filter(event=event).values_list("slot_id", flat=True)) == [slot.pk, slot.pk]


def test_publish_notifies_changed_participants_and_raises_sequence(
    people, resources, event, officer, django_capture_on_commit_callbacks
):
    _accepted(people, [("ru1", "cn1"), ("ru2", "cn2")])
    with django_capture_on_commit_callbacks(execute=True):
        services.schedule_run_start(user=officer, event=event, time_limit=2)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        changed = services.schedule_publish(user=officer, event=event)
    assert len(changed) == 4
    assert len(mail.outbox) == 4
    chinese = next(m for m in mail.outbox if m.to == [people["cn1"].registration.email])
    assert chinese.subject.startswith("您的会谈日程已更新")
    assert chinese.attachments[0][0] == "meetings.ics"
    # Nothing changed: no notice.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.schedule_publish(user=officer, event=event) == []
    assert mail.outbox == []
    # Move one meeting: only its two participants hear of it, its SEQUENCE rises, its UID stays.
    meeting = Meeting.objects.get(request__requester=people["ru1"])
    uid_before = agenda.meeting_uid(meeting)
    free = next(s for s in resources["slots"] if not Meeting.objects.filter(slot=s).exists())
    Meeting.objects.filter(pk=meeting.pk).update(slot=free)
    with django_capture_on_commit_callbacks(execute=True):
        changed = services.schedule_publish(user=officer, event=event)
    assert sorted(p.pk for p in changed) == sorted([people["ru1"].pk, people["cn1"].pk])
    meeting.refresh_from_db()
    assert meeting.sequence == 1
    calendar = Calendar.from_ical(agenda.calendar_for(people["ru1"], language="ru"))
    events = calendar.walk("VEVENT")
    assert [(str(e["uid"]), int(e["sequence"]), e["dtstart"].dt) for e in events] == [
        (uid_before, 1, free.starts_at)
    ]


def test_publish_of_removed_meeting_keeps_it_cancelled_in_calendar(people, resources, event, officer):
    _accepted(people, [("ru1", "cn1")])
    meeting = Meeting.objects.get(event=event)
    Meeting.objects.filter(pk=meeting.pk).update(slot=resources["slots"][0], room=resources["rooms"][0])
    services.schedule_publish(user=officer, event=event)
    Meeting.objects.filter(pk=meeting.pk).update(slot=None, room=None)
    services.schedule_publish(user=officer, event=event)
    events = Calendar.from_ical(agenda.calendar_for(people["cn1"], language="zh-hans")).walk("VEVENT")
    assert [(str(e["status"]), int(e["sequence"])) for e in events] == [("CANCELLED", 1)]
    assert agenda.agenda_for(people["cn1"], language="zh-hans") == []


def test_agenda_shows_both_cities_and_own_zone(people, resources, event, officer):
    _accepted(people, [("ru1", "cn1")])
    Profile.objects.filter(pk=people["ru1"].pk).update(time_zone="Europe/Berlin")
    people["ru1"].refresh_from_db()
    meeting = Meeting.objects.get(event=event)
    Meeting.objects.filter(pk=meeting.pk).update(slot=resources["slots"][0], room=resources["rooms"][0])
    services.schedule_publish(user=officer, event=event)
    items = agenda.agenda_for(people["ru1"], language="en")
    assert items[0].times == "09:00–09:20 Moscow · 14:00–14:20 Haikou · 07:00–07:20 Berlin"
    assert items[0].other.organization_name == "海南贸易集团"


def test_slot_delete_refuses_locked(people, resources, event, officer):
    _accepted(people, [("ru1", "cn1")])
    meeting = Meeting.objects.get(event=event)
    Meeting.objects.filter(pk=meeting.pk).update(
        slot=resources["slots"][0], room=resources["rooms"][0], locked=True
    )
    with pytest.raises(ValidationError):
        services.slot_delete(user=officer, slot=resources["slots"][0])
    assert Slot.objects.filter(pk=resources["slots"][0].pk).exists()


def test_interpreter_needs_two_languages(event, officer):
    with pytest.raises(ValidationError):
        services.interpreter_add(user=officer, event=event, name="A", languages=["ru"])
    assert services.interpreter_add(
        user=officer, event=event, name="B", languages=["zh", "ru"]
    ).languages == ["ru", "zh"]


def test_interpreter_add_with_the_slots_it_cannot_work(event, officer, resources):
    away = resources["slots"][1:3]

    interpreter = services.interpreter_add(
        user=officer, event=event, name=" Olga Li ", languages=["zh", "ru", "en"], unavailable_slots=away
    )

    assert (interpreter.name, interpreter.languages) == ("Olga Li", ["en", "ru", "zh"])
    assert set(interpreter.unavailable_slots.all()) == set(away)


def test_interpreter_update_changes_everything_and_the_engine_sees_it(people, resources, event, officer):
    interpreter = resources["interpreter"]
    away = [resources["slots"][0], resources["slots"][5]]

    services.interpreter_update(
        user=officer,
        interpreter=interpreter,
        name="Li Na (Hainan University)",
        languages=["ru", "zh", "en"],
        email="li.na@example.org",
        unavailable_slots=away,
    )

    interpreter.refresh_from_db()
    assert (interpreter.name, interpreter.languages, interpreter.email) == (
        "Li Na (Hainan University)",
        ["en", "ru", "zh"],
        "li.na@example.org",
    )
    built = engine.build_instance(event=event)
    assert built.instance.interpreters == (
        scheduler.Interpreter(
            id=interpreter.pk,
            languages=frozenset({"en", "ru", "zh"}),
            unavailable=frozenset(s.pk for s in away),
        ),
    )


@pytest.mark.parametrize("role", ["company", "partner"])
def test_interpreter_update_is_refused_to_non_officers(resources, user_for_role, role):
    with pytest.raises(PermissionDenied):
        services.interpreter_update(
            user=user_for_role(role),
            interpreter=resources["interpreter"],
            name="X",
            languages=["ru", "zh"],
            unavailable_slots=resources["slots"],
        )
    assert resources["interpreter"].unavailable_slots.count() == 0


def test_interpreter_update_refuses_slots_of_another_event(resources, officer):
    other = SlotFactory(event=EventFactory(), starts_at=datetime(2030, 4, 1, 6, tzinfo=UTC))

    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.interpreter_update(
            user=officer,
            interpreter=resources["interpreter"],
            name="Li Na",
            languages=["ru", "zh"],
            unavailable_slots=[other],
        )

    assert error.value.message_dict == {"unavailable_slots": ["Choose slots of this event."]}


def test_interpreter_update_keeps_a_locked_meeting_s_slot_available(people, resources, event, officer):
    _accepted(people, [("ru1", "cn1")])
    slot = resources["slots"][2]
    meeting = Meeting.objects.get(event=event)
    Meeting.objects.filter(pk=meeting.pk).update(
        slot=slot, room=resources["rooms"][0], interpreter=resources["interpreter"], locked=True
    )

    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.interpreter_update(
            user=officer,
            interpreter=resources["interpreter"],
            name="Li Na",
            languages=["ru", "zh"],
            unavailable_slots=[slot],
        )

    assert error.value.message_dict == {
        "unavailable_slots": [
            "A locked meeting needs this interpreter on 5 March 2030, "
            "09:40–10:00 Moscow · 14:40–15:00 Haikou: unlock it first."
        ]
    }
    assert resources["interpreter"].unavailable_slots.count() == 0


def test_interpreter_update_keeps_the_languages_a_locked_meeting_needs(people, resources, event, officer):
    _accepted(people, [("ru1", "cn1")])
    meeting = Meeting.objects.get(event=event)
    Meeting.objects.filter(pk=meeting.pk).update(
        slot=resources["slots"][0],
        room=resources["rooms"][0],
        interpreter=resources["interpreter"],
        locked=True,
    )

    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.interpreter_update(
            user=officer, interpreter=resources["interpreter"], name="Li Na", languages=["ru", "en"]
        )

    assert error.value.message_dict == {
        "languages": [
            "A locked meeting needs this interpreter for Uralmash Trade and 海南贸易集团: keep a language of each "
            "or unlock the meeting first."
        ]
    }
    resources["interpreter"].refresh_from_db()
    assert resources["interpreter"].languages == ["ru", "zh"]


def test_setup_update_needs_officer(event, company_user, officer):
    with pytest.raises(PermissionDenied):
        services.setup_update(user=company_user, event=event, request_cap=5, expiry_hours=5)
    assert services.setup_update(user=officer, event=event, request_cap=5, expiry_hours=6).request_cap == 5


def test_participants_are_confirmed_registrants_only(event, company_user):
    from investbridge.events.models import RegistrationStatus

    RegistrationFactory(
        event=event,
        email=company_user.email,
        email_normalized=company_user.email,
        status=RegistrationStatus.WAITLISTED,
    )
    assert selectors.registration_of_user(event=event, user=company_user) is None
    _ = timedelta


def test_stale_run_does_not_block_a_new_one(people, resources, event, officer):
    stale = ScheduleRun.objects.create(event=event, status=RunStatus.RUNNING, time_limit=5)
    ScheduleRun.objects.filter(pk=stale.pk).update(updated_at=datetime(2020, 1, 1, tzinfo=UTC))
    fresh = services.schedule_run_start(user=officer, event=event, time_limit=2)
    stale.refresh_from_db()
    assert (stale.status, fresh.status) == (RunStatus.FAILED, RunStatus.QUEUED)
    with pytest.raises(ValidationError) as error:
        services.schedule_run_start(user=officer, event=event, time_limit=2)
    assert error.value.code == "running"


def test_run_that_crashes_is_marked_failed(people, resources, event, monkeypatch):
    def boom(**kwargs):
        raise RuntimeError("solver crashed")

    monkeypatch.setattr(engine, "schedule", boom)
    run = ScheduleRun.objects.create(event=event, time_limit=2)
    with pytest.raises(RuntimeError):
        runs.schedule_run_execute(run_id=run.pk)
    run.refresh_from_db()
    assert (run.status, run.progress) == (RunStatus.FAILED, 100)


def test_withdraw_tells_the_recipient_in_its_language_and_frees_the_cap(
    people, django_capture_on_commit_callbacks
):
    request = services.request_create(
        actor=_as(people["ru1"]), requester=people["ru1"], recipient=people["cn1"]
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.request_withdraw(actor=_as(people["ru1"]), request=request)
    request.refresh_from_db()
    assert request.status == RequestStatus.CANCELLED
    assert [(m.to, m.subject) for m in mail.outbox] == [
        ([people["cn1"].registration.email], f"会谈请求已撤回：{people['cn1'].event.title_zh_hans}")
    ]
    assert "Uralmash Trade 已撤回" in mail.outbox[0].body
    assert selectors.cap_state(profile=people["ru1"]).used == 0


def test_withdraw_is_only_for_the_requester_and_a_pending_request(people):
    request = services.request_create(
        actor=_as(people["ru1"]), requester=people["ru1"], recipient=people["cn1"]
    )
    for someone in ("cn1", "cn2"):
        with pytest.raises(PermissionDenied):
            services.request_withdraw(actor=_as(people[someone]), request=request)
    services.request_respond(actor=_as(people["cn1"]), request=request, accept=True)
    with pytest.raises(ValidationError) as error:
        services.request_withdraw(actor=_as(people["ru1"]), request=request)
    assert error.value.code == "not_pending"
    request.refresh_from_db()
    assert request.status == RequestStatus.ACCEPTED
