import pytest
from django.utils import translation

from investbridge.directory.models import Person
from investbridge.web.templatetags.investbridge import person_name

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("language", "full_name", "latin", "expected"),
    [
        ("ru", "李明", "Li Ming", "李明 (Li Ming)"),
        ("en", "李明", "Li Ming", "李明 (Li Ming)"),
        ("zh-hans", "李明", "Li Ming", "李明"),
        ("zh-hans", "Иван Петров", "Ivan Petrov", "Иван Петров (Ivan Petrov)"),
        ("ru", "Иван Петров", "Ivan Petrov", "Иван Петров"),
        ("ru", "李明", "", "李明"),
        ("ru", "John Smith", "", "John Smith"),
    ],
)
def test_person_name_adds_transliteration_for_readers_of_another_script(language, full_name, latin, expected):
    person = Person(full_name=full_name, name_latin=latin)

    with translation.override(language):
        assert person_name(person) == expected
