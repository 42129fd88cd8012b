"""Pages of the events domain: public lists, event page, registration and self-service; the officers' back office."""

import logging

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from investbridge.core import limits
from investbridge.core.fonts import MissingFontError
from investbridge.core.forms import add_service_error
from investbridge.core.permissions import has_role, public_view, staff_required
from investbridge.core.roles import Role
from investbridge.events import registrant_links, reports, selectors, services
from investbridge.events.attendance import AttendanceImportResult
from investbridge.events.calendar import public_calendar, registration_calendar
from investbridge.events.emails import join_url_for, manage_url, provider_join_url
from investbridge.events.forms import (
    LANGUAGE_SUFFIXES,
    AnnouncementForm,
    AttendanceImportForm,
    EventForm,
    ManageRegistrationForm,
    MaterialForm,
    MoveForm,
    RegistrationForm,
    SessionForm,
    VideoRoomForm,
)
from investbridge.events.models import (
    Event,
    EventStatus,
    Material,
    MaterialVisibility,
    Registration,
    RegistrationStatus,
    Session,
    VideoRoom,
)
from investbridge.events.video import Participant, VideoServiceError, provider_for

logger = logging.getLogger(__name__)


def _language() -> str:
    language = get_language() or settings.LANGUAGE_CODE
    return language if language in settings.LANGUAGE_CODES else settings.LANGUAGE_CODE


def _is_officer(request: HttpRequest) -> bool:
    return has_role(request.user, Role.OFFICER, Role.ADMIN)


def _visible_event(request: HttpRequest, slug: str) -> Event:
    event: Event = get_object_or_404(Event.objects.select_related("organizer"), slug=slug)
    if event.status == EventStatus.DRAFT and not _is_officer(request):
        raise Http404
    return event


# --- public pages -----------------------------------------------------------------------------------------


@public_view
@require_GET
def event_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "events/list.html",
        {"upcoming": list(selectors.upcoming_events()), "past": list(selectors.past_events()[:20])},
    )


#: How long a rendered event page body is reused (it is keyed on everything it shows, so this only bounds
#: how long a renamed organizer or speaker in the directory takes to appear).
DETAIL_CACHE_SECONDS = 300


@public_view
@require_GET
def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """The public event page. Its body (agenda in both cities' zones, places, materials) is rendered once per
    event version (raised by every change it shows), language, reader zone and audience, then reused: a cached
    page costs one small query."""
    officer = _is_officer(request)
    row = (
        Event.objects.filter(slug=slug)
        .values_list(
            "pk", "uid", "version", "status", "ends_at", "registration_opens_at", "registration_closes_at"
        )
        .first()
    )
    if row is None or (row[3] == EventStatus.DRAFT and not officer):
        raise Http404
    pk, uid, version, status, ends_at, opens_at, closes_at = row
    now = timezone.now()
    is_open = (
        status == EventStatus.PUBLISHED
        and ends_at > now
        and (opens_at is None or opens_at <= now)
        and (closes_at is None or now <= closes_at)
    )
    language = _language()
    key = (
        f"events:detail:{uid}:{version}:{language}:{timezone.get_current_timezone_name()}:{officer}:{is_open}"
    )
    page = cache.get(key)
    if page is None:
        event = Event.objects.select_related("organizer").get(pk=pk)
        counts = selectors.event_counts(event=event)
        body = render_to_string(
            "events/_detail_body.html",
            {
                "event": event,
                "sessions": list(selectors.event_sessions(event=event)),
                "counts": counts,
                "is_open": is_open,
                "materials": list(
                    selectors.visible_materials(event=event, is_officer=officer, is_registrant=False)
                ),
                "co_organizers": list(event.co_organizers.all()),
            },
        )
        page = {"title": str(event.title), "body": body, "counts": counts}
        cache.set(key, page, DETAIL_CACHE_SECONDS)
    return render(
        request,
        "events/detail.html",
        {"title": page["title"], "body": mark_safe(page["body"]), "counts": page["counts"]},  # noqa: S308
    )


