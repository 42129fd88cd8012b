"""The SAT searches of the B2BSOP (b2bsop.sat), directly and in a child process (b2bsop.sat_process)."""

import itertools
import time

import pytest

from investbridge.matchmaking.b2bsop import b2b_breaks, check_b2b, parse_dzn, solve_b2b
from investbridge.matchmaking.b2bsop.instance import domains as narrowed_domains
from investbridge.matchmaking.b2bsop.sat import search
from investbridge.matchmaking.b2bsop.sat_process import SatProcess
from investbridge.matchmaking.scheduler import Status

from .test_b2b import MIRRORED, SHARED, TINY, _brute_force, needs_shared

pytestmark = pytest.mark.unit


def _messages(text, **options):
    instance = parse_dzn(text)
    domains = narrowed_domains(instance)
    assert domains is not None
    return instance, list(search(instance, domains, **options))


@pytest.mark.parametrize("text", [TINY, MIRRORED])
@pytest.mark.parametrize("fairness", [1, 2, None])
def test_search_upwards_first_schedule_is_optimal(text, fairness):
    instance, messages = _messages(text, fairness=fairness)
    expected = _brute_force(instance, fairness)
    assert expected is not None
    assert messages[:-1] == [("lower", k, None) for k in range(1, expected + 1)]
    kind, value, slots = messages[-1]
    assert (kind, value) == ("found", expected)
    assert check_b2b(instance, slots, fairness=fairness) == []
    assert sum(b2b_breaks(instance, slots)) == expected


@pytest.mark.parametrize("text", [TINY, MIRRORED])
@pytest.mark.parametrize("fairness", [1, 2, None])
def test_search_fresh_solver_per_bound_gives_the_same_messages(text, fairness):
    # A new solver for each bound, the bound as clauses: the same lower bounds, then an optimal schedule.
    instance, messages = _messages(text, fairness=fairness, fresh=True)
    _, incremental = _messages(text, fairness=fairness)
    assert [message[:2] for message in messages] == [message[:2] for message in incremental]
    kind, value, slots = messages[-1]
    assert (kind, value) == ("found", _brute_force(instance, fairness))
    assert check_b2b(instance, slots, fairness=fairness) == []


def test_search_fresh_from_a_proven_bound_and_without_any_schedule():
    expected = _brute_force(parse_dzn(TINY), 2)
    _, messages = _messages(TINY, fairness=2, lower=expected, fresh=True)
    assert [message[:2] for message in messages] == [("found", expected)]
    text = TINY.replace("forbidden = [{0}, {0, 2}, {}, {0}];", "forbidden = [{3}, {0, 2}, {}, {0}];")
    _, messages = _messages(text, fairness=0, fresh=True)
    assert messages[-1][0] == "exhausted"
    assert all(kind in ("lower", "exhausted") for kind, _, _ in messages)


@pytest.mark.parametrize("text", [TINY, MIRRORED])
def test_search_downwards_from_a_schedule_ends_on_the_optimum(text):
    instance = parse_dzn(text)
    expected = _brute_force(instance, 2)
    assert expected is not None
    _, messages = _messages(text, fairness=2, below=expected + 3)
    # Better schedules on the way down (each with fewer breaks), then the bound below the last one (none below
    # 0 breaks), which is optimal.
    betters = [message for message in messages if message[0] == "better"]
    assert betters
    assert all(b[1] < a[1] for a, b in itertools.pairwise(betters))
    proof = [("lower", expected)] if expected else []
    assert [message[:2] for message in messages[len(betters) :]] == [*proof, ("found", expected)]
    assert all(check_b2b(instance, slots, fairness=2) == [] for _, _, slots in betters)
    assert messages[-1][2] == betters[-1][2]


def test_search_downwards_from_the_optimum_proves_it():
    expected = _brute_force(parse_dzn(TINY), 2)
    assert expected is not None
    # The schedule found elsewhere has the optimum: nothing with fewer breaks, so that one is optimal.
    _, messages = _messages(TINY, fairness=2, below=expected)
    assert messages == [("lower", expected, None), ("exhausted", expected, None)]


