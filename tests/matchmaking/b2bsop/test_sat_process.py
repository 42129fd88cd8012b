"""The team of SAT searches of one `solve_b2b` call and phase 3, which waits for their answer (b2bsop.sat_process)."""

import time

import pytest

from investbridge.matchmaking.b2bsop import check_b2b, parse_dzn
from investbridge.matchmaking.b2bsop.sat_process import SatTeam, sat_phase
from investbridge.matchmaking.b2bsop.state import SolveState
from investbridge.matchmaking.scheduler import Status

from .test_b2b import MIRRORED, TINY, _brute_force

pytestmark = pytest.mark.unit


def _state(text: str, *, time_limit: float = 60.0) -> SolveState:
    return SolveState(
        parse_dzn(text), fairness=2, time_limit=time_limit, workers=1, seed=0, parameters={}, hint=None
    )


@pytest.mark.parametrize("text", [TINY, MIRRORED])
def test_sat_phase_returns_the_first_searchs_optimum(text):
    state = _state(text)
    team = SatTeam(state)
    try:
        result = sat_phase(state, team)
    finally:
        team.close()
    expected = _brute_force(state.instance, 2)
    assert result is not None
    assert (result.status, result.breaks, result.lower_bound) == (Status.OPTIMAL, expected, expected)
    assert check_b2b(state.instance, result.slots) == []
    assert state.hint == result.slots


def test_sat_phase_after_a_hand_over_takes_the_answer_of_the_two_new_searches():
    state = _state(TINY)
    team = SatTeam(state)
    team.handed_over = True  # as CP-SAT's watcher does when it stays far above the proven bound
    try:
        result = sat_phase(state, team)
    finally:
        team.close()
    assert not team.first._process.is_alive()  # the first search was stopped, not waited for
    expected = _brute_force(state.instance, 2)
    assert result is not None
    assert (result.status, result.breaks) == (Status.OPTIMAL, expected)


def test_sat_team_replace_first_starts_from_the_bound_the_first_proved():
    state = _state(TINY)
    team = SatTeam(state)
    try:
        team.first.wait(time.monotonic() + 60)
        proved = team.first.lower
        searches = team.replace_first()
        assert not team.first._process.is_alive()
        assert state.lower == proved
        assert [search.lower for search in searches] == [proved, proved]  # another seed, and fresh
        for search in searches:
            search.wait(time.monotonic() + 60)
            assert (search.done, search.breaks) == (True, _brute_force(state.instance, 2))
            search.close()
    finally:
        team.close()


def test_sat_team_start_downward_searches_below_a_schedule():
    # MIRRORED's optimum is 0 breaks: downwards from 3, the last schedule has none.
    state = _state(MIRRORED)
    team = SatTeam(state)
    try:
        team.start_downward(3)
        downward = team.downward[0]
        downward.wait(time.monotonic() + 60)
        assert (downward.done, downward.breaks, downward.lower) == (True, 0, 0)
        assert team.done()
    finally:
        team.close()
    assert not downward._process.is_alive()


def test_sat_phase_without_time_left_returns_none_and_keeps_no_schedule():
    state = _state(TINY, time_limit=1e-9)
    team = SatTeam(state)
    try:
        assert sat_phase(state, team) is None
    finally:
        team.close()
    assert state.best is None
