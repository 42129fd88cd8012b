"""Template helpers of the directory: dashboard figures, ISIC labels, language names."""

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
