"""Names of people and organizations: invisible and direction-changing characters never reach the database, and
a name made only of them is refused in the user's language."""

import importlib
import inspect
import pkgutil

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation
from rest_framework import serializers

import investbridge
from investbridge.api.fields import NameField as ApiNameField
from investbridge.core.names import NameField, normalize_display_name
from investbridge.directory import services as directory_services
from investbridge.directory.models import Organization
from investbridge.events.models import Registration
from tests.factories.events import EventFactory

#: Names typed with nothing visible in them: zero-width space, LRM/RLM, embeddings and overrides, isolates, BOM.
INVISIBLE = [
    "\u200b",
    "\u200e\u200f",
    "\u202a\u202b\u202c\u202d\u202e",
    "\u2066\u2067\u2068\u2069",
    "\ufeff",
    "\u200b \u200d \u200c",
    "\u2060\u00ad",
]


@pytest.mark.unit
@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("  Иван\u00a0\u3000Петров \n", "Иван Петров"),
        ("\u202eAlice\u202c", "Alice"),
        ("\ufeff王\u200b伟", "王伟"),
        ("Jose\u0301", "José"),
        ("Anna\tMaria", "Anna Maria"),
        ("\u200dAnna\u200d", "Anna"),
        ("\u2067ООО «Ромашка»\u2069", "ООО «Ромашка»"),
        # ZWNJ between two letters is part of Persian spelling and stays.
        ("می\u200cخواهم", "می\u200cخواهم"),
    ],
)
def test_normalize_display_name(typed, stored):
    assert normalize_display_name(typed) == stored


@pytest.mark.unit
@pytest.mark.parametrize("typed", INVISIBLE)
def test_normalize_display_name_of_invisible_characters_is_empty(typed):
    assert normalize_display_name(typed) == ""


@pytest.mark.unit
def test_name_field_refuses_an_invisible_name_in_russian():
    with translation.override("ru"):
        with pytest.raises(ValidationError) as raised:
            NameField().clean("\u200b\u202e")
        messages = raised.value.messages

    assert messages == ["В имени нет ни одного видимого символа. Введите его буквами."]


#: Fields that name a person or an organization, wherever a form or a serializer takes them.
NAME_FIELDS = {"full_name", "name_latin", "organization_name", "company_name", "contact_name"}
EXTRA = {
    ("investbridge.directory.forms", "OrganizationForm", "name_ru"),
    ("investbridge.directory.forms", "OrganizationForm", "name_zh_hans"),
    ("investbridge.directory.forms", "OrganizationForm", "name_en"),
    ("investbridge.region.forms", "ExpressionOfInterestForm", "name"),
    ("investbridge.matchmaking.forms", "InterpreterForm", "name"),
    ("investbridge.api.v1.events", "RegistrationRequestSerializer", "name"),
    ("investbridge.api.v1.events", "RegistrationRequestSerializer", "organization"),
    ("investbridge.api.v1.region", "ExpressionOfInterestSerializer", "name"),
}


def _classes(suffix: str, base: type) -> list[type]:
    found = []
    for module_info in pkgutil.walk_packages(investbridge.__path__, "investbridge."):
        if not (module_info.name.endswith(suffix) or (suffix == "api" and ".api.v1." in module_info.name)):
            continue
        module = importlib.import_module(module_info.name)
        for _name, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, base) and value.__module__ == module.__name__:
                found.append(value)
    return found


@pytest.mark.unit
def test_every_form_field_that_takes_a_name_normalizes_it():
    unchecked = [
        f"{form.__module__}.{form.__name__}.{name}"
        for form in _classes(".forms", forms.BaseForm)
        for name, field in form.base_fields.items()  # type: ignore[attr-defined]
        if (name in NAME_FIELDS or (form.__module__, form.__name__, name) in EXTRA)
        and not isinstance(field, NameField)
    ]

    assert unchecked == []


@pytest.mark.unit
def test_every_serializer_field_that_takes_a_name_normalizes_it():
    unchecked = []
    for serializer in _classes("api", serializers.Serializer):
        for name, field in serializer().fields.items():
            named = name in NAME_FIELDS or (serializer.__module__, serializer.__name__, name) in EXTRA
            if named and not field.read_only and not isinstance(field, ApiNameField):
                unchecked.append(f"{serializer.__module__}.{serializer.__name__}.{name}")

    assert unchecked == [
        # Output only (the endpoints using them take no input through them): the organization's name as stored.
        "investbridge.api.v1.matchmaking.ProfileSerializer.organization_name",
    ]


@pytest.mark.integration
@pytest.mark.parametrize("typed", INVISIBLE)
def test_event_registration_page_refuses_an_invisible_name(client, db, typed):
    event = EventFactory()
    data = {
        "full_name": typed,
        "email": "anna@example.org",
        "organization_name": "\u202eАО «Север»\u202c",
        "country": "RU",
        "language": "ru",
        "time_zone": "",
        "consent": "on",
    }

    response = client.post(f"/ru/events/{event.slug}/register/", data)

    assert response.status_code == 400
    assert response.context["form"].errors["full_name"] == [
        "В имени нет ни одного видимого символа. Введите его буквами."
    ]
    assert Registration.objects.count() == 0


@pytest.mark.integration
def test_event_registration_api_refuses_an_invisible_name_in_chinese(client, db):
    event = EventFactory()
    body = {
        "name": "\u2066\u2069",
        "email": "olga@example.org",
        "organization": "Волга",
        "country": "RU",
        "language": "ru",
    }

    response = client.post(
        f"/api/v1/events/{event.slug}/registrations",
        body,
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )

    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"name": ["名称中没有任何可见字符，请用文字填写。"]}


@pytest.mark.integration
def test_event_registration_api_stores_names_without_controls(client, db):
    event = EventFactory()
    body = {
        "name": "\u202eОльга\u200b Кузнецова\u202c",
        "email": "olga@example.org",
        "organization": "\ufeffПАО «Волга»",
        "country": "RU",
        "language": "ru",
    }

    response = client.post(
        f"/api/v1/events/{event.slug}/registrations", body, content_type="application/json"
    )

    assert response.status_code == 202
    registration = Registration.objects.get()
    assert registration.full_name == "Ольга Кузнецова"
    assert registration.person.full_name == "Ольга Кузнецова"
    assert registration.organization.name_ru == "ПАО «Волга»"


@pytest.mark.integration
def test_region_interest_api_refuses_an_invisible_name(client, db):
    body = {
        "name": "\u200e",
        "email": "li@example.cn",
        "country": "CN",
        "language": "zh-hans",
        "consent": True,
    }

    response = client.post(
        "/api/v1/region/interest", body, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {
        "name": ["The name contains no visible characters. Enter it in letters."]
    }


@pytest.mark.integration
def test_directory_organization_match_or_create_refuses_an_invisible_name(db):
    with pytest.raises(ValidationError):
        directory_services.organization_match_or_create(name="\u200b\u202e", country="RU", language="ru")

    organization = directory_services.organization_match_or_create(
        name="\u2067Hainan\u200b Trade\u2069", country="CN", language="en"
    )

    assert organization.name_en == "Hainan Trade"
    assert Organization.objects.count() == 1
