"""Writes of the region domain: editing the profile and incentives, recording and routing expressions of interest.

The pipeline reaches expressions of interest through `selectors.expression_of_interest_list` and
`expression_of_interest_mark_routed` below, and hears of each new one through `expression_of_interest_on_created`.
"""

import uuid
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from investbridge.core import i18n, mail
from investbridge.core.permissions import require_role
from investbridge.core.roles import Role
from investbridge.core.urls import absolute_url
from investbridge.directory.models import Sector
from investbridge.region.models import (
    Dimension,
    ExpressionOfInterest,
    Incentive,
    InterestStatus,
    KeyFigure,
    RegionProfile,
)

LANGUAGE_SUFFIXES = ("ru", "zh_hans", "en")

#: The fields an officer may change, per model (per-language variants are expanded below).
PROFILE_FIELDS = ("name", "tagline", "introduction", "contact_address")
#: The profile's fields in one value: the office's mailbox for notices and its public contacts.
PROFILE_PLAIN_FIELDS = ("office_email", "contact_phone", "contact_wechat", "contact_email")
DIMENSION_FIELDS = ("title", "summary", "body")
KEY_FIGURE_TEXT_FIELDS = ("label", "unit", "source_name")
KEY_FIGURE_PLAIN_FIELDS = ("value", "as_of", "source_url", "order")
INCENTIVE_TEXT_FIELDS = ("title", "summary", "body", "eligibility", "source_name")
INCENTIVE_PLAIN_FIELDS = ("slug", "source_url", "valid_from", "valid_to", "is_published", "order")

CONSENT_REQUIRED_MESSAGE = _("We can only contact you with your consent.")
COUNTRY_INVALID_MESSAGE = _("Choose a country from the list.")
STALE_MESSAGE = _(
    "Someone else saved this entry while you were editing it. Reload the page to see their changes, "
    "then make yours again."
)


def translated_names(fields: Iterable[str]) -> list[str]:
    """title -> [title_ru, title_zh_hans, title_en]."""
    return [f"{field}_{suffix}" for field in fields for suffix in LANGUAGE_SUFFIXES]


def _apply(instance: models.Model, data: Mapping[str, Any], allowed: Iterable[str]) -> None:
    allowed_set = set(allowed)
    unknown = set(data) - allowed_set
    if unknown:
        raise ValueError(f"Fields that may not be changed here: {sorted(unknown)}")
    for name, value in data.items():
        text_field = isinstance(instance._meta.get_field(name), models.CharField | models.TextField)
        setattr(instance, name, "" if value is None and text_field else value)


def _require_officer(user: Any) -> None:
    require_role(user, Role.OFFICER, Role.ADMIN)


@transaction.atomic
def profile_create(*, user: Any, slug: str, data: Mapping[str, Any], is_demo: bool = False) -> RegionProfile:
    """A region's profile, to which its dimensions are then added (`dimension_create`)."""
    _require_officer(user)
    profile = RegionProfile(slug=slug, is_demo=is_demo)
    _apply(profile, data, [*translated_names(PROFILE_FIELDS), *PROFILE_PLAIN_FIELDS])
    profile.full_clean()
    profile.save()
    return profile


@transaction.atomic
def dimension_create(*, user: Any, profile: RegionProfile, kind: str, data: Mapping[str, Any]) -> Dimension:
    _require_officer(user)
    dimension = Dimension(profile=profile, kind=kind)
    _apply(dimension, data, [*translated_names(DIMENSION_FIELDS), "order"])
    dimension.full_clean()
    dimension.save()
    return dimension


@transaction.atomic
def profile_update(*, user: Any, profile_id: int, data: Mapping[str, Any]) -> RegionProfile:
    _require_officer(user)
    profile = RegionProfile.objects.select_for_update().get(pk=profile_id)
    _apply(profile, data, [*translated_names(PROFILE_FIELDS), *PROFILE_PLAIN_FIELDS])
    profile.full_clean()
    profile.save()
    return profile


@transaction.atomic
def dimension_update(
    *, user: Any, dimension_id: int, expected_version: int, data: Mapping[str, Any]
) -> Dimension:
    """Change a dimension's texts and order; refuse when someone saved it since `expected_version`."""
    _require_officer(user)
    dimension = Dimension.objects.select_for_update().get(pk=dimension_id)
    if dimension.version != expected_version:
        raise ValidationError(STALE_MESSAGE, code="stale")
    _apply(dimension, data, [*translated_names(DIMENSION_FIELDS), "order"])
    dimension.version += 1
    dimension.full_clean()
    dimension.save()
    return dimension


