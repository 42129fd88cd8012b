"""Links in registration mails: reverse()d views on the configured site address (host and port)."""

import re

import pytest
from django.urls import resolve
from django.utils import translation

from investbridge.events import emails
from investbridge.events.models import RegistrationStatus, VideoProviderKind
from tests.factories.events import EventFactory, RegistrationFactory, VideoRoomFactory

pytestmark = pytest.mark.integration

SITE = "http://192.0.2.10:8123"


def _links(body: str) -> list[str]:
    return re.findall(r"https?://\S+", body)


@pytest.mark.parametrize("language", ["ru", "zh-hans", "en"])
def test_registration_mail_links_resolve_on_configured_host_and_port(db, settings, language):
    settings.SITE_URL = SITE
    event = EventFactory()
    VideoRoomFactory(event=event, provider=VideoProviderKind.BBB)
    registration = RegistrationFactory(event=event, status=RegistrationStatus.CONFIRMED, language=language)

    message = emails.build_registration_mail(registration, "confirmed")

    links = _links(message.body)
    assert links, message.body
    resolved = set()
    for link in links:
        assert link.startswith(f"{SITE}/{language}/"), link
        with translation.override(language):  # the prefix pattern matches the active language's prefix
            match = resolve(link.removeprefix(SITE))
        resolved.add((match.view_name, tuple(match.kwargs.values())))
    assert resolved == {
        ("events:detail", (event.slug,)),
        ("events:manage", (registration.manage_token,)),
        ("events:manage_join", (registration.manage_token,)),
    }
