"""Rate limits in Django's cache, shared by every process and thread of the site.

One helper for every limit that is not a sign-in lock-out (those are django-axes'): the API throttles, the
public forms' limits per client address, and the cap on mail to one recipient. Counts live in the cache named
by `settings.LIMITS_CACHE` (Redis when INVESTBRIDGE_REDIS_URL is set, else a table in the database), so all
gunicorn workers and threads count together; see docs/architecture.md.

A limit is a fixed window that starts with the first counted request: "5/hour" lets five requests through in
the hour after the first one, then refuses until that hour is over. Keys hold a keyed hash of the subject (the
client address or the normalized e-mail), never the address itself.
"""

import math
import time
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import BaseCache, caches
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse
from django.utils.crypto import salted_hmac
from django.utils.translation import ngettext

from investbridge.core.net import client_address

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True)
class Rate:
    count: int
    seconds: int


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after: int  # seconds until the window ends and requests are counted afresh


def parse_rate(rate: str) -> Rate:
    """'30/hour' -> Rate(30, 3600): a number, then second, minute, hour or day (or their first letter)."""
    try:
        count, period = str(rate).split("/")
        parsed = Rate(int(count), PERIODS[period.strip()[0].lower()])
    except (ValueError, KeyError, IndexError) as error:
        raise ImproperlyConfigured(f"{rate!r} is not a rate such as 30/hour.") from error
    if parsed.count < 1:
        raise ImproperlyConfigured(f"{rate!r}: the number of requests must be at least 1.")
    return parsed


def _cache() -> BaseCache:
    return caches[getattr(settings, "LIMITS_CACHE", "default")]


def _digest(subject: str) -> str:
    return salted_hmac("investbridge.core.limits", subject).hexdigest()[:32]


def hit(*, scope: str, subject: str, rate: str) -> Verdict:
    """Count one request of `subject` (an address, an e-mail) under `scope`; not allowed once the rate's count
    is used up in the current window."""
    parsed = parse_rate(rate)
    cache = _cache()
    key = f"limit:{scope}:{_digest(subject)}"
    now = time.time()
    if cache.add(key, 1, timeout=parsed.seconds):
        cache.set(f"{key}:start", now, timeout=parsed.seconds)
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # the window ended between add and incr: this request opens the next one
            cache.set(key, 1, timeout=parsed.seconds)
            cache.set(f"{key}:start", now, timeout=parsed.seconds)
            count = 1
    start = cache.get(f"{key}:start", now)
    retry_after = max(1, math.ceil(float(start) + parsed.seconds - now))
    return Verdict(allowed=count <= parsed.count, retry_after=min(retry_after, parsed.seconds))


def address_hit(request: HttpRequest, *, scope: str, rate: str) -> Verdict:
    """Count one request of the client's address (`core.net.client_address`) under `scope`."""
    return hit(scope=f"address:{scope}", subject=client_address(request), rate=rate)


def normalize_email(email: str) -> str:
    """Case and surrounding spaces do not make two e-mail addresses different."""
    return unicodedata.normalize("NFKC", email or "").strip().lower()


def recipient_allowed(email: str) -> bool:
    """Count one mail to `email` from a public form or endpoint; False once the recipient's cap
    (INVESTBRIDGE_MAIL_RECIPIENT_RATE, shared by all public doors) is reached. The caller then sends no mail to
    that address but answers exactly as if it had, so the cap tells nobody whether the address is known."""
    return hit(
        scope="recipient", subject=normalize_email(email), rate=str(settings.MAIL_RECIPIENT_RATE)
    ).allowed


_held_back: ContextVar[frozenset[str]] = ContextVar("investbridge_mail_held_back", default=frozenset())


@contextmanager
def mail_held_back(email: str, *, hold: bool = True) -> Iterator[None]:
    """Inside the block, mail queued for `email` is dropped (see `mail_is_held_back`) when `hold` is true: for
    services that queue mail deep inside (events), so the door can keep its answer the same."""
    if not hold:
        yield
        return
    token = _held_back.set(_held_back.get() | {normalize_email(email)})
    try:
        yield
    finally:
        _held_back.reset(token)


def mail_is_held_back(email: str) -> bool:
    return normalize_email(email) in _held_back.get()


def form_over_limit(request: HttpRequest, form: Any, *, scope: str, rate: str) -> Verdict | None:
    """Count one submission of a public form from the client's address under `scope`. Over the limit, the form is
    validated and carries the translated message (the caller renders it with `refused`); None otherwise."""
    verdict = address_hit(request, scope=scope, rate=rate)
    if verdict.allowed:
        return None
    form.is_valid()
    form.add_error(None, too_many_requests_message(verdict))
    return verdict


def refused(response: HttpResponse, verdict: Verdict) -> HttpResponse:
    """The form page of `form_over_limit`, as 429 with Retry-After."""
    response.status_code = 429
    response["Retry-After"] = str(verdict.retry_after)
    return response


def too_many_requests_message(verdict: Verdict) -> str:
    """The message a public form shows when its limit per address is reached, in the active language."""
    minutes = max(1, math.ceil(verdict.retry_after / 60))
    return ngettext(
        "Too many requests from your address. Please try again in %(minutes)d minute.",
        "Too many requests from your address. Please try again in %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}
