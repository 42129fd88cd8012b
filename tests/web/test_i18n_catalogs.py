"""Gates of the three languages: complete catalogs, no visible template text outside the catalogs.

- Every entry of every `src/investbridge/*/locale/{ru,zh_Hans}/LC_MESSAGES/django.po` is translated and not fuzzy.
- Every catalog is current: the messages in an app's code and templates are all in its catalogs (else run
  `make messages` and translate the new entries).
- No template under `src/investbridge/*/templates/` shows letters outside `{% translate %}` /
  `{% blocktranslate %}`: text between tags and the visible attributes (title, placeholder, alt, aria-label, …).
"""

import os
import shutil
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.core.management import call_command
from django.template.base import Lexer, TokenType

pytestmark = pytest.mark.unit

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "investbridge"
TRANSLATED_LANGUAGES = ("ru", "zh_Hans")
#: Words a template may show as they are, in every language (the brand is also in the catalog with a context).
ALLOWED_WORDS = {"InvestBridge"}

CATALOGS = sorted(PACKAGE.glob("*/locale/*/LC_MESSAGES/django.po"))
TEMPLATES = sorted(
    path for path in PACKAGE.glob("*/templates/**/*") if path.is_file() and path.suffix in {".html", ".txt"}
)
APPS = sorted(
    path
    for path in PACKAGE.iterdir()
    if path.is_dir() and (path / "__init__.py").exists() and path.name != "config"
)


def _catalog_problems(po_path: Path, language: str | None = None) -> list[str]:
    with po_path.open("rb") as handle:
        catalog = read_po(handle, locale=language or po_path.parent.parent.name)
    problems = []
    for message in catalog:
        if not message.id:
            continue
        msgid = message.id if isinstance(message.id, str) else message.id[0]
        strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
        if message.fuzzy:
            problems.append(f"fuzzy: {msgid!r}")
        elif not all(strings):
            problems.append(f"untranslated: {msgid!r}")
    return problems


@pytest.mark.parametrize(
    "po_path",
    [path for path in CATALOGS if path.parent.parent.name in TRANSLATED_LANGUAGES],
    ids=lambda path: str(path.relative_to(PACKAGE)),
)
def test_catalog_is_fully_translated(po_path):
    assert _catalog_problems(po_path) == []


def test_every_app_with_messages_has_russian_and_chinese_catalogs():
    apps_with_locale = {path.parents[3].name for path in CATALOGS}
    for app in apps_with_locale:
        for language in TRANSLATED_LANGUAGES:
            assert (PACKAGE / app / "locale" / language / "LC_MESSAGES" / "django.po").exists(), (
                app,
                language,
            )


def test_catalog_check_notices_fuzzy_and_missing_entries(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Done"\nmsgstr "Готово"\n\n'
        '#, fuzzy\nmsgid "Save"\nmsgstr "Сохранить"\n\n'
        'msgid "Cancel"\nmsgstr ""\n',
        encoding="utf-8",
    )

    assert _catalog_problems(po, "ru") == ["fuzzy: 'Save'", "untranslated: 'Cancel'"]


def _extracted_ids(app: Path, work: Path) -> set[str]:
    """The message ids `makemessages` finds in a copy of the app (its committed catalogs left out)."""
    copy = work / app.name
    shutil.copytree(app, copy, ignore=shutil.ignore_patterns("locale", "__pycache__", "*.mo"))
    (copy / "locale").mkdir()
    previous = Path.cwd()
    os.chdir(copy)
    try:
        call_command("makemessages", locale=["ru"], verbosity=0, no_location=True)
    finally:
        os.chdir(previous)
    po = copy / "locale" / "ru" / "LC_MESSAGES" / "django.po"
    if not po.exists():
        return set()
    with po.open("rb") as handle:
        return {_key(message) for message in read_po(handle) if message.id}


def _key(message) -> str:
    msgid = message.id if isinstance(message.id, str) else message.id[0]
    return f"{message.context}\x04{msgid}" if message.context else msgid


def _committed_ids(app: Path, language: str) -> set[str]:
    po = app / "locale" / language / "LC_MESSAGES" / "django.po"
    if not po.exists():
        return set()
    with po.open("rb") as handle:
        return {_key(message) for message in read_po(handle) if message.id}


