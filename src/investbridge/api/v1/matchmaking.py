"""/api/v1/matchmaking: participants' profiles, recommendations, meeting requests and the published schedule.

A participant is a company representative signed in with the e-mail of a confirmed registration of the event;
officers and administrators see every participant. Errors come in the language of the request.
"""

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import get_language
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from investbridge.api.fields import NameField
from investbridge.core.permissions import has_role
from investbridge.core.roles import Role
from investbridge.events.models import Event
from investbridge.matchmaking import agenda, reasons, selectors, services
from investbridge.matchmaking.models import Kind, MeetingRequest, Profile


class IsOfficerOrCompany(BasePermission):
    def has_permission(self, request: Request, view: Any) -> bool:
        return has_role(request.user, Role.OFFICER, Role.ADMIN, Role.COMPANY)


class IsCompany(BasePermission):
    def has_permission(self, request: Request, view: Any) -> bool:
        return has_role(request.user, Role.COMPANY)


def _language() -> str:
    language = get_language() or settings.LANGUAGE_CODE
    return language if language in settings.LANGUAGE_CODES else settings.LANGUAGE_CODE


def _event(slug: str) -> Event:
    event: Event = get_object_or_404(Event, slug=slug)
    return event


def _own_profile(request: Request, event: Event) -> Profile:
    registration = selectors.registration_of_user(event=event, user=request.user)
    if registration is None:
        raise NotFound
    return services.profile_ensure(registration=registration)


def _validation(error: DjangoValidationError) -> ValidationError:
    if hasattr(error, "error_dict"):
        return ValidationError({k: [str(m) for m in v] for k, v in error.message_dict.items()})
    return ValidationError({"detail": [str(m) for m in error.messages]})


class ProfileSerializer(serializers.ModelSerializer):
    sectors: Any = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    unavailable_slots: Any = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Profile
        fields = [
            "id",
            "organization_name",
            "country",
            "description",
            "offers",
            "seeks",
            "sectors",
            "countries",
            "languages",
            "time_zone",
            "unavailable_slots",
        ]


KINDS_HELP = "Kinds of cooperation: " + ", ".join(Kind.values) + "."


class ProfileUpdateSerializer(serializers.Serializer):
    organization_name = NameField(required=False, max_length=300)
    description = serializers.CharField(required=False, allow_blank=True)
    offers = serializers.ListField(
        child=serializers.CharField(max_length=20), required=False, help_text=KINDS_HELP
    )
    seeks = serializers.ListField(
        child=serializers.CharField(max_length=20), required=False, help_text=KINDS_HELP
    )
    sectors = serializers.ListField(child=serializers.CharField(max_length=1), required=False)
    countries = serializers.ListField(child=serializers.CharField(max_length=2), required=False)
    languages = serializers.ListField(child=serializers.CharField(max_length=8), required=False)
    time_zone = serializers.CharField(required=False, max_length=64)


class ReasonSerializer(serializers.Serializer):
    code = serializers.CharField()
    value = serializers.CharField()
    points = serializers.IntegerField()
    text = serializers.CharField()


class RecommendationSerializer(serializers.Serializer):
    profile = ProfileSerializer()
    score = serializers.IntegerField()
    reasons = ReasonSerializer(many=True)


class MeetingRequestSerializer(serializers.ModelSerializer):
    class Meta:
        model = MeetingRequest
        fields = [
            "id",
            "requester",
            "recipient",
            "message",
            "status",
            "must_have",
            "priority",
            "expires_at",
            "responded_at",
            "created_at",
        ]


class MeetingRequestCreateSerializer(serializers.Serializer):
    recipient = serializers.IntegerField()
    message = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class ScheduledMeetingSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    uid = serializers.CharField()
    participants = serializers.ListField(child=serializers.IntegerField())
    organizations = serializers.ListField(child=serializers.CharField())
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    times = serializers.CharField()
    room = serializers.CharField()
    room_url = serializers.CharField()
    interpreter = serializers.CharField(allow_null=True)
    sequence = serializers.IntegerField()


@extend_schema(tags=["matchmaking"], responses=ProfileSerializer(many=True))
class ProfileListView(APIView):
    """Officers: every participant's profile; a participant: its own."""

    permission_classes = [IsOfficerOrCompany]

    def get(self, request: Request, slug: str) -> Response:
        event = _event(slug)
        if has_role(request.user, Role.OFFICER, Role.ADMIN):
            profiles = list(selectors.profiles(event=event))
        else:
            profiles = [_own_profile(request, event)]
        return Response(ProfileSerializer(profiles, many=True).data)


class OwnProfileView(APIView):
    """The signed-in participant's own profile."""

    permission_classes = [IsCompany]

    @extend_schema(tags=["matchmaking"], responses=ProfileSerializer)
    def get(self, request: Request, slug: str) -> Response:
        return Response(ProfileSerializer(_own_profile(request, _event(slug))).data)

    @extend_schema(tags=["matchmaking"], request=ProfileUpdateSerializer, responses=ProfileSerializer)
    def patch(self, request: Request, slug: str) -> Response:
        event = _event(slug)
        profile = _own_profile(request, event)
        serializer = ProfileUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = dict(serializer.validated_data)
        sector_codes = values.pop("sectors", None)
        sectors = None
        if sector_codes is not None:
            from investbridge.directory.models import Sector

            sectors = list(Sector.objects.filter(code__in=sector_codes))
            if len(sectors) != len(set(sector_codes)):
                raise ValidationError({"sectors": [str(services.UNKNOWN_SECTOR)]})
        registration = selectors.registration_of_user(event=event, user=request.user)
        try:
            profile = services.profile_update(
                actor=services.Actor(user=request.user, registration=registration),
                profile=profile,
                values=values,
                sectors=sectors,
            )
        except DjangoValidationError as error:
            raise _validation(error) from error
        return Response(ProfileSerializer(selectors.profiles(event=event).get(pk=profile.pk)).data)


