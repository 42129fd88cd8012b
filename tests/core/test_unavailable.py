"""A locked or unreachable database answers 503 quickly: JSON in the API's error format, a page in the reader's
language, both with Retry-After; never a 500 after a long wait."""

import socket
import sqlite3
import time
from collections.abc import Iterator

import dj_database_url
import pytest
from django.db import connection, connections
from django.test import Client, RequestFactory
from rest_framework.test import APIClient

from investbridge.config.settings import database_options
from investbridge.core.unavailable import RETRY_AFTER_SECONDS, unavailable_response
from tests.factories.agreements import AgreementFactory, ObligationFactory
from tests.factories.directory import OrganizationFactory

pytestmark = pytest.mark.integration

#: The promise of docs/architecture.md: a quick answer, well before a proxy's or a person's patience ends.
PROMISED_SECONDS = 5

MESSAGES = {
    "ru": "Сервис временно недоступен. Повторите попытку через минуту.",
    "zh-hans": "服务暂时不可用，请一分钟后重试。",
    "en": "The service is temporarily unavailable. Please try again in a minute.",
}
PAGE_TITLES = {"ru": "Временно недоступно", "zh-hans": "暂时无法访问", "en": "Temporarily unavailable"}


@pytest.fixture
def locked_sqlite(transactional_db) -> Iterator[None]:
    """Another connection holds an exclusive lock on the SQLite test database (readers and writers wait), as a
    backup tool or a stuck process would."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's file lock; PostgreSQL has its own tests below")
    _warm_up()
    path = connection.settings_dict["NAME"]
    connection.close()  # exclusive locking in WAL mode needs the file to itself for a moment
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("UPDATE django_content_type SET model = model")
    try:
        yield
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        connection.close()


def _warm_up() -> None:
    """Load the URL configuration, views and templates once, with the database working: the timings measure
    the wait for the database, not the first import of the application on a busy machine."""
    APIClient().get("/api/v1/events")
    Client().get("/ru/")


def _obligation():
    partner = OrganizationFactory(is_partner=True)
    return ObligationFactory(agreement=AgreementFactory(parties=[partner]), owner=partner)


def _timed(call):
    started = time.monotonic()
    response = call()
    return response, time.monotonic() - started


@pytest.mark.parametrize("language", ["ru", "zh-hans", "en"])
def test_api_answers_503_in_language_when_sqlite_locked(locked_sqlite, language):
    response, elapsed = _timed(lambda: APIClient().get("/api/v1/events", HTTP_ACCEPT_LANGUAGE=language))

    assert elapsed < PROMISED_SECONDS
    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "error": {"code": "service_unavailable", "message": MESSAGES[language], "fields": {}}
    }


def test_api_write_answers_503_when_sqlite_locked(transactional_db, officer, request):
    obligation = _obligation()
    client = APIClient()
    client.force_authenticate(officer)
    request.getfixturevalue("locked_sqlite")

    response, elapsed = _timed(
        lambda: client.patch(f"/api/v1/obligations/{obligation.pk}", {"status": "fulfilled"}, format="json")
    )

    assert elapsed < PROMISED_SECONDS
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "service_unavailable"


@pytest.mark.parametrize("language", ["ru", "zh-hans"])
def test_page_answers_503_page_in_language_when_sqlite_locked(locked_sqlite, language):
    response, elapsed = _timed(lambda: Client().get(f"/{language}/"))

    assert elapsed < PROMISED_SECONDS
    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    body = response.content.decode()
    assert f'<html lang="{language}">' in body
    assert f"<h1>{PAGE_TITLES[language]}</h1>" in body


@pytest.mark.parametrize("language", ["ru", "zh-hans"])
def test_signed_in_page_answers_503_when_session_cannot_load(transactional_db, officer, request, language):
    """The database fails in a middleware (the session of a signed-in user), before any view runs."""
    client = Client(raise_request_exception=False)
    client.force_login(officer)
    request.getfixturevalue("locked_sqlite")

    response, elapsed = _timed(lambda: client.get(f"/{language}/dashboard/"))

    assert elapsed < PROMISED_SECONDS
    assert response.status_code == 503
    assert f"<h1>{PAGE_TITLES[language]}</h1>" in response.content.decode()


@pytest.mark.parametrize("path", ["/ru/", "/api/v1/events"])
def test_503_answer_renders_without_database_queries(db, django_assert_num_queries, path):
    with django_assert_num_queries(0):
        response = unavailable_response(RequestFactory().get(path))

    assert response.status_code == 503


@pytest.fixture(params=["closed port", "silent server"])
def unreachable_postgres(request, db) -> Iterator[None]:
    """The default connection points at a PostgreSQL that is not there: a closed port (refused at once) or a
    server that accepts TCP and never answers (only connect_timeout ends the wait)."""
    pytest.importorskip("psycopg")
    from django.db.backends.postgresql.base import DatabaseWrapper

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    if request.param == "closed port":
        listener.close()
    else:
        listener.listen(1)
    parsed = dj_database_url.parse(f"postgres://investbridge@127.0.0.1:{port}/investbridge")
    settings_dict = {
        **connection.settings_dict,
        **{key: parsed[key] for key in ("ENGINE", "NAME", "USER", "PASSWORD", "HOST", "PORT")},
        "OPTIONS": database_options(parsed["ENGINE"]),
        "CONN_MAX_AGE": 0,
        "CONN_HEALTH_CHECKS": False,
    }
    _warm_up()
    original = connections["default"]
    connections["default"] = DatabaseWrapper(settings_dict, "default")
    try:
        yield
    finally:
        connections["default"].close()
        connections["default"] = original
        listener.close()


def test_api_answers_503_quickly_when_postgres_unreachable(unreachable_postgres):
    response, elapsed = _timed(lambda: APIClient().get("/api/v1/events", HTTP_ACCEPT_LANGUAGE="zh-hans"))

    assert elapsed < PROMISED_SECONDS
    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert response.json()["error"] == {
        "code": "service_unavailable",
        "message": MESSAGES["zh-hans"],
        "fields": {},
    }


def test_page_answers_503_quickly_when_postgres_unreachable(unreachable_postgres):
    response, elapsed = _timed(lambda: Client().get("/ru/"))

    assert elapsed < PROMISED_SECONDS
    assert response.status_code == 503
    assert f"<h1>{PAGE_TITLES['ru']}</h1>" in response.content.decode()


def test_postgres_options_bound_connecting_and_lock_waits():
    assert database_options("django.db.backends.postgresql", 3) == {
        "connect_timeout": 3,
        "options": "-c lock_timeout=3000",
    }
    assert database_options("django.db.backends.sqlite3", 3)["timeout"] == 3


@pytest.mark.django_db(transaction=True)
def test_postgres_row_lock_held_elsewhere_gives_503_within_lock_timeout(officer):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's lock_timeout")
    import psycopg

    obligation = _obligation()
    client = APIClient()
    client.force_authenticate(officer)
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    with psycopg.connect(**params) as holder:
        holder.execute("SELECT id FROM agreements_obligation WHERE id = %s FOR UPDATE", [obligation.pk])

        response, elapsed = _timed(
            lambda: client.patch(
                f"/api/v1/obligations/{obligation.pk}", {"status": "fulfilled"}, format="json"
            )
        )
        holder.rollback()

    assert elapsed < PROMISED_SECONDS
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "service_unavailable"
