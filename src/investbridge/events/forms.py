"""Input validation for the events pages (public registration, self-service, back office)."""

import zoneinfo
from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from investbridge.core import dates, i18n, trilingual
from investbridge.core.names import NameField
from investbridge.core.timezones import TimeZoneField
from investbridge.directory import isic
from investbridge.directory import selectors as directory_selectors
from investbridge.events.models import (
    Event,
    InterpretationDirection,
    MaterialVisibility,
    Session,
    VideoProviderKind,
)

#: Suffixes of the per-language fields, in the order the officer's form shows them side by side.
LANGUAGE_SUFFIXES = tuple((suffix, name) for _code, suffix, name in trilingual.CONTENT_LANGUAGES)
TRANSLATED_EVENT_FIELDS = ("title", "summary", "description", "host_city", "partner_city", "venue")
SPOKEN_LANGUAGES = (("ru", _("Russian")), ("zh", _("Chinese")), ("en", _("English")))


def _sector_choices() -> list[tuple[str, str]]:
    return [(code, f"{code} · {label}") for code, label in isic.SECTIONS.items()]


class RegistrationForm(forms.Form):
    full_name = NameField(
        label=_("Your name as written"),
        max_length=200,
        help_text=_("In any script: Иван Петров, 王伟, John Smith."),
    )
    name_latin = NameField(
        label=_("Your name in Latin letters"),
        max_length=200,
        required=False,
        help_text=_("Optional, e.g. Ivan Petrov."),
    )
    email = forms.EmailField(label=_("E-mail"), max_length=254)
    organization_name = NameField(label=_("Organization"), max_length=300)
    position = forms.CharField(label=_("Position"), max_length=200, required=False)
    country = forms.ChoiceField(label=_("Country"))
    language = forms.ChoiceField(label=_("Language of your e-mails"), choices=settings.LANGUAGES)
    time_zone = TimeZoneField(label=_("Your time zone"), blank=_("Same as the event's cities"))
    sectors = forms.MultipleChoiceField(
        label=_("Sectors of interest"), required=False, widget=forms.CheckboxSelectMultiple
    )
    consent = forms.BooleanField(
        label=_("I agree that the promotion office may contact me about investment opportunities."),
        required=False,
    )

    def __init__(self, *args: Any, language: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "—"), *i18n.country_choices(language)]  # type: ignore[attr-defined]
        self.fields["time_zone"].include(self.initial.get("time_zone"))  # type: ignore[attr-defined]
        self.fields["sectors"].choices = _sector_choices()  # type: ignore[attr-defined]
        if language and not self.is_bound:
            self.fields["language"].initial = language


