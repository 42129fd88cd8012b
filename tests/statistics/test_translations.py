from pathlib import Path

import pytest
from babel.messages.pofile import read_po

import investbridge.statistics

pytestmark = pytest.mark.unit

LOCALE = Path(investbridge.statistics.__file__).parent / "locale"


@pytest.mark.parametrize("language", ["ru", "zh_Hans"])
def test_statistics_catalog_is_fully_translated(language):
    with (LOCALE / language / "LC_MESSAGES" / "django.po").open("rb") as handle:
        catalog = read_po(handle, locale=language)

    untranslated = [
        message.id
        for message in catalog
        if message.id
        and (
            message.fuzzy
            or not message.string
            or (isinstance(message.string, tuple) and not all(message.string))
        )
    ]
    assert untranslated == []
    assert len(catalog) > 150
