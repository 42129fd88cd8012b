import io
import re
from datetime import UTC, datetime

import pytest
from openpyxl import load_workbook

from investbridge.directory.models import Sector
from investbridge.events.models import RegistrationStatus
from investbridge.events.reports import event_report, headline, report_csv, report_pdf, report_xlsx
from tests.factories.directory import OrganizationFactory
from tests.factories.events import Christmas2020EventFactory, RegistrationFactory
from tests.spreadsheets import (
    HOSTILE,
    LONG_WORD,
    MARKUP,
    NEUTRALIZED,
    NEUTRALIZED_XLSX,
    csv_rows,
    formula_cells,
    pdf_images_and_links,
    workbook,
)
from tests.spreadsheets import pdf_text as extracted_pdf_text

pytestmark = pytest.mark.integration


@pytest.mark.parametrize(
    ("people", "organizations", "language", "expected"),
    [
        (70, 40, "en", "70 representatives of 40 organizations"),
        (1, 1, "en", "1 representative of 1 organization"),
        (70, 40, "ru", "70 представителей из 40 организаций"),
        (22, 21, "ru", "22 представителя из 21 организации"),
        (70, 40, "zh-hans", "来自40家机构的70名代表"),
    ],
)
def test_headline_plurals_in_each_language(db, people, organizations, language, expected):
    assert headline(people, organizations, language) == expected


def test_event_report_counts_people_organizations_and_breakdowns(db):
    event = Christmas2020EventFactory()
    first_org, second_org = OrganizationFactory(), OrganizationFactory()
    a = RegistrationFactory(
        event=event, arrival=1, organization=first_org, attended=True, consent_to_contact=True
    )
    a.sectors.set([Sector.objects.get(pk="C")])
    RegistrationFactory(event=event, arrival=2, organization=first_org, language="zh-hans", country="CN")
    RegistrationFactory(event=event, arrival=3, organization=second_org, attended=True)
    RegistrationFactory(
        event=event, arrival=4, organization_name="Без карточки", status=RegistrationStatus.WAITLISTED
    )
    RegistrationFactory(event=event, arrival=5, status=RegistrationStatus.CANCELLED)

    report = event_report(event=event, language="en")

    assert (report.registered, report.registered_organizations) == (4, 3)
    assert (report.attended, report.attended_organizations) == (2, 2)
    assert [(row.label, row.registered, row.attended) for row in report.by_country] == [
        ("Russia", 3, 2),
        ("China", 1, 0),
    ]
    assert [(row.key, row.registered, row.attended) for row in report.by_sector] == [("—", 3, 1), ("C", 1, 1)]
    assert [(row.key, row.registered) for row in report.by_language] == [("ru", 3), ("zh-hans", 1)]
    assert [r.pk for r in report.contacts] == [a.pk]


@pytest.mark.parametrize("language", ["ru", "zh-hans", "en"])
def test_report_exports_are_real_files(db, language):
    event = Christmas2020EventFactory()
    RegistrationFactory(event=event, arrival=1, full_name="王芳", attended=True, consent_to_contact=True)
    report = event_report(event=event, language=language)

    pdf = report_pdf(report)
    workbook = load_workbook(io.BytesIO(report_xlsx(report)))
    csv_text = report_csv(report).decode("utf-8-sig")

    assert pdf.startswith(b"%PDF-")
    assert pdf.rstrip().endswith(b"%%EOF")
    assert len(workbook.sheetnames) == 6
    assert workbook.worksheets[4].cell(row=2, column=2).value == "王芳"
    assert csv_text.splitlines()[1] == report.headline


def test_report_pdf_embeds_the_platform_cjk_font(db):
    from investbridge.core.fonts import find_pdf_font

    if find_pdf_font() is None:
        pytest.skip("no TrueType font covering Cyrillic and Chinese on this machine (make system-deps)")
    event = Christmas2020EventFactory()
    RegistrationFactory(event=event, arrival=1, full_name="王芳")

    pdf = report_pdf(event_report(event=event, language="zh-hans"))

    assert b"/FontFile2" in pdf  # an embedded TrueType font
    assert re.search(rb"/BaseFont /[A-Z]{6}\+", pdf)  # subset of the platform font, used by the text


# --- hostile text in exports ------------------------------------------------------------------------------

#: The columns of a registrant's row holding text as stored: name, name in Latin letters, organization, position
#: (the names for the reader follow the name and the organization).
STORED = (1, 2, 5, 8)
ATTENDED_AT = datetime(2020, 12, 24, 7, 5, tzinfo=UTC)  # 15:05 in Haikou


def _hostile_registrations(event):
    """One registrant per hostile text, in the name, organization, position and Latin name; the first attended."""
    for arrival, text in enumerate(HOSTILE, start=1):
        RegistrationFactory(
            event=event,
            arrival=arrival,
            full_name=text,
            name_latin=text,
            organization_name=text,
            position=text,
            consent_to_contact=True,
            attended=arrival == 1,
            attended_at=ATTENDED_AT if arrival == 1 else None,
        )


