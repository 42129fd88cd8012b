"""Exports of the pipeline's reports: CSV (UTF-8 with BOM, for spreadsheets) and XLSX (openpyxl)."""

import csv
import io

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook

from investbridge.pipeline.reports import ConversionReport
from investbridge.pipeline.selectors import InquiryMonthReport

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _round(value: float | None, digits: int = 1) -> float | str:
    return "" if value is None else round(value, digits)


def inquiry_report_rows(report: InquiryMonthReport) -> list[tuple[str, object]]:
    return [
        (_("Month"), f"{report.year:04d}-{report.month:02d}"),
        (_("Inquiries received"), report.received),
        (_("Answered"), report.answered),
        (_("Not answered yet"), report.unanswered),
        (_("Median first-reply time (hours)"), _round(report.median_hours)),
        (_("90th percentile first-reply time (hours)"), _round(report.p90_hours)),
        (_("Reply target (hours)"), report.target_hours),
        (
            _("Share answered within the target (%)"),
            _round(None if report.within_target is None else report.within_target * 100),
        ),
        (
            _("Share answered in the inquirer's language (%)"),
            _round(None if report.in_inquirer_language is None else report.in_inquirer_language * 100),
        ),
    ]


def _filename(report: InquiryMonthReport, extension: str) -> str:
    return f"inquiries-{report.year:04d}-{report.month:02d}.{extension}"


def inquiry_report_csv(report: InquiryMonthReport) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([_("Measure"), _("Value")])
    writer.writerows(inquiry_report_rows(report))
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(report, "csv")}"'
    return response


def inquiry_report_xlsx(report: InquiryMonthReport) -> HttpResponse:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = f"{report.year:04d}-{report.month:02d}"
    sheet.append([_("Measure"), _("Value")])
    for label, value in inquiry_report_rows(report):
        sheet.append([str(label), value])
    sheet.column_dimensions["A"].width = 50
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{_filename(report, "xlsx")}"'
    return response


def conversion_report_csv(report: ConversionReport) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        [
            _("Group"),
            _("Name"),
            _("Registrants"),
            _("Leads"),
            _("Established companies"),
            _("Found in the registry"),
            _("Realised investment"),
            _("Realised jobs"),
        ]
    )
    for group, rows in ((_("Event"), report.by_event), (_("Partner"), report.by_partner)):
        for row in rows:
            realised = "; ".join(f"{amount} {currency}" for currency, amount in sorted(row.realised.items()))
            writer.writerow(
                [
                    group,
                    row.label,
                    "" if row.registrants is None else row.registrants,
                    row.leads,
                    row.established,
                    row.registered,
                    realised,
                    row.realised_jobs,
                ]
            )
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="conversion.csv"'
    return response
