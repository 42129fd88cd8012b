"""The dashboard's default period: whole months of the registry's latest year."""

from datetime import date

import pytest

from investbridge.statistics import selectors, services
from tests.factories.statistics import row, write_csv


@pytest.mark.unit
@pytest.mark.parametrize(
    ("latest", "expected"),
    [
        (date(2020, 12, 28), (date(2020, 1, 1), date(2020, 11, 30))),
        (date(2020, 11, 30), (date(2020, 1, 1), date(2020, 11, 30))),
        (date(2020, 12, 31), (date(2020, 1, 1), date(2020, 12, 31))),
        (date(2020, 3, 1), (date(2020, 1, 1), date(2020, 2, 29))),
        (date(2021, 1, 15), (date(2020, 1, 1), date(2020, 12, 31))),
        (date(2021, 1, 31), (date(2021, 1, 1), date(2021, 1, 31))),
    ],
)
def test_complete_months_period_ends_on_the_last_complete_month(latest, expected):
    assert selectors.complete_months_period(latest) == expected


@pytest.mark.integration
def test_dashboard_default_period_of_an_empty_registry_follows_today(db):
    assert selectors.dashboard_default_period(today=date(2021, 3, 10)) == (
        date(2021, 1, 1),
        date(2021, 2, 28),
    )


@pytest.mark.integration
def test_dashboard_default_period_follows_the_latest_registration_not_today(db, files):
    services.registry_import(
        path=write_csv(files / "r.csv", [row(registered_on="2020-12-28")]), file_name="r.csv"
    )

    assert selectors.dashboard_default_period(today=date(2026, 11, 26)) == (
        date(2020, 1, 1),
        date(2020, 11, 30),
    )
