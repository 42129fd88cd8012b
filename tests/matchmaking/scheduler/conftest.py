"""Small hand-made instances for the scheduler tests."""

from datetime import UTC, datetime, timedelta

import pytest

from investbridge.matchmaking.scheduler import Instance, Interpreter, Meeting, Participant, Slot


def slots_utc(day: datetime, hours: list[float], minutes: int = 30) -> tuple[Slot, ...]:
    return tuple(
        Slot(
            id=f"s{k + 1}",
            start=day + timedelta(hours=h),
            end=day + timedelta(hours=h, minutes=minutes),
        )
        for k, h in enumerate(hours)
    )


@pytest.fixture
def day() -> datetime:
    return datetime(2026, 12, 8, tzinfo=UTC)


@pytest.fixture
def small(day) -> Instance:
    """Four slots 06:00–08:00 UTC (09:00–11:00 Moscow, 14:00–16:00 Haikou), two rooms, one interpreter."""
    return Instance(
        slots=slots_utc(day, [6, 6.5, 7, 7.5]),
        rooms=2,
        participants=(
            Participant(id="ivan", timezone="Europe/Moscow", languages=frozenset({"ru"})),
            Participant(id="olga", timezone="Europe/Moscow", languages=frozenset({"ru", "en"})),
            Participant(id="li", timezone="Asia/Shanghai", languages=frozenset({"zh"})),
            Participant(
                id="wang",
                timezone="Asia/Shanghai",
                languages=frozenset({"zh", "en"}),
                unavailable=frozenset({"s1"}),
            ),
        ),
        interpreters=(
            Interpreter(id="anna", languages=frozenset({"ru", "zh"}), unavailable=frozenset({"s4"})),
        ),
        meetings=(
            Meeting(id="m1", between=("ivan", "li"), priority=3),
            Meeting(id="m2", between=("olga", "wang"), priority=2),
            Meeting(id="m3", between=("ivan", "wang"), priority=1),
            Meeting(id="m4", between=("olga", "li"), priority=1),
            Meeting(id="m5", between=("ivan", "olga"), priority=1),
        ),
    )


def instance_dict() -> dict:
    return {
        "slots": [
            {"id": 1, "start": "2026-12-08T06:00:00Z", "end": "2026-12-08T06:30:00Z"},
            {"id": 2, "start": "2026-12-08T06:30:00Z", "end": "2026-12-08T07:00:00Z"},
            {"id": 3, "start": "2026-12-08T07:00:00+00:00", "end": "2026-12-08T07:30:00+00:00"},
        ],
        "rooms": 1,
        "participants": [
            {"id": "p1", "timezone": "Europe/Moscow", "languages": ["ru"], "unavailable": []},
            {"id": "p2", "timezone": "Asia/Shanghai", "languages": ["zh"], "unavailable": [1]},
            {"id": "p3", "timezone": "Asia/Shanghai", "languages": ["zh", "ru"]},
        ],
        "interpreters": [{"id": "t1", "languages": ["ru", "zh"], "unavailable": []}],
        "meetings": [
            {"id": "a", "between": ["p1", "p2"], "priority": 2, "fixed_slot": None},
            {"id": "b", "between": ["p1", "p3"], "priority": 1, "fixed_slot": None},
            {"id": "c", "between": ["p2", "p3"], "priority": 1},
        ],
    }
