"""Reading and validating registry files (CSV, XLSX, Parquet): all rows or none.

`read_registry` returns either a typed Arrow table of every row, or the list of errors, each naming the file line
(the header is line 1), the column and an error code with parameters. Nothing here imports Django.
"""

import codecs
import csv
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
from stdnum.cn import uscc as uscc_number
from stdnum.exceptions import InvalidChecksum, InvalidLength, ValidationError

from investbridge.core.archives import MAX_UNPACKED_SIZE, ArchiveTooLarge, check_zip
from investbridge.statistics.engine.schema import (
    CAPITAL_DECIMAL_PLACES,
    CAPITAL_MAX_DIGITS,
    COLUMNS,
    INDUSTRY_SECTIONS,
    NAME_MAX_LENGTH,
    ErrorCode,
    RowError,
)

#: The typed table a valid file becomes (plus `line`, the file line of each row).
REGISTRY_SCHEMA = pa.schema(
    [
        ("uscc", pa.string()),
        ("name", pa.string()),
        ("registered_on", pa.date32()),
        ("district", pa.string()),
        ("industry", pa.string()),
        ("foreign_capital", pa.bool_()),
        ("investor_countries", pa.string()),
        (
            "registered_capital",
            pa.decimal128(CAPITAL_MAX_DIGITS + CAPITAL_DECIMAL_PLACES, CAPITAL_DECIMAL_PLACES),
        ),
        ("currency", pa.string()),
    ]
)
_WITH_LINE = REGISTRY_SCHEMA.append(pa.field("line", pa.int64()))

FILE_KINDS = ("csv", "xlsx", "parquet")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DISTRICT = re.compile(r"^\d{6}$")
_TRUE = {"true", "1", "yes"}
_FALSE = {"false", "0", "no"}
_INDUSTRIES = frozenset(INDUSTRY_SECTIONS)
_QUANTUM = Decimal(1).scaleb(-CAPITAL_DECIMAL_PLACES)
_CHUNK = 50_000


@cache
def country_codes() -> frozenset[str]:
    import pycountry

    return frozenset(country.alpha_2 for country in pycountry.countries)


@cache
def currency_codes() -> frozenset[str]:
    import pycountry

    return frozenset(currency.alpha_3 for currency in pycountry.currencies)


class RegistryFileError(Exception):
    """The file cannot be read at all (wrong format, broken encoding); carries one RowError."""

    def __init__(self, error: RowError) -> None:
        super().__init__(error.code)
        self.error = error


@dataclass
class ReadResult:
    """Either `table` (every row valid) or `errors` (the first `max_errors` of `error_count`)."""

    rows: int = 0
    table: pa.Table | None = None
    errors: list[RowError] = field(default_factory=list)
    error_count: int = 0

    @property
    def ok(self) -> bool:
        return self.error_count == 0 and self.table is not None


