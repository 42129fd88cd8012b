"""Uploads are judged by their content and size, never by their name."""

import io

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from investbridge.core.uploads import CSV, PDF, XLSX, sniff, validate_upload

pytestmark = pytest.mark.unit


def _xlsx_bytes() -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active.append(["name", "country"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_a_real_spreadsheet_is_accepted_whatever_its_name():
    upload = SimpleUploadedFile("organizations.csv", _xlsx_bytes())

    assert validate_upload(upload, (XLSX, CSV)) == XLSX


def test_a_pdf_named_like_a_spreadsheet_is_refused_with_the_accepted_types():
    upload = SimpleUploadedFile("report.xlsx", b"%PDF-1.7\n" + b"0" * 100)

    with pytest.raises(ValidationError) as error, translation.override("en"):
        validate_upload(upload, (XLSX, CSV))

    assert error.value.messages == ["This file type is not accepted here. Accepted types: .xlsx, .csv."]
    assert error.value.code == "bad_type"


def test_too_large_file_is_refused_in_russian():
    upload = SimpleUploadedFile("a.pdf", b"%PDF-1.7\n" + b"0" * 2048)

    with pytest.raises(ValidationError) as error, translation.override("ru"):
        validate_upload(upload, (PDF,), max_size=1024)

    assert error.value.code == "too_large"
    assert error.value.messages == ["Файл слишком большой (2,0\xa0КБ); допустимый размер — 1,0\xa0КБ."]


def test_empty_file_is_refused_in_chinese():
    with pytest.raises(ValidationError) as error, translation.override("zh-hans"):
        validate_upload(SimpleUploadedFile("a.csv", b""), (CSV,))

    assert error.value.messages == ["文件为空。"]


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.4 rest", "pdf"),
        (b"PAR1\x00\x00", "parquet"),
        ("name;страна\nООО «Восток»;RU\n".encode(), "csv"),
        (
            "名称,国家\n".encode()[:-3] + "名".encode()[:2],
            "csv",
        ),  # a multi-byte character cut by the sample's end
        (b"\x00\x01binary", None),
        (b"\xff\xfe\xfa not utf-8 at all" + b"x" * 20, None),
    ],
)
def test_sniff_reads_the_kind_from_the_first_bytes(data, kind):
    assert sniff(data) == kind


def test_sniff_refuses_a_zip_that_is_not_an_office_document():
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    upload = SimpleUploadedFile("data.xlsx", buffer.getvalue())

    assert sniff(buffer.getvalue()[:4096], upload) is None
