"""Token authentication for the API: `Authorization: Token <key>`, for promotion officers and partner staff."""

from typing import Any

from django.utils.translation import gettext as _
from rest_framework import authentication, exceptions

from investbridge.accounts import services as account_services
from investbridge.core.tokens import is_well_formed_token


class RoleTokenAuthentication(authentication.TokenAuthentication):
    """DRF's token authentication, where only a token of a user allowed API access signs anyone in.

    A token left to a user whose role changed (or one created by hand for another role) carries no rights:
    the request goes on as anonymous, so public endpoints still answer and every other one answers 401.
    Unknown tokens and tokens of deactivated users are refused with 401, as DRF does.
    """

    def authenticate_credentials(self, key: str) -> Any:
        # A key that no token can be (a NUL byte, other letters) is refused before the database sees it:
        # PostgreSQL cannot even compare text with a NUL in it.
        if not is_well_formed_token(key):
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        user, token = super().authenticate_credentials(key)
        if not account_services.api_token_allowed(user=user):
            return None
        return user, token
