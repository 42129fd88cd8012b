"""core.net.client_address: X-Forwarded-For counts only behind trusted proxies, and then from the right."""

import pytest
from django.test import RequestFactory

from investbridge.core.net import client_address

pytestmark = pytest.mark.unit


def _request(forwarded=None, remote="198.51.100.7"):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_client_address_ignores_a_spoofed_forwarded_for_without_trusted_proxies(settings):
    settings.TRUSTED_PROXIES = 0

    assert client_address(_request("203.0.113.9, 192.0.2.1")) == "198.51.100.7"


def test_client_address_behind_one_proxy_is_the_right_most_entry(settings):
    settings.TRUSTED_PROXIES = 1

    # The client wrote "203.0.113.9" itself; our proxy appended the address it saw.
    assert client_address(_request("203.0.113.9, 192.0.2.1", remote="10.0.0.2")) == "192.0.2.1"


def test_client_address_behind_two_proxies_is_the_second_entry_from_the_right(settings):
    settings.TRUSTED_PROXIES = 2

    assert client_address(_request("203.0.113.9, 192.0.2.1, 10.0.0.3", remote="10.0.0.2")) == "192.0.2.1"


def test_client_address_with_fewer_entries_than_proxies_uses_the_left_most(settings):
    settings.TRUSTED_PROXIES = 3

    assert client_address(_request("192.0.2.1, 10.0.0.3", remote="10.0.0.2")) == "192.0.2.1"


def test_client_address_behind_a_proxy_without_the_header_is_the_peer(settings):
    settings.TRUSTED_PROXIES = 1

    assert client_address(_request(None, remote="192.0.2.5")) == "192.0.2.5"


def test_client_address_falls_back_to_the_peer_when_the_entry_is_not_an_address(settings):
    settings.TRUSTED_PROXIES = 1

    assert client_address(_request("192.0.2.1, not-an-address", remote="10.0.0.2")) == "10.0.0.2"


def test_client_address_writes_ipv6_in_canonical_form(settings):
    settings.TRUSTED_PROXIES = 0

    assert client_address(_request(remote="2001:DB8:0:0::1")) == "2001:db8::1"


def test_client_address_without_a_usable_peer_is_unknown(settings):
    settings.TRUSTED_PROXIES = 0

    assert client_address(_request(remote="")) == "unknown"
