"""Names in the reader's script in the directory: a Chinese person for a Russian reader, a Russian organization for
a Chinese reader (transliterated and marked, the original beside it), stored names per language, and lists in the
order each reader expects (pinyin in Chinese) kept as sort keys by the services."""

import re

import pytest
from django.utils import translation

from investbridge.directory import selectors, services
from investbridge.directory.forms import MembershipForm
from investbridge.directory.models import Organization, Person

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _organization(
    name_ru: str = "", name_zh_hans: str = "", name_en: str = "", country: str = "RU"
) -> Organization:
    return services.organization_create(
        actor=None,
        data={"name_ru": name_ru, "name_zh_hans": name_zh_hans, "name_en": name_en, "country": country},
        confirm_duplicate=True,
    )


def _person(full_name: str, **data: str) -> Person:
    return services.person_create(actor=None, data={"full_name": full_name, **data})


def _names_in_table(html: str, testid: str) -> list[str]:
    table = html.split(f'data-testid="{testid}"', 1)[1].split("</table>", 1)[0]
    return [
        re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<tr>\s*<td>(.*?)</td>", table, re.S)
    ]


def test_person_list_chinese_person_for_a_russian_reader_is_palladius_and_marked(client_for) -> None:
    _person("王小明")

    html = client_for("officer").get("/ru/directory/people/").content.decode()

    assert (
        '<span class="transliterated" lang="zh-Cyrl" title="Транслитерация (система Палладия): имя на этом языке '
        'не сохранено." data-transliterated="Palladius">Ван Сяомин</span> '
        '<span class="original" lang="zh-Hans">(王小明)</span>'
    ) in html


def test_organization_list_russian_organization_for_a_chinese_reader_is_latin_and_marked(client_for) -> None:
    _organization(name_ru="ООО «Щукин и партнёры»")

    html = client_for("officer").get("/zh-hans/directory/").content.decode()

    assert (
        '<span class="transliterated" lang="ru-Latn" title="按国际民航组织 Doc 9303音译：未存储该语言的姓名或名称。" '
        'data-transliterated="ICAO Doc 9303">OOO «Shchukin i partnery»</span> '
        '<span class="original" lang="ru">(ООО «Щукин и партнёры»)</span>'
    ) in html


def test_organization_detail_stored_chinese_name_is_not_marked(client_for) -> None:
    organization = _organization(name_ru="ООО «Лотос»", name_zh_hans="莲花有限责任公司")

    html = client_for("officer").get(f"/zh-hans/directory/organizations/{organization.pk}/").content.decode()

    assert '<h1><span lang="zh-Hans">莲花有限责任公司</span>' in html
    assert "transliterated" not in html.split("<h1>", 1)[1].split("</h1>", 1)[0]


def test_person_stored_russian_name_wins_over_palladius() -> None:
    person = _person("王小明", name_ru="Ван Сяомин (Саша)")

    name = selectors.person_reader_name(person, "ru")

    assert (name.text, name.transliterated) == ("Ван Сяомин (Саша)", False)


def test_person_name_in_latin_letters_is_the_chinese_readers_name_for_a_russian() -> None:
    person = _person("Юлия Щукина", name_latin="Yulia Shchukina")

    assert selectors.person_reader_name(person, "zh-hans").label == "Yulia Shchukina"
    assert selectors.person_reader_name(person, "en").label == "Yulia Shchukina"
    assert selectors.person_reader_name(_person("Пётр Ёлкин"), "zh-hans").label == "Petr Elkin (Пётр Ёлкин)"


def test_organization_list_in_chinese_is_sorted_by_pinyin(client_for) -> None:
    client = client_for("officer")  # its fixtures add organizations of their own, left out below
    mine = [
        _organization(name_zh_hans=name, country="CN")
        for name in ("张家港钢铁", "阿里巴巴", "中粮集团", "北京同仁堂")
    ]
    mine.append(_organization(name_ru="Ромашка"))  # Romashka for a Chinese reader
    ids = {organization.pk for organization in mine}

    listed = selectors.organization_list(language="zh-hans")
    ordered = [selectors.organization_reader_name(o, "zh-hans").label for o in listed if o.pk in ids]
    html = client.get("/zh-hans/directory/").content.decode()

    # a-li, bei-jing, Romashka, zhang, zhong
    assert ordered == ["阿里巴巴", "北京同仁堂", "Romashka (Ромашка)", "张家港钢铁", "中粮集团"]
    assert [name for name in _names_in_table(html, "organization-table") if name in ordered] == ordered


def test_person_list_in_russian_is_cyrillic_first_and_in_chinese_by_pinyin() -> None:
    for name in ("Abramov Oleg", "Щукин Юрий", "Ёлкин Пётр", "王小明", "曾国藩"):
        _person(name)

    russian = [selectors.person_reader_name(p, "ru").text for p in selectors.person_list(language="ru")]
    chinese = [
        selectors.person_reader_name(p, "zh-hans").text for p in selectors.person_list(language="zh-hans")
    ]

    assert russian == ["Ван Сяомин", "Ёлкин Пётр", "Цзэн Гофань", "Щукин Юрий", "Abramov Oleg"]
    # Abramov, Elkin, Shchukin (ICAO Latin), 王 wang, 曾 zeng (a surname: not ceng)
    assert chinese == ["Abramov Oleg", "Elkin Petr", "Shchukin Iurii", "王小明", "曾国藩"]


def test_person_update_refreshes_the_sort_keys() -> None:
    person = _person("Abramov Oleg")
    services.person_update(actor=None, person=person, data={"full_name": "Яковлев Олег"})

    person.refresh_from_db()

    assert person.name_sort_ru.startswith("2")  # Cyrillic first for Russian readers
    assert person.name_sort_zh_hans == person.name_sort_en  # Iakovlev Oleg in Latin for both


def test_organization_select_in_chinese_is_by_pinyin_with_transliterations() -> None:
    _organization(name_zh_hans="张家港钢铁", country="CN")
    _organization(name_ru="Ромашка")
    with translation.override("zh-hans"):
        form = MembershipForm()
        labels = [label for _value, label in form.fields["organization"].choices][1:]

    assert labels == ["Romashka (Ромашка)", "张家港钢铁"]


def test_person_form_stores_names_per_language(client_for) -> None:
    person = _person("王小明")

    response = client_for("officer").post(
        f"/zh-hans/directory/people/{person.pk}/edit/",
        {
            "full_name": "王小明",
            "name_ru": "Ван Сяомин",
            "name_zh_hans": "",
            "name_en": "Xiaoming Wang",
            "preferred_language": "zh-hans",
        },
    )

    person.refresh_from_db()
    assert response.status_code == 302
    assert (person.name_ru, person.name_zh_hans, person.name_en) == ("Ван Сяомин", "", "Xiaoming Wang")
    assert selectors.person_reader_name(person, "en").label == "Xiaoming Wang"
