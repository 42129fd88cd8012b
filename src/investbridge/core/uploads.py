"""Upload checks: a file's type is read from its content, never from its name, and its size is capped."""

import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from investbridge.core.archives import MAX_UNPACKED_SIZE, ArchiveTooLarge, check_zip


@dataclass(frozen=True)
class FileKind:
    name: str
    extension: str
    content_type: str


PDF = FileKind("pdf", ".pdf", "application/pdf")
XLSX = FileKind("xlsx", ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
PPTX = FileKind("pptx", ".pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation")
DOCX = FileKind("docx", ".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
CSV = FileKind("csv", ".csv", "text/csv")
PARQUET = FileKind("parquet", ".parquet", "application/vnd.apache.parquet")
JPEG = FileKind("jpeg", ".jpg", "image/jpeg")
PNG = FileKind("png", ".png", "image/png")

_OOXML_MAIN_PART = {"xlsx": "xl/workbook.xml", "pptx": "ppt/presentation.xml", "docx": "word/document.xml"}


def sniff(data: bytes, file: UploadedFile | None = None) -> str | None:
    """The kind of file the bytes hold: pdf, xlsx, pptx, docx, parquet, jpeg, png or csv; None when unknown."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PAR1"):
        return "parquet"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"PK\x03\x04") and file is not None:
        file.seek(0)
        try:
            with zipfile.ZipFile(file) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            return None
        finally:
            file.seek(0)
        for kind, part in _OOXML_MAIN_PART.items():
            if part in names and "[Content_Types].xml" in names:
                return kind
        return None
    if b"\x00" not in data:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as error:
            # A sample may cut a multi-byte character at its end; anything earlier is not UTF-8.
            if error.start < len(data) - 3:
                return None
        return "csv"
    return None


def validate_upload(file: UploadedFile, kinds: tuple[FileKind, ...], max_size: int | None = None) -> FileKind:
    """Return the file's kind or raise ValidationError (in the active language) naming what is wrong."""
    limit = max_size or settings.MAX_UPLOAD_SIZE
    if file.size is not None and file.size > limit:
        raise ValidationError(
            _("The file is too large (%(size)s); the limit is %(limit)s.")
            % {"size": filesizeformat(file.size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    if not file.size:
        raise ValidationError(_("The file is empty."), code="empty")
    file.seek(0)
    head = file.read(4096)
    file.seek(0)
    found = sniff(head, file)
    allowed = ", ".join(kind.extension for kind in kinds)
    for kind in kinds:
        if kind.name == found:
            if kind.name in _OOXML_MAIN_PART:
                validate_archive(file)
            return kind
    raise ValidationError(
        _("This file type is not accepted here. Accepted types: %(types)s.") % {"types": allowed},
        code="bad_type",
    )


def archive_too_large_message() -> str:
    return _(
        "The file would unpack to more than %(limit)s; it may be a damaged or malicious archive. "
        "Save it again, or split it into smaller files."
    ) % {"limit": filesizeformat(MAX_UNPACKED_SIZE)}


def validate_archive(file: UploadedFile) -> None:
    """Refuse an Office file (a ZIP archive) that would unpack to too much (a zip bomb), before anyone reads it."""
    try:
        check_zip(file)
    except ArchiveTooLarge as error:
        raise ValidationError(archive_too_large_message(), code="too_large_unpacked") from error
    except zipfile.BadZipFile as error:
        raise ValidationError(_("The file is damaged and cannot be read."), code="damaged") from error
