"""Input validation for the region pages: the expression-of-interest form and the officers' editing forms."""

import uuid
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from investbridge.core import dates, i18n
from investbridge.core.names import NameField
from investbridge.core.trilingual import TrilingualFormMixin
from investbridge.directory.models import Sector
from investbridge.region import services
from investbridge.region.models import Dimension, Incentive, KeyFigure, RegionProfile


def language_choices(language: str) -> list[tuple[str, str]]:
    """The interface languages, each named in the reader's language (a page never mixes languages)."""
    return [
        (code, i18n.language_name(code.split("-")[0], language).capitalize())
        for code in settings.LANGUAGE_CODES
    ]


class SectorChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Sector) -> str:  # type: ignore[override]
        return obj.label


class ExpressionOfInterestForm(forms.Form):
    submission_key = forms.UUIDField(widget=forms.HiddenInput)
    name = NameField(label=_("Your name"), max_length=200)
    email = forms.EmailField(label=_("E-mail address"))
    organization_name = NameField(label=_("Organization"), max_length=300, required=False)
    country = forms.ChoiceField(label=_("Country"))
    language = forms.ChoiceField(
        label=_("Language for our replies"), choices=settings.LANGUAGES, initial=settings.LANGUAGE_CODE
    )
    sectors = SectorChoiceField(
        label=_("Sectors of interest"),
        queryset=Sector.objects.order_by("code"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    message = forms.CharField(
        label=_("What would you like to do in the region?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        required=False,
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the investment promotion office stores these details and contacts me about "
            "investment opportunities."
        ),
        error_messages={"required": services.CONSENT_REQUIRED_MESSAGE},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        language = i18n.current_language()
        country_field: forms.ChoiceField = self.fields["country"]  # type: ignore[assignment]
        country_field.choices = [("", "—"), *i18n.country_choices(language)]
        language_field: forms.ChoiceField = self.fields["language"]  # type: ignore[assignment]
        language_field.choices = language_choices(language)
        if not self.is_bound:
            self.initial.setdefault("submission_key", uuid.uuid4())
            self.initial.setdefault("language", get_language() or settings.LANGUAGE_CODE)


class SideBySideMixin(TrilingualFormMixin):
    """The shared side-by-side editing (core/trilingual.py); names, titles and labels are required in the office's
    language, which the others fall back to."""

    required_in_office_language = ("name", "title", "label")


def _textarea(rows: int) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class RegionProfileForm(SideBySideMixin, forms.ModelForm):
    translated_fields = services.PROFILE_FIELDS

    class Meta:
        model = RegionProfile
        fields = [*services.translated_names(services.PROFILE_FIELDS), "office_email"]
        widgets = {f"introduction_{suffix}": _textarea(6) for suffix in services.LANGUAGE_SUFFIXES}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.setup_translated()


class VersionedForm(forms.ModelForm):
    """Carries the version the officer started from, so a concurrent save is detected, not lost."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version


class DimensionForm(SideBySideMixin, VersionedForm):
    translated_fields = services.DIMENSION_FIELDS

    class Meta:
        model = Dimension
        fields = [*services.translated_names(services.DIMENSION_FIELDS), "order"]
        widgets = {
            **{f"summary_{suffix}": _textarea(3) for suffix in services.LANGUAGE_SUFFIXES},
            **{f"body_{suffix}": _textarea(10) for suffix in services.LANGUAGE_SUFFIXES},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.setup_translated()

    def service_data(self) -> dict[str, Any]:
        return {**self.translated_data(), "order": self.cleaned_data["order"]}


def _source_url_field() -> forms.URLField:
    return forms.URLField(label=_("Source address"), required=False, assume_scheme="https", max_length=200)


class KeyFigureForm(SideBySideMixin, forms.ModelForm):
    translated_fields = services.KEY_FIGURE_TEXT_FIELDS
    source_url = _source_url_field()

    class Meta:
        model = KeyFigure
        fields = [
            *services.translated_names(services.KEY_FIGURE_TEXT_FIELDS),
            *services.KEY_FIGURE_PLAIN_FIELDS,
        ]
        widgets = {"as_of": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        field_classes = dates.sane_date_field_classes("as_of")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.setup_translated()

    def service_data(self) -> dict[str, Any]:
        plain = {name: self.cleaned_data[name] for name in services.KEY_FIGURE_PLAIN_FIELDS}
        return {**self.translated_data(), **plain}


class IncentiveForm(SideBySideMixin, VersionedForm):
    translated_fields = services.INCENTIVE_TEXT_FIELDS
    source_url = _source_url_field()
    sectors = SectorChoiceField(
        label=_("Sectors"),
        queryset=Sector.objects.order_by("code"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Incentive
        fields = [
            *services.translated_names(services.INCENTIVE_TEXT_FIELDS),
            *services.INCENTIVE_PLAIN_FIELDS,
            "sectors",
        ]
        widgets = {
            **{
                f"{field}_{suffix}": _textarea(4)
                for field in ("summary", "eligibility")
                for suffix in services.LANGUAGE_SUFFIXES
            },
            **{f"body_{suffix}": _textarea(8) for suffix in services.LANGUAGE_SUFFIXES},
            "valid_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "valid_to": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        field_classes = dates.sane_date_field_classes("valid_from", "valid_to")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.setup_translated()
        if self.instance.pk is None:
            self.fields["version"].required = False

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        valid_from, valid_to = cleaned.get("valid_from"), cleaned.get("valid_to")
        if valid_from and valid_to and valid_to < valid_from:
            self.add_error("valid_to", _("The end of validity cannot come before its start."))
        return cleaned

    def service_data(self) -> dict[str, Any]:
        plain = {name: self.cleaned_data[name] for name in services.INCENTIVE_PLAIN_FIELDS}
        return {**self.translated_data(), **plain}
