"""Token authentication for the API: `Authorization: Token <key>`, for promotion officers and partner staff."""

from typing import Any

from rest_framework import authentication

from investbridge.accounts import services as account_services


class RoleTokenAuthentication(authentication.TokenAuthentication):
    """DRF's token authentication, where only a token of a user allowed API access signs anyone in.

    A token left to a user whose role changed (or one created by hand for another role) carries no rights:
    the request goes on as anonymous, so public endpoints still answer and every other one answers 401.
    Unknown tokens and tokens of deactivated users are refused with 401, as DRF does.
    """

    def authenticate_credentials(self, key: str) -> Any:
        user, token = super().authenticate_credentials(key)
        if not account_services.api_token_allowed(user=user):
            return None
        return user, token