def _text(value: Any) -> str:
    """A cell of any file kind as the text a CSV file would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _csv_rows(path: Path) -> Iterator[tuple[int, Sequence[Any]]]:
    with path.open("rb") as raw:
        head = raw.read(4)
    encoding = "utf-8-sig" if head.startswith(codecs.BOM_UTF8) else "utf-8"
    try:
        with path.open(encoding=encoding, newline="") as handle:
            reader = csv.reader(handle)
            last_line = 0
            for row in reader:
                start = last_line + 1
                last_line = reader.line_num
                if not row or all(not cell.strip() for cell in row):
                    continue
                yield start, row
    except UnicodeDecodeError as error:
        raise RegistryFileError(RowError(0, "", ErrorCode.ENCODING)) from error
    except csv.Error as error:
        raise RegistryFileError(RowError(0, "", ErrorCode.UNREADABLE, {"detail": str(error)})) from error


def _xlsx_rows(path: Path) -> Iterator[tuple[int, Sequence[Any]]]:
    import zipfile

    import openpyxl

    try:
        check_zip(path)
    except ArchiveTooLarge as error:
        limit_mb = MAX_UNPACKED_SIZE // (1024 * 1024)
        raise RegistryFileError(RowError(0, "", ErrorCode.ARCHIVE_TOO_LARGE, {"limit": limit_mb})) from error
    except zipfile.BadZipFile as error:
        raise RegistryFileError(RowError(0, "", ErrorCode.UNREADABLE, {"detail": str(error)})) from error
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a broken file
        raise RegistryFileError(RowError(0, "", ErrorCode.UNREADABLE, {"detail": str(error)})) from error
    try:
        sheet = workbook.worksheets[0]
        for line, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            if all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in row):
                continue
            yield line, row
    finally:
        workbook.close()


def _parquet_rows(path: Path) -> Iterator[tuple[int, Sequence[Any]]]:
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(path)
    except Exception as error:  # pyarrow raises ArrowInvalid, OSError...
        raise RegistryFileError(RowError(0, "", ErrorCode.UNREADABLE, {"detail": str(error)})) from error
    names = parquet.schema_arrow.names
    yield 1, names
    line = 1
    for batch in parquet.iter_batches(batch_size=_CHUNK):
        columns = [batch.column(index).to_pylist() for index in range(batch.num_columns)]
        for row in zip(*columns, strict=True):
            line += 1
            yield line, row


def _rows(path: Path, kind: str) -> Iterator[tuple[int, Sequence[Any]]]:
    if kind == "csv":
        return _csv_rows(path)
    if kind == "xlsx":
        return _xlsx_rows(path)
    if kind == "parquet":
        return _parquet_rows(path)
    raise ValueError(f"Unknown file kind {kind!r}; expected one of {FILE_KINDS}.")


def kind_from_name(name: str) -> str | None:
    suffix = Path(name).suffix.lower().lstrip(".")
    return suffix if suffix in FILE_KINDS else None


def _header_errors(header: Sequence[Any]) -> tuple[list[RowError], dict[str, int]]:
    errors: list[RowError] = []
    positions: dict[str, int] = {}
    for index, cell in enumerate(header):
        name = _text(cell).lstrip("\ufeff").strip().lower()
        if name in positions:
            errors.append(RowError(1, name, ErrorCode.DUPLICATE_COLUMN))
        elif name not in COLUMNS:
            errors.append(RowError(1, name, ErrorCode.UNKNOWN_COLUMN, {"expected": ", ".join(COLUMNS)}))
        else:
            positions[name] = index
    errors.extend(
        RowError(1, column, ErrorCode.MISSING_COLUMN) for column in COLUMNS if column not in positions
    )
    return errors, positions


_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_VALUES = {char: index for index, char in enumerate(_USCC_ALPHABET)}
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_USCC_SHAPE = re.compile(r"^[0-9]{8}[0-9A-HJ-NPQRTUWXY]{10}$")


def _uscc_fast(value: str) -> bool:
    """GB 32100-2015's check, as python-stdnum computes it, for codes already in compact form (the common case)."""
    if not _USCC_SHAPE.match(value):
        return False
    total = sum(_USCC_VALUES[char] * weight for char, weight in zip(value, _USCC_WEIGHTS))  # noqa: B905
    return _USCC_ALPHABET[(31 - total) % 31] == value[17]


def check_uscc(value: str) -> tuple[str, str | None]:
    """The code in its compact form and None, or the error code.

    A well-formed code passes a fast path that computes the same check digit as python-stdnum (a test compares
    both on random codes); any other value is decided by python-stdnum, which also compacts spaces and dashes.
    """
    if _uscc_fast(value):
        return value, None
    try:
        return uscc_number.validate(value), None
    except InvalidLength:
        return value, ErrorCode.USCC_LENGTH
    except InvalidChecksum:
        return value, ErrorCode.USCC_CHECKSUM
    except ValidationError:
        return value, ErrorCode.USCC_FORMAT


