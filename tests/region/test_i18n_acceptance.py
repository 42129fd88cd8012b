"""The issue's acceptance check: a Russian-speaking visitor reads the landing page, the dimension pages and the
incentives without meeting one English or Chinese interface string; a Chinese-speaking visitor meets no Russian
and no English.

The visible text of each page is collected (text nodes outside <script>/<style>, plus placeholders, titles,
aria-labels, alt texts and button values). Elements that declare another language with `lang` (the language
switcher, which names each language in itself) are skipped: they are not interface text in the wrong language.
"""

import re
from html.parser import HTMLParser

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from investbridge.region.models import DimensionKind, Incentive

pytestmark = pytest.mark.integration

#: Latin-letter words a Russian or Chinese page may show: brands and units written the same in every language
#: (the office's contacts name the messenger: "Идентификатор WeChat").
LATIN_ALLOWLIST = {"InvestBridge", "WeChat", "C"}  # "C" as in °C
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
LATIN_WORD = re.compile(r"[A-Za-z]+")
VOID_ELEMENTS = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}
VISIBLE_ATTRIBUTES = ("placeholder", "title", "aria-label", "alt")


class VisibleText(HTMLParser):
    """Collects visible text, optionally only inside the element named `scope` (e.g. "main")."""

    def __init__(self, page_language: str, scope: str | None = None) -> None:
        super().__init__(convert_charrefs=True)
        self.page_language = page_language
        self.scope = scope
        self.stack: list[tuple[str, bool, bool]] = []  # (tag, hidden, in scope)
        self.texts: list[str] = []

    def _state(self) -> tuple[bool, bool]:
        if self.stack:
            return self.stack[-1][1], self.stack[-1][2]
        return False, self.scope is None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        parent_hidden, parent_in_scope = self._state()
        language = attributes.get("lang")
        hidden = (
            parent_hidden
            or tag in ("script", "style")
            or (tag != "html" and language is not None and language != self.page_language)
        )
        in_scope = parent_in_scope or tag == self.scope
        if in_scope and not hidden:
            for name in VISIBLE_ATTRIBUTES:
                if attributes.get(name):
                    self.texts.append(attributes[name] or "")
            if tag == "input" and attributes.get("type") in ("submit", "button") and attributes.get("value"):
                self.texts.append(attributes["value"] or "")
        if tag not in VOID_ELEMENTS:
            self.stack.append((tag, hidden, in_scope))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            open_tag, _hidden, _in_scope = self.stack.pop()
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        hidden, in_scope = self._state()
        if in_scope and not hidden and data.strip():
            self.texts.append(data.strip())


def visible_text(html: str, language: str, scope: str | None = None) -> list[str]:
    parser = VisibleText(language, scope)
    parser.feed(html)
    return parser.texts


def foreign_words(texts: list[str], *, forbidden_script: re.Pattern[str]) -> list[str]:
    problems = []
    for text in texts:
        if forbidden_script.search(text):
            problems.append(text)
        problems.extend(word for word in LATIN_WORD.findall(text) if word not in LATIN_ALLOWLIST)
    return problems


def _public_pages(language: str) -> list[str]:
    urls = [f"/{language}/", f"/{language}/region/incentives/", f"/{language}/region/interest/"]
    urls += [f"/{language}/region/dimensions/{kind}/" for kind in DimensionKind.values]
    urls += [
        f"/{language}/region/incentives/{slug}/" for slug in Incentive.objects.values_list("slug", flat=True)
    ]
    return urls


def _problems(client, language, forbidden_script, scope=None):
    problems = {}
    for url in _public_pages(language):
        response = client.get(url)
        assert response.status_code == 200, url
        texts = visible_text(response.content.decode(), language, scope)
        found = foreign_words(texts, forbidden_script=forbidden_script)
        if found:
            problems[url] = found
    return problems


def test_visible_text_skips_scripts_and_other_languages():
    html = (
        '<html lang="ru"><body><p>Привет <b>мир</b></p><script>var x = "code";</script>'
        '<button lang="en">English</button><input type="submit" value="Отправить">'
        '<img alt="Карта"><br><span title="Подсказка">да</span></body></html>'
    )

    assert visible_text(html, "ru") == ["Привет", "мир", "Отправить", "Карта", "Подсказка", "да"]


def test_visible_text_in_scope_only():
    html = '<html lang="ru"><body><nav>Home</nav><main><h1 title="Заголовок">Регион</h1></main><footer>x</footer>'

    assert visible_text(html, "ru", scope="main") == ["Заголовок", "Регион"]


def test_foreign_words_finds_english_and_chinese():
    assert foreign_words(["Сохранить Save", "保存", "InvestBridge 24 °C"], forbidden_script=CJK) == [
        "Save",
        "保存",
    ]


LANGUAGES = pytest.mark.parametrize(
    ("language", "forbidden_script"), [("ru", CJK), ("zh-hans", CYRILLIC)], ids=["russian", "chinese"]
)


@LANGUAGES
def test_visitor_reads_region_content_only_in_their_language(client, demo_region, language, forbidden_script):
    """Everything the region domain renders (the page's <main>) is in the visitor's language."""
    assert len(_public_pages(language)) == 3 + 6 + 5

    assert _problems(client, language, forbidden_script, scope="main") == {}


@LANGUAGES
def test_region_navigation_links_only_in_their_language(rf, db, language, forbidden_script):
    request = rf.get(f"/{language}/")
    with translation.override(language):
        html = render_to_string("region/_nav.html", {"is_officer": True}, request=request)

    assert foreign_words(visible_text(html, language), forbidden_script=forbidden_script) == []


@LANGUAGES
def test_visitor_reads_whole_pages_only_in_their_language(client, demo_region, language, forbidden_script):
    """The issue's acceptance check over whole pages: layout, navigation, region content and footer."""
    assert _problems(client, language, forbidden_script) == {}


def test_visitor_sees_errors_of_a_bad_form_only_in_their_language(client, demo_region):
    response = client.post("/ru/region/interest/", {"name": "", "email": "не-адрес", "country": ""})

    assert response.status_code == 400
    texts = visible_text(response.content.decode(), "ru", scope="main")
    assert "Обязательное поле." in texts
    assert foreign_words(texts, forbidden_script=CJK) == []
