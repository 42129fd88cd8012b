"""`file_sha256`: the one fingerprint of a file (an uploaded document, an imported registry file)."""

import hashlib
from pathlib import Path
from typing import Any


def file_sha256(source: Path | Any) -> str:
    """The SHA-256 of a file on disk (a Path) or of an open binary file, read from its start; an open file is left
    at its start again, so it can be read or saved afterwards."""
    if isinstance(source, Path):
        with source.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    source.seek(0)
    digest = hashlib.sha256()
    for chunk in iter(lambda: source.read(1024 * 1024), b""):
        digest.update(chunk)
    source.seek(0)
    return digest.hexdigest()
