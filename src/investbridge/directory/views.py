"""Officers' directory pages: lists with live search, details, side-by-side editing, merge and import."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from investbridge.core import i18n
from investbridge.core.exports import csv_response
from investbridge.core.forms import add_service_error
from investbridge.core.permissions import public_view, staff_required
from investbridge.directory import importing, isic, selectors, services
from investbridge.directory.forms import (
    ImportForm,
    MembershipForm,
    MergeForm,
    OrganizationForm,
    PersonCreateForm,
    PersonForm,
)
from investbridge.directory.models import Membership, Organization, OrganizationKind, Person

PAGE_SIZE = 50


def _page(request: HttpRequest, queryset: Any) -> Any:
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def _is_htmx(request: HttpRequest) -> bool:
    """True for htmx requests (live search), which get the table rows only."""
    return bool(getattr(request, "htmx", False))


def _organization_or_404(pk: int) -> Organization:
    try:
        return selectors.organization_detail(pk=pk)
    except Organization.DoesNotExist as error:
        raise Http404 from error


def _person_or_404(pk: int) -> Person:
    try:
        return selectors.person_detail(pk=pk)
    except Person.DoesNotExist as error:
        raise Http404 from error


# --- organizations --------------------------------------------------------------------------------


@staff_required
def organization_list(request: HttpRequest) -> HttpResponse:
    filters = {
        "search": request.GET.get("q", "").strip(),
        "country": request.GET.get("country", "").strip(),
        "kind": request.GET.get("kind", "").strip(),
        "sector": request.GET.get("sector", "").strip(),
        "is_partner": request.GET.get("partner", "").strip(),
    }
    queryset = selectors.organization_list(
        search=filters["search"] or None,
        country=filters["country"] or None,
        kind=filters["kind"] or None,
        sector=filters["sector"] or None,
        is_partner=filters["is_partner"] or None,
    )
    page = _page(request, queryset)
    context = {
        "page": page,
        "filters": filters,
        "kinds": OrganizationKind.choices,
        "sectors": list(isic.SECTIONS.items()),
        "countries": [(code, i18n.country_name(code)) for code in selectors.organization_countries()],
    }
    template = (
        "directory/_organization_rows.html" if _is_htmx(request) else "directory/organization_list.html"
    )
    return render(request, template, context)


@staff_required
def organization_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organization = _organization_or_404(pk)
    return render(request, "directory/organization_detail.html", {"organization": organization})


@staff_required
def organization_create(request: HttpRequest) -> HttpResponse:
    form = OrganizationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organization = services.organization_create(
                actor=request.user,
                data=form.cleaned_data,
                confirm_duplicate=form.cleaned_data["confirm_duplicate"],
            )
        except services.DuplicateError as error:
            form.duplicate = error.existing
            add_service_error(form, error)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The organization has been added."))
            return redirect("directory:organization_detail", pk=organization.pk)
    return render(request, "directory/organization_form.html", {"form": form, "organization": None})


@staff_required
def organization_edit(request: HttpRequest, pk: int) -> HttpResponse:
    organization = _organization_or_404(pk)
    form = OrganizationForm(request.POST or None, initial=OrganizationForm.initial_for(organization))
    if request.method == "POST" and form.is_valid():
        try:
            services.organization_update(
                actor=request.user,
                organization=organization,
                data=form.cleaned_data,
                confirm_duplicate=form.cleaned_data["confirm_duplicate"],
            )
        except services.DuplicateError as error:
            form.duplicate = error.existing
            add_service_error(form, error)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("directory:organization_detail", pk=organization.pk)
    return render(request, "directory/organization_form.html", {"form": form, "organization": organization})


@staff_required
def organization_merge(request: HttpRequest, pk: int) -> HttpResponse:
    source = _organization_or_404(pk)
    if source.merged_into_id is not None:
        messages.warning(request, _("This record has already been merged."))
        return redirect("directory:organization_detail", pk=source.pk)
    data = request.POST if request.method == "POST" else None
    form = MergeForm(data, source=source, initial={"target": request.GET.get("into")})
    target = _merge_target(form, request, Organization)
    if request.method == "POST" and form.is_valid():
        try:
            result = services.organization_merge(
                actor=request.user, source=source, target=form.cleaned_data["target"]
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The organizations have been merged."))
            return redirect("directory:organization_detail", pk=result.target.pk)
    return render(
        request,
        "directory/merge.html",
        {"form": form, "source": source, "target": target, "kind": "organization"},
    )


def _merge_target(form: MergeForm, request: HttpRequest, model: type) -> Any:
    """The record chosen to stay, for the side-by-side preview."""
    raw = request.POST.get("target") or request.GET.get("into")
    if not raw or not str(raw).isdigit():
        return None
    queryset = form.fields["target"].queryset  # type: ignore[attr-defined]
    return queryset.filter(pk=int(raw)).first()


# --- people ---------------------------------------------------------------------------------------


@staff_required
def person_list(request: HttpRequest) -> HttpResponse:
    search = request.GET.get("q", "").strip()
    country = request.GET.get("country", "").strip()
    page = _page(request, selectors.person_list(search=search or None, country=country or None))
    context = {
        "page": page,
        "filters": {"search": search, "country": country},
        "countries": [(code, i18n.country_name(code)) for code in selectors.person_countries()],
    }
    template = "directory/_person_rows.html" if _is_htmx(request) else "directory/person_list.html"
    return render(request, template, context)


@staff_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person_or_404(pk)
    form = MembershipForm()
    return render(request, "directory/person_detail.html", {"person": person, "membership_form": form})


@staff_required
def person_create(request: HttpRequest) -> HttpResponse:
    initial = {"preferred_language": "ru", "organization": request.GET.get("organization") or None}
    form = PersonCreateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.person_create(
                actor=request.user,
                data=form.cleaned_data,
                organization=form.cleaned_data["organization"],
                position=form.cleaned_data["position"],
            )
        except services.DuplicateError as error:
            form.duplicate = error.existing  # type: ignore[attr-defined]
            add_service_error(form, error)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The person has been added."))
            return redirect("directory:person_detail", pk=person.pk)
    return render(request, "directory/person_form.html", {"form": form, "person": None})


@staff_required
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person_or_404(pk)
    form = PersonForm(request.POST or None, initial=PersonForm.initial_for(person))
    if request.method == "POST" and form.is_valid():
        try:
            services.person_update(actor=request.user, person=person, data=form.cleaned_data)
        except services.DuplicateError as error:
            form.duplicate = error.existing  # type: ignore[attr-defined]
            add_service_error(form, error)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("directory:person_detail", pk=person.pk)
    return render(request, "directory/person_form.html", {"form": form, "person": person})


@staff_required
@require_POST
def membership_add(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person_or_404(pk)
    form = MembershipForm(request.POST)
    if form.is_valid():
        services.membership_set(
            actor=request.user,
            person=person,
            organization=form.cleaned_data["organization"],
            position=form.cleaned_data["position"],
            is_primary=form.cleaned_data["is_primary"],
        )
        messages.success(request, _("The position has been saved."))
        return redirect("directory:person_detail", pk=person.pk)
    return render(
        request, "directory/person_detail.html", {"person": person, "membership_form": form}, status=400
    )


@staff_required
@require_POST
def membership_remove(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        membership = Membership.objects.get(pk=pk)
    except Membership.DoesNotExist as error:
        raise Http404 from error
    services.membership_remove(actor=request.user, membership=membership)
    messages.success(request, _("The person has been removed from the organization."))
    return redirect("directory:person_detail", pk=membership.person_id)


@staff_required
def person_merge(request: HttpRequest, pk: int) -> HttpResponse:
    source = _person_or_404(pk)
    if source.merged_into_id is not None:
        messages.warning(request, _("This record has already been merged."))
        return redirect("directory:person_detail", pk=source.pk)
    data = request.POST if request.method == "POST" else None
    form = MergeForm(data, source=source, initial={"target": request.GET.get("into")})
    target = _merge_target(form, request, Person)
    if request.method == "POST" and form.is_valid():
        try:
            result = services.person_merge(
                actor=request.user, source=source, target=form.cleaned_data["target"]
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The people have been merged."))
            return redirect("directory:person_detail", pk=result.target.pk)
    return render(
        request, "directory/merge.html", {"form": form, "source": source, "target": target, "kind": "person"}
    )


# --- duplicates and import ------------------------------------------------------------------------


@staff_required
def duplicates(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "directory/duplicates.html",
        {
            "organization_groups": selectors.organization_duplicate_groups(),
            "person_groups": selectors.person_duplicate_groups(),
        },
    )


@staff_required
def import_upload(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    status = 200
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = importing.run_import(
            kind=form.cleaned_data["kind"], file=upload, filename=upload.name, actor=request.user
        )
        if result.ok:
            messages.success(request, _("The file has been imported."))
        else:
            status = 400
    elif request.method == "POST":
        status = 400
    return render(request, "directory/import.html", {"form": form, "result": result}, status=status)


@staff_required
def import_template(request: HttpRequest, kind: str) -> HttpResponse:
    """An empty CSV file with the right header, to fill in a spreadsheet program."""
    if kind not in (importing.ORGANIZATIONS, importing.PEOPLE):
        raise Http404
    columns = importing.ORGANIZATION_COLUMNS if kind == importing.ORGANIZATIONS else importing.PEOPLE_COLUMNS
    return csv_response([], header=columns, filename=f"investbridge-{kind}.csv")


# --- a person's own confirmation of a change (double opt-in) ---------------------------------------


@public_view
@require_http_methods(["GET", "POST"])
def confirm_change(request: HttpRequest, token: str) -> HttpResponse:
    """The link mailed to a person whose details a public form asked to change: shows the change, applies it on
    POST (again: nothing more changes); a tampered, expired or outdated link gets a page that says so."""
    try:
        if request.method == "POST":
            change = services.person_change_apply(token=token)
        else:
            change = services.person_change_read(token=token)
    except services.PersonChangeLinkError as error:
        return render(
            request,
            "directory/confirm_change_invalid.html",
            {"message": error.messages[0]},
            status=410 if error.code == "expired" else 400,
        )
    pending = change.consent_pending or change.membership_pending
    return render(
        request,
        "directory/confirm_change.html",
        {"change": change, "pending": pending, "done": request.method == "POST"},
    )
