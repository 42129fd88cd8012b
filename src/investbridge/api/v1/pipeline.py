"""API of the pipeline: inquiries (public create; officers read and update) and leads (officers; partner staff
read the leads their organization referred)."""

from typing import Any

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from investbridge.api.fields import NameField
from investbridge.api.permissions import IsOfficer, IsOfficerOrPartner
from investbridge.api.schema import ShapesByRoleSerializer
from investbridge.api.serializers import POSITIVE_INT_MAX, ErrorSerializer, RequiredConsentField
from investbridge.api.throttling import InquiryThrottle, ThrottledMessageMixin
from investbridge.core import limits
from investbridge.core.permissions import has_role
from investbridge.core.roles import Role
from investbridge.pipeline import selectors, services
from investbridge.pipeline.models import (
    CooperationKind,
    Inquiry,
    InquiryStatus,
    InvestmentRange,
    Lead,
    LeadSource,
    LostReason,
    Stage,
)


class PublicCreateOfficerRead(BasePermission):
    """Anyone may POST an inquiry; only officers may list them."""

    def has_permission(self, request: Request, view: Any) -> bool:
        if request.method == "POST":
            return True
        return has_role(request.user, Role.OFFICER, Role.ADMIN)


class InquiryCreateSerializer(serializers.Serializer):
    company_name = NameField(max_length=300)
    contact_name = NameField(max_length=200)
    email = serializers.EmailField()
    phone = serializers.CharField(max_length=30, required=False, default="", allow_blank=True)
    country = serializers.RegexField(r"^[A-Za-z]{2}$", help_text="ISO 3166-1 alpha-2 code, e.g. RU.")
    sectors = serializers.ListField(
        child=serializers.RegexField(r"^[A-U]$"),
        required=False,
        default=list,
        help_text="ISIC Rev.4 section codes.",
    )
    cooperation_kind = serializers.ChoiceField(choices=CooperationKind.choices)
    investment_range = serializers.ChoiceField(
        choices=InvestmentRange.choices, default=InvestmentRange.UNKNOWN
    )
    message = serializers.CharField(max_length=5000)
    language = serializers.ChoiceField(choices=settings.LANGUAGES)
    consent = RequiredConsentField(help_text="Must be true: we answer only with the inquirer's consent.")


class InquirySerializer(serializers.ModelSerializer):
    sectors: Any = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    sla = serializers.SerializerMethodField(
        help_text="answered_on_time, answered_late, overdue, due_soon, open or closed"
    )
    first_reply_hours = serializers.SerializerMethodField()
    first_reply_language = serializers.CharField(read_only=True, help_text="Empty until the first reply.")

    class Meta:
        model = Inquiry
        fields = [
            "id",
            "company_name",
            "contact_name",
            "email",
            "phone",
            "country",
            "sectors",
            "cooperation_kind",
            "investment_range",
            "message",
            "language",
            "channel",
            "status",
            "assigned_to",
            "received_at",
            "reply_due_at",
            "first_reply_at",
            "first_reply_language",
            "sla",
            "first_reply_hours",
        ]
        read_only_fields = fields

    def get_sla(self, inquiry: Inquiry) -> str:
        return selectors.inquiry_sla_state(inquiry)

    def get_first_reply_hours(self, inquiry: Inquiry) -> float | None:
        return selectors.inquiry_first_reply_hours(inquiry)


class InquiryCreatedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    reply_due_at = serializers.DateTimeField()


class InquiryUpdateSerializer(serializers.Serializer):
    assigned_to = serializers.IntegerField(required=False, help_text="The id of an active officer.")
    status = serializers.ChoiceField(choices=InquiryStatus.choices, required=False)


