"""The SAT searches of `sat` in child processes, the team of them that one `solve_b2b` call runs beside
CP-SAT, and phase 3, which waits for their answer."""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

from investbridge.matchmaking.scheduler.model import Status

from . import tuning
from .instance import B2BInstance, B2BResult
from .sat import search
from .state import SolveState


def _child(
    instance: B2BInstance, domains: list[list[int]], options: dict[str, Any], connection: Connection
) -> None:  # pragma: no cover - runs in the child process; its messages are tested through SatProcess
    for message in search(instance, domains, **options):
        connection.send(message)
    connection.close()


class SatProcess:
    """`search` in a child process (CaDiCaL cannot be interrupted from outside; a process can), so that it
    runs on one core while CP-SAT runs on the other, and stops exactly at the deadline.

    `poll()` reads what arrived: `lower` (proven lower bound within at most d breaks each), `found` (the best
    schedule so far, with its `breaks`: optimal in that space once `done`, except from a downward search that
    ended on its time) and `done` (the search ended).
    """

    def __init__(
        self,
        instance: B2BInstance,
        domains: list[list[int]],
        *,
        fairness: int | None,
        lower: int = 0,
        seed: int = 0,
        fresh: bool = False,
        below: int | None = None,
    ) -> None:
        context = multiprocessing.get_context("spawn")
        self._receiver, sender = context.Pipe(duplex=False)
        options = {"fairness": fairness, "lower": lower, "seed": seed, "fresh": fresh, "below": below}
        self._process = context.Process(
            target=_child, args=(instance, domains, options, sender), daemon=True, name="b2b-sat"
        )
        self._process.start()
        sender.close()
        self.lower = lower
        self.found: tuple[int, ...] | None = None
        self.breaks: int | None = None
        self.found_at: float | None = None
        self.done = False

    def poll(self, timeout: float = 0.0) -> None:
        """Read every message that arrives within `timeout` seconds (or is there already)."""
        end = time.monotonic() + max(0.0, timeout)
        while not self.done:
            wait = max(0.0, end - time.monotonic())
            try:
                if not self._receiver.poll(wait):
                    return
                kind, value, slots = self._receiver.recv()
            except (EOFError, OSError):
                self.done = True
                return
            if kind == "lower":
                self.lower = max(self.lower, value)
            elif kind == "better":
                self.found, self.breaks, self.found_at = slots, value, time.monotonic()
            elif kind == "found":
                self.found, self.breaks, self.found_at = slots, value, time.monotonic()
                self.lower = max(self.lower, value)
                self.done = True
            else:
                self.lower = max(self.lower, value)
                self.done = True

    def wait(self, deadline: float, *, stop: Callable[[], bool] = lambda: False) -> None:
        """Poll until the search ends, `stop()` is true or the monotonic-clock deadline passes."""
        while not self.done and not stop() and time.monotonic() < deadline:
            self.poll(min(0.1, max(0.0, deadline - time.monotonic())))

    def close(self) -> None:
        if self._process.is_alive():
            self._process.terminate()
        self._process.join(timeout=5)
        self._receiver.close()


class SatTeam:
    """The SAT searches of one `solve_b2b` call: the `first` (upwards from 0, started at once, on its own core),
    the `downward` one that CP-SAT's watcher may start (`beside`), and whether CP-SAT `handed_over` its core."""

    def __init__(self, state: SolveState) -> None:
        assert state.domains is not None
        self.state = state
        self.first = SatProcess(state.instance, state.domains, fairness=state.fairness)
        self.downward: list[SatProcess] = []
        self.handed_over = False

    def poll(self, timeout: float) -> None:
        """Read the first search's messages for up to `timeout` seconds, then the downward search's."""
        self.first.poll(timeout)
        for process in self.downward:
            process.poll()

    def first_ended(self) -> bool:
        """Whether the first search has ended (having read what it sent)."""
        self.first.poll()
        return self.first.done

    def done(self) -> bool:
        """Whether a search has ended (with an answer or having exhausted its bounds)."""
        return self.first.done or any(process.done for process in self.downward)

    def start_downward(self, below: int) -> None:
        """A search for fewer than `below` breaks (the breaks of CP-SAT's best schedule), then fewer and fewer."""
        assert self.state.domains is not None
        self.downward.append(
            SatProcess(
                self.state.instance,
                self.state.domains,
                fairness=self.state.fairness,
                below=below,
                seed=self.state.seed,
            )
        )

    def replace_first(self) -> list[SatProcess]:
        """After the hand-over: stop the first search (stuck on the bound it has proven) and start two from that
        bound, one with another seed and one with a fresh solver per bound; with the downward one, if any."""
        state = self.state
        assert state.domains is not None
        self.first.poll()
        state.raise_lower(self.first.lower)
        lower = self.first.lower
        searches = [
            *self.downward,
            SatProcess(
                state.instance, state.domains, fairness=state.fairness, lower=lower, seed=state.seed + 1
            ),
            SatProcess(state.instance, state.domains, fairness=state.fairness, lower=lower, fresh=True),
        ]
        self.first.close()
        return searches

    def close(self) -> None:
        self.first.close()
        for process in self.downward:
            process.close()


def sat_phase(state: SolveState, team: SatTeam) -> B2BResult | None:
    """Phase 3: wait (until SAT_PHASE_END) for an answer of the SAT searches, keep every better fair schedule
    they find; the result when the best schedule meets the proven lower bound, else None (the exact model goes
    on). A search's first answer upwards is optimal among the schedules with at most d breaks each."""
    searches = [team.first, *team.downward]
    if team.handed_over and not team.first.done:
        searches = team.replace_first()
    value = None if state.best is None else state.breaks(state.best)
    deadline = state.at(tuning.SAT_PHASE_END)
    try:
        while time.monotonic() < deadline:
            for process in searches:
                process.poll(tuning.SAT_POLL_SECONDS)
                state.raise_lower(process.lower)
                found = process.found
                if found is not None and state.fair(found) and (value is None or state.breaks(found) < value):
                    state.keep(found, process.found_at)
                    value = state.breaks(found)
                    state.hint = found
            if (value is not None and value <= state.lower) or any(process.done for process in searches):
                break
    finally:
        for process in searches:
            if process is not team.first:
                process.close()
    if state.best is not None and state.breaks(state.best) <= state.lower:
        return state.result(Status.OPTIMAL, state.best, state.lower, state.best_time)
    return None
