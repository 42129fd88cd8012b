"""Registry rows and files for the statistics tests: valid by default, each field overridable."""

import csv
import itertools
import random
from pathlib import Path
from typing import Any

from stdnum.cn import uscc as uscc_number

from investbridge.statistics.engine.schema import COLUMNS

_counter = itertools.count(1)


def make_uscc(number: int | None = None, district: str = "460105") -> str:
    """A valid USCC; distinct numbers give distinct codes."""
    serial = next(_counter) if number is None else number
    base = f"91{district}MA{serial:07d}"[:17]
    return base + uscc_number.calc_check_digit(base)


def row(**overrides: Any) -> dict[str, str]:
    values = {
        "uscc": make_uscc(),
        "name": "海口测试贸易有限公司",
        "registered_on": "2020-03-15",
        "district": "460105",
        "industry": "F",
        "foreign_capital": "true",
        "investor_countries": "RU",
        "registered_capital": "1000000.00",
        "currency": "CNY",
    }
    values.update({key: str(value) for key, value in overrides.items()})
    return values


def domestic_row(**overrides: Any) -> dict[str, str]:
    return row(**{"foreign_capital": "false", "investor_countries": "", **overrides})


def write_csv(path: Path, rows: list[dict[str, str]], columns: tuple[str, ...] = COLUMNS) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def write_xlsx(path: Path, rows: list[dict[str, Any]]) -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(list(COLUMNS))
    for item in rows:
        sheet.append([item[column] for column in COLUMNS])
    workbook.save(path)
    return path


def write_parquet(path: Path, rows: list[dict[str, Any]]) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pylist(rows)
    pq.write_table(table, path)
    return path


def random_rows(count: int, seed: int = 1) -> list[dict[str, str]]:
    rng = random.Random(seed)
    rows = []
    for index in range(count):
        foreign = rng.random() < 0.4
        rows.append(
            row(
                uscc=make_uscc(10_000 + index),
                registered_on=f"{rng.choice([2019, 2020])}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                district=rng.choice(["460105", "460106", "460107", "460108"]),
                industry=rng.choice("ACFIL"),
                foreign_capital="true" if foreign else "false",
                investor_countries=rng.choice(["RU", "HK", "RU;KZ", "SG"]) if foreign else "",
            )
        )
    return rows
