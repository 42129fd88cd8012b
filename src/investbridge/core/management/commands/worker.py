"""`investbridge worker`: the background worker (django-tasks-db's `db_worker`, same options) that survives
database errors: it logs them, closes its connections, backs off (1 s, 2 s, 4 s … up to --backoff-max) and goes on.
Every queue by default. Run it under a supervisor that restarts it when it exits (`make serve`, systemd)."""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import CommandError
from django_tasks_db.management.commands import db_worker

from investbridge.core.worker import ResilientWorker


class Command(db_worker.Command):
    help = "Run the background worker; it survives database errors (back-off and retry)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.set_defaults(queue_name="*", reload=False)
        parser.add_argument(
            "--backoff-max",
            type=db_worker.valid_interval,
            default=30.0,
            help="The longest wait (seconds) before retrying after a database error (default: %(default)r).",
        )
        parser.add_argument(
            "--no-schedule",
            action="store_true",
            help="Do not enqueue the periodic jobs (digests, reminders) from this worker.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        self.configure_logging(options["verbosity"])
        queue_names = options["queue_name"].split(",")
        excluded = options["exclude_queues"].split(",") if options["exclude_queues"] else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = ResilientWorker(
            queue_names=queue_names,
            interval=options["interval"],
            batch=options["batch"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
            excluded_queue_names=excluded,
            backoff_initial=min(1.0, options["backoff_max"]),
            backoff_max=options["backoff_max"],
            schedule_periodic_jobs=not options["no_schedule"] and not options["batch"],
        )
        worker.configure_signals()
        worker.run()
