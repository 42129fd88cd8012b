"""Writes of the statistics domain: registry imports, the columnar copy, published figures."""

import logging
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
from django.db import connection, transaction
from django.utils import timezone

from investbridge.core import tempfiles
from investbridge.core.files import file_sha256
from investbridge.core.permissions import require_role
from investbridge.core.roles import Role
from investbridge.statistics import selectors
from investbridge.statistics.engine import columnar
from investbridge.statistics.engine.reader import REGISTRY_SCHEMA, kind_from_name, read_registry
from investbridge.statistics.engine.report import Report, cells_path, compare, compute_report
from investbridge.statistics.engine.schema import ErrorCode, RowError
from investbridge.statistics.models import (
    ColumnarCopy,
    ImportBatch,
    ImportSource,
    Metric,
    PublishedFigure,
    RegisteredEntity,
)

logger = logging.getLogger(__name__)

_FIELDS = (
    "name",
    "registered_on",
    "district",
    "industry",
    "foreign_capital",
    "investor_countries",
    "registered_capital",
    "currency",
)
_CHUNK = 2000


class RegistryFileInvalid(Exception):
    """The file was rejected: nothing was imported. `errors` holds the first errors of `error_count`."""

    def __init__(self, errors: list[RowError], error_count: int, rows: int) -> None:
        super().__init__(f"{error_count} error(s)")
        self.errors = errors
        self.error_count = error_count
        self.rows = rows


@dataclass
class ImportProgress:
    """Callbacks the command line uses to show progress bars (both optional)."""

    validated: Callable[[int], None] | None = None
    written: Callable[[int], None] | None = None


def registry_import(
    *,
    path: Path,
    file_name: str,
    user: Any = None,
    source: str = ImportSource.CLI,
    kind: str | None = None,
    progress: ImportProgress | None = None,
) -> ImportBatch:
    """Validate a whole registry file and, if every row is valid, upsert it by USCC; else raise RegistryFileInvalid.

    Officers import through the upload page (`user` is checked); the command line and the demo pass no user.
    """
    if user is not None or source == ImportSource.UPLOAD:
        require_role(user, Role.OFFICER, Role.ADMIN)
    kind = kind or kind_from_name(file_name)
    if kind is None:
        raise RegistryFileInvalid([RowError(0, "", ErrorCode.UNREADABLE, {"detail": file_name})], 1, 0)
    progress = progress or ImportProgress()
    result = read_registry(path, kind, progress=progress.validated)
    if not result.ok or result.table is None:
        raise RegistryFileInvalid(result.errors, result.error_count, result.rows)
    return _registry_write(
        table=result.table,
        file_name=file_name,
        sha256=file_sha256(path),
        kind=kind,
        user=user,
        source=source,
        written=progress.written,
    )


def _differs(entity: RegisteredEntity, row: dict[str, Any]) -> bool:
    return any(getattr(entity, name) != row[name] for name in _FIELDS)


@transaction.atomic
def _registry_write(
    *,
    table: pa.Table,
    file_name: str,
    sha256: str,
    kind: str,
    user: Any,
    source: str,
    written: Callable[[int], None] | None,
) -> ImportBatch:
    state = _columnar_state_locked()
    _remove_stale_files(state)
    now = timezone.now()
    batch = ImportBatch.objects.create(
        file_name=file_name[:255],
        sha256=sha256,
        file_kind=kind,
        source=source,
        rows_total=table.num_rows,
        rows_created=0,
        rows_updated=0,
        rows_unchanged=0,
        imported_at=now,
        imported_by=user if getattr(user, "is_authenticated", False) else None,
    )
    created = updated = unchanged = 0
    for record_batch in table.to_batches(max_chunksize=_CHUNK):
        rows = record_batch.to_pylist()
        existing = RegisteredEntity.objects.in_bulk([row["uscc"] for row in rows], field_name="uscc")
        new: list[dict[str, Any]] = []
        changed: list[RegisteredEntity] = []
        for row in rows:
            entity = existing.get(row["uscc"])
            if entity is None:
                new.append(row)
            elif _differs(entity, row):
                for name in _FIELDS:
                    setattr(entity, name, row[name])
                entity.last_batch = batch
                entity.updated_at = now
                changed.append(entity)
            else:
                unchanged += 1
        _insert_new(new, batch, now)
        RegisteredEntity.objects.bulk_update(changed, [*_FIELDS, "last_batch", "updated_at"], batch_size=200)
        created += len(new)
        updated += len(changed)
        if written is not None:
            written(len(rows))
    batch.rows_created, batch.rows_updated, batch.rows_unchanged = created, updated, unchanged
    batch.save(update_fields=["rows_created", "rows_updated", "rows_unchanged"])

    previous = selectors.columnar_path_if_current()
    rebuilt = None
    target = _new_columnar_path()
    try:
        if previous is None and RegisteredEntity.objects.exclude(last_batch=batch).exists():
            previous = rebuilt = _columnar_rebuild_file(exclude_batch=batch)
        rows = columnar.write_merged(target, previous=previous, changes=table)
        _columnar_switch(state, target, batch, rows)
        published_figures_recheck(batch=batch, source=target)
    except BaseException:
        # The transaction rolls back (an error, or SIGTERM/SIGINT as SystemExit): the new copy is nobody's.
        columnar.remove(target)
        raise
    finally:
        if rebuilt is not None:
            columnar.remove(rebuilt)
    logger.info(
        "Registry import %s: %s new, %s updated, %s unchanged.", file_name, created, updated, unchanged
    )
    return batch


