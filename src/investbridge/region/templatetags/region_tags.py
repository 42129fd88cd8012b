"""Template helpers of the region domain."""

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django import template
from django.conf import settings
from django.utils.translation import get_language

from investbridge.core import i18n
from investbridge.region import selectors
from investbridge.region.models import InterestStatus

register = template.Library()


@register.simple_tag
def content_lang(obj: Any, field: str) -> str:
    """The language of the text that `obj.<field>` shows now: the reader's, or the one it fell back to.

    Templates put it in a `lang` attribute, so a fallback text is announced in its own language.
    """
    current = get_language() or settings.LANGUAGE_CODE
    fallbacks = settings.MODELTRANSLATION_FALLBACK_LANGUAGES["default"]
    for code in (current, *fallbacks):
        if getattr(obj, f"{field}_{code.replace('-', '_')}", ""):
            return code
    return current


@register.simple_tag
def region_interest_panel() -> dict[str, Any]:
    """The officer dashboard panel: how many expressions of interest are new, and the latest five."""
    return {
        "new_count": selectors.expression_of_interest_count_new(),
        "latest": list(selectors.expression_of_interest_list(status=InterestStatus.NEW)[:5]),
    }


@register.filter
def office_datetime(value: datetime | None) -> str:
    """A moment in the office's time zone, formatted for the reader's language."""
    if value is None:
        return ""
    return i18n.format_datetime(value.astimezone(ZoneInfo(settings.OFFICE_TIME_ZONE)), format="short")
