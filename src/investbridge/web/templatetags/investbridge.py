"""Template helpers: locale-aware numbers, money and dates (Babel), country names, the language switcher, names of
people and organizations in the reader's script."""

from datetime import date, datetime
from decimal import Decimal

from django import template
from django.http import HttpRequest
from django.urls import translate_url
from django.utils import timezone
from django.utils.safestring import mark_safe

from investbridge.accounts.models import User
from investbridge.core import i18n
from investbridge.core.reader_names import render_reader_name
from investbridge.core.scripts import ReaderName
from investbridge.directory import selectors as directory_selectors
from investbridge.directory.models import Organization, Person

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


def _reader_name(value: object) -> ReaderName:
    """The name of a directory record, a user, a registration or a plain organization name, for this reader."""
    if isinstance(value, ReaderName):
        return value
    if value is None:
        return ReaderName("", "")
    if isinstance(value, Organization):
        return directory_selectors.organization_reader_name(value)
    if isinstance(value, Person):
        return directory_selectors.person_reader_name(value)
    if isinstance(value, User):
        # The directory record only when already loaded (select_related("person")): no query per row of a list.
        person = value._state.fields_cache.get("person")
        if person is not None:
            return directory_selectors.person_reader_name(person)
        return directory_selectors.written_person_name(value.full_name or value.email)
    if hasattr(value, "full_name"):
        return directory_selectors.written_person_name(
            str(getattr(value, "full_name", "") or ""), str(getattr(value, "name_latin", "") or "")
        )
    return directory_selectors.written_organization_name(str(value or ""))


@register.filter
def reader_name(value: object) -> str:
    """{{ organization|reader_name }}, {{ person|reader_name }}, {{ user|reader_name }}, {{ registration|reader_name }}:
    the name in the reader's script (stored, or transliterated and marked), as HTML."""
    return mark_safe(render_reader_name(_reader_name(value)))  # noqa: S308 - built with format_html


@register.filter
def reader_name_text(value: object) -> str:
    """The same as plain text (titles, attributes): "Wang Xiaoming (王小明)"."""
    return _reader_name(value).label


@register.filter
def written_person(name: str | None) -> str:
    """A person's name typed in a form (an inquiry's contact), for the reader: see `reader_name`."""
    return mark_safe(render_reader_name(directory_selectors.written_person_name(name or "")))  # noqa: S308


@register.filter
def person_name(person: object) -> str:
    """A person's name for the reader (kept for the templates that call it so): see `reader_name`."""
    return reader_name(person)
