"""core.cache.DatabaseCache: `incr` counts in the row and keeps the entry's expiry (Django's own moved it to the
default timeout, so a one-hour count vanished after five minutes)."""

import pytest
from django.db import connection

from investbridge.core.cache import DatabaseCache
from tests.factories.events import EventFactory

pytestmark = pytest.mark.integration


def _expires(cache, key):
    with connection.cursor() as cursor:
        cursor.execute("SELECT expires FROM investbridge_limits WHERE cache_key = %s", [cache.make_key(key)])
        return cursor.fetchone()[0]


def test_database_cache_incr_counts_and_keeps_the_expiry(db):
    cache = DatabaseCache("investbridge_limits", {})
    cache.add("count", 1, timeout=3600)
    before = _expires(cache, "count")

    values = [cache.incr("count"), cache.incr("count", 5)]

    assert values == [2, 7]
    assert cache.get("count") == 7
    assert _expires(cache, "count") == before


def test_database_cache_incr_of_a_missing_or_expired_key_raises(db):
    cache = DatabaseCache("investbridge_limits", {})
    cache.set("gone", 1, timeout=-1)

    with pytest.raises(ValueError, match="not found"):
        cache.incr("missing")
    with pytest.raises(ValueError, match="not found"):
        cache.incr("gone")


def test_the_migration_makes_both_cache_tables(db):
    tables = set(connection.introspection.table_names())

    assert {"investbridge_cache", "investbridge_limits"} <= tables


def test_pages_cached_in_the_database_cache_render_from_it(client, db, settings):
    """The navigation fragment and the event page body, kept in the database cache (the default without Redis),
    are stored there and served from it the second time."""
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "investbridge.core.cache.DatabaseCache", "LOCATION": "investbridge_cache"},
    }
    event = EventFactory(title_en="Haikou investment day")

    first = client.get(f"/en/events/{event.slug}/")
    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM investbridge_cache")
        keys = [row[0] for row in cursor.fetchall()]
    second = client.get(f"/en/events/{event.slug}/")

    assert (first.status_code, second.status_code) == (200, 200)
    assert any("events:detail" in key for key in keys)
    assert any("investbridge_mainnav" in key for key in keys)
    assert second.content.decode().count("Haikou investment day") == first.content.decode().count(
        "Haikou investment day"
    )
