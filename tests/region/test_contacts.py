"""The office's public contacts: edited on the region profile, shown on the landing page in the reader's language."""

import io

import pytest

from investbridge.demo import loader
from investbridge.region.models import RegionProfile
from tests.factories.region import RegionProfileFactory

pytestmark = pytest.mark.integration

CONTACTS = {
    "contact_address_ru": "Хайкоу, ул. Бинхай, д. 1",
    "contact_address_zh_hans": "海口市滨海大道1号",
    "contact_address_en": "1 Binhai Avenue, Haikou",
    "contact_phone": "+86 898 1234 5678",
    "contact_wechat": "haikou_invest",
    "contact_email": "contacts@example.org",
}


def _profile_post(**overrides: str) -> dict[str, str]:
    return {"name_zh_hans": "海口", "name_ru": "Хайкоу", "name_en": "Haikou", **CONTACTS, **overrides}


def test_officer_edits_contacts_on_profile(client_for, db):
    RegionProfileFactory()

    response = client_for("officer").post("/en/region/manage/profile/", _profile_post())

    assert response.status_code == 302
    profile = RegionProfile.objects.get()
    assert {name: getattr(profile, name) for name in CONTACTS} == CONTACTS


def test_profile_edit_form_shows_contact_fields(client_for, db):
    RegionProfileFactory()

    html = client_for("officer").get("/en/region/manage/profile/").content.decode()

    for name in CONTACTS:
        assert f'name="{name}"' in html


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        (
            "contact_phone",
            "call us",
            "Укажите номер телефона цифрами, можно с пробелами, скобками и дефисами, например +86 898 6000 0000.",
        ),
        (
            "contact_wechat",
            "微信",
            "WeChat ID состоит из 6–40 латинских букв, цифр, знаков подчёркивания или дефисов и начинается с буквы.",
        ),
        ("contact_email", "not-an-address", "Введите правильный адрес электронной почты."),
    ],
)
def test_profile_bad_contact_is_400_in_reader_language_and_nothing_saved(
    client_for, db, field, value, message
):
    RegionProfileFactory()

    response = client_for("officer").post("/ru/region/manage/profile/", _profile_post(**{field: value}))

    assert response.status_code == 400
    assert response.context["form"].errors[field] == [message]
    assert RegionProfile.objects.get().contact_phone == ""


@pytest.mark.parametrize(
    ("language", "address", "heading", "labels"),
    [
        (
            "ru",
            "Хайкоу, ул. Бинхай, д. 1",
            "Контакты офиса",
            ("Адрес", "Телефон", "Идентификатор WeChat", "Электронная почта"),
        ),
        ("zh-hans", "海口市滨海大道1号", "联系我们", ("地址", "电话", "微信号", "电子邮箱")),
        ("en", "1 Binhai Avenue, Haikou", "Contact the office", ("Address", "Phone", "WeChat ID", "E-mail")),
    ],
)
def test_landing_shows_contacts_in_reader_language(client, db, language, address, heading, labels):
    RegionProfileFactory(**CONTACTS)

    html = client.get(f"/{language}/").content.decode()

    assert 'data-testid="office-contacts"' in html
    assert f'<h2 id="contacts-heading">{heading}</h2>' in html
    assert f'<dd lang="{language}">{address}</dd>' in html
    for label in labels:
        assert f"<dt>{label}</dt>" in html
    assert '<a href="tel:+8689812345678">+86 898 1234 5678</a>' in html
    assert '<dd lang="zxx">haikou_invest</dd>' in html
    assert '<a href="mailto:contacts@example.org">contacts@example.org</a>' in html


def test_landing_address_falls_back_to_office_language(client, db):
    RegionProfileFactory(contact_address_zh_hans="海口市滨海大道1号")

    html = client.get("/ru/").content.decode()

    assert '<dd lang="zh-hans">海口市滨海大道1号</dd>' in html


def test_landing_without_contacts_has_no_contacts_section(client, db):
    RegionProfileFactory()

    assert 'data-testid="office-contacts"' not in client.get("/en/").content.decode()


def test_demo_profile_has_haikou_contacts_marked_as_demo(db):
    loader.load(stdout=io.StringIO(), parts=("directory", "region"))

    profile = RegionProfile.objects.get(slug="haikou")
    assert profile.contact_email == "contacts@investbridge.example.org"
    assert profile.contact_address_en == "1 Example Road, Haikou, Hainan, China (demo address)"
    assert profile.contact_address_ru.endswith("(демонстрационный адрес)")
    assert profile.contact_address_zh_hans.endswith("（演示地址）")
    assert (profile.contact_phone, profile.contact_wechat) == ("+86 898 0000 0000", "investbridge_demo")
    profile.full_clean()
