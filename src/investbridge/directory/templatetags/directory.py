"""Template helpers of the directory: dashboard figures, ISIC labels, language names."""

import phonenumbers
from babel.lists import format_list
from django import template

from investbridge.core import i18n
from investbridge.directory import isic, selectors

register = template.Library()


@register.simple_tag
def directory_counts() -> dict[str, int]:
    return selectors.directory_counts()


@register.filter
def isic_label(code: str) -> str:
    return isic.label(code)


@register.filter
def language_names(codes: list[str] | None) -> str:
    """["ru", "zh"] -> "Russian, Chinese" in the reader's language."""
    names = [i18n.language_name(code) for code in codes or []]
    return format_list(names, locale=i18n.babel_locale()) if names else ""


@register.filter
def phone(value: str | None) -> str:
    """+79161234567 -> "+7 916 123-45-67" (stored in E.164, shown in the international format)."""
    if not value:
        return ""
    try:
        number = phonenumbers.parse(value, None)
    except phonenumbers.NumberParseException:
        return value
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
