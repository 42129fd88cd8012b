import io
import re

import pytest
from openpyxl import load_workbook

from investbridge.directory.models import Sector
from investbridge.events.models import RegistrationStatus
from investbridge.events.reports import event_report, headline, report_csv, report_pdf, report_xlsx
from tests.factories.directory import OrganizationFactory
from tests.factories.events import Christmas2020EventFactory, RegistrationFactory

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
