"""Meeting requests under real concurrent threads (SQLite WAL + BEGIN IMMEDIATE; PostgreSQL row locks)."""

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from investbridge.matchmaking import services
from investbridge.matchmaking.models import MeetingRequest, RequestStatus
from tests.factories.events import EventFactory, RegistrationFactory
from tests.factories.matchmaking import ProfileFactory, SetupFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def _run(function: Callable[..., Any], calls: list[tuple[Any, ...]]) -> tuple[list[Any], list[BaseException]]:
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)
    errors: list[BaseException] = []
    lock = threading.Lock()

    def worker(index: int, args: tuple[Any, ...]) -> None:
        try:
            barrier.wait()
            results[index] = function(*args)
        except BaseException as error:
            with lock:
                errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i, args)) for i, args in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results, errors


def _profiles(count: int, cap: int):
    event = EventFactory(capacity=100)
    SetupFactory(event=event, request_cap=cap)
    return event, [ProfileFactory(registration=RegistrationFactory(event=event)) for _ in range(count)]


def _request(requester, recipient):
    return services.request_create(
        actor=services.Actor(registration=requester.registration), requester=requester, recipient=recipient
    )


def test_concurrent_requests_between_same_pair_make_one():
    event, (a, b) = _profiles(2, cap=10)
    calls = [(a, b), (b, a)] * 3
    results, errors = _run(_request, calls)
    assert MeetingRequest.objects.filter(event=event, status=RequestStatus.PENDING).count() == 1
    assert len([r for r in results if r is not None]) == 1
    assert len(errors) == 5
    assert all(isinstance(e, ValidationError) and e.code == "duplicate" for e in errors)


def test_concurrent_requests_to_one_participant_respect_the_cap():
    event, profiles = _profiles(7, cap=2)
    target, others = profiles[0], profiles[1:]
    _results, errors = _run(_request, [(other, target) for other in others])
    assert MeetingRequest.objects.filter(event=event, recipient=target).count() == 2
    assert len(errors) == 4
    assert all(isinstance(e, ValidationError) and e.code == "cap_recipient" for e in errors)
