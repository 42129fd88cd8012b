import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from investbridge.directory import validators

pytestmark = pytest.mark.unit


@pytest.mark.parametrize("code", ["91110000600037341L", "9111 0000 6000 3734 1L", "11460100MA5T00001W"])
def test_clean_uscc_accepts_valid_codes(code):
    assert validators.clean_uscc(code) == code.replace(" ", "")


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("91110000600037341M", "its check digit is wrong"),
        ("9111000060003734", "it has the wrong number of characters"),
        ("9111000O600037341L", "it contains characters that are not allowed"),
    ],
)
def test_clean_uscc_rejects_invalid_codes_with_reason(code, reason):
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        validators.clean_uscc(code)

    assert caught.value.messages == [f"“{code}” is not a valid Unified Social Credit Code: {reason}."]


@pytest.mark.parametrize("code", ["7707083893", "500100732259"])
def test_clean_inn_accepts_company_and_personal_numbers(code):
    assert validators.clean_inn(code) == code


@pytest.mark.parametrize("code", ["7707083894", "77070838", "77070838A3"])
def test_clean_inn_rejects_invalid_numbers(code):
    with pytest.raises(ValidationError) as caught:
        validators.clean_inn(code)

    assert caught.value.code == "invalid_inn"


@pytest.mark.parametrize("code", ["1027700132195", "304500116000157"])
def test_clean_ogrn_accepts_valid_numbers(code):
    assert validators.clean_ogrn(code) == code


@pytest.mark.parametrize("code", ["1027700132196", "0027700132195", "12345"])
def test_clean_ogrn_rejects_invalid_numbers(code):
    with pytest.raises(ValidationError) as caught:
        validators.clean_ogrn(code)

    assert caught.value.code == "invalid_ogrn"


def test_clean_inn_error_is_in_the_users_language():
    with translation.override("ru"), pytest.raises(ValidationError) as caught:
        validators.clean_inn("7707083894")

    assert caught.value.messages == ["«7707083894» — неверный ИНН: неверная контрольная цифра."]


def test_clean_uscc_error_is_in_chinese_for_chinese_users():
    with translation.override("zh-hans"), pytest.raises(ValidationError) as caught:
        validators.clean_uscc("91110000600037341M")

    assert caught.value.messages == ["“91110000600037341M”不是有效的统一社会信用代码：校验位错误。"]


def test_empty_codes_stay_empty():
    assert (validators.clean_uscc(""), validators.clean_inn("  "), validators.clean_ogrn("")) == ("", "", "")


@pytest.mark.parametrize(
    ("raw", "country", "expected"),
    [
        ("+7 (495) 123-45-67", "", "+74951234567"),
        ("8 916 123-45-67", "RU", "+79161234567"),
        ("+86 138 0013 8000", "", "+8613800138000"),
        ("0898 6653 1234", "CN", "+8689866531234"),
    ],
)
def test_clean_phone_returns_e164(raw, country, expected):
    assert validators.clean_phone(raw, country=country) == expected


@pytest.mark.parametrize("raw", ["12345", "not a phone", "+7 495 12"])
def test_clean_phone_rejects_invalid_numbers(raw):
    with pytest.raises(ValidationError) as caught:
        validators.clean_phone(raw)

    assert caught.value.code == "invalid_phone"


def test_clean_country_normalizes_case_and_rejects_unknown_codes():
    assert validators.clean_country(" ru ") == "RU"
    with pytest.raises(ValidationError):
        validators.clean_country("XX")
    with pytest.raises(ValidationError):
        validators.clean_country("RUS")


def test_clean_languages_accepts_text_and_lists_and_drops_repeats():
    assert validators.clean_languages("ru, EN; zh ru") == ["ru", "en", "zh"]
    assert validators.clean_languages(["zh", "en"]) == ["zh", "en"]


def test_clean_languages_rejects_unknown_codes():
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        validators.clean_languages("ru, xx")

    assert caught.value.messages == [
        "“xx” is not a language code; use two-letter ISO 639-1 codes, e.g. ru, zh, en."
    ]
