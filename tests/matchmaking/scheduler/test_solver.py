import itertools
import random
from datetime import UTC, datetime

import pytest

from investbridge.matchmaking.scheduler import (
    Assignment,
    Instance,
    Interpreter,
    Meeting,
    Participant,
    Phase,
    SolveOptions,
    Status,
    baseline_fcfs,
    check_schedule,
    solve,
    tuning,
)
from investbridge.matchmaking.scheduler.bounds import upper_bound_by_capacity, upper_bound_by_flow
from investbridge.matchmaking.scheduler.generate import moscow_haikou
from investbridge.matchmaking.scheduler.prepared import prepare

from .conftest import slots_utc

pytestmark = pytest.mark.unit

FAST = SolveOptions(time_limit=5, workers=1, seed=0)


def test_solve_small_is_optimal_and_valid(small):
    result = solve(small, options=FAST)
    report = check_schedule(small, result.assignments)
    assert report.violations == ()
    assert report.objective == result.objective
    assert result.status == Status.OPTIMAL
    # Everything fits: m1, m3 and m4 need anna (not in s4), who serves them in s1-s3 one after another;
    # that forces ivan (m1, m3, m5) or olga (m2, m4, m5) to wait once.
    assert result.objective.scheduled == 5
    assert result.objective.priority == 8
    assert result.objective.breaks == 1
    assert result.upper_bound_priority == 8
    assert result.unscheduled == ()
    interpreters = {a.meeting: a.interpreter for a in result.assignments}
    assert interpreters == {"m1": "anna", "m2": None, "m3": "anna", "m4": "anna", "m5": None}


def test_solve_respects_locked_meetings(small):
    locked = [Assignment("m5", "s4", 2)]
    result = solve(small, options=FAST, locked=locked)
    assert check_schedule(small, result.assignments).ok
    assert next(a for a in result.assignments if a.meeting == "m5") == Assignment("m5", "s4", 2, None)


def test_solve_fixed_slot_is_kept(small):
    fixed = Instance(
        slots=small.slots,
        rooms=small.rooms,
        participants=small.participants,
        interpreters=small.interpreters,
        meetings=(*small.meetings[:4], Meeting(id="m5", between=("ivan", "olga"), fixed_slot="s2")),
    )
    result = solve(fixed, options=FAST)
    assert check_schedule(fixed, result.assignments).ok
    assert {a.meeting: a.slot for a in result.assignments}["m5"] == "s2"


def test_solve_without_improvement_returns_valid_greedy(small):
    result = solve(small, options=SolveOptions(improve=False))
    assert result.status == Status.FEASIBLE
    assert check_schedule(small, result.assignments).objective == result.objective
    assert result.construction == result.objective


def test_baseline_fcfs_is_valid_and_not_better_than_solve():
    instance = moscow_haikou(40, meetings_per_participant=6, seed=3)
    base = baseline_fcfs(instance)
    best = solve(instance, options=SolveOptions(time_limit=2, workers=1))
    assert check_schedule(instance, base.assignments).ok
    assert check_schedule(instance, best.assignments).objective == best.objective
    assert best.objective.priority >= base.objective.priority
    assert best.objective.priority <= best.upper_bound_priority


def test_solve_is_deterministic_for_a_seed():
    instance = moscow_haikou(30, meetings_per_participant=6, seed=5)
    options = SolveOptions(time_limit=3, workers=2, seed=7)
    first = solve(instance, options=options)
    second = solve(instance, options=options)
    assert first.assignments == second.assignments
    assert first.objective == second.objective