def _insert_new(rows: list[dict[str, Any]], batch: ImportBatch, now: Any) -> None:
    """Insert new entities with one prepared statement (executemany): the ORM's per-field preparation made
    bulk_create the slowest step of large imports. Values are the engine's typed values (str, date, bool,
    Decimal), which both database drivers adapt; the timestamps are adapted as the ORM would."""
    if not rows:
        return
    meta = RegisteredEntity._meta
    names = ["uscc", *_FIELDS, "first_batch", "last_batch", "created_at", "updated_at"]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(meta.get_field(name).column) for name in names)  # type: ignore[union-attr,arg-type]
    placeholders = ", ".join(["%s"] * len(names))
    sql = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES ({placeholders})"  # noqa: S608 (model metadata)
    stamp = connection.ops.adapt_datetimefield_value(now)
    values = [
        (row["uscc"], *(row[name] for name in _FIELDS), batch.pk, batch.pk, stamp, stamp) for row in rows
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, values)


def _columnar_state_locked() -> ColumnarCopy:
    ColumnarCopy.objects.get_or_create(pk=selectors.COLUMNAR_COPY_ID)
    return ColumnarCopy.objects.select_for_update().get(pk=selectors.COLUMNAR_COPY_ID)


def _new_columnar_path() -> Path:
    """A new copy's name carries this process's id, so that what a killed import leaves behind is recognized
    (see `_remove_stale_files`)."""
    directory = selectors.columnar_dir()
    directory.mkdir(parents=True, exist_ok=True)
    return directory / f"registry-{tempfiles.pid_tag()}-{uuid.uuid4().hex}.parquet"


def _remove_stale_files(state: ColumnarCopy) -> None:
    """Under the copy's lock: remove the files of imports whose process is gone (killed with SIGKILL, so no
    clean-up ran), except the current copy and its cells."""
    keep = {state.file_name, cells_path(Path(state.file_name)).name} if state.file_name else set()
    for path in tempfiles.remove_stale(selectors.columnar_dir(), keep=keep):
        logger.warning("Removed %s, left behind by an import that was killed.", path.name)


def _columnar_switch(state: ColumnarCopy, target: Path, batch: ImportBatch | None, rows: int) -> None:
    """Point the database at the new file; the old file is removed once the transaction commits."""
    old = selectors.columnar_dir() / state.file_name if state.file_name else None
    state.file_name, state.batch, state.rows = target.name, batch, rows
    state.save()

    def cleanup() -> None:
        if old is not None and old != target:
            columnar.remove(old)
        # Files of rolled-back imports are never referenced; remove those left for more than an hour.
        limit = time.time() - 3600
        for stray in selectors.columnar_dir().glob("registry-*.parquet"):
            if stray.name.split(".")[0] != target.name.split(".")[0] and stray.stat().st_mtime < limit:
                stray.unlink(missing_ok=True)

    transaction.on_commit(cleanup)


def _entity_batches(exclude_batch: ImportBatch | None = None) -> Iterator[pa.RecordBatch]:
    queryset = RegisteredEntity.objects.order_by("id").values_list("uscc", *_FIELDS)
    if exclude_batch is not None:
        queryset = queryset.exclude(last_batch=exclude_batch)
    buffer: list[tuple[Any, ...]] = []
    for row in queryset.iterator(chunk_size=10_000):
        buffer.append(row)
        if len(buffer) >= 50_000:
            yield _record_batch(buffer)
            buffer = []
    if buffer:
        yield _record_batch(buffer)


