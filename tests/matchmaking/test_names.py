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
        # No Russian name stored: Palladius Cyrillic, marked, with the original (it was Chinese only before).
        ("ru", "Хайнань Е Дао Шипинь Юсянь Гунсы (海南椰岛食品有限公司)", "Чэнь Минь (陈敏)"),
        ("zh-hans", "海南椰岛食品有限公司", "陈敏"),
        ("en", "Hainan Coconut Food", "Chen Min"),
    ],
)
def test_names_in_the_reader_language_fall_back_to_a_transliteration(chinese, language, organization, person):
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
    assert names.person_name(profile, "zh-hans") == "Ivan Petrov"  # the Latin spelling the person gave


def test_without_a_latin_name_a_chinese_name_is_transliterated_for_a_russian_reader(event):
    profile = ProfileFactory(
        registration=RegistrationFactory(event=event, full_name="王伟", name_latin=""),
        organization_name="海口银行",
    )
    assert (names.organization_name(profile, "ru"), names.person_name(profile, "ru")) == (
        "Хай Коу Иньхан (海口银行)",
        "Ван Вэй (王伟)",
    )
    assert names.person_reader_name(profile, "ru").transliterated


def test_participant_page_marks_the_transliteration(event):
    from django.template import Context, Template
    from django.utils import translation

    profile = ProfileFactory(
        registration=RegistrationFactory(event=event, full_name="王伟", name_latin=""),
        organization_name="海口银行",
    )
    with translation.override("ru"):
        html = Template("{% load matchmaking_tags %}{{ profile|person_name }}").render(
            Context({"profile": profile})
        )

    assert html == (
        '<span class="transliterated" lang="zh-Cyrl" title="Транслитерация (система Палладия): имя на этом языке '
        'не сохранено." data-transliterated="Palladius">Ван Вэй</span> <span class="original" lang="zh-Hans">'
        "(王伟)</span>"
    )
