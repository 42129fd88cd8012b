"""Input validation for the agreements pages and the partner portal."""

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from investbridge.agreements.models import (
    Agreement,
    AgreementKind,
    Obligation,
    ObligationKind,
    ObligationStatus,
    SigningMethod,
)
from investbridge.core import dates
from investbridge.core.i18n import country_choices, current_language
from investbridge.core.names import NameField
from investbridge.core.roles import Role
from investbridge.core.trilingual import TrilingualFormMixin
from investbridge.directory.models import Organization

LANGUAGE_SUFFIXES = (
    ("ru", "ru", _("Russian")),
    ("zh-hans", "zh_hans", _("Chinese")),
    ("en", "en", _("English")),
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def _translated(form: forms.Form, field: str) -> dict[str, str]:
    return {
        language: form.cleaned_data.get(f"{field}_{suffix}", "")
        for language, suffix, _label in LANGUAGE_SUFFIXES
    }


class AgreementForm(TrilingualFormMixin, forms.Form):
    translated_fields = ("title", "summary")

    kind = forms.ChoiceField(label=_("Type"), choices=AgreementKind.choices)
    title_ru = forms.CharField(label=_("Title (Russian)"), max_length=300, required=False)
    title_zh_hans = forms.CharField(label=_("Title (Chinese)"), max_length=300, required=False)
    title_en = forms.CharField(label=_("Title (English)"), max_length=300, required=False)
    summary_ru = forms.CharField(
        label=_("Summary (Russian)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    summary_zh_hans = forms.CharField(
        label=_("Summary (Chinese)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    summary_en = forms.CharField(
        label=_("Summary (English)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    parties: Any = forms.ModelMultipleChoiceField(
        label=_("Parties"),
        queryset=Organization.objects.filter(merged_into__isnull=True),
        help_text=_("At least two organizations from the directory."),
    )
    signed_on = dates.DateField(label=_("Date signed"), widget=DateInput())
    signing_method = forms.ChoiceField(label=_("How it was signed"), choices=SigningMethod.choices)
    valid_from = dates.DateField(label=_("Valid from"), widget=DateInput())
    valid_until = dates.DateField(label=_("Valid until"), widget=DateInput(), required=False)
    document = forms.FileField(label=_("Signed document (PDF)"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.setup_translated({"title": _("Title"), "summary": _("Summary")})

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not any(data.get(f"title_{suffix}") for _language, suffix, _label in LANGUAGE_SUFFIXES):
            raise ValidationError(_("Write the title in at least one language."))
        if data.get("valid_until") and data.get("valid_from") and data["valid_until"] < data["valid_from"]:
            self.add_error("valid_until", _("The end of validity must not be before its start."))
        if data.get("parties") is not None and len(data["parties"]) < 2:
            self.add_error("parties", _("An agreement has at least two parties from the directory."))
        return data

    def titles(self) -> dict[str, str]:
        return _translated(self, "title")

    def summaries(self) -> dict[str, str]:
        return _translated(self, "summary")

    def values(self) -> dict[str, Any]:
        """The keyword arguments of `agreement_create` and `agreement_update` (the document aside)."""
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "titles": self.titles(),
            "summaries": self.summaries(),
            "party_ids": [party.pk for party in data["parties"]],
            "signed_on": data["signed_on"],
            "signing_method": data["signing_method"],
            "valid_from": data["valid_from"],
            "valid_until": data["valid_until"],
        }


class AgreementEditForm(AgreementForm):
    """Correcting a recorded agreement: the same fields without the signed document, which is never replaced."""

    def __init__(self, *args: Any, agreement: Agreement, **kwargs: Any) -> None:
        kwargs.setdefault("initial", agreement_initial(agreement))
        super().__init__(*args, **kwargs)
        del self.fields["document"]
        current = list(agreement.parties.values_list("pk", flat=True))
        self.fields["parties"].queryset = Organization.objects.filter(  # type: ignore[attr-defined]
            Q(merged_into__isnull=True) | Q(pk__in=current)
        )


def _columns(instance: Any, fields: tuple[str, ...]) -> dict[str, str]:
    return {
        f"{field}_{suffix}": getattr(instance, f"{field}_{suffix}") or ""
        for field in fields
        for _language, suffix, _label in LANGUAGE_SUFFIXES
    }


def agreement_initial(agreement: Agreement) -> dict[str, Any]:
    """The form's initial values: every language's own column, never the interface language's copy."""
    return {
        **_columns(agreement, ("title", "summary")),
        "kind": agreement.kind,
        "parties": list(agreement.parties.all()),
        "signed_on": agreement.signed_on,
        "signing_method": agreement.signing_method,
        "valid_from": agreement.valid_from,
        "valid_until": agreement.valid_until,
    }


def obligation_initial(obligation: Obligation) -> dict[str, Any]:
    return {
        **_columns(obligation, ("title", "description")),
        "kind": obligation.kind,
        "owner": obligation.owner_id,
        "officer": obligation.officer_id,
        "due_on": obligation.due_on,
        "target_count": obligation.target_count,
    }


class DocumentForm(forms.Form):
    document = forms.FileField(label=_("Signed document (PDF)"))


class VerifyForm(forms.Form):
    document = forms.FileField(label=_("A copy of the document to check"))


class ObligationForm(TrilingualFormMixin, forms.Form):
    translated_fields = ("title", "description")

    kind = forms.ChoiceField(label=_("Kind"), choices=ObligationKind.choices)
    title_ru = forms.CharField(label=_("Obligation (Russian)"), max_length=300, required=False)
    title_zh_hans = forms.CharField(label=_("Obligation (Chinese)"), max_length=300, required=False)
    title_en = forms.CharField(label=_("Obligation (English)"), max_length=300, required=False)
    description_ru = forms.CharField(
        label=_("Description (Russian)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    description_zh_hans = forms.CharField(
        label=_("Description (Chinese)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    description_en = forms.CharField(
        label=_("Description (English)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    owner: Any = forms.ModelChoiceField(label=_("Owner"), queryset=Organization.objects.none())
    officer: Any = forms.ModelChoiceField(label=_("Officer following it"), queryset=None, required=False)  # type: ignore[arg-type,var-annotated]
    due_on = dates.DateField(label=_("Due"), widget=DateInput())
    target_count = forms.IntegerField(label=_("Target number"), min_value=1, required=False)

    def __init__(self, *args: Any, agreement: Agreement, **kwargs: Any) -> None:
        from django.contrib.auth import get_user_model

        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = agreement.parties.all()  # type: ignore[attr-defined]
        self.fields["officer"].queryset = get_user_model().objects.filter(  # type: ignore[attr-defined]
            is_active=True, role__in=[Role.OFFICER, Role.ADMIN]
        )
        self.setup_translated({"title": _("Obligation"), "description": _("Description")})

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not any(data.get(f"title_{suffix}") for _language, suffix, _label in LANGUAGE_SUFFIXES):
            raise ValidationError(_("Write the obligation in at least one language."))
        return data

    def titles(self) -> dict[str, str]:
        return _translated(self, "title")

    def descriptions(self) -> dict[str, str]:
        return _translated(self, "description")

    def values(self) -> dict[str, Any]:
        """The keyword arguments of `obligation_create` and `obligation_update`."""
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "titles": self.titles(),
            "descriptions": self.descriptions(),
            "owner_id": data["owner"].pk,
            "officer_id": data["officer"].pk if data["officer"] else None,
            "due_on": data["due_on"],
            "target_count": data["target_count"],
        }


class ObligationStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ObligationStatus.choices)


class EvidenceForm(forms.Form):
    note = forms.CharField(
        label=_("What was done"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )
    link = forms.URLField(label=_("Link"), required=False, assume_scheme="https")
    file = forms.FileField(label=_("Document (PDF)"), required=False)


class ReferralForm(forms.Form):
    company_name = NameField(label=_("Company"), max_length=300)
    country = forms.ChoiceField(label=_("Country"))
    contact_name = NameField(label=_("Contact person"), max_length=200)
    contact_email = forms.EmailField(label=_("Contact's e-mail address"))
    language = forms.ChoiceField(label=_("The company's language"), choices=settings.LANGUAGES)
    description = forms.CharField(
        label=_("What the company plans"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )
    projected_investment = forms.DecimalField(
        label=_("Expected investment"), max_digits=16, decimal_places=2, min_value=0, required=False
    )
    projected_currency = forms.CharField(label=_("Currency"), max_length=3, initial="USD")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "—"), *country_choices(current_language())]  # type: ignore[attr-defined]
        self.fields["language"].initial = current_language()

    def clean_projected_currency(self) -> str:
        import pycountry

        code = self.cleaned_data["projected_currency"].strip().upper()
        if pycountry.currencies.get(alpha_3=code) is None:
            raise ValidationError(_("Unknown currency code: use ISO 4217, e.g. CNY, RUB or USD."))
        return code
