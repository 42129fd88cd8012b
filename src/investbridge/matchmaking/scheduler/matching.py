"""Interpreter assignment within one slot: a bipartite matching (Kuhn's augmenting paths)."""

from __future__ import annotations

from collections.abc import Sequence

from .model import Id, Instance, Meeting


def interpreter_matching(instance: Instance, meetings: Sequence[Meeting], slot_id: Id) -> dict[Id, Id] | None:
    """Give each meeting (all needing an interpreter, all in `slot_id`) a distinct eligible interpreter.

    Returns {meeting id: interpreter id}, or None when no such assignment exists.
    """
    candidates = [
        [t.id for t in instance.interpreters if slot_id not in t.unavailable and instance.can_interpret(t, m)]
        for m in meetings
    ]
    owner: dict[Id, int] = {}

    def augment(k: int, seen: set[Id]) -> bool:
        for interpreter in candidates[k]:
            if interpreter in seen:
                continue
            seen.add(interpreter)
            if interpreter not in owner or augment(owner[interpreter], seen):
                owner[interpreter] = k
                return True
        return False

    for k in sorted(range(len(meetings)), key=lambda k: len(candidates[k])):
        if not augment(k, set()):
            return None
    return {meetings[k].id: interpreter for interpreter, k in owner.items()}
