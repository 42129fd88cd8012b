"""NUL characters in a request's address: refused with 400 before any view runs.

A NUL (U+0000) can reach a view through the path or the query string (`?q=%00`), and PostgreSQL refuses any
text containing one, so a view filtering by it failed with a 500. Form fields and serializers already refuse NUL
in bodies (Django's and DRF's CharField); this middleware covers what views read from the address directly.
API addresses answer in the API's error format, pages with the 400 page.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views.defaults import bad_request


class NullCharacterError(Exception):
    pass


def _has_null(request: HttpRequest) -> bool:
    if "\x00" in request.path:
        return True
    return any(
        "\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists()
    )


class RejectNullCharactersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _has_null(request):
            return self.get_response(request)
        message = _("The address contains a null character, which is not allowed.")
        if request.path.startswith("/api/"):
            body = {"error": {"code": "invalid", "message": message, "fields": {}}}
            return JsonResponse(body, status=400)
        return bad_request(request, NullCharacterError(message))
