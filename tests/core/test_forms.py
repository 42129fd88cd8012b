import pytest
from django import forms
from django.core.exceptions import ValidationError

from investbridge.core.forms import add_service_error

pytestmark = pytest.mark.unit


class _NameForm(forms.Form):
    name = forms.CharField()
    document = forms.FileField(required=False)


def _form() -> _NameForm:
    form = _NameForm({"name": "Ural Tools"})
    assert form.is_valid()
    return form


def test_add_service_error_field_messages_on_their_fields_unknown_above_the_form():
    form = _form()

    add_service_error(form, ValidationError({"name": "Taken.", "country": "Unknown country."}))

    assert form.errors == {"name": ["Taken."], "__all__": ["Unknown country."]}


def test_add_service_error_plain_message_on_named_field_or_above_the_form():
    on_field, above, unknown_field = _form(), _form(), _form()

    add_service_error(on_field, ValidationError("Too large."), field="document")
    add_service_error(above, ValidationError("Too large."))
    add_service_error(unknown_field, ValidationError("Too large."), field="file")

    assert on_field.errors == {"document": ["Too large."]}
    assert above.errors == {"__all__": ["Too large."]}
    assert unknown_field.errors == {"__all__": ["Too large."]}
