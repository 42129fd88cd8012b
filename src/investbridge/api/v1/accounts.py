"""API of the accounts domain: tokens (`/api/v1/auth/token`) and the signed-in user (`/api/v1/me`)."""

import math
from typing import Any, NoReturn

from django.contrib.auth import authenticate
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from investbridge.accounts import lockout, services
from investbridge.accounts.models import User
from investbridge.api.authentication import RoleTokenAuthentication
from investbridge.api.permissions import IsAuthenticatedUser, Public
from investbridge.api.serializers import ErrorSerializer
from investbridge.api.throttling import AddressThrottle


class CredentialsSerializer(serializers.Serializer):
    email = serializers.EmailField()
    password = serializers.CharField(trim_whitespace=False, style={"input_type": "password"})

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        # Django's request, not DRF's: django-axes marks a locked-out attempt on it (`axes_locked_out`).
        request = getattr(self.context["request"], "_request", self.context["request"])
        user = authenticate(request, username=attrs["email"].strip().lower(), password=attrs["password"])
        if user is None and getattr(request, "axes_locked_out", False):
            raise SignInLocked()
        if user is None:
            raise serializers.ValidationError(
                _("The e-mail address or the password is not correct."), code="invalid_credentials"
            )
        attrs["user"] = user
        return attrs


class UserSerializer(serializers.ModelSerializer):
    organization_name = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = [
            "id",
            "email",
            "full_name",
            "role",
            "language",
            "time_zone",
            "organization",
            "organization_name",
        ]
        read_only_fields = fields

    def get_organization_name(self, user: User) -> str | None:
        return str(user.organization) if user.organization_id else None


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="Send it as `Authorization: Token <token>`.")
    user = UserSerializer()


class TooManyAttempts(exceptions.Throttled):
    """429 with a message that says what happened and when to try again, in the request's language."""

    wait: int  # seconds; the error handler sends it as Retry-After

    def __init__(self, *, seconds: int) -> None:
        super().__init__(
            detail=ngettext(
                "Too many attempts to sign in from your address. Try again in %(seconds)d second.",
                "Too many attempts to sign in from your address. Try again in %(seconds)d seconds.",
                seconds,
            )
            % {"seconds": seconds}
        )
        self.wait = seconds


class SignInLocked(exceptions.Throttled):
    """429 while django-axes locks the account or the client address out (too many failed attempts): the same
    answer whether the account exists or not."""

    def __init__(self) -> None:
        super().__init__(detail=lockout.locked_out_message(), code="locked_out")
        self.wait = lockout.cool_off_seconds()


class TokenAttemptThrottle(AddressThrottle):
    """Limits attempts to get a token per client address (INVESTBRIDGE_API_TOKEN_RATE), against password
    guessing. Only POST counts: revoking a token needs the token itself."""

    scope = "auth_token"
    rate_setting = "API_TOKEN_RATE"


class TokenView(APIView):
    """Exchange an officer's or partner's e-mail and password for an API token; delete it to sign out."""

    permission_classes = [Public]
    throttle_classes = [TokenAttemptThrottle]
    # Token only (no session, so no CSRF check); POST carries its credentials in the body instead.
    authentication_classes = [RoleTokenAuthentication]

    def perform_authentication(self, request: Request) -> None:
        if request.method != "POST":
            super().perform_authentication(request)

    def throttled(self, request: Request, wait: float | None) -> NoReturn:
        raise TooManyAttempts(seconds=max(1, math.ceil(wait or 1)))

    def get_permissions(self) -> list[Any]:
        if self.request.method == "DELETE":
            return [IsAuthenticatedUser()]
        return list(super().get_permissions())

    @extend_schema(
        operation_id="auth_token_create",
        summary="Get an API token",
        description=(
            "For promotion officers, administrators and partner staff. The same token is returned until it is "
            "revoked. Other roles get 403 with code permission_denied. Attempts are limited per client address "
            "(INVESTBRIDGE_API_TOKEN_RATE, by default 10 a minute); more get 429 with code throttled and a "
            "Retry-After header. After INVESTBRIDGE_SIGN_IN_FAILURE_LIMIT failed attempts (default 5) for one "
            "account or from one client address, web and API sign-in are locked for "
            "INVESTBRIDGE_SIGN_IN_COOLOFF_MINUTES (default 15): 429 with code locked_out and a Retry-After "
            "header, whether or not the account exists."
        ),
        request=CredentialsSerializer,
        responses={200: TokenSerializer, 400: ErrorSerializer, 403: ErrorSerializer, 429: ErrorSerializer},
        examples=[
            OpenApiExample(
                "Officer",
                value={"email": "officer@investbridge.demo", "password": "investbridge-demo"},
                request_only=True,
            )
        ],
        auth=[],
    )
    def post(self, request: Request) -> Response:
        serializer = CredentialsSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        user = serializer.validated_data["user"]
        key = services.api_token_issue(user=user)
        return Response({"token": key, "user": UserSerializer(user).data})

    @extend_schema(
        operation_id="auth_token_delete",
        summary="Revoke the token used for this request",
        description="Sign out of the API: the token stops working at once.",
        request=None,
        responses={204: None, 401: ErrorSerializer},
    )
    def delete(self, request: Request) -> Response:
        services.api_token_revoke(user=request.user)  # type: ignore[arg-type]
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeView(APIView):
    """The user the request is authenticated as."""

    permission_classes = [IsAuthenticatedUser]

    @extend_schema(
        operation_id="me_retrieve",
        summary="The signed-in user",
        responses={200: UserSerializer, 401: ErrorSerializer},
    )
    def get(self, request: Request) -> Response:
        return Response(UserSerializer(request.user).data)


urlpatterns = [
    path("auth/token", TokenView.as_view(), name="auth-token"),
    path("me", MeView.as_view(), name="me"),
]
