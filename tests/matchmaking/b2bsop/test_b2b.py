"""The B2BSOP of Bofill et al. (JAIR 2022): parser, checker and solver, on synthetic and published data.

The published instances are read from ../shared/b2b_instances/ (relative to the project root) and are never
copied into the project; the tests that need them are skipped when the directory is absent.
"""

import csv
import itertools
from pathlib import Path

import pytest

from investbridge.matchmaking.b2bsop import (
    b2b_breaks,
    check_b2b,
    find_instances_dir,
    parse_dzn,
    solve_b2b,
)
from investbridge.matchmaking.b2bsop.blocks import block_model
from investbridge.matchmaking.b2bsop.instance import domains as narrowed_domains
from investbridge.matchmaking.scheduler import InstanceError, Status

pytestmark = pytest.mark.unit

SHARED = find_instances_dir(Path(__file__).resolve().parents[3])
needs_shared = pytest.mark.skipif(SHARED is None, reason="../shared/b2b_instances is absent")

TINY = """
% a tiny instance in the benchmark's format
nBusiness = 4;
nMeetings = 5;
nTables = 2;
nTotalSlots = 5;
nMorningSlots = 3;
requested = [|1, 2, 1,
|1, 3, 3,
|1, 4, 2,
|2, 3, 3,
|3, 4, 3,
|];
meetingsxBusiness = [{1,2,3,4},{1,2,5},{1,3,5,6},{1,4,6}];
nMeetingsBusiness = [3, 2, 3, 2];
forbidden = [{0}, {0, 2}, {}, {0}];
fixed = [0, 0, 0, 0, 5];
precedences = [{}, {}, {}, {1}, {}];
"""


def best_known() -> dict[str, str]:
    assert SHARED is not None
    with (SHARED / "MANIFEST.csv").open(encoding="utf-8") as handle:
        return {row["file"]: row["best_known_total_breaks_d2"] for row in csv.DictReader(handle)}


def test_parse_dzn_reads_every_array():
    instance = parse_dzn(TINY)
    assert instance.n_business == 4
    assert instance.n_tables == 2
    assert (instance.n_slots, instance.n_morning) == (5, 3)
    assert instance.meetings[2] == (1, 4, 2)
    assert instance.forbidden == (frozenset(), frozenset({2}), frozenset(), frozenset())
    assert instance.fixed == (None, None, None, None, 5)
    assert instance.predecessors[3] == frozenset({1})
    assert instance.domain(0) == [1, 3]  # morning, participant 2 forbidden in slot 2
    assert instance.domain(2) == [4, 5]  # afternoon
    assert instance.domain(4) == [5]  # fixed


@pytest.mark.parametrize(
    ("change", "element", "message"),
    [
        (("|1, 4, 2,", "|1, 9, 2,"), "requested row 3 (meeting 3)", "participant 9 is not in 1..4"),
        (("|1, 4, 2,", "|1, 4, 7,"), "requested row 3 (meeting 3)", "session 7 is not 1, 2 or 3"),
        (
            ("fixed = [0, 0, 0, 0, 5]", "fixed = [0, 0, 0, 0, 6]"),
            "fixed[5]",
            "slot 6 is not in 0..5 (0 = not fixed)",
        ),
        (("{0, 2}", "{0, 8}"), "forbidden[2]", "slot 8 is not in 1..5"),
        (
            ("[{}, {}, {}, {1}, {}]", "[{}, {}, {}, {4}, {}]"),
            "precedences[4]",
            "a meeting cannot precede itself",
        ),
        (
            ("nMeetingsBusiness = [3, 2, 3, 2]", "nMeetingsBusiness = [3, 2, 2, 2]"),
            "nMeetingsBusiness[3]",
            None,
        ),
        (("nTables = 2;", "nTables = 2;\nnRooms = 3;"), "nRooms", "unknown parameter"),
        (("nMeetings = 5;", "nMeetings = 6;"), "requested", "must have nMeetings (6) rows"),
    ],
)
def test_parse_dzn_bad_instance_names_the_element(change, element, message):
    with pytest.raises(InstanceError) as info:
        parse_dzn(TINY.replace(*change))
    assert info.value.element == element
    if message is not None:
        assert info.value.message == message


def _brute_force(instance, fairness):
    best = None
    domains = [instance.domain(m) for m in range(len(instance.meetings))]
    for slots in itertools.product(*domains):
        if not check_b2b(instance, slots, fairness=fairness):
            value = sum(b2b_breaks(instance, slots))
            best = value if best is None else min(best, value)
    return best


@pytest.mark.parametrize("fairness", [0, 1, 2, None])
def test_solve_b2b_tiny_matches_brute_force(fairness):
    instance = parse_dzn(TINY)
    result = solve_b2b(instance, fairness=fairness, time_limit=10, workers=1)
    expected = _brute_force(instance, fairness)
    if expected is None:
        assert result.status == Status.INFEASIBLE
        return
    assert result.status == Status.OPTIMAL
    assert check_b2b(instance, result.slots, fairness=fairness) == []
    assert result.breaks == expected
    assert result.lower_bound == expected


def test_solve_b2b_precedence_cycle_is_infeasible():
    instance = parse_dzn(TINY.replace("[{}, {}, {}, {1}, {}]", "[{4}, {}, {}, {1}, {}]"))
    result = solve_b2b(instance, time_limit=5, workers=1)
    assert result.status == Status.INFEASIBLE
    assert result.slots == ()


