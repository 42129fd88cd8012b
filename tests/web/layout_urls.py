"""The real URL configuration plus one officers-only page, for the 403 page tests."""

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse
from django.urls import path

from investbridge.config.urls import urlpatterns as real_urlpatterns
from investbridge.core.permissions import staff_required


@staff_required
def officers_only(request):
    return HttpResponse("for officers")


urlpatterns = [
    *real_urlpatterns,
    *i18n_patterns(path("officers-only/", officers_only), prefix_default_language=True),
]
