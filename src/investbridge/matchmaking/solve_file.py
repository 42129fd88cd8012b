"""Solve an instance file and return the JSON object the CLI prints (`investbridge schedule solve PATH`).

The one place that knows both engines: a `.dzn` file is the published B2BSOP (`matchmaking.b2bsop`), a `.json`
file an instance of the product's scheduler (`matchmaking.scheduler`). No Django.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from investbridge.matchmaking.b2bsop import parse_dzn, solve_b2b
from investbridge.matchmaking.scheduler import (
    InstanceError,
    SolveOptions,
    load_instance,
    result_to_dict,
    solve,
)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise InstanceError(str(path), "no such file") from exc
    except UnicodeDecodeError as exc:
        raise InstanceError(str(path), "is not UTF-8 text") from exc
    except OSError as exc:
        raise InstanceError(str(path), exc.strerror or "cannot be read") from exc


def solve_path(
    path: Path, *, time_limit: float = 60.0, workers: int = 2, seed: int = 0, fairness: int | None = None
) -> dict[str, Any]:
    """Solve a `.dzn` (B2BSOP) or `.json` (InvestBridge) instance; raise `InstanceError` for a bad one.

    `fairness` is the d of the B2BSOP (default 2); JSON instances spread breaks through the objective instead.
    """
    if time_limit <= 0:
        raise InstanceError("--time-limit", "must be positive")
    if workers < 1:
        raise InstanceError("--workers", "must be at least 1")
    suffix = path.suffix.lower()
    if suffix == ".dzn":
        if fairness is not None and fairness < 0:
            raise InstanceError("--fairness", "must be at least 0")
        instance = parse_dzn(_read(path), name=path.name)
        result = solve_b2b(
            instance,
            fairness=2 if fairness is None else fairness,
            time_limit=time_limit,
            workers=workers,
            seed=seed,
        )
        return {
            "status": result.status.value,
            "breaks": result.breaks,
            "lower_bound": result.lower_bound,
            "assignments": [{"meeting": m, "slot": t} for m, t in enumerate(result.slots, start=1)],
            "seconds": round(result.seconds, 3),
        }
    if suffix == ".json":
        if fairness is not None:
            raise InstanceError(
                "--fairness", "applies to .dzn instances only (JSON instances minimise breaks fairly)"
            )
        instance_json = load_instance(_read(path))
        options = SolveOptions(time_limit=time_limit, workers=workers, seed=seed)
        return result_to_dict(solve(instance_json, options=options))
    raise InstanceError(str(path), "the file name must end in .dzn or .json")
