import pytest
from django.utils import translation

from investbridge.directory.models import Person
from investbridge.web.templatetags.investbridge import reader_name_text

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("language", "full_name", "latin", "expected"),
    [
        # A Russian reader of a Chinese name: Palladius, with the original (the Latin spelling is not Russian).
        ("ru", "李明", "Li Ming", "Ли Мин (李明)"),
        ("ru", "李明", "", "Ли Мин (李明)"),
        # The Latin spelling the person gave is their name for English and Chinese readers.
        ("en", "李明", "Li Ming", "Li Ming"),
        ("zh-hans", "Иван Петров", "Ivan Petrov", "Ivan Petrov"),
        ("zh-hans", "Пётр Ёлкин", "", "Petr Elkin (Пётр Ёлкин)"),
        ("zh-hans", "李明", "Li Ming", "李明"),
        ("ru", "Иван Петров", "Ivan Petrov", "Иван Петров"),
        ("ru", "John Smith", "", "John Smith"),
    ],
)
def test_reader_name_text_of_a_person_in_the_readers_script(language, full_name, latin, expected):
    person = Person(full_name=full_name, name_latin=latin)

    with translation.override(language):
        assert reader_name_text(person) == expected