def _record_batch(rows: list[tuple[Any, ...]]) -> pa.RecordBatch:
    columns = list(zip(*rows, strict=True))
    return pa.RecordBatch.from_arrays(
        [pa.array(values, type=spec.type) for values, spec in zip(columns, REGISTRY_SCHEMA, strict=True)],
        schema=REGISTRY_SCHEMA,
    )


def _columnar_rebuild_file(exclude_batch: ImportBatch | None = None) -> Path:
    target = _new_columnar_path()
    columnar.write_batches(target, _entity_batches(exclude_batch))
    return target


@transaction.atomic
def columnar_copy_ensure() -> Path | None:
    """The current Parquet copy of the registry, rebuilt from the database when missing or stale.

    None when the registry is empty. The database stays the system of record: the copy can always be rebuilt.
    """
    current = selectors.columnar_path_if_current()
    if current is not None:
        return current
    if not RegisteredEntity.objects.exists():
        return None
    state = _columnar_state_locked()
    current = selectors.columnar_path_if_current()  # another request may have rebuilt it meanwhile
    if current is not None:
        return current
    target = _new_columnar_path()
    rows = columnar.write_batches(target, _entity_batches())
    latest = ImportBatch.objects.order_by("-id").first()
    _columnar_switch(state, target, latest, rows)
    return target


def registry_report(
    *, date_from: date, date_to: date, foreign_capital: bool = False, country: str | None = None
) -> Report:
    """The report over the columnar copy, which is rebuilt from the database first if it is missing or stale
    (a write, hence a service rather than a selector)."""
    path = columnar_copy_ensure()
    return compute_report(
        path, date_from=date_from, date_to=date_to, foreign_capital=foreign_capital, country=country or None
    )


def _check(figure: PublishedFigure, source: Path | None, cache: dict[tuple[Any, ...], Any]) -> None:
    key = (figure.period_from, figure.period_to, figure.foreign_capital, figure.country)
    report = cache.get(key)
    if report is None:
        report = compute_report(
            source,
            date_from=figure.period_from,
            date_to=figure.period_to,
            foreign_capital=figure.foreign_capital,
            country=figure.country or None,
        )
        cache[key] = report
    computed = report.metric(figure.metric)
    reproduced, difference = compare(Decimal(figure.value), computed, Decimal(figure.tolerance))
    figure.computed_value = computed
    figure.difference = difference
    figure.reproduced = reproduced
    figure.checked_at = timezone.now()


@transaction.atomic
def published_figures_recheck(*, batch: ImportBatch | None, source: Path | None) -> int:
    """Recompute every published figure; a figure an import stops reproducing is flagged with that import.

    Returns how many figures this import broke.
    """
    cache: dict[tuple[Any, ...], Any] = {}
    broken = 0
    for figure in PublishedFigure.objects.select_for_update().order_by("id"):
        was_reproduced = figure.reproduced
        _check(figure, source, cache)
        figure.checked_batch = batch
        if was_reproduced and not figure.reproduced:
            figure.broken_by = batch
            broken += 1
        elif figure.reproduced:
            figure.broken_by = None
        figure.save()
    return broken


@transaction.atomic
def published_figure_create(
    *,
    user: Any,
    metric: str,
    period_from: date,
    period_to: date,
    value: Decimal,
    source: str,
    published_on: date,
    foreign_capital: bool = False,
    country: str = "",
    tolerance: Decimal = Decimal(0),
    wording: str = "",
) -> PublishedFigure:
    """Record a figure the office published and check it against the registry at once."""
    if user is not None:
        require_role(user, Role.OFFICER, Role.ADMIN)
    if metric not in Metric.values:
        raise ValueError(f"Unknown metric {metric!r}.")
    figure = PublishedFigure(
        metric=metric,
        period_from=period_from,
        period_to=period_to,
        foreign_capital=foreign_capital,
        country=country.upper(),
        value=value,
        tolerance=tolerance,
        wording=wording,
        source=source,
        published_on=published_on,
        recorded_by=user if getattr(user, "is_authenticated", False) else None,
    )
    _check(figure, columnar_copy_ensure(), {})
    figure.checked_batch = ImportBatch.objects.order_by("-id").first()
    figure.save()
    return figure


@transaction.atomic
def published_figure_delete(*, user: Any, figure: PublishedFigure) -> None:
    require_role(user, Role.OFFICER, Role.ADMIN)
    figure.delete()
