"""/api/v1/mail/inbound: the inbound-mail webhook. A mail server (or a forwarding service) posts one raw RFC 5322
message as the body (`Content-Type: message/rfc822`), signed with the shared secret
(`INVESTBRIDGE_INBOUND_WEBHOOK_SECRET`): `X-InvestBridge-Signature: sha256=<hex HMAC-SHA256 of the body>`. The
message is recorded by `core.inbound.inbound_mail_record` (docs/mail.md)."""

from typing import Any

from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import exceptions, serializers, status
from rest_framework.parsers import BaseParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from investbridge.api.permissions import InboundMailSigned
from investbridge.api.serializers import ErrorSerializer
from investbridge.api.throttling import InboundMailThrottle, ThrottledMessageMixin
from investbridge.core import inbound
from investbridge.core.models import InboundSource


class RawMessageParser(BaseParser):
    # The body is read by the permission (it checks the signature over it), so nothing is parsed here.
    media_type = "message/rfc822"

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        return {}


class InboundMailView(ThrottledMessageMixin, APIView):
    authentication_classes: list[Any] = []
    permission_classes = [InboundMailSigned]
    throttle_classes = [InboundMailThrottle]
    parser_classes = [RawMessageParser]

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        method = (request.method or "").lower()
        if method not in self.http_method_names or not hasattr(self, method):
            raise exceptions.MethodNotAllowed(request.method or "")  # 405 before the signature's 403
        # Count every post before its signature is checked, so that forged ones are limited too.
        self.check_throttles(request)
        self._throttles_checked = True
        super().initial(request, *args, **kwargs)

    def check_throttles(self, request: Request) -> None:
        if not getattr(self, "_throttles_checked", False):
            super().check_throttles(request)

    @extend_schema(
        request={"message/rfc822": OpenApiTypes.BINARY},
        parameters=[
            OpenApiParameter(
                "X-InvestBridge-Signature",
                str,
                OpenApiParameter.HEADER,
                required=True,
                description="sha256=<hex HMAC-SHA256 of the body with the shared secret>",
            )
        ],
        responses={
            200: inline_serializer(
                "InboundMailRecorded",
                {
                    "id": serializers.IntegerField(),
                    "created": serializers.BooleanField(),
                    "matched": serializers.BooleanField(),
                },
            ),
            201: inline_serializer(
                "InboundMailCreated",
                {
                    "id": serializers.IntegerField(),
                    "created": serializers.BooleanField(),
                    "matched": serializers.BooleanField(),
                },
            ),
            400: ErrorSerializer,
            403: ErrorSerializer,
            413: ErrorSerializer,
            429: ErrorSerializer,
        },
        tags=["mail"],
    )
    def post(self, request: Request) -> Response:
        """Record one raw mail message (a reply to the office). Only a mail server holding the shared secret may
        post (403 otherwise, and always while the secret is not configured); the same Message-ID again answers 200
        with the first record. Larger than INVESTBRIDGE_INBOUND_MAIL_MAX_SIZE: 413. Limited per client address
        (INVESTBRIDGE_INBOUND_WEBHOOK_RATE): 429."""
        raw = InboundMailSigned.body(request)
        try:
            recorded = inbound.inbound_mail_record(raw=raw, source=InboundSource.WEBHOOK)
        except inbound.InboundMailError as error:
            raise exceptions.ParseError(str(error)) from error
        return Response(
            {
                "id": recorded.mail.pk,
                "created": recorded.created,
                "matched": recorded.mail.object_id is not None,
            },
            status=status.HTTP_201_CREATED if recorded.created else status.HTTP_200_OK,
        )


urlpatterns = [path("mail/inbound", InboundMailView.as_view(), name="mail-inbound")]
