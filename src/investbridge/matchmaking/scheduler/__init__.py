"""The meeting scheduler: a pure engine (no Django import) built on OR-Tools CP-SAT.

Public API (see docs/scheduler.md):

- model: `Instance`, `Slot`, `Participant`, `Interpreter`, `Meeting`, `Assignment`, `Result`, `Objective`, `Status`
- `solve(instance, options=SolveOptions(...), locked=[...], on_progress=...)` -> `Result` (the product scheduler;
  `on_progress` receives a `Progress` with the best schedule so far)
- `baseline_fcfs(instance)` -> `Result` (first come, first served; for comparison)
- `check_schedule(instance, assignments)` -> `CheckReport` (independent checker)
- `instance_from_dict`, `load_instance`, `validate_instance`, `result_to_dict`, `instance_schema` (JSON format)
- `InstanceError` (names the offending element)

The published B2BSOP benchmark (Bofill et al., JAIR 2022) has its own solver in `investbridge.matchmaking.b2bsop`;
this package never imports it.
"""

from . import tuning
from .checker import CheckReport, check_schedule
from .errors import InstanceError
from .jsonio import instance_from_dict, instance_schema, load_instance, result_to_dict, validate_instance
from .model import (
    Assignment,
    Id,
    Instance,
    Interpreter,
    Meeting,
    Objective,
    Participant,
    Phase,
    Progress,
    Result,
    Slot,
    SolveOptions,
    Status,
)
from .progress import ProgressCallback
from .solver import baseline_fcfs, solve

__all__ = [
    "Assignment",
    "CheckReport",
    "Id",
    "Instance",
    "InstanceError",
    "Interpreter",
    "Meeting",
    "Objective",
    "Participant",
    "Phase",
    "Progress",
    "ProgressCallback",
    "Result",
    "Slot",
    "SolveOptions",
    "Status",
    "baseline_fcfs",
    "check_schedule",
    "instance_from_dict",
    "instance_schema",
    "load_instance",
    "result_to_dict",
    "solve",
    "tuning",
    "validate_instance",
]