def test_check_b2b_reports_violations():
    instance = parse_dzn(TINY)
    assert check_b2b(instance, [1, 3, 4, 4, 5]) == []
    assert check_b2b(instance, [2, 2, 1, 1, 4]) == [
        "meeting 1: slot 2 is forbidden for participant 2",
        "participant 1: meetings 1 and 2 in slot 2",
        "meeting 3: slot 1 is not in the afternoon",
        "meeting 1 must come before meeting 4",
        "meeting 5: fixed in slot 5, not 4",
    ]
    crowded = parse_dzn(TINY.replace("nTables = 2;", "nTables = 1;"))
    assert check_b2b(crowded, [1, 3, 4, 4, 5]) == ["slot 4: 2 meetings for 1 tables"]


def test_check_b2b_fairness_and_breaks():
    instance = parse_dzn(TINY)
    # participants 1 (slots 1, 3, 4) and 2 (slots 1, 4) have a break; 3 (3, 4, 5) and 4 (4, 5) none
    slots = [1, 3, 4, 4, 5]
    assert b2b_breaks(instance, slots) == [1, 1, 0, 0]
    assert check_b2b(instance, slots, fairness=0) == ["breaks range from 0 to 1, more than d = 0 apart"]
    assert check_b2b(instance, slots, fairness=1) == []


@needs_shared
def test_parse_every_published_instance():
    known = best_known()
    assert len(known) == 140
    for name in known:
        instance = parse_dzn((SHARED / "dzn" / name).read_text(encoding="utf-8"), name=name)  # type: ignore[operator]
        assert len(instance.meetings) > 0


@needs_shared
@pytest.mark.parametrize(
    "name",
    ["tic-12.forb0003.dzn", "tic-12.fixed040-Forb.dzn", "tic-12.fixed020-Forb.dzn", "tic-12.original.dzn"],
)
def test_solve_b2b_small_published_instances_match_best_known(name):
    instance = parse_dzn((SHARED / "dzn" / name).read_text(encoding="utf-8"), name=name)
    expected = best_known()[name]
    result = solve_b2b(instance, time_limit=30, workers=2)
    if expected == "-":  # the paper reports these infeasible; we prove it in preprocessing or search
        assert result.status == Status.INFEASIBLE
        return
    assert result.status in (Status.OPTIMAL, Status.FEASIBLE)
    assert check_b2b(instance, result.slots) == []
    assert result.lower_bound <= int(expected) <= result.breaks
    if result.status == Status.OPTIMAL:
        assert result.breaks == int(expected)


# a zero-break schedule exists (a path: 3-4 in slot 2, 2-3 in slot 3, 1-2 in slot 4; slot 1 is forbidden)
ZERO = """
nBusiness = 4;
nMeetings = 3;
nTables = 1;
nTotalSlots = 4;
nMorningSlots = 4;
requested = [|1, 2, 3, |2, 3, 3, |3, 4, 3, |];
forbidden = [{}, {}, {1}, {}];
"""


def test_block_model_finds_a_zero_break_schedule():
    from ortools.sat.python import cp_model

    instance = parse_dzn(TINY.replace("precedences = [{}, {}, {}, {1}, {}];", ""))
    domains = narrowed_domains(instance)
    assert domains is not None
    block = block_model(instance, domains)
    assert block is not None
    model, x = block
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    code = solver.solve(model)
    expected = _brute_force(instance, None)
    if expected == 0:
        assert code in (cp_model.OPTIMAL, cp_model.FEASIBLE)
        slots = [next(t for t in domains[m] if solver.boolean_value(x[m, t])) for m in range(len(domains))]
        assert check_b2b(instance, slots, fairness=0) == []
        assert sum(b2b_breaks(instance, slots)) == 0
    else:
        assert code == cp_model.INFEASIBLE


def test_solve_b2b_zero_break_phase_returns_optimal():
    instance = parse_dzn(ZERO)
    result = solve_b2b(instance, time_limit=10, workers=1)
    assert _brute_force(instance, 2) == 0
    assert result.status == Status.OPTIMAL
    assert result.breaks == 0
    assert result.lower_bound == 0
    assert check_b2b(instance, result.slots, fairness=0) == []


@pytest.mark.parametrize("loose", [True, False])
@pytest.mark.parametrize("fairness", [0, 1, 2, None])
def test_relaxed_block_model_is_a_lower_bound(fairness, loose):
    """Within at most d breaks each, the relaxation counts the breaks exactly, so its optimum is a bound."""
    from ortools.sat.python import cp_model

    instance = parse_dzn(TINY)
    domains = narrowed_domains(instance)
    assert domains is not None
    block = block_model(instance, domains, relaxed=True, cap=fairness, loose=loose)
    assert block is not None
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    code = solver.solve(block[0])
    expected = _brute_force(instance, fairness)
    if expected is None:  # no fair schedule, so none with at most d breaks each
        assert code == cp_model.INFEASIBLE
        return
    assert code == cp_model.OPTIMAL
    # Off-block participants plus their runs beyond two count the breaks exactly (at most d each).
    assert solver.objective_value == expected


# no sessions, forbidden or fixed slots: the slot order can be mirrored, which the block phases exploit
MIRRORED = """
nBusiness = 4;
nMeetings = 5;
nTables = 2;
nTotalSlots = 5;
nMorningSlots = 5;
requested = [|1, 2, 3, |1, 3, 3, |1, 4, 3, |2, 3, 3, |3, 4, 3, |];
"""


@pytest.mark.parametrize("fairness", [0, 1, 2, None])
def test_solve_b2b_mirror_symmetric_matches_brute_force(fairness):
    instance = parse_dzn(MIRRORED)
    result = solve_b2b(instance, fairness=fairness, time_limit=10, workers=1)
    expected = _brute_force(instance, fairness)
    if expected is None:
        assert result.status == Status.INFEASIBLE
        return
    assert result.status == Status.OPTIMAL
    assert check_b2b(instance, result.slots, fairness=fairness) == []
    assert result.breaks == expected
    assert result.lower_bound == expected
