"""A separate process for tests/core/test_limits_shared.py: counts hits of one limit key in a cache that the
test names (the database cache or Redis) and prints which were allowed, as JSON.

    python -m tests.core.limits_worker '{"databases": {...}, "caches": {...}, "hits": 10, "rate": "10/hour", ...}'
"""

import json
import sys

import django
from django.conf import settings


def main() -> None:
    config = json.loads(sys.argv[1])
    settings.configure(
        SECRET_KEY="limits-worker-test-key",
        USE_TZ=True,
        DATABASES=config["databases"],
        CACHES=config["caches"],
        LIMITS_CACHE="limits",
        INSTALLED_APPS=[],
    )
    django.setup()
    from investbridge.core import limits

    allowed = [
        limits.hit(scope=config["scope"], subject=config["subject"], rate=config["rate"]).allowed
        for _ in range(config["hits"])
    ]
    print(json.dumps(allowed))


if __name__ == "__main__":
    main()
