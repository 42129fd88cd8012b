"""Benchmark of the statistics domain (not a test): the registry report against a plain DuckDB group-by over the
same data in the same run, and import throughput from CSV and Parquet.

    .venv/bin/python bench/statistics_report.py                     # 10 million rows (the documented run)
    .venv/bin/python bench/statistics_report.py --rows 200000 --validate-rows 20000 --import-rows 5000  # quick

The report is `engine.report.compute_report` exactly as the pages, API and command call it (a fresh DuckDB
connection per call). The baseline is one `GROUP BY` month over the same Parquet file and the same rows (both
periods, same filters), also on a fresh connection. Import throughput is measured twice: the engine's validation
alone (read + check every row, USCC check digits with python-stdnum), and the whole import (validation, upsert into
a scratch database, columnar copy, published-figure checks) through `services.registry_import`.
"""

import argparse
import csv
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import pyarrow.parquet as pq

from investbridge.statistics.engine import columnar
from investbridge.statistics.engine.reader import read_registry
from investbridge.statistics.engine.report import cells_path, compute_report, connect, year_earlier

COUNTRIES = ["RU", "HK", "SG", "US", "KR", "JP", "KZ", "BY", "GB", "DE", "RU;KZ", "HK;SG"]
DISTRICTS = ["460105", "460106", "460107", "460108", "460202", "460203", "460204", "460205"]


def generate_registry(path: Path, rows: int) -> None:
    """`rows` entities registered 2016–2025, a third with foreign capital, written sorted like the copy."""
    connection = connect()
    countries = "[" + ", ".join(f"'{code}'" for code in COUNTRIES) + "]"
    districts = "[" + ", ".join(f"'{code}'" for code in DISTRICTS) + "]"
    connection.execute(
        f"""
        COPY (
            SELECT printf('91460100MA%08dX', i) AS uscc,
                   'Entity ' || i AS name,
                   DATE '2016-01-01' + CAST(hash(i) % 3653 AS INTEGER) AS registered_on,
                   {districts}[1 + CAST(hash(i + 1) % {len(DISTRICTS)} AS INTEGER)] AS district,
                   chr(65 + CAST(hash(i + 2) % 20 AS INTEGER)) AS industry,
                   hash(i + 3) % 3 = 0 AS foreign_capital,
                   CASE WHEN hash(i + 3) % 3 = 0
                        THEN {countries}[1 + CAST(hash(i + 4) % {len(COUNTRIES)} AS INTEGER)] ELSE '' END
                        AS investor_countries,
                   CAST((hash(i + 5) % 100000) * 100 AS DECIMAL(20, 2)) AS registered_capital,
                   'CNY' AS currency
            FROM range({rows}) AS t(i)
            ORDER BY registered_on, uscc
        ) TO '{path}' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880)
        """  # noqa: S608 (generated benchmark data)
    )
    connection.close()


#: The plain group-bys: the monthly series (the report's headline) and one breakdown (district).
KEYS = {"month": "date_trunc('month', registered_on)", "district": "district"}


def baseline(path: Path, date_from: date, date_to: date, foreign_capital: bool, key: str = "month") -> int:
    previous_from, previous_to = year_earlier(date_from), year_earlier(date_to)
    connection = connect()
    try:
        condition = " AND foreign_capital" if foreign_capital else ""
        rows = connection.execute(
            f"""
            SELECT {KEYS[key]} AS key, count(*) FROM read_parquet($path)
            WHERE (registered_on BETWEEN $from AND $to OR registered_on BETWEEN $pfrom AND $pto){condition}
            GROUP BY key
            """,  # noqa: S608 (fixed condition)
            {"path": str(path), "from": date_from, "to": date_to, "pfrom": previous_from, "pto": previous_to},
        ).fetchall()
    finally:
        connection.close()
    return sum(count for _key, count in rows)


def timed(function: Callable[[], object], repeat: int) -> float:
    function()  # warm the file cache
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def registry_rows(count: int, offset: int) -> list[dict[str, str]]:
    from stdnum.cn import uscc

    rng = random.Random(offset)
    rows = []
    for index in range(offset, offset + count):
        base = f"91460105MA{index:07d}"
        foreign = rng.random() < 0.35
        rows.append(
            {
                "uscc": base + uscc.calc_check_digit(base),
                "name": f"海口测试企业{index}有限公司",
                "registered_on": date(
                    2019 + rng.randint(0, 1), rng.randint(1, 12), rng.randint(1, 28)
                ).isoformat(),
                "district": rng.choice(DISTRICTS),
                "industry": rng.choice("ACFILM"),
                "foreign_capital": "true" if foreign else "false",
                "investor_countries": rng.choice(COUNTRIES) if foreign else "",
                "registered_capital": f"{rng.randint(1, 100_000) * 100}.00",
                "currency": "CNY",
            }
        )
    return rows


def write_inputs(directory: Path, rows: int) -> tuple[Path, Path]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for index, kind in enumerate(("csv", "parquet")):
        data = registry_rows(rows, offset=1 + index * rows)
        path = directory / f"registry-{kind}.{kind}"
        if kind == "csv":
            with path.open("w", encoding="utf-8", newline="") as handle:
                writer = csv.DictWriter(handle, fieldnames=list(data[0]))
                writer.writeheader()
                writer.writerows(data)
        else:
            pq.write_table(pa.Table.from_pylist(data), path)
        paths.append(path)
    return paths[0], paths[1]


