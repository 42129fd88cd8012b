import threading
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection

from investbridge.statistics import selectors, services
from investbridge.statistics.engine.schema import ErrorCode
from investbridge.statistics.models import (
    ImportBatch,
    ImportSource,
    Metric,
    PublishedFigure,
    RegisteredEntity,
)
from tests.factories.statistics import domestic_row, make_uscc, row, write_csv

pytestmark = pytest.mark.integration

PERIOD = {"date_from": date(2020, 1, 1), "date_to": date(2020, 12, 31)}


def _import(path, **kwargs):
    return services.registry_import(path=path, file_name=path.name, **kwargs)


def test_registry_import_creates_entities_and_records_provenance(db, files, officer):
    path = write_csv(files / "registry.csv", [row(), domestic_row()])

    batch = _import(path, user=officer, source=ImportSource.UPLOAD)

    assert RegisteredEntity.objects.count() == 2
    assert (batch.file_name, batch.file_kind, batch.source, batch.imported_by) == (
        "registry.csv",
        "csv",
        "upload",
        officer,
    )
    assert (batch.rows_total, batch.rows_created, batch.rows_updated, batch.rows_unchanged) == (2, 2, 0, 0)
    assert batch.sha256 == services.file_sha256(path)
    assert len(batch.sha256) == 64


def test_registry_import_with_one_bad_row_imports_nothing(db, files):
    path = write_csv(files / "bad.csv", [row(), row(registered_on="2020-02-31"), row()])

    with pytest.raises(services.RegistryFileInvalid) as rejected:
        _import(path)

    assert [(e.line, e.column, e.code) for e in rejected.value.errors] == [
        (3, "registered_on", ErrorCode.DATE_FORMAT)
    ]
    assert RegisteredEntity.objects.count() == 0
    assert ImportBatch.objects.count() == 0


def test_registry_import_again_is_idempotent(db, files):
    rows = [row(), domestic_row()]
    _import(write_csv(files / "a.csv", rows))

    again = _import(write_csv(files / "b.csv", rows))

    assert RegisteredEntity.objects.count() == 2
    assert (again.rows_created, again.rows_updated, again.rows_unchanged) == (0, 0, 2)
    assert services.registry_report(**PERIOD).count == 2


def test_registry_import_updates_by_uscc_and_keeps_the_columnar_copy_in_step(db, files):
    code = make_uscc()
    first = _import(write_csv(files / "a.csv", [row(uscc=code, industry="F")]))

    second = _import(write_csv(files / "b.csv", [row(uscc=code, industry="C"), row()]))

    entity = RegisteredEntity.objects.get(uscc=code)
    assert (entity.industry, entity.first_batch, entity.last_batch) == ("C", first, second)
    assert (second.rows_created, second.rows_updated, second.rows_unchanged) == (1, 1, 0)
    assert services.registry_report(**PERIOD).by_industry == {"C": 1, "F": 1}


def test_registry_import_rejects_a_company_user(db, files, company_user):
    with pytest.raises(PermissionDenied):
        _import(write_csv(files / "a.csv", [row()]), user=company_user, source=ImportSource.UPLOAD)


def test_columnar_copy_is_rebuilt_from_the_database_when_missing(db, files, statistics_dir):
    _import(write_csv(files / "a.csv", [row(), row(investor_countries="RU;KZ")]))
    for path in statistics_dir.glob("*.parquet"):
        path.unlink()

    report = services.registry_report(**PERIOD)

    assert (report.count, report.by_country) == (2, {"KZ": 1, "RU": 2})
    assert len(list(statistics_dir.glob("registry-*[0-9a-f].parquet"))) == 1
    assert len(list(statistics_dir.glob("registry-*.cells.parquet"))) == 1


def test_columnar_copy_missing_before_an_import_is_rebuilt_and_merged(db, files, statistics_dir):
    _import(write_csv(files / "a.csv", [row(industry="A")]))
    for path in statistics_dir.glob("*.parquet"):
        path.unlink()

    _import(write_csv(files / "b.csv", [row(industry="C")]))

    assert services.registry_report(**PERIOD).by_industry == {"A": 1, "C": 1}


