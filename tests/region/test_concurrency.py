"""Concurrent requests: one record per submission, one routing per expression (real threads, SQLite and PostgreSQL)."""

import threading
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from investbridge.region import services
from investbridge.region.models import ExpressionOfInterest, InterestStatus
from tests.factories.region import DimensionFactory, ExpressionOfInterestFactory

pytestmark = pytest.mark.integration

THREADS = 6


def _run_in_threads(target):
    barrier = threading.Barrier(THREADS)
    results: list[object] = []
    lock = threading.Lock()

    def worker():
        try:
            barrier.wait()
            outcome = target()
        except Exception as error:
            outcome = error
        finally:
            connection.close()
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=worker) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.mark.django_db(transaction=True)
def test_same_submission_sent_concurrently_is_recorded_once():
    key = uuid.uuid4()

    def submit():
        return services.expression_of_interest_create(
            submission_key=key,
            name="Ольга",
            email="olga@example.org",
            country="RU",
            language="ru",
            consent=True,
            consent_source="test",
        ).pk

    results = _run_in_threads(submit)

    assert ExpressionOfInterest.objects.count() == 1
    assert results == [ExpressionOfInterest.objects.get().pk] * THREADS


@pytest.mark.django_db(transaction=True)
def test_concurrent_routing_succeeds_once():
    expression = ExpressionOfInterestFactory()

    def route():
        return services.expression_of_interest_mark_routed(
            expression=ExpressionOfInterest.objects.get(pk=expression.pk),
            reference=threading.current_thread().name,
        ).status

    results = _run_in_threads(route)

    assert [result for result in results if result == InterestStatus.ROUTED] == [InterestStatus.ROUTED]
    assert sum(isinstance(result, ValidationError) for result in results) == THREADS - 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_edits_from_the_same_version_lose_nothing(officer):
    dimension = DimensionFactory()
    counter = iter(range(THREADS))
    counter_lock = threading.Lock()

    def save():
        with counter_lock:
            number = next(counter)
        return services.dimension_update(
            user=officer, dimension_id=dimension.pk, expected_version=1, data={"title_en": f"Edit {number}"}
        ).title_en

    results = _run_in_threads(save)

    saved = [result for result in results if isinstance(result, str)]
    assert len(saved) == 1
    assert sum(isinstance(result, ValidationError) for result in results) == THREADS - 1
    dimension.refresh_from_db()
    assert (dimension.title_en, dimension.version) == (saved[0], 2)
