"""Input validation for the pipeline's pages."""

from datetime import date
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from investbridge.core import dates
from investbridge.core.i18n import country_choices, current_language
from investbridge.core.names import NameField
from investbridge.core.trilingual import TrilingualFormMixin
from investbridge.directory import validators as directory_validators
from investbridge.directory.models import Sector
from investbridge.pipeline import attribution, selectors
from investbridge.pipeline.models import (
    ActivityKind,
    CooperationKind,
    InvestmentRange,
    Lead,
    LeadSource,
    LostReason,
    SetupKind,
    Stage,
    StepStatus,
)
from investbridge.pipeline.services import validate_currency


class SectorChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.label)


class CountryField(forms.ChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=lambda: [("", "—"), *country_choices(current_language())], **kwargs)


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class InquiryForm(forms.Form):
    company_name = NameField(label=_("Company"), max_length=300)
    contact_name = NameField(label=_("Your name"), max_length=200)
    email = forms.EmailField(label=_("E-mail address"))
    phone = forms.CharField(
        label=_("Phone"),
        max_length=30,
        required=False,
        help_text=_("In international form, e.g. +7 495 123-45-67."),
    )
    country = CountryField(label=_("Country"))
    sectors = SectorChoiceField(
        label=_("Sectors"), queryset=Sector.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    cooperation_kind = forms.ChoiceField(label=_("Kind of cooperation"), choices=CooperationKind.choices)
    investment_range = forms.ChoiceField(label=_("Investment size"), choices=InvestmentRange.choices)
    message = forms.CharField(
        label=_("Your message"), widget=forms.Textarea(attrs={"rows": 6}), max_length=5000
    )
    language = forms.ChoiceField(
        label=_("Language for our reply"),
        choices=settings.LANGUAGES,
        help_text=_("We answer in this language."),
    )
    consent = forms.BooleanField(
        label=_("I agree that the promotion office stores these details and contacts me about my inquiry."),
        error_messages={"required": _("We can answer only if you agree to be contacted.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = current_language()

    def clean_phone(self) -> str:
        """An international number (+7 495 123-45-67), stored in E.164 form; empty is allowed."""
        import phonenumbers

        value = self.cleaned_data["phone"].strip()
        if not value:
            return ""
        try:
            number = phonenumbers.parse(value, None)
        except phonenumbers.NumberParseException as error:
            raise ValidationError(
                _("Write the number in international form, e.g. +7 495 123-45-67.")
            ) from error
        if not phonenumbers.is_valid_number(number):
            raise ValidationError(_("Write the number in international form, e.g. +7 495 123-45-67."))
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


class ReplyForm(forms.Form):
    language = forms.ChoiceField(label=_("Language of the reply"), choices=settings.LANGUAGES)
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 8}), max_length=20000)


class OfficerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


class AssignForm(forms.Form):
    officer = OfficerChoiceField(label=_("Officer"), queryset=selectors.officers())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = selectors.officers()  # type: ignore[attr-defined]


class AssignmentRuleForm(forms.Form):
    officer = OfficerChoiceField(label=_("Officer"), queryset=selectors.officers())
    language = forms.ChoiceField(
        label=_("Language"), choices=[("", "—"), *settings.LANGUAGES], required=False
    )
    sector = forms.ModelChoiceField(label=_("Sector"), queryset=Sector.objects.all(), required=False)
    priority = forms.IntegerField(label=_("Priority"), min_value=0, max_value=1000, initial=10)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = selectors.officers()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("language") and not data.get("sector"):
            raise ValidationError(_("A rule needs a language, a sector or both."))
        return data


class ReportMonthForm(forms.Form):
    month = forms.RegexField(label=_("Month"), regex=r"^\d{4}-(0[1-9]|1[0-2])$", required=False)
    format = forms.ChoiceField(choices=[("html", "HTML"), ("csv", "CSV"), ("xlsx", "XLSX")], required=False)

    def clean_month(self) -> str:
        value: str = self.cleaned_data.get("month") or ""
        if value:
            dates.validate_date(date(int(value[:4]), int(value[5:7]), 1))
        return value

    def year_month(self) -> tuple[int, int]:
        value = self.cleaned_data.get("month") or timezone.localdate().strftime("%Y-%m")
        year, month = value.split("-")
        return int(year), int(month)


def _currency(value: str) -> str:
    try:
        return validate_currency(value)
    except ValidationError as error:
        raise ValidationError(error.messages) from error


class LeadCreateForm(forms.Form):
    title = forms.CharField(
        label=_("Title"), max_length=300, required=False, help_text=_("The company's name if empty.")
    )
    company_name = NameField(label=_("Company"), max_length=300)
    country = CountryField(label=_("Country"))
    language = forms.ChoiceField(label=_("Language of the company's name"), choices=settings.LANGUAGES)
    source = forms.ChoiceField(label=_("Source"), choices=LeadSource.choices)
    source_event_id = forms.TypedChoiceField(label=_("Event"), coerce=int, empty_value=None, required=False)
    source_partner = forms.ModelChoiceField(
        label=_("Referring partner"), queryset=selectors.partner_organizations(), required=False
    )
    contact_name = NameField(label=_("Contact person"), max_length=200, required=False)
    contact_email = forms.EmailField(label=_("Contact's e-mail address"), required=False)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    projected_investment = forms.DecimalField(
        label=_("Projected investment"), max_digits=16, decimal_places=2, min_value=0, required=False
    )
    projected_currency = forms.CharField(label=_("Currency"), max_length=3, initial="USD")
    projected_jobs = forms.IntegerField(label=_("Projected jobs"), min_value=0, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["source_partner"].queryset = selectors.partner_organizations()  # type: ignore[attr-defined]
        self.fields["language"].initial = current_language()
        self.fields["source_event_id"].choices = [("", "—"), *attribution.event_choices()]  # type: ignore[attr-defined]

    def clean_projected_currency(self) -> str:
        return _currency(self.cleaned_data["projected_currency"])


class LeadEditForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    owner = OfficerChoiceField(label=_("Responsible officer"), queryset=selectors.officers(), required=False)
    projected_investment = forms.DecimalField(
        label=_("Projected investment"), max_digits=16, decimal_places=2, min_value=0, required=False
    )
    projected_currency = forms.CharField(label=_("Currency of the projection"), max_length=3)
    realised_investment = forms.DecimalField(
        label=_("Realised investment"), max_digits=16, decimal_places=2, min_value=0, required=False
    )
    realised_currency = forms.CharField(label=_("Currency of the realised investment"), max_length=3)
    projected_jobs = forms.IntegerField(label=_("Projected jobs"), min_value=0, required=False)
    realised_jobs = forms.IntegerField(label=_("Realised jobs"), min_value=0, required=False)
    uscc = forms.CharField(
        label=_("Unified Social Credit Code"),
        max_length=18,
        required=False,
        help_text=_("Of the company registered in the region, once it exists."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = selectors.officers()  # type: ignore[attr-defined]

    @classmethod
    def for_lead(cls, lead: Lead) -> "LeadEditForm":
        return cls(
            initial={
                "version": lead.version,
                "title": lead.title,
                "description": lead.description,
                "owner": lead.owner_id,
                "projected_investment": lead.projected_investment,
                "projected_currency": lead.projected_currency,
                "realised_investment": lead.realised_investment,
                "realised_currency": lead.realised_currency,
                "projected_jobs": lead.projected_jobs,
                "realised_jobs": lead.realised_jobs,
                "uscc": lead.uscc,
            }
        )

    def clean_projected_currency(self) -> str:
        return _currency(self.cleaned_data["projected_currency"])

    def clean_realised_currency(self) -> str:
        return _currency(self.cleaned_data["realised_currency"])

    def clean_uscc(self) -> str:
        return directory_validators.clean_uscc(self.cleaned_data["uscc"].upper())

    def changes(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("version")
        owner = data.pop("owner")
        data["owner_id"] = owner.pk if owner else None
        return data


class LeadMoveForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    stage = forms.ChoiceField(label=_("Stage"), choices=Stage.choices)
    lost_reason = forms.ChoiceField(
        label=_("Reason lost"), choices=[("", "—"), *LostReason.choices], required=False
    )
    lost_note = forms.CharField(label=_("Note on the loss"), max_length=300, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("stage") == Stage.LOST and not data.get("lost_reason"):
            self.add_error("lost_reason", _("Say why the lead was lost."))
        return data


class ActivityForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ActivityKind.choices)
    subject = forms.CharField(label=_("Subject"), max_length=200)
    notes = forms.CharField(label=_("Notes"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    occurred_at = dates.DateTimeField(label=_("When"), widget=DateTimeLocalInput(), required=False)


class TaskForm(forms.Form):
    title = forms.CharField(label=_("Task"), max_length=200)
    due_at = dates.DateTimeField(label=_("Due"), widget=DateTimeLocalInput())
    remind_at = dates.DateTimeField(label=_("Reminder"), widget=DateTimeLocalInput(), required=False)
    assignee = OfficerChoiceField(label=_("Assignee"), queryset=selectors.officers(), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = selectors.officers()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("remind_at") and data.get("due_at") and data["remind_at"] > data["due_at"]:
            self.add_error("remind_at", _("The reminder must come before the due time."))
        return data


class SetupCaseForm(forms.Form):
    lead = forms.ModelChoiceField(label=_("Lead"), queryset=Lead.objects.select_related("organization"))
    kind = forms.ChoiceField(label=_("Kind"), choices=SetupKind.choices)
    responsible = OfficerChoiceField(label=_("Responsible officer"), queryset=selectors.officers())
    started_on = dates.DateField(label=_("Start"), widget=DateInput(), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = selectors.officers()  # type: ignore[attr-defined]


class StepStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=StepStatus.choices)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class UsccForm(forms.Form):
    uscc = forms.CharField(label=_("Unified Social Credit Code"), max_length=18)

    def clean_uscc(self) -> str:
        return directory_validators.clean_uscc(self.cleaned_data["uscc"].upper())


class TemplateForm(TrilingualFormMixin, forms.Form):
    translated_fields = ("name",)

    kind = forms.ChoiceField(label=_("Kind"), choices=SetupKind.choices)
    name_ru = forms.CharField(label=_("Name (Russian)"), max_length=200, required=False)
    name_zh_hans = forms.CharField(label=_("Name (Chinese)"), max_length=200, required=False)
    name_en = forms.CharField(label=_("Name (English)"), max_length=200, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.setup_translated({"name": _("Name")})

    def names(self) -> dict[str, str]:
        return {
            "ru": self.cleaned_data["name_ru"],
            "zh-hans": self.cleaned_data["name_zh_hans"],
            "en": self.cleaned_data["name_en"],
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not any(data.get(key) for key in ("name_ru", "name_zh_hans", "name_en")):
            raise ValidationError(_("Write the name in at least one language."))
        return data


class TemplateStepForm(TrilingualFormMixin, forms.Form):
    translated_fields = ("title",)

    title_ru = forms.CharField(label=_("Step (Russian)"), max_length=300, required=False)
    title_zh_hans = forms.CharField(label=_("Step (Chinese)"), max_length=300, required=False)
    title_en = forms.CharField(label=_("Step (English)"), max_length=300, required=False)
    is_document = forms.BooleanField(label=_("A document to obtain"), required=False)
    days = forms.IntegerField(label=_("Days from the start"), min_value=0, max_value=3650, initial=7)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.setup_translated({"title": _("Step")})

    def titles(self) -> dict[str, str]:
        return {
            "ru": self.cleaned_data["title_ru"],
            "zh-hans": self.cleaned_data["title_zh_hans"],
            "en": self.cleaned_data["title_en"],
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not any(data.get(key) for key in ("title_ru", "title_zh_hans", "title_en")):
            raise ValidationError(_("Write the step in at least one language."))
        return data


class ReplyTemplateForm(TrilingualFormMixin, forms.Form):
    """A reply template: its name, subject and text side by side in the three languages."""

    translated_fields = ("name", "subject", "body")
    required_translated = ("name", "subject", "body")

    name_ru = forms.CharField(max_length=200, required=False)
    name_zh_hans = forms.CharField(max_length=200, required=False)
    name_en = forms.CharField(max_length=200, required=False)
    subject_ru = forms.CharField(max_length=200, required=False)
    subject_zh_hans = forms.CharField(max_length=200, required=False)
    subject_en = forms.CharField(max_length=200, required=False)
    body_ru = forms.CharField(widget=forms.Textarea(attrs={"rows": 8}), max_length=20000, required=False)
    body_zh_hans = forms.CharField(widget=forms.Textarea(attrs={"rows": 8}), max_length=20000, required=False)
    body_en = forms.CharField(widget=forms.Textarea(attrs={"rows": 8}), max_length=20000, required=False)
    is_active = forms.BooleanField(label=_("Offered when answering"), required=False, initial=True)
    order = forms.IntegerField(label=_("Position in the list"), min_value=0, max_value=1000, initial=0)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.setup_translated({"name": _("Name"), "subject": _("Subject"), "body": _("Text")})

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self.clean_translated()
        return data

    def values(self) -> dict[str, Any]:
        """The keyword arguments of `services.reply_template_save`."""
        return {
            "names": self.translated_values("name"),
            "subjects": self.translated_values("subject"),
            "bodies": self.translated_values("body"),
            "is_active": self.cleaned_data["is_active"],
            "order": self.cleaned_data["order"],
        }


class ReplyTemplatePickForm(forms.Form):
    """Start the answer from a template, in the chosen language (the inquirer's by default)."""

    template = forms.ModelChoiceField(
        label=_("Reply template"), queryset=selectors.reply_templates(active_only=True), empty_label=None
    )
    language = forms.ChoiceField(label=_("Language of the reply"), choices=settings.LANGUAGES)


class MailAssignForm(forms.Form):
    """Record an unmatched mail on an inquiry or a lead, named by its number."""

    target = forms.ChoiceField(
        label=_("Record on"),
        choices=[
            ("inquiry", pgettext_lazy("record mail on", "inquiry")),
            ("lead", pgettext_lazy("record mail on", "lead")),
        ],
    )
    number = forms.IntegerField(label=_("Number"), min_value=1, max_value=2**31 - 1)
