"""Paging of every API list: `?limit=` (at most MAX_LIMIT, default PAGE_SIZE) and `?offset=`.

DRF's own LimitOffsetPagination ignores a `limit` it cannot read and accepts any size of number, so
`?limit=99999999999999999999` reached the database as an integer it cannot hold (a 500). Here a value that is
not a whole number, is negative (or a zero limit), or is above MAX_NUMBER is refused with 400 (`invalid`, naming
the parameter), and a `limit` above MAX_LIMIT is cut to MAX_LIMIT (the response's `next` link goes on from
there).
"""

from typing import Any

from django.utils.translation import gettext as _
from rest_framework import pagination
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request

#: The largest page a client may ask for.
MAX_LIMIT = 200
#: The largest limit or offset accepted at all (a limit above MAX_LIMIT is then cut): far beyond any list here,
#: small enough for every database's integers. Anything larger answers 400.
MAX_NUMBER = 10**12


def _whole_number(request: Request, name: str, maximum: int) -> int | None:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return None
    text = raw.strip()
    if not text.isascii() or not text.isdigit():
        raise ValidationError({name: [_("Enter a whole number.")]}, code="invalid")
    # int() of a huge string is slow: anything longer than 30 digits is far above the maximum anyway.
    value = int(text) if len(text) <= 30 else maximum + 1
    if value > maximum:
        raise ValidationError(
            {
                name: [
                    _("Ensure this value is less than or equal to %(limit_value)s.")
                    % {"limit_value": maximum}
                ]
            },
            code="invalid",
        )
    return value


class LimitOffsetPagination(pagination.LimitOffsetPagination):
    max_limit = MAX_LIMIT

    def get_limit(self, request: Request) -> int | None:
        value = _whole_number(request, self.limit_query_param, MAX_NUMBER)
        if value is None:
            return self.default_limit
        if value == 0:
            raise ValidationError(
                {
                    self.limit_query_param: [
                        _("Ensure this value is greater than or equal to %(limit_value)s.")
                        % {"limit_value": 1}
                    ]
                },
                code="invalid",
            )
        return min(value, self.max_limit or value)

    def get_offset(self, request: Request) -> int:
        return _whole_number(request, self.offset_query_param, MAX_NUMBER) or 0

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.limit_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1, "maximum": MAX_NUMBER}
                parameter["description"] = (
                    f"Number of results to return per page (1 to {MAX_LIMIT}; larger values are cut to {MAX_LIMIT})."
                )
            elif parameter["name"] == self.offset_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 0, "maximum": MAX_NUMBER}
        return parameters
