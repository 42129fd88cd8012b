import pytest

from investbridge.matchmaking import names
from tests.factories.directory import OrganizationFactory
from tests.factories.events import RegistrationFactory
from tests.factories.matchmaking import ProfileFactory

pytestmark = pytest.mark.integration


@pytest.fixture
def chinese(event):
    """A Hainan company known to the directory in Chinese and English only, and its contact person."""
    organization = OrganizationFactory(
        name_ru="", name_zh_hans="海南椰岛食品有限公司", name_en="Hainan Coconut Food"
    )
    registration = RegistrationFactory(
        event=event, organization=organization, full_name="陈敏", name_latin="Chen Min", language="zh-hans"
    )
    return ProfileFactory(registration=registration, organization_name="海南椰岛食品有限公司")


@pytest.mark.parametrize(
    ("language", "organization", "person"),
    [
        ("ru", "海南椰岛食品有限公司 (Hainan Coconut Food)", "陈敏 (Chen Min)"),
        ("zh-hans", "海南椰岛食品有限公司", "陈敏"),
        ("en", "Hainan Coconut Food", "陈敏 (Chen Min)"),
    ],
)
def test_names_in_the_reader_language_fall_back_with_the_latin_name(chinese, language, organization, person):
    assert (names.organization_name(chinese, language), names.person_name(chinese, language)) == (
        organization,
        person,
    )


def test_directory_name_in_the_reader_language_wins(chinese):
    chinese.registration.organization.name_ru = "Хайнань Коконат Фуд"
    assert names.organization_name(chinese, "ru") == "Хайнань Коконат Фуд"


def test_name_written_in_the_reader_script_needs_no_latin_name(event):
    profile = ProfileFactory(
        registration=RegistrationFactory(event=event, full_name="Иван Петров", name_latin="Ivan Petrov"),
        organization_name="ООО «Волга Агро»",
    )
    assert (names.organization_name(profile, "ru"), names.person_name(profile, "ru")) == (
        "ООО «Волга Агро»",
        "Иван Петров",
    )
    assert names.person_name(profile, "zh-hans") == "Иван Петров (Ivan Petrov)"


def test_without_a_latin_name_the_written_name_is_shown_alone(event):
    profile = ProfileFactory(
        registration=RegistrationFactory(event=event, full_name="王伟", name_latin=""),
        organization_name="海口银行",
    )
    assert (names.organization_name(profile, "ru"), names.person_name(profile, "ru")) == ("海口银行", "王伟")


@pytest.mark.parametrize(
    ("text", "script"),
    [("海口银行", "cjk"), ("Волга Агро", "cyrillic"), ("Volga Agro", "latin"), ("2026 — ?", "")],
)
def test_script_of(text, script):
    assert names.script_of(text) == script