class InquiryListCreate(ThrottledMessageMixin, generics.GenericAPIView):
    permission_classes = [PublicCreateOfficerRead]
    serializer_class = InquirySerializer
    throttle_classes = [InquiryThrottle]  # POST only: officers' reading is not limited

    def get_queryset(self) -> Any:
        return selectors.inquiry_list_for(self.request.user).order_by("-received_at", "-id")

    @extend_schema(responses=InquirySerializer(many=True), summary="List inquiries (officers)")
    def get(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(InquirySerializer(page, many=True).data)

    @extend_schema(
        request=InquiryCreateSerializer,
        responses={201: InquiryCreatedSerializer, 429: ErrorSerializer},
        summary="Send an inquiry (public)",
        description=(
            "Limited per client address (INVESTBRIDGE_PIPELINE_INQUIRY_RATE, shared with the web form): 429 with "
            "code throttled and Retry-After. Mails to one address are capped (INVESTBRIDGE_MAIL_RECIPIENT_RATE): "
            "over the cap the inquiry is recorded and answered the same, but no mail goes to that address."
        ),
    )
    def post(self, request: Request) -> Response:
        serializer = InquiryCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        # Over the cap on mails to this address (INVESTBRIDGE_MAIL_RECIPIENT_RATE) no mail goes to it (neither the
        # acknowledgement nor the directory's confirmation link); the answer is the same.
        mail_allowed = limits.recipient_allowed(data["email"])
        with limits.mail_held_back(data["email"], hold=not mail_allowed):
            inquiry = services.inquiry_create(
                company_name=data["company_name"],
                contact_name=data["contact_name"],
                email=data["email"],
                phone=data["phone"],
                country=data["country"],
                sector_codes=data["sectors"],
                cooperation_kind=data["cooperation_kind"],
                investment_range=data["investment_range"],
                message=data["message"],
                language=data["language"],
                consent=data["consent"],
                channel="api",
                acknowledge=mail_allowed,
            )
        return Response(
            {"id": inquiry.pk, "reply_due_at": inquiry.reply_due_at}, status=status.HTTP_201_CREATED
        )


class InquiryDetail(APIView):
    permission_classes = [IsOfficer]

    def _get(self, request: Request, pk: int) -> Inquiry:
        try:
            return selectors.inquiry_list_for(request.user).get(pk=pk)
        except Inquiry.DoesNotExist as error:
            raise Http404 from error

    @extend_schema(responses=InquirySerializer, summary="Read an inquiry")
    def get(self, request: Request, pk: int) -> Response:
        return Response(InquirySerializer(self._get(request, pk)).data)

    @extend_schema(
        request=InquiryUpdateSerializer, responses=InquirySerializer, summary="Assign or change the status"
    )
    def patch(self, request: Request, pk: int) -> Response:
        inquiry = self._get(request, pk)
        serializer = InquiryUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.inquiry_update(
            user=request.user,
            inquiry_id=inquiry.pk,
            assigned_to_id=serializer.validated_data.get("assigned_to"),
            status=serializer.validated_data.get("status"),
        )
        return Response(InquirySerializer(self._get(request, pk)).data)


class LeadSerializer(serializers.ModelSerializer):
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    lost_reason = serializers.ChoiceField(
        choices=LostReason.choices,
        allow_blank=True,
        read_only=True,
        help_text="Empty unless the lead is lost.",
    )
    source_event_id = serializers.IntegerField(read_only=True, allow_null=True, label="Source event")

    class Meta:
        model = Lead
        fields = [
            "id",
            "title",
            "organization",
            "organization_name",
            "stage",
            "lost_reason",
            "source",
            "source_event_id",
            "source_partner",
            "owner",
            "projected_investment",
            "projected_currency",
            "realised_investment",
            "realised_currency",
            "projected_jobs",
            "realised_jobs",
            "uscc",
            "version",
            "created_at",
            "stage_changed_at",
        ]
        read_only_fields = fields


class PartnerLeadSerializer(serializers.ModelSerializer):
    """What partner staff see of the leads they referred: the company and its progress."""

    organization_name = serializers.CharField(source="organization.name", read_only=True)

    class Meta:
        model = Lead
        fields = ["id", "organization_name", "stage", "created_at", "stage_changed_at"]
        read_only_fields = fields


class LeadCreateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=300, required=False, default="", allow_blank=True)
    company_name = NameField(max_length=300)
    country = serializers.RegexField(r"^[A-Za-z]{2}$")
    language = serializers.ChoiceField(choices=settings.LANGUAGES)
    source = serializers.ChoiceField(choices=LeadSource.choices, default=LeadSource.DIRECT)  # type: ignore[assignment]
    source_event_id = serializers.IntegerField(
        min_value=1, max_value=POSITIVE_INT_MAX, required=False, allow_null=True, default=None
    )
    source_partner_id = serializers.IntegerField(
        min_value=1, max_value=POSITIVE_INT_MAX, required=False, allow_null=True, default=None
    )
    contact_name = NameField(max_length=200, required=False, default="", allow_blank=True)
    contact_email = serializers.EmailField(required=False, default="", allow_blank=True)
    description = serializers.CharField(required=False, default="", allow_blank=True)
    projected_investment = serializers.DecimalField(
        max_digits=16, decimal_places=2, min_value=0, required=False, allow_null=True, default=None
    )  # type: ignore[arg-type]
    projected_currency = serializers.CharField(max_length=3, default="USD")
    projected_jobs = serializers.IntegerField(
        min_value=0, max_value=POSITIVE_INT_MAX, required=False, allow_null=True, default=None
    )


class LeadUpdateSerializer(serializers.Serializer):
    version = serializers.IntegerField(help_text="The version you read; a stale one is refused (409).")
    title = serializers.CharField(max_length=300, required=False)
    description = serializers.CharField(required=False, allow_blank=True)
    projected_investment = serializers.DecimalField(
        max_digits=16, decimal_places=2, min_value=0, required=False, allow_null=True
    )  # type: ignore[arg-type]
    projected_currency = serializers.CharField(max_length=3, required=False)
    realised_investment = serializers.DecimalField(
        max_digits=16, decimal_places=2, min_value=0, required=False, allow_null=True
    )  # type: ignore[arg-type]
    realised_currency = serializers.CharField(max_length=3, required=False)
    projected_jobs = serializers.IntegerField(
        min_value=0, max_value=POSITIVE_INT_MAX, required=False, allow_null=True
    )
    realised_jobs = serializers.IntegerField(
        min_value=0, max_value=POSITIVE_INT_MAX, required=False, allow_null=True
    )
    uscc = serializers.CharField(max_length=18, required=False, allow_blank=True)


