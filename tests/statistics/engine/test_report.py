from datetime import date
from decimal import Decimal

import pytest

from investbridge.statistics.engine import columnar
from investbridge.statistics.engine.reader import read_registry
from investbridge.statistics.engine.report import (
    cells_path,
    compare,
    compute_report,
    year_earlier,
    yoy_change_pct,
)
from tests.factories.statistics import domestic_row, make_uscc, random_rows, row, write_csv

pytestmark = pytest.mark.unit


def _parquet(tmp_path, rows):
    table = read_registry(write_csv(tmp_path / "in.csv", rows), "csv").table
    path = tmp_path / "registry.parquet"
    columnar.write_merged(path, previous=None, changes=table)
    return path


def test_report_contract_has_exactly_the_documented_keys(tmp_path):
    path = _parquet(tmp_path, [row(registered_on="2020-01-10"), row(registered_on="2019-01-05")])

    contract = compute_report(path, date_from=date(2020, 1, 1), date_to=date(2020, 2, 29)).contract()

    assert contract == {
        "from": "2020-01-01",
        "to": "2020-02-29",
        "count": 1,
        "previous_count": 1,
        "yoy_change_pct": 0.0,
        "by_month": [
            {"month": "2020-01", "count": 1, "cumulative": 1},
            {"month": "2020-02", "count": 0, "cumulative": 1},
        ],
        "by_country": {"RU": 1},
        "by_district": {"460105": 1},
        "by_industry": {"F": 1},
    }


def test_report_yoy_is_null_when_the_earlier_count_is_zero(tmp_path):
    path = _parquet(tmp_path, [row(registered_on="2020-06-01")])

    report = compute_report(path, date_from=date(2020, 1, 1), date_to=date(2020, 12, 31))

    assert (report.count, report.previous_count, report.contract()["yoy_change_pct"]) == (1, 0, None)


def test_report_yoy_follows_the_published_formula():
    assert yoy_change_pct(530, 205) == 158.5
    assert yoy_change_pct(100, 300) == -66.7
    assert yoy_change_pct(0, 4) == -100.0
    assert yoy_change_pct(3, 0) is None


def test_report_entity_with_two_countries_counts_once_in_each(tmp_path):
    path = _parquet(
        tmp_path,
        [row(investor_countries="RU;KZ"), row(investor_countries="RU"), domestic_row()],
    )

    report = compute_report(path, date_from=date(2020, 1, 1), date_to=date(2020, 12, 31))

    assert report.count == 3
    assert report.by_country == {"KZ": 1, "RU": 2}


def test_report_filters_foreign_capital_and_country(tmp_path):
    path = _parquet(
        tmp_path,
        [
            row(investor_countries="RU;KZ"),
            row(investor_countries="HK"),
            domestic_row(),
            row(investor_countries="KZ"),
        ],
    )
    period = {"date_from": date(2020, 1, 1), "date_to": date(2020, 12, 31)}

    foreign = compute_report(path, foreign_capital=True, **period)
    russian = compute_report(path, country="ru", **period)

    assert foreign.count == 3
    assert (russian.count, russian.by_country) == (1, {"KZ": 1, "RU": 1})


def test_report_cumulative_restarts_in_january(tmp_path):
    path = _parquet(tmp_path, [row(registered_on="2019-12-03"), row(registered_on="2020-01-09")])

    report = compute_report(path, date_from=date(2019, 11, 1), date_to=date(2020, 1, 31))

    assert report.by_month == [
        {"month": "2019-11", "count": 0, "cumulative": 0},
        {"month": "2019-12", "count": 1, "cumulative": 1},
        {"month": "2020-01", "count": 1, "cumulative": 1},
    ]


def test_report_period_bounds_are_inclusive(tmp_path):
    path = _parquet(
        tmp_path,
        [row(registered_on="2020-01-01"), row(registered_on="2020-11-30"), row(registered_on="2020-12-01")],
    )

    report = compute_report(path, date_from=date(2020, 1, 1), date_to=date(2020, 11, 30))

    assert report.count == 2


