"""Links that other domains add to a registrant's own page (`events/manage.html`).

The events domain sits below the domains that build on a registration (B2B matchmaking), so it cannot import
them. Such a domain registers a function in its `AppConfig.ready()`; the page calls every registered function
with the registration and shows the links they return, in the reader's language (the function translates its
texts when it is called, inside the request).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class RegistrantLink:
    """One link on the registrant's page: a sentence saying what it is for, the link text and its address."""

    name: str
    text: str
    label: str
    url: str


LinkProvider = Callable[[Any], RegistrantLink | None]

_providers: dict[str, LinkProvider] = {}


def register(name: str, provider: LinkProvider) -> None:
    """Add (or replace) the provider called `name`; `provider(registration)` returns a link or None."""
    _providers[name] = provider


def links_for(registration: Any) -> list[RegistrantLink]:
    """The links for this registration, in the order the providers were registered."""
    links = []
    for provider in _providers.values():
        link = provider(registration)
        if link is not None:
            links.append(link)
    return links
