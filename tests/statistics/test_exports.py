from datetime import date

import pytest
from django.utils import translation

from investbridge.statistics import exports
from investbridge.statistics.engine.report import Report
from tests.spreadsheets import (
    HOSTILE,
    LONG_WORD,
    MARKUP,
    NEUTRALIZED_XLSX,
    formula_cells,
    pdf_images_and_links,
    pdf_text,
    workbook,
)

pytestmark = pytest.mark.unit


def _report(**breakdowns: object) -> Report:
    """A report as the engine returns it, with the codes given (the importer only lets known codes through;
    the exports must not rely on it)."""
    return Report(
        date_from=date(2020, 1, 1),
        date_to=date(2020, 12, 31),
        previous_from=date(2019, 1, 1),
        previous_to=date(2019, 12, 31),
        count=6,
        previous_count=4,
        by_month=[{"month": "2020-01", "count": 6, "cumulative": 6}],
        previous_by_month=[{"month": "2019-01", "count": 4, "cumulative": 4}],
        by_industry={"C": 6},
        **breakdowns,  # type: ignore[arg-type]
    )


def test_report_xlsx_neutralizes_labels_and_writes_numbers_as_numbers():
    report = _report(by_district=dict.fromkeys(HOSTILE, 1), previous_by_district={HOSTILE[0]: 2})

    with translation.override("en"):
        book = workbook(exports.report_xlsx(report))

    assert formula_cells(book) == []
    districts = book["By district"]
    rows = sorted(list(row) for row in districts.iter_rows(min_row=2, values_only=True))
    assert rows == sorted(
        [text, text, 1, 2 if text == NEUTRALIZED_XLSX[0] else 0] for text in NEUTRALIZED_XLSX
    )
    assert {districts.cell(row=r, column=c).data_type for r in range(2, 8) for c in (3, 4)} == {"n"}
    summary = [list(row) for row in book["Summary"].iter_rows(values_only=True)]
    assert summary[2:] == [["New entities", 6], ["A year earlier", 4], ["Year-on-year change, %", 50]]
    assert summary[:2] == [["Period", "1 January 2020 – 31 December 2020"], ["Filters", "all entities"]]
    months = [list(row) for row in book["By month"].iter_rows(values_only=True)]
    assert months[1] == ["2020-01", 6, 6, 4, 4]


def test_report_pdf_shows_markup_literally_and_wraps_a_very_long_name():
    report = _report(by_district=dict.fromkeys(MARKUP, 1), by_country={"RU": 6}, country=LONG_WORD)

    with translation.override("en"):
        pdf = exports.report_pdf(report)

    text = "".join(pdf_text(pdf).split())
    assert [text.count("".join(item.split())) for item in MARKUP] == [1, 1, 1, 1, 1]
    assert text.count("Ы") == len(LONG_WORD)
    assert pdf_images_and_links(pdf) == (4, 0)  # the four charts, no other image and no link
