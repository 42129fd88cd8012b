"""Absolute links for mails and calendar files: `reverse()` under a language prefix plus the configured site URL.

`settings.SITE_URL` (`INVESTBRIDGE_SITE_URL`) is the address readers reach the site at; in development `make serve`
sets it to the host and port it serves on unless it is set already.
"""

from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import translation


def site_url() -> str:
    """The configured site URL without a trailing slash."""
    return str(settings.SITE_URL).rstrip("/")


def absolute_url(
    viewname: str,
    *,
    language: str | None = None,
    args: tuple[Any, ...] | list[Any] | None = None,
    kwargs: dict[str, Any] | None = None,
) -> str:
    """The full address of a view, with the language prefix of `language` (the active one when None)."""
    if language:
        with translation.override(language):
            path = reverse(viewname, args=args, kwargs=kwargs)
    else:
        path = reverse(viewname, args=args, kwargs=kwargs)
    return f"{site_url()}{path}"
