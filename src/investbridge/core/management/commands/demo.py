"""`investbridge demo`: load the demonstration data of every domain (idempotent)."""

import importlib
import importlib.util
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

#: Each module has `load(*, stdout)`; the order follows the domains' dependencies.
DEMO_MODULES = [
    "investbridge.accounts.demo",
    "investbridge.directory.demo",
    "investbridge.region.demo",
    "investbridge.events.demo",
    "investbridge.statistics.demo",
    "investbridge.pipeline.demo",
    "investbridge.agreements.demo",
    "investbridge.matchmaking.demo",
]


class Command(BaseCommand):
    help = "Load the demonstration data (the Haikou promotion office). Safe to run again."

    def handle(self, *args: Any, **options: Any) -> None:
        for name in DEMO_MODULES:
            if importlib.util.find_spec(name) is None:
                continue
            module = importlib.import_module(name)
            with transaction.atomic():
                module.load(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data is loaded."))
