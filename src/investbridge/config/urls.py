"""Root URLs: the web pages under a language prefix (/ru/, /zh-hans/, /en/), the API and admin without one."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from investbridge.web.views import set_language

#: A database that is locked or unreachable answers 503 (core/unavailable.py), any other error the 500 page.
handler500 = "investbridge.core.unavailable.server_error"

urlpatterns = [
    path("api/v1/", include("investbridge.api.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
]

urlpatterns += i18n_patterns(
    path("", include("investbridge.web.urls")),
    path("accounts/", include("investbridge.accounts.urls")),
    path("directory/", include("investbridge.directory.urls")),
    path("region/", include("investbridge.region.urls")),
    path("events/", include("investbridge.events.urls")),
    path("pipeline/", include("investbridge.pipeline.urls")),
    path("agreements/", include("investbridge.agreements.urls")),
    path("matchmaking/", include("investbridge.matchmaking.urls")),
    path("statistics/", include("investbridge.statistics.urls")),
    prefix_default_language=True,
)
