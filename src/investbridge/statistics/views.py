"""Officer pages: the dashboard and its exports, the registry upload with its import history, published figures."""

import base64
import logging
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from investbridge.core import tempfiles
from investbridge.core.fonts import MissingFontError
from investbridge.core.permissions import staff_required
from investbridge.statistics import exports, labels, selectors, services
from investbridge.statistics.engine.report import Report
from investbridge.statistics.forms import PublishedFigureForm, RegistryUploadForm, ReportFilterForm
from investbridge.statistics.labels import COLUMN_HELP, error_message
from investbridge.statistics.models import ImportSource, PublishedFigure

logger = logging.getLogger(__name__)


def _report_from(query: QueryDict) -> tuple[ReportFilterForm, Report | None]:
    start, end = selectors.dashboard_default_period(today=timezone.localdate())
    data = query.copy() if query.get("date_from") else QueryDict(mutable=True)
    if not data.get("date_from"):
        data.update({"date_from": start.isoformat(), "date_to": end.isoformat()})
        for key in ("foreign_capital", "country"):
            value = query.get(key)
            if value:
                data[key] = value
    form = ReportFilterForm(data)
    if not form.is_valid():
        return form, None
    report = services.registry_report(
        date_from=form.cleaned_data["date_from"],
        date_to=form.cleaned_data["date_to"],
        foreign_capital=form.cleaned_data["foreign_capital"],
        country=form.cleaned_data["country"] or None,
    )
    return form, report


def _conversion_url() -> str | None:
    """The pipeline's conversion report (leads that became registered companies), when that page exists."""
    try:
        return reverse("pipeline:conversion")
    except NoReverseMatch:
        return None


def _dashboard_page(
    request: HttpRequest,
    form: ReportFilterForm,
    report: Report | None,
    *,
    font_error: MissingFontError | None = None,
) -> HttpResponse:
    """The dashboard; without charts, and with the reason (503), when a chart or an export lacks its fonts."""
    context: dict[str, Any] = {"form": form, "report": report, "conversion_url": _conversion_url()}
    if report is not None:
        tables = exports.report_tables(report)
        context["tables"] = tables
        context["industry_correspondence"] = labels.industry_correspondence()
        try:
            charts = exports.report_charts(report, tables)
        except MissingFontError as error:
            logger.error("The statistics charts were not drawn: %s", error)
            charts = {}
            font_error = font_error or error
        context["charts"] = {key: base64.b64encode(png).decode("ascii") for key, png in charts.items()}
        context["period"] = exports.period_label(report.date_from, report.date_to)
        context["previous_period"] = exports.period_label(report.previous_from, report.previous_to)
        context["yoy_fraction"] = None if report.yoy_change_pct is None else report.yoy_change_pct / 100
        context["query"] = QueryDict(mutable=True)
        context["query"].update(
            {key: value for key, value in form.data.items() if key in form.fields and isinstance(value, str)}
        )
        context["query"] = context["query"].urlencode()
    if font_error is not None:
        messages.error(request, font_error.user_message)
    return render(request, "statistics/dashboard.html", context, status=200 if font_error is None else 503)


@staff_required
def dashboard(request: HttpRequest) -> HttpResponse:
    form, report = _report_from(request.GET)
    return _dashboard_page(request, form, report)


def _export_name(report: Report, extension: str) -> str:
    return f"registry-report-{report.date_from:%Y%m%d}-{report.date_to:%Y%m%d}.{extension}"


@staff_required
def export_xlsx(request: HttpRequest) -> HttpResponse:
    form, report = _report_from(request.GET)
    if report is None:
        return render(request, "statistics/dashboard.html", {"form": form, "report": None}, status=400)
    try:
        content = exports.report_xlsx(report)
    except MissingFontError as error:  # its charts would show boxes
        logger.error("The statistics XLSX was not produced: %s", error)
        return _dashboard_page(request, form, report, font_error=error)
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{_export_name(report, "xlsx")}"'
    return response


@staff_required
def export_pdf(request: HttpRequest) -> HttpResponse:
    form, report = _report_from(request.GET)
    if report is None:
        return render(request, "statistics/dashboard.html", {"form": form, "report": None}, status=400)
    try:
        content = exports.report_pdf(report)
    except MissingFontError as error:  # the dashboard says why, instead of a PDF with boxes
        logger.error("The statistics PDF was not produced: %s", error)
        return _dashboard_page(request, form, report, font_error=error)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_export_name(report, "pdf")}"'
    return response


@staff_required
def upload(request: HttpRequest) -> HttpResponse:
    errors: list[dict[str, Any]] = []
    error_count = 0
    if request.method == "POST":
        form = RegistryUploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload_file = form.cleaned_data["file"]
            # In the project's temporary directory, named after this process: removed when the import ends
            # (normally or not), and by the next upload if this process was killed.
            with tempfiles.temporary_directory("registry-upload") as directory:
                path = directory / f"registry{form.kind.extension}"
                with path.open("wb") as handle:
                    for chunk in upload_file.chunks():
                        handle.write(chunk)
                try:
                    batch = services.registry_import(
                        path=path,
                        file_name=Path(upload_file.name or path.name).name,
                        user=request.user,
                        source=ImportSource.UPLOAD,
                        kind=form.kind.name,
                    )
                except services.RegistryFileInvalid as rejected:
                    error_count = rejected.error_count
                    errors = [
                        {"line": error.line, "column": error.column, "reason": error_message(error)}
                        for error in rejected.errors
                    ]
                else:
                    messages.success(
                        request,
                        _(
                            "%(file)s is imported: %(rows)s rows, %(created)s new, %(updated)s updated, "
                            "%(unchanged)s unchanged."
                        )
                        % {
                            "file": batch.file_name,
                            "rows": batch.rows_total,
                            "created": batch.rows_created,
                            "updated": batch.rows_updated,
                            "unchanged": batch.rows_unchanged,
                        },
                    )
                    return redirect("statistics:dashboard")
    else:
        form = RegistryUploadForm()
    context = {
        "form": form,
        "errors": errors,
        "error_count": error_count,
        "more_errors": error_count - len(errors),
        "batches": selectors.import_batches()[:20],
        "columns": COLUMN_HELP,
    }
    return render(request, "statistics/upload.html", context, status=400 if errors else 200)


@staff_required
def figures(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = PublishedFigureForm(request.POST)
        if form.is_valid():
            services.published_figure_create(user=request.user, **form.cleaned_data)
            messages.success(request, _("The published figure is recorded and checked against the registry."))
            return redirect("statistics:figures")
    else:
        form = PublishedFigureForm()
    return render(
        request,
        "statistics/figures.html",
        {"form": form, "figures": list(selectors.published_figures())},
        status=400 if form.errors else 200,
    )


@staff_required
@require_POST
def figure_delete(request: HttpRequest, pk: int) -> HttpResponse:
    figure = get_object_or_404(PublishedFigure, pk=pk)
    services.published_figure_delete(user=request.user, figure=figure)
    messages.success(request, _("The published figure is removed."))
    return redirect("statistics:figures")
