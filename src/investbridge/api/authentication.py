"""Token authentication for the API: `Authorization: Token <key>`, for promotion officers and partner staff."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from investbridge.accounts import services as account_services


class RoleTokenAuthentication(authentication.TokenAuthentication):
    """DRF's token authentication, refusing tokens of users whose role no longer allows API access."""

    def authenticate_credentials(self, key: str) -> tuple[Any, Any]:
        user, token = super().authenticate_credentials(key)
        if not account_services.api_token_allowed(user=user):
            raise exceptions.AuthenticationFailed(_("This account may no longer use the API."))
        return user, token
