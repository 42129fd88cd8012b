"""Reading captured queries in tests that pin down what a write costs."""

import re
from collections.abc import Iterable, Mapping

_TABLE = re.compile(r'^(?:SELECT .*? FROM|INSERT INTO|UPDATE|DELETE FROM) "(\w+)"', re.DOTALL)


def statement_kinds(queries: Iterable[Mapping[str, str]]) -> list[str]:
    """Each statement as "<VERB> <table>" ("SELECT events_event", "INSERT directory_person"), or its verb alone
    (SAVEPOINT, RELEASE, BEGIN, COMMIT), or "ADVISORY LOCK" for PostgreSQL's pg_advisory_xact_lock."""
    kinds = []
    for query in queries:
        sql = query["sql"].strip()
        verb = sql.split()[0].upper()
        if "pg_advisory_xact_lock" in sql:
            kinds.append("ADVISORY LOCK")
            continue
        match = _TABLE.match(sql)
        kinds.append(f"{verb} {match.group(1)}" if match else verb)
    return kinds