@extend_schema(tags=["matchmaking"], responses=RecommendationSerializer(many=True))
class RecommendationsView(APIView):
    """Ranked suggestions for the signed-in participant, each with its reasons."""

    permission_classes = [IsCompany]

    def get(self, request: Request, slug: str) -> Response:
        profile = _own_profile(request, _event(slug))
        data = [
            {
                "profile": ProfileSerializer(item.profile).data,
                "score": item.suggestion.score,
                "reasons": [
                    {"code": r.code, "value": r.value, "points": r.points, "text": reasons.reason_text(r)}
                    for r in item.suggestion.reasons
                ],
            }
            for item in selectors.recommendations(profile=profile)
        ]
        return Response(data)


class RequestListView(APIView):
    """Officers: every request of the event; a participant: its own, and it may ask for a meeting."""

    permission_classes = [IsOfficerOrCompany]

    @extend_schema(tags=["matchmaking"], responses=MeetingRequestSerializer(many=True))
    def get(self, request: Request, slug: str) -> Response:
        event = _event(slug)
        if has_role(request.user, Role.OFFICER, Role.ADMIN):
            items = selectors.event_requests(event=event)
        else:
            items = selectors.requests_of(profile=_own_profile(request, event))
        return Response(MeetingRequestSerializer(items, many=True).data)

    @extend_schema(
        tags=["matchmaking"],
        request=MeetingRequestCreateSerializer,
        responses={201: MeetingRequestSerializer},
    )
    def post(self, request: Request, slug: str) -> Response:
        if not has_role(request.user, Role.COMPANY):
            raise PermissionDenied
        event = _event(slug)
        profile = _own_profile(request, event)
        serializer = MeetingRequestCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        recipient = Profile.objects.filter(event=event, pk=serializer.validated_data["recipient"]).first()
        if recipient is None:
            raise ValidationError({"recipient": [str(services.UNKNOWN_PARTICIPANT)]})
        try:
            created = services.request_create(
                actor=services.Actor(user=request.user, registration=profile.registration),
                requester=profile,
                recipient=recipient,
                message=serializer.validated_data.get("message", ""),
            )
        except DjangoValidationError as error:
            raise _validation(error) from error
        return Response(MeetingRequestSerializer(created).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=["matchmaking"], request=None, responses=MeetingRequestSerializer)
class RequestAnswerView(APIView):
    """The recipient (or an officer) accepts or declines a pending request."""

    permission_classes = [IsOfficerOrCompany]
    accept = True

    def post(self, request: Request, pk: int) -> Response:
        item = get_object_or_404(MeetingRequest.objects.select_related("event"), pk=pk)
        registration = selectors.registration_of_user(event=item.event, user=request.user)
        try:
            answered = services.request_respond(
                actor=services.Actor(user=request.user, registration=registration),
                request=item,
                accept=self.accept,
            )
        except DjangoPermissionDenied as error:
            raise NotFound from error
        except DjangoValidationError as error:
            raise _validation(error) from error
        return Response(MeetingRequestSerializer(answered).data)


@extend_schema(tags=["matchmaking"], responses=ScheduledMeetingSerializer(many=True))
class ScheduleView(APIView):
    """The published schedule: all meetings for officers, a participant's own meetings for it."""

    permission_classes = [IsOfficerOrCompany]

    def get(self, request: Request, slug: str) -> Response:
        event = _event(slug)
        language = _language()
        profile = None
        if not has_role(request.user, Role.OFFICER, Role.ADMIN):
            profile = _own_profile(request, event)
        meetings = selectors.published_meetings(event=event, profile=profile)
        data = []
        for meeting in meetings:
            slot = meeting.published_slot
            assert slot is not None
            room = meeting.published_room
            sides = (meeting.request.requester, meeting.request.recipient)
            data.append(
                {
                    "id": meeting.pk,
                    "uid": agenda.meeting_uid(meeting),
                    "participants": [side.pk for side in sides],
                    "organizations": [side.organization_name for side in sides],
                    "starts_at": slot.starts_at,
                    "ends_at": slot.ends_at,
                    "times": agenda.slot_label(
                        slot, event, language=language, reader_zone=profile.time_zone if profile else None
                    ),
                    "room": room.name if room else "",
                    "room_url": room.url if room else "",
                    "interpreter": meeting.published_interpreter.name
                    if meeting.published_interpreter
                    else None,
                    "sequence": meeting.sequence,
                }
            )
        return Response(ScheduledMeetingSerializer(data, many=True).data)


urlpatterns = [
    path("matchmaking/events/<slug:slug>/profiles/", ProfileListView.as_view(), name="matchmaking-profiles"),
    path(
        "matchmaking/events/<slug:slug>/profiles/me/", OwnProfileView.as_view(), name="matchmaking-profile-me"
    ),
    path(
        "matchmaking/events/<slug:slug>/recommendations/",
        RecommendationsView.as_view(),
        name="matchmaking-recommendations",
    ),
    path("matchmaking/events/<slug:slug>/requests/", RequestListView.as_view(), name="matchmaking-requests"),
    path(
        "matchmaking/requests/<int:pk>/accept/",
        RequestAnswerView.as_view(accept=True),
        name="matchmaking-request-accept",
    ),
    path(
        "matchmaking/requests/<int:pk>/decline/",
        RequestAnswerView.as_view(accept=False),
        name="matchmaking-request-decline",
    ),
    path("matchmaking/events/<slug:slug>/schedule/", ScheduleView.as_view(), name="matchmaking-schedule"),
]
