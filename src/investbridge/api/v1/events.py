"""/api/v1/events: public event listings, registration and self-service cancellation.

Join links never appear here: they reach confirmed registrants by e-mail and on their own page only.
Errors come in the language of the request's Accept-Language header.
"""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import RegexValidator
from django.db.models import QuerySet
from django.urls import path
from django.utils.translation import get_language
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import generics, serializers, status
from rest_framework.exceptions import APIException, NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from investbridge.api.fields import NameField
from investbridge.api.permissions import Public
from investbridge.api.serializers import ErrorSerializer
from investbridge.api.throttling import RegistrationThrottle, ThrottledMessageMixin
from investbridge.core import limits
from investbridge.core.permissions import has_role
from investbridge.core.roles import Role
from investbridge.directory import isic
from investbridge.events import selectors, services
from investbridge.events.calendar import cities_of
from investbridge.events.models import Event, Registration
from investbridge.events.times import format_in_cities


class RegistrationClosed(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "registration_closed"


def _language() -> str:
    language = get_language() or settings.LANGUAGE_CODE
    return language if language in settings.LANGUAGE_CODES else settings.LANGUAGE_CODE


class CountsSerializer(serializers.Serializer):
    confirmed = serializers.IntegerField()
    waitlisted = serializers.IntegerField()
    pending = serializers.IntegerField()


class CitySerializer(serializers.Serializer):
    name = serializers.CharField()
    time_zone = serializers.CharField()


class EventSerializer(serializers.ModelSerializer):
    host_city = serializers.SerializerMethodField()
    partner_city = serializers.SerializerMethodField()
    times = serializers.SerializerMethodField()
    registrations = serializers.SerializerMethodField()
    registration_open = serializers.SerializerMethodField()

    class Meta:
        model = Event
        fields = [
            "slug",
            "title",
            "summary",
            "description",
            "format",
            "status",
            "host_city",
            "partner_city",
            "starts_at",
            "ends_at",
            "times",
            "capacity",
            "registrations",
            "registration_open",
            "registration_opens_at",
            "registration_closes_at",
            "approval_mode",
        ]

    @extend_schema_field(CitySerializer)
    def get_host_city(self, event: Event) -> dict[str, str]:
        return {"name": str(event.host_city), "time_zone": event.host_time_zone}

    @extend_schema_field(CitySerializer)
    def get_partner_city(self, event: Event) -> dict[str, str]:
        return {"name": str(event.partner_city), "time_zone": event.partner_time_zone}

    def get_times(self, event: Event) -> str:
        """The start in both cities' zones, in the requested language ("10:00 Moscow · 15:00 Haikou")."""
        language = _language()
        return format_in_cities(
            event.starts_at, cities_of(event, language), language=language, with_date=True
        )

    @extend_schema_field(CountsSerializer)
    def get_registrations(self, event: Event) -> dict[str, int]:
        return selectors.counts_of(event)

    def get_registration_open(self, event: Event) -> bool:
        return services.registration_is_open(event)


def _events_for(request: Request) -> QuerySet[Event]:
    if has_role(request.user, Role.OFFICER, Role.ADMIN):
        return selectors.all_events()
    return selectors.public_events().order_by("-starts_at")


class EventFilterSerializer(serializers.Serializer):
    when = serializers.ChoiceField(choices=["upcoming", "past"], required=False)


@extend_schema(
    tags=["events"],
    parameters=[
        OpenApiParameter(
            "when",
            str,
            enum=["upcoming", "past"],
            required=False,
            description="Only upcoming or only past events.",
        )
    ],
)
class EventListView(generics.ListAPIView):
    """Events visitors can see (officers also see drafts), latest first."""

    permission_classes = [Public]
    serializer_class = EventSerializer

    def get_queryset(self) -> QuerySet[Event]:
        filters = EventFilterSerializer(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        when = filters.validated_data.get("when")
        if when == "upcoming":
            return selectors.upcoming_events()
        if when == "past":
            return selectors.past_events()
        return _events_for(self.request)


@extend_schema(tags=["events"])
class EventDetailView(generics.RetrieveAPIView):
    permission_classes = [Public]
    serializer_class = EventSerializer
    lookup_field = "slug"

    def get_queryset(self) -> QuerySet[Event]:
        return _events_for(self.request)


class RegistrationRequestSerializer(serializers.Serializer):
    name = NameField(max_length=200)
    email = serializers.EmailField(max_length=254)
    organization = NameField(max_length=300, required=False, allow_blank=True, default="")
    country = serializers.CharField(
        max_length=2,
        required=False,
        allow_blank=True,
        default="",
        # Two ASCII letters, which the schema shows as a pattern (a blank value skips validators).
        validators=[RegexValidator(r"^[A-Za-z]{2}$", message=services.COUNTRY_INVALID)],
        help_text="ISO 3166-1 alpha-2 code, e.g. RU.",
    )
    language = serializers.ChoiceField(choices=settings.LANGUAGE_CODES, required=False)
    name_latin = NameField(max_length=200, required=False, allow_blank=True, default="")
    position = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    sectors = serializers.ListField(
        child=serializers.ChoiceField(choices=list(isic.SECTIONS)), required=False, default=list
    )
    consent = serializers.BooleanField(required=False, default=False)

    def validate_country(self, value: str) -> str:
        if value and (len(value) != 2 or not value.isalpha()):
            raise serializers.ValidationError(str(services.COUNTRY_INVALID))
        return value.upper()


class RegistrationAcceptedSerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=["accepted"],
        help_text="Always `accepted`: the outcome travels by e-mail to the address given.",
    )
    message = serializers.CharField(help_text="What happens next, in the requested language.")


class CancellationResponseSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=["cancelled"])
    promoted = serializers.IntegerField(help_text="How many waitlisted registrants took the freed place(s).")


