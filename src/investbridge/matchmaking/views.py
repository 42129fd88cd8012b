"""Pages of the matchmaking domain.

Participants reach their page in two ways: signed in as the company representative whose e-mail is the
registration's (/matchmaking/me/<event>/...), or through the registration's manage link
(/matchmaking/p/<token>/...). Both lead to the same pages. Officers run everything else from the back office.
"""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from investbridge.core.permissions import login_required_view, public_view, staff_required
from investbridge.events.models import Event
from investbridge.matchmaking import agenda, exports, selectors, services
from investbridge.matchmaking.forms import (
    InterpreterEditForm,
    InterpreterForm,
    MustHaveForm,
    ProfileForm,
    RequestForm,
    RoomForm,
    RunForm,
    SetupForm,
    SlotGenerateForm,
)
from investbridge.matchmaking.languages import language_names
from investbridge.matchmaking.models import (
    Interpreter,
    Meeting,
    MeetingRequest,
    Profile,
    Room,
    RunStatus,
    ScheduleRun,
    Slot,
)


def _language() -> str:
    language = get_language() or settings.LANGUAGE_CODE
    return language if language in settings.LANGUAGE_CODES else settings.LANGUAGE_CODE


def _error_text(error: ValidationError) -> str:
    return " ".join(str(m) for m in error.messages)


# --- participants ---------------------------------------------------------------------------------------------


class Participant:
    """The participant a request acts for, and the base address of its pages."""

    def __init__(self, registration: Any, base: str) -> None:
        self.registration = registration
        self.event = registration.event
        self.base = base
        self.profile = services.profile_ensure(registration=registration)
        self.actor = services.Actor(registration=registration)


ParticipantView = Callable[..., HttpResponseBase]


def _by_user(request: HttpRequest, slug: str) -> Participant:
    event = get_object_or_404(Event, slug=slug)
    registration = selectors.registration_of_user(event=event, user=request.user)
    if registration is None:
        raise Http404
    return Participant(registration, reverse("matchmaking:me_home", args=[slug]))


def _by_token(token: str) -> Participant:
    registration = selectors.registration_of_token(token=token)
    if registration is None:
        raise Http404
    return Participant(registration, reverse("matchmaking:p_home", args=[token]))


def _participant_home(request: HttpRequest, who: Participant) -> HttpResponse:
    language = _language()
    profile = who.profile
    published = selectors.is_published(event=who.event)
    return render(
        request,
        "matchmaking/participant.html",
        {
            "who": who,
            "event": who.event,
            "profile": profile,
            "recommendations": selectors.recommendations(profile=profile),
            "requests": selectors.requests_of(profile=profile),
            "agenda": agenda.agenda_for(profile, language=language) if published else [],
            "published": published,
            "languages": language_names(profile.languages),
            "request_form": RequestForm(),
        },
    )


