"""Template helpers of the matchmaking domain."""

from typing import Any

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from investbridge.core import i18n
from investbridge.core.reader_names import render_reader_name
from investbridge.matchmaking import agenda, names, reasons, selectors
from investbridge.matchmaking.languages import language_names
from investbridge.matchmaking.scoring import Reason

register = template.Library()


@register.filter
def reason_text(reason: Reason) -> str:
    return reasons.reason_text(reason)


@register.filter
def org_name(profile: Any) -> str:
    """The participant's organization in the reader's script, a transliteration marked (`matchmaking/names.py`)."""
    return mark_safe(render_reader_name(names.organization_reader_name(profile, _language())))  # noqa: S308


@register.filter
def person_name(profile: Any) -> str:
    """The participant's contact person in the reader's script, a transliteration marked."""
    return mark_safe(render_reader_name(names.person_reader_name(profile, _language())))  # noqa: S308


@register.filter
def org_name_text(profile: Any) -> str:
    """The participant's organization as plain text (mails): "Хайнань Е Дао (海南椰岛)"."""
    return names.organization_name(profile, _language())


@register.filter
def person_name_text(profile: Any) -> str:
    return names.person_name(profile, _language())


def _language() -> str:
    language = (get_language() or "en").lower()
    return language if language in ("ru", "zh-hans", "en") else "en"


@register.filter
def kinds(codes: list[str]) -> str:
    return reasons.kinds_label(codes)


@register.filter
def languages(codes: list[str]) -> str:
    return language_names(codes)


@register.simple_tag
def slot_times(slot: Any, event: Any, reader_zone: str | None = None) -> str:
    return agenda.slot_label(slot, event, language=get_language() or "en", reader_zone=reader_zone)


@register.simple_tag(takes_context=True)
def matchmaking_dashboard(context: template.Context) -> dict[str, Any]:
    user = context.get("user")
    return {"events": selectors.events_of_participant(user=user)}


@register.filter
def percent(value: int | float) -> str:
    """A percentage (0–100) in the reader's notation: "42%", "42 %"."""
    return i18n.format_percent(value / 100)


@register.filter
def number(value: int | float) -> str:
    """A number in the reader's notation: "4.2", "4,2"."""
    return i18n.format_number(value)
