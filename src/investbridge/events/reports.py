"""The event report: who registered and who attended, from how many organizations, by country, sector and
language, and who asked to be contacted; exported as CSV, XLSX and a printable PDF in any of the three languages.
"""

import io
from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext, npgettext, override, pgettext
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate, Spacer, Table, TableStyle

from investbridge.core import i18n
from investbridge.core.exports import (
    Cell,
    Sheet,
    csv_bytes,
    reader_name_cells,
    reader_name_header,
    xlsx_bytes,
)
from investbridge.core.fonts import GlyphCheckingCanvas, pdf_font_name
from investbridge.core.pdftext import markup_paragraph, paragraph, pdf_format, table
from investbridge.core.scripts import ReaderName
from investbridge.directory import isic
from investbridge.directory import selectors as directory_selectors
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
# Spreadsheets go through core/exports.py (formulas neutralized, numbers and dates typed); PDF text through
# core/pdftext.py (escaped, long words wrap). Attendance times are in the host city's zone, named in the header.


def _when(report: EventReport) -> str:
    event = report.event
    return format_in_cities(
        event.starts_at, cities_of(event, report.language), language=report.language, with_date=True
    )


def _host_zone(report: EventReport) -> str:
    return cities_of(report.event, report.language)[-1].zone


def _registrant_header(report: EventReport) -> list[Cell]:
    return [
        _("No."),
        pgettext("person", "Name"),
        _("Name in Latin letters"),
        *reader_name_header(),
        _("Organization"),
        *reader_name_header(),
        _("Position"),
        _("Country"),
        _("E-mail"),
        _("Language"),
        _("Sectors"),
        _("Status"),
        _("Attended"),
        _("Attendance recorded (%(city)s time)")
        % {"city": cities_of(report.event, report.language)[-1].name},
        _("Asks to be contacted"),
    ]


def _person_name(registration: Registration, language: str) -> ReaderName:
    return directory_selectors.written_person_name(registration.full_name, registration.name_latin, language)


def _organization_name(registration: Registration, language: str) -> ReaderName:
    if registration.organization is not None:
        return directory_selectors.organization_reader_name(registration.organization, language)
    return directory_selectors.written_organization_name(registration.organization_name, language)


def _registrant_row(registration: Registration, report: EventReport) -> list[Cell]:
    yes, no = _("yes"), _("no")
    return [
        registration.arrival,
        registration.full_name,
        registration.name_latin,
        *reader_name_cells(_person_name(registration, report.language)),
        registration.organization_name
        or (str(registration.organization) if registration.organization else ""),
        *reader_name_cells(_organization_name(registration, report.language)),
        registration.position,
        i18n.country_name(registration.country, report.language) if registration.country else "",
        registration.email,
        i18n.language_name(registration.language.split("-")[0], report.language),
        ", ".join(sector.code for sector in registration.sectors.all()),
        str(registration.get_status_display()),
        yes if registration.attended else no,
        registration.attended_at,
        yes if registration.consent_to_contact else no,
    ]


def report_csv(report: EventReport) -> bytes:
    """One row per registrant (UTF-8 with BOM, so spreadsheet programs read Cyrillic and Chinese)."""
    with override(report.language):
        rows: list[list[Cell]] = [
            [str(report.event.title), _when(report)],
            [report.headline],
            [],
            _registrant_header(report),
        ]
        rows += [_registrant_row(registration, report) for registration in report.registrations]
        return csv_bytes(rows, zone=_host_zone(report))


def report_xlsx(report: EventReport) -> bytes:
    with override(report.language):
        sheets = [
            Sheet(
                name=pgettext("report sheet", "Summary"),
                title=str(report.event.title),
                rows=[
                    [_when(report)],
                    [],
                    [_("Registered"), report.headline],
                    [_("Attended"), report.attended_headline],
                ],
                widths={"A": 24, "B": 60},
            )
        ]
        for title, rows in (
            (_("By country"), report.by_country),
            (_("By sector"), report.by_sector),
            (_("By language"), report.by_language),
        ):
            sheets.append(
                Sheet(
                    name=title,
                    header=[title, _("Registered"), _("Attended")],
                    rows=[[row.label, row.registered, row.attended] for row in rows],
                    widths={"A": 50},
                )
            )
        for name, registrations in (
            (_("Registrants"), report.registrations),
            (_("Contact requests"), report.contacts),
        ):
            sheets.append(
                Sheet(
                    name=name,
                    header=_registrant_header(report),
                    rows=[_registrant_row(registration, report) for registration in registrations],
                    widths={"L": 18},
                )
            )
        return xlsx_bytes(sheets, zone=_host_zone(report))


def report_pdf(report: EventReport) -> bytes:
    """A printable A4 report in the report's language; every text is escaped (core/pdftext.py)."""
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
            paragraph(event.title, title_style),
            paragraph(
                format_range_in_cities(
                    event.starts_at,
                    event.ends_at,
                    cities_of(event, report.language),
                    language=report.language,
                ),
                body,
            ),
            paragraph(_when(report), body),
            Spacer(1, 4 * mm),
            markup_paragraph(pdf_format(_("Registered: %(headline)s"), headline=report.headline), body),
            markup_paragraph(
                pdf_format(_("Attended: %(headline)s"), headline=report.attended_headline), body
            ),
        ]

        def grid(rows: list[list[str]], widths: list[float]) -> Table:
            data = [[paragraph(cell, small) for cell in row] for row in rows]
            result = table(data, colWidths=widths, repeatRows=1)
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
            story.append(paragraph(title, heading))
            story.append(
                grid(
                    [[title, _("Registered"), _("Attended")]]
                    + [[row.label, str(row.registered), str(row.attended)] for row in rows],
                    [110 * mm, 30 * mm, 30 * mm],
                )
            )
        story.append(paragraph(_("Asked to be contacted"), heading))
        if report.contacts:
            story.append(
                grid(
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
            story.append(paragraph(_("Nobody asked to be contacted."), body))
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