class ManageRegistrationForm(forms.Form):
    full_name = NameField(label=_("Your name as written"), max_length=200)
    name_latin = NameField(label=_("Your name in Latin letters"), max_length=200, required=False)
    position = forms.CharField(label=_("Position"), max_length=200, required=False)
    language = forms.ChoiceField(label=_("Language of your e-mails"), choices=settings.LANGUAGES)
    time_zone = TimeZoneField(label=_("Your time zone"), blank=_("Same as the event's cities"))
    sectors = forms.MultipleChoiceField(
        label=_("Sectors of interest"), required=False, widget=forms.CheckboxSelectMultiple
    )
    consent = forms.BooleanField(
        label=_("I agree that the promotion office may contact me about investment opportunities."),
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].include(self.initial.get("time_zone"))  # type: ignore[attr-defined]
        self.fields["sectors"].choices = _sector_choices()  # type: ignore[attr-defined]


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class EventForm(trilingual.TrilingualFormMixin, forms.ModelForm):
    """The officer's event form: each text in Russian, Chinese and English side by side.

    Only the per-language fields are read and written (core/trilingual.py): saving in any interface language
    keeps every language's text exactly as typed.
    """

    translated_fields = TRANSLATED_EVENT_FIELDS
    required_translated = ("title", "host_city", "partner_city")

    class Meta:
        model = Event
        fields = [
            *[f"{name}_{suffix}" for name in TRANSLATED_EVENT_FIELDS for suffix, _label in LANGUAGE_SUFFIXES],
            "slug",
            "format",
            "host_time_zone",
            "partner_time_zone",
            "starts_at",
            "ends_at",
            "capacity",
            "registration_opens_at",
            "registration_closes_at",
            "approval_mode",
            "status",
            "organizer",
            "co_organizers",
        ]
        field_classes = dates.sane_date_field_classes(
            "starts_at", "ends_at", "registration_opens_at", "registration_closes_at", with_time=True
        )
        widgets = {
            "starts_at": DateTimeInput(),
            "ends_at": DateTimeInput(),
            "registration_opens_at": DateTimeInput(),
            "registration_closes_at": DateTimeInput(),
            **{
                f"summary_{suffix}": forms.Textarea(attrs={"rows": 3}) for suffix, _label in LANGUAGE_SUFFIXES
            },
            **{
                f"description_{suffix}": forms.Textarea(attrs={"rows": 6})
                for suffix, _label in LANGUAGE_SUFFIXES
            },
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organizations = directory_selectors.organization_list()
        self.fields["organizer"].queryset = organizations  # type: ignore[attr-defined]
        self.fields["co_organizers"].queryset = organizations  # type: ignore[attr-defined]
        self.fields["co_organizers"].required = False
        zone = timezone.get_current_timezone_name()
        for name in ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at"):
            self.fields[name].help_text = _("In your time zone (%(zone)s).") % {"zone": zone}
        # A new event starts in the office's zone (the host city) and the model's default partner zone; without
        # an initial value the select would show the first zone of the list (Africa/Abidjan).
        default_zones = {
            "host_time_zone": settings.OFFICE_TIME_ZONE,
            "partner_time_zone": self.fields["partner_time_zone"].initial,
        }
        for name in ("host_time_zone", "partner_time_zone"):
            self.fields[name] = forms.ChoiceField(
                label=self.fields[name].label,
                choices=[(z, z) for z in sorted(zoneinfo.available_timezones())],
                initial=default_zones[name],
            )
        # At least one language is required for title and cities; the others fall back.
        self.setup_translated()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self.clean_translated()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The end must come after the start."))
        opens, closes = data.get("registration_opens_at"), data.get("registration_closes_at")
        if opens and closes and closes <= opens:
            self.add_error("registration_closes_at", _("Registration must close after it opens."))
        return data

    def values(self) -> dict[str, Any]:
        """The per-language texts and the other fields; never a bare `title`, which means "the active language"."""
        data = self.cleaned_data
        values: dict[str, Any] = self.translated_data()
        for name in self.Meta.fields:
            if name != "co_organizers" and name in data and name not in values:
                values[name] = data[name]
        return values


class SessionForm(trilingual.TrilingualFormMixin, forms.ModelForm):
    translated_fields = ("title",)
    required_translated = ("title",)

    languages = forms.MultipleChoiceField(
        label=_("Languages of the session"),
        choices=SPOKEN_LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    interpretation = forms.MultipleChoiceField(
        label=_("Interpretation"),
        choices=InterpretationDirection.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Session
        fields = [
            "title_ru",
            "title_zh_hans",
            "title_en",
            "starts_at",
            "ends_at",
            "speakers",
            "languages",
            "interpretation",
        ]
        widgets = {"starts_at": DateTimeInput(), "ends_at": DateTimeInput()}
        field_classes = dates.sane_date_field_classes("starts_at", "ends_at", with_time=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["speakers"].queryset = directory_selectors.person_list()  # type: ignore[attr-defined]
        self.fields["speakers"].required = False
        self.setup_translated()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self.clean_translated()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The end must come after the start."))
        return data

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {name: data[name] for name in self.Meta.fields if name != "speakers"}


class MaterialForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    file = forms.FileField(label=_("File (PDF, PPTX or XLSX)"))
    visibility = forms.ChoiceField(label=_("Visible to"), choices=MaterialVisibility.choices)


class VideoRoomForm(forms.Form):
    provider = forms.ChoiceField(label=_("Video service"), choices=VideoProviderKind.choices)
    external_url = forms.URLField(
        label=_("Meeting link (external service)"), required=False, assume_scheme="https"
    )


class AnnouncementForm(forms.Form):
    message_ru = forms.CharField(label="Русский", widget=forms.Textarea(attrs={"rows": 6}), required=False)
    message_zh_hans = forms.CharField(
        label="简体中文", widget=forms.Textarea(attrs={"rows": 6}), required=False
    )
    message_en = forms.CharField(label="English", widget=forms.Textarea(attrs={"rows": 6}), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not any(data.get(name) for name in ("message_ru", "message_zh_hans", "message_en")):
            raise forms.ValidationError(_("Write the announcement in at least one language."))
        return data

    def messages(self) -> dict[str, str]:
        data = self.cleaned_data
        return {"ru": data["message_ru"], "zh-hans": data["message_zh_hans"], "en": data["message_en"]}


class MoveForm(forms.Form):
    to_event: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Move to"), queryset=Event.objects.none()
    )

    def __init__(self, *args: Any, exclude: Event | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        queryset = Event.objects.order_by("-starts_at")
        if exclude is not None:
            queryset = queryset.exclude(pk=exclude.pk)
        self.fields["to_event"].queryset = queryset  # type: ignore[attr-defined]


class AttendanceImportForm(forms.Form):
    file = forms.FileField(
        label=_("Participant list (CSV or XLSX)"),
        help_text=_(
            "As exported by Tencent Meeting (腾讯会议), VooV Meeting or Zoom, or any table of names."
        ),
    )
    time_zone = forms.ChoiceField(
        required=False,
        label=_("Times in the file are in"),
        help_text=_("Used for times written without a time zone; Zoom writes them in the account's zone."),
    )

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [
            (event.host_time_zone, f"{event.host_city} ({event.host_time_zone})"),
            (event.partner_time_zone, f"{event.partner_city} ({event.partner_time_zone})"),
            ("UTC", "UTC"),
        ]
        unique = list(dict(choices).items())
        field = self.fields["time_zone"]
        field.choices = unique  # type: ignore[attr-defined]
        field.initial = event.host_time_zone
