"""Version 1 of the API. Each domain's endpoints live in `api/v1/<domain>.py` and are added here."""

from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_update
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView

from investbridge.api.permissions import Public
from investbridge.api.views import EndpointNotFoundView

app_name = "api"

schema_view = SpectacularAPIView.as_view(permission_classes=[Public])
urlpatterns = [
    path("schema/", schema_view, name="schema"),
    path(
        "docs/",
        # The split view serves its start script at ?script, so the page has no inline script.
        SpectacularSwaggerSplitView.as_view(
            url_name="api:schema", permission_classes=[Public], template_name="api/swagger_ui.html"
        ),
        name="docs",
    ),
    path(
        "redoc/",
        # ReDoc styles itself with <style> elements it makes at run time and searches in a worker made from a
        # blob: this page alone allows inline styles and blob workers (scripts stay 'self' only).
        csp_update({"style-src": [UNSAFE_INLINE], "worker-src": [SELF, "blob:"]})(
            SpectacularRedocView.as_view(
                url_name="api:schema", permission_classes=[Public], template_name="api/redoc.html"
            )
        ),
        name="redoc",
    ),
    path("", include("investbridge.api.v1.urls")),
    # Last: any other address under /api/v1/ answers with the API's error format, not an HTML page.
    re_path(r"^[\s\S]*$", EndpointNotFoundView.as_view(), name="not-found"),  # [\s\S]: a newline too
]
