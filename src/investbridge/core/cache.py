"""Django's database cache with an atomic `incr`, so that counters (lock-outs, rate limits) shared by several
processes through the database lose no count.

Django's own `DatabaseCache.incr` reads the value, adds and writes it back with the default timeout: two
processes counting at the same moment both write the same number, and the entry's expiry moves. Here the row is
locked (SELECT … FOR UPDATE on PostgreSQL; on SQLite the transaction takes the write lock when it starts, see
`transaction_mode` in settings) and only the value is updated, so the entry keeps its expiry.
"""

import base64
import pickle
from typing import Any

from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache
from django.db import connections, router, transaction
from django.utils.timezone import now


class DatabaseCache(DjangoDatabaseCache):
    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> Any:
        key = self.make_and_validate_key(key, version=version)
        alias = router.db_for_write(self.cache_model_class)
        connection = connections[alias]
        quote = connection.ops.quote_name
        table = quote(self._table)  # type: ignore[attr-defined]  # set by BaseDatabaseCache, not in the stubs
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        current = connection.ops.adapt_datetimefield_value(now().replace(microsecond=0))
        with transaction.atomic(using=alias), connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {quote('value')} FROM {table} "  # noqa: S608 (quoted names, values are parameters)
                f"WHERE {quote('cache_key')} = %s AND {quote('expires')} > %s{lock}",
                [key, current],
            )
            row = cursor.fetchone()
            if row is None:
                raise ValueError(f"Key '{key}' not found")
            value = pickle.loads(base64.b64decode(connection.ops.process_clob(row[0]).encode())) + delta  # noqa: S301 (our own entries)
            pickled = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
            cursor.execute(
                f"UPDATE {table} SET {quote('value')} = %s WHERE {quote('cache_key')} = %s",  # noqa: S608
                [pickled, key],
            )
        return value
