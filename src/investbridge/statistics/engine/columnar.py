"""The columnar copy of the registry: one Parquet file, sorted by registration date, rewritten per import.

A new file is written next to the old one and never modified afterwards, so readers never see a half-written copy.
"""

import os
from collections.abc import Iterable
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from investbridge.statistics.engine.reader import REGISTRY_SCHEMA
from investbridge.statistics.engine.report import cells_path, connect

_COPY_OPTIONS = "(FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880)"


def write_merged(target: Path, *, previous: Path | None, changes: pa.Table) -> int:
    """Write `target`: the rows of `previous` whose USCC is not in `changes`, plus `changes`. Returns the rows."""
    target.parent.mkdir(parents=True, exist_ok=True)
    changes = changes.select(REGISTRY_SCHEMA.names).cast(REGISTRY_SCHEMA)
    connection = _connect_beside(target)
    try:
        connection.register("changes", changes)
        if previous is not None and previous.exists():
            source = """
                SELECT * FROM read_parquet($previous) AS old
                WHERE NOT EXISTS (SELECT 1 FROM changes WHERE changes.uscc = old.uscc)
                UNION ALL SELECT * FROM changes
            """
            parameters: dict[str, object] = {"previous": str(previous)}
        else:
            source = "SELECT * FROM changes"
            parameters = {}
        connection.execute(
            f"COPY (SELECT * FROM ({source}) ORDER BY registered_on, uscc) TO '{_quoted(target)}' {_COPY_OPTIONS}",  # noqa: S608 (trusted path)
            parameters,
        )
        _write_cells(connection, target)
        return int(pq.ParquetFile(target).metadata.num_rows)
    finally:
        connection.close()


def write_batches(target: Path, batches: Iterable[pa.RecordBatch]) -> int:
    """Write `target` from record batches of REGISTRY_SCHEMA (a full rebuild from the database)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    unsorted = target.with_suffix(".unsorted.parquet")
    rows = 0
    with pq.ParquetWriter(unsorted, REGISTRY_SCHEMA, compression="zstd") as writer:
        for batch in batches:
            writer.write_batch(batch)
            rows += batch.num_rows
    connection = _connect_beside(target)
    try:
        query = f"COPY (SELECT * FROM read_parquet($source) ORDER BY registered_on, uscc) TO '{_quoted(target)}' {_COPY_OPTIONS}"  # noqa: S608 (trusted path)
        connection.execute(query, {"source": str(unsorted)})
        _write_cells(connection, target)
    finally:
        connection.close()
        unsorted.unlink(missing_ok=True)
    return rows


def _connect_beside(target: Path) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection whose spill files go next to `target`, in a directory named after this process
    (`duckdb-pid<PID>-tmp`), which DuckDB removes when it closes and the next import removes if it was killed."""
    return connect(temp_directory=target.parent / f"duckdb-pid{os.getpid()}-tmp")


def _write_cells(connection: duckdb.DuckDBPyConnection, target: Path) -> None:
    """The copy's cells: a count per (month, district, industry, foreign capital, investor countries).

    The report reads these instead of the rows; a registry has far fewer distinct cells than entities.
    """
    cells = cells_path(target)
    query = f"""
        COPY (
            SELECT date_trunc('month', registered_on)::DATE AS month, district, industry, foreign_capital,
                   investor_countries, count(*)::INTEGER AS n
            FROM read_parquet($source) GROUP BY ALL ORDER BY month
        ) TO '{_quoted(cells)}' {_COPY_OPTIONS}
    """  # noqa: S608 (trusted path)
    connection.execute(query, {"source": str(target)})


def write_cells(target: Path) -> None:
    """(Re)write the cells of an existing copy."""
    connection = connect()
    try:
        _write_cells(connection, target)
    finally:
        connection.close()


def remove(target: Path) -> None:
    """Delete a copy and its cells."""
    target.unlink(missing_ok=True)
    cells_path(target).unlink(missing_ok=True)


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")
