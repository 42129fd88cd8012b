"""Zip bombs are refused from the sizes in the archive's directory, before anything is unpacked."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from investbridge.core.archives import MAX_UNPACKED_SIZE, ArchiveTooLarge, check_zip
from investbridge.core.uploads import PPTX, XLSX, validate_upload
from tests.archives import BOMB_UNPACKED_SIZE, xlsx_bomb

pytestmark = pytest.mark.unit


def _zip(members: dict[str, bytes], level: int = 9) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    buffer.seek(0)
    return buffer


def test_check_zip_refuses_the_bomb_by_its_declared_size():
    with pytest.raises(ArchiveTooLarge) as raised:
        check_zip(io.BytesIO(xlsx_bomb()))

    assert (raised.value.reason, raised.value.limit) == ("size", MAX_UNPACKED_SIZE)
    assert raised.value.unpacked > BOMB_UNPACKED_SIZE


def test_check_zip_refuses_a_member_packed_too_densely():
    archive = _zip({"xl/workbook.xml": b"<workbook/>", "xl/sharedStrings.xml": b"\0" * (20 * 1024 * 1024)})

    with pytest.raises(ArchiveTooLarge) as raised:
        check_zip(archive)

    assert raised.value.reason == "ratio"
    assert raised.value.unpacked == 20 * 1024 * 1024


def test_check_zip_accepts_ordinary_archives_and_rewinds():
    archive = _zip({"a.xml": b"<row>1</row>" * 1000, "b.xml": b"x" * 100})
    archive.seek(5)

    check_zip(archive)

    assert archive.tell() == 0


def test_validate_upload_refuses_the_bomb_in_russian():
    upload = SimpleUploadedFile("registry.xlsx", xlsx_bomb())

    with translation.override("ru"), pytest.raises(ValidationError) as raised:
        validate_upload(upload, (XLSX, PPTX))

    assert raised.value.code == "too_large_unpacked"
    assert raised.value.messages == [
        "После распаковки файл занял бы больше 256,0\xa0МБ; возможно, это повреждённый или вредоносный архив. "
        "Сохраните его заново или разбейте на несколько файлов."
    ]