def test_report_periods_longer_than_a_year_count_the_overlap_in_both(tmp_path):
    path = _parquet(tmp_path, [row(registered_on="2019-06-01")])

    report = compute_report(path, date_from=date(2019, 1, 1), date_to=date(2020, 12, 31))

    assert (report.count, report.previous_count) == (1, 1)


def test_report_without_a_registry_is_all_zero():
    report = compute_report(None, date_from=date(2020, 1, 1), date_to=date(2020, 3, 31))

    assert (report.count, report.previous_count, report.yoy_change_pct) == (0, 0, None)
    assert [item["count"] for item in report.by_month] == [0, 0, 0]


def test_report_rejects_a_reversed_period():
    with pytest.raises(ValueError, match="ends before"):
        compute_report(None, date_from=date(2020, 3, 1), date_to=date(2020, 2, 1))


def test_report_matches_a_plain_count_over_random_rows(tmp_path):
    rows = random_rows(400)
    path = _parquet(tmp_path, rows)

    report = compute_report(
        path, date_from=date(2020, 1, 1), date_to=date(2020, 11, 30), foreign_capital=True
    )

    expected = [
        r
        for r in rows
        if r["foreign_capital"] == "true" and "2020-01-01" <= r["registered_on"] <= "2020-11-30"
    ]
    assert report.count == len(expected)
    assert report.by_country.get("RU", 0) == sum("RU" in r["investor_countries"].split(";") for r in expected)
    assert sum(report.by_district.values()) == len(expected)


@pytest.mark.parametrize(
    ("date_from", "date_to"),
    [
        (date(2020, 2, 1), date(2020, 10, 31)),
        (date(2020, 2, 15), date(2020, 10, 10)),
        (date(2020, 2, 29), date(2020, 3, 31)),
        (date(2020, 1, 10), date(2020, 1, 20)),
        (date(2019, 3, 1), date(2020, 12, 31)),
        (date(2019, 12, 31), date(2020, 1, 1)),
    ],
)
@pytest.mark.parametrize("filters", [{}, {"foreign_capital": True}, {"country": "KZ"}])
def test_report_from_cells_equals_the_report_from_rows(tmp_path, date_from, date_to, filters):
    path = _parquet(tmp_path, random_rows(800, seed=3))

    from_cells = compute_report(path, date_from=date_from, date_to=date_to, **filters)
    from_rows = compute_report(path, date_from=date_from, date_to=date_to, use_cells=False, **filters)

    assert cells_path(path).exists()
    assert from_cells.contract() == from_rows.contract()
    assert from_cells.previous_by_month == from_rows.previous_by_month
    assert from_cells.previous_by_country == from_rows.previous_by_country
    assert from_cells.previous_by_industry == from_rows.previous_by_industry


def test_year_earlier_maps_29_february_to_28_february():
    assert year_earlier(date(2020, 2, 29)) == date(2019, 2, 28)
    assert year_earlier(date(2020, 11, 30)) == date(2019, 11, 30)


def test_compare_uses_the_tolerance():
    assert compare(Decimal(158), Decimal("158.5"), Decimal("0.5")) == (True, Decimal("0.5"))
    assert compare(Decimal(158), Decimal("158.6"), Decimal("0.5")) == (False, Decimal("0.6"))
    assert compare(Decimal(530), None, Decimal(10)) == (False, None)


def test_write_merged_replaces_rows_by_uscc(tmp_path):
    code = make_uscc()
    first = _parquet(tmp_path, [row(uscc=code, industry="F"), row()])
    changed = read_registry(write_csv(tmp_path / "c.csv", [row(uscc=code, industry="C")]), "csv").table
    target = tmp_path / "second.parquet"

    rows = columnar.write_merged(target, previous=first, changes=changed)

    report = compute_report(target, date_from=date(2020, 1, 1), date_to=date(2020, 12, 31))
    assert rows == 2
    assert report.by_industry == {"C": 1, "F": 1}
