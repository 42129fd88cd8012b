"""Benchmark (a): the 20 original B2BSOP instances of Bofill et al. (JAIR 2022) at fairness d = 2.

    .venv/bin/python bench/scheduler_jair.py                          # all 20, 60 s each, 2 workers
    .venv/bin/python bench/scheduler_jair.py --limit 3 --time-limit 10   # a quick run
    .venv/bin/python bench/scheduler_jair.py --only tic-12 forumt-14
    .venv/bin/python bench/scheduler_jair.py --only tic-13crafc --set DOWNWARD_SHARE=0.2   # another tuning

Reads the instances from ../shared/b2b_instances/ next to the project (or $INVESTBRIDGE_B2B_INSTANCES);
never copies them. Per instance: total breaks found against the best-known value of MANIFEST.csv, the lower
bound proved, the time at which the returned schedule was found, whether the best-known value was reached
within the time limit, and the checker's verdict. Ends with the count reaching the best-known value.
"""

import argparse
import csv
import os
import sys
from pathlib import Path

from investbridge.matchmaking.b2bsop import check_b2b, find_instances_dir, parse_dzn, solve_b2b, tuning

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--fairness", type=int, default=2)
    parser.add_argument("--limit", type=int, default=None, help="only the first N instances")
    parser.add_argument("--only", nargs="+", default=None, help="instance names (without .original.dzn)")
    parser.add_argument(
        "--set",
        nargs="+",
        default=[],
        metavar="NAME=VALUE",
        help="measure another value of a tuned constant of investbridge.matchmaking.b2bsop.tuning",
    )
    args = parser.parse_args()
    for setting in args.set:
        name, _, value = setting.partition("=")
        if not isinstance(getattr(tuning, name, None), int | float) or name.startswith("_"):
            parser.error(f"{name!r} is not a numeric constant of investbridge.matchmaking.b2bsop.tuning")
        setattr(tuning, name, type(getattr(tuning, name))(value))
        print(f"# {name} = {getattr(tuning, name)!r} (default changed for this run)")
    shared = find_instances_dir(ROOT)
    if shared is None:
        print("../shared/b2b_instances is absent: nothing to run.")
        return 0
    with (shared / "MANIFEST.csv").open(encoding="utf-8") as handle:
        rows = [row for row in csv.DictReader(handle) if row["variant"] == "original"]
    if args.only:
        rows = [row for row in rows if row["instance"] in set(args.only)]
    if args.limit:
        rows = rows[: args.limit]
    print(
        f"# load average before the run: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; {os.cpu_count()} CPUs"
    )
    print(
        f"{'instance':<16} {'best':>4} {'ours':>4} {'diff':>4} {'LB':>3} {'status':<9} "
        f"{'found at s':>10} {'reached':>7} {'MaxSAT s':>8} checker"
    )
    reached = 0
    invalid = 0
    for row in rows:
        path = shared / "dzn" / row["file"]
        instance = parse_dzn(path.read_text(encoding="utf-8"), name=row["file"])
        result = solve_b2b(
            instance, fairness=args.fairness, time_limit=args.time_limit, workers=args.workers, seed=args.seed
        )
        best = int(row["best_known_total_breaks_d2"])
        problems = (
            check_b2b(instance, result.slots, fairness=args.fairness) if result.slots else ["no schedule"]
        )
        invalid += bool(problems) and bool(result.slots)
        ok = result.breaks is not None and result.breaks <= best and not problems
        reached += ok
        found = f"{result.time_to_best:.1f}" if result.time_to_best is not None else "-"
        ours = "-" if result.breaks is None else str(result.breaks)
        diff = "-" if result.breaks is None else f"{result.breaks - best:+d}"
        print(
            f"{row['instance']:<16} {best:>4} {ours:>4} {diff:>4} {result.lower_bound:>3} {result.status.value:<9} "
            f"{found:>10} {'yes' if ok else 'no':>7} {row['maxsat_time_s']:>8} {'ok' if not problems else problems[0]}",
            flush=True,
        )
    print(f"# reached the best-known value within {args.time_limit:g} s: {reached} of {len(rows)}")
    print(f"# load average after the run: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 1 if invalid else 0


if __name__ == "__main__":
    sys.exit(main())
