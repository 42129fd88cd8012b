"""Every message of the pipeline and agreements catalogs is translated into Russian and Chinese, and no template
shows text outside {% translate %}."""

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

pytestmark = pytest.mark.unit

SRC = Path(__file__).resolve().parents[2] / "src" / "investbridge"
APPS = ("pipeline", "agreements")


@pytest.mark.parametrize("app", APPS)
@pytest.mark.parametrize("language", ["ru", "zh_Hans"])
def test_catalog_is_fully_translated(app, language):
    path = SRC / app / "locale" / language / "LC_MESSAGES" / "django.po"
    with path.open("rb") as handle:
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


TAG = re.compile(r"{%.*?%}|{{.*?}}|{#.*?#}", re.DOTALL)
TRANSLATED_BLOCK = re.compile(r"{%\s*blocktranslate.*?{%\s*endblocktranslate\s*%}", re.DOTALL)
HTML = re.compile(r"<style.*?</style>|<script.*?</script>|<[^>]+>|&[a-z]+;", re.DOTALL)


@pytest.mark.parametrize(
    "template",
    sorted(path for app in APPS for path in (SRC / app / "templates").rglob("*.*")),
    ids=lambda p: p.name,
)
def test_template_has_no_text_outside_translate(template):
    text = template.read_text()
    text = TRANSLATED_BLOCK.sub("", text)
    text = TAG.sub("", text)
    text = HTML.sub("", text)

    assert re.findall(r"[^\W\d_]{2,}", text) == []
