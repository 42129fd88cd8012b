"""Forms of the matchmaking domain: they validate input; services decide."""

import zoneinfo
from datetime import date, time, timedelta
from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from investbridge.core import dates
from investbridge.core.i18n import country_choices
from investbridge.core.names import NameField
from investbridge.directory.models import Sector
from investbridge.matchmaking.agenda import slot_label
from investbridge.matchmaking.languages import language_choices
from investbridge.matchmaking.models import Kind, Profile, Slot


class SlotChoiceField(forms.ModelMultipleChoiceField):
    def __init__(self, *args: Any, reader_zone: str | None = None, **kwargs: Any) -> None:
        self.reader_zone = reader_zone
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: Any) -> str:
        language = get_language() or "en"
        return slot_label(obj, obj.event, language=language, reader_zone=self.reader_zone)


class ProfileForm(forms.Form):
    organization_name = NameField(label=_("Organization"), max_length=300)
    description = forms.CharField(
        label=_("About the organization"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    offers = forms.MultipleChoiceField(
        label=_("We offer"), choices=Kind.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    seeks = forms.MultipleChoiceField(
        label=_("We seek"), choices=Kind.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    sectors = forms.ModelMultipleChoiceField(
        label=_("Sectors"), queryset=Sector.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    countries = forms.MultipleChoiceField(
        label=_("Countries of interest"),
        required=False,
        help_text=_("Hold Ctrl (⌘ on a Mac) to choose several."),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    languages = forms.MultipleChoiceField(label=_("Languages spoken"), widget=forms.CheckboxSelectMultiple)
    time_zone = forms.CharField(
        label=_("Your time zone"), max_length=64, help_text=_("For example Europe/Moscow or Asia/Shanghai.")
    )
    unavailable_slots = SlotChoiceField(
        label=_("Times at which you cannot meet"),
        queryset=Slot.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Each time is shown in both cities and in your own time zone."),
    )

    def __init__(self, *args: Any, profile: Profile, **kwargs: Any) -> None:
        initial = {
            "organization_name": profile.organization_name,
            "description": profile.description,
            "offers": profile.offers,
            "seeks": profile.seeks,
            "sectors": list(profile.sectors.all()),
            "countries": profile.countries,
            "languages": profile.languages,
            "time_zone": profile.time_zone,
            "unavailable_slots": list(profile.unavailable_slots.all()),
        }
        kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        self.fields["countries"].choices = country_choices()  # type: ignore[attr-defined]
        self.fields["languages"].choices = language_choices()  # type: ignore[attr-defined]
        slots_field = self.fields["unavailable_slots"]
        assert isinstance(slots_field, SlotChoiceField)
        slots_field.queryset = Slot.objects.filter(event_id=profile.event_id).select_related("event")
        slots_field.reader_zone = profile.time_zone

    def clean_time_zone(self) -> str:
        value = str(self.cleaned_data["time_zone"]).strip()
        try:
            zoneinfo.ZoneInfo(value)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError) as error:
            raise forms.ValidationError(_("Unknown time zone.")) from error
        return value


class RequestForm(forms.Form):
    recipient = forms.IntegerField(widget=forms.HiddenInput)
    message = forms.CharField(
        label=_("Message (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class SetupForm(forms.Form):
    request_cap = forms.IntegerField(label=_("Meetings per participant"), min_value=1, max_value=100)
    expiry_hours = forms.IntegerField(label=_("Hours to answer a request"), min_value=1, max_value=24 * 30)


TIME_INPUT = forms.TimeInput(format="%H:%M", attrs={"type": "time"})


class SlotGenerateForm(forms.Form):
    first_day = dates.DateField(label=_("First day"), widget=forms.DateInput(attrs={"type": "date"}))
    last_day = dates.DateField(label=_("Last day"), widget=forms.DateInput(attrs={"type": "date"}))
    minutes = forms.IntegerField(label=_("Minutes per meeting"), min_value=5, max_value=240, initial=20)
    host_from = forms.TimeField(label=_("Host city: working day starts"), initial=time(9), widget=TIME_INPUT)
    host_to = forms.TimeField(label=_("Host city: working day ends"), initial=time(18), widget=TIME_INPUT)
    partner_from = forms.TimeField(
        label=_("Partner city: working day starts"), initial=time(9), widget=TIME_INPUT
    )
    partner_to = forms.TimeField(
        label=_("Partner city: working day ends"), initial=time(18), widget=TIME_INPUT
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, last = data.get("first_day"), data.get("last_day")
        if first and last and (last < first or (last - first).days > 13):
            raise forms.ValidationError(_("Choose at most two weeks, the last day not before the first."))
        return data

    def days(self) -> list[date]:
        first, last = self.cleaned_data["first_day"], self.cleaned_data["last_day"]
        return [first + timedelta(days=n) for n in range((last - first).days + 1)]


class RoomForm(forms.Form):
    name = forms.CharField(label=_("Room name"), max_length=120)
    url = forms.URLField(label=_("Video link"), required=False, assume_scheme="https")


class InterpreterForm(forms.Form):
    name = NameField(label=_("Interpreter's name"), max_length=200)
    email = forms.EmailField(label=_("E-mail address"), required=False)
    languages = forms.MultipleChoiceField(label=_("Languages"), widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["languages"].choices = language_choices()  # type: ignore[attr-defined]


class InterpreterEditForm(InterpreterForm):
    """An interpreter with the slots at which it cannot work (the page shows them as a grid of the event's
    slots; the checkboxes are named `unavailable_slots`)."""

    unavailable_slots = forms.ModelMultipleChoiceField(
        label=_("Times at which the interpreter cannot work"),
        queryset=Slot.objects.none(),
        required=False,
    )

    def __init__(self, *args: Any, event: Any, interpreter: Any = None, **kwargs: Any) -> None:
        if interpreter is not None:
            kwargs["initial"] = {
                "name": interpreter.name,
                "email": interpreter.email,
                "languages": interpreter.languages,
                "unavailable_slots": list(interpreter.unavailable_slots.all()),
            }
        super().__init__(*args, **kwargs)
        field = self.fields["unavailable_slots"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = Slot.objects.filter(event=event).order_by("starts_at")
        field.error_messages["invalid_choice"] = _("Choose slots of this event.")
        field.error_messages["invalid_pk_value"] = _("Choose slots of this event.")

    def chosen_slot_ids(self) -> set[int]:
        """The slots ticked: the submitted ones (also when invalid, so the grid keeps them), else the initial."""
        if isinstance(self.data, QueryDict):
            values = self.data.getlist(self.add_prefix("unavailable_slots"))
            return {int(v) for v in values if str(v).isdigit()}
        return {slot.pk for slot in self.initial.get("unavailable_slots", [])}


class MustHaveForm(forms.Form):
    first = forms.ModelChoiceField(label=_("Participant"), queryset=Profile.objects.none())
    second = forms.ModelChoiceField(label=_("Meets"), queryset=Profile.objects.none())
    priority = forms.IntegerField(label=_("Priority"), min_value=1, max_value=100, initial=10)

    def __init__(self, *args: Any, event: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        queryset = Profile.objects.filter(event=event).order_by("organization_name")
        self.fields["first"].queryset = queryset  # type: ignore[attr-defined]
        self.fields["second"].queryset = queryset  # type: ignore[attr-defined]


class RunForm(forms.Form):
    time_limit = forms.IntegerField(label=_("Time limit (seconds)"), min_value=1, max_value=600, initial=10)
