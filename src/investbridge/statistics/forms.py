"""Forms of the statistics pages: the registry upload, the report filters, a published figure."""

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from investbridge.core import dates, i18n
from investbridge.core.uploads import CSV, PARQUET, XLSX, FileKind, validate_upload
from investbridge.statistics.models import PublishedFigure

REGISTRY_KINDS: tuple[FileKind, ...] = (CSV, XLSX, PARQUET)


class RegistryUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Registry file"),
        help_text=_("CSV (UTF-8), XLSX or Parquet with the columns described below."),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        self.kind = validate_upload(upload, REGISTRY_KINDS)
        return upload


class ReportFilterForm(forms.Form):
    date_from = dates.DateField(
        label=pgettext_lazy("start of a period", "From"), widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = dates.DateField(
        label=pgettext_lazy("end of a period", "To"), widget=forms.DateInput(attrs={"type": "date"})
    )
    foreign_capital = forms.BooleanField(label=_("Foreign capital only"), required=False)
    country = forms.ChoiceField(label=_("Investor country"), required=False, choices=[])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        country = self.fields["country"]
        assert isinstance(country, forms.ChoiceField)
        country.choices = [("", _("Any country")), *i18n.country_choices()]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start: date | None = data.get("date_from")
        end: date | None = data.get("date_to")
        if start and end and end < start:
            raise ValidationError(_("The end of the period is earlier than its start."))
        dates.validate_period(start, end)
        return data


class PublishedFigureForm(forms.ModelForm):
    class Meta:
        model = PublishedFigure
        fields = [
            "metric",
            "period_from",
            "period_to",
            "foreign_capital",
            "country",
            "value",
            "tolerance",
            "wording",
            "source",
            "published_on",
        ]
        widgets = {
            "period_from": forms.DateInput(attrs={"type": "date"}),
            "period_to": forms.DateInput(attrs={"type": "date"}),
            "published_on": forms.DateInput(attrs={"type": "date"}),
        }
        field_classes = dates.sane_date_field_classes("period_from", "period_to", "published_on")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].widget = forms.Select(
            choices=[("", _("Any country")), *i18n.country_choices()]
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start: date | None = data.get("period_from")
        end: date | None = data.get("period_to")
        if start and end and end < start:
            raise ValidationError(_("The end of the period is earlier than its start."))
        dates.validate_period(start, end)
        tolerance = data.get("tolerance")
        if tolerance is not None and tolerance < 0:
            self.add_error("tolerance", _("The tolerance cannot be negative."))
        return data
