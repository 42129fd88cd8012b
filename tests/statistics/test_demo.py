from datetime import date
from io import StringIO

import pytest
from stdnum.cn import uscc

from investbridge.statistics import demo, selectors, services
from investbridge.statistics.models import ImportBatch, PublishedFigure, RegisteredEntity

pytestmark = pytest.mark.integration


def test_demo_registry_reproduces_the_published_figures_and_is_idempotent(db):
    demo.load(stdout=StringIO())
    entities = RegisteredEntity.objects.count()

    demo.load(stdout=StringIO())

    assert (RegisteredEntity.objects.count(), ImportBatch.objects.count()) == (entities, 1)
    start, end = selectors.dashboard_default_period(today=date(2026, 11, 26))
    assert (start, end) == (date(2020, 1, 1), date(2020, 11, 30))  # the dashboard opens on the headline
    report = services.registry_report(date_from=start, date_to=end, foreign_capital=True)
    assert (report.count, report.previous_count, report.yoy_change_pct) == (530, 205, 158.5)
    assert report.by_country["RU"] > 0
    assert set(report.by_district) == {"460105", "460106", "460107", "460108"}
    figures = PublishedFigure.objects.order_by("metric")
    assert [(f.metric, f.value, f.reproduced) for f in figures] == [
        ("count", 530, True),
        ("yoy_change_pct", 158, True),
    ]


def test_demo_usccs_are_valid_and_unique():
    rows = demo.registry_rows()

    codes = [item["uscc"] for item in rows]
    assert all(uscc.is_valid(code) for code in codes)
    assert len(set(codes)) == len(codes)
    assert {item["registered_on"][:4] for item in rows} == {"2019", "2020"}
