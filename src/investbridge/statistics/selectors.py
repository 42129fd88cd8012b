"""Reads of the statistics domain, used by its pages, API and command, and by the pipeline domain."""

from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path

from django.conf import settings
from django.db.models import QuerySet

from investbridge.statistics.models import ColumnarCopy, ImportBatch, PublishedFigure, RegisteredEntity

COLUMNAR_COPY_ID = 1


def registered_entities_by_uscc(*, usccs: Iterable[str]) -> dict[str, RegisteredEntity]:
    """The registered entities with these codes, keyed by code (codes not in the registry are left out)."""
    wanted = {code.strip().upper() for code in usccs if code and code.strip()}
    if not wanted:
        return {}
    found: dict[str, RegisteredEntity] = {}
    codes = sorted(wanted)
    for start in range(0, len(codes), 500):
        for entity in RegisteredEntity.objects.filter(uscc__in=codes[start : start + 500]):
            found[entity.uscc] = entity
    return found


def registry_loaded() -> bool:
    """Whether the company registry holds any entity yet (it is filled by imports)."""
    return RegisteredEntity.objects.exists()


def registered_entity_by_uscc(*, uscc: str) -> RegisteredEntity | None:
    return RegisteredEntity.objects.filter(uscc=uscc.strip().upper()).first()


def columnar_dir() -> Path:
    return Path(settings.STATISTICS_DIR)


def columnar_state() -> ColumnarCopy | None:
    return ColumnarCopy.objects.filter(pk=COLUMNAR_COPY_ID).select_related("batch").first()


def columnar_path_if_current() -> Path | None:
    """The Parquet copy when it exists and matches the latest import; None when it must be (re)built."""
    state = columnar_state()
    latest = ImportBatch.objects.order_by("-id").values_list("id", flat=True).first()
    if state is None or not state.file_name or state.batch_id != latest:
        return None
    path = columnar_dir() / state.file_name
    return path if path.exists() else None


def import_batches() -> QuerySet[ImportBatch]:
    return ImportBatch.objects.select_related("imported_by").order_by("-imported_at", "-id")


def published_figures() -> QuerySet[PublishedFigure]:
    return PublishedFigure.objects.select_related("recorded_by", "checked_batch", "broken_by").order_by(
        "-published_on", "-id"
    )


def registry_latest_date() -> date | None:
    """The latest registration date in the registry."""
    return RegisteredEntity.objects.order_by("-registered_on").values_list("registered_on", flat=True).first()


def complete_months_period(latest: date) -> tuple[date, date]:
    """From 1 January to the end of the last complete month up to `latest`, in whole months.

    The month of `latest` counts as complete only when `latest` is its last day (the registry may not hold the
    rest of that month yet); so a registry whose latest entry is 28 December 2020 gives January–November 2020,
    the period offices publish. When that leaves no month of the year (`latest` in January), the whole
    previous year.
    """
    following = latest + timedelta(days=1)
    end = latest if following.month != latest.month else latest.replace(day=1) - timedelta(days=1)
    return date(end.year, 1, 1), end


def dashboard_default_period(*, today: date) -> tuple[date, date]:
    """The dashboard's period when none is chosen: complete months of the registry's latest year (or today's)."""
    return complete_months_period(registry_latest_date() or today)
