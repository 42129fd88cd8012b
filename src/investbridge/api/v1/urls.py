"""Routes of /api/v1: each domain's module in `investbridge.api.v1` contributes its `urlpatterns`."""

from django.urls import URLPattern, URLResolver

from investbridge.api.v1 import (
    accounts,
    agreements,
    directory,
    events,
    mail,
    matchmaking,
    pipeline,
    region,
    statistics,
)

urlpatterns: list[URLPattern | URLResolver] = [
    *accounts.urlpatterns,
    *directory.urlpatterns,
    *region.urlpatterns,
    *events.urlpatterns,
    *pipeline.urlpatterns,
    *agreements.urlpatterns,
    *matchmaking.urlpatterns,
    *statistics.urlpatterns,
    *mail.urlpatterns,
]
