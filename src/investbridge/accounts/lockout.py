"""Sign-in lock-out with django-axes (settings: "cache and limits settings"): how an attempt names its account,
and what a locked-out client is told.

Axes counts failed attempts per account and per client address (`core.net.client_address`) in the limits cache;
once either count reaches INVESTBRIDGE_SIGN_IN_FAILURE_LIMIT, attempts are refused for
INVESTBRIDGE_SIGN_IN_COOLOFF_MINUTES. The answer is the same whether the account exists or not.
"""

import math
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import ngettext

from investbridge.core.limits import normalize_email


def username_from(request: HttpRequest, credentials: dict[str, Any] | None) -> str | None:
    """The account an attempt is for: the e-mail address as typed, normalized, so that "A@x.org " and "a@x.org"
    count as one account."""
    value = (credentials or {}).get("username")
    if value is None and request is not None and hasattr(request, "POST"):
        value = request.POST.get("username")
    return normalize_email(str(value)) if value else None


def cool_off_seconds() -> int:
    return int(settings.AXES_COOLOFF_TIME.total_seconds())


def locked_out_message() -> str:
    """In the active language; says nothing about whether the account exists."""
    minutes = max(1, math.ceil(cool_off_seconds() / 60))
    return ngettext(
        "Too many failed attempts to sign in. Signing in is blocked for %(minutes)d minute; please try again "
        "later.",
        "Too many failed attempts to sign in. Signing in is blocked for %(minutes)d minutes; please try again "
        "later.",
        minutes,
    ) % {"minutes": minutes}


def locked_out_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """Axes' response to a locked-out attempt: the API answers itself (429 in its error format, see
    `api/v1/accounts.py`), so its response is kept; a page gets the sign-in lock-out page, status 429."""
    if (
        original_response is not None
        and original_response.status_code == 429
        and request.path.startswith("/api/")
    ):
        return original_response
    response = render(request, "accounts/locked_out.html", {"message": locked_out_message()}, status=429)
    response["Retry-After"] = str(cool_off_seconds())
    return response
