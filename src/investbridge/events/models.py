"""Models of the events domain: city-to-city videoconferences, their agenda, materials, registrations and rooms.

Every datetime is stored in UTC. Titles, summaries, descriptions and city names exist per language
(django-modeltranslation, see translation.py).
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from investbridge.core.models import TimeStampedModel


class EventFormat(models.TextChoices):
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid")
    ONSITE = "onsite", _("On site")


class EventStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("event status", "Draft")
    PUBLISHED = "published", pgettext_lazy("event status", "Published")
    CLOSED = "closed", pgettext_lazy("event status", "Closed")
    ARCHIVED = "archived", pgettext_lazy("event status", "Archived")


class ApprovalMode(models.TextChoices):
    AUTOMATIC = "automatic", _("Automatic")
    OFFICER = "officer", _("Approved by an officer")


class Event(TimeStampedModel):
    # Translated (title_ru, title_zh_hans, title_en, ...): see translation.py.
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    description = models.TextField(_("description"), blank=True)
    slug = models.SlugField(_("short address"), max_length=120, unique=True)
    uid = models.UUIDField(_("calendar identifier"), default=uuid.uuid4, unique=True, editable=False)
    format = models.CharField(
        _("format"), max_length=10, choices=EventFormat.choices, default=EventFormat.ONLINE
    )
    host_city = models.CharField(_("host city"), max_length=120)
    host_time_zone = models.CharField(_("host city time zone"), max_length=64, default="Asia/Shanghai")
    partner_city = models.CharField(_("partner city"), max_length=120)
    partner_time_zone = models.CharField(_("partner city time zone"), max_length=64, default="Europe/Moscow")
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    capacity = models.PositiveIntegerField(
        _("capacity"), help_text=_("Confirmed places; later registrants wait.")
    )
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    approval_mode = models.CharField(
        _("approval"), max_length=10, choices=ApprovalMode.choices, default=ApprovalMode.AUTOMATIC
    )
    status = models.CharField(
        _("status"), max_length=10, choices=EventStatus.choices, default=EventStatus.DRAFT
    )
    organizer = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("organizer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organized_events",
    )
    co_organizers = models.ManyToManyField(
        "directory.Organization",
        verbose_name=_("co-organizers"),
        blank=True,
        related_name="co_organized_events",
    )
    #: Raised on every change of time, place or status, so calendar files update (RFC 5545 SEQUENCE).
    sequence = models.PositiveIntegerField(default=0, editable=False)
    #: The arrival counter: each registration takes the next number under the event's row lock.
    arrivals = models.PositiveIntegerField(default=0, editable=False)
    #: How many registrations are confirmed, kept by every service that changes the confirmed set, under the
    #: event's row lock: a place is decided from this row alone (no count of registrations).
    confirmed_count = models.PositiveIntegerField(default=0, editable=False)
    #: Raised on every change the public page shows (texts, agenda, places taken): the page cache's key.
    version = models.PositiveIntegerField(default=0, editable=False)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="events_event_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title or self.slug


class InterpretationDirection(models.TextChoices):
    RU_ZH = "ru-zh", _("Russian ↔ Chinese")
    RU_EN = "ru-en", _("Russian ↔ English")
    ZH_EN = "zh-en", _("Chinese ↔ English")


class Session(TimeStampedModel):
    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="sessions"
    )
    # Translated: see translation.py.
    title = models.CharField(_("title"), max_length=300)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    speakers = models.ManyToManyField(
        "directory.Person", verbose_name=_("speakers"), blank=True, related_name="event_sessions"
    )
    languages = models.JSONField(_("languages of the session"), default=list, blank=True)
    interpretation = models.JSONField(_("interpretation"), default=list, blank=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="events_session_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class MaterialVisibility(models.TextChoices):
    PUBLIC = "public", _("Everyone")
    REGISTRANTS = "registrants", _("Confirmed registrants")
    OFFICERS = "officers", _("Officers only")


def material_upload_to(instance: "Material", filename: str) -> str:
    return f"events/materials/{instance.event_id}/{uuid.uuid4().hex}{instance.extension}"


class Material(TimeStampedModel):
    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="materials"
    )
    session = models.ForeignKey(
        Session,
        verbose_name=_("session"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="materials",
    )
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(_("file"), upload_to=material_upload_to, max_length=300)
    kind = models.CharField(_("file type"), max_length=10)
    extension = models.CharField(max_length=10, editable=False)
    visibility = models.CharField(
        _("visible to"), max_length=12, choices=MaterialVisibility.choices, default=MaterialVisibility.PUBLIC
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("material")
        verbose_name_plural = _("materials")

    def __str__(self) -> str:
        return self.title


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", pgettext_lazy("registration status", "Confirmed")
    WAITLISTED = "waitlisted", pgettext_lazy("registration status", "On the waiting list")
    PENDING = "pending", pgettext_lazy("registration status", "Awaiting approval")
    CANCELLED = "cancelled", pgettext_lazy("registration status", "Cancelled")
    DECLINED = "declined", pgettext_lazy("registration status", "Declined")


#: Statuses of a registration that still holds or waits for a place.
ACTIVE_STATUSES = (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED, RegistrationStatus.PENDING)


class Registration(TimeStampedModel):
    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="registrations"
    )
    person = models.ForeignKey(
        "directory.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="event_registrations",
    )
    organization = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="event_registrations",
    )
    full_name = models.CharField(_("name as written"), max_length=200)
    name_latin = models.CharField(_("name in Latin letters"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail address"))
    email_normalized = models.CharField(max_length=254, editable=False)
    organization_name = models.CharField(_("organization"), max_length=300, blank=True)
    position = models.CharField(_("position"), max_length=200, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    language = models.CharField(
        _("preferred language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    time_zone = models.CharField(_("time zone"), max_length=64, blank=True)
    sectors = models.ManyToManyField(
        "directory.Sector",
        verbose_name=_("sectors of interest"),
        blank=True,
        related_name="event_registrations",
    )
    consent_to_contact = models.BooleanField(_("asks to be contacted"), default=False)
    status = models.CharField(
        _("status"), max_length=12, choices=RegistrationStatus.choices, default=RegistrationStatus.CONFIRMED
    )
    #: Given under the event's lock at the end of the registration's transaction (empty only inside it).
    arrival = models.PositiveIntegerField(_("arrival order"), null=True, editable=False)
    manage_token = models.CharField(max_length=64, unique=True, editable=False)
    #: Raised whenever the registrant's own calendar entry changes (added to the event's SEQUENCE).
    sequence = models.PositiveIntegerField(default=0, editable=False)
    attended = models.BooleanField(_("attended"), default=False)
    attended_at = models.DateTimeField(_("attended at"), null=True, blank=True)
    #: Minutes in the video meeting, summed over rejoins, from the imported participant list (empty: unknown).
    attended_minutes = models.PositiveIntegerField(_("minutes attended"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["event", "arrival"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email_normalized"], name="events_registration_unique_email"
            ),
            models.UniqueConstraint(fields=["event", "arrival"], name="events_registration_unique_arrival"),
        ]
        indexes = [models.Index(fields=["event", "status", "arrival"], name="events_reg_status_idx")]

    def __str__(self) -> str:
        return f"{self.full_name} — {self.event}"


class VideoProviderKind(models.TextChoices):
    NONE = "none", _("No video room")
    JITSI = "jitsi", _("Jitsi Meet")
    BBB = "bbb", _("BigBlueButton")
    EXTERNAL = "external", _("External link (Zoom, VooV, Telemost, …)")


class VideoRoom(TimeStampedModel):
    """The video room of an event; its join link reaches confirmed registrants only."""

    event = models.OneToOneField(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="video_room"
    )
    provider = models.CharField(
        _("video service"), max_length=10, choices=VideoProviderKind.choices, default=VideoProviderKind.NONE
    )
    room_name = models.CharField(_("room name"), max_length=120, blank=True)
    external_url = models.URLField(_("external link"), blank=True)
    attendee_secret = models.CharField(max_length=64, blank=True, editable=False)
    moderator_secret = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = _("video room")
        verbose_name_plural = _("video rooms")

    def __str__(self) -> str:
        return f"{self.get_provider_display()} — {self.event}"
