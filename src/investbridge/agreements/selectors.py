"""Reads of the agreements domain, scoped by the user: partner staff see only their own organization's
agreements and obligations; officers see all; everybody else sees nothing."""

from datetime import date
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from investbridge.agreements.models import OPEN_OBLIGATION_STATUSES, Agreement, Evidence, Obligation
from investbridge.core.permissions import has_role
from investbridge.core.roles import Role
from investbridge.directory.models import Organization
from investbridge.pipeline import selectors as pipeline_selectors


def agreements_visible_to(user: Any) -> QuerySet[Agreement]:
    if has_role(user, Role.OFFICER, Role.ADMIN):
        return Agreement.objects.all()
    if has_role(user, Role.PARTNER) and user.organization_id:
        return Agreement.objects.filter(parties=user.organization_id)
    return Agreement.objects.none()


def obligations_visible_to(user: Any, *, open_only: bool = False) -> QuerySet[Obligation]:
    if has_role(user, Role.OFFICER, Role.ADMIN):
        queryset = Obligation.objects.all()
    elif has_role(user, Role.PARTNER) and user.organization_id:
        queryset = Obligation.objects.filter(agreement__parties=user.organization_id)
    else:
        queryset = Obligation.objects.none()
    if open_only:
        queryset = queryset.filter(status__in=OPEN_OBLIGATION_STATUSES)
    return queryset.select_related("agreement", "owner", "officer")


def obligations_owned_by(user: Any, *, open_only: bool = False) -> QuerySet[Obligation]:
    """The obligations the user may act on (submit evidence): officers all of them, partner staff only those
    their own organization owns; in a shared agreement the other parties' obligations are visible to a partner
    (`obligations_visible_to`) but not theirs to act on."""
    queryset = obligations_visible_to(user, open_only=open_only)
    if has_role(user, Role.OFFICER, Role.ADMIN):
        return queryset
    if has_role(user, Role.PARTNER) and user.organization_id:
        return queryset.filter(owner_id=user.organization_id)
    return queryset.none()


def may_submit_evidence(user: Any, obligation: Obligation) -> bool:
    """Whether the user may submit evidence on this obligation (which they can already see)."""
    if has_role(user, Role.OFFICER, Role.ADMIN):
        return True
    return bool(
        has_role(user, Role.PARTNER) and user.organization_id and obligation.owner_id == user.organization_id
    )


def organizations_visible_to(user: Any) -> QuerySet[Organization]:
    """The directory's organizations the user may read through the API. Officers: every active one. Partner
    staff: what their portal shows them, i.e. their own organization, the parties of the agreements they see,
    and the companies they referred (the organizations of their leads). Everybody else: none."""
    active = Organization.objects.filter(merged_into__isnull=True)
    if has_role(user, Role.OFFICER, Role.ADMIN):
        return active
    if has_role(user, Role.PARTNER) and user.organization_id:
        return active.filter(
            Q(pk=user.organization_id)
            | Q(
                pk__in=Agreement.parties.through.objects.filter(
                    agreement__in=agreements_visible_to(user)
                ).values("organization")
            )
            | Q(pk__in=pipeline_selectors.leads_visible_to(user).values("organization"))
        )
    return active.none()


def agreement_list_for(user: Any) -> QuerySet[Agreement]:
    return agreements_visible_to(user).prefetch_related("parties").order_by("-signed_on", "-id")


def agreement_detail_for(user: Any, agreement_id: int) -> Agreement:
    """The agreement if the user may see it; Agreement.DoesNotExist otherwise (answered with 404)."""
    return (
        agreements_visible_to(user)
        .prefetch_related(
            "parties",
            Prefetch("obligations", queryset=Obligation.objects.select_related("owner", "officer")),
        )
        .get(pk=agreement_id)
    )


def obligation_detail_for(user: Any, obligation_id: int) -> Obligation:
    return (
        obligations_visible_to(user)
        .prefetch_related(Prefetch("evidence", queryset=Evidence.objects.select_related("submitted_by")))
        .get(pk=obligation_id)
    )


def obligations_overdue(user: Any, *, today: date | None = None) -> QuerySet[Obligation]:
    return obligations_visible_to(user, open_only=True).filter(due_on__lt=today or timezone.localdate())


def obligations_due_between(user: Any, *, start: date, end: date) -> QuerySet[Obligation]:
    return obligations_visible_to(user, open_only=True).filter(due_on__gte=start, due_on__lte=end)


def obligations_followed_by(officer: Any) -> QuerySet[Obligation]:
    """Open obligations an officer follows (for the officer's digest)."""
    return Obligation.objects.filter(officer=officer, status__in=OPEN_OBLIGATION_STATUSES).select_related(
        "agreement", "owner"
    )


def obligations_for_digest(user: Any, *, due_by: date) -> list[Obligation]:
    """The open obligations due by `due_by` in the user's daily digest: those an officer follows, those of a
    partner's organization. The pipeline's digest gets them through `pipeline.notifications.register_obligations`
    (agreements/apps.py), since the pipeline is below the agreements in the layer order."""
    if has_role(user, Role.OFFICER, Role.ADMIN):
        return list(obligations_followed_by(user).filter(due_on__lte=due_by))
    if has_role(user, Role.PARTNER):
        return list(obligations_visible_to(user, open_only=True).filter(due_on__lte=due_by))
    return []
