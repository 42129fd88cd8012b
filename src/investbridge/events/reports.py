"""The event report: who registered and who attended, from how many organizations, by country, sector and
language, and who asked to be contacted; exported as CSV, XLSX and a printable PDF in any of the three languages.
"""

import csv
import io
from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext, npgettext, override, pgettext
from openpyxl import Workbook
from openpyxl.styles import Font
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from investbridge.core import i18n
from investbridge.core.fonts import GlyphCheckingCanvas, pdf_font_name
from investbridge.directory import isic
from investbridge.events.calendar import cities_of
from investbridge.events.models import ACTIVE_STATUSES, Event, Registration
from investbridge.events.times import format_in_cities, format_range_in_cities


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    registered: int
    attended: int


@dataclass
class EventReport:
    event: Event
    language: str
    registered: int
    registered_organizations: int
    attended: int
    attended_organizations: int
    by_country: list[Row]
    by_sector: list[Row]
    by_language: list[Row]
    registrations: list[Registration]
    contacts: list[Registration] = field(default_factory=list)

    @property
    def headline(self) -> str:
        return headline(self.registered, self.registered_organizations, self.language)

    @property
    def attended_headline(self) -> str:
        return headline(self.attended, self.attended_organizations, self.language)


def headline(people: int, organizations: int, language: str) -> str:
    """ "70 representatives of 40 organizations", with each number's plural in the language."""
    with override(language):
        representatives = ngettext("%(count)d representative", "%(count)d representatives", people) % {
            "count": people
        }
        of_organizations = npgettext(
            "report headline", "of %(count)d organization", "of %(count)d organizations", organizations
        ) % {"count": organizations}
        return _("%(representatives)s %(of_organizations)s") % {
            "representatives": representatives,
            "of_organizations": of_organizations,
        }


def _organization_key(registration: Registration) -> str:
    if registration.organization_id:
        return f"id:{registration.organization_id}"
    return f"name:{' '.join(registration.organization_name.casefold().split())}"


def _rows(
    counter_registered: Counter[str], counter_attended: Counter[str], labels: dict[str, str]
) -> list[Row]:
    rows = [
        Row(key, labels.get(key, key), counter_registered[key], counter_attended[key])
        for key in counter_registered
    ]
    return sorted(rows, key=lambda row: (-row.registered, row.label))


def event_report(*, event: Event, language: str) -> EventReport:
    """The report of an event in the language (labels of countries, sectors and languages)."""
    registrations = list(
        Registration.objects.filter(event=event, status__in=ACTIVE_STATUSES)
        .select_related("organization")
        .prefetch_related("sectors")
        .order_by("arrival")
    )
    attended = [registration for registration in registrations if registration.attended]
    with override(language):
        country_r: Counter[str] = Counter(r.country or "—" for r in registrations)
        country_a: Counter[str] = Counter(r.country or "—" for r in attended)
        country_labels = {
            code: i18n.country_name(code, language) if code != "—" else "—" for code in country_r
        }
        sector_r: Counter[str] = Counter()
        sector_a: Counter[str] = Counter()
        for registration in registrations:
            codes = [sector.code for sector in registration.sectors.all()] or ["—"]
            sector_r.update(codes)
            if registration.attended:
                sector_a.update(codes)
        sector_labels = {
            code: (f"{code} · {isic.label(code)}" if code != "—" else _("Not given")) for code in sector_r
        }
        language_r: Counter[str] = Counter(r.language for r in registrations)
        language_a: Counter[str] = Counter(r.language for r in attended)
        language_labels = {code: i18n.language_name(code.split("-")[0], language) for code in language_r}
        return EventReport(
            event=event,
            language=language,
            registered=len(registrations),
            registered_organizations=len({_organization_key(r) for r in registrations}),
            attended=len(attended),
            attended_organizations=len({_organization_key(r) for r in attended}),
            by_country=_rows(country_r, country_a, country_labels),
            by_sector=_rows(sector_r, sector_a, sector_labels),
            by_language=_rows(language_r, language_a, language_labels),
            registrations=registrations,
            contacts=[r for r in registrations if r.consent_to_contact],
        )


# --- exports ----------------------------------------------------------------------------------------------


def _when(report: EventReport) -> str:
    event = report.event
    return format_in_cities(
        event.starts_at, cities_of(event, report.language), language=report.language, with_date=True
    )


def _attended_at(registration: Registration, report: EventReport) -> str:
    if not registration.attended_at:
        return ""
    return format_in_cities(
        registration.attended_at, cities_of(report.event, report.language), language=report.language
    )


def _registrant_header() -> list[str]:
    return [
        _("No."),
        pgettext("person", "Name"),
        _("Name in Latin letters"),
        _("Organization"),
        _("Position"),
        _("Country"),
        _("E-mail"),
        _("Language"),
        _("Sectors"),
        _("Status"),
        _("Attended"),
        _("Attendance recorded"),
        _("Asks to be contacted"),
    ]


def _registrant_row(registration: Registration, report: EventReport) -> list[str]:
    yes, no = _("yes"), _("no")
    return [
        str(registration.arrival),
        registration.full_name,
        registration.name_latin,
        registration.organization_name
        or (str(registration.organization) if registration.organization else ""),
        registration.position,
        i18n.country_name(registration.country, report.language) if registration.country else "",
        registration.email,
        i18n.language_name(registration.language.split("-")[0], report.language),
        ", ".join(sector.code for sector in registration.sectors.all()),
        str(registration.get_status_display()),
        yes if registration.attended else no,
        _attended_at(registration, report),
        yes if registration.consent_to_contact else no,
    ]


