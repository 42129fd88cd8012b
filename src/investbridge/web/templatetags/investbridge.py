"""Template helpers: locale-aware numbers, money and dates (Babel), country names, the language switcher."""

from datetime import date, datetime
from decimal import Decimal

from django import template
from django.http import HttpRequest
from django.urls import translate_url
from django.utils import timezone

from investbridge.core import i18n

register = template.Library()


@register.filter
def money(amount: Decimal | float | None, currency: str = "USD") -> str:
    return "" if amount is None else i18n.format_money(amount, currency)


@register.filter
def number(value: Decimal | float | int | None) -> str:
    return "" if value is None else i18n.format_number(value)


@register.filter
def longdate(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = _localdate(value)
    return i18n.format_date(value)


@register.filter
def shortdate(value: date | datetime | None) -> str:
    """A date in tables and lists, formatted by Babel for the reader ("4 Dec 2026"); never Django's `date`."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime):
        return i18n.format_short_date(_localdate(value))
    return i18n.format_short_date(value)


@register.filter
def shortdatetime(value: datetime | None) -> str:
    """An instant in the reader's zone, to the minute, formatted by Babel ("4 Dec 2026, 15:30")."""
    if value is None or value == "":
        return ""
    return i18n.format_short_datetime(value)


def _localdate(value: datetime) -> date:
    return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()


@register.filter
def country(code: str | None) -> str:
    return i18n.country_name(code) if code else ""


@register.simple_tag(takes_context=True)
def translated_url(context: template.Context, language: str) -> str:
    """This page's address in another language (/ru/... -> /en/...)."""
    request: HttpRequest | None = context.get("request")
    if request is None:
        return f"/{language}/"
    return translate_url(request.get_full_path(), language)


def _script(text: str) -> str | None:
    for char in text:
        if "\u4e00" <= char <= "\u9fff":
            return "zh-hans"
        if "\u0400" <= char <= "\u04ff":
            return "ru"
    return None


@register.filter
def person_name(person: object) -> str:
    """A person's name as written, with the Latin transliteration when the reader may not read its script
    (李明 on a Russian page: "李明 (Li Ming)"; Иван Петров on a Chinese page: "Иван Петров (Ivan Petrov)")."""
    full_name = str(getattr(person, "full_name", "") or person)
    latin = getattr(person, "name_latin", "") or ""
    script = _script(full_name)
    if latin and script is not None and script != i18n.current_language():
        return f"{full_name} ({latin})"
    return full_name
