"""Walk a URL configuration: every route with its full address pattern and view (for the coverage tests)."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern, URLResolver


@dataclass(frozen=True)
class Route:
    url: str
    name: str
    callback: Callable[..., Any]


def walk(patterns: list[URLPattern | URLResolver], prefix: str = "/") -> Iterator[Route]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from walk(entry.url_patterns, prefix + str(entry.pattern))
        else:
            yield Route(prefix + str(entry.pattern), entry.name or "", entry.callback)
