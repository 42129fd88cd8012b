"""Models of the matchmaking domain: B2B meetings between the confirmed registrants of an event.

- `MatchmakingSetup`: the organizer's settings of one event (request cap, expiry) and the publication state.
- `Profile`: one participant (a confirmed registration): what the organization offers and seeks, sectors,
  countries of interest, languages and the slots at which it cannot meet.
- `Slot`, `Room`, `Interpreter`: the resources the scheduler assigns.
- `MeetingRequest`: a request from one participant to another (pending, accepted, declined, expired, cancelled).
- `Meeting`: the place of an accepted request in the schedule; the draft (slot, room, interpreter) is what the
  scheduler and officers change, the published copy is what participants see.
- `ScheduleRun`: one run of the scheduler in the task queue, with its progress.

Every datetime is stored in UTC.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from investbridge.core.models import TimeStampedModel


class Kind(models.TextChoices):
    """What an organization can offer or seek."""

    INVESTMENT = "investment", _("Investment")
    JOINT_VENTURE = "joint_venture", _("Joint venture")
    DISTRIBUTION = "distribution", _("Distribution")
    SUPPLY = "supply", _("Supply")
    TECHNOLOGY = "technology", _("Technology")
    REPRESENTATION = "representation", _("Representation")
    FINANCING = "financing", _("Financing")


class MatchmakingSetup(TimeStampedModel):
    event = models.OneToOneField(
        "events.Event", verbose_name=_("event"), on_delete=models.CASCADE, related_name="matchmaking"
    )
    request_cap = models.PositiveIntegerField(
        _("meetings per participant"),
        default=8,
        help_text=_("At most this many pending or accepted requests per participant."),
    )
    expiry_hours = models.PositiveIntegerField(
        _("hours to answer a request"),
        default=72,
        help_text=_("Unanswered requests expire after this many hours."),
    )
    published_at = models.DateTimeField(_("schedule published"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("matchmaking setup")
        verbose_name_plural = _("matchmaking setups")

    def __str__(self) -> str:
        return str(self.event)


class Profile(TimeStampedModel):
    event = models.ForeignKey(
        "events.Event", verbose_name=_("event"), on_delete=models.CASCADE, related_name="matchmaking_profiles"
    )
    registration = models.OneToOneField(
        "events.Registration",
        verbose_name=_("registration"),
        on_delete=models.CASCADE,
        related_name="matchmaking_profile",
    )
    organization_name = models.CharField(_("organization"), max_length=300)
    country = models.CharField(_("country"), max_length=2, blank=True)
    description = models.TextField(_("about the organization"), blank=True)
    offers = models.JSONField(_("offers"), default=list, blank=True)
    seeks = models.JSONField(_("seeks"), default=list, blank=True)
    sectors = models.ManyToManyField(
        "directory.Sector", verbose_name=_("sectors"), blank=True, related_name="matchmaking_profiles"
    )
    countries = models.JSONField(_("countries of interest"), default=list, blank=True)
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    time_zone = models.CharField(_("time zone"), max_length=64)
    unavailable_slots = models.ManyToManyField(
        "matchmaking.Slot",
        verbose_name=_("unavailable slots"),
        blank=True,
        related_name="unavailable_profiles",
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["event", "organization_name", "pk"]
        verbose_name = _("participant profile")
        verbose_name_plural = _("participant profiles")

    def __str__(self) -> str:
        return self.organization_name


class Slot(models.Model):
    event = models.ForeignKey(
        "events.Event", verbose_name=_("event"), on_delete=models.CASCADE, related_name="matchmaking_slots"
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))

    class Meta:
        ordering = ["event", "starts_at"]
        verbose_name = _("time slot")
        verbose_name_plural = _("time slots")
        constraints = [
            models.UniqueConstraint(fields=["event", "starts_at"], name="matchmaking_slot_unique_start"),
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="matchmaking_slot_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.starts_at:%Y-%m-%d %H:%M} UTC"


class Room(models.Model):
    event = models.ForeignKey(
        "events.Event", verbose_name=_("event"), on_delete=models.CASCADE, related_name="matchmaking_rooms"
    )
    name = models.CharField(_("name"), max_length=120)
    url = models.URLField(_("video link"), blank=True)

    class Meta:
        ordering = ["event", "pk"]
        verbose_name = _("virtual room")
        verbose_name_plural = _("virtual rooms")

    def __str__(self) -> str:
        return self.name


class Interpreter(models.Model):
    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="matchmaking_interpreters",
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"), blank=True)
    languages = models.JSONField(_("languages"), default=list)
    unavailable_slots = models.ManyToManyField(
        Slot, verbose_name=_("unavailable slots"), blank=True, related_name="unavailable_interpreters"
    )

    class Meta:
        ordering = ["event", "name", "pk"]
        verbose_name = _("interpreter")
        verbose_name_plural = _("interpreters")

    def __str__(self) -> str:
        return self.name


class RequestStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("meeting request status", "Awaiting an answer")
    ACCEPTED = "accepted", pgettext_lazy("meeting request status", "Accepted")
    DECLINED = "declined", pgettext_lazy("meeting request status", "Declined")
    EXPIRED = "expired", pgettext_lazy("meeting request status", "Expired")
    CANCELLED = "cancelled", pgettext_lazy("meeting request status", "Cancelled")


#: Statuses that hold a place under the cap and block a second request between the same pair.
OPEN_STATUSES = (RequestStatus.PENDING, RequestStatus.ACCEPTED)


class MeetingRequest(TimeStampedModel):
    event = models.ForeignKey(
        "events.Event", verbose_name=_("event"), on_delete=models.CASCADE, related_name="meeting_requests"
    )
    requester = models.ForeignKey(
        Profile, verbose_name=_("from"), on_delete=models.CASCADE, related_name="sent_requests"
    )
    recipient = models.ForeignKey(
        Profile, verbose_name=_("to"), on_delete=models.CASCADE, related_name="received_requests"
    )
    #: The pair in a fixed order (smaller profile id first), so A→B and B→A are the same pair.
    pair_low = models.PositiveIntegerField(editable=False)
    pair_high = models.PositiveIntegerField(editable=False)
    message = models.TextField(_("message"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    must_have = models.BooleanField(_("must-have meeting"), default=False)
    priority = models.PositiveIntegerField(_("priority"), default=1)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    responded_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["event", "-created_at", "pk"]
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "pair_low", "pair_high"],
                condition=Q(status__in=["pending", "accepted"]),
                name="matchmaking_request_one_open_per_pair",
                violation_error_message=_("There is already a request between these participants."),
            ),
            models.CheckConstraint(
                condition=~Q(requester=models.F("recipient")), name="matchmaking_request_not_to_self"
            ),
            models.CheckConstraint(
                condition=Q(pair_low__lt=models.F("pair_high")), name="matchmaking_request_pair_ordered"
            ),
        ]
        indexes = [models.Index(fields=["event", "status"], name="matchmaking_req_status_idx")]

    def __str__(self) -> str:
        return f"{self.requester} → {self.recipient}"


class Meeting(TimeStampedModel):
    request = models.OneToOneField(
        MeetingRequest, verbose_name=_("meeting request"), on_delete=models.CASCADE, related_name="meeting"
    )
    event = models.ForeignKey(
        "events.Event", verbose_name=_("event"), on_delete=models.CASCADE, related_name="matchmaking_meetings"
    )
    uid = models.UUIDField(_("calendar identifier"), default=uuid.uuid4, unique=True, editable=False)
    # The draft: what the scheduler and the officers set.
    slot = models.ForeignKey(
        Slot, verbose_name=_("time slot"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    room = models.ForeignKey(
        Room, verbose_name=_("room"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    interpreter = models.ForeignKey(
        Interpreter,
        verbose_name=_("interpreter"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    locked = models.BooleanField(_("locked"), default=False)
    # What the participants see since the last publication.
    published_slot = models.ForeignKey(
        Slot, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    published_room = models.ForeignKey(
        Room, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    published_interpreter = models.ForeignKey(
        Interpreter, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    #: The published meeting was taken out of the schedule: calendars get STATUS:CANCELLED for its last time.
    published_cancelled = models.BooleanField(default=False, editable=False)
    #: RFC 5545 SEQUENCE: raised whenever the published time, room or interpreter changes.
    sequence = models.PositiveIntegerField(default=0, editable=False)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["event", "slot__starts_at", "pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return str(self.request)


class RunStatus(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("scheduler run", "Queued")
    RUNNING = "running", pgettext_lazy("scheduler run", "Running")
    DONE = "done", pgettext_lazy("scheduler run", "Done")
    FAILED = "failed", pgettext_lazy("scheduler run", "Failed")


class ScheduleRun(TimeStampedModel):
    event = models.ForeignKey(
        "events.Event", verbose_name=_("event"), on_delete=models.CASCADE, related_name="schedule_runs"
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    time_limit = models.FloatField(_("time limit (seconds)"), default=10.0)
    solver_status = models.CharField(_("solver result"), max_length=12, blank=True)
    scheduled = models.PositiveIntegerField(_("meetings scheduled"), default=0)
    unscheduled = models.PositiveIntegerField(_("meetings not scheduled"), default=0)
    breaks = models.PositiveIntegerField(_("breaks"), default=0)
    priority = models.PositiveIntegerField(_("priority scheduled"), default=0)
    upper_bound = models.PositiveIntegerField(_("priority bound"), default=0)
    seconds = models.FloatField(_("seconds"), default=0.0)
    error = models.TextField(_("error"), blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["event", "-created_at", "-pk"]
        verbose_name = _("scheduler run")
        verbose_name_plural = _("scheduler runs")

    def __str__(self) -> str:
        return f"{self.event} · {self.created_at:%Y-%m-%d %H:%M}"
