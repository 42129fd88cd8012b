"""The pipeline shows companies and contacts in the reader's script: a Chinese company and its Chinese contact on a
Russian page are transliterated (Palladius), marked and followed by the original."""

import pytest

from tests.factories.directory import OrganizationFactory, PersonFactory
from tests.factories.pipeline import LeadFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_lead_detail_chinese_company_and_contact_for_a_russian_reader(client_for) -> None:
    company = OrganizationFactory(
        name="海南椰岛", name_zh_hans="海南椰岛", name_en="", name_ru="", country="CN"
    )
    lead = LeadFactory(organization=company)
    lead.people.add(PersonFactory(full_name="王小明", email="wang@example.cn"))

    html = client_for("officer").get(f"/ru/pipeline/leads/{lead.pk}/").content.decode()

    assert (
        'data-transliterated="Palladius">Хайнань Е Дао</span> <span class="original" lang="zh-Hans">(海南椰岛)</span>'
        in html
    )
    assert (
        'data-transliterated="Palladius">Ван Сяомин</span> <span class="original" lang="zh-Hans">(王小明)</span>'
        in html
    )
