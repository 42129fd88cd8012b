"""Views of the API layer itself (the endpoints of each domain live in api/v1/<domain>.py)."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.views import APIView

from investbridge.api.permissions import Public


@extend_schema(exclude=True)
class EndpointNotFoundView(APIView):
    """Answers every address under /api/v1/ that no endpoint claims, in the API's error format."""

    permission_classes = [Public]
    authentication_classes: list[Any] = []

    def not_found(self, request: Request, *args: Any, **kwargs: Any) -> Any:
        raise NotFound(_("There is no such API endpoint. See /api/v1/docs/ for the list."))

    get = post = put = patch = delete = head = options = not_found