@pytest.mark.parametrize("app", APPS, ids=lambda path: path.name)
def test_catalogs_hold_every_message_of_the_app(app, tmp_path):
    if shutil.which("xgettext") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("GNU gettext (xgettext) is required to check the catalogs.")
        pytest.skip("GNU gettext (xgettext) is not installed; run `make system-deps` as root.")

    extracted = _extracted_ids(app, tmp_path)

    for language in TRANSLATED_LANGUAGES:
        missing = sorted(extracted - _committed_ids(app, language))
        assert missing == [], f"run `make messages` and translate {app.name}/locale/{language}: {missing}"


# Visible text in templates.

PLACEHOLDER = "\ue000"  # stands for a template tag or variable: a private-use character, not a letter
VISIBLE_ATTRIBUTES = {"title", "placeholder", "alt", "aria-label", "aria-description", "label"}
# Code, keyboard input and sample output show identifiers (file columns, commands) that read the same in every
# language, so they are not translated.
SILENT_ELEMENTS = {"script", "style", "code", "kbd", "samp"}


class _VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._silent = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SILENT_ELEMENTS:
            self._silent += 1
        values = dict(attrs)
        for name, value in attrs:
            visible = name in VISIBLE_ATTRIBUTES
            visible |= (
                name == "value" and tag == "input" and values.get("type") in {"submit", "button", "reset"}
            )
            visible |= name == "content" and tag == "meta" and values.get("name") == "description"
            if visible and value:
                self.found.append(value)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in SILENT_ELEMENTS:
            self._silent -= 1

    def handle_endtag(self, tag: str) -> None:
        if tag in SILENT_ELEMENTS and self._silent:
            self._silent -= 1

    def handle_data(self, data: str) -> None:
        if not self._silent:
            self.found.append(data)


def _untranslated_text(source: str) -> list[str]:
    """Pieces of visible text with letters that are not inside translation tags."""
    pieces: list[str] = []
    skip_until: str | None = None
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split(" ", 1)[0]
            if skip_until is not None:
                if name == skip_until:
                    skip_until = None
                pieces.append(PLACEHOLDER)
                continue
            if name in {"blocktranslate", "blocktrans"}:
                skip_until = "end" + name
            elif name == "comment":
                skip_until = "endcomment"
            pieces.append(PLACEHOLDER)
        elif token.token_type == TokenType.TEXT and skip_until is None:
            pieces.append(token.contents)
        elif skip_until is None:
            pieces.append(PLACEHOLDER)
    parser = _VisibleText()
    parser.feed("".join(pieces))
    parser.close()
    flagged = []
    for text in parser.found:
        words = [word for word in text.replace(PLACEHOLDER, " ").split() if word not in ALLOWED_WORDS]
        if any(unicodedata.category(char).startswith("L") for word in words for char in word):
            flagged.append(" ".join(text.replace(PLACEHOLDER, "…").split()))
    return flagged


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: str(path.relative_to(PACKAGE)))
def test_template_shows_no_text_outside_translation_tags(template):
    assert _untranslated_text(template.read_text(encoding="utf-8")) == []


def test_template_check_flags_text_and_visible_attributes_only():
    source = """{% load i18n %}<!DOCTYPE html>
<h1>{% translate "Events" %}</h1>
<p>Welcome back</p>
<p>{% blocktranslate trimmed with n=count %}{{ n }} people registered{% endblocktranslate %}</p>
<input type="search" placeholder="Search" name="query" class="wide">
<input type="submit" value="Go">
<img src="{{ logo }}" alt="{% translate 'Logo' %}">
<a href="/x" title="Open the report">{{ name }}</a>
<span aria-label="Close">&times;</span>
{% comment %}Notes for developers{% endcomment %}{# a comment #}
<script>const label = "not visible";</script><style>body { margin: 0 }</style>
<p>InvestBridge · {{ year }}</p>
<p>Москва</p>"""

    assert _untranslated_text(source) == [
        "Welcome back",
        "Search",
        "Go",
        "Open the report",
        "Close",
        "Москва",
    ]
