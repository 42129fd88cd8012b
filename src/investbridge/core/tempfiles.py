"""Temporary files that do not outlive their import, however it ends.

- Normal exit and exceptions: `temporary_directory()` removes its directory in a `finally`.
- SIGTERM and SIGINT: `signals_exit_cleanly()` (used by the import commands) turns them into `SystemExit` in the
  main thread, so every `finally`, context manager and transaction rollback runs before the process ends.
- SIGKILL (nothing runs): each temporary file or directory carries its process id in its name
  (`<prefix>-pid<PID>-<random>`), in a directory the project knows (`INVESTBRIDGE_DATA_DIR/tmp`, the statistics
  directory); `remove_stale()` at the start of the next import removes those whose process is gone.
"""

import contextlib
import os
import re
import shutil
import signal
import tempfile
import threading
from collections.abc import Container, Iterator
from pathlib import Path
from types import FrameType
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import TemporaryUploadedFile, UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, TemporaryFileUploadHandler

#: The process id in a temporary file's name: "…-pid1234-…".
_PID_MARK = re.compile(r"-pid(\d+)-")


def pid_tag() -> str:
    """The mark of this process in the names of its temporary files."""
    return f"pid{os.getpid()}"


def temp_root() -> Path:
    """The project's directory for temporary files (under INVESTBRIDGE_DATA_DIR)."""
    return Path(settings.DATA_DIR) / "tmp"


def owner_pid(name: str) -> int | None:
    match = _PID_MARK.search(name)
    return int(match.group(1)) if match else None


def process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # somebody else's live process
        return True
    return True


def remove_stale(directory: Path, *, keep: Container[str] = ()) -> list[Path]:
    """Remove the temporary files and directories in `directory` whose owning process is gone (killed with
    SIGKILL, or a crash); names without a process mark and names in `keep` stay. Returns what was removed."""
    removed: list[Path] = []
    if not directory.is_dir():
        return removed
    for entry in sorted(directory.iterdir()):
        pid = owner_pid(entry.name)
        if pid is None or entry.name in keep or process_alive(pid):
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)
        removed.append(entry)
    return removed


@contextlib.contextmanager
def temporary_directory(prefix: str, *, root: Path | None = None) -> Iterator[Path]:
    """A new directory `<root>/<prefix>-pid<PID>-<random>`, removed with its content when the block ends. Stale
    directories of dead processes under `root` are removed first."""
    root = root or temp_root()
    root.mkdir(parents=True, exist_ok=True)
    remove_stale(root)
    path = Path(tempfile.mkdtemp(prefix=f"{prefix}-{pid_tag()}-", dir=root))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def _exit(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)


@contextlib.contextmanager
def signals_exit_cleanly() -> Iterator[None]:
    """Within the block, SIGTERM and SIGINT end the process through SystemExit (exit status 128 + the signal),
    so clean-up code runs; the previous handlers come back afterwards. Only the main thread may set handlers:
    elsewhere (a test's thread, a server's worker thread) the block changes nothing."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {number: signal.signal(number, _exit) for number in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


class ProcessTemporaryUploadedFile(TemporaryUploadedFile):
    """An upload streamed to disk in the project's temporary directory, named after this process: Django deletes
    it when the request ends; if the server process is killed, the next import removes it (`remove_stale`)."""

    def __init__(
        self, name: str, content_type: str, size: int, charset: str | None, content_type_extra: Any = None
    ) -> None:
        root = temp_root()
        root.mkdir(parents=True, exist_ok=True)
        extension = os.path.splitext(name)[1]
        file = tempfile.NamedTemporaryFile(  # noqa: SIM115 (closed and deleted with the upload)
            prefix=f"upload-{pid_tag()}-", suffix=".upload" + extension, dir=root
        )
        UploadedFile.__init__(self, file, name, content_type, size, charset, content_type_extra)


class ProcessTemporaryFileUploadHandler(TemporaryFileUploadHandler):
    """Django's handler for large uploads, with the file in the project's temporary directory (see above)."""

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        FileUploadHandler.new_file(self, *args, **kwargs)
        self.file = ProcessTemporaryUploadedFile(
            self.file_name or "", self.content_type or "", 0, self.charset, self.content_type_extra
        )
