from datetime import timedelta

import pytest

from investbridge.matchmaking.scheduler import Assignment, Instance, Meeting, Participant, check_schedule

from .conftest import slots_utc

pytestmark = pytest.mark.unit


def test_check_valid_schedule_recomputes_objective(small):
    report = check_schedule(
        small,
        [
            Assignment("m1", "s1", 1, "anna"),
            Assignment("m2", "s2", 1),
            Assignment("m5", "s2", 2),  # olga twice in s2
        ],
    )
    assert report.violations == ("participant 'olga' has meetings 'm2' and 'm5' in slot 's2'",)


def test_check_detects_every_kind_of_violation(small):
    report = check_schedule(
        small,
        [
            Assignment("m1", "s4", 1, "anna"),  # anna unavailable in s4
            Assignment("m3", "s1", 1),  # wang unavailable in s1; ivan and wang share no language
            Assignment("m4", "s4", 1, None),  # olga/li share no language; room 1 taken in s4
            Assignment("m2", "s3", 3),  # room 3 does not exist
            Assignment("m2", "s3", 1),  # scheduled twice
            Assignment("zz", "s1", 2),
        ],
    )
    assert set(report.violations) == {
        "meeting 'm2' is scheduled 2 times",
        "meeting 'm1': interpreter 'anna' is unavailable in slot 's4'",
        "meeting 'm3': participant 'wang' is unavailable in slot 's1'",
        "meetings 'm1' and 'm4' share room 1 in slot 's4'",
        "meeting 'm4': the sides share no language and there is no interpreter",
        "meeting 'm2': room 3 is not in 1..2",
        "unknown meeting 'zz'",
        "participant 'li' has meetings 'm1' and 'm4' in slot 's4'",
        "meeting 'm3': the sides share no language and there is no interpreter",
    }


def test_check_breaks_count_runs_per_local_day(day):
    # Slots at 20:00 and 22:00 UTC: the same day in Moscow (23:00, 01:00 next day? no: 23:00 and 01:00),
    # so for Moscow they fall on two local days, for London on one.
    instance = Instance(
        slots=slots_utc(day, [19, 19.5, 20, 21, 22]),
        rooms=1,
        participants=(
            Participant(id="msk", timezone="Europe/Moscow", languages=frozenset({"ru"})),
            Participant(id="lon", timezone="Europe/London", languages=frozenset({"ru"})),
            Participant(id="b", timezone="Europe/London", languages=frozenset({"ru"})),
        ),
        meetings=(
            Meeting(id=1, between=("msk", "b")),
            Meeting(id=2, between=("lon", "b")),
            Meeting(id=3, between=("msk", "lon")),
        ),
    )
    assert instance.slots[4].start - instance.slots[0].start == timedelta(hours=3)
    report = check_schedule(
        instance, [Assignment(1, "s1", 1), Assignment(2, "s2", 1), Assignment(3, "s5", 1)]
    )
    assert report.ok
    # msk: 22:00 and 01:00 local (two days) -> 0; lon: 19:30 and 22:00 same day, idle between -> 1;
    # b: s1, s2 consecutive -> 0.
    assert report.breaks_by_participant == {"msk": 0, "lon": 1, "b": 0}
    assert report.objective.breaks == 1
    assert report.objective.max_breaks == 1
    assert report.objective.priority == 3


def test_check_unscheduled_fixed_meeting_is_a_violation(small):
    fixed = Instance(
        slots=small.slots,
        rooms=small.rooms,
        participants=small.participants,
        interpreters=small.interpreters,
        meetings=(Meeting(id="m5", between=("ivan", "olga"), fixed_slot="s3"),),
    )
    assert check_schedule(fixed, []).violations == ("fixed meeting 'm5' is not scheduled",)
    assert check_schedule(fixed, [Assignment("m5", "s2", 1)]).violations == (
        "meeting 'm5' is fixed in slot 's3', not 's2'",
    )
