"""The locking that differs between the databases, in one place.

Services that must not race (the last place of an event, the same organization created twice) say what they
lock with these two functions and stay the same on both databases:

- `lock_row(queryset, pk=...)` reads one row and keeps it locked until the transaction ends: every other
  transaction that locks the same row waits for this one's commit, then reads the row as committed.
  PostgreSQL: `SELECT … FOR UPDATE` (the wait is bounded by `lock_timeout`). SQLite has no row locks and needs
  none: every transaction starts with `BEGIN IMMEDIATE` (`transaction_mode` in `config/settings.py`,
  `database_options`), which takes the database's single write lock at once, so a transaction that writes has
  the whole database to itself from its first statement to its commit; Django leaves `FOR UPDATE` out there.
- `serialize_on(key)` makes the transactions that work on the same key (e.g. "create the organization of this
  name") wait for each other, when there is no row to lock yet. PostgreSQL: a transaction-scoped advisory lock.
  SQLite: nothing to add, writers are serialized already.

Both must be called inside a transaction (`transaction.atomic`). On either database a wait longer than
`INVESTBRIDGE_DATABASE_TIMEOUT` (SQLite's busy timeout, PostgreSQL's `lock_timeout`) ends in `OperationalError`,
which the request answers with a 503 (`core/unavailable.py`).
"""

import zlib
from typing import Any, TypeVar

from django.db import connection
from django.db.models import Manager, Model, QuerySet

#: The first key of every advisory lock taken by `serialize_on` (so other users of advisory locks on the same
#: database do not collide with ours).
_ADVISORY_NAMESPACE = 0x1B

M = TypeVar("M", bound=Model)


def lock_row(queryset: QuerySet[M, Any] | Manager[M], **lookup: Any) -> M:
    """The row of `queryset` matching `lookup`, locked until the current transaction ends (see the module)."""
    return queryset.select_for_update().get(**lookup)


def serialize_on(key: str) -> None:
    """Make concurrent transactions that call this with the same `key` run one after the other (see the module)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(%s, %s)",
                [_ADVISORY_NAMESPACE, zlib.crc32(key.encode()) - 2**31],
            )
