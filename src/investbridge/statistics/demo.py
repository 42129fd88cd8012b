"""Demo data (marked as such): a generated registry of Haikou's four districts for 2019–2020, and the office's
published figures for January–November 2020 ("about 530" foreign-capital registrations, "+158%" year on year).

Generated deterministically, so `investbridge demo` run twice imports nothing new.
"""

import csv
import random
import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TextIO

from stdnum.cn import uscc as uscc_number

from investbridge.statistics import services
from investbridge.statistics.engine.schema import HAIKOU_DISTRICTS
from investbridge.statistics.models import ImportBatch, ImportSource, Metric, PublishedFigure

DEMO_FILE_NAME = "demo-haikou-registry-2019-2020.csv"
DEMO_SOURCE = "Demo: Haikou promotion office press release (generated example)"
_ORG_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)

#: Foreign-capital registrations: January–November 2020 is 530 against 205 a year earlier (+158.5 %).
FOREIGN_COUNTS = {(2019, "jan-nov"): 205, (2019, "dec"): 27, (2020, "jan-nov"): 530, (2020, "dec"): 64}
DOMESTIC_COUNTS = {2019: 880, 2020: 1240}
#: Investor countries and their weights; about one entity in ten has investors from two countries.
COUNTRIES = [
    ("HK", 30), ("RU", 14), ("SG", 8), ("US", 6), ("KR", 6), ("JP", 5), ("KZ", 5), ("GB", 4),
    ("DE", 4), ("MY", 4), ("BY", 3), ("TH", 3), ("AU", 3), ("CA", 3), ("FR", 2),
]  # fmt: skip
INDUSTRY_WEIGHTS = {
    "F": 22,
    "L": 18,
    "I": 14,
    "M": 10,
    "H": 7,
    "G": 6,
    "K": 5,
    "C": 5,
    "R": 4,
    "J": 3,
    "A": 3,
    "E": 3,
}
_WORDS = [
    "椰城",
    "琼州",
    "南海",
    "椰风",
    "海岸",
    "丝路",
    "北极星",
    "白桦",
    "远洋",
    "星海",
    "自贸",
    "蓝湾",
    "金椰",
    "新港",
]
_TRADES = {
    "F": "国际贸易",
    "L": "商务咨询",
    "I": "信息技术",
    "M": "科技研发",
    "H": "酒店管理",
    "G": "国际物流",
    "K": "置业",
    "C": "食品制造",
    "R": "文化传媒",
    "J": "投资管理",
    "A": "热带农业",
    "E": "建设工程",
}
#: Month weights: registrations rose after the free trade port master plan of June 2020.
_MONTH_WEIGHTS = {
    2019: [6, 5, 8, 8, 8, 9, 9, 9, 9, 9, 10, 10],
    2020: [4, 3, 6, 7, 8, 11, 12, 12, 13, 13, 14, 14],
}


def _org_code(rng: random.Random) -> str:
    body = "".join(rng.choice(_ORG_ALPHABET[:10]) if index else "M" for index in range(8))
    total = sum(_ORG_ALPHABET.index(char) * weight for char, weight in zip(body, _ORG_WEIGHTS, strict=True))
    check = 11 - total % 11
    return body + {10: "X", 11: "0"}.get(check, str(check))


def demo_uscc(rng: random.Random, district: str) -> str:
    """A valid 18-character USCC: enterprise (91), district, organization code, check digit."""
    base = f"91{district}{_org_code(rng)}"
    return base + uscc_number.calc_check_digit(base)


def _dates(rng: random.Random, year: int, months: range, count: int) -> list[date]:
    weights = [_MONTH_WEIGHTS[year][month - 1] for month in months]
    chosen = rng.choices(list(months), weights=weights, k=count)
    return sorted(date(year, month, rng.randint(1, 28)) for month in chosen)


def registry_rows(seed: int = 2020) -> list[dict[str, str]]:
    rng = random.Random(seed)
    rows: list[dict[str, str]] = []
    seen: set[str] = set()
    industries = list(INDUSTRY_WEIGHTS)
    codes = [code for code, _weight in COUNTRIES]
    weights = [weight for _code, weight in COUNTRIES]

    def add(day: date, foreign: bool) -> None:
        district = rng.choice(HAIKOU_DISTRICTS)
        uscc = demo_uscc(rng, district)
        while uscc in seen:
            uscc = demo_uscc(rng, district)
        seen.add(uscc)
        industry = rng.choices(industries, weights=list(INDUSTRY_WEIGHTS.values()))[0]
        countries: set[str] = set()
        if foreign:
            countries.add(rng.choices(codes, weights=weights)[0])
            if rng.random() < 0.1:
                countries.add(rng.choices(codes, weights=weights)[0])
        prefix = "海南" if rng.random() < 0.5 else "海口"
        label = "（外资）" if foreign else ""
        capital = Decimal(rng.choice([10, 50, 100, 200, 500, 1000, 3000, 5000])) * 10_000
        rows.append(
            {
                "uscc": uscc,
                "name": f"{prefix}{rng.choice(_WORDS)}{_TRADES[industry]}有限公司{label}",
                "registered_on": day.isoformat(),
                "district": district,
                "industry": industry,
                "foreign_capital": "true" if foreign else "false",
                "investor_countries": ";".join(sorted(countries)),
                "registered_capital": f"{capital:.2f}",
                "currency": "USD" if foreign and rng.random() < 0.3 else "CNY",
            }
        )

    for (year, part), count in FOREIGN_COUNTS.items():
        months = range(1, 12) if part == "jan-nov" else range(12, 13)
        for day in _dates(rng, year, months, count):
            add(day, True)
    for year, count in DOMESTIC_COUNTS.items():
        for day in _dates(rng, year, range(1, 13), count):
            add(day, False)
    rows.sort(key=lambda row: (row["registered_on"], row["uscc"]))
    return rows


def write_registry_csv(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def _figures() -> list[dict[str, object]]:
    return [
        {
            "metric": Metric.COUNT,
            "value": Decimal(530),
            "tolerance": Decimal(10),
            "wording": "约530家外资企业（about 530 companies with foreign capital）",
        },
        {
            "metric": Metric.YOY_CHANGE_PCT,
            "value": Decimal(158),
            "tolerance": Decimal("0.5"),
            "wording": "同比增长158%（+158% year on year）",
        },
    ]


def load(*, stdout: TextIO) -> None:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / DEMO_FILE_NAME
        write_registry_csv(path, registry_rows())
        if not ImportBatch.objects.filter(sha256=services.file_sha256(path)).exists():
            services.registry_import(path=path, file_name=DEMO_FILE_NAME, source=ImportSource.DEMO)
    for figure in _figures():
        exists = PublishedFigure.objects.filter(
            metric=figure["metric"],
            period_from=date(2020, 1, 1),
            period_to=date(2020, 11, 30),
            foreign_capital=True,
            source=DEMO_SOURCE,
        ).exists()
        if not exists:
            services.published_figure_create(
                user=None,
                period_from=date(2020, 1, 1),
                period_to=date(2020, 11, 30),
                foreign_capital=True,
                source=DEMO_SOURCE,
                published_on=date(2020, 12, 18),
                **figure,  # type: ignore[arg-type]
            )
    reproduced = PublishedFigure.objects.filter(source=DEMO_SOURCE, reproduced=True).count()
    stdout.write(
        f"Statistics: registry of {ImportBatch.objects.count()} import(s); {reproduced} demo figures reproduced.\n"
    )