@public_view
@require_GET
def event_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    """The public .ics: never a join link."""
    event = _visible_event(request, slug)
    response = HttpResponse(
        public_calendar(event, language=_language()), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response


@public_view
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest, slug: str) -> HttpResponse:
    event = _visible_event(request, slug)
    language = _language()
    form = RegistrationForm(request.POST or None, language=language)
    if request.method == "POST":
        verdict = limits.form_over_limit(
            request, form, scope="events_registration", rate=str(settings.EVENTS_REGISTRATION_RATE)
        )
        if verdict is not None:
            context = {"event": event, "form": form, "is_open": services.registration_is_open(event)}
            return limits.refused(render(request, "events/register.html", context), verdict)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        # Over the cap on mails to this address (INVESTBRIDGE_MAIL_RECIPIENT_RATE) no mail goes out; the answer
        # is the same.
        hold_mail = not limits.recipient_allowed(data["email"])
        try:
            with limits.mail_held_back(data["email"], hold=hold_mail):
                services.registration_create(
                    event=event,
                    data=services.RegistrationInput(
                        full_name=data["full_name"],
                        name_latin=data["name_latin"],
                        email=data["email"],
                        organization_name=data["organization_name"],
                        position=data["position"],
                        country=data["country"],
                        language=data["language"],
                        time_zone=data["time_zone"],
                        sectors=data["sectors"],
                        consent=data["consent"],
                    ),
                )
        except services.RegistrationClosedError as error:
            form.add_error(None, error)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            # The same page whether the e-mail was new or registered already: the link to the registration
            # travels only by e-mail, to the address's owner.
            return redirect("events:registered", slug=event.slug)
    return render(
        request,
        "events/register.html",
        {"event": event, "form": form, "is_open": services.registration_is_open(event)},
        status=400 if request.method == "POST" else 200,
    )


@public_view
@require_GET
def registered(request: HttpRequest, slug: str) -> HttpResponse:
    """After the registration form: "check your mailbox", the same for everyone (nothing about the registrant)."""
    return render(request, "events/registered.html", {"event": _visible_event(request, slug)})


def _registration_or_404(token: str) -> Registration:
    registration = selectors.registration_by_token(token=token)
    if registration is None:
        raise Http404
    return registration


@public_view
@require_http_methods(["GET", "POST"])
def manage(request: HttpRequest, token: str) -> HttpResponse:
    """The registrant's own page, reached through the secret link of their e-mails."""
    registration = _registration_or_404(token)
    event = registration.event
    initial = {
        "full_name": registration.full_name,
        "name_latin": registration.name_latin,
        "position": registration.position,
        "language": registration.language,
        "time_zone": registration.time_zone,
        "sectors": list(registration.sectors.values_list("pk", flat=True)),
        "consent": registration.consent_to_contact,
    }
    form = ManageRegistrationForm(request.POST or None, initial=initial)
    active = registration.status in {
        s.value
        for s in (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED, RegistrationStatus.PENDING)
    }
    if request.method == "POST":
        if not active:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.registration_update_by_token(
                    registration=registration,
                    token=token,
                    full_name=data["full_name"],
                    name_latin=data["name_latin"],
                    position=data["position"],
                    language=data["language"],
                    time_zone=data["time_zone"],
                    sectors=data["sectors"],
                    consent=data["consent"],
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("Your changes are saved."))
                return redirect("events:manage", token=token)
    reader_zone = registration.time_zone or None
    return render(
        request,
        "events/manage.html",
        {
            "registration": registration,
            "event": event,
            "form": form,
            "active": active,
            "join_url": join_url_for(registration),
            "reader_zone": reader_zone,
            "links": registrant_links.links_for(registration) if active else [],
            "materials": selectors.visible_materials(
                event=event,
                is_officer=False,
                is_registrant=registration.status == RegistrationStatus.CONFIRMED,
            ),
        },
        status=400 if request.method == "POST" else 200,
    )


@public_view
@require_POST
def manage_cancel(request: HttpRequest, token: str) -> HttpResponse:
    registration = _registration_or_404(token)
    try:
        services.registration_cancel_by_token(registration_id=registration.pk, token=token)
    except Registration.DoesNotExist as error:
        raise Http404 from error
    messages.success(request, _("Your registration is cancelled. We have sent you a confirmation."))
    return redirect("events:manage", token=token)


