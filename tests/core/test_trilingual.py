"""The shared trilingual editor (core/trilingual.py): per-language fields only, whatever the active language."""

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation

from investbridge.core import trilingual
from investbridge.events.models import Session

pytestmark = pytest.mark.unit


class NoteForm(trilingual.TrilingualFormMixin, forms.Form):
    translated_fields = ("title",)
    required_translated = ("title",)
    title_ru = forms.CharField(max_length=50, required=False)
    title_zh_hans = forms.CharField(max_length=50, required=False)
    title_en = forms.CharField(max_length=50, required=False)
    pages = forms.IntegerField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_translated({"title": "Title"})

    def clean(self):
        data = super().clean()
        self.clean_translated()
        return data


@pytest.mark.parametrize("language", ["ru", "zh-hans", "en"])
def test_form_returns_each_language_as_typed_in_any_interface_language(language):
    with translation.override(language):
        form = NoteForm({"title_ru": "Отчёт", "title_zh_hans": "报告", "title_en": "Report", "pages": "3"})
        assert form.is_valid(), form.errors

        assert form.translated_data() == {"title_ru": "Отчёт", "title_zh_hans": "报告", "title_en": "Report"}
        assert form.translated_values("title") == {"ru": "Отчёт", "zh-hans": "报告", "en": "Report"}
        assert [bound.name for bound in form.plain_fields()] == ["pages"]


def test_form_rows_label_columns_in_the_readers_language_and_mark_the_inputs_lang():
    with translation.override("ru"):
        row = NoteForm().translated_rows()[0]

        assert (row["label"], row["name"]) == ("Title", "title")
        assert [str(field.label) for field in row["fields"]] == ["Русский", "Китайский", "Английский"]
        assert [field.field.widget.attrs["lang"] for field in row["fields"]] == ["ru", "zh-hans", "en"]


def test_form_requires_the_text_in_at_least_one_language():
    with translation.override("en"):
        form = NoteForm({"pages": "1"})

        assert not form.is_valid()
        assert form.errors == {"title_ru": ["Fill this in at least one language."]}


@pytest.mark.parametrize("language", ["ru", "zh-hans", "en"])
def test_set_translated_writes_every_column_never_the_active_one_alone(language):
    session = Session(title_ru="Старое", title_zh_hans="旧", title_en="Old")

    with translation.override(language):
        trilingual.set_translated(session, "title", {"ru": " Новое ", "zh-hans": "新", "en": ""})

    assert (session.title_ru, session.title_zh_hans, session.title_en) == ("Новое", "新", "")


def test_require_one_language_names_the_first_column_in_the_readers_language():
    with pytest.raises(ValidationError) as raised:
        trilingual.require_one_language(Session(), "title")

    with translation.override("zh-hans"):
        assert raised.value.message_dict == {"title_ru": ["请至少用一种语言填写。"]}
