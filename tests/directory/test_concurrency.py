"""Simultaneous registrations from real threads, on SQLite (BEGIN IMMEDIATE) and PostgreSQL (advisory locks)."""

import threading

import pytest
from django.db import connection

from investbridge.directory import services
from investbridge.directory.models import Membership, Organization, Person

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

THREADS = 6


def run_in_threads(function):
    barrier = threading.Barrier(THREADS)
    results, errors = [], []

    def worker(index):
        try:
            barrier.wait()
            results.append(function(index))
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(index,)) for index in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


def test_simultaneous_registrations_with_one_email_make_one_person():
    organization = services.organization_match_or_create(name="Ромашка", country="RU", language="ru")

    results, errors = run_in_threads(
        lambda index: (
            services.person_match_or_create(
                full_name=f"Иван Иванов {index}",
                email="Ivan.Ivanov@example.ru" if index % 2 else "ivan.ivanov@EXAMPLE.ru ",
                organization=organization,
                position="Директор",
                consent=True,
            ).pk
        )
    )

    assert errors == []
    assert len(set(results)) == 1
    assert Person.objects.count() == 1
    assert Membership.objects.count() == 1


def test_simultaneous_registrations_from_one_new_organization_make_one_organization():
    results, errors = run_in_threads(
        lambda index: (
            services.organization_match_or_create(
                name="ООО «Новый Восток»" if index % 2 else "новый восток", country="RU", language="ru"
            ).pk
        )
    )

    assert errors == []
    assert len(set(results)) == 1
    assert Organization.objects.count() == 1


def test_simultaneous_creates_by_officers_make_one_organization():
    from tests.factories.accounts import OfficerFactory

    officer = OfficerFactory()
    data = {"kind": "company", "name_en": "Eastern Star Ltd", "country": "RU"}

    results, errors = run_in_threads(lambda index: services.organization_create(actor=officer, data=data).pk)

    assert len(results) == 1
    assert [type(error) for error in errors] == [services.DuplicateError] * (THREADS - 1)
    assert Organization.objects.count() == 1
