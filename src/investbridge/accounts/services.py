"""Accounts: creating users and changing their own settings."""

import zoneinfo

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from investbridge.accounts.models import User
from investbridge.core.permissions import has_role
from investbridge.core.roles import Role

#: Roles that may hold an API token (administrators pass as officers).
API_TOKEN_ROLES = (Role.OFFICER, Role.PARTNER)


@transaction.atomic
def user_create(
    *,
    email: str,
    password: str | None,
    full_name: str = "",
    role: str = Role.COMPANY,
    language: str = settings.LANGUAGE_CODE,
    time_zone: str = settings.OFFICE_TIME_ZONE,
    organization_id: int | None = None,
) -> User:
    if role not in Role.values:
        raise ValidationError(_("Unknown role."))
    is_admin = role == Role.ADMIN
    user = User(
        email=User.objects.normalize_email(email).lower(),
        full_name=full_name,
        role=role,
        language=language,
        time_zone=time_zone,
        organization_id=organization_id,
        is_staff=is_admin,
        is_superuser=is_admin,
    )
    user.set_password(password)
    user.full_clean()
    user.save()
    return user


@transaction.atomic
def user_set_language(*, user: User, language: str) -> None:
    if language in settings.LANGUAGE_CODES and user.language != language:
        user.language = language
        user.save(update_fields=["language"])


@transaction.atomic
def user_update_preferences(*, user: User, full_name: str, language: str, time_zone: str) -> User:
    if language not in settings.LANGUAGE_CODES:
        raise ValidationError({"language": _("Choose one of the offered languages.")})
    try:
        zoneinfo.ZoneInfo(time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as error:
        raise ValidationError({"time_zone": _("Unknown time zone.")}) from error
    user.full_name = full_name.strip()
    user.language = language
    user.time_zone = time_zone
    user.save(update_fields=["full_name", "language", "time_zone"])
    return user


def api_token_allowed(*, user: User) -> bool:
    """Whether the user may use the API with a token: active promotion officers, administrators, partners."""
    return has_role(user, *API_TOKEN_ROLES)


@transaction.atomic
def api_token_issue(*, user: User) -> str:
    """The user's API token (created on first use); PermissionDenied with a clear message for other roles."""
    if not api_token_allowed(user=user):
        raise PermissionDenied(_("API tokens are only for promotion officers and partner staff."))
    token, _created = Token.objects.get_or_create(user=user)
    return token.key


@transaction.atomic
def api_token_revoke(*, user: User) -> bool:
    """Delete the user's API token; True when there was one."""
    deleted, _details = Token.objects.filter(user=user).delete()
    return deleted > 0