class LeadMoveSerializer(serializers.Serializer):
    version = serializers.IntegerField()
    stage = serializers.ChoiceField(choices=Stage.choices)
    lost_reason = serializers.ChoiceField(choices=LostReason.choices, required=False, default="")
    lost_note = serializers.CharField(max_length=300, required=False, default="", allow_blank=True)


#: What GET /leads and /leads/{id} answer: the whole lead for officers, the short one for partner staff.
LEAD_FOR_ROLE = ShapesByRoleSerializer(
    component_name="LeadForRole",
    serializers=[LeadSerializer, PartnerLeadSerializer],
    resource_type_field_name=None,
)


def _stale(error: services.StaleVersionError) -> Response:
    return Response(
        {"error": {"code": "conflict", "message": " ".join(error.messages), "fields": {}}},
        status=status.HTTP_409_CONFLICT,
    )


class LeadListCreate(generics.GenericAPIView):
    permission_classes = [IsOfficerOrPartner]
    serializer_class = LeadSerializer

    def get_queryset(self) -> Any:
        return selectors.lead_list_for(self.request.user).order_by("-id")

    @extend_schema(
        responses=ShapesByRoleSerializer(
            component_name="LeadForRole",
            serializers=[LeadSerializer, PartnerLeadSerializer],
            resource_type_field_name=None,
            many=True,
        ),
        summary="List leads (officers: all; partners: their referrals)",
    )
    def get(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        serializer_class = LeadSerializer if has_role(request.user, Role.OFFICER) else PartnerLeadSerializer
        return self.get_paginated_response(serializer_class(page, many=True).data)

    @extend_schema(
        request=LeadCreateSerializer, responses={201: LeadSerializer}, summary="Open a lead (officers)"
    )
    def post(self, request: Request) -> Response:
        if not has_role(request.user, Role.OFFICER):
            self.permission_denied(request)
        serializer = LeadCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        lead = services.lead_create(user=request.user, **serializer.validated_data)
        return Response(LeadSerializer(lead).data, status=status.HTTP_201_CREATED)


class LeadDetail(APIView):
    permission_classes = [IsOfficerOrPartner]

    def _get(self, request: Request, pk: int) -> Lead:
        try:
            return selectors.lead_detail_for(request.user, pk)
        except ObjectDoesNotExist as error:
            raise Http404 from error

    @extend_schema(
        responses=LEAD_FOR_ROLE, summary="Read a lead (officers: all of it; partners: the short one)"
    )
    def get(self, request: Request, pk: int) -> Response:
        lead = self._get(request, pk)
        serializer_class = LeadSerializer if has_role(request.user, Role.OFFICER) else PartnerLeadSerializer
        return Response(serializer_class(lead).data)

    @extend_schema(request=LeadUpdateSerializer, responses=LeadSerializer, summary="Change a lead (officers)")
    def patch(self, request: Request, pk: int) -> Response:
        lead = self._get(request, pk)
        if not has_role(request.user, Role.OFFICER):
            self.permission_denied(request)
        serializer = LeadUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        changes = dict(serializer.validated_data)
        version = changes.pop("version")
        try:
            updated = services.lead_update(
                user=request.user, lead_id=lead.pk, expected_version=version, **changes
            )
        except services.StaleVersionError as error:
            return _stale(error)
        return Response(LeadSerializer(updated).data)


class LeadMove(APIView):
    permission_classes = [IsOfficer]

    @extend_schema(request=LeadMoveSerializer, responses=LeadSerializer, summary="Move a lead to a stage")
    def post(self, request: Request, pk: int) -> Response:
        try:
            lead = selectors.lead_detail_for(request.user, pk)
        except ObjectDoesNotExist as error:
            raise Http404 from error
        serializer = LeadMoveSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            moved = services.lead_move_to_stage(
                user=request.user,
                lead_id=lead.pk,
                stage=data["stage"],
                expected_version=data["version"],
                lost_reason=data["lost_reason"],
                lost_note=data["lost_note"],
            )
        except services.StaleVersionError as error:
            return _stale(error)
        return Response(LeadSerializer(moved).data)


urlpatterns = [
    path("inquiries", InquiryListCreate.as_view(), name="inquiry-list"),
    path("inquiries/<int:pk>", InquiryDetail.as_view(), name="inquiry-detail"),
    path("leads", LeadListCreate.as_view(), name="lead-list"),
    path("leads/<int:pk>", LeadDetail.as_view(), name="lead-detail"),
    path("leads/<int:pk>/move", LeadMove.as_view(), name="lead-move"),
]
