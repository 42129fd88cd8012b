"""Forms of the officers' directory pages: they validate input; services do the writing."""

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from investbridge.core import i18n
from investbridge.core.names import NameField
from investbridge.core.trilingual import TrilingualFormMixin
from investbridge.core.uploads import CSV, XLSX, validate_upload
from investbridge.directory import importing, isic, selectors, validators
from investbridge.directory.models import Organization, OrganizationKind, Person


def _interface_language_name(code: str) -> str:
    """An interface language (ru, zh-hans, en) named in the reader's language, e.g. «Английский»."""
    name = i18n.language_name({"zh-hans": "zh_Hans"}.get(code, code))
    return name[:1].upper() + name[1:]


def _country_choices(blank: bool) -> list[tuple[str, str]]:
    choices = i18n.country_choices()
    return [("", "—"), *choices] if blank else choices


def _organization_label(organization: Organization) -> str:
    """An organization in a select: the name the reader reads, the original beside a transliteration."""
    return selectors.organization_reader_name(organization).label


def _person_label(person: Person) -> str:
    return selectors.person_reader_name(person).label


class OrganizationForm(TrilingualFormMixin, forms.Form):
    translated_fields = ("name", "description")

    kind = forms.ChoiceField(label=_("Kind"), choices=OrganizationKind.choices)
    name_ru = NameField(label=_("Name in Russian"), max_length=300, required=False)
    name_zh_hans = NameField(label=_("Name in Chinese"), max_length=300, required=False)
    name_en = NameField(label=_("Name in English"), max_length=300, required=False)
    description_ru = forms.CharField(
        label=_("Description in Russian"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    description_zh_hans = forms.CharField(
        label=_("Description in Chinese"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    description_en = forms.CharField(
        label=_("Description in English"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    country = forms.ChoiceField(label=_("Country"))
    city = forms.CharField(label=_("City"), max_length=120, required=False)
    sectors = forms.MultipleChoiceField(
        label=_("Sectors (ISIC Rev.4)"), required=False, widget=forms.CheckboxSelectMultiple
    )
    website = forms.CharField(label=_("Website"), max_length=200, required=False)
    uscc = forms.CharField(
        label=_("Unified Social Credit Code"),
        max_length=30,
        required=False,
        help_text=_("For a Chinese entity: 18 characters."),
    )
    inn = forms.CharField(label=_("INN"), max_length=20, required=False, help_text=_("For a Russian entity."))
    ogrn = forms.CharField(
        label=_("OGRN"), max_length=20, required=False, help_text=_("For a Russian entity.")
    )
    is_partner = forms.BooleanField(label=_("Partner organization"), required=False)
    confirm_duplicate = forms.BooleanField(
        label=_("Yes, this is a different organization with a similar name"), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = _country_choices(blank=True)  # type: ignore[attr-defined]
        self.fields["sectors"].choices = [  # type: ignore[attr-defined]
            (code, f"{code} · {label}") for code, label in isic.SECTIONS.items()
        ]
        self.duplicate: Organization | None = None
        self.setup_translated(
            {"name": pgettext_lazy("organization", "Name"), "description": _("Description")}
        )

    def clean_uscc(self) -> str:
        return validators.clean_uscc(self.cleaned_data["uscc"])

    def clean_inn(self) -> str:
        return validators.clean_inn(self.cleaned_data["inn"])

    def clean_ogrn(self) -> str:
        return validators.clean_ogrn(self.cleaned_data["ogrn"])

    def clean_country(self) -> str:
        return validators.clean_country(self.cleaned_data["country"])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not any((cleaned.get("name_ru"), cleaned.get("name_zh_hans"), cleaned.get("name_en"))):
            raise ValidationError(_("Enter the name in at least one language."))
        return cleaned

    @staticmethod
    def initial_for(organization: Organization) -> dict[str, Any]:
        initial: dict[str, Any] = {
            name: getattr(organization, name) or ""
            for name in (
                "kind", "name_ru", "name_zh_hans", "name_en", "description_ru", "description_zh_hans",
                "description_en", "country", "city", "website", "uscc", "inn", "ogrn", "is_partner",
            )
        }  # fmt: skip
        initial["sectors"] = [sector.code for sector in organization.sectors.all()]
        return initial


class PersonForm(TrilingualFormMixin, forms.Form):
    translated_fields = ("name",)

    full_name = NameField(label=_("Name as written"), max_length=200)
    name_latin = NameField(label=_("Name in Latin letters"), max_length=200, required=False)
    # The name as a reader of each language writes it; an empty one is transliterated (core/scripts.py).
    name_ru = NameField(label=_("Name in Russian"), max_length=200, required=False)
    name_zh_hans = NameField(label=_("Name in Chinese"), max_length=200, required=False)
    name_en = NameField(label=_("Name in English"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mail address"), required=False)
    phone = forms.CharField(
        label=_("Phone"),
        max_length=40,
        required=False,
        help_text=_("With the country code, e.g. +7 495 123-45-67."),
    )
    country = forms.ChoiceField(label=_("Country"), required=False)
    languages = forms.CharField(
        label=pgettext_lazy("person", "Languages spoken"),
        max_length=100,
        required=False,
        help_text=_("ISO 639-1 codes separated by commas, e.g. ru, en, zh."),
    )
    preferred_language = forms.ChoiceField(label=_("Preferred language"), choices=settings.LANGUAGES)
    consent_to_contact = forms.BooleanField(label=_("Consents to be contacted"), required=False)
    consent_source = forms.CharField(
        label=_("Consent source"),
        max_length=200,
        required=False,
        help_text=_("Where and how the consent was given, e.g. the registration form of an event."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = _country_choices(blank=True)  # type: ignore[attr-defined]
        self.fields["preferred_language"].choices = [  # type: ignore[attr-defined]
            (code, _interface_language_name(code)) for code, _name in settings.LANGUAGES
        ]
        self.setup_translated({"name": pgettext_lazy("person", "Name for readers of each language")})

    def clean_languages(self) -> list[str]:
        return validators.clean_languages(self.cleaned_data["languages"])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("phone"):
            try:
                cleaned["phone"] = validators.clean_phone(
                    cleaned["phone"], country=cleaned.get("country") or ""
                )
            except ValidationError as error:
                self.add_error("phone", error)
        return cleaned

    @staticmethod
    def initial_for(person: Person) -> dict[str, Any]:
        initial = {
            name: getattr(person, name)
            for name in (
                "full_name", "name_latin", "name_ru", "name_zh_hans", "name_en", "email", "phone", "country",
                "preferred_language", "consent_to_contact", "consent_source",
            )
        }  # fmt: skip
        initial["languages"] = ", ".join(person.languages)
        return initial


class PersonCreateForm(PersonForm):
    organization: forms.ModelChoiceField[Organization] = forms.ModelChoiceField(
        label=_("Organization"), queryset=Organization.objects.none(), required=False
    )
    position = forms.CharField(label=_("Position"), max_length=200, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = selectors.organization_choices()  # type: ignore[attr-defined]
        self.fields["organization"].label_from_instance = _organization_label  # type: ignore[attr-defined]


class MembershipForm(forms.Form):
    organization: forms.ModelChoiceField[Organization] = forms.ModelChoiceField(
        label=_("Organization"), queryset=Organization.objects.none()
    )
    position = forms.CharField(label=_("Position"), max_length=200, required=False)
    is_primary = forms.BooleanField(label=_("Main organization"), required=False, initial=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = selectors.organization_choices()  # type: ignore[attr-defined]
        self.fields["organization"].label_from_instance = _organization_label  # type: ignore[attr-defined]


class MergeForm(forms.Form):
    """Choose the record that stays; the one on the page is merged into it."""

    target: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Merge into"), queryset=Organization.objects.none()
    )
    confirm = forms.BooleanField(
        label=_("I have compared both records and want to merge them"), required=True
    )

    def __init__(self, *args: Any, source: Organization | Person, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model = type(source)
        self.fields["target"].queryset = (  # type: ignore[attr-defined]
            model._default_manager.filter(merged_into__isnull=True)
            .exclude(pk=source.pk)
            .order_by(selectors.name_order(), "pk")
        )
        label = _organization_label if model is Organization else _person_label
        self.fields["target"].label_from_instance = label  # type: ignore[attr-defined]


class ImportForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What the file holds"),
        choices=[(importing.ORGANIZATIONS, _("Organizations")), (importing.PEOPLE, _("People"))],
    )
    file = forms.FileField(label=_("File (CSV in UTF-8 or XLSX)"))

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        validate_upload(upload, (CSV, XLSX))
        return upload
