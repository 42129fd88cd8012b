"""Upper bounds on the total priority any schedule can reach (reported beside the schedule)."""

from __future__ import annotations

from ortools.graph.python import min_cost_flow

from .prepared import Prepared


def upper_bound(prep: Prepared) -> int:
    """The tighter of the two bounds below."""
    return min(upper_bound_by_capacity(prep), upper_bound_by_flow(prep))


def upper_bound_by_capacity(prep: Prepared) -> int:
    """Total priority that could possibly be scheduled, ignoring every interaction except capacities.

    Meetings without any possible slot are dropped; meetings needing an interpreter compete for the
    interpreter-slots (at most min(free interpreters, rooms) per slot), so only the best of them count.
    """
    possible = [k for k in range(len(prep.sides)) if prep.candidates[k]]
    plain = sum(prep.priority[k] for k in possible if not prep.needs_interpreter[k])
    needing = sorted((prep.priority[k] for k in possible if prep.needs_interpreter[k]), reverse=True)
    capacity = 0
    n_interpreters = len(prep.interpreter_free)
    for t in range(prep.n_slots):
        free = sum(1 for i in range(n_interpreters) if t in prep.interpreter_free[i])
        capacity += min(free, prep.instance.rooms)
    return plain + sum(needing[:capacity])


def upper_bound_by_flow(prep: Prepared) -> int:
    """A max-weight flow relaxation: meetings to slots, at most R per slot and, for meetings needing an
    interpreter, at most the number of interpreters free in the slot. It ignores that a participant can only
    be in one meeting per slot and which interpreter speaks what, so it never underestimates the optimum.
    """
    n_meetings, n_slots = len(prep.sides), prep.n_slots
    source, sink = 0, 1
    meeting_node = 2
    slot_node = meeting_node + n_meetings
    interp_node = slot_node + n_slots
    flow = min_cost_flow.SimpleMinCostFlow()
    tails: list[int] = []
    heads: list[int] = []
    caps: list[int] = []
    costs: list[int] = []

    def arc(tail: int, head: int, cap: int, cost: int = 0) -> None:
        tails.append(tail)
        heads.append(head)
        caps.append(cap)
        costs.append(cost)

    usable = [k for k in range(n_meetings) if prep.candidates[k]]
    arc(source, sink, len(usable))  # leaving a meeting unscheduled costs nothing
    for k in usable:
        arc(source, meeting_node + k, 1, -prep.priority[k])
        for t in prep.candidates[k]:
            arc(meeting_node + k, (interp_node if prep.needs_interpreter[k] else slot_node) + t, 1)
    needed = {i for k in usable for i in prep.eligible[k]}
    for t in range(n_slots):
        arc(slot_node + t, sink, prep.instance.rooms)
        free = sum(1 for i in needed if t in prep.interpreter_free[i])
        arc(interp_node + t, slot_node + t, free)
    flow.add_arcs_with_capacity_and_unit_cost(tails, heads, caps, costs)
    flow.set_node_supply(source, len(usable))
    flow.set_node_supply(sink, -len(usable))
    if flow.solve() != flow.OPTIMAL:  # cannot happen: the bypass arc makes it feasible
        return upper_bound_by_capacity(prep)
    return -flow.optimal_cost()
