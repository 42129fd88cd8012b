"""core.limits: fixed windows in the limits cache, per subject, with keys that do not hold the subject."""

import pytest
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory
from django.utils import translation

from investbridge.core import limits

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("rate", "expected"),
    [("30/hour", limits.Rate(30, 3600)), ("5/m", limits.Rate(5, 60)), ("100/day", limits.Rate(100, 86400))],
)
def test_parse_rate(rate, expected):
    assert limits.parse_rate(rate) == expected


@pytest.mark.parametrize("rate", ["", "30", "x/hour", "30/fortnight", "0/hour"])
def test_parse_rate_refuses_a_bad_rate(rate):
    with pytest.raises(ImproperlyConfigured):
        limits.parse_rate(rate)


def test_hit_counts_per_scope_and_subject():
    results = [limits.hit(scope="s", subject="a", rate="2/hour").allowed for _ in range(3)]

    assert results == [True, True, False]
    assert limits.hit(scope="s", subject="b", rate="2/hour").allowed is True
    assert limits.hit(scope="other", subject="a", rate="2/hour").allowed is True


def test_hit_retry_after_is_the_rest_of_the_window(monkeypatch):
    clock = [1_000_000.0]
    monkeypatch.setattr(limits.time, "time", lambda: clock[0])
    limits.hit(scope="s", subject="a", rate="1/minute")
    clock[0] += 20

    verdict = limits.hit(scope="s", subject="a", rate="1/minute")

    assert verdict == limits.Verdict(allowed=False, retry_after=40)


def test_cache_keys_do_not_hold_the_address_or_the_e_mail():
    request = RequestFactory().post("/", REMOTE_ADDR="192.0.2.44")
    limits.address_hit(request, scope="s", rate="1/hour")
    limits.recipient_allowed("Victim@Example.org")

    keys = list(caches["limits"]._cache)  # LocMemCache in tests

    assert len(keys) == 4  # each count and the start of its window
    assert not any("192.0.2.44" in key or "example.org" in key.lower() for key in keys)


def test_recipient_allowed_counts_the_normalized_address(settings):
    settings.MAIL_RECIPIENT_RATE = "2/hour"

    results = [
        limits.recipient_allowed(email) for email in ("a@example.org", " A@Example.ORG ", "a@example.org")
    ]

    assert results == [True, True, False]
    assert limits.recipient_allowed("b@example.org") is True


def test_mail_held_back_only_inside_the_block_and_only_when_asked():
    with limits.mail_held_back("A@example.org"):
        inside = (limits.mail_is_held_back("a@example.org "), limits.mail_is_held_back("b@example.org"))
    with limits.mail_held_back("A@example.org", hold=False):
        not_asked = limits.mail_is_held_back("a@example.org")

    assert inside == (True, False)
    assert not_asked is False
    assert limits.mail_is_held_back("a@example.org") is False


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("ru", "Слишком много запросов с вашего адреса. Повторите попытку через 2 минуты."),
        ("zh-hans", "来自您地址的请求过多。请在 2 分钟后重试。"),
        ("en", "Too many requests from your address. Please try again in 2 minutes."),
    ],
)
def test_too_many_requests_message_in_the_active_language(language, message):
    with translation.override(language):
        assert limits.too_many_requests_message(limits.Verdict(allowed=False, retry_after=61)) == message