def test_registry_report_on_an_empty_registry_is_zero(db):
    report = services.registry_report(**PERIOD)

    assert (report.count, report.previous_count, report.yoy_change_pct) == (0, 0, None)


def _figure(**overrides):
    values = {
        "user": None,
        "metric": Metric.COUNT,
        "period_from": date(2020, 1, 1),
        "period_to": date(2020, 11, 30),
        "value": Decimal(2),
        "source": "Press release",
        "published_on": date(2020, 12, 18),
        "foreign_capital": True,
    }
    values.update(overrides)
    return services.published_figure_create(**values)


def test_published_figure_is_checked_when_recorded(db, files):
    _import(write_csv(files / "a.csv", [row(), row(), domestic_row()]))

    figure = _figure()

    assert (figure.reproduced, figure.computed_value, figure.difference) == (True, Decimal(2), Decimal(0))


def test_published_figure_outside_its_tolerance_is_not_reproduced(db, files):
    _import(write_csv(files / "a.csv", [row(), row(), row()]))

    exact = _figure()
    about = _figure(tolerance=Decimal(1))

    assert (exact.reproduced, exact.difference) == (False, Decimal(1))
    assert about.reproduced is True


def test_published_yoy_figure_without_a_previous_count_is_not_reproduced(db, files):
    _import(write_csv(files / "a.csv", [row()]))

    figure = _figure(metric=Metric.YOY_CHANGE_PCT, value=Decimal(100))

    assert (figure.reproduced, figure.computed_value) == (False, None)


def test_import_that_breaks_a_published_figure_flags_it(db, files):
    _import(write_csv(files / "a.csv", [row(), row()]))
    figure = _figure()

    breaking = _import(write_csv(files / "b.csv", [row()]))

    figure.refresh_from_db()
    assert (figure.reproduced, figure.broken_by, figure.difference) == (False, breaking, Decimal(1))


def test_published_figure_create_rejects_a_partner(db, partner_user):
    with pytest.raises(PermissionDenied):
        _figure(user=partner_user)


def test_selectors_find_registered_entities_by_uscc(db, files):
    first, second = make_uscc(), make_uscc()
    _import(write_csv(files / "a.csv", [row(uscc=first), row(uscc=second)]))

    found = selectors.registered_entities_by_uscc(usccs=[first.lower(), "91460105MA00000000", second, ""])

    assert sorted(found) == sorted([first, second])
    assert selectors.registered_entity_by_uscc(uscc=f" {first} ").uscc == first
    assert selectors.registered_entity_by_uscc(uscc="nothing") is None


@pytest.mark.django_db(transaction=True)
def test_concurrent_imports_lose_no_rows(files, settings):
    paths = [write_csv(files / f"{index}.csv", [row() for _ in range(30)]) for index in range(2)]
    failures: list[BaseException] = []

    def run(path):
        try:
            _import(path)
        except BaseException as error:  # pragma: no cover - reported below
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(path,)) for path in paths]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    assert RegisteredEntity.objects.count() == 60
    assert services.registry_report(**PERIOD).count == 60
    assert PublishedFigure.objects.count() == 0


def test_report_agrees_with_the_database_it_was_copied_from(db, files):
    from collections import Counter

    from django.db.models import Count

    from tests.factories.statistics import random_rows

    _import(write_csv(files / "a.csv", random_rows(300, seed=11)))
    entities = RegisteredEntity.objects.filter(registered_on__range=(date(2020, 2, 10), date(2020, 9, 20)))

    report = services.registry_report(date_from=date(2020, 2, 10), date_to=date(2020, 9, 20))

    assert report.count == entities.count()
    by_district = dict(entities.values_list("district").annotate(n=Count("id")).order_by("district"))
    assert report.by_district == by_district
    countries = Counter(
        code
        for value in entities.values_list("investor_countries", flat=True)
        for code in value.split(";")
        if code
    )
    assert report.by_country == dict(sorted(countries.items()))