def report_csv(report: EventReport) -> bytes:
    """One row per registrant (UTF-8 with BOM, so spreadsheet programs read Cyrillic and Chinese)."""
    with override(report.language):
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow([str(report.event.title), _when(report)])
        writer.writerow([report.headline])
        writer.writerow([])
        writer.writerow(_registrant_header())
        for registration in report.registrations:
            writer.writerow(_registrant_row(registration, report))
        return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def report_xlsx(report: EventReport) -> bytes:
    with override(report.language):
        workbook = Workbook()
        bold = Font(bold=True)
        summary = workbook.active
        assert summary is not None
        summary.title = pgettext("report sheet", "Summary")[:31]
        summary.append([str(report.event.title)])
        summary["A1"].font = Font(bold=True, size=14)
        summary.append([_when(report)])
        summary.append([])
        summary.append([_("Registered"), report.headline])
        summary.append([_("Attended"), report.attended_headline])
        summary.column_dimensions["A"].width = 24
        summary.column_dimensions["B"].width = 60
        for title, rows in (
            (_("By country"), report.by_country),
            (_("By sector"), report.by_sector),
            (_("By language"), report.by_language),
        ):
            sheet = workbook.create_sheet(title[:31])
            sheet.append([title, _("Registered"), _("Attended")])
            for cell in sheet[1]:
                cell.font = bold
            for row in rows:
                sheet.append([row.label, row.registered, row.attended])
            sheet.column_dimensions["A"].width = 50
        people = workbook.create_sheet(_("Registrants")[:31])
        people.append(_registrant_header())
        for cell in people[1]:
            cell.font = bold
        for registration in report.registrations:
            people.append(_registrant_row(registration, report))
        contacts = workbook.create_sheet(_("Contact requests")[:31])
        contacts.append(_registrant_header())
        for cell in contacts[1]:
            cell.font = bold
        for registration in report.contacts:
            contacts.append(_registrant_row(registration, report))
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()


def report_pdf(report: EventReport) -> bytes:
    """A printable A4 report in the report's language."""
    with override(report.language):
        regular, bold = pdf_font_name(), pdf_font_name(bold=True)
        title_style = ParagraphStyle("title", fontName=bold, fontSize=16, leading=21, spaceAfter=6)
        heading = ParagraphStyle(
            "heading", fontName=bold, fontSize=12, leading=16, spaceBefore=10, spaceAfter=4
        )
        body = ParagraphStyle("body", fontName=regular, fontSize=10, leading=14)
        small = ParagraphStyle("small", fontName=regular, fontSize=8, leading=10)
        event = report.event
        story: list = [
            Paragraph(str(event.title), title_style),
            Paragraph(
                format_range_in_cities(
                    event.starts_at,
                    event.ends_at,
                    cities_of(event, report.language),
                    language=report.language,
                ),
                body,
            ),
            Paragraph(_when(report), body),
            Spacer(1, 4 * mm),
            Paragraph(_("Registered: %(headline)s") % {"headline": report.headline}, body),
            Paragraph(_("Attended: %(headline)s") % {"headline": report.attended_headline}, body),
        ]

        def table(rows: list[list[str]], widths: list[float]) -> Table:
            data = [[Paragraph(str(cell), small) for cell in row] for row in rows]
            result = Table(data, colWidths=widths, repeatRows=1)
            result.setStyle(
                TableStyle(
                    [
                        ("GRID", (0, 0), (-1, -1), 0.3, colors.grey),
                        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ]
                )
            )
            return result

        for title, rows in (
            (_("By country"), report.by_country),
            (_("By sector"), report.by_sector),
            (_("By language"), report.by_language),
        ):
            story.append(Paragraph(title, heading))
            story.append(
                table(
                    [[title, _("Registered"), _("Attended")]]
                    + [[row.label, str(row.registered), str(row.attended)] for row in rows],
                    [110 * mm, 30 * mm, 30 * mm],
                )
            )
        story.append(Paragraph(_("Asked to be contacted"), heading))
        if report.contacts:
            story.append(
                table(
                    [
                        [
                            pgettext("person", "Name"),
                            _("Organization"),
                            _("Position"),
                            _("E-mail"),
                            _("Attended"),
                        ]
                    ]
                    + [
                        [
                            r.full_name + (f" ({r.name_latin})" if r.name_latin else ""),
                            r.organization_name,
                            r.position,
                            r.email,
                            _("yes") if r.attended else _("no"),
                        ]
                        for r in report.contacts
                    ],
                    [38 * mm, 45 * mm, 32 * mm, 40 * mm, 15 * mm],
                )
            )
        else:
            story.append(Paragraph(_("Nobody asked to be contacted."), body))
        buffer = io.BytesIO()
        document = SimpleDocTemplate(
            buffer,
            pagesize=A4,
            title=str(event.title),
            author="InvestBridge",
            leftMargin=18 * mm,
            rightMargin=18 * mm,
            topMargin=18 * mm,
            bottomMargin=18 * mm,
        )
        document.build(story, canvasmaker=GlyphCheckingCanvas)  # MissingFontError instead of boxes
        return buffer.getvalue()
