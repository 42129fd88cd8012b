"""A small fixed-window rate limit in Django's cache, for the public interest form (the API uses DRF's throttle)."""

from django.core.cache import cache

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """'30/hour' -> (30, 3600)."""
    count, period = rate.split("/")
    return int(count), PERIODS[period[0].lower()]


def allow(*, key: str, rate: str) -> bool:
    """Count one attempt for `key`; False once the rate's count is used up in the current window."""
    limit, seconds = parse_rate(rate)
    cache_key = f"region-ratelimit:{key}"
    if cache.add(cache_key, 1, timeout=seconds):
        return True
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=seconds)
        return True
    return count <= limit
