"""`investbridge schedule solve PATH`: run the meeting scheduler on a .dzn or JSON instance file."""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from investbridge.matchmaking.scheduler.errors import InstanceError
from investbridge.matchmaking.solve_file import solve_path


class Command(BaseCommand):
    help = "Meeting scheduler. 'solve PATH' prints the schedule of a .dzn (B2BSOP) or .json instance as JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="{solve}")
        solve = actions.add_parser("solve", help="Solve an instance and print one JSON object.")
        solve.add_argument("path", type=Path, help="a .dzn file (B2BSOP) or a .json instance")
        solve.add_argument("--time-limit", type=float, default=60.0, help="seconds (default 60)")
        solve.add_argument("--workers", type=int, default=2, help="CP-SAT worker threads (default 2)")
        solve.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
        solve.add_argument(
            "--fairness", type=int, default=None, help="d of the B2BSOP: breaks differ by at most d (2)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            output = solve_path(
                options["path"],
                time_limit=options["time_limit"],
                workers=options["workers"],
                seed=options["seed"],
                fairness=options["fairness"],
            )
        except InstanceError as error:
            raise CommandError(f"Invalid instance: {error}") from error
        self.stdout.write(json.dumps(output, ensure_ascii=False))
