"""A registry import killed mid-way leaves no temporary file: SIGTERM and SIGINT clean up at once; after SIGKILL
(nothing can run) the next import removes what the dead process left."""

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from investbridge.statistics.models import ImportBatch
from tests.factories.statistics import row, write_csv

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

#: Runs `investbridge stats import FILE` and stops for good once the new columnar copy is written, before the
#: import commits: the moment when its files exist and nothing refers to them yet.
PAUSED_IMPORT = """
import sys, time
import django
django.setup()
from django.core.management import call_command
from investbridge.statistics.engine import columnar

write_merged = columnar.write_merged

def write_then_pause(target, **options):
    rows = write_merged(target, **options)
    print("PAUSED", flush=True)
    time.sleep(120)
    return rows

columnar.write_merged = write_then_pause
call_command("stats", "import", sys.argv[1], "--no-progress")
"""


def _database_url() -> str:
    values = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{values['NAME']}"
    password = f":{values['PASSWORD']}" if values["PASSWORD"] else ""
    return f"postgres://{values['USER']}{password}@{values['HOST']}:{values['PORT']}/{values['NAME']}"


def _paused_import(tmp_path: Path, statistics_dir: Path, csv: Path) -> subprocess.Popen[str]:
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "investbridge.config.settings",
        "INVESTBRIDGE_ENVIRONMENT": "test",
        "INVESTBRIDGE_SECRET_KEY": "test-only-secret-key-not-for-production-use-0123456789",
        "INVESTBRIDGE_DATA_DIR": str(tmp_path / "data"),
        "INVESTBRIDGE_STATISTICS_DIR": str(statistics_dir),
        "INVESTBRIDGE_DATABASE_URL": _database_url(),
        "INVESTBRIDGE_CONN_MAX_AGE": "0",
    }
    process = subprocess.Popen(
        [sys.executable, "-c", PAUSED_IMPORT, str(csv)],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    if line.strip() != "PAUSED":
        process.kill()
        _, errors = process.communicate()
        raise AssertionError(f"the import did not reach its pause: {line!r} {errors}")
    return process


def _names(directory: Path) -> list[str]:
    return sorted(path.name for path in directory.iterdir()) if directory.exists() else []


@pytest.mark.parametrize("signal_number", [signal.SIGTERM, signal.SIGINT])
def test_import_stopped_by_signal_removes_its_files(tmp_path, statistics_dir, files, signal_number):
    csv = write_csv(files / "registry.csv", [row(), row()])
    process = _paused_import(tmp_path, statistics_dir, csv)
    assert any(name.endswith(".parquet") for name in _names(statistics_dir))  # the files exist while it runs

    process.send_signal(signal_number)
    _, errors = process.communicate(timeout=60)

    assert _names(statistics_dir) == []
    assert process.returncode == 128 + signal_number, errors
    assert ImportBatch.objects.count() == 0


def test_import_killed_with_sigkill_leaves_files_that_the_next_import_removes(
    tmp_path, statistics_dir, files
):
    csv = write_csv(files / "registry.csv", [row(), row()])
    process = _paused_import(tmp_path, statistics_dir, csv)
    process.kill()
    process.communicate(timeout=60)
    leftovers = _names(statistics_dir)
    assert leftovers != []  # nothing could run in the killed process
    assert all(f"-pid{process.pid}-" in name for name in leftovers)

    call_command("stats", "import", str(csv), "--no-progress")

    current = _names(statistics_dir)
    assert len(current) == 2  # the new copy and its cells, nothing of the killed import
    assert not any(f"-pid{process.pid}-" in name for name in current)
    assert ImportBatch.objects.count() == 1
