"""Reproducible synthetic instances: a Moscow–Haikou event across two time zones with scarce interpreters.

Used by the tests, the benchmark `bench/scheduler_timezones.py` and the demo. Moscow is UTC+3 and Haikou
UTC+8: working hours 09:00–18:00 in both cities overlap only 14:00–18:00 in Haikou (09:00–13:00 in Moscow).
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from .model import Id, Instance, Interpreter, Meeting, Participant, Slot

MOSCOW = "Europe/Moscow"
HAIKOU = "Asia/Shanghai"  # Hainan uses China Standard Time; the IANA zone is Asia/Shanghai


def moscow_haikou(
    participants: int,
    *,
    meetings_per_participant: int = 10,
    days: int = 3,
    slot_minutes: int = 30,
    interpreter_ratio: float = 0.02,
    seed: int = 0,
) -> Instance:
    """Half the participants work from Moscow, half from Haikou; slots cover both cities' working hours.

    Languages: Moscow participants speak Russian (30% also English), Haikou participants Chinese (30% also
    English); a few of each city speak the other's language. Meetings are mostly cross-city (80%), priority
    1–5 (must-have meetings weigh 5). Interpreters (Russian–Chinese, some also English) are scarce: about
    `interpreter_ratio` per participant, each unavailable in a random 20% of the slots.
    """
    rng = random.Random(seed)
    first_day = datetime(2026, 12, 8, tzinfo=UTC)
    slots: list[Slot] = []
    # 09:00 Haikou = 01:00 UTC; 18:00 Moscow = 15:00 UTC.
    for d in range(days):
        start = first_day + timedelta(days=d, hours=1)
        end_of_day = first_day + timedelta(days=d, hours=15)
        while start + timedelta(minutes=slot_minutes) <= end_of_day:
            slots.append(Slot(id=len(slots) + 1, start=start, end=start + timedelta(minutes=slot_minutes)))
            start += timedelta(minutes=slot_minutes)

    def unavailable(zone_hours: int) -> frozenset[Id]:
        """Slots outside 09:00–18:00 local, the 13:00–14:00 lunch, and a few personal commitments."""
        out: set[Id] = set()
        for slot in slots:
            local = slot.start + timedelta(hours=zone_hours)
            hour = local.hour + local.minute / 60
            if hour < 9 or hour >= 18 or 13 <= hour < 14 or rng.random() < 0.05:
                out.add(slot.id)
        return frozenset(out)

    people: list[Participant] = []
    for n in range(participants):
        moscow = n % 2 == 0
        langs = {"ru"} if moscow else {"zh"}
        if rng.random() < 0.3:
            langs.add("en")
        if rng.random() < 0.05:
            langs.add("zh" if moscow else "ru")
        people.append(
            Participant(
                id=f"{'msk' if moscow else 'hak'}-{n + 1}",
                timezone=MOSCOW if moscow else HAIKOU,
                languages=frozenset(langs),
                unavailable=unavailable(3 if moscow else 8),
            )
        )
    moscow_people = [p for p in people if p.timezone == MOSCOW]
    haikou_people = [p for p in people if p.timezone == HAIKOU]
    pairs: set[frozenset[str]] = set()
    meetings: list[Meeting] = []
    target = participants * meetings_per_participant // 2
    attempts = 0
    while len(meetings) < target and attempts < target * 20:
        attempts += 1
        if rng.random() < 0.8:
            a, b = rng.choice(moscow_people), rng.choice(haikou_people)
        else:
            group = moscow_people if rng.random() < 0.5 else haikou_people
            a, b = rng.sample(group, 2)
        pair = frozenset((str(a.id), str(b.id)))
        if pair in pairs:
            continue
        pairs.add(pair)
        priority = rng.choices([1, 2, 3, 5], weights=[40, 30, 20, 10])[0]
        meetings.append(Meeting(id=len(meetings) + 1, between=(a.id, b.id), priority=priority))
    interpreters = []
    for n in range(max(1, round(participants * interpreter_ratio))):
        langs = {"ru", "zh"} | ({"en"} if rng.random() < 0.5 else set())
        away = frozenset(s.id for s in slots if rng.random() < 0.2)
        interpreters.append(Interpreter(id=f"int-{n + 1}", languages=frozenset(langs), unavailable=away))
    return Instance(
        slots=tuple(slots),
        rooms=max(1, participants // 4),
        participants=tuple(people),
        meetings=tuple(meetings),
        interpreters=tuple(interpreters),
    )
