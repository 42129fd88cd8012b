"""The client's address, the one thing every limit (sign-in lock-out, throttles, mail limits) is keyed on.

`X-Forwarded-For` is only a header: anyone can send one. It says who the client is only where our own proxies
wrote it, so it is read only when `INVESTBRIDGE_TRUSTED_PROXIES` says how many proxies stand in front of the
application. Each proxy appends the address it received the request from, so with N trusted proxies the client
is the N-th entry from the right: the entries to its left were sent by the client and prove nothing.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _valid(address: str) -> str:
    """The address in its canonical text form, or "" when it is not an IP address."""
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return ""


def client_address(request: HttpRequest) -> str:
    """The client's IP address: the peer's (REMOTE_ADDR), or behind N trusted proxies the N-th entry of
    X-Forwarded-For from the right. With fewer entries than proxies (a request that did not come through all of
    them) the left-most entry is used. Never empty: an unusable value gives "unknown"."""
    proxies = int(getattr(settings, "TRUSTED_PROXIES", 0) or 0)
    meta = getattr(request, "META", {})
    if proxies > 0:
        forwarded = [entry.strip() for entry in str(meta.get("HTTP_X_FORWARDED_FOR", "")).split(",")]
        forwarded = [entry for entry in forwarded if entry]
        if forwarded:
            address = _valid(forwarded[-min(proxies, len(forwarded))])
            if address:
                return address
    return _valid(str(meta.get("REMOTE_ADDR", ""))) or "unknown"
