"""Both industry classifications on the statistics pages, charts and exports: each GB/T 4754-2017 section with
its ISIC Rev.4 sections, and the correspondence table with the reason of every split."""

import io
from datetime import date

import pytest
from django.utils import translation
from openpyxl import load_workbook

from investbridge.statistics import exports, labels, services
from investbridge.statistics.engine import industries
from investbridge.statistics.engine.report import Report
from tests.factories.statistics import row, write_csv
from tests.spreadsheets import pdf_text

pytestmark = pytest.mark.integration


def _report() -> Report:
    return Report(
        date_from=date(2020, 1, 1),
        date_to=date(2020, 12, 31),
        previous_from=date(2019, 1, 1),
        previous_to=date(2019, 12, 31),
        count=9,
        previous_count=1,
        by_month=[{"month": "2020-01", "count": 9, "cumulative": 9}],
        previous_by_month=[{"month": "2019-01", "count": 1, "cumulative": 1}],
        by_industry={"C": 6, "E": 2, "O": 1},
        previous_by_industry={"D": 1},
    )


def test_every_split_has_its_reason_and_no_other_section_has_one():
    split = {gbt for gbt, sections in industries.GBT_TO_ISIC.items() if len(sections) > 1}

    assert set(labels.INDUSTRY_SPLITS) == split


def test_correspondence_rows_in_russian():
    with translation.override("ru"):
        rows = {item.code: item for item in labels.industry_correspondence()}

    assert len(rows) == 20
    assert rows["E"].name == "Строительство"
    assert rows["E"].isic == [("F", "Строительство")]
    assert rows["E"].note == ""
    assert [code for code, _name in rows["D"].isic] == ["D", "E"]
    assert rows["D"].note == "Водоснабжение и очистка сточных вод в МСОК относятся к разделу E."


def test_industry_tables_and_chart_labels_carry_isic_sections():
    with translation.override("en"):
        tables = exports.report_tables(_report())
        chart_label = labels.industry_chart_label("C")

    assert [(item.code, item.isic, item.current, item.previous) for item in tables.industries] == [
        ("C", "C, E", 6, 0),
        ("E", "F", 2, 0),
        ("O", "S, G, N, Q, T", 1, 0),
        ("D", "D, E", 0, 1),
    ]
    assert all(item.isic == "" for item in tables.districts)
    assert chart_label == "C · Manufacturing (ISIC C, E)"


def test_xlsx_industry_sheet_has_both_codes():
    with translation.override("zh-hans"):
        book = load_workbook(io.BytesIO(exports.report_xlsx(_report())))

    sheet = [list(values) for values in book["按行业"].iter_rows(values_only=True)]
    assert sheet[0] == ["GB/T 4754-2017 门类", "名称", "新增市场主体", "上年同期", "ISIC 第4版门类"]
    assert sheet[1] == ["C", "C · 制造业", 6, 0, "C, E"]
    assert sheet[4] == ["D", "D · 电力、热力、燃气及水生产和供应业", 0, 1, "D, E"]


def test_pdf_industry_table_has_isic_column():
    with translation.override("ru"):
        text = "".join(pdf_text(exports.report_pdf(_report())).split())

    assert "МСОК,ред.4" in text
    assert "S,G,N,Q,T" in text


@pytest.mark.parametrize(
    ("language", "header", "note"),
    [
        ("ru", "<th>МСОК, ред. 4</th>", "Новости, издательская деятельность, радио, телевидение и кино"),
        ("zh-hans", "<th>ISIC 第4版</th>", "新闻和出版业、广播、电视、电影在 ISIC 中属于 J 门类。"),
    ],
)
def test_dashboard_shows_isic_sections_and_the_correspondence(client_for, files, language, header, note):
    services.registry_import(
        path=write_csv(files / "r.csv", [row(industry="K", registered_on="2020-03-31")]), file_name="r.csv"
    )

    page = client_for("officer").get(f"/{language}/statistics/?date_from=2020-01-01&date_to=2020-12-31")

    html = page.content.decode()
    assert header in html
    assert "<td>L, F</td>" in html
    assert 'data-testid="industry-correspondence"' in html
    assert note in html
