"""Pages of the region domain: the public profile, incentives and interest form; the officers' back office."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from investbridge.core import limits
from investbridge.core.permissions import public_view, staff_required
from investbridge.region import selectors, services
from investbridge.region.forms import (
    DimensionForm,
    ExpressionOfInterestForm,
    IncentiveForm,
    KeyFigureForm,
    RegionProfileForm,
)
from investbridge.region.models import Dimension, DimensionKind, Incentive, InterestStatus, KeyFigure


def _profile_or_404() -> Any:
    profile = selectors.profile_get()
    if profile is None:
        raise Http404
    return profile


@public_view
def dimension_detail(request: HttpRequest, kind: str) -> HttpResponse:
    profile = _profile_or_404()
    if kind not in DimensionKind.values:
        raise Http404
    dimensions = list(selectors.dimension_list(profile=profile))
    dimension = next((item for item in dimensions if item.kind == kind), None)
    if dimension is None:
        raise Http404
    context = {"profile": profile, "dimension": dimension, "dimensions": dimensions}
    if kind == DimensionKind.POLICIES:
        context["incentives"] = selectors.incentive_list()
    return render(request, "region/dimension_detail.html", context)


@public_view
def incentive_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "region/incentive_list.html",
        {"profile": selectors.profile_get(), "incentives": selectors.incentive_list()},
    )


@public_view
def incentive_detail(request: HttpRequest, slug: str) -> HttpResponse:
    incentive = selectors.incentive_get(slug=slug)
    if incentive is None:
        raise Http404
    return render(
        request, "region/incentive_detail.html", {"profile": selectors.profile_get(), "incentive": incentive}
    )


@public_view
def interest(request: HttpRequest) -> HttpResponse:
    """The expression-of-interest form (also shown on the landing page, which posts here)."""
    form = ExpressionOfInterestForm(request.POST or None)
    if request.method == "POST":
        verdict = limits.form_over_limit(
            request, form, scope="region_interest", rate=str(settings.REGION_INTEREST_RATE)
        )
        if verdict is not None:
            context = {"profile": selectors.profile_get(), "form": form}
            return limits.refused(render(request, "region/interest.html", context), verdict)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.expression_of_interest_create(
                submission_key=data["submission_key"],
                name=data["name"],
                email=data["email"],
                organization_name=data["organization_name"],
                country=data["country"],
                language=data["language"],
                sectors=data["sectors"],
                message=data["message"],
                consent=data["consent"],
                consent_source=f"web form {request.path}",
                acknowledge=limits.recipient_allowed(data["email"]),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("region:interest_thanks")
    status = 400 if request.method == "POST" else 200
    return render(
        request, "region/interest.html", {"profile": selectors.profile_get(), "form": form}, status=status
    )


@public_view
def interest_thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "region/interest_thanks.html", {"profile": selectors.profile_get()})


# --- Back office -------------------------------------------------------------------------------------------


@staff_required
def manage(request: HttpRequest) -> HttpResponse:
    profile = selectors.profile_get()
    return render(
        request,
        "region/manage/index.html",
        {
            "profile": profile,
            "dimensions": selectors.dimension_list(profile=profile) if profile else [],
            "incentives": selectors.incentive_list_all(),
            "new_interest_count": selectors.expression_of_interest_count_new(),
        },
    )


def _render_edit(
    request: HttpRequest, form: Any, title: str, status: int = 200, **extra: Any
) -> HttpResponse:
    context = {"form": form, "title": title, **extra}
    return render(request, "region/manage/edit.html", context, status=status)


@staff_required
def manage_profile_edit(request: HttpRequest) -> HttpResponse:
    profile = _profile_or_404()
    form = RegionProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        services.profile_update(
            user=request.user,
            profile_id=profile.pk,
            data={
                **form.translated_data(),
                **{name: form.cleaned_data[name] for name in services.PROFILE_PLAIN_FIELDS},
            },
        )
        messages.success(request, _("The region profile is saved."))
        return redirect("region:manage")
    return _render_edit(request, form, _("Region profile"), status=400 if form.is_bound else 200)


@staff_required
def manage_dimension_edit(request: HttpRequest, pk: int) -> HttpResponse:
    dimension = get_object_or_404(Dimension, pk=pk)
    form = DimensionForm(request.POST or None, instance=dimension)
    if request.method == "POST" and form.is_valid():
        try:
            services.dimension_update(
                user=request.user,
                dimension_id=dimension.pk,
                expected_version=form.cleaned_data["version"],
                data=form.service_data(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The dimension is saved."))
            return redirect("region:manage")
    return _render_edit(
        request,
        form,
        dimension.get_kind_display(),
        status=400 if form.is_bound else 200,
        dimension=dimension,
        key_figures=dimension.key_figures.order_by("order", "id"),
    )


@staff_required
def manage_key_figure_create(request: HttpRequest, dimension_pk: int) -> HttpResponse:
    dimension = get_object_or_404(Dimension, pk=dimension_pk)
    form = KeyFigureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.key_figure_create(user=request.user, dimension=dimension, data=form.service_data())
        messages.success(request, _("The key figure is saved."))
        return redirect("region:manage_dimension_edit", pk=dimension.pk)
    return _render_edit(request, form, _("New key figure"), status=400 if form.is_bound else 200)


@staff_required
def manage_key_figure_edit(request: HttpRequest, pk: int) -> HttpResponse:
    figure = get_object_or_404(KeyFigure, pk=pk)
    form = KeyFigureForm(request.POST or None, instance=figure)
    if request.method == "POST" and form.is_valid():
        services.key_figure_update(user=request.user, key_figure_id=figure.pk, data=form.service_data())
        messages.success(request, _("The key figure is saved."))
        return redirect("region:manage_dimension_edit", pk=figure.dimension_id)
    return _render_edit(
        request, form, _("Key figure"), status=400 if form.is_bound else 200, delete_figure=figure
    )


@staff_required
@require_POST
def manage_key_figure_delete(request: HttpRequest, pk: int) -> HttpResponse:
    figure = get_object_or_404(KeyFigure, pk=pk)
    services.key_figure_delete(user=request.user, key_figure_id=figure.pk)
    messages.success(request, _("The key figure is deleted."))
    return redirect("region:manage_dimension_edit", pk=figure.dimension_id)


@staff_required
def manage_incentive_create(request: HttpRequest) -> HttpResponse:
    form = IncentiveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.incentive_create(
            user=request.user, data=form.service_data(), sectors=form.cleaned_data["sectors"]
        )
        messages.success(request, _("The incentive is saved."))
        return redirect("region:manage")
    return _render_edit(request, form, _("New incentive"), status=400 if form.is_bound else 200)


@staff_required
def manage_incentive_edit(request: HttpRequest, pk: int) -> HttpResponse:
    incentive = get_object_or_404(Incentive, pk=pk)
    form = IncentiveForm(request.POST or None, instance=incentive)
    if request.method == "POST" and form.is_valid():
        try:
            services.incentive_update(
                user=request.user,
                incentive_id=incentive.pk,
                expected_version=form.cleaned_data["version"],
                data=form.service_data(),
                sectors=form.cleaned_data["sectors"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The incentive is saved."))
            return redirect("region:manage")
    return _render_edit(request, form, _("Incentive"), status=400 if form.is_bound else 200)


@staff_required
def manage_interest_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status") or None
    if status not in (None, *InterestStatus.values):
        status = None
    return render(
        request,
        "region/manage/interest_list.html",
        {
            "expressions": selectors.expression_of_interest_list(status=status)[:500],
            "status": status,
            "statuses": InterestStatus.choices,
        },
    )