def test_search_below_an_upper_bound_without_a_schedule_is_exhausted():
    expected = _brute_force(parse_dzn(TINY), 2)
    _, messages = _messages(TINY, fairness=2, upper=expected)
    assert messages[-1] == ("exhausted", expected, None)
    assert messages[:-1] == [("lower", k, None) for k in range(1, expected + 1)]


def test_search_without_any_schedule_is_exhausted():
    # d = 0 with a participant who cannot avoid a break: participant 1 meets 2 (morning) and 4 (afternoon only)
    # and is forbidden the slots between.
    text = TINY.replace("forbidden = [{0}, {0, 2}, {}, {0}];", "forbidden = [{3}, {0, 2}, {}, {0}];")
    instance, messages = _messages(text, fairness=0)
    assert _brute_force(instance, 0) is None
    assert messages[-1][0] == "exhausted"
    assert all(kind in ("lower", "exhausted") for kind, _, _ in messages)


def test_sat_process_reports_the_optimum_from_a_child_process():
    instance = parse_dzn(TINY)
    domains = narrowed_domains(instance)
    assert domains is not None
    process = SatProcess(instance, domains, fairness=2)
    try:
        process.wait(time.monotonic() + 60)
        assert process.done
        assert process.breaks == _brute_force(instance, 2)
        assert process.lower == process.breaks
        assert process.found is not None
        assert check_b2b(instance, process.found) == []
    finally:
        process.close()
    assert not process._process.is_alive()


@needs_shared
def test_sat_process_close_stops_a_search_in_progress():
    assert SHARED is not None
    instance = parse_dzn((SHARED / "dzn" / "forum-13crafb.original.dzn").read_text(encoding="utf-8"))
    domains = narrowed_domains(instance)
    assert domains is not None
    process = SatProcess(instance, domains, fairness=2)
    process.wait(time.monotonic() + 1.0)
    assert not process.done  # its optimum (6 breaks) takes far longer than a second
    process.close()
    assert not process._process.is_alive()


@pytest.mark.parametrize("fairness", [0, 1, 2, None])
def test_solve_b2b_without_sat_matches_brute_force(fairness):
    instance = parse_dzn(TINY)
    result = solve_b2b(instance, fairness=fairness, time_limit=10, workers=1, sat=False)
    expected = _brute_force(instance, fairness)
    if expected is None:
        assert result.status == Status.INFEASIBLE
        return
    assert (result.status, result.breaks, result.lower_bound) == (Status.OPTIMAL, expected, expected)
    assert check_b2b(instance, result.slots, fairness=fairness) == []


@pytest.mark.parametrize("seed", [0, 1, 7])
def test_search_with_another_seed_finds_the_same_optimum(seed):
    instance, messages = _messages(TINY, fairness=2, seed=seed)
    kind, value, slots = messages[-1]
    assert (kind, value) == ("found", _brute_force(instance, 2))
    assert check_b2b(instance, slots) == []


@pytest.mark.parametrize("options", [{"fresh": True}, {"below": 2}, {"below": 5}])
def test_sat_process_fresh_or_downwards_reports_the_optimum_from_a_child_process(options):
    # MIRRORED's optimum is 0 breaks: downwards from 2 or 5 schedules, the last with 0.
    instance = parse_dzn(MIRRORED)
    domains = narrowed_domains(instance)
    assert domains is not None
    expected = _brute_force(instance, 2)
    assert expected == 0
    process = SatProcess(instance, domains, fairness=2, **options)
    try:
        process.wait(time.monotonic() + 60)
        assert (process.done, process.breaks, process.lower) == (True, expected, expected)
        assert process.found is not None
        assert check_b2b(instance, process.found) == []
    finally:
        process.close()


def test_sat_process_from_a_proven_bound_reports_only_higher_bounds():
    instance = parse_dzn(MIRRORED)
    domains = narrowed_domains(instance)
    assert domains is not None
    expected = _brute_force(instance, 2)
    process = SatProcess(instance, domains, fairness=2, lower=expected, seed=1)
    try:
        assert process.lower == expected
        process.wait(time.monotonic() + 60)
        assert (process.done, process.breaks, process.lower) == (True, expected, expected)
    finally:
        process.close()
