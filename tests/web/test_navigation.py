"""The header's navigation: a few menus for the back office instead of a row of sixteen links (issue 13, 8), the
same links in the phone menu, and every link one its reader may open."""

from html.parser import HTMLParser
from urllib.parse import urldefrag

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.integration

#: The pages an officer reached from the header before it was grouped into menus (and the admin's one more).
OFFICER_DESTINATIONS = [
    "web:home",
    "region:incentive_list",
    "region:manage",
    "events:list",
    "events:office_list",
    "matchmaking:office_list",
    "pipeline:inquiry_list",
    "pipeline:lead_board",
    "pipeline:case_list",
    "agreements:agreement_list",
    "agreements:obligation_overview",
    "directory:organization_list",
    "statistics:dashboard",
    "web:dashboard",
]
ADMIN_DESTINATIONS = [*OFFICER_DESTINATIONS, "admin:index"]
#: At most this many entries (links and menus) side by side in the header.
MAX_TOP_LEVEL = 6


class _Nav(HTMLParser):
    """The entries of one <nav class=…> (its direct children that are links or menus) and all its links."""

    def __init__(self, css_class: str) -> None:
        super().__init__(convert_charrefs=True)
        self.css_class = css_class
        self.depth = 0  # inside the nav: 1 for its direct children
        self.top_level: list[str] = []
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if self.depth == 0:
            if tag == "nav" and self.css_class in (values.get("class") or "").split():
                self.depth = 1
            return
        if self.depth == 1 and tag in ("a", "details"):
            self.top_level.append(tag)
        if tag == "a" and values.get("href"):
            self.hrefs.append(urldefrag(values["href"] or "").url)
        self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth > 0:
            self.depth -= 1


def _nav(html: str, css_class: str) -> _Nav:
    parser = _Nav(css_class)
    parser.feed(html)
    return parser


def _header(client, language: str = "en") -> str:
    """A page with the header as the client's reader sees it (the dashboard for those signed in)."""
    signed_in = "_auth_user_id" in client.session
    response = client.get(f"/{language}/dashboard/" if signed_in else f"/{language}/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("role", ["officer", "admin"])
def test_back_office_header_has_a_few_top_level_entries(client_for, role):
    nav = _nav(_header(client_for(role)), "mainnav")

    assert 0 < len(nav.top_level) <= MAX_TOP_LEVEL
    assert nav.top_level.count("details") >= 4  # the links are in menus, not side by side


@pytest.mark.parametrize(
    ("role", "destinations"), [("officer", OFFICER_DESTINATIONS), ("admin", ADMIN_DESTINATIONS)]
)
@pytest.mark.parametrize("language", ["ru", "zh-hans", "en"])
def test_every_page_the_header_reached_is_still_in_its_menus(client_for, role, destinations, language):
    html = _header(client_for(role), language)
    wide, phone = _nav(html, "mainnav"), _nav(html, "phonenav-links")
    with translation.override(language):
        expected = {reverse(name) for name in destinations}

    assert sorted(expected - set(wide.hrefs)) == []
    assert sorted(set(phone.hrefs)) == sorted(set(wide.hrefs))


@pytest.mark.parametrize("role", ["anonymous", "company", "partner", "officer", "admin"])
def test_every_header_link_opens_for_its_reader(client_for, role):
    client = client_for(role)
    hrefs = sorted(set(_nav(_header(client), "mainnav").hrefs))

    refused = {href: client.get(href).status_code for href in hrefs}

    assert {href: status for href, status in refused.items() if status != 200} == {}
    assert len(hrefs) >= 3
