"""A Russian-speaking officer meets no English or Chinese interface text on the directory pages, and a
Chinese-speaking officer no Russian or English (content is written in the page's language for this check)."""

import re
from html.parser import HTMLParser

import pytest

from investbridge.directory.models import Organization
from tests.factories.directory import MembershipFactory, OrganizationFactory, PersonFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

#: Latin words an interface in any language may show: the brand, registry and file-format acronyms, ISO codes.
ALLOWED = {"InvestBridge", "INN", "OGRN", "USCC", "ISIC", "ISO", "CSV", "XLSX", "UTF", "ru", "en", "zh"}
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
LATIN_WORD = re.compile(r"[A-Za-z]+")
ISIC_LETTER = re.compile(r"[A-U]")
VOID = {"br", "hr", "img", "input", "link", "meta", "source", "wbr", "col", "area", "base", "embed", "track"}


class MainText(HTMLParser):
    """Visible text inside <main>: text nodes, placeholders, titles and aria-labels; skips script/style."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []
        self.texts: list[str] = []

    def _inside(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag, attrs):
        inside = (self._inside() or tag == "main") and tag not in ("script", "style")
        if inside:
            self.texts += [
                value for name, value in attrs if name in ("placeholder", "title", "aria-label") and value
            ]
        if tag not in VOID:
            self.stack.append((tag, inside))

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data):
        if self._inside() and data.strip():
            self.texts.append(data.strip())


def problems(html: str, forbidden: re.Pattern[str]) -> list[str]:
    parser = MainText()
    parser.feed(html)
    found = []
    for text in parser.texts:
        if forbidden.search(text):
            found.append(text)
        found += [
            word
            for word in LATIN_WORD.findall(text)
            if word not in ALLOWED and not ISIC_LETTER.fullmatch(word)
        ]
    return found


CASES = {
    "ru": (CJK, {"name_ru": "ООО «Ромашка»", "city": "Казань"}, "Иванова Анна", "Директор"),
    "zh-hans": (CYRILLIC, {"name_zh_hans": "海口港航物流有限公司", "city": "海口"}, "王芳", "总经理"),
}


@pytest.mark.parametrize("language", ["ru", "zh-hans"])
def test_directory_pages_speak_only_the_readers_language(client_for, language):
    forbidden, names, person_name, position = CASES[language]
    client = client_for("officer")
    # The fixtures' other organizations get names in the page's language too: only interface text is checked.
    for index, other in enumerate(Organization.objects.all()):
        other.name_ru, other.name_zh_hans, other.name_en = f"Банк {index}", f"银行 {index}", ""
        other.save()
    organization = OrganizationFactory(name=next(iter(names.values())), name_en="", sectors=["C"], **names)
    organization.name_en = ""
    person = PersonFactory(full_name=person_name, email="", email_normalized="", phone="+79161234567")
    MembershipFactory(person=person, organization=organization, position=position)
    urls = [
        f"/{language}/directory/?kind=company&q={next(iter(names.values()))[:3]}",
        f"/{language}/directory/organizations/{organization.pk}/",
        f"/{language}/directory/organizations/{organization.pk}/edit/",
        f"/{language}/directory/organizations/new/",
        f"/{language}/directory/people/?q={person_name[:2]}",
        f"/{language}/directory/people/{person.pk}/",
        f"/{language}/directory/people/{person.pk}/edit/",
        f"/{language}/directory/duplicates/",
        f"/{language}/directory/import/",
    ]

    found = {url: problems(client.get(url).content.decode(), forbidden) for url in urls}

    assert found == {url: [] for url in urls}


@pytest.mark.parametrize("language", ["ru", "zh-hans"])
def test_bad_form_errors_speak_the_readers_language(client_for, language):
    forbidden = CASES[language][0]

    response = client_for("officer").post(
        f"/{language}/directory/organizations/new/",
        {"kind": "company", "country": "", "inn": "12", "uscc": "1"},
    )

    assert response.status_code == 200
    assert sorted(response.context["form"].errors) == ["__all__", "country", "inn", "uscc"]
    assert problems(response.content.decode(), forbidden) == []
