"""Registry metrics over DuckDB: new entities in a period against the same period a year earlier.

One scan of the columnar copy (Parquet) groups both periods by month, district, industry and investor countries;
every figure of the report is then summed from that small aggregate. Only DuckDB's built-in Parquet reader is used:
extensions are never installed or loaded at run time.
"""

import calendar
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb

#: grouping(registered_on, district, industry, investor_countries): a bit is set for each column a grouping set leaves out.
_BY_DAY, _BY_DISTRICT, _BY_INDUSTRY, _BY_COUNTRIES = 0b0111, 0b1011, 0b1101, 0b1110

#: The metrics a published figure can state.
METRICS = ("count", "previous_count", "yoy_change_pct")


def connect(*, temp_directory: Path | None = None) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection that never downloads nor loads extensions; what it spills to disk goes to
    `temp_directory` (DuckDB's default is `.tmp` in the current directory)."""
    config: dict[str, Any] = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}
    if temp_directory is not None:
        config["temp_directory"] = str(temp_directory)
    return duckdb.connect(config=config)


def cells_path(source: Path) -> Path:
    """The cells of a copy: entities counted per month, district, industry, foreign capital and countries."""
    return source.with_name(source.name.removesuffix(".parquet") + ".cells.parquet")


def _part(kind: str, is_current: bool, index: int, filters: str) -> str:
    """One segment of the report's input: whole months from the cells, or days from the rows."""
    column, source, count = ("month", "$cells", "n") if kind == "cells" else ("registered_on", "$rows", "1")
    return f"SELECT {column} AS registered_on, district, industry, investor_countries, {count} AS n, {is_current} AS current FROM read_parquet({source}) WHERE {column} BETWEEN $low{index} AND $high{index}{filters}"  # noqa: S608 (fixed strings; values are bound)


def _month_start(day: date) -> date:
    return day.replace(day=1)


def _month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _segments(start: date, end: date, use_cells: bool) -> list[tuple[str, date, date]]:
    """How to read a period: its whole months from the cells (by month start), the days around them from the rows."""
    if not use_cells:
        return [("rows", start, end)]
    first_full = start if start.day == 1 else _month_end(start) + timedelta(days=1)
    last_full = (
        _month_start(end) if end == _month_end(end) else _month_start(_month_start(end) - timedelta(days=1))
    )
    if first_full > last_full:
        return [("rows", start, end)]
    segments = [("cells", first_full, last_full)]
    if start < first_full:
        segments.append(("rows", start, first_full - timedelta(days=1)))
    if _month_end(last_full) < end:
        segments.append(("rows", _month_end(last_full) + timedelta(days=1), end))
    return segments


def year_earlier(day: date) -> date:
    """The same day a year earlier (29 February becomes 28 February)."""
    last = calendar.monthrange(day.year - 1, day.month)[1]
    return day.replace(year=day.year - 1, day=min(day.day, last))


def yoy_change_pct(count: int, previous_count: int) -> float | None:
    """round((count / previous_count - 1) * 100, 1); None when the earlier count is 0."""
    if previous_count == 0:
        return None
    return round((count / previous_count - 1) * 100, 1)


