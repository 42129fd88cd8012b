"""Routes of /api/v1: each domain's module `investbridge.api.v1.<domain>` contributes its `urlpatterns`."""

import importlib
import importlib.util

from django.urls import URLPattern, URLResolver

DOMAINS = [
    "accounts",
    "directory",
    "region",
    "events",
    "pipeline",
    "agreements",
    "matchmaking",
    "statistics",
    "mail",
]

urlpatterns: list[URLPattern | URLResolver] = []
for _domain in DOMAINS:
    _name = f"investbridge.api.v1.{_domain}"
    if importlib.util.find_spec(_name) is not None:
        urlpatterns += importlib.import_module(_name).urlpatterns
