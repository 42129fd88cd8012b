"""Zip bombs: refuse a ZIP container (XLSX, PPTX, DOCX) whose members would unpack to too much.

Office files are ZIP archives; a few megabytes of repeated characters can claim gigabytes once unpacked, and
openpyxl reads shared strings into memory. `check_zip` reads only the archive's directory (the sizes each member
declares; Python's zipfile never returns more bytes than a member declares), nothing is decompressed. It imports
no Django, so the pure statistics engine uses it as well as the upload checks in `core/uploads.py`.
"""

import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO

#: The most an archive may unpack to, all members together (bytes). Real spreadsheets of the office's size
#: (some hundred thousand rows) stay far below.
MAX_UNPACKED_SIZE = 256 * 1024 * 1024
#: The highest compression ratio a member larger than RATIO_CHECK_FROM bytes may have. XML compresses about
#: 5 to 30 times; a bomb of repeated characters about a thousand times.
MAX_RATIO = 200
RATIO_CHECK_FROM = 1024 * 1024
#: The most members an archive may have (a workbook has a few dozen).
MAX_MEMBERS = 10_000


@dataclass(frozen=True)
class ArchiveTooLarge(Exception):
    """The archive would unpack to `unpacked` bytes (or has too many members, or one packed too densely)."""

    reason: str  # "size", "ratio" or "members"
    unpacked: int
    limit: int

    def __str__(self) -> str:
        return f"archive refused ({self.reason}): {self.unpacked} > {self.limit}"


def check_zip(source: str | Path | IO[bytes]) -> None:
    """Raise ArchiveTooLarge when the ZIP archive would unpack to too much; zipfile.BadZipFile when it is no ZIP.

    A file object is read from its start and left at its start."""
    try:
        with zipfile.ZipFile(source) as archive:
            members = archive.infolist()
    finally:
        if not isinstance(source, str | Path):
            source.seek(0)
    if len(members) > MAX_MEMBERS:
        raise ArchiveTooLarge("members", len(members), MAX_MEMBERS)
    total = sum(member.file_size for member in members)
    if total > MAX_UNPACKED_SIZE:
        raise ArchiveTooLarge("size", total, MAX_UNPACKED_SIZE)
    for member in members:
        densest = MAX_RATIO * max(member.compress_size, 1)
        if member.file_size > RATIO_CHECK_FROM and member.file_size > densest:
            raise ArchiveTooLarge("ratio", member.file_size, densest)