def bench_validation(directory: Path, rows: int) -> list[tuple[str, float]]:
    csv_path, parquet_path = write_inputs(directory / "validation", rows)
    results = []
    for label, path, kind in (("CSV", csv_path, "csv"), ("Parquet", parquet_path, "parquet")):
        start = time.perf_counter()
        result = read_registry(path, kind)
        elapsed = time.perf_counter() - start
        assert result.ok, result.errors[:3]
        results.append((f"validation only, {label}", rows / elapsed))
    return results


def bench_import(directory: Path, rows: int, database_url: str | None) -> list[tuple[str, float]]:
    csv_path, parquet_path = write_inputs(directory / "import", rows)
    results = []

    os.environ["INVESTBRIDGE_ENVIRONMENT"] = "development"
    os.environ["INVESTBRIDGE_DATA_DIR"] = str(directory / "data")
    os.environ["INVESTBRIDGE_DATABASE_URL"] = database_url or f"sqlite:///{directory / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "investbridge.config.settings")
    os.environ["INVESTBRIDGE_LOG_LEVEL"] = "WARNING"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from investbridge.statistics import services
    from investbridge.statistics.models import RegisteredEntity

    try:
        for label, path in (("CSV", csv_path), ("Parquet", parquet_path)):
            start = time.perf_counter()
            services.registry_import(path=path, file_name=path.name)
            elapsed = time.perf_counter() - start
            results.append((f"whole import into the database, {label}", rows / elapsed))
        start = time.perf_counter()
        services.registry_import(path=csv_path, file_name="again.csv")
        results.append(("re-import of the same CSV (all unchanged)", rows / (time.perf_counter() - start)))
    finally:
        if database_url:  # leave the scratch PostgreSQL database empty again
            from investbridge.statistics.models import ColumnarCopy, ImportBatch

            ColumnarCopy.objects.all().delete()
            RegisteredEntity.objects.all().delete()
            ImportBatch.objects.all().delete()
    return results


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--rows", type=int, default=10_000_000, help="rows of the generated registry for the report"
    )
    parser.add_argument(
        "--validate-rows", type=int, default=1_000_000, help="rows of each file for the validation runs"
    )
    parser.add_argument(
        "--import-rows", type=int, default=200_000, help="rows of each file for the whole-import runs"
    )
    parser.add_argument("--repeat", type=int, default=5, help="timed repetitions (the median is printed)")
    parser.add_argument(
        "--database-url",
        default=None,
        help="scratch database for the import run (default: a temporary SQLite file); its registry is emptied",
    )
    options = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="ib-bench-") as scratch:
        directory = Path(scratch)
        registry = directory / "registry.parquet"
        start = time.perf_counter()
        generate_registry(registry, options.rows)
        size = registry.stat().st_size / 1e6
        print(f"Generated {options.rows:,} rows in {time.perf_counter() - start:.1f} s ({size:.0f} MB)")
        start = time.perf_counter()
        columnar.write_cells(registry)
        cells = pq.ParquetFile(cells_path(registry)).metadata.num_rows
        print(
            f"Cells of the copy: {cells:,} rows, built in {time.perf_counter() - start:.1f} s (every import does it)"
        )

        print("\nReport vs a plain DuckDB group-by over the same rows (median seconds; target ratio <= 1.5)")
        print(
            f"{'case':<38} {'report':>7} {'rows*':>7} {'by month':>9} {'ratio':>6} {'by district':>12} {'ratio':>6}"
        )
        ratios: dict[str, list[float]] = {"month": [], "district": []}
        for label, date_from, date_to, foreign in (
            ("Jan-Nov 2020, all entities", date(2020, 1, 1), date(2020, 11, 30), False),
            ("Jan-Nov 2020, foreign capital", date(2020, 1, 1), date(2020, 11, 30), True),
            ("2016-2025, all (whole file)", date(2016, 1, 1), date(2025, 12, 31), False),
        ):
            report = compute_report(registry, date_from=date_from, date_to=date_to, foreign_capital=foreign)
            from_rows = compute_report(
                registry, date_from=date_from, date_to=date_to, foreign_capital=foreign, use_cells=False
            )
            assert report.contract() == from_rows.contract()
            assert baseline(registry, date_from, date_to, foreign) >= report.count
            report_time = timed(
                lambda a=date_from, b=date_to, f=foreign: compute_report(
                    registry, date_from=a, date_to=b, foreign_capital=f
                ),
                options.repeat,
            )
            rows_time = timed(
                lambda a=date_from, b=date_to, f=foreign: compute_report(
                    registry, date_from=a, date_to=b, foreign_capital=f, use_cells=False
                ),
                options.repeat,
            )
            line = f"{label:<38} {report_time:>7.3f} {rows_time:>7.3f}"
            for key, width in (("month", 9), ("district", 12)):
                base_time = timed(
                    lambda a=date_from, b=date_to, f=foreign, k=key: baseline(registry, a, b, f, k),
                    options.repeat,
                )
                ratios[key].append(report_time / base_time)
                line += f" {base_time:>{width}.3f} {report_time / base_time:>6.2f}"
            print(line)
        print("* rows: the same report computed from the rows instead of the cells (for comparison)")
        print(
            f"worst ratio: {max(ratios['month']):.2f} (by month), {max(ratios['district']):.2f} (by district)"
        )

        print(f"\nValidation throughput ({options.validate_rows:,} rows per file, rows per second)")
        for label, rate in bench_validation(directory, options.validate_rows):
            print(f"{label:<44} {rate:>12,.0f}")
        print(f"\nImport throughput ({options.import_rows:,} rows per file, rows per second)")
        for label, rate in bench_import(directory, options.import_rows, options.database_url):
            print(f"{label:<44} {rate:>12,.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
