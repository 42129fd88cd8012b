"""Editing content that exists in three languages: one pattern for every officer form.

Content fields are stored per language by django-modeltranslation (`title_ru`, `title_zh_hans`, `title_en`).
Reading or assigning the bare field (`event.title`) goes to the *active* interface language, so a form or a
service that reads `title` and writes it back silently replaces the Chinese or English text with whatever the
page was shown in. The rule therefore is: **forms show, and services write, only the per-language fields**.

`TrilingualFormMixin` gives any form (plain or model form) that declares `translated_fields` the three
per-language fields side by side; `core/_trilingual_rows.html` renders them. See docs/i18n.md.
"""

from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

#: The content languages as (language code, field suffix, column label in the reader's language), in the order of
#: the columns. A page speaks only its reader's language: the inputs carry `lang`, the labels do not switch script.
CONTENT_LANGUAGES: tuple[tuple[str, str, Any], ...] = (
    ("ru", "ru", pgettext_lazy("content language", "Russian")),
    ("zh-hans", "zh_hans", pgettext_lazy("content language", "Chinese")),
    ("en", "en", pgettext_lazy("content language", "English")),
)
SUFFIXES: tuple[str, ...] = tuple(suffix for _code, suffix, _name in CONTENT_LANGUAGES)
OFFICE_SUFFIX = settings.OFFICE_LANGUAGE.replace("-", "_")

AT_LEAST_ONE_LANGUAGE = _("Fill this in at least one language.")


def translated_names(fields: Iterable[str]) -> list[str]:
    """("title", "summary") -> [title_ru, title_zh_hans, title_en, summary_ru, ...]."""
    return [f"{field}_{suffix}" for field in fields for suffix in SUFFIXES]


def per_language_values(instance: Any, fields: Iterable[str]) -> dict[str, Any]:
    """The stored value of every language of `fields` (the initial values of an edit form)."""
    return {name: getattr(instance, name) for name in translated_names(fields)}


def values_by_language(data: Mapping[str, Any], field: str) -> dict[str, str]:
    """{"ru": data["title_ru"], "zh-hans": data["title_zh_hans"], "en": data["title_en"]} (missing -> "")."""
    return {code: data.get(f"{field}_{suffix}") or "" for code, suffix, _name in CONTENT_LANGUAGES}


def set_translated(instance: Any, field: str, values: Mapping[str, str | None]) -> None:
    """Write the three per-language columns of `field` from {language code: text}; never the bare field."""
    for code, suffix, _name in CONTENT_LANGUAGES:
        setattr(instance, f"{field}_{suffix}", (values.get(code) or "").strip())


def require_one_language(instance: Any, field: str) -> None:
    """A ValidationError on the first column of `field` unless it is filled in at least one language."""
    if not any(getattr(instance, f"{field}_{suffix}", "") for suffix in SUFFIXES):
        raise ValidationError({f"{field}_{SUFFIXES[0]}": AT_LEAST_ONE_LANGUAGE})


class TrilingualFormMixin:
    """Shows each translated field as one row of three columns (Russian, Chinese, English).

    A form lists the base names in `translated_fields` and declares (or, as a model form, gets from its model)
    the per-language fields `<name>_ru`, `<name>_zh_hans`, `<name>_en`; names in `required_translated` must be
    filled in at least one language. Call `setup_translated()` at the end of `__init__`. The template includes
    `core/_trilingual_rows.html` for the rows and renders `plain_fields` as usual.
    """

    translated_fields: tuple[str, ...] = ()
    #: Fields to fill in at least one language (the error shows under the first column).
    required_translated: tuple[str, ...] = ()
    #: Fields to fill in the office's language (`INVESTBRIDGE_DEFAULT_CONTENT_LANGUAGE`), which others fall back to.
    required_in_office_language: tuple[str, ...] = ()

    def setup_translated(self, labels: Mapping[str, Any] | None = None) -> None:
        """Label each column with its language's own name and mark it with `lang`; keep the row labels."""
        form: Any = self
        model = getattr(getattr(form, "_meta", None), "model", None)
        form.row_labels = {}
        for field in self.translated_fields:
            if labels and field in labels:
                label = labels[field]
            elif model is not None:
                label = model._meta.get_field(field).verbose_name
            else:
                label = form.fields[f"{field}_{OFFICE_SUFFIX}"].label
            form.row_labels[field] = label
            for code, suffix, name in CONTENT_LANGUAGES:
                bound = form.fields[f"{field}_{suffix}"]
                bound.label = name
                bound.required = suffix == OFFICE_SUFFIX and field in self.required_in_office_language
                bound.widget.attrs["lang"] = code

    def translated_rows(self) -> list[dict[str, Any]]:
        """[{"label": row label, "name": base name, "fields": [ru, zh-hans, en bound fields]}, ...]."""
        form: Any = self
        return [
            {
                "label": form.row_labels[field],
                "name": field,
                "fields": [form[f"{field}_{suffix}"] for suffix in SUFFIXES],
            }
            for field in self.translated_fields
        ]

    def plain_fields(self) -> list[Any]:
        """The visible fields that are not per-language ones, in the form's order."""
        form: Any = self
        translated = set(translated_names(self.translated_fields))
        return [bound for bound in form.visible_fields() if bound.name not in translated]

    def translated_data(self) -> dict[str, str]:
        """{"title_ru": ..., "title_zh_hans": ..., ...}: exactly what the officer typed in each language."""
        form: Any = self
        return {name: form.cleaned_data.get(name) or "" for name in translated_names(self.translated_fields)}

    def translated_values(self, field: str) -> dict[str, str]:
        """{"ru": ..., "zh-hans": ..., "en": ...} of one field."""
        form: Any = self
        return values_by_language(form.cleaned_data, field)

    def clean_translated(self) -> None:
        """Adds an error to each `required_translated` field that is empty in all three languages."""
        form: Any = self
        data = form.cleaned_data
        for field in self.required_translated:
            if not any(data.get(f"{field}_{suffix}") for suffix in SUFFIXES):
                form.add_error(f"{field}_{SUFFIXES[0]}", AT_LEAST_ONE_LANGUAGE)