def _participant_profile(request: HttpRequest, who: Participant) -> HttpResponse:
    form = ProfileForm(request.POST or None, profile=who.profile)
    if request.method == "POST" and form.is_valid():
        try:
            services.profile_update(
                actor=who.actor,
                profile=who.profile,
                values=form.cleaned_data,
                sectors=form.cleaned_data["sectors"],
                unavailable_slots=form.cleaned_data["unavailable_slots"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your profile has been saved."))
            return redirect(who.base)
    return render(
        request, "matchmaking/profile_form.html", {"form": form, "event": who.event, "back": who.base}
    )


def _participant_request(request: HttpRequest, who: Participant) -> HttpResponse:
    form = RequestForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a participant to meet."))
        return redirect(who.base)
    recipient = Profile.objects.filter(event=who.event, pk=form.cleaned_data["recipient"]).first()
    if recipient is None:
        raise Http404
    try:
        services.request_create(
            actor=who.actor, requester=who.profile, recipient=recipient, message=form.cleaned_data["message"]
        )
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("Your request has been sent."))
    return redirect(who.base)


def _participant_answer(request: HttpRequest, who: Participant, pk: int, action: str) -> HttpResponse:
    meeting_request = get_object_or_404(MeetingRequest, pk=pk, event=who.event)
    try:
        if action == "accept":
            services.request_respond(actor=who.actor, request=meeting_request, accept=True)
            messages.success(request, _("You have accepted the meeting."))
        elif action == "decline":
            services.request_respond(actor=who.actor, request=meeting_request, accept=False)
            messages.success(request, _("You have declined the meeting."))
        elif action == "cancel":
            services.request_cancel(actor=who.actor, request=meeting_request)
            messages.success(request, _("You have withdrawn your request."))
        else:
            raise Http404
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as error:
        messages.error(request, _error_text(error))
    return redirect(who.base)


def _participant_calendar(request: HttpRequest, who: Participant) -> HttpResponse:
    if not selectors.is_published(event=who.event):
        raise Http404
    body = agenda.calendar_for(who.profile, language=_language())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="meetings-{who.event.slug}.ics"'
    return response


@login_required_view
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    """The signed-in representative's events with B2B meetings."""
    return render(
        request, "matchmaking/mine.html", {"rows": selectors.events_of_participant(user=request.user)}
    )


@login_required_view
@require_GET
def me_home(request: HttpRequest, slug: str) -> HttpResponse:
    return _participant_home(request, _by_user(request, slug))


@public_view
@require_GET
def p_home(request: HttpRequest, token: str) -> HttpResponse:
    return _participant_home(request, _by_token(token))


@login_required_view
@require_http_methods(["GET", "POST"])
def me_profile(request: HttpRequest, slug: str) -> HttpResponse:
    return _participant_profile(request, _by_user(request, slug))


@public_view
@require_http_methods(["GET", "POST"])
def p_profile(request: HttpRequest, token: str) -> HttpResponse:
    return _participant_profile(request, _by_token(token))


@login_required_view
@require_POST
def me_request(request: HttpRequest, slug: str) -> HttpResponse:
    return _participant_request(request, _by_user(request, slug))


@public_view
@require_POST
def p_request(request: HttpRequest, token: str) -> HttpResponse:
    return _participant_request(request, _by_token(token))


@login_required_view
@require_POST
def me_answer(request: HttpRequest, slug: str, pk: int, action: str) -> HttpResponse:
    return _participant_answer(request, _by_user(request, slug), pk, action)


@public_view
@require_POST
def p_answer(request: HttpRequest, token: str, pk: int, action: str) -> HttpResponse:
    return _participant_answer(request, _by_token(token), pk, action)


@login_required_view
@require_GET
def me_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    return _participant_calendar(request, _by_user(request, slug))


@public_view
@require_GET
def p_calendar(request: HttpRequest, token: str) -> HttpResponse:
    return _participant_calendar(request, _by_token(token))


# --- back office ----------------------------------------------------------------------------------------------


def _event(slug: str) -> Event:
    event: Event = get_object_or_404(Event, slug=slug)
    return event


@staff_required
@require_GET
def office_list(request: HttpRequest) -> HttpResponse:
    events = list(selectors.events_with_matchmaking())
    return render(request, "matchmaking/office/list.html", {"events": events})


@staff_required
@require_GET
def office_event(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event(slug)
    setup = services.setup_ensure(event=event)
    registrations = list(selectors.participants(event=event))
    profiles = {p.registration_id: p for p in selectors.profiles(event=event)}
    rows = [(registration, profiles.get(registration.pk)) for registration in registrations]
    return render(
        request,
        "matchmaking/office/event.html",
        {
            "event": event,
            "tab": "participants",
            "setup_form": SetupForm(
                initial={"request_cap": setup.request_cap, "expiry_hours": setup.expiry_hours}
            ),
            "must_have_form": MustHaveForm(event=event),
            "rows": rows,
            "requests": selectors.event_requests(event=event)[:200],
            "counts": selectors.request_counts(event=event),
        },
    )


@staff_required
@require_POST
def office_setup(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event(slug)
    form = SetupForm(request.POST)
    if form.is_valid():
        services.setup_update(user=request.user, event=event, **form.cleaned_data)
        messages.success(request, _("The settings have been saved."))
    else:
        messages.error(request, _("Check the settings: both numbers must be positive."))
    return redirect("matchmaking:office_event", slug)


@staff_required
@require_http_methods(["GET", "POST"])
def office_profile(request: HttpRequest, slug: str, registration_pk: int) -> HttpResponse:
    event = _event(slug)
    registration = selectors.participants(event=event).filter(pk=registration_pk).first()
    if registration is None:
        raise Http404
    profile = services.profile_ensure(registration=registration)
    form = ProfileForm(request.POST or None, profile=profile)
    if request.method == "POST" and form.is_valid():
        try:
            services.profile_update(
                actor=services.Actor(user=request.user),
                profile=profile,
                values=form.cleaned_data,
                sectors=form.cleaned_data["sectors"],
                unavailable_slots=form.cleaned_data["unavailable_slots"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The profile has been saved."))
            return redirect("matchmaking:office_event", slug)
    back = reverse("matchmaking:office_event", args=[slug])
    return render(request, "matchmaking/profile_form.html", {"form": form, "event": event, "back": back})


@staff_required
@require_POST
def office_must_have(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event(slug)
    form = MustHaveForm(request.POST, event=event)
    if form.is_valid():
        try:
            services.must_have_add(
                user=request.user,
                first=form.cleaned_data["first"],
                second=form.cleaned_data["second"],
                priority=form.cleaned_data["priority"],
            )
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(request, _("The must-have meeting has been added."))
    else:
        messages.error(request, _("Choose two participants and a priority."))
    return redirect("matchmaking:office_event", slug)


@staff_required
@require_http_methods(["GET", "POST"])
def office_resources(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event(slug)
    language = _language()
    slot_form = SlotGenerateForm(prefix="slots")
    room_form = RoomForm(prefix="room")
    interpreter_form = InterpreterForm(prefix="interpreter")
    if request.method == "POST":
        kind = request.POST.get("kind")
        try:
            if kind == "slots":
                slot_form = SlotGenerateForm(request.POST, prefix="slots")
                if slot_form.is_valid():
                    data = slot_form.cleaned_data
                    created = services.slots_generate(
                        user=request.user,
                        event=event,
                        days=slot_form.days(),
                        minutes=data["minutes"],
                        host_hours=(data["host_from"], data["host_to"]),
                        partner_hours=(data["partner_from"], data["partner_to"]),
                    )
                    messages.success(request, _("%(count)s time slots added.") % {"count": len(created)})
                    return redirect("matchmaking:office_resources", slug)
            elif kind == "room":
                room_form = RoomForm(request.POST, prefix="room")
                if room_form.is_valid():
                    services.room_add(user=request.user, event=event, **room_form.cleaned_data)
                    messages.success(request, _("The room has been added."))
                    return redirect("matchmaking:office_resources", slug)
            elif kind == "interpreter":
                interpreter_form = InterpreterForm(request.POST, prefix="interpreter")
                if interpreter_form.is_valid():
                    services.interpreter_add(user=request.user, event=event, **interpreter_form.cleaned_data)
                    messages.success(request, _("The interpreter has been added."))
                    return redirect("matchmaking:office_resources", slug)
        except ValidationError as error:
            messages.error(request, _error_text(error))
    slots = [
        (
            slot,
            agenda.slot_day(slot, event, language=language),
            agenda.slot_label(slot, event, language=language),
        )
        for slot in selectors.slots(event=event)
    ]
    interpreters = [(i, language_names(i.languages)) for i in selectors.interpreters(event=event)]
    return render(
        request,
        "matchmaking/office/resources.html",
        {
            "event": event,
            "tab": "resources",
            "slots": slots,
            "rooms": selectors.rooms(event=event),
            "interpreters": interpreters,
            "slot_form": slot_form,
            "room_form": room_form,
            "interpreter_form": interpreter_form,
        },
    )


def _slot_grid(event: Event, language: str, chosen: set[int]) -> dict[str, Any]:
    """The event's slots as a grid: one column per day (in the host city), one row per slot of the day; each
    cell names the slot's times in both cities."""
    by_day: dict[str, list[Slot]] = {}
    for slot in selectors.slots(event=event):
        by_day.setdefault(agenda.slot_day(slot, event, language=language), []).append(slot)
    days = list(by_day)
    depth = max((len(day_slots) for day_slots in by_day.values()), default=0)
    rows = [
        [
            {
                "pk": by_day[day][index].pk,
                "label": agenda.slot_label(by_day[day][index], event, language=language),
                "checked": by_day[day][index].pk in chosen,
            }
            if index < len(by_day[day])
            else None
            for day in days
        ]
        for index in range(depth)
    ]
    return {"days": days, "rows": rows}


def _office_interpreter(request: HttpRequest, event: Event, interpreter: Interpreter | None) -> HttpResponse:
    form = InterpreterEditForm(request.POST or None, event=event, interpreter=interpreter)
    if request.method == "POST" and form.is_valid():
        values = form.cleaned_data
        try:
            if interpreter is None:
                services.interpreter_add(user=request.user, event=event, **values)
                messages.success(request, _("The interpreter has been added."))
            else:
                services.interpreter_update(user=request.user, interpreter=interpreter, **values)
                messages.success(request, _("The interpreter has been saved."))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("matchmaking:office_resources", event.slug)
    return render(
        request,
        "matchmaking/office/interpreter.html",
        {
            "event": event,
            "tab": "resources",
            "interpreter": interpreter,
            "form": form,
            "grid": _slot_grid(event, _language(), form.chosen_slot_ids()),
        },
        status=400 if form.errors else 200,
    )


@staff_required
@require_http_methods(["GET", "POST"])
def office_interpreter_new(request: HttpRequest, slug: str) -> HttpResponse:
    return _office_interpreter(request, _event(slug), None)


@staff_required
@require_http_methods(["GET", "POST"])
def office_interpreter_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = _event(slug)
    interpreter = get_object_or_404(Interpreter, pk=pk, event=event)
    return _office_interpreter(request, event, interpreter)


@staff_required
@require_POST
def office_resource_delete(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    models: dict[str, Any] = {"slot": Slot, "room": Room, "interpreter": Interpreter}
    if kind not in models:
        raise Http404
    item = get_object_or_404(models[kind].objects.select_related("event"), pk=pk)
    slug = item.event.slug
    try:
        if kind == "slot":
            services.slot_delete(user=request.user, slot=item)
        elif kind == "room":
            services.room_delete(user=request.user, room=item)
        else:
            services.interpreter_delete(user=request.user, interpreter=item)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("Deleted."))
    return redirect("matchmaking:office_resources", slug)


def _grid(event: Event, language: str) -> dict[str, Any]:
    slots = list(selectors.slots(event=event))
    rooms = list(selectors.rooms(event=event))
    meetings = list(selectors.draft_meetings(event=event))
    by_cell = {(m.slot_id, m.room_id): m for m in meetings if m.slot_id is not None}
    rows = [
        (
            slot,
            agenda.slot_day(slot, event, language=language),
            agenda.slot_label(slot, event, language=language),
            [by_cell.get((slot.pk, room.pk)) for room in rooms],
        )
        for slot in slots
    ]
    return {
        "rooms": rooms,
        "rows": rows,
        "unscheduled": [m for m in meetings if m.slot_id is None],
        "meeting_count": len(meetings),
    }


@staff_required
@require_GET
def office_schedule(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event(slug)
    return render(
        request,
        "matchmaking/office/schedule.html",
        {
            "event": event,
            "tab": "schedule",
            "run": selectors.latest_run(event=event),
            "run_form": RunForm(),
            "setup": services.setup_ensure(event=event),
            **_grid(event, _language()),
        },
    )


@staff_required
@require_POST
def office_run(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event(slug)
    form = RunForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The time limit is between 1 and 600 seconds."))
        return redirect("matchmaking:office_schedule", slug)
    try:
        services.schedule_run_start(
            user=request.user, event=event, time_limit=form.cleaned_data["time_limit"]
        )
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("The scheduler has started."))
    return redirect("matchmaking:office_schedule", slug)


@staff_required
@require_GET
def office_run_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The run's progress as an HTML fragment; htmx polls it while the run is queued or running."""
    run = get_object_or_404(ScheduleRun.objects.select_related("event"), pk=pk)
    response = render(request, "matchmaking/office/_run.html", {"run": run, "event": run.event})
    if run.status in (RunStatus.DONE, RunStatus.FAILED) and request.headers.get("HX-Request"):
        # Reload the page so the grid shows the new draft.
        response["HX-Refresh"] = "true"
    return response


@staff_required
@require_POST
def office_lock(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting.objects.select_related("event"), pk=pk)
    try:
        services.meeting_set_lock(user=request.user, meeting=meeting, locked=not meeting.locked)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    return redirect("matchmaking:office_schedule", meeting.event.slug)


@staff_required
@require_POST
def office_publish(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event(slug)
    changed = services.schedule_publish(user=request.user, event=event)
    messages.success(
        request,
        _("The schedule has been published; %(count)s participants were notified of changes.")
        % {"count": len(changed)},
    )
    return redirect("matchmaking:office_schedule", slug)


@staff_required
@require_GET
def office_export(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    if fmt not in exports.FORMATS:
        raise Http404
    return exports.schedule_export(event=_event(slug), language=_language(), fmt=fmt)
