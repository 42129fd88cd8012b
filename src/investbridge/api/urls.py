"""Version 1 of the API. Each domain's endpoints live in `api/v1/<domain>.py` and are added here."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from investbridge.api.permissions import Public

app_name = "api"

schema_view = SpectacularAPIView.as_view(permission_classes=[Public])
urlpatterns = [
    path("schema/", schema_view, name="schema"),
    path(
        "docs/",
        SpectacularSwaggerView.as_view(url_name="api:schema", permission_classes=[Public]),
        name="docs",
    ),
    path(
        "redoc/",
        SpectacularRedocView.as_view(url_name="api:schema", permission_classes=[Public]),
        name="redoc",
    ),
    path("", include("investbridge.api.v1.urls")),
]
