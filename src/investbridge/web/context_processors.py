from typing import Any

from django.conf import settings
from django.http import HttpRequest

from investbridge.core.permissions import has_role
from investbridge.core.roles import Role


def site(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    return {
        "office_time_zone": settings.OFFICE_TIME_ZONE,
        "is_officer": has_role(user, Role.OFFICER),
        "is_admin": has_role(user, Role.ADMIN),
        "is_partner": has_role(user, Role.PARTNER),
        "is_company": has_role(user, Role.COMPANY),
    }
