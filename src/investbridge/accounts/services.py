"""Accounts: creating users and changing their own settings."""

import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from investbridge.accounts.models import User
from investbridge.core.roles import Role


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
