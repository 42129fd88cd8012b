"""Benchmark (b): generated Moscow–Haikou events, scheduled priority against the upper bound and FCFS.

    .venv/bin/python bench/scheduler_timezones.py                      # 100, 500, 2000 participants, 60 s
    .venv/bin/python bench/scheduler_timezones.py --sizes 100 --time-limit 10   # a quick run
    .venv/bin/python bench/scheduler_timezones.py --sizes 500 --set NEIGHBOURHOOD_MEETINGS=120   # another tuning

For each size: the first-come-first-served baseline (requests in the order they were made, each in the
earliest free slot: what most platforms do) and the scheduler (greedy construction + CP-SAT) are run on the
same instance in the same process; every schedule is validated by the independent checker. Prints the
scheduled priority, its ratio to the upper bound and to the baseline, breaks, and seconds.
"""

import argparse
import os
import sys
import time

from investbridge.matchmaking.scheduler import SolveOptions, baseline_fcfs, check_schedule, solve, tuning
from investbridge.matchmaking.scheduler.generate import moscow_haikou


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 500, 2000])
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--meetings", type=int, default=10, help="requested meetings per participant")
    parser.add_argument(
        "--set",
        nargs="+",
        default=[],
        metavar="NAME=VALUE",
        help="measure another value of a tuned constant of investbridge.matchmaking.scheduler.tuning",
    )
    args = parser.parse_args()
    for setting in args.set:
        name, _, value = setting.partition("=")
        if not isinstance(getattr(tuning, name, None), int | float) or name.startswith("_"):
            parser.error(f"{name!r} is not a numeric constant of investbridge.matchmaking.scheduler.tuning")
        setattr(tuning, name, type(getattr(tuning, name))(value))
        print(f"# {name} = {getattr(tuning, name)!r} (default changed for this run)")
    print(
        f"# load average before the run: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; {os.cpu_count()} CPUs"
    )
    header = (
        f"{'participants':>12} {'meetings':>8} {'interp.':>7} {'FCFS prio':>9} {'FCFS brk':>8} "
        f"{'ours prio':>9} {'ours brk':>8} {'upper bd':>8} {'ours/UB':>8} {'ours/FCFS':>9} {'seconds':>7} status"
    )
    print(header)
    failures = 0
    for size in args.sizes:
        instance = moscow_haikou(size, meetings_per_participant=args.meetings, seed=args.seed)
        base = baseline_fcfs(instance)
        started = time.monotonic()
        ours = solve(
            instance, options=SolveOptions(time_limit=args.time_limit, workers=args.workers, seed=args.seed)
        )
        wall = time.monotonic() - started
        for result in (base, ours):
            report = check_schedule(instance, result.assignments)
            if not report.ok or report.objective != result.objective:
                failures += 1
                print(f"# CHECKER REJECTED a schedule for {size}: {report.violations[:3]}", file=sys.stderr)
        bound = ours.upper_bound_priority
        print(
            f"{size:>12} {len(instance.meetings):>8} {len(instance.interpreters):>7} "
            f"{base.objective.priority:>9} {base.objective.breaks:>8} "
            f"{ours.objective.priority:>9} {ours.objective.breaks:>8} {bound:>8} "
            f"{ours.objective.priority / bound:>8.2%} {ours.objective.priority / max(1, base.objective.priority):>9.3f} "
            f"{wall:>7.1f} {ours.status.value}",
            flush=True,
        )
    print(f"# load average after the run: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
