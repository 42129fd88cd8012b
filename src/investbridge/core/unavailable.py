"""A quick, honest answer when the database is locked or unreachable: 503 with Retry-After, never a 500 after a
long wait. The waits themselves are bounded by the connection options (`INVESTBRIDGE_DATABASE_TIMEOUT`: SQLite's
busy timeout, PostgreSQL's connect_timeout and lock_timeout); this module turns the error that ends them into
the answer:

- pages: the 503 page in the reader's language, rendered without the request (no session, user or navigation,
  so nothing else touches the database);
- the API: the project's error format, `{"error": {"code": "service_unavailable", "message": …}}`
  (`api/errors.py` answers the same inside DRF's views).

`DatabaseUnavailableMiddleware` catches the error raised by a view; `server_error` (the project's `handler500`)
catches it when a middleware raised it (e.g. loading the session of a signed-in user).
"""

import logging
import sys
from collections.abc import Callable
from typing import Any

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views import defaults

logger = logging.getLogger(__name__)

#: Seconds a client is asked to wait before trying again (the `Retry-After` header).
RETRY_AFTER_SECONDS = 30
#: Errors that mean "the database cannot serve this now": locked (SQLite busy, PostgreSQL lock_timeout),
#: unreachable or closed connection (refused, timed out, server gone).
DATABASE_UNAVAILABLE_ERRORS = (OperationalError, InterfaceError)
#: The `code` of the API's error body.
ERROR_CODE = "service_unavailable"


def is_database_unavailable(error: BaseException | None) -> bool:
    return isinstance(error, DATABASE_UNAVAILABLE_ERRORS)


def unavailable_message() -> str:
    return _("The service is temporarily unavailable. Please try again in a minute.")


def unavailable_response(request: HttpRequest) -> HttpResponse:
    """The 503 answer to `request`: JSON under /api/, the page otherwise; in the active language."""
    response: HttpResponse
    if request.path.startswith("/api/"):
        response = JsonResponse(
            {"error": {"code": ERROR_CODE, "message": unavailable_message(), "fields": {}}}, status=503
        )
    else:
        # No request in the context: no context processors, so no user, session or navigation query.
        response = HttpResponse(render_to_string("core/unavailable.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def _forget_session_changes(request: HttpRequest) -> None:
    """Keep SessionMiddleware from writing the session to the database that just failed."""
    session = getattr(request, "session", None)
    if session is not None:
        session.modified = False


class DatabaseUnavailableMiddleware:
    """Answers 503 when a view fails because the database is locked or unreachable."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not is_database_unavailable(exception):
            return None
        logger.warning("Database unavailable (%s %s): %s", request.method, request.path, exception)
        _forget_session_changes(request)
        return unavailable_response(request)


def server_error(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    """The project's handler500: a 503 when the error is the database's, Django's 500 page otherwise."""
    if is_database_unavailable(sys.exc_info()[1]):
        _forget_session_changes(request)
        return unavailable_response(request)
    return defaults.server_error(request)