def _brute_force(instance: Instance) -> tuple[int, int, int]:
    """Best (priority, -breaks, -max_breaks) over all placements (no interpreters in these instances)."""
    best = (0, 0, 0)
    slot_ids = [s.id for s in instance.slots]
    for choice in itertools.product([None, *slot_ids], repeat=len(instance.meetings)):
        per_slot: dict = {}
        assignments = []
        for meeting, slot in zip(instance.meetings, choice, strict=True):
            if slot is None:
                continue
            per_slot[slot] = per_slot.get(slot, 0) + 1
            assignments.append(Assignment(meeting.id, slot, per_slot[slot]))
        report = check_schedule(instance, assignments)
        if report.ok:
            o = report.objective
            best = max(best, (o.priority, -o.breaks, -o.max_breaks))
    return best


@pytest.mark.parametrize("seed", range(6))
def test_solve_matches_brute_force_on_tiny_instances(seed):
    rng = random.Random(seed)
    day = datetime(2026, 12, 8, tzinfo=UTC)
    slots = slots_utc(day, [6, 6.5, 7, 7.5])
    people = tuple(
        Participant(
            id=f"p{i}",
            timezone=rng.choice(["Europe/Moscow", "Asia/Shanghai"]),
            languages=frozenset({"en"}),
            unavailable=frozenset(s.id for s in slots if rng.random() < 0.25),
        )
        for i in range(4)
    )
    pairs = rng.sample(list(itertools.combinations(range(4), 2)), 5)
    instance = Instance(
        slots=slots,
        rooms=rng.choice([1, 2]),
        participants=people,
        meetings=tuple(
            Meeting(id=k, between=(f"p{a}", f"p{b}"), priority=rng.randint(1, 3))
            for k, (a, b) in enumerate(pairs)
        ),
    )
    result = solve(instance, options=FAST)
    report = check_schedule(instance, result.assignments)
    assert report.ok
    assert report.objective == result.objective
    o = result.objective
    assert (o.priority, -o.breaks, -o.max_breaks) == _brute_force(instance)
    assert result.status == Status.OPTIMAL


def test_upper_bound_is_tight_when_interpreters_bind(day):
    slots = slots_utc(day, [6, 6.5])
    people = tuple(
        Participant(
            id=f"p{i}", timezone="Europe/Moscow" if i % 2 else "Asia/Shanghai", languages=frozenset({lang})
        )
        for i, lang in enumerate(["zh", "ru", "zh", "ru", "zh", "ru"])
    )
    instance = Instance(
        slots=slots,
        rooms=3,
        participants=people,
        interpreters=(Interpreter(id="t", languages=frozenset({"ru", "zh"})),),
        meetings=(
            Meeting(id="a", between=("p0", "p1"), priority=5),
            Meeting(id="b", between=("p2", "p3"), priority=3),
            Meeting(id="c", between=("p4", "p5"), priority=1),
        ),
    )
    prep = prepare(instance)
    assert upper_bound_by_capacity(prep) == 8
    assert upper_bound_by_flow(prep) == 8
    result = solve(instance, options=FAST)
    assert check_schedule(instance, result.assignments).ok
    assert result.objective.priority == 8
    assert result.upper_bound_priority == 8
    assert result.unscheduled == ("c",)


def test_solve_large_instance_uses_neighbourhood_search_and_stays_valid(monkeypatch):
    monkeypatch.setattr(tuning, "FULL_MODEL_LIMIT", 10)
    monkeypatch.setattr(tuning, "NEIGHBOURHOOD_SECONDS", 0.5)
    instance = moscow_haikou(40, meetings_per_participant=6, seed=11)
    locked_meeting = instance.meetings[0]
    first = solve(instance, options=SolveOptions(improve=False))
    keep = next(a for a in first.assignments if a.meeting == locked_meeting.id)
    result = solve(instance, options=SolveOptions(time_limit=3, workers=1, seed=2), locked=[keep])
    report = check_schedule(instance, result.assignments)
    assert report.ok
    assert report.objective == result.objective
    assert result.construction is not None
    o, c = result.objective, result.construction
    assert (o.priority, -o.breaks, -o.max_breaks) >= (c.priority, -c.breaks, -c.max_breaks)
    assert keep in result.assignments