def _parse_row(line: int, cells: list[str], errors: list[RowError]) -> tuple[Any, ...] | None:
    """Typed values of one row, or None after appending its errors."""
    found: list[RowError] = []
    raw_uscc, name, raw_date, district, industry, raw_foreign, raw_countries, raw_capital, raw_currency = (
        cells
    )

    uscc = raw_uscc
    if not raw_uscc:
        found.append(RowError(line, "uscc", ErrorCode.REQUIRED))
    else:
        uscc, problem = check_uscc(raw_uscc)
        if problem:
            found.append(RowError(line, "uscc", problem, {"value": raw_uscc}))

    if not name:
        found.append(RowError(line, "name", ErrorCode.REQUIRED))
    elif len(name) > NAME_MAX_LENGTH:
        found.append(RowError(line, "name", ErrorCode.TOO_LONG, {"max": NAME_MAX_LENGTH}))

    registered_on: date | None = None
    if not raw_date:
        found.append(RowError(line, "registered_on", ErrorCode.REQUIRED))
    else:
        if _DATE.match(raw_date):
            try:
                registered_on = date.fromisoformat(raw_date)
            except ValueError:
                registered_on = None
        if registered_on is None:
            found.append(RowError(line, "registered_on", ErrorCode.DATE_FORMAT, {"value": raw_date}))

    if not district:
        found.append(RowError(line, "district", ErrorCode.REQUIRED))
    elif not _DISTRICT.match(district) or district.endswith("0000"):
        found.append(RowError(line, "district", ErrorCode.DISTRICT_FORMAT, {"value": district}))

    industry = industry.upper()
    if not industry:
        found.append(RowError(line, "industry", ErrorCode.REQUIRED))
    elif industry not in _INDUSTRIES:
        found.append(RowError(line, "industry", ErrorCode.INDUSTRY_UNKNOWN, {"value": industry}))

    foreign: bool | None = None
    lowered = raw_foreign.lower()
    if not lowered:
        found.append(RowError(line, "foreign_capital", ErrorCode.REQUIRED))
    elif lowered in _TRUE:
        foreign = True
    elif lowered in _FALSE:
        foreign = False
    else:
        found.append(RowError(line, "foreign_capital", ErrorCode.BOOLEAN, {"value": raw_foreign}))

    codes = sorted({code.strip().upper() for code in raw_countries.split(";") if code.strip()})
    unknown = [code for code in codes if code not in country_codes()]
    if unknown:
        found.append(
            RowError(line, "investor_countries", ErrorCode.COUNTRY_UNKNOWN, {"value": ";".join(unknown)})
        )
    elif foreign is True and not codes:
        found.append(RowError(line, "investor_countries", ErrorCode.COUNTRIES_MISSING))
    elif foreign is False and codes:
        found.append(RowError(line, "investor_countries", ErrorCode.COUNTRIES_FOR_DOMESTIC))

    capital: Decimal | None = None
    if not raw_capital:
        found.append(RowError(line, "registered_capital", ErrorCode.REQUIRED))
    else:
        try:
            capital = Decimal(raw_capital.replace(" ", ""))
            if not capital.is_finite():
                raise InvalidOperation
        except InvalidOperation:
            found.append(RowError(line, "registered_capital", ErrorCode.DECIMAL, {"value": raw_capital}))
            capital = None
        if capital is not None:
            exponent = capital.as_tuple().exponent
            if capital < 0:
                found.append(RowError(line, "registered_capital", ErrorCode.DECIMAL_NEGATIVE))
            elif isinstance(exponent, int) and capital != capital.quantize(_QUANTUM):
                found.append(
                    RowError(
                        line, "registered_capital", ErrorCode.DECIMAL_PLACES, {"max": CAPITAL_DECIMAL_PLACES}
                    )
                )
            elif capital.adjusted() >= CAPITAL_MAX_DIGITS:
                found.append(
                    RowError(
                        line, "registered_capital", ErrorCode.DECIMAL_TOO_LARGE, {"max": CAPITAL_MAX_DIGITS}
                    )
                )
            else:
                capital = capital.quantize(_QUANTUM)

    currency = raw_currency.upper()
    if not currency:
        found.append(RowError(line, "currency", ErrorCode.REQUIRED))
    elif currency not in currency_codes():
        found.append(RowError(line, "currency", ErrorCode.CURRENCY_UNKNOWN, {"value": raw_currency}))

    if found:
        errors.extend(found)
        return None
    return (uscc, name, registered_on, district, industry, foreign, ";".join(codes), capital, currency)


