"""Pages of the web layer that belong to no single domain: the home page and the dashboard."""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.utils import translation
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from investbridge.accounts import services as account_services
from investbridge.core.permissions import login_required_view, public_view
from investbridge.events import selectors as events_selectors
from investbridge.events import services as events_services
from investbridge.region import selectors as region_selectors
from investbridge.region.forms import ExpressionOfInterestForm


@public_view
def home(request: HttpRequest) -> HttpResponse:
    """The home page is the region's public landing page (region/templates/region/landing.html), with the next
    public event added here (web/home.html fills the landing page's `next_event` block): the web layer sits above
    both the region and the events, which do not know each other."""
    next_event = events_selectors.upcoming_events().first()
    context = {
        **region_selectors.landing_page_data(),
        "interest_form": ExpressionOfInterestForm(),
        "next_event": next_event,
        "next_event_open": next_event is not None and events_services.registration_is_open(next_event),
    }
    return render(request, "web/home.html", context)


@public_view
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever the page links; send them to the SVG mark in the static files."""
    return HttpResponseRedirect(static("web/favicon.svg"))


@login_required_view
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "web/dashboard.html")


@public_view
@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch the interface language; a signed-in user's choice is also saved for their e-mails.

    Only the platform's languages count: Django's own check would accept any language it has a catalog for.
    """
    language = request.POST.get("language", "")
    if language not in settings.LANGUAGE_CODES:
        post = request.POST.copy()
        post["language"] = ""  # Django's view then only redirects, setting no cookie
        request.POST = post  # type: ignore[assignment]
    # Django translates `next` by resolving it in the active language (the browser's); resolve it in the
    # language of its own prefix instead, so /en/... becomes /ru/... whatever the browser prefers.
    next_url = request.POST.get("next") or request.META.get("HTTP_REFERER", "")
    source = translation.get_language_from_path(urlsplit(next_url).path) or translation.get_language()
    with translation.override(source):
        response = django_set_language(request)
    if request.user.is_authenticated and language in settings.LANGUAGE_CODES:
        account_services.user_set_language(user=request.user, language=language)
    return response