@extend_schema(
    tags=["events"],
    request=RegistrationRequestSerializer,
    responses={
        202: OpenApiResponse(
            RegistrationAcceptedSerializer,
            description=(
                "Accepted. The same answer whether the e-mail is new or registered already: a new registrant "
                "receives the confirmation with their personal link, a registered one their own link again."
            ),
        ),
        400: OpenApiResponse(description="Invalid input."),
        404: OpenApiResponse(description="No such event."),
        409: OpenApiResponse(description="The event takes no registrations now."),
        429: OpenApiResponse(
            ErrorSerializer,
            description="Too many registrations from this client address (INVESTBRIDGE_EVENTS_REGISTRATION_RATE).",
        ),
    },
)
class EventRegistrationView(ThrottledMessageMixin, APIView):
    """Register for an event: confirmed while places remain, then waitlisted; pending where officers approve.

    The answer never depends on whether the e-mail was registered already, and carries no token: the link to the
    registration (status, calendar, cancellation) reaches only the mailbox of the address given."""

    permission_classes = [Public]
    throttle_classes = [RegistrationThrottle]

    def post(self, request: Request, slug: str) -> Response:
        serializer = RegistrationRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data: dict[str, Any] = serializer.validated_data
        # Over the cap on mails to this address (INVESTBRIDGE_MAIL_RECIPIENT_RATE) no mail goes out; the answer
        # is the same.
        hold_mail = not limits.recipient_allowed(data["email"])
        try:
            event = selectors.public_event(slug=slug)
            with limits.mail_held_back(data["email"], hold=hold_mail):
                services.registration_create(
                    event=event,
                    data=services.RegistrationInput(
                        full_name=data["name"],
                        email=data["email"],
                        organization_name=data["organization"],
                        country=data["country"],
                        language=data.get("language") or _language(),
                        name_latin=data["name_latin"],
                        position=data["position"],
                        sectors=data["sectors"],
                        consent=data["consent"],
                    ),
                )
        except Event.DoesNotExist as error:
            raise NotFound() from error
        except services.RegistrationClosedError as error:
            raise RegistrationClosed(
                detail=error.messages[0], code=error.code or "registration_closed"
            ) from error
        body = {"status": "accepted", "message": str(services.REGISTRATION_ACCEPTED)}
        return Response(body, status=status.HTTP_202_ACCEPTED)


@extend_schema(
    tags=["events"],
    parameters=[
        OpenApiParameter("token", str, required=True, description="The registration's manage_token.")
    ],
    responses={
        200: CancellationResponseSerializer,
        404: OpenApiResponse(description="No such registration."),
    },
)
class RegistrationCancelView(APIView):
    """Cancel a registration with its token; the first waitlisted registrant takes the place."""

    permission_classes = [Public]

    def delete(self, request: Request, pk: int) -> Response:
        token = request.query_params.get("token", "")
        try:
            registration, promoted = services.registration_cancel_by_token(registration_id=pk, token=token)
        except (Registration.DoesNotExist, DjangoValidationError) as error:
            raise NotFound(str(services.REGISTRATION_NOT_FOUND)) from error
        return Response({"id": registration.pk, "status": registration.status, "promoted": len(promoted)})


urlpatterns = [
    path("events", EventListView.as_view(), name="events-list"),
    path("events/<slug:slug>", EventDetailView.as_view(), name="events-detail"),
    path("events/<slug:slug>/registrations", EventRegistrationView.as_view(), name="events-registrations"),
    path("registrations/<int:pk>", RegistrationCancelView.as_view(), name="events-registration-cancel"),
]
