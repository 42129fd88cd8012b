import pytest

from tests.factories.directory import OrganizationFactory
from tests.factories.events import EventFactory
from tests.spreadsheets import HOSTILE, NEUTRALIZED, csv_rows, formula_cells, workbook

pytestmark = pytest.mark.integration


def test_conversion_csv_neutralizes_event_titles_and_partner_names(client, officer):
    for index, text in enumerate(HOSTILE):
        EventFactory(slug=f"hostile-{index}", title=text, title_en=text)
        OrganizationFactory(name=text, is_partner=True, kind="bank")
    client.force_login(officer)

    response = client.get("/en/pipeline/conversion/?format=csv")

    rows = csv_rows(response.content)
    assert response["Content-Disposition"] == 'attachment; filename="conversion.csv"'
    assert sorted(row[:2] for row in rows[1:] if row[0] == "Event") == sorted(
        ["Event", t] for t in NEUTRALIZED
    )
    assert sorted(row[:2] for row in rows[1:] if row[0] == "Partner") == sorted(
        ["Partner", t] for t in NEUTRALIZED
    )
    assert {tuple(row[4:]) for row in rows[1:]} == {  # after the name for the reader
        ("0", "0", "0", "0", "", "0"),
        ("", "0", "0", "0", "", "0"),
    }


def test_inquiry_report_xlsx_writes_counts_as_numbers_and_missing_values_as_empty_cells(client, officer):
    client.force_login(officer)

    response = client.get("/en/pipeline/inquiries/report/?month=2026-05&format=xlsx")

    book = workbook(response.content)
    sheet = book.active
    assert sheet is not None
    assert formula_cells(book) == []
    values = [(row[0].value, row[1].value, row[1].data_type) for row in sheet.iter_rows(min_row=2)]
    assert values[:4] == [
        ("Month", "2026-05", "s"),
        ("Inquiries received", 0, "n"),
        ("Answered", 0, "n"),
        ("Not answered yet", 0, "n"),
    ]
    assert [value for _label, value, _type in values[4:6]] == [None, None]
    assert sheet["A1"].font.b is True


@pytest.mark.parametrize(
    ("language", "header", "expected"),
    [
        ("ru", ["Имя для читателя", "Транслитерация"], {("Ромашка", ""), ("Хайнань Е Дао", "Palladius")}),
        ("zh-hans", ["读者所见名称", "音译"], {("Romashka", "ICAO Doc 9303"), ("海南椰岛", "")}),
    ],
)
def test_conversion_csv_writes_the_partner_name_for_the_reader(client, officer, language, header, expected):
    for name_ru, name_zh_hans in (("Ромашка", ""), ("", "海南椰岛")):
        OrganizationFactory(
            name=name_ru or name_zh_hans,
            name_ru=name_ru,
            name_zh_hans=name_zh_hans,
            name_en="",
            is_partner=True,
            kind="bank",
        )
    client.force_login(officer)

    rows = csv_rows(client.get(f"/{language}/pipeline/conversion/?format=csv").content)

    assert rows[0][2:4] == header
    assert {tuple(row[2:4]) for row in rows[1:] if row[1] and row[2]} == expected