@public_view
@require_GET
def manage_join(request: HttpRequest, token: str) -> HttpResponse:
    """A confirmed registrant's way into the video room: the meeting is created if needed, then their link."""
    registration = _registration_or_404(token)
    room = VideoRoom.objects.filter(event_id=registration.event_id).first()
    if registration.status != RegistrationStatus.CONFIRMED or room is None:
        raise Http404
    try:
        provider = provider_for(room)
        if provider is None:
            raise Http404
        provider.create(room)
    except VideoServiceError:
        messages.error(
            request, _("The video room cannot be reached right now. Please try again in a minute.")
        )
        return redirect("events:manage", token=token)
    return HttpResponseRedirect(provider_join_url(registration, room))


@public_view
@require_GET
def manage_calendar(request: HttpRequest, token: str) -> HttpResponse:
    """The registrant's personal .ics (with their join link once confirmed)."""
    registration = _registration_or_404(token)
    body = registration_calendar(
        registration, join_url=join_url_for(registration), manage_url=manage_url(registration)
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{registration.event.slug}.ics"'
    return response


@public_view
@require_GET
def material_download(request: HttpRequest, pk: int) -> HttpResponseBase:
    material = get_object_or_404(Material.objects.select_related("event"), pk=pk)
    allowed = material.visibility == MaterialVisibility.PUBLIC or _is_officer(request)
    if not allowed and material.visibility == MaterialVisibility.REGISTRANTS:
        registration = selectors.registration_by_token(token=request.GET.get("token", ""))
        allowed = (
            registration is not None
            and registration.event_id == material.event_id
            and registration.status == RegistrationStatus.CONFIRMED
        )
    if not allowed:
        raise Http404
    if material.event.status == EventStatus.DRAFT and not _is_officer(request):
        raise Http404
    return FileResponse(
        material.file.open("rb"), as_attachment=True, filename=f"{material.title}{material.extension}"
    )


# --- back office ------------------------------------------------------------------------------------------


@staff_required
@require_GET
def office_list(request: HttpRequest) -> HttpResponse:
    return render(request, "events/office/list.html", {"events": list(selectors.all_events())})


@staff_required
@require_http_methods(["GET", "POST"])
def office_create(request: HttpRequest) -> HttpResponse:
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_create(
                user=request.user, values=form.values(), co_organizers=form.cleaned_data["co_organizers"]
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The event is created."))
            return redirect("events:office_agenda", slug=event.slug)
    return render(request, "events/office/event_form.html", {"form": form, "languages": LANGUAGE_SUFFIXES})


@staff_required
@require_http_methods(["GET", "POST"])
def office_edit(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_object_or_404(Event, slug=slug)
    form = EventForm(request.POST or None, instance=Event.objects.get(pk=event.pk))
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_update(
                user=request.user,
                event=event,
                values=form.values(),
                co_organizers=form.cleaned_data["co_organizers"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The event is saved."))
            return redirect("events:office_registrations", slug=event.slug)
    return render(
        request,
        "events/office/event_form.html",
        {"form": form, "event": event, "languages": LANGUAGE_SUFFIXES},
    )


@staff_required
@require_POST
def office_duplicate(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_object_or_404(Event, slug=slug)
    copy = services.event_duplicate(user=request.user, event=event)
    messages.success(request, _("A draft copy is created: change its date and texts, then publish it."))
    return redirect("events:office_edit", slug=copy.slug)


@staff_required
@require_http_methods(["GET", "POST"])
def office_agenda(request: HttpRequest, slug: str) -> HttpResponse:
    """Sessions, materials and the video room of an event."""
    event = get_object_or_404(Event, slug=slug)
    room, _created = VideoRoom.objects.get_or_create(
        event=event, defaults={"room_name": f"investbridge-{event.slug}"}
    )
    action = request.POST.get("action") if request.method == "POST" else None
    session_form = SessionForm(request.POST if action == "session" else None)
    material_form = MaterialForm(request.POST if action == "material" else None, request.FILES or None)
    room_form = VideoRoomForm(
        request.POST if action == "room" else None,
        initial={"provider": room.provider, "external_url": room.external_url},
    )
    try:
        if action == "session" and session_form.is_valid():
            services.session_save(
                user=request.user,
                event=event,
                values=session_form.values(),
                speakers=session_form.cleaned_data["speakers"],
            )
            messages.success(request, _("The session is added."))
            return redirect("events:office_agenda", slug=slug)
        if action == "material" and material_form.is_valid():
            data = material_form.cleaned_data
            services.material_add(
                user=request.user,
                event=event,
                title=data["title"],
                file=data["file"],
                visibility=data["visibility"],
            )
            messages.success(request, _("The material is added."))
            return redirect("events:office_agenda", slug=slug)
        if action == "room" and room_form.is_valid():
            data = room_form.cleaned_data
            services.video_room_configure(
                user=request.user, event=event, provider=data["provider"], external_url=data["external_url"]
            )
            messages.success(request, _("The video room is saved."))
            return redirect("events:office_agenda", slug=slug)
    except ValidationError as error:
        target = {"session": session_form, "material": material_form, "room": room_form}[action or "session"]
        add_service_error(target, error)
    return render(
        request,
        "events/office/agenda.html",
        {
            "event": event,
            "sessions": list(selectors.event_sessions(event=event)),
            "materials": list(Material.objects.filter(event=event)),
            "session_form": session_form,
            "material_form": material_form,
            "room_form": room_form,
            "room": room,
        },
        status=400 if request.method == "POST" else 200,
    )


@staff_required
@require_POST
def office_session_delete(request: HttpRequest, pk: int) -> HttpResponse:
    session: Session = get_object_or_404(Session.objects.select_related("event"), pk=pk)
    slug = session.event.slug
    services.session_delete(user=request.user, session=session)
    messages.success(request, _("The session is removed."))
    return redirect("events:office_agenda", slug=slug)


@staff_required
@require_POST
def office_material_delete(request: HttpRequest, pk: int) -> HttpResponse:
    material = get_object_or_404(Material.objects.select_related("event"), pk=pk)
    slug = material.event.slug
    services.material_delete(user=request.user, material=material)
    messages.success(request, _("The material is removed."))
    return redirect("events:office_agenda", slug=slug)


@staff_required
@require_GET
def office_join(request: HttpRequest, slug: str) -> HttpResponse:
    """The officer joins the video room as moderator (a BigBlueButton meeting is created first)."""
    event = get_object_or_404(Event, slug=slug)
    room = get_object_or_404(VideoRoom, event=event)
    try:
        provider = provider_for(room)
        if provider is None:
            raise Http404
        provider.create(room)
        url = provider.join_url(
            room,
            Participant(
                name=str(getattr(request.user, "full_name", "") or getattr(request.user, "email", "")),
                email=str(getattr(request.user, "email", "")),
                moderator=True,
                user_id=f"user-{request.user.pk}",
            ),
        )
    except VideoServiceError as error:
        messages.error(request, _("The video service did not answer: %(error)s") % {"error": error})
        return redirect("events:office_agenda", slug=slug)
    return HttpResponseRedirect(url)


@staff_required
@require_GET
def office_registrations(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_object_or_404(Event, slug=slug)
    status = request.GET.get("status") or None
    statuses = [status] if status in RegistrationStatus.values else None
    registrations = selectors.event_registrations(event=event, statuses=statuses).prefetch_related("sectors")
    return render(
        request,
        "events/office/registrations.html",
        {
            "event": event,
            "registrations": list(registrations),
            "counts": selectors.event_counts(event=event),
            "status": status,
            "statuses": RegistrationStatus.choices,
            "move_form": MoveForm(exclude=event),
            "attendance_form": AttendanceImportForm(event=event),
        },
    )


_ACTIONS = {
    "approve": lambda user, registration: services.registration_approve(user=user, registration=registration),
    "decline": lambda user, registration: services.registration_decline(user=user, registration=registration),
    "cancel": lambda user, registration: services.registration_cancel(user=user, registration=registration),
    "promote": lambda user, registration: services.registration_promote(user=user, registration=registration),
    "check_in": lambda user, registration: services.attendance_check_in(user=user, registration=registration),
    "check_out": lambda user, registration: services.attendance_check_in(
        user=user, registration=registration, attended=False
    ),
}


@staff_required
@require_POST
def office_registration_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    registration = get_object_or_404(Registration.objects.select_related("event"), pk=pk)
    if action not in _ACTIONS:
        raise Http404
    try:
        _ACTIONS[action](request.user, registration)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Done: %(name)s.") % {"name": registration.full_name})
    return redirect(reverse("events:office_registrations", kwargs={"slug": registration.event.slug}))


@staff_required
@require_POST
def office_registration_move(request: HttpRequest, pk: int) -> HttpResponse:
    registration = get_object_or_404(Registration.objects.select_related("event"), pk=pk)
    form = MoveForm(request.POST, exclude=registration.event)
    if form.is_valid():
        try:
            services.registration_move(
                user=request.user, registration=registration, to_event=form.cleaned_data["to_event"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The registration is moved."))
    else:
        messages.error(request, _("Choose the event to move the registration to."))
    return redirect("events:office_registrations", slug=registration.event.slug)


@staff_required
@require_http_methods(["GET", "POST"])
def office_announce(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_object_or_404(Event, slug=slug)
    form = AnnouncementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        count = services.announcement_send(user=request.user, event=event, messages=form.messages())
        messages.success(
            request,
            ngettext(
                "The announcement is sent to %(count)d registrant.",
                "The announcement is sent to %(count)d registrants.",
                count,
            )
            % {"count": count},
        )
        return redirect("events:office_registrations", slug=slug)
    return render(request, "events/office/announce.html", {"event": event, "form": form})


@staff_required
@require_http_methods(["GET", "POST"])
def office_attendance(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_object_or_404(Event, slug=slug)
    form = AttendanceImportForm(request.POST or None, request.FILES or None, event=event)
    result: AttendanceImportResult | None = None
    if request.method == "POST" and form.is_valid():
        try:
            result = services.attendance_import(
                user=request.user,
                event=event,
                file=form.cleaned_data["file"],
                time_zone=form.cleaned_data["time_zone"] or None,
            )
        except ValidationError as error:
            add_service_error(form, error)
    return render(
        request,
        "events/office/attendance.html",
        {"event": event, "form": form, "result": result},
        status=400 if request.method == "POST" and result is None else 200,
    )


def _report_language(request: HttpRequest) -> str:
    language = request.GET.get("language") or _language()
    return language if language in settings.LANGUAGE_CODES else _language()


def _report_page(request: HttpRequest, event: Event, language: str, status: int = 200) -> HttpResponse:
    return render(
        request,
        "events/office/report.html",
        {
            "event": event,
            "report": reports.event_report(event=event, language=language),
            "report_language": language,
            "languages": settings.LANGUAGES,
        },
        status=status,
    )


@staff_required
@require_GET
def office_report(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_object_or_404(Event, slug=slug)
    return _report_page(request, event, _report_language(request))


_EXPORTS = {
    "csv": ("text/csv; charset=utf-8", reports.report_csv),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", reports.report_xlsx),
    "pdf": ("application/pdf", reports.report_pdf),
}


@staff_required
@require_GET
def office_report_export(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    if fmt not in _EXPORTS:
        raise Http404
    event = get_object_or_404(Event, slug=slug)
    language = _report_language(request)
    content_type, build = _EXPORTS[fmt]
    try:
        body = build(reports.event_report(event=event, language=language))
    except MissingFontError as error:  # the report page says why, instead of a PDF with boxes
        logger.error("The report of %s (%s) was not produced: %s", event.slug, language, error)
        messages.error(request, error.user_message)
        return _report_page(request, event, language, status=503)
    response = HttpResponse(body, content_type=content_type)
    stamp = timezone.now().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}-report-{language}-{stamp}.{fmt}"'
    return response


@public_view
@csrf_exempt
@require_http_methods(["GET", "POST"])
def bench_trivial(request: HttpRequest) -> HttpResponse:
    """The benchmark's baseline: the smallest Django response (routed only with INVESTBRIDGE_BENCH=1)."""
    return HttpResponse("ok", content_type="text/plain")


@public_view
@require_GET
def bench_layout(request: HttpRequest) -> HttpResponse:
    """The benchmark's second reference: an empty page in the shared layout (routed only with INVESTBRIDGE_BENCH=1)."""
    return render(request, "events/bench_layout.html")
