"""Helpers for the tests of the trilingual editors: distinct texts per language, admin form data, assertions."""

from typing import Any

from django import forms
from django.conf import settings
from django.test import Client

#: The interface languages an editor is tested in.
INTERFACE_LANGUAGES = ("zh-hans", "en", "ru")
SUFFIXES = ("ru", "zh_hans", "en")


def texts(field: str, mark: str) -> dict[str, str]:
    """{"title_ru": "Русский title 1", "title_zh_hans": "中文 title 1", "title_en": "English title 1"}."""
    return {
        f"{field}_ru": f"Русский {field} {mark}",
        f"{field}_zh_hans": f"中文 {field} {mark}",
        f"{field}_en": f"English {field} {mark}",
    }


def texts_for(fields: tuple[str, ...], mark: str) -> dict[str, str]:
    result: dict[str, str] = {}
    for field in fields:
        result.update(texts(field, mark))
    return result


def by_language(field: str, mark: str) -> dict[str, str]:
    """The same texts keyed by language code, for services taking {"ru": ..., "zh-hans": ..., "en": ...}."""
    values = texts(field, mark)
    return {"ru": values[f"{field}_ru"], "zh-hans": values[f"{field}_zh_hans"], "en": values[f"{field}_en"]}


def columns(instance: Any, fields: tuple[str, ...]) -> dict[str, str]:
    """The stored per-language columns, read fresh from the database."""
    fresh = type(instance)._base_manager.get(pk=instance.pk)
    return {
        f"{field}_{suffix}": getattr(fresh, f"{field}_{suffix}") for field in fields for suffix in SUFFIXES
    }


def in_language(client: Client, language: str) -> Client:
    """Pages without a language prefix (the admin) follow the language cookie."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def form_data(form: Any) -> dict[str, Any]:
    """The POST data of a form as it is shown (what a browser sends back unchanged)."""
    data: dict[str, Any] = {}
    for name, field in form.fields.items():
        value = form[name].value()
        key = form.add_prefix(name)
        if value is None and isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
            continue
        if isinstance(field.widget, forms.MultiWidget):
            for index, part in enumerate(field.widget.decompress(value)):
                data[f"{key}_{index}"] = field.widget.widgets[index].format_value(part) or ""
        elif isinstance(value, list | tuple):
            data[key] = [str(item) for item in value]
        elif isinstance(value, bool):
            if value:
                data[key] = "on"
        elif hasattr(field.widget, "format_value") and not isinstance(value, str | int) and value is not None:
            data[key] = field.widget.format_value(field.prepare_value(value)) or ""
        else:
            data[key] = "" if value is None else str(value)
    return data


def admin_form_data(page: Any) -> dict[str, Any]:
    """The POST data of an admin change page as it was shown (every field, inline forms and their management)."""
    data = form_data(page.context["adminform"].form)
    for formset in page.context.get("inline_admin_formsets", []):
        data.update(form_data(formset.formset.management_form))
        for inline_form in formset.formset.forms:
            data.update(form_data(inline_form))
    data["_save"] = "Save"
    return data