@transaction.atomic
def key_figure_create(*, user: Any, dimension: Dimension, data: Mapping[str, Any]) -> KeyFigure:
    _require_officer(user)
    figure = KeyFigure(dimension=dimension)
    _apply(figure, data, [*translated_names(KEY_FIGURE_TEXT_FIELDS), *KEY_FIGURE_PLAIN_FIELDS])
    figure.full_clean()
    figure.save()
    return figure


@transaction.atomic
def key_figure_update(*, user: Any, key_figure_id: int, data: Mapping[str, Any]) -> KeyFigure:
    _require_officer(user)
    figure = KeyFigure.objects.select_for_update().get(pk=key_figure_id)
    _apply(figure, data, [*translated_names(KEY_FIGURE_TEXT_FIELDS), *KEY_FIGURE_PLAIN_FIELDS])
    figure.full_clean()
    figure.save()
    return figure


@transaction.atomic
def key_figure_delete(*, user: Any, key_figure_id: int) -> None:
    _require_officer(user)
    KeyFigure.objects.filter(pk=key_figure_id).delete()


@transaction.atomic
def incentive_create(
    *, user: Any, data: Mapping[str, Any], sectors: Iterable[Sector] = (), is_demo: bool = False
) -> Incentive:
    _require_officer(user)
    incentive = Incentive(is_demo=is_demo)
    _apply(incentive, data, [*translated_names(INCENTIVE_TEXT_FIELDS), *INCENTIVE_PLAIN_FIELDS])
    incentive.full_clean()
    incentive.save()
    incentive.sectors.set(list(sectors))
    return incentive


@transaction.atomic
def incentive_update(
    *,
    user: Any,
    incentive_id: int,
    expected_version: int,
    data: Mapping[str, Any],
    sectors: Iterable[Sector] | None = None,
) -> Incentive:
    """Change an incentive; refuse when someone saved it since `expected_version`."""
    _require_officer(user)
    incentive = Incentive.objects.select_for_update().get(pk=incentive_id)
    if incentive.version != expected_version:
        raise ValidationError(STALE_MESSAGE, code="stale")
    _apply(incentive, data, [*translated_names(INCENTIVE_TEXT_FIELDS), *INCENTIVE_PLAIN_FIELDS])
    incentive.version += 1
    incentive.full_clean(exclude=["slug"] if "slug" not in data else None)
    incentive.save()
    if sectors is not None:
        incentive.sectors.set(list(sectors))
    return incentive


def _send_interest_acknowledgement(expression_id: int, *, to_visitor: bool = True) -> None:
    expression = ExpressionOfInterest.objects.get(pk=expression_id)
    profile = RegionProfile.objects.order_by("id").first()
    if to_visitor:
        with translation.override(expression.language):
            context = {"expression": expression, "profile": profile, "site_url": settings.SITE_URL}
            subject = gettext("We have received your expression of interest")
            body = render_to_string("region/email/interest_acknowledgement.txt", context)
        mail.send_mail(
            to=expression.email,
            subject=subject,
            body=body,
            language=expression.language,
            kind="region.interest_acknowledgement",
            related=expression,
        )
    if profile is not None and profile.office_email:
        _notify_office(expression, profile)


def _notify_office(expression: ExpressionOfInterest, profile: RegionProfile) -> None:
    """Tell the office's mailbox, in the office's language, that someone expressed interest."""
    with translation.override(settings.OFFICE_LANGUAGE):
        context = {
            "expression": expression,
            "country": i18n.country_name(expression.country),
            "language": expression.get_language_display(),
            "sectors": [sector.label for sector in expression.sectors.all()],
            "list_url": absolute_url("region:manage_interest_list"),
        }
        subject = gettext("New expression of interest: %(name)s") % {"name": expression.name}
        body = render_to_string("region/email/interest_office_notice.txt", context)
    mail.send_mail(
        to=profile.office_email,
        subject=subject,
        body=body,
        language=settings.OFFICE_LANGUAGE,
        kind="region.interest_office_notice",
        related=expression,
    )


