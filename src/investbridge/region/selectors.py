"""Reads of the region domain, used by pages, the API, the dashboard and the pipeline."""

from datetime import date

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from investbridge.region.models import (
    Dimension,
    ExpressionOfInterest,
    Incentive,
    InterestStatus,
    KeyFigure,
    RegionProfile,
)


def profile_get() -> RegionProfile | None:
    """The region the office presents (the first profile; an installation has one)."""
    return RegionProfile.objects.order_by("id").first()


def dimension_list(*, profile: RegionProfile) -> QuerySet[Dimension]:
    """The profile's dimensions in order, each with its key figures prefetched."""
    return profile.dimensions.prefetch_related(
        Prefetch("key_figures", queryset=KeyFigure.objects.order_by("order", "id"))
    ).order_by("order", "id")


def incentive_list(*, current_only: bool = True, today: date | None = None) -> QuerySet[Incentive]:
    """Published incentives; with `current_only`, those valid today (open-ended dates count as valid)."""
    queryset = Incentive.objects.filter(is_published=True).prefetch_related("sectors")
    if current_only:
        day = today or timezone.localdate()
        queryset = queryset.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day)
        )
    return queryset.order_by("order", "id")


def incentive_get(*, slug: str) -> Incentive | None:
    return Incentive.objects.filter(slug=slug, is_published=True).prefetch_related("sectors").first()


def incentive_list_all() -> QuerySet[Incentive]:
    """Every incentive, published or not, for the back office."""
    return Incentive.objects.prefetch_related("sectors").order_by("order", "id")


def expression_of_interest_list(*, status: str | None = None) -> QuerySet[ExpressionOfInterest]:
    """Expressions of interest, newest first; `status` is "new" or "routed" (None: all)."""
    queryset = ExpressionOfInterest.objects.prefetch_related("sectors").order_by("-created_at", "-id")
    if status is not None:
        queryset = queryset.filter(status=status)
    return queryset


def expression_of_interest_count_new() -> int:
    return ExpressionOfInterest.objects.filter(status=InterestStatus.NEW).count()


def landing_page_data(*, incentive_limit: int = 4) -> dict[str, object]:
    """What the public landing page shows: the profile, its dimensions with key figures, current incentives."""
    profile = profile_get()
    if profile is None:
        return {"profile": None, "dimensions": [], "incentives": [], "more_incentives": False}
    incentives = list(incentive_list()[: incentive_limit + 1])
    return {
        "profile": profile,
        "dimensions": list(dimension_list(profile=profile)),
        "incentives": incentives[:incentive_limit],
        "more_incentives": len(incentives) > incentive_limit,
    }
