"""Temporary files carry their process id; a dead process's are removed, a live one's never."""

import os
import signal
import subprocess
import sys
import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from investbridge.core import tempfiles
from tests.factories.statistics import row, write_csv

pytestmark = pytest.mark.integration


@pytest.fixture
def dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


@pytest.fixture
def temp_root(settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    return tempfiles.temp_root()


def test_remove_stale_removes_only_dead_processes_files(tmp_path, dead_pid):
    (tmp_path / f"upload-pid{dead_pid}-a.upload.csv").write_text("x")
    (tmp_path / f"registry-upload-pid{dead_pid}-b").mkdir()
    (tmp_path / f"registry-upload-pid{dead_pid}-b" / "registry.csv").write_text("x")
    (tmp_path / f"registry-pid{dead_pid}-c.parquet").write_text("current copy")
    (tmp_path / f"upload-pid{os.getpid()}-d.upload.csv").write_text("this process's")
    (tmp_path / "registry-0123abcd.parquet").write_text("no process mark")

    removed = tempfiles.remove_stale(tmp_path, keep={f"registry-pid{dead_pid}-c.parquet"})

    assert sorted(path.name for path in removed) == [
        f"registry-upload-pid{dead_pid}-b",
        f"upload-pid{dead_pid}-a.upload.csv",
    ]
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "registry-0123abcd.parquet",
        f"registry-pid{dead_pid}-c.parquet",
        f"upload-pid{os.getpid()}-d.upload.csv",
    ]


def _import_that_fails(seen: list) -> None:
    with tempfiles.temporary_directory("registry-upload") as directory:
        (directory / "registry.csv").write_text("x")
        seen.append(directory)
        raise RuntimeError("import failed")


def test_temporary_directory_is_removed_after_an_exception(temp_root):
    seen: list = []

    with pytest.raises(RuntimeError):
        _import_that_fails(seen)

    assert seen[0].parent == temp_root
    assert seen[0].name.startswith(f"registry-upload-pid{os.getpid()}-")
    assert list(temp_root.iterdir()) == []


def test_signals_exit_cleanly_turns_sigterm_into_system_exit_and_restores_handler():
    before = signal.getsignal(signal.SIGTERM)

    def terminated() -> None:
        with tempfiles.signals_exit_cleanly():
            os.kill(os.getpid(), signal.SIGTERM)
            signal.sigtimedwait([], 0.01)  # let the handler run

    with pytest.raises(SystemExit) as stopped:
        terminated()

    assert stopped.value.code == 128 + signal.SIGTERM
    assert signal.getsignal(signal.SIGTERM) == before


def test_signals_exit_cleanly_outside_main_thread_changes_nothing():
    seen: list[object] = []

    def run() -> None:
        with tempfiles.signals_exit_cleanly():
            seen.append(signal.getsignal(signal.SIGTERM))

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()

    assert seen == [signal.getsignal(signal.SIGTERM)]


def test_large_upload_is_streamed_to_project_temp_dir_with_process_id(temp_root):
    handler = tempfiles.ProcessTemporaryFileUploadHandler()
    handler.new_file("file", "registry.csv", "text/csv", 10, None)
    handler.receive_data_chunk(b"uscc,name\n", 0)
    upload = handler.file_complete(10)
    path = upload.temporary_file_path()

    assert os.path.dirname(path) == str(temp_root)
    assert os.path.basename(path).startswith(f"upload-pid{os.getpid()}-")
    assert upload.read() == b"uscc,name\n"
    upload.close()
    assert not os.path.exists(path)


@pytest.mark.django_db
def test_registry_upload_removes_leftovers_of_killed_process_and_its_own(
    client_for, temp_root, tmp_path, dead_pid, settings
):
    settings.STATISTICS_DIR = tmp_path / "statistics"
    temp_root.mkdir(parents=True)
    (temp_root / f"upload-pid{dead_pid}-x.upload.csv").write_text("left by a killed server")
    (temp_root / f"registry-upload-pid{dead_pid}-y").mkdir()
    csv = write_csv(tmp_path / "registry.csv", [row()])

    response = client_for("officer").post(
        "/en/statistics/import/", {"file": SimpleUploadedFile("registry.csv", csv.read_bytes(), "text/csv")}
    )

    assert response.status_code == 302
    assert list(temp_root.iterdir()) == []
