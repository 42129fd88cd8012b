"""Limits are shared by processes: two processes counting the same key at once, against the database cache and
against Redis, let exactly the rate's count through between them (no count lost)."""

import json
import os
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import redis
from django.db import connection

from investbridge.core.cache import DatabaseCache

ROOT = Path(__file__).resolve().parents[2]
HITS = 12
RATE = "12/hour"


def _run_two_workers(cache_config: dict) -> list[bool]:
    database = {
        key: value
        for key, value in connection.settings_dict.items()
        if key in {"ENGINE", "NAME", "USER", "PASSWORD", "HOST", "PORT", "OPTIONS"}
    }
    config = {
        "databases": {"default": database},
        "caches": {"default": cache_config, "limits": cache_config},
        "scope": "shared-test",
        "subject": str(uuid.uuid4()),
        "rate": RATE,
        "hits": HITS,
    }
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    workers = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.core.limits_worker", json.dumps(config, default=str)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    allowed: list[bool] = []
    for worker in workers:
        out, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err
        allowed += json.loads(out)
    return allowed


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_limits_are_shared_between_processes_through_the_database_cache():
    cache_config = {"BACKEND": "investbridge.core.cache.DatabaseCache", "LOCATION": "investbridge_limits"}

    try:
        allowed = _run_two_workers(cache_config)
    finally:
        DatabaseCache("investbridge_limits", {}).clear()

    assert len(allowed) == 2 * HITS
    assert allowed.count(True) == HITS


def _redis_reachable() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_limits_are_shared_between_processes_through_redis():
    if not _redis_reachable():
        if os.environ.get("CI") == "true":
            pytest.fail("Redis is not reachable at 127.0.0.1:6379; CI must start it.")
        pytest.skip("Redis is not reachable at 127.0.0.1:6379 (start it to run this test).")
    prefix = f"investbridge-test-{uuid.uuid4().hex}"
    cache_config = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/0",
        "KEY_PREFIX": prefix,
    }

    allowed = _run_two_workers(cache_config)

    assert len(allowed) == 2 * HITS
    assert allowed.count(True) == HITS
    client = redis.Redis.from_url("redis://127.0.0.1:6379/0")
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)
