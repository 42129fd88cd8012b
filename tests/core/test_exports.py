import io
from datetime import UTC, date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy
from PIL import Image

from investbridge.core.exports import (
    CSV_CONTENT_TYPE,
    XLSX_CONTENT_TYPE,
    Sheet,
    csv_bytes,
    csv_response,
    neutralize,
    xlsx_bytes,
    xlsx_response,
)
from tests.spreadsheets import HOSTILE, NEUTRALIZED, NEUTRALIZED_XLSX, csv_rows, formula_cells, workbook

pytestmark = pytest.mark.unit

MOMENT = datetime(2020, 12, 24, 7, 0, tzinfo=UTC)


@pytest.mark.parametrize(("text", "expected"), list(zip(HOSTILE, NEUTRALIZED, strict=True)))
def test_neutralize_prefixes_formula_triggers(text, expected):
    assert neutralize(text) == expected


@pytest.mark.parametrize("text", ["Иван Петров", "王芳", "1+1", "a=b", " =1", "", "'quoted"])
def test_neutralize_leaves_other_text_alone(text):
    assert neutralize(text) == text


def test_csv_neutralizes_text_and_writes_numbers_and_dates_as_values():
    content = csv_bytes(
        [[*HOSTILE, 7, -2, 1.5, Decimal("1000.50"), Decimal("1E+3"), date(2020, 12, 24), MOMENT, None]],
        header=["=A", "B"],
        zone="Asia/Shanghai",
    )

    assert csv_rows(content) == [
        ["'=A", "B"],
        [
            *NEUTRALIZED,
            "7",
            "-2",
            "1.5",
            "1000.50",
            "1000",
            "2020-12-24",
            "2020-12-24T15:00:00+08:00",
            "",
        ],
    ]
    # Numbers stay unquoted; only text that needs it is quoted.
    assert content.decode("utf-8-sig").endswith(
        ",7,-2,1.5,1000.50,1000,2020-12-24,2020-12-24T15:00:00+08:00,\r\n"
    )


def test_csv_shows_aware_datetimes_in_the_current_zone_by_default():
    with timezone.override(ZoneInfo("Europe/Moscow")):
        content = csv_bytes([[MOMENT]])

    assert csv_rows(content) == [["2020-12-24T10:00:00+03:00"]]


def test_xlsx_writes_strings_numbers_and_dates_as_typed_cells():
    content = xlsx_bytes(
        [
            Sheet(
                name="Sheet",
                header=["Name", "Count"],
                rows=[
                    [*HOSTILE, 7, 1.5, Decimal("2.25"), date(2020, 12, 24), MOMENT, None, "x\x00\x07y"],
                    ["=1+1"],
                ],
            )
        ],
        zone="Asia/Shanghai",
    )

    book = workbook(content)
    sheet = book["Sheet"]
    first = next(sheet.iter_rows(min_row=2, max_row=2))
    assert formula_cells(book) == []
    assert [cell.value for cell in first[:6]] == NEUTRALIZED_XLSX
    assert {cell.data_type for cell in first[:6]} == {"s"}
    assert [(cell.value, cell.data_type) for cell in first[6:9]] == [(7, "n"), (1.5, "n"), (2.25, "n")]
    assert (first[9].value.isoformat(), first[9].data_type, first[9].number_format) == (
        "2020-12-24T00:00:00",
        "d",
        "yyyy-mm-dd",
    )
    assert (first[10].value.isoformat(), first[10].data_type, first[10].number_format) == (
        "2020-12-24T15:00:00",  # the wall-clock time in the writer's zone
        "d",
        "yyyy-mm-dd hh:mm",
    )
    assert first[11].value is None
    assert first[12].value == "xy"  # control characters XML cannot hold are dropped
    assert sheet["A3"].value == "'=1+1"
    assert (sheet["A1"].font.b, sheet["B1"].font.b, sheet["C1"].value) == (True, True, None)
    assert sheet["A2"].font.b is False


def test_xlsx_keeps_sheet_titles_widths_and_images():
    png = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(png, format="PNG")

    book = workbook(
        xlsx_bytes(
            [
                Sheet(name="A" * 40, title="=Title", rows=[["x"]], widths={"B": 48}),
                Sheet(name="Charts", images=[png.getvalue(), png.getvalue()]),
            ]
        )
    )

    first = book.worksheets[0]
    assert book.sheetnames == ["A" * 31, "Charts"]
    assert (first["A1"].value, first["A1"].font.b, first["A1"].font.sz) == ("'=Title", True, 14)
    assert first["A2"].value == "x"
    assert first.column_dimensions["B"].width == 48
    assert len(book["Charts"]._images) == 2


def test_lazy_translations_are_text_and_booleans_are_refused():
    with translation.override("en"):
        assert csv_rows(csv_bytes([[gettext_lazy("Name")]])) == [["Name"]]
    with pytest.raises(TypeError):
        csv_bytes([[True]])
    with pytest.raises(TypeError):
        xlsx_bytes([Sheet(name="S", rows=[[object()]])])


def test_responses_are_attachments_of_the_right_type():
    csv_download = csv_response([["=x"]], header=["h"], filename="a.csv")
    xlsx_download = xlsx_response([Sheet(name="S", rows=[["=x"]])], filename="a.xlsx")

    assert (csv_download["Content-Type"], csv_download["Content-Disposition"]) == (
        CSV_CONTENT_TYPE,
        'attachment; filename="a.csv"',
    )
    assert csv_rows(csv_download.content) == [["h"], ["'=x"]]
    assert (xlsx_download["Content-Type"], xlsx_download["Content-Disposition"]) == (
        XLSX_CONTENT_TYPE,
        'attachment; filename="a.xlsx"',
    )
    assert workbook(xlsx_download.content)["S"]["A1"].value == "'=x"
