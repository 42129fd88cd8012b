"""/api/v1/region: the region profile and incentives (public reads) and expressions of interest (public create).

Texts come in the language asked for with `?lang=ru|zh-hans|en` or the Accept-Language header, falling back to
the office's language where a translation is missing.
"""

import uuid
from typing import Any

import pycountry
from django.conf import settings
from django.http import Http404
from django.urls import path
from django.utils import translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import generics, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from investbridge.api.fields import NameField
from investbridge.api.permissions import Public
from investbridge.api.serializers import ErrorSerializer, RequiredConsentField
from investbridge.api.throttling import InterestThrottle, ThrottledMessageMixin
from investbridge.core import limits
from investbridge.directory.models import Sector
from investbridge.region import selectors, services
from investbridge.region.models import Dimension, ExpressionOfInterest, Incentive, KeyFigure, RegionProfile

LANG_PARAMETER = OpenApiParameter(
    "lang",
    OpenApiTypes.STR,
    OpenApiParameter.QUERY,
    required=False,
    enum=settings.LANGUAGE_CODES,
    description="Language of the texts (default: from Accept-Language).",
)


class LanguageMixin:
    """Activates `?lang=` for the request when given and valid (Accept-Language is handled by the middleware)."""

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        language = request.GET.get("lang")
        if language not in settings.LANGUAGE_CODES:
            return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]
        # Only for this request: render inside the override so no language leaks to the thread's next work.
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = super().dispatch(request, *args, **kwargs)  # type: ignore[misc]
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()
            return response

    def initial(self, request: Any, *args: Any, **kwargs: Any) -> None:
        """An unknown `?lang=` is refused (400) rather than silently answered in another language."""
        super().initial(request, *args, **kwargs)  # type: ignore[misc]
        if "lang" in request.query_params:
            LanguageQuerySerializer(data=request.query_params).is_valid(raise_exception=True)


class LanguageQuerySerializer(serializers.Serializer):
    lang = serializers.ChoiceField(choices=settings.LANGUAGE_CODES)


class KeyFigureSerializer(serializers.ModelSerializer[KeyFigure]):
    class Meta:
        model = KeyFigure
        fields = ["label", "value", "unit", "as_of", "source_name", "source_url"]


class DimensionSerializer(serializers.ModelSerializer[Dimension]):
    key_figures = KeyFigureSerializer(many=True, read_only=True)

    class Meta:
        model = Dimension
        fields = ["kind", "title", "summary", "body", "order", "key_figures"]


class RegionProfileSerializer(serializers.ModelSerializer[RegionProfile]):
    language = serializers.SerializerMethodField()
    dimensions = serializers.SerializerMethodField()

    class Meta:
        model = RegionProfile
        fields = ["slug", "name", "tagline", "introduction", "is_demo", "language", "dimensions"]

    def get_language(self, obj: RegionProfile) -> str:
        return translation.get_language() or settings.LANGUAGE_CODE

    @extend_schema_field(DimensionSerializer(many=True))
    def get_dimensions(self, obj: RegionProfile) -> list[dict[str, Any]]:
        return DimensionSerializer(selectors.dimension_list(profile=obj), many=True).data  # type: ignore[return-value]


class IncentiveSerializer(serializers.ModelSerializer[Incentive]):
    sectors: serializers.Field = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = Incentive
        fields = [
            "slug",
            "title",
            "summary",
            "body",
            "eligibility",
            "source_name",
            "source_url",
            "valid_from",
            "valid_to",
            "sectors",
        ]


class ExpressionOfInterestSerializer(serializers.ModelSerializer[ExpressionOfInterest]):
    submission_key = serializers.UUIDField(
        required=False,
        help_text="A key the client makes up per submission; sending the same key again records it once.",
    )
    sectors: serializers.Field = serializers.SlugRelatedField(
        slug_field="code", many=True, queryset=Sector.objects.all(), required=False
    )
    name = NameField(max_length=200)
    organization_name = NameField(max_length=300, required=False, allow_blank=True)
    country = serializers.CharField(min_length=2, max_length=2, help_text="ISO 3166-1 alpha-2 code, e.g. RU.")
    consent = RequiredConsentField(help_text="Must be true: the visitor agrees to be contacted.")

    class Meta:
        model = ExpressionOfInterest
        fields = [
            "id",
            "submission_key",
            "name",
            "email",
            "organization_name",
            "country",
            "language",
            "sectors",
            "message",
            "consent",
            "status",
            "created_at",
        ]
        read_only_fields = ["id", "status", "created_at"]

    def validate_country(self, value: str) -> str:
        if pycountry.countries.get(alpha_2=value.upper()) is None:
            raise serializers.ValidationError(str(services.COUNTRY_INVALID_MESSAGE))
        return value.upper()

    def validate_consent(self, value: bool) -> bool:
        if not value:
            raise serializers.ValidationError(str(services.CONSENT_REQUIRED_MESSAGE))
        return value


class RegionProfileView(LanguageMixin, APIView):
    permission_classes = [Public]

    @extend_schema(parameters=[LANG_PARAMETER], responses=RegionProfileSerializer, tags=["region"])
    def get(self, request: Request) -> Response:
        """The region profile: its six dimensions with key figures, in the requested language."""
        profile = selectors.profile_get()
        if profile is None:
            raise Http404
        return Response(RegionProfileSerializer(profile).data)


class IncentiveListView(LanguageMixin, generics.ListAPIView[Incentive]):
    """The incentives and policies valid today, in the requested language."""

    permission_classes = [Public]
    serializer_class = IncentiveSerializer

    def get_queryset(self) -> Any:
        return selectors.incentive_list()

    @extend_schema(parameters=[LANG_PARAMETER], tags=["region"])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class ExpressionOfInterestCreateView(LanguageMixin, ThrottledMessageMixin, APIView):
    permission_classes = [Public]
    throttle_classes = [InterestThrottle]

    @extend_schema(
        request=ExpressionOfInterestSerializer,
        responses={201: ExpressionOfInterestSerializer, 429: ErrorSerializer},
        tags=["region"],
    )
    def post(self, request: Request) -> Response:
        """Express interest in investing (anyone may; an acknowledgement e-mail goes out in `language`).

        Limited per client address (INVESTBRIDGE_REGION_INTEREST_RATE, shared with the web form): 429 with code
        throttled and Retry-After. Mails to one address are capped (INVESTBRIDGE_MAIL_RECIPIENT_RATE): over the
        cap the expression is recorded and answered the same, without the acknowledgement e-mail."""
        serializer = ExpressionOfInterestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        expression = services.expression_of_interest_create(
            submission_key=data.get("submission_key") or uuid.uuid4(),
            name=data["name"],
            email=data["email"],
            organization_name=data.get("organization_name", ""),
            country=data["country"],
            language=data["language"],
            sectors=data.get("sectors", []),
            message=data.get("message", ""),
            consent=data["consent"],
            consent_source="api /api/v1/region/interest",
            acknowledge=limits.recipient_allowed(data["email"]),
        )
        return Response(ExpressionOfInterestSerializer(expression).data, status=status.HTTP_201_CREATED)


urlpatterns = [
    path("region/profile", RegionProfileView.as_view(), name="region-profile"),
    path("region/incentives", IncentiveListView.as_view(), name="region-incentives"),
    path("region/interest", ExpressionOfInterestCreateView.as_view(), name="region-interest"),
]