def test_report_csv_neutralizes_registrant_text_and_types_numbers_and_times(db):
    event = Christmas2020EventFactory(title_en=HOSTILE[0])
    _hostile_registrations(event)

    rows = csv_rows(report_csv(event_report(event=event, language="en")))

    assert rows[0][0] == NEUTRALIZED[0]
    assert rows[3][15] == "Attendance recorded (Haikou time)"
    registrants = rows[4:]
    assert [row[0] for row in registrants] == ["1", "2", "3", "4", "5", "6"]
    assert [[row[i] for i in STORED] for row in registrants] == [[text] * 4 for text in NEUTRALIZED]
    assert [row[15] for row in registrants] == ["2020-12-24T15:05:00+08:00", "", "", "", "", ""]


@pytest.mark.parametrize("language", ["ru", "zh-hans", "en"])
def test_report_xlsx_neutralizes_registrant_text_and_types_numbers_and_times(db, language):
    event = Christmas2020EventFactory(title_en=HOSTILE[0], title_ru=HOSTILE[0], title_zh_hans=HOSTILE[0])
    _hostile_registrations(event)

    book = workbook(report_xlsx(event_report(event=event, language=language)))

    assert formula_cells(book) == []
    summary = book.worksheets[0]
    assert (summary["A1"].value, summary["A1"].data_type, summary["A1"].font.b) == (
        NEUTRALIZED_XLSX[0],
        "s",
        True,
    )
    for sheet in (book.worksheets[4], book.worksheets[5]):  # registrants, contact requests
        rows = list(sheet.iter_rows(min_row=2))
        assert [(row[0].value, row[0].data_type) for row in rows] == [(n, "n") for n in range(1, 7)]
        assert [[row[i].value for i in STORED] for row in rows] == [[text] * 4 for text in NEUTRALIZED_XLSX]
        assert {row[i].data_type for row in rows for i in STORED} == {"s"}
        assert (rows[0][15].value.isoformat(), rows[0][15].is_date, rows[0][15].number_format) == (
            "2020-12-24T15:05:00",
            True,
            "yyyy-mm-dd hh:mm",
        )
        assert [row[15].value for row in rows[1:]] == [None] * 5
    by_country = book.worksheets[1]
    assert [cell.data_type for cell in by_country[2]] == ["s", "n", "n"]
    assert [cell.value for cell in by_country[2]][1:] == [6, 1]


def test_report_pdf_shows_markup_in_names_literally(db):
    event = Christmas2020EventFactory(title_en=MARKUP[3])
    for arrival, text in enumerate([*MARKUP, "long"], start=1):
        RegistrationFactory(
            event=event,
            arrival=arrival,
            full_name=text,
            organization_name=text,
            position="Директор",
            consent_to_contact=True,
        )
    report = event_report(event=event, language="en")
    # The columns hold at most 200/300 characters; the PDF must cope with longer text all the same.
    report.contacts[-1].full_name = report.contacts[-1].organization_name = LONG_WORD

    pdf = report_pdf(report)

    text = "".join(extracted_pdf_text(pdf).split())  # names wrap in the table's narrow cells
    assert [text.count("".join(item.split())) for item in MARKUP] == [
        2,
        2,
        2,
        3,
        2,
    ]  # name, organization (+ title)
    assert text.count("Ы") == 2 * len(LONG_WORD)
    assert pdf_images_and_links(pdf) == (0, 0)


# --- names for the reader ---------------------------------------------------------------------------------


def _registrants_of_both_scripts(event):
    RegistrationFactory(
        event=event, arrival=1, full_name="王小明", organization_name="海南椰岛", consent_to_contact=True
    )
    RegistrationFactory(
        event=event, arrival=2, full_name="Щукин Юрий", organization_name="Ромашка", consent_to_contact=True
    )


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "ru",
            [
                ["王小明", "Ван Сяомин", "Palladius", "海南椰岛", "Хайнань Е Дао", "Palladius"],
                ["Щукин Юрий", "Щукин Юрий", "", "Ромашка", "Ромашка", ""],
            ],
        ),
        (
            "zh-hans",
            [
                ["王小明", "王小明", "", "海南椰岛", "海南椰岛", ""],
                ["Щукин Юрий", "Shchukin Iurii", "ICAO Doc 9303", "Ромашка", "Romashka", "ICAO Doc 9303"],
            ],
        ),
    ],
)
def test_report_csv_and_xlsx_write_the_name_for_the_reader_beside_the_stored_one(db, language, expected):
    event = Christmas2020EventFactory()
    _registrants_of_both_scripts(event)
    report = event_report(event=event, language=language)
    columns = (1, 3, 4, 5, 6, 7)

    rows = csv_rows(report_csv(report))
    sheets = workbook(report_xlsx(report)).worksheets[4:6]  # registrants, contact requests

    header = {"ru": ["Имя для читателя", "Транслитерация"], "zh-hans": ["读者所见名称", "音译"]}[language]
    assert rows[3][3:5] == rows[3][6:8] == header
    assert [[row[i] for i in columns] for row in rows[4:]] == expected
    for sheet in sheets:
        values = [[cell.value or "" for cell in row] for row in sheet.iter_rows(min_row=2)]
        assert [[row[i] for i in columns] for row in values] == expected