def read_registry(
    path: Path | str,
    kind: str,
    *,
    max_errors: int = 1000,
    progress: Callable[[int], None] | None = None,
) -> ReadResult:
    """Read and validate a whole registry file. `progress(n)` is called with the rows read since the last call."""
    path = Path(path)
    result = ReadResult()
    errors: list[RowError] = []
    rows = _rows(path, kind)
    try:
        try:
            _line, header = next(rows)
        except StopIteration:
            result.errors = [RowError(0, "", ErrorCode.EMPTY)]
            result.error_count = 1
            return result
        header_errors, positions = _header_errors(header)
        if header_errors:
            result.errors = header_errors
            result.error_count = len(header_errors)
            return result
        order = [positions[column] for column in COLUMNS]
        width = len(header)
        batches: list[pa.RecordBatch] = []
        buffer: list[tuple[Any, ...]] = []
        pending = 0
        overflow = 0
        keys: list[tuple[str, int]] = []
        key_batches: list[pa.RecordBatch] = []
        for line, row in rows:
            cells = [_text(row[index]) if index < len(row) else "" for index in order]
            if len(row) > width and any(_text(extra) for extra in row[width:]):
                errors.append(RowError(line, "", ErrorCode.UNKNOWN_COLUMN, {"expected": ", ".join(COLUMNS)}))
                continue
            parsed = _parse_row(line, cells, errors)
            if len(errors) > max_errors:
                overflow += len(errors) - max_errors
                del errors[max_errors:]
            result.rows += 1
            pending += 1
            if parsed is not None:
                keys.append((parsed[0], line))
                if not errors:
                    buffer.append((*parsed, line))
            if len(keys) >= _CHUNK:
                key_batches.append(_key_batch(keys))
                keys = []
            if len(buffer) >= _CHUNK:
                batches.append(_batch(buffer))
                buffer = []
            if pending >= 10_000 and progress is not None:
                progress(pending)
                pending = 0
        if progress is not None and pending:
            progress(pending)
    except RegistryFileError as error:
        result.errors = [error.error]
        result.error_count = 1
        return result
    if buffer:
        batches.append(_batch(buffer))
    if keys:
        key_batches.append(_key_batch(keys))
    if not errors and result.rows == 0:
        errors.append(RowError(0, "", ErrorCode.EMPTY))
    errors.extend(_duplicate_errors(pa.Table.from_batches(key_batches, schema=_KEYS)))
    if not errors:
        result.table = pa.Table.from_batches(batches, schema=_WITH_LINE).drop_columns(["line"])
    result.error_count = len(errors) + overflow
    result.errors = sorted(errors, key=_error_order)[:max_errors]
    return result


def _error_order(error: RowError) -> tuple[int, int]:
    return error.line, COLUMNS.index(error.column) if error.column in COLUMNS else -1


def _batch(rows: list[tuple[Any, ...]]) -> pa.RecordBatch:
    columns = list(zip(*rows, strict=True))
    return pa.RecordBatch.from_arrays(
        [pa.array(values, type=spec.type) for values, spec in zip(columns, _WITH_LINE, strict=True)],
        schema=_WITH_LINE,
    )


_KEYS = pa.schema([("uscc", pa.string()), ("line", pa.int64())])


def _key_batch(keys: list[tuple[str, int]]) -> pa.RecordBatch:
    usccs, lines = zip(*keys, strict=True)
    return pa.RecordBatch.from_arrays(
        [pa.array(usccs, pa.string()), pa.array(lines, pa.int64())], schema=_KEYS
    )


def _duplicate_errors(table: pa.Table) -> list[RowError]:
    """Rows that repeat an earlier row's USCC (found with DuckDB, so huge files need little memory)."""
    connection = duckdb.connect()
    try:
        connection.register("rows", table)
        found = connection.execute(
            """
            SELECT uscc, line, first_line FROM (
                SELECT uscc, line, min(line) OVER (PARTITION BY uscc) AS first_line FROM rows
            ) WHERE line <> first_line ORDER BY line LIMIT 100000
            """
        ).fetchall()
    finally:
        connection.close()
    return [
        RowError(int(line), "uscc", ErrorCode.USCC_DUPLICATE, {"value": uscc, "first_line": int(first)})
        for uscc, line, first in found
    ]
