"""The API's JSON parser: DRF's, with a size limit and a nesting limit.

DRF reads a JSON body straight from the request stream, so Django's DATA_UPLOAD_MAX_MEMORY_SIZE does not apply
to it, and Python's decoder fails with RecursionError (a 500) on a body nested some thousands of levels deep.
Here a body larger than DATA_UPLOAD_MAX_MEMORY_SIZE answers 413 (`too_large`) and one nested deeper than
MAX_DEPTH answers 400 (`parse_error`), both before any view sees the data.
"""

import codecs
import json
from collections.abc import Mapping
from typing import IO, Any

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework import exceptions, parsers, status
from rest_framework.utils.json import strict_constant

#: Arrays and objects inside each other: our inputs need four or five; 32 leaves room and bounds the work.
MAX_DEPTH = 32


class RequestTooLarge(exceptions.APIException):
    """The body is larger than DATA_UPLOAD_MAX_MEMORY_SIZE (413, code too_large)."""

    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "too_large"

    def __init__(self) -> None:
        super().__init__(
            _("The request body is too large; the limit is %(limit)s bytes.")
            % {"limit": settings.DATA_UPLOAD_MAX_MEMORY_SIZE}
        )


def _too_deep(data: Any, limit: int) -> bool:
    """True when arrays and objects nest more than `limit` levels (checked without recursion)."""
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            children: Any = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


class JSONParser(parsers.JSONParser):
    def parse(
        self,
        stream: IO[bytes] | None,
        media_type: str | None = None,
        parser_context: Mapping[str, Any] | None = None,
    ) -> Any:
        parser_context = parser_context or {}
        encoding = parser_context.get("encoding", settings.DEFAULT_CHARSET)
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        raw = b"" if stream is None else stream.read() if limit is None else stream.read(limit + 1)
        if limit is not None and len(raw) > limit:
            raise RequestTooLarge()
        too_deep = _("The JSON body is nested too deeply; at most %(depth)s levels are allowed.") % {
            "depth": MAX_DEPTH
        }
        try:
            text = codecs.decode(raw, encoding)
        except (UnicodeDecodeError, LookupError) as error:
            raise exceptions.ParseError(
                _("The body cannot be read as text in the %(encoding)s encoding.") % {"encoding": encoding}
            ) from error
        try:
            parse_constant = strict_constant if self.strict else None
            data = json.loads(text, parse_constant=parse_constant)
        except RecursionError as error:
            raise exceptions.ParseError(too_deep) from error
        except json.JSONDecodeError as error:
            raise exceptions.ParseError(
                _("The body is not valid JSON (line %(line)s, column %(column)s).")
                % {"line": error.lineno, "column": error.colno}
            ) from error
        except ValueError as error:  # a constant such as NaN under STRICT_JSON
            raise exceptions.ParseError(_("The body is not valid JSON.")) from error
        if _too_deep(data, MAX_DEPTH):
            raise exceptions.ParseError(too_deep)
        return data
