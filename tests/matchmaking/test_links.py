"""The B2B link on a registrant's own page (matchmaking/links.py through events/registrant_links.py)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from investbridge.events.models import RegistrationStatus
from investbridge.matchmaking.models import MatchmakingSetup
from tests.factories.events import EventFactory, RegistrationFactory
from tests.factories.matchmaking import SetupFactory

pytestmark = pytest.mark.integration


def _manage_page(client, registration, language="ru") -> str:
    return client.get(f"/{language}/events/manage/{registration.manage_token}/").content.decode()


@pytest.mark.parametrize(
    ("language", "text", "label"),
    [
        (
            "ru",
            "Встречайтесь с другими участниками один на один: расскажите о своей организации, посмотрите, "
            "кого мы предлагаем, и договоритесь о встречах.",
            "Деловые встречи B2B",
        ),
        (
            "zh-hans",
            "与其他参会者一对一洽谈：介绍贵单位，查看我们为您推荐的对象，并提出会谈请求。",
            "B2B 会谈",
        ),
    ],
)
def test_manage_page_links_a_confirmed_registrant_to_its_b2b_page(client, event, language, text, label):
    registration = RegistrationFactory(event=event)

    page = _manage_page(client, registration, language)

    assert text in page
    href = f"/{language}/matchmaking/p/{registration.manage_token}/"
    assert f'<a class="button" href="{href}" data-testid="b2b-link">{label}</a>' in page
    assert client.get(href).status_code == 200


def test_manage_page_has_no_b2b_link_when_the_office_has_not_opened_b2b(client, event):
    MatchmakingSetup.objects.filter(event=event).delete()
    registration = RegistrationFactory(event=event)

    assert 'data-testid="b2b-link"' not in _manage_page(client, registration)


@pytest.mark.parametrize(
    "status", [RegistrationStatus.WAITLISTED, RegistrationStatus.PENDING, RegistrationStatus.CANCELLED]
)
def test_manage_page_has_no_b2b_link_for_a_registration_not_confirmed(client, event, status):
    registration = RegistrationFactory(event=event, status=status)

    assert 'data-testid="b2b-link"' not in _manage_page(client, registration)


def test_manage_page_has_no_b2b_link_after_the_event(client, db):
    ended = timezone.now() - timedelta(days=1)
    event = EventFactory(starts_at=ended - timedelta(hours=2), ends_at=ended)
    SetupFactory(event=event)
    registration = RegistrationFactory(event=event)

    assert 'data-testid="b2b-link"' not in _manage_page(client, registration)
