"""Template helpers of the pipeline: shares as locale percentages, hours, and money totals per currency."""

from decimal import Decimal
from typing import Any

from django import template

from investbridge.core import i18n

register = template.Library()


@register.filter
def percent(value: float | None) -> str:
    return "—" if value is None else i18n.format_percent(value)


@register.filter
def hours(value: float | None) -> str:
    return "—" if value is None else i18n.format_number(round(Decimal(str(value)), 1))


@register.filter
def money_totals(totals: dict[str, Decimal] | None) -> str:
    if not totals:
        return "—"
    return "; ".join(i18n.format_money(amount, currency) for currency, amount in sorted(totals.items()))


@register.filter
def get_item(mapping: dict, key: object) -> object:
    return mapping.get(key) if mapping else None


@register.filter
def pipeline_summary(user: Any) -> dict[str, int]:
    """Counts for the officer's dashboard panel."""
    from django.db.models import Q

    from investbridge.pipeline import selectors
    from investbridge.pipeline.models import Stage

    awaiting = selectors.inquiries_awaiting_reply()
    return {
        "overdue": selectors.inquiries_overdue().count(),
        "mine": awaiting.filter(assigned_to=user).count(),
        "tasks": selectors.tasks_open_for(user).count(),
        "leads": selectors.leads_visible_to(user).filter(~Q(stage=Stage.LOST)).count(),
    }


@register.filter
def conversion_tables(report: object) -> list[tuple[str, object, str]]:
    from django.utils.translation import gettext as _

    return [
        (_("Per event"), getattr(report, "by_event", []), "events"),
        (_("Per partner"), getattr(report, "by_partner", []), "partners"),
    ]
