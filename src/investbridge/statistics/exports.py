"""The report as labelled tables, charts, an XLSX workbook and a PDF, in the active language."""

import io
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from investbridge.core import i18n
from investbridge.core.exports import Sheet, xlsx_bytes
from investbridge.core.fonts import GlyphCheckingCanvas, pdf_font_name
from investbridge.statistics import charts
from investbridge.statistics.engine import industries
from investbridge.statistics.engine.report import Report
from investbridge.statistics.labels import district_label, industry_chart_label, industry_label


@dataclass
class Row:
    code: str
    label: str
    current: int
    previous: int
    isic: str = ""  # industries only: the ISIC Rev.4 sections of the GB/T 4754-2017 section, "D, E"


@dataclass
class Tables:
    months: list[
        tuple[str, int, int, int, int]
    ]  # month, count, cumulative, previous count, previous cumulative
    countries: list[Row]
    districts: list[Row]
    industries: list[Row]


def _rows(current: dict[str, int], previous: dict[str, int], label: object) -> list[Row]:
    codes = sorted(set(current) | set(previous), key=lambda code: (-current.get(code, 0), code))
    return [Row(code, label(code), current.get(code, 0), previous.get(code, 0)) for code in codes]  # type: ignore[operator]


def report_tables(report: Report) -> Tables:
    months = [
        (
            str(item["month"]),
            int(item["count"]),  # type: ignore[call-overload]
            int(item["cumulative"]),  # type: ignore[call-overload]
            int(earlier["count"]),  # type: ignore[call-overload]
            int(earlier["cumulative"]),  # type: ignore[call-overload]
        )
        for item, earlier in zip(report.by_month, _aligned_previous(report), strict=True)
    ]
    return Tables(
        months=months,
        countries=_rows(report.by_country, report.previous_by_country, i18n.country_name),
        districts=_rows(report.by_district, report.previous_by_district, district_label),
        industries=[
            Row(row.code, row.label, row.current, row.previous, industries.isic_text(row.code))
            for row in _rows(report.by_industry, report.previous_by_industry, industry_label)
        ],
    )


def _aligned_previous(report: Report) -> list[dict[str, object]]:
    """The earlier period's months, one for each month of the period (same length by construction)."""
    return report.previous_by_month[: len(report.by_month)] + [
        {"count": 0, "cumulative": 0} for _ in range(len(report.by_month) - len(report.previous_by_month))
    ]


def period_label(start: date, end: date) -> str:
    return _("%(start)s – %(end)s") % {"start": i18n.format_date(start), "end": i18n.format_date(end)}


def report_charts(report: Report, tables: Tables) -> dict[str, bytes]:
    labels = (
        period_label(report.date_from, report.date_to),
        period_label(report.previous_from, report.previous_to),
    )
    result = {
        "months": charts.monthly_chart(
            months=[month for month, *_rest in tables.months],
            current=[row[1] for row in tables.months],
            previous=[row[3] for row in tables.months],
            labels=labels,
            title=_("New entities by month"),
        )
    }
    for key, rows, title in (
        ("countries", tables.countries[:12], _("By investor country")),
        ("districts", tables.districts[:12], _("By district")),
        ("industries", tables.industries[:12], _("By industry")),
    ):
        if rows:
            result[key] = charts.breakdown_chart(
                names=[industry_chart_label(row.code) if key == "industries" else row.label for row in rows],
                current=[row.current for row in rows],
                previous=[row.previous for row in rows],
                labels=labels,
                title=title,
            )
    return result


def _filters_text(report: Report) -> str:
    parts = []
    if report.foreign_capital:
        parts.append(_("foreign capital only"))
    if report.country:
        parts.append(_("investor country: %(country)s") % {"country": i18n.country_name(report.country)})
    return "; ".join(parts) if parts else _("all entities")


def _summary(report: Report) -> list[tuple[str, str]]:
    change = report.yoy_change_pct
    return [
        (_("Period"), period_label(report.date_from, report.date_to)),
        (_("Filters"), _filters_text(report)),
        (_("New entities"), i18n.format_number(report.count)),
        (_("A year earlier"), i18n.format_number(report.previous_count)),
        (_("Year-on-year change"), "—" if change is None else f"{i18n.format_number(change)} %"),
    ]


