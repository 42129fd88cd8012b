"""Times are shown in the reader's zone: the user's own, the office's for visitors."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import timezone

from investbridge.core.middleware import UserTimezoneMiddleware
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.unit


def _zone_seen_by_view(user) -> str:
    seen = {}

    def view(request):
        seen["zone"] = timezone.get_current_timezone_name()
        return HttpResponse("")

    request = RequestFactory().get("/")
    request.user = user
    UserTimezoneMiddleware(view)(request)
    return seen["zone"]


def test_signed_in_user_sees_their_own_zone():
    assert _zone_seen_by_view(UserFactory.build(time_zone="Europe/Moscow")) == "Europe/Moscow"


def test_visitor_sees_the_offices_zone(settings):
    settings.OFFICE_TIME_ZONE = "Asia/Shanghai"

    assert _zone_seen_by_view(AnonymousUser()) == "Asia/Shanghai"


def test_an_invalid_saved_zone_falls_back_to_the_offices_zone():
    assert _zone_seen_by_view(UserFactory.build(time_zone="Mars/Olympus")) == "Asia/Shanghai"


def test_the_zone_is_reset_after_the_request():
    _zone_seen_by_view(UserFactory.build(time_zone="Europe/Moscow"))

    assert timezone.get_current_timezone_name() == "UTC"
