"""Secret link tokens (registration manage links and the like): shape check and constant-time comparison.

Tokens are made by `secrets.token_urlsafe`, so a well-formed one is 1 to 128 characters of the URL-safe base64
alphabet. Anything else that arrives in a path or a query (non-ASCII letters, NUL bytes, a megabyte of text)
is simply no token: the caller answers 404, never 500 (`secrets.compare_digest` refuses non-ASCII strings and
PostgreSQL refuses NUL characters in a query).
"""

import re
import secrets

_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,128}")


def is_well_formed_token(token: object) -> bool:
    """True when `token` could have been made by `secrets.token_urlsafe` (up to 96 bytes of randomness)."""
    return isinstance(token, str) and _TOKEN.fullmatch(token) is not None


def tokens_match(expected: str, given: object) -> bool:
    """Compare a stored token with one from a request in constant time; False for any malformed input."""
    if not expected or not is_well_formed_token(given):
        return False
    assert isinstance(given, str)
    return secrets.compare_digest(expected.encode("ascii"), given.encode("ascii"))