def _same_submission(existing: ExpressionOfInterest, *, email: str) -> ExpressionOfInterest:
    """The expression already recorded under a submission key, when this is the same submission sent again (the
    same e-mail); a key someone else used is refused, so that nobody gets another visitor's expression back."""
    if existing.email.strip().casefold() != email.strip().casefold():
        raise ValidationError(
            {"submission_key": _("This submission key has been used for another submission. Use a new one.")},
            code="submission_key_taken",
        )
    return existing


#: Called with the id of each new (not demo) expression of interest once it is committed. A higher layer registers
#: here (the pipeline queues its routing task, see pipeline/apps.py), so the region imports nothing above it.
_created_listeners: list[Callable[[int], None]] = []


def expression_of_interest_on_created(listener: Callable[[int], None]) -> None:
    """Register `listener(expression_id)` to run after each new expression of interest is committed (once)."""
    if listener not in _created_listeners:
        _created_listeners.append(listener)


def _listener_call(listener: Callable[[int], None], expression_id: int) -> Callable[[], None]:
    # A function, not functools.partial: Django names a failing robust on_commit callback by its __qualname__.
    def notify_listener() -> None:
        listener(expression_id)

    return notify_listener


@transaction.atomic
def expression_of_interest_create(
    *,
    submission_key: uuid.UUID,
    name: str,
    email: str,
    country: str,
    language: str,
    consent: bool,
    consent_source: str,
    organization_name: str = "",
    message: str = "",
    sectors: Iterable[Sector] = (),
    is_demo: bool = False,
    acknowledge: bool = True,
) -> ExpressionOfInterest:
    """Record a visitor's expression of interest and acknowledge it by e-mail in their language.

    Public: anyone may express interest. Sending the same form twice (the same `submission_key`, e.g. a
    double click or a retry) records it once and sends one e-mail. `acknowledge=False` (the door's cap on
    mails to one recipient is reached) sends the visitor nothing; the office is told all the same.
    """
    if not consent:
        raise ValidationError({"consent": CONSENT_REQUIRED_MESSAGE}, code="consent_required")
    if language not in settings.LANGUAGE_CODES:
        raise ValidationError({"language": _("Choose Russian, Chinese or English.")}, code="invalid_language")
    existing = ExpressionOfInterest.objects.filter(submission_key=submission_key).first()
    if existing is not None:
        return _same_submission(existing, email=email)
    expression = ExpressionOfInterest(
        submission_key=submission_key,
        name=name.strip(),
        email=email.strip(),
        organization_name=organization_name.strip(),
        country=country.upper(),
        language=language,
        message=message.strip(),
        consent=True,
        consent_at=timezone.now(),
        consent_source=consent_source,
        is_demo=is_demo,
    )
    expression.full_clean(exclude=["submission_key"])
    try:
        with transaction.atomic():
            expression.save()
    except IntegrityError:
        # Another request with the same key committed first: that one counts.
        return _same_submission(ExpressionOfInterest.objects.get(submission_key=submission_key), email=email)
    expression.sectors.set(list(sectors))
    if not is_demo:
        transaction.on_commit(lambda: _send_interest_acknowledgement(expression.pk, to_visitor=acknowledge))
        for listener in list(_created_listeners):
            # robust: a listener that fails (e.g. the task queue) is logged; the visitor's interest is recorded.
            transaction.on_commit(_listener_call(listener, expression.pk), robust=True)
    return expression


@transaction.atomic
def expression_of_interest_mark_routed(
    *, expression: ExpressionOfInterest, reference: str = "", user: Any = None
) -> ExpressionOfInterest:
    """Mark an expression of interest as routed (e.g. into a pipeline inquiry named by `reference`).

    Routing happens once: a second attempt, even a concurrent one, raises ValidationError.
    When a user acts (not a background task), they must be an officer.
    """
    if user is not None:
        _require_officer(user)
    now = timezone.now()
    updated = ExpressionOfInterest.objects.filter(pk=expression.pk, status=InterestStatus.NEW).update(
        status=InterestStatus.ROUTED, routed_at=now, routed_reference=reference[:200], updated_at=now
    )
    if updated == 0:
        raise ValidationError(
            _("This expression of interest has already been routed."), code="already_routed"
        )
    expression.refresh_from_db()
    return expression
