"""Locale helpers: Babel formatting of dates, numbers and money, and localized country names."""

from datetime import date, datetime
from decimal import Decimal

from babel import Locale, dates, numbers
from django.conf import settings
from django.utils import translation

#: Django language code -> Babel locale identifier.
BABEL_LOCALES = {"ru": "ru_RU", "zh-hans": "zh_Hans_CN", "en": "en_GB"}


def current_language() -> str:
    language = translation.get_language() or settings.LANGUAGE_CODE
    return language if language in BABEL_LOCALES else settings.LANGUAGE_CODE


def babel_locale(language: str | None = None) -> Locale:
    return Locale.parse(BABEL_LOCALES.get(language or current_language(), "en_GB"))


def format_money(amount: Decimal | float | int, currency: str, language: str | None = None) -> str:
    return numbers.format_currency(amount, currency, locale=babel_locale(language))


def format_number(value: Decimal | float | int, language: str | None = None) -> str:
    return numbers.format_decimal(value, locale=babel_locale(language))


def format_percent(value: Decimal | float, language: str | None = None) -> str:
    """`value` is a fraction: 1.585 is shown as 158.5 %."""
    return numbers.format_percent(value, format="#,##0.#%", locale=babel_locale(language))


def format_date(value: date, language: str | None = None, format: str = "long") -> str:
    return dates.format_date(value, format=format, locale=babel_locale(language))


def format_datetime(value: datetime, language: str | None = None, format: str = "medium") -> str:
    return dates.format_datetime(value, format=format, locale=babel_locale(language), tzinfo=value.tzinfo)


def format_short_date(value: date, language: str | None = None) -> str:
    """A date for tables and lists: en "4 Dec 2026", ru "4 дек. 2026 г.", zh-hans "2026年12月4日"."""
    return dates.format_date(value, format="medium", locale=babel_locale(language))


def format_short_datetime(value: datetime, language: str | None = None) -> str:
    """An instant in the reader's zone (the active one), to the minute: en "4 Dec 2026, 15:30",
    ru "4 дек. 2026 г., 15:30", zh-hans "2026年12月4日 15:30"."""
    from django.utils import timezone  # local import: this module is also used outside requests

    if timezone.is_aware(value):
        value = timezone.localtime(value)
    locale = babel_locale(language)
    pattern = str(dates.get_datetime_format("medium", locale=locale))
    return pattern.replace("{1}", format_short_date(value.date(), language)).replace(
        "{0}", dates.format_time(value, format="short", locale=locale)
    )


def country_name(code: str, language: str | None = None) -> str:
    """The ISO 3166-1 alpha-2 code's name in the language (the code itself when unknown)."""
    return babel_locale(language).territories.get(code.upper(), code.upper())


def country_choices(language: str | None = None) -> list[tuple[str, str]]:
    """(code, name) for every ISO 3166-1 alpha-2 country, sorted by name in the language."""
    import pycountry  # local import: the table is large and only forms need it

    locale = babel_locale(language)
    codes = [country.alpha_2 for country in pycountry.countries]
    return sorted(((code, locale.territories.get(code, code)) for code in codes), key=lambda item: item[1])


def language_name(code: str, language: str | None = None) -> str:
    """The name of a language (ISO 639-1 code such as 'ru', 'zh', 'en') in the reader's language."""
    return babel_locale(language).languages.get(code, code)
