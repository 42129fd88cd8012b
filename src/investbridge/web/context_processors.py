from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from investbridge.core.permissions import has_role
from investbridge.core.roles import Role
from investbridge.region import selectors as region_selectors


def site(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    return {
        "office_time_zone": settings.OFFICE_TIME_ZONE,
        "is_officer": has_role(user, Role.OFFICER),
        "is_admin": has_role(user, Role.ADMIN),
        "is_partner": has_role(user, Role.PARTNER),
        "is_company": has_role(user, Role.COMPANY),
        # The office's contacts in every page's footer: read only when a page renders the footer (one query).
        "office_profile": SimpleLazyObject(region_selectors.profile_get),
    }
