"""Version 1 of the API. Each domain's endpoints live in `api/v1/<domain>.py` and are added here."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from investbridge.api.permissions import Public
from investbridge.api.views import EndpointNotFoundView

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
        SpectacularRedocView.as_view(
            url_name="api:schema", permission_classes=[Public], template_name="api/redoc.html"
        ),
        name="redoc",
    ),
    path("", include("investbridge.api.v1.urls")),
    # Last: any other address under /api/v1/ answers with the API's error format, not an HTML page.
    re_path(r"^.*$", EndpointNotFoundView.as_view(), name="not-found"),
]
