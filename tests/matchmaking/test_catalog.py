"""The matchmaking catalog is complete in Russian and Chinese, and templates show no untranslated text."""

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

import investbridge.matchmaking

pytestmark = pytest.mark.unit

APP = Path(investbridge.matchmaking.__file__).parent
LOCALE = APP / "locale"
BLOCKS = re.compile(r"{%\s*(block)?translate.*?{%\s*end(block)?translate\s*%}|{%.*?%}|{{.*?}}|{#.*?#}", re.S)
TAGS = re.compile(r"<[^>]+>|&[a-z]+;")


@pytest.mark.parametrize("language", ["ru", "zh_Hans"])
def test_matchmaking_catalog_is_fully_translated(language):
    with (LOCALE / language / "LC_MESSAGES" / "django.po").open("rb") as handle:
        catalog = read_po(handle, locale=language)
    untranslated = [m.id for m in catalog if m.id and (m.fuzzy or not m.string)]
    assert len(catalog) > 200
    assert untranslated == []


@pytest.mark.parametrize(
    "template", sorted(str(p.relative_to(APP)) for p in (APP / "templates").rglob("*.*")), ids=str
)
def test_template_has_no_visible_text_outside_translate(template):
    text = (APP / template).read_text(encoding="utf-8")
    visible = TAGS.sub(" ", BLOCKS.sub(" ", text))
    assert re.findall(r"[^\W\d_]{2,}", visible) == []