def _key(objective):
    return (objective.priority, -objective.breaks, -objective.max_breaks)


def _assert_valid_progress(reports, *, meetings, time_limit):
    seconds = [r.seconds for r in reports]
    assert seconds == sorted(seconds)
    assert all(0 <= r.share <= 1 for r in reports)
    assert all(r.share == pytest.approx(min(1, r.seconds / time_limit)) for r in reports)
    assert all(r.meetings == meetings for r in reports)
    for r in reports:
        assert r.best is not None
        assert 0 <= r.best.scheduled <= meetings
        assert r.best.breaks >= 0
        assert r.best.priority <= r.upper_bound_priority
    searching = [_key(r.best) for r in reports if r.phase != Phase.DONE]
    assert searching == sorted(searching)  # the best so far never gets worse


def test_solve_reports_progress_from_construction_to_the_result(small):
    reports = []

    result = solve(small, options=FAST, on_progress=reports.append)

    _assert_valid_progress(reports, meetings=5, time_limit=FAST.time_limit)
    assert reports[0].phase == Phase.CONSTRUCTION
    assert reports[0].best == result.construction
    assert Phase.SEARCH in {r.phase for r in reports}  # CP-SAT's solution callback
    assert [r.phase for r in reports].count(Phase.DONE) == 1
    last = reports[-1]
    assert (last.phase, last.best, last.upper_bound_priority) == (Phase.DONE, result.objective, 8)
    assert (last.best.scheduled, last.best.priority, last.best.breaks) == (5, 8, 1)


def test_solve_gives_the_same_schedule_with_and_without_progress(small):
    without = solve(small, options=FAST)
    with_progress = solve(small, options=FAST, on_progress=lambda progress: None)

    assert with_progress.assignments == without.assignments
    assert with_progress.objective == without.objective


def test_solve_reports_heartbeats_with_rising_time_while_cp_sat_searches(monkeypatch):
    monkeypatch.setattr(tuning, "HEARTBEAT_SECONDS", 0.05)
    instance = moscow_haikou(60, meetings_per_participant=8, seed=3)
    options = SolveOptions(time_limit=2, workers=1, seed=0)
    reports = []

    result = solve(instance, options=options, on_progress=reports.append)

    _assert_valid_progress(reports, meetings=len(instance.meetings), time_limit=2)
    searching = [r for r in reports if r.phase == Phase.SEARCH]
    assert len(searching) >= 3
    assert searching[-1].seconds > searching[0].seconds
    assert reports[-1].best == result.objective
    assert reports[-1].upper_bound_priority == result.upper_bound_priority
    assert check_schedule(instance, result.assignments).ok


def test_solve_reports_progress_after_each_neighbourhood_round(monkeypatch):
    monkeypatch.setattr(tuning, "FULL_MODEL_LIMIT", 10)
    monkeypatch.setattr(tuning, "NEIGHBOURHOOD_SECONDS", 0.3)
    instance = moscow_haikou(30, meetings_per_participant=6, seed=5)
    reports = []

    result = solve(
        instance, options=SolveOptions(time_limit=1.5, workers=1, seed=0), on_progress=reports.append
    )

    _assert_valid_progress(reports, meetings=len(instance.meetings), time_limit=1.5)
    assert [r.phase for r in reports][:2] == [Phase.CONSTRUCTION, Phase.SEARCH]
    assert reports[-1].best == result.objective


def test_solve_reports_no_schedule_when_locked_meetings_clash(small):
    locked = [Assignment("m1", "s1", 1, "anna"), Assignment("m3", "s1", 2, "anna")]
    reports = []

    result = solve(small, options=FAST, locked=locked, on_progress=reports.append)

    assert result.status in (Status.INFEASIBLE, Status.UNKNOWN)
    assert (reports[-1].phase, reports[-1].best) == (Phase.DONE, None)
