"""Exports of the pipeline's reports as CSV and XLSX, written by core/exports.py (text neutralized, numbers
typed)."""

from django.http import HttpResponse
from django.utils.translation import gettext as _

from investbridge.core.exports import (
    Cell,
    Sheet,
    csv_response,
    reader_name_cells,
    reader_name_header,
    xlsx_response,
)
from investbridge.directory import selectors as directory_selectors
from investbridge.pipeline.reports import ConversionReport
from investbridge.pipeline.selectors import InquiryMonthReport


def _round(value: float | None, digits: int = 1) -> float | None:
    return None if value is None else round(value, digits)


def inquiry_report_rows(report: InquiryMonthReport) -> list[list[Cell]]:
    return [
        [_("Month"), f"{report.year:04d}-{report.month:02d}"],
        [_("Inquiries received"), report.received],
        [_("Answered"), report.answered],
        [_("Not answered yet"), report.unanswered],
        [_("Median first-reply time (hours)"), _round(report.median_hours)],
        [_("90th percentile first-reply time (hours)"), _round(report.p90_hours)],
        [_("Reply target (hours)"), report.target_hours],
        [
            _("Share answered within the target (%)"),
            _round(None if report.within_target is None else report.within_target * 100),
        ],
        [
            _("Share answered in the inquirer's language (%)"),
            _round(None if report.in_inquirer_language is None else report.in_inquirer_language * 100),
        ],
    ]


def _filename(report: InquiryMonthReport, extension: str) -> str:
    return f"inquiries-{report.year:04d}-{report.month:02d}.{extension}"


def _inquiry_header() -> list[Cell]:
    return [_("Measure"), _("Value")]


def inquiry_report_csv(report: InquiryMonthReport) -> HttpResponse:
    return csv_response(
        inquiry_report_rows(report), header=_inquiry_header(), filename=_filename(report, "csv")
    )


def inquiry_report_xlsx(report: InquiryMonthReport) -> HttpResponse:
    sheet = Sheet(
        name=f"{report.year:04d}-{report.month:02d}",
        header=_inquiry_header(),
        rows=inquiry_report_rows(report),
        widths={"A": 50},
    )
    return xlsx_response([sheet], filename=_filename(report, "xlsx"))


def conversion_report_rows(report: ConversionReport) -> list[list[Cell]]:
    rows: list[list[Cell]] = []
    for group, items in ((_("Event"), report.by_event), (_("Partner"), report.by_partner)):
        for row in items:
            realised = "; ".join(f"{amount} {currency}" for currency, amount in sorted(row.realised.items()))
            reader: list[Cell] = ["", ""]
            if row.organization is not None:
                reader = reader_name_cells(directory_selectors.organization_reader_name(row.organization))
            rows.append(
                [
                    group,
                    row.label,
                    *reader,
                    row.registrants,
                    row.leads,
                    row.established,
                    row.registered,
                    realised,
                    row.realised_jobs,
                ]
            )
    return rows


def conversion_report_csv(report: ConversionReport) -> HttpResponse:
    header: list[Cell] = [
        _("Group"),
        _("Name"),
        *reader_name_header(),
        _("Registrants"),
        _("Leads"),
        _("Established companies"),
        _("Found in the registry"),
        _("Realised investment"),
        _("Realised jobs"),
    ]
    return csv_response(conversion_report_rows(report), header=header, filename="conversion.csv")