def _months(date_from: date, date_to: date) -> list[tuple[int, int]]:
    months = []
    year, month = date_from.year, date_from.month
    while (year, month) <= (date_to.year, date_to.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _series(counts: Counter[tuple[int, int]], date_from: date, date_to: date) -> list[dict[str, object]]:
    """Monthly counts with the year-to-date cumulative total (it restarts every January)."""
    series: list[dict[str, object]] = []
    running = 0
    for year, month in _months(date_from, date_to):
        if month == 1:
            running = 0
        count = counts.get((year, month), 0)
        running += count
        series.append({"month": f"{year:04d}-{month:02d}", "count": count, "cumulative": running})
    return series


@dataclass
class Report:
    date_from: date
    date_to: date
    previous_from: date
    previous_to: date
    foreign_capital: bool = False
    country: str | None = None
    count: int = 0
    previous_count: int = 0
    by_month: list[dict[str, object]] = field(default_factory=list)
    previous_by_month: list[dict[str, object]] = field(default_factory=list)
    by_country: dict[str, int] = field(default_factory=dict)
    by_district: dict[str, int] = field(default_factory=dict)
    by_industry: dict[str, int] = field(default_factory=dict)
    previous_by_country: dict[str, int] = field(default_factory=dict)
    previous_by_district: dict[str, int] = field(default_factory=dict)
    previous_by_industry: dict[str, int] = field(default_factory=dict)

    @property
    def yoy_change_pct(self) -> float | None:
        return yoy_change_pct(self.count, self.previous_count)

    def contract(self) -> dict[str, object]:
        """The report as the documented JSON object (CLI, API and exports share it)."""
        return {
            "from": self.date_from.isoformat(),
            "to": self.date_to.isoformat(),
            "count": self.count,
            "previous_count": self.previous_count,
            "yoy_change_pct": self.yoy_change_pct,
            "by_month": [dict(item) for item in self.by_month],
            "by_country": dict(self.by_country),
            "by_district": dict(self.by_district),
            "by_industry": dict(self.by_industry),
        }

    def metric(self, name: str) -> Decimal | None:
        """The value of one of METRICS."""
        if name == "count":
            return Decimal(self.count)
        if name == "previous_count":
            return Decimal(self.previous_count)
        if name == "yoy_change_pct":
            value = self.yoy_change_pct
            return None if value is None else Decimal(str(value))
        raise ValueError(f"Unknown metric {name!r}; expected one of {METRICS}.")


def _sorted(counter: Counter[str]) -> dict[str, int]:
    return {key: counter[key] for key in sorted(counter)}


def compute_report(
    source: Path | str | None,
    *,
    date_from: date,
    date_to: date,
    foreign_capital: bool = False,
    country: str | None = None,
    connection: duckdb.DuckDBPyConnection | None = None,
    use_cells: bool = True,
) -> Report:
    """The report over the Parquet file `source` (None or a missing file: an empty registry).

    When the copy's cells file exists (see `cells_path`), the report reads the period's whole months from it and
    only the days at the period's edges from the rows: the same figures from far fewer rows. `use_cells=False` reads the rows (the tests compare both).
    """
    if date_to < date_from:
        raise ValueError("The period ends before it starts.")
    country = country.upper() if country else None
    previous_from, previous_to = year_earlier(date_from), year_earlier(date_to)
    report = Report(date_from, date_to, previous_from, previous_to, foreign_capital, country)
    rows: list[tuple[int, Any, Any, Any, Any, bool, int]] = []
    if source is not None and Path(source).exists():
        cells = cells_path(Path(source))
        use_cells = use_cells and cells.exists()
        parameters: dict[str, object] = {}
        filters = ""
        if foreign_capital:
            filters += " AND foreign_capital"
        if country:
            filters += " AND contains(';' || investor_countries || ';', $country)"
            parameters["country"] = f";{country};"
        parts: list[str] = []
        for is_current, start, end in ((True, date_from, date_to), (False, previous_from, previous_to)):
            for kind, low, high in _segments(start, end, use_cells):
                index = len(parts)
                parameters[f"low{index}"], parameters[f"high{index}"] = low, high
                parameters[kind] = str(cells if kind == "cells" else source)
                parts.append(_part(kind, is_current, index, filters))
        # Full months come from the cells, the days at the period's edges from the rows; four small hash tables
        # (GROUPING SETS) then give the days (months are derived here) and the three breakdowns, per period.
        query = f"""
            SELECT grouping(registered_on, district, industry, investor_countries) AS grouping_id,
                   registered_on, district, industry, investor_countries, current, sum(n)::BIGINT AS n
            FROM ({" UNION ALL ".join(parts)})
            GROUP BY GROUPING SETS (
                (registered_on, current), (district, current), (industry, current), (investor_countries, current)
            )
        """  # noqa: S608 (fixed strings; values are bound parameters)
        own = connection is None
        db = connect() if connection is None else connection
        try:
            rows = db.execute(query, parameters).fetchall()
        finally:
            if own:
                db.close()
    months: dict[bool, Counter[tuple[int, int]]] = {True: Counter(), False: Counter()}
    countries: dict[bool, Counter[str]] = {True: Counter(), False: Counter()}
    districts: dict[bool, Counter[str]] = {True: Counter(), False: Counter()}
    industries: dict[bool, Counter[str]] = {True: Counter(), False: Counter()}
    for grouping_id, day, district, industry, codes, current, n in rows:
        if grouping_id == _BY_DAY:
            months[current][(day.year, day.month)] += n
        elif grouping_id == _BY_DISTRICT:
            districts[current][str(district)] += n
        elif grouping_id == _BY_INDUSTRY:
            industries[current][str(industry)] += n
        elif grouping_id == _BY_COUNTRIES:
            for code in codes.split(";") if codes else ():
                countries[current][code] += n
    report.count, report.previous_count = sum(months[True].values()), sum(months[False].values())
    report.by_month = _series(months[True], date_from, date_to)
    report.previous_by_month = _series(months[False], previous_from, previous_to)
    report.by_country, report.previous_by_country = _sorted(countries[True]), _sorted(countries[False])
    report.by_district, report.previous_by_district = _sorted(districts[True]), _sorted(districts[False])
    report.by_industry, report.previous_by_industry = _sorted(industries[True]), _sorted(industries[False])
    return report


def compare(published: Decimal, computed: Decimal | None, tolerance: Decimal) -> tuple[bool, Decimal | None]:
    """Whether a published value is reproduced (|computed - published| <= tolerance), and the difference."""
    if computed is None:
        return False, None
    difference = computed - published
    return abs(difference) <= tolerance, difference
