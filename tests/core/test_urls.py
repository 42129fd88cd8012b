"""core/urls.py: absolute links for mails, built with reverse() under the given language and the site URL."""

import pytest
from django.utils import translation

from investbridge.core.urls import absolute_url

pytestmark = pytest.mark.unit


def test_absolute_url_uses_language_prefix_and_configured_site(settings):
    settings.SITE_URL = "http://192.0.2.10:8123/"

    with translation.override("ru"):
        url = absolute_url("events:manage", language="zh-hans", args=["abc"])
        assert translation.get_language() == "ru"

    assert url == "http://192.0.2.10:8123/zh-hans/events/manage/abc/"


def test_absolute_url_without_language_uses_active_one(settings):
    settings.SITE_URL = "https://invest.example.org"

    with translation.override("en"):
        assert absolute_url("web:home") == "https://invest.example.org/en/"