def report_xlsx(report: Report) -> bytes:
    """The report as a workbook (core/exports.py: labels neutralized, counts and the change as numbers)."""
    tables = report_tables(report)
    summary = Sheet(
        name=pgettext("report sheet", "Summary"),
        rows=[
            [_("Period"), period_label(report.date_from, report.date_to)],
            [_("Filters"), _filters_text(report)],
            [_("New entities"), report.count],
            [_("A year earlier"), report.previous_count],
            [_("Year-on-year change, %"), report.yoy_change_pct],
        ],
        widths={"A": 28, "B": 48},
    )
    months = Sheet(
        name=_("By month"),
        header=[
            _("Month"),
            _("New entities"),
            _("Since January"),
            _("A year earlier"),
            _("Since January, a year earlier"),
        ],
        rows=[list(row) for row in tables.months],
    )
    breakdowns = [
        Sheet(
            name=title,
            header=[_("Code"), _("Name"), _("New entities"), _("A year earlier")],
            rows=[[item.code, item.label, item.current, item.previous] for item in rows],
            widths={"B": 50},
        )
        for title, rows in (
            (_("By investor country"), tables.countries),
            (_("By district"), tables.districts),
        )
    ]
    # Industries by GB/T 4754-2017 section, with the ISIC Rev.4 sections each corresponds to.
    breakdowns.append(
        Sheet(
            name=_("By industry"),
            header=[
                _("GB/T 4754-2017 section"),
                _("Name"),
                _("New entities"),
                _("A year earlier"),
                _("ISIC Rev.4 sections"),
            ],
            rows=[
                [item.code, item.label, item.current, item.previous, item.isic] for item in tables.industries
            ],
            widths={"B": 50, "E": 18},
        )
    )
    charts_sheet = Sheet(name=_("Charts"), images=list(report_charts(report, tables).values()))
    return xlsx_bytes([summary, months, *breakdowns, charts_sheet])


def report_pdf(report: Report) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Flowable, Image, SimpleDocTemplate, Spacer, Table, TableStyle

    from investbridge.core.pdftext import paragraph, table

    tables = report_tables(report)
    regular, bold = pdf_font_name(), pdf_font_name(bold=True)
    body = ParagraphStyle("body", fontName=regular, fontSize=9.5, leading=13, wordWrap="CJK")
    heading = ParagraphStyle("heading", fontName=bold, fontSize=15, leading=20, spaceAfter=6)
    subheading = ParagraphStyle(
        "subheading", fontName=bold, fontSize=11.5, leading=15, spaceBefore=8, spaceAfter=4
    )
    style = TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), regular),
            ("FONTNAME", (0, 0), (-1, 0), bold),
            ("FONTSIZE", (0, 0), (-1, -1), 8.5),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef1f4")),
            ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#c5ccd3")),
            ("ALIGN", (-2, 1), (-1, -1), "RIGHT"),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]
    )

    def cell(text: str) -> Flowable:
        return paragraph(text, body)

    story: list[object] = [paragraph(_("Registered market entities"), heading)]
    story.append(
        table(
            [[cell(label), cell(value)] for label, value in _summary(report)], colWidths=[55 * mm, 115 * mm]
        )
    )
    chart_images = report_charts(report, tables)
    story.append(Spacer(1, 4 * mm))
    story.append(Image(io.BytesIO(chart_images["months"]), width=170 * mm, height=76 * mm))
    month_rows = [[_("Month"), _("New entities"), _("Since January"), _("A year earlier")]]
    month_rows += [
        [month, str(count), str(cumulative), str(previous)]
        for month, count, cumulative, previous, _c in tables.months
    ]
    story.append(paragraph(_("By month"), subheading))
    story.append(Table(month_rows, style=style, repeatRows=1))
    for key, title, rows in (
        ("countries", _("By investor country"), tables.countries),
        ("districts", _("By district"), tables.districts),
        ("industries", _("By industry"), tables.industries),
    ):
        story.append(paragraph(title, subheading))
        if not rows:
            story.append(cell(_("No entities in this period.")))
            continue
        if key in chart_images:
            png = chart_images[key]
            height = min(200.0, max(45.0, 9.5 * min(len(rows), 12) + 25))
            story.append(Image(io.BytesIO(png), width=170 * mm, height=height * mm))
        if key == "industries":  # the GB/T 4754-2017 section and its ISIC Rev.4 sections
            data = [[_("Name"), _("ISIC Rev.4"), _("New entities"), _("A year earlier")]]
            data += [[cell(row.label), cell(row.isic), str(row.current), str(row.previous)] for row in rows]
            widths = [95 * mm, 25 * mm, 25 * mm, 25 * mm]
        else:
            data = [[_("Name"), _("New entities"), _("A year earlier")]]
            data += [[cell(row.label), str(row.current), str(row.previous)] for row in rows]
            widths = [120 * mm, 25 * mm, 25 * mm]
        story.append(table(data, style=style, repeatRows=1, colWidths=widths))
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=_("Registered market entities"),
        author="InvestBridge",
    )
    document.build(story, canvasmaker=GlyphCheckingCanvas)  # type: ignore[arg-type]  # MissingFontError, not boxes
    return buffer.getvalue()
