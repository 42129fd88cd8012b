"""The office's registration list shows registrants in the reader's script: a Chinese registrant without a Latin
spelling is transliterated for a Russian officer (Palladius), marked, with the original."""

import pytest

from tests.factories.events import EventFactory, RegistrationFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_office_registrations_chinese_registrant_for_a_russian_reader(client_for) -> None:
    event = EventFactory()
    registration = RegistrationFactory(
        event=event, full_name="王小明", name_latin="", organization_name="海口银行"
    )

    html = client_for("officer").get(f"/ru/events/office/{event.slug}/registrations/").content.decode()

    row = html.split(f'data-testid="registration-{registration.pk}"')[1].split("</tr>")[0]
    assert (
        'data-transliterated="Palladius">Ван Сяомин</span> <span class="original" lang="zh-Hans">(王小明)</span>'
        in row
    )
    assert 'data-transliterated="Palladius">Хай Коу Иньхан</span>' in row
