"""Template helpers of the agreements domain."""

from django import template

from investbridge.agreements import selectors

register = template.Library()


@register.filter
def agreements_summary(user: object) -> dict[str, int]:
    return {
        "agreements": selectors.agreements_visible_to(user).count(),
        "overdue": selectors.obligations_overdue(user).count(),
    }
