"""Names in the reader's script (core/scripts.py): transliteration of real Russian and Chinese names, which name a
reader gets, and sort keys that order names as each reader expects under any collation."""

import pytest

from investbridge.core import scripts

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("Щукин", "Shchukin"),
        ("Юлия", "Iuliia"),
        ("Ёлкин", "Elkin"),
        ("Алексей Дьяченко", "Aleksei Diachenko"),
        ("Хабаровск", "Khabarovsk"),
    ],
)
def test_cyrillic_to_latin_follows_icao_doc_9303(cyrillic: str, latin: str) -> None:
    assert scripts.cyrillic_to_latin(cyrillic) == latin


@pytest.mark.parametrize(
    ("han", "pinyin"),
    [
        ("王小明", "Wang Xiaoming"),
        ("吕布", "Lü Bu"),
        ("单田芳", "Shan Tianfang"),  # 单 as a surname is Shan, not dan
        ("曾国藩", "Zeng Guofan"),  # 曾 as a surname is Zeng, not ceng
        ("欧阳修", "Ouyang Xiu"),
        ("司马光", "Sima Guang"),
        ("王西安", "Wang Xi'an"),
        ("李 伟", "Li Wei"),
    ],
)
def test_han_to_pinyin_of_a_person_puts_the_surname_first(han: str, pinyin: str) -> None:
    assert scripts.han_to_pinyin(han, person=True) == pinyin


@pytest.mark.parametrize(
    ("han", "cyrillic"),
    [
        ("王小明", "Ван Сяомин"),
        ("吕布", "Люй Бу"),
        ("单田芳", "Шань Тяньфан"),
        ("曾国藩", "Цзэн Гофань"),
        ("欧阳修", "Оуян Сю"),
        ("张伟", "Чжан Вэй"),
    ],
)
def test_han_to_palladius_of_a_person(han: str, cyrillic: str) -> None:
    assert scripts.han_to_palladius(han, person=True) == cyrillic


def test_han_to_pinyin_of_an_organization_writes_words() -> None:
    assert scripts.han_to_pinyin("海南椰岛食品有限公司") == "Hainan Ye Dao Shipin Youxian Gongsi"
    assert scripts.han_to_palladius("海南椰岛食品有限公司") == "Хайнань Е Дао Шипинь Юсянь Гунсы"


def test_han_to_pinyin_keeps_latin_parts() -> None:
    assert scripts.han_to_pinyin("海南ABC有限公司") == "Hainan ABC Youxian Gongsi"


def test_reader_name_chinese_person_for_a_russian_reader_is_palladius_with_the_original() -> None:
    name = scripts.reader_name(stored={}, original="王小明", language="ru", person=True)

    assert (name.text, name.transliterated, name.system, name.original) == (
        "Ван Сяомин",
        True,
        scripts.SYSTEM_PALLADIUS,
        "王小明",
    )
    assert name.label == "Ван Сяомин (王小明)"
    assert (name.lang, name.original_lang) == ("zh-Cyrl", "zh-Hans")


def test_reader_name_russian_organization_for_a_chinese_reader_is_icao_latin() -> None:
    name = scripts.reader_name(
        stored={"ru": "ООО «Щукин и партнёры»", "zh-hans": "", "en": ""}, language="zh-hans"
    )

    assert (name.text, name.transliterated, name.system, name.original) == (
        "OOO «Shchukin i partnery»",
        True,
        scripts.SYSTEM_ICAO,
        "ООО «Щукин и партнёры»",
    )


def test_reader_name_prefers_the_stored_translation() -> None:
    stored = {"ru": "Хайнаньская продовольственная компания", "zh-hans": "海南椰岛食品有限公司", "en": ""}

    ru = scripts.reader_name(stored=stored, language="ru")
    zh = scripts.reader_name(stored=stored, language="zh-hans")

    assert (ru.text, ru.transliterated, ru.original) == ("Хайнаньская продовольственная компания", False, "")
    assert (zh.text, zh.transliterated) == ("海南椰岛食品有限公司", False)


def test_reader_name_takes_a_name_already_in_the_readers_script() -> None:
    name = scripts.reader_name(stored={"en": "Li Wei"}, original="李伟", language="en", person=True)

    assert (name.text, name.transliterated) == ("Li Wei", False)


def test_reader_name_gives_a_chinese_reader_the_stored_latin_name_before_a_transliteration() -> None:
    name = scripts.reader_name(stored={"en": "Yulia Shchukina"}, original="Юлия Щукина", language="zh-hans")

    assert (name.text, name.transliterated) == ("Yulia Shchukina", False)


def test_reader_name_of_nothing_is_empty() -> None:
    assert scripts.reader_name(stored={"ru": "", "en": ""}, language="ru").text == ""


def test_sort_key_orders_chinese_names_by_pinyin() -> None:
    names = ["王小明", "李伟", "吕布", "卢布", "阿里", "Anna", "曾国藩", "张伟"]

    ordered = sorted(names, key=lambda name: scripts.sort_key(name, language="zh-hans", person=True))

    # a-li, anna, li, lu, lü (after lu), wang, zeng, zhang
    assert ordered == ["阿里", "Anna", "李伟", "卢布", "吕布", "王小明", "曾国藩", "张伟"]


def test_sort_key_orders_russian_names_cyrillic_first_with_yo_as_ye() -> None:
    names = ["Abramov", "Щукин", "Ёлкин", "Елисеев", "Жуков", "Яковлев", "Zhukov"]

    ordered = sorted(names, key=lambda name: scripts.sort_key(name, language="ru"))

    assert ordered == ["Елисеев", "Ёлкин", "Жуков", "Щукин", "Яковлев", "Abramov", "Zhukov"]


def test_sort_key_orders_english_names_latin_first() -> None:
    names = ["Щукин", "Zhukov", "Abramov", "Élise"]

    ordered = sorted(names, key=lambda name: scripts.sort_key(name, language="en"))

    assert ordered == ["Abramov", "Élise", "Zhukov", "Щукин"]


def test_sort_key_uses_only_lowercase_letters_and_digits() -> None:
    key = scripts.sort_key("ООО «Ёлка-2», 王 Ltd.", language="ru")

    assert key
    assert set(key) <= set("0123456789abcdefghijklmnopqrstuvwxyz")
    assert len(key) % 2 == 0


def test_sort_key_words_before_longer_words() -> None:
    names = ["Wangfu", "王明", "Wan"]

    ordered = sorted(names, key=lambda name: scripts.sort_key(name, language="zh-hans"))

    assert ordered == ["Wan", "王明", "Wangfu"]


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("王小明", "han"),
        ("Щукин", "cyrillic"),
        ("Li Wei", "latin"),
        ("123", ""),
        ("ООО «Лотос» Ltd", "cyrillic"),
    ],
)
def test_script_of(text: str, script: str) -> None:
    assert scripts.script_of(text) == script
