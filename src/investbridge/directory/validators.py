"""Checks and normalization of directory data: registry codes, phone numbers, countries and languages.

Every function returns the normalized value or raises `ValidationError` with a message in the active language.
"""

from collections.abc import Iterable

import phonenumbers
import pycountry
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum.cn import uscc as stdnum_uscc
from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.ru import inn as stdnum_inn
from stdnum.ru import ogrn as stdnum_ogrn

#: ISO 639-1 codes of every living language with a two-letter code.
LANGUAGE_CODES = frozenset(
    language.alpha_2 for language in pycountry.languages if hasattr(language, "alpha_2")
)
COUNTRY_CODES = frozenset(country.alpha_2 for country in pycountry.countries)


def _stdnum_reason(error: Exception) -> str:
    if isinstance(error, InvalidLength):
        return _("it has the wrong number of characters")
    if isinstance(error, InvalidChecksum):
        return _("its check digit is wrong")
    if isinstance(error, InvalidFormat):
        return _("it contains characters that are not allowed")
    if isinstance(error, InvalidComponent):
        return _("one of its parts is not a valid value")
    return _("it is not a valid code")


def clean_uscc(value: str) -> str:
    """A Chinese Unified Social Credit Code (统一社会信用代码, 18 characters); '' stays ''."""
    value = (value or "").strip()
    if not value:
        return ""
    try:
        return str(stdnum_uscc.validate(value))
    except StdnumError as error:
        raise ValidationError(
            _("“%(value)s” is not a valid Unified Social Credit Code: %(reason)s.")
            % {"value": value, "reason": _stdnum_reason(error)},
            code="invalid_uscc",
        ) from error


def clean_inn(value: str) -> str:
    """A Russian taxpayer number (ИНН): 10 digits for an organization, 12 for an individual."""
    value = (value or "").strip()
    if not value:
        return ""
    try:
        return str(stdnum_inn.validate(value))
    except StdnumError as error:
        raise ValidationError(
            _("“%(value)s” is not a valid INN: %(reason)s.")
            % {"value": value, "reason": _stdnum_reason(error)},
            code="invalid_inn",
        ) from error


def clean_ogrn(value: str) -> str:
    """A Russian primary state registration number (ОГРН, 13 digits; ОГРНИП, 15 digits)."""
    value = (value or "").strip()
    if not value:
        return ""
    try:
        return str(stdnum_ogrn.validate(value))
    except StdnumError as error:
        raise ValidationError(
            _("“%(value)s” is not a valid OGRN: %(reason)s.")
            % {"value": value, "reason": _stdnum_reason(error)},
            code="invalid_ogrn",
        ) from error


def clean_phone(value: str, *, country: str = "") -> str:
    """A phone number in E.164 form (+74951234567). A number without '+' is read in `country`'s plan."""
    value = (value or "").strip()
    if not value:
        return ""
    region = country.upper() if country else None
    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException as error:
        raise ValidationError(
            _("“%(value)s” is not a phone number; write it with the country code, e.g. +7 495 123-45-67.")
            % {"value": value},
            code="invalid_phone",
        ) from error
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(
            _(
                "“%(value)s” is not a valid phone number; write it with the country code, e.g. +7 495 123-45-67."
            )
            % {"value": value},
            code="invalid_phone",
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def clean_country(value: str) -> str:
    """An ISO 3166-1 alpha-2 code such as RU or CN (case does not matter)."""
    code = (value or "").strip().upper()
    if code not in COUNTRY_CODES:
        raise ValidationError(
            _("“%(value)s” is not a country code; use the two-letter ISO 3166-1 code, e.g. RU or CN.")
            % {"value": value},
            code="invalid_country",
        )
    return code


def clean_languages(values: Iterable[str] | str) -> list[str]:
    """ISO 639-1 codes (ru, zh, en…), from a list or from text separated by commas, spaces or semicolons."""
    if isinstance(values, str):
        values = values.replace(";", ",").replace(" ", ",").split(",")
    result: list[str] = []
    for raw in values:
        code = raw.strip().lower()
        if not code:
            continue
        if code not in LANGUAGE_CODES:
            raise ValidationError(
                _("“%(value)s” is not a language code; use two-letter ISO 639-1 codes, e.g. ru, zh, en.")
                % {"value": raw.strip()},
                code="invalid_language",
            )
        if code not in result:
            result.append(code)
    return result
