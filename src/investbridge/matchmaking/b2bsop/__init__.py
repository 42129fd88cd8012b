"""The B2B Scheduling Optimization Problem (B2BSOP) of Bofill et al., JAIR 74 (2022), as published.

A benchmark of the engine's techniques, not part of the product: the product's scheduler is
`investbridge.matchmaking.scheduler`, which never imports this package. Pure Python, no Django.

Participants 1..n, consecutive slots 1..T (1..nMorningSlots are the morning session), every requested
meeting gets exactly one slot (in its session: 1 morning, 2 afternoon, 3 either), a participant has at most
one meeting per slot and never one in a forbidden slot, at most nTables meetings per slot, fixed meetings
are in their slot, a meeting's predecessors are in earlier slots. A break is one run of idle slots between
two consecutive meetings of a participant; the breaks of any two participants differ by at most d
(fairness); the objective is to minimise the total number of breaks.

- `parse_dzn(text)` reads the MiniZinc data files of the benchmark (`dzn`);
- `solve_b2b(instance, ...)` solves it (`portfolio`: CP-SAT block models, SAT searches, the exact model);
- `check_b2b(instance, slots)` is an independent checker, `b2b_breaks` counts breaks (`checker`);
- `find_instances_dir(project_root)` finds the published instances (never copied into the project).

Modules, one strategy each: `instance` (data), `dzn`, `checker`, `blocks` (block models), `beside` (phases 1–2,
CP-SAT beside the SAT searches), `sat` (SAT encoding and searches), `sat_process` (the searches in child
processes, phase 3), `exact` (exact model, phase 4), `state` (what a call knows), `tuning` (every tuned
constant), `portfolio` (`solve_b2b`).
"""

from . import tuning
from .checker import b2b_breaks, check_b2b
from .dzn import parse_dzn
from .instance import B2BInstance, B2BResult, find_instances_dir
from .portfolio import solve_b2b

__all__ = [
    "B2BInstance",
    "B2BResult",
    "b2b_breaks",
    "check_b2b",
    "find_instances_dir",
    "parse_dzn",
    "solve_b2b",
    "tuning",
]
