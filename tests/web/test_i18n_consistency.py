"""Django merges every domain's catalog into one: the same message must read the same in all of them,
or the first catalog found silently wins over the others."""

from collections import defaultdict
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

pytestmark = pytest.mark.unit

SRC = Path(__file__).resolve().parents[2] / "src" / "investbridge"


@pytest.mark.parametrize("locale", ["ru", "zh_Hans"])
def test_catalogs_translate_each_message_the_same_way(locale):
    seen: dict[tuple[str | None, str], dict[str, str]] = defaultdict(dict)
    for po_path in sorted(SRC.glob(f"*/locale/{locale}/LC_MESSAGES/django.po")):
        with po_path.open("rb") as handle:
            catalog = read_po(handle)
        for message in catalog:
            if not message.id or not message.string:
                continue
            key = (message.context, str(message.id))
            seen[key][po_path.parts[-5]] = str(message.string)

    conflicts = {
        f"{context or ''}|{msgid}": translations
        for (context, msgid), translations in seen.items()
        if len(set(translations.values())) > 1
    }

    assert conflicts == {}
