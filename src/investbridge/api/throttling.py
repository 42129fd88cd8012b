"""Throttles of the public endpoints: requests per client address, counted by `core.limits` in the shared
limits cache, so the web forms and the API count together and all processes share the counts.

The client address is `core.net.client_address` (X-Forwarded-For only behind INVESTBRIDGE_TRUSTED_PROXIES).
Over the rate the endpoint answers 429 in the API's error format, code `throttled`, with Retry-After.
"""

import math
from typing import Any, NoReturn

from django.conf import settings
from django.utils.translation import ngettext
from rest_framework import exceptions
from rest_framework.request import Request
from rest_framework.throttling import BaseThrottle

from investbridge.core import limits
from investbridge.core.net import client_address


class TooManyRequests(exceptions.Throttled):
    """429 with a message that says when to try again, in the request's language."""

    wait: int  # seconds; the error handler sends it as Retry-After

    def __init__(self, *, seconds: int) -> None:
        super().__init__(
            detail=ngettext(
                "Too many requests from your address. Try again in %(seconds)d second.",
                "Too many requests from your address. Try again in %(seconds)d seconds.",
                seconds,
            )
            % {"seconds": seconds}
        )
        self.wait = seconds


class AddressThrottle(BaseThrottle):
    """Requests per client address under `scope`, at the rate in the setting named `rate_setting`. Only the
    `methods` count (by default POST: reading is not limited)."""

    scope = ""
    rate_setting = ""
    methods: frozenset[str] = frozenset({"POST"})

    def __init__(self) -> None:
        self.verdict: limits.Verdict | None = None

    def get_ident(self, request: Request) -> str:
        return client_address(request)  # type: ignore[arg-type]

    def allow_request(self, request: Request, view: Any) -> bool:
        if request.method not in self.methods:
            return True
        self.verdict = limits.hit(
            scope=f"address:{self.scope}",
            subject=self.get_ident(request),
            rate=str(getattr(settings, self.rate_setting)),
        )
        return self.verdict.allowed

    def wait(self) -> float | None:
        return float(self.verdict.retry_after) if self.verdict is not None else None


# No docstring: drf-spectacular would take it as the description of the views that use the mixin.
class ThrottledMessageMixin:
    # For views with an `AddressThrottle`: the 429 says, in the request's language, when to try again.

    def throttled(self, request: Request, wait: float | None) -> NoReturn:
        raise TooManyRequests(seconds=max(1, math.ceil(wait or 1)))


class InterestThrottle(AddressThrottle):
    scope = "region_interest"
    rate_setting = "REGION_INTEREST_RATE"


class InquiryThrottle(AddressThrottle):
    scope = "pipeline_inquiry"
    rate_setting = "PIPELINE_INQUIRY_RATE"


class RegistrationThrottle(AddressThrottle):
    scope = "events_registration"
    rate_setting = "EVENTS_REGISTRATION_RATE"


class InboundMailThrottle(AddressThrottle):
    scope = "inbound_mail"
    rate_setting = "INBOUND_WEBHOOK_RATE"
