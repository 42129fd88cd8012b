"""The project's own parser of the B2BSOP's MiniZinc data files (`parse_dzn`)."""

from __future__ import annotations

import re
from typing import Any

from investbridge.matchmaking.scheduler.errors import InstanceError

from .instance import AFTERNOON, EITHER, MORNING, B2BInstance

_INT = re.compile(r"-?\d+")


def _parse_set(text: str, element: str) -> frozenset[int]:
    values: set[int] = set()
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        if ".." in part:
            lo, _, hi = part.partition("..")
            try:
                values.update(range(int(lo), int(hi) + 1))
            except ValueError as exc:
                raise InstanceError(element, f"bad range {part!r}") from exc
        elif _INT.fullmatch(part):
            values.add(int(part))
        else:
            raise InstanceError(element, f"bad set element {part!r}")
    return frozenset(values)


def _parse_value(name: str, text: str) -> Any:
    text = text.strip()
    if _INT.fullmatch(text):
        return int(text)
    if text.startswith("[|"):
        if not text.endswith("|]"):
            raise InstanceError(name, "a 2-d array must end with |]")
        rows = list(text[2:-2].split("|"))
        out = []
        for i, row in enumerate(rows):
            cells = [c.strip() for c in row.split(",") if c.strip()]
            if not all(_INT.fullmatch(c) for c in cells):
                raise InstanceError(f"{name} row {i + 1}", f"expected integers, got {row.strip()!r}")
            out.append([int(c) for c in cells])
        return out
    if text.startswith("[") and text.endswith("]"):
        inner = text[1:-1].strip()
        if "{" in inner:
            sets = re.findall(r"\{([^{}]*)\}", inner)
            rest = re.sub(r"\{[^{}]*\}", "", inner).replace(",", "").strip()
            if rest:
                raise InstanceError(name, f"unexpected text {rest[:20]!r} in an array of sets")
            return [_parse_set(s, f"{name}[{i + 1}]") for i, s in enumerate(sets)]
        cells = [c.strip() for c in inner.split(",") if c.strip()]
        for i, cell in enumerate(cells):
            if not _INT.fullmatch(cell):
                raise InstanceError(f"{name}[{i + 1}]", f"expected an integer, got {cell!r}")
        return [int(c) for c in cells]
    raise InstanceError(name, f"cannot read the value {text[:30]!r}")


KNOWN = {
    "nBusiness",
    "nMeetings",
    "nTables",
    "nTotalSlots",
    "nMorningSlots",
    "requested",
    "meetingsxBusiness",
    "nMeetingsBusiness",
    "forbidden",
    "fixed",
    "precedences",
}


def parse_dzn(text: str, *, name: str = "") -> B2BInstance:
    """Parse a B2BSOP MiniZinc data file; raise `InstanceError` naming the offending element."""
    text = "\n".join(line.split("%", 1)[0] for line in text.splitlines())
    values: dict[str, Any] = {}
    for statement in text.split(";"):
        if not statement.strip():
            continue
        key, sep, value = statement.partition("=")
        key = key.strip()
        if not sep or not re.fullmatch(r"[A-Za-z_]\w*", key):
            raise InstanceError(statement.strip()[:30], "expected 'name = value;'")
        if key not in KNOWN:
            raise InstanceError(key, "unknown parameter")
        if key in values:
            raise InstanceError(key, "is given twice")
        values[key] = _parse_value(key, value)
    for key in ("nBusiness", "nMeetings", "nTables", "nTotalSlots", "nMorningSlots", "requested"):
        if key not in values:
            raise InstanceError(key, "is missing")
    for key in ("nBusiness", "nMeetings", "nTables", "nTotalSlots", "nMorningSlots"):
        if not isinstance(values[key], int) or values[key] < 0:
            raise InstanceError(key, "must be a non-negative integer")
    n_business, n_meetings, n_slots = values["nBusiness"], values["nMeetings"], values["nTotalSlots"]
    n_morning = values["nMorningSlots"]
    if n_morning > n_slots:
        raise InstanceError("nMorningSlots", f"is larger than nTotalSlots ({n_slots})")
    requested = values["requested"]
    if not isinstance(requested, list) or len(requested) != n_meetings:
        raise InstanceError("requested", f"must have nMeetings ({n_meetings}) rows")
    meetings = []
    for i, row in enumerate(requested):
        element = f"requested row {i + 1} (meeting {i + 1})"
        if not isinstance(row, list) or len(row) != 3:
            raise InstanceError(element, "must have three values: participant, participant, session")
        a, b, s = row
        for p in (a, b):
            if not 1 <= p <= n_business:
                raise InstanceError(element, f"participant {p} is not in 1..{n_business}")
        if a == b:
            raise InstanceError(element, f"is between participant {a} and itself")
        if s not in (MORNING, AFTERNOON, EITHER):
            raise InstanceError(element, f"session {s} is not 1, 2 or 3")
        meetings.append((a, b, s))

    def sets(key: str, length: int, upper: int, what: str) -> list[frozenset[int]]:
        raw = values.get(key)
        if raw is None:
            return [frozenset()] * length
        if not isinstance(raw, list) or len(raw) != length or not all(isinstance(x, frozenset) for x in raw):
            raise InstanceError(key, f"must be an array of {length} sets")
        out = []
        for i, found in enumerate(raw):
            found = frozenset(v for v in found if v != 0)  # the files pad sets with a dummy 0
            bad = sorted(v for v in found if not 1 <= v <= upper)
            if bad:
                raise InstanceError(f"{key}[{i + 1}]", f"{what} {bad[0]} is not in 1..{upper}")
            out.append(found)
        return out

    forbidden = sets("forbidden", n_business, n_slots, "slot")
    predecessors = sets("precedences", n_meetings, n_meetings, "meeting")
    for i, preds in enumerate(predecessors):
        if i + 1 in preds:
            raise InstanceError(f"precedences[{i + 1}]", "a meeting cannot precede itself")
    fixed_raw = values.get("fixed", [0] * n_meetings)
    if not isinstance(fixed_raw, list) or len(fixed_raw) != n_meetings:
        raise InstanceError("fixed", f"must be an array of nMeetings ({n_meetings}) integers")
    fixed: list[int | None] = []
    for i, t in enumerate(fixed_raw):
        if not isinstance(t, int) or not 0 <= t <= n_slots:
            raise InstanceError(f"fixed[{i + 1}]", f"slot {t} is not in 0..{n_slots} (0 = not fixed)")
        fixed.append(t or None)
    counts = values.get("nMeetingsBusiness")
    if counts is not None:
        degree = [0] * n_business
        for a, b, _ in meetings:
            degree[a - 1] += 1
            degree[b - 1] += 1
        if counts != degree:
            bad = next(
                (i for i in range(n_business) if i >= len(counts) or counts[i] != degree[i]), len(degree)
            )
            raise InstanceError(
                f"nMeetingsBusiness[{bad + 1}]", "does not match the number of meetings in 'requested'"
            )
    return B2BInstance(
        n_business=n_business,
        n_tables=values["nTables"],
        n_slots=n_slots,
        n_morning=n_morning,
        meetings=tuple(meetings),
        forbidden=tuple(forbidden),
        fixed=tuple(fixed),
        predecessors=tuple(predecessors),
        name=name,
    )
