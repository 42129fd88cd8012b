"""API of agreements: agreements and obligations (officers: all; partner staff: their own organization's only,
anything else answers 404), obligation status (officers) and referrals (partner staff)."""

from typing import Any

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from investbridge.agreements import selectors, services
from investbridge.agreements.models import Agreement, Obligation, ObligationStatus
from investbridge.api.fields import NameField
from investbridge.api.permissions import IsOfficerOrPartner, IsPartner
from investbridge.core.permissions import has_role
from investbridge.core.roles import Role
from investbridge.pipeline import services as pipeline_services


class ObligationSerializer(serializers.ModelSerializer):
    owner_name = serializers.CharField(source="owner.name", read_only=True)

    class Meta:
        model = Obligation
        fields = [
            "id",
            "agreement",
            "title",
            "description",
            "kind",
            "owner",
            "owner_name",
            "due_on",
            "target_count",
            "status",
        ]
        read_only_fields = fields


class AgreementSerializer(serializers.ModelSerializer):
    parties: Any = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    obligations = ObligationSerializer(many=True, read_only=True)

    class Meta:
        model = Agreement
        fields = [
            "id",
            "title",
            "summary",
            "kind",
            "parties",
            "signed_on",
            "signing_method",
            "valid_from",
            "valid_until",
            "document_sha256",
            "document_size",
            "obligations",
        ]
        read_only_fields = fields


class ObligationStatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=ObligationStatus.choices)


class ReferralSerializer(serializers.Serializer):
    company_name = NameField(max_length=300)
    country = serializers.RegexField(r"^[A-Za-z]{2}$")
    contact_name = NameField(max_length=200)
    contact_email = serializers.EmailField()
    language = serializers.ChoiceField(choices=settings.LANGUAGES)
    description = serializers.CharField(max_length=5000)
    projected_investment = serializers.DecimalField(
        max_digits=16, decimal_places=2, min_value=0, required=False, allow_null=True, default=None
    )  # type: ignore[arg-type]
    projected_currency = serializers.CharField(max_length=3, default="USD")


class ReferralCreatedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    stage = serializers.CharField()


class AgreementList(generics.ListAPIView):
    permission_classes = [IsOfficerOrPartner]
    serializer_class = AgreementSerializer

    def get_queryset(self) -> Any:
        return selectors.agreement_list_for(self.request.user).prefetch_related("obligations__owner")


class AgreementDetail(APIView):
    permission_classes = [IsOfficerOrPartner]

    @extend_schema(responses=AgreementSerializer, summary="Read an agreement")
    def get(self, request: Request, pk: int) -> Response:
        try:
            agreement = selectors.agreement_detail_for(request.user, pk)
        except Agreement.DoesNotExist as error:
            raise Http404 from error
        return Response(AgreementSerializer(agreement).data)


class ObligationList(generics.ListAPIView):
    permission_classes = [IsOfficerOrPartner]
    serializer_class = ObligationSerializer

    def get_queryset(self) -> Any:
        return selectors.obligations_visible_to(self.request.user).order_by("due_on", "id")


class ObligationDetail(APIView):
    permission_classes = [IsOfficerOrPartner]

    def _get(self, request: Request, pk: int) -> Obligation:
        try:
            return selectors.obligation_detail_for(request.user, pk)
        except Obligation.DoesNotExist as error:
            raise Http404 from error

    @extend_schema(responses=ObligationSerializer, summary="Read an obligation")
    def get(self, request: Request, pk: int) -> Response:
        return Response(ObligationSerializer(self._get(request, pk)).data)

    @extend_schema(
        request=ObligationStatusSerializer,
        responses=ObligationSerializer,
        summary="Set the status (officers)",
    )
    def patch(self, request: Request, pk: int) -> Response:
        obligation = self._get(request, pk)
        if not has_role(request.user, Role.OFFICER):
            self.permission_denied(request)
        serializer = ObligationStatusSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        updated = services.obligation_set_status(
            user=request.user, obligation_id=obligation.pk, status=serializer.validated_data["status"]
        )
        return Response(ObligationSerializer(updated).data)


class ReferralCreate(APIView):
    permission_classes = [IsPartner]

    @extend_schema(
        request=ReferralSerializer,
        responses={201: ReferralCreatedSerializer},
        summary="Refer a company (partner staff)",
    )
    def post(self, request: Request) -> Response:
        serializer = ReferralSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            lead = pipeline_services.lead_referral_create(user=request.user, **serializer.validated_data)
        except ObjectDoesNotExist as error:
            raise Http404 from error
        return Response({"id": lead.pk, "stage": lead.stage}, status=status.HTTP_201_CREATED)


urlpatterns = [
    path("agreements", AgreementList.as_view(), name="agreement-list"),
    path("agreements/<int:pk>", AgreementDetail.as_view(), name="agreement-detail"),
    path("obligations", ObligationList.as_view(), name="obligation-list"),
    path("obligations/<int:pk>", ObligationDetail.as_view(), name="obligation-detail"),
    path("referrals", ReferralCreate.as_view(), name="referral-create"),
]
