"""The office's contacts in the footer of every page (issue 13, 8), in the reader's language."""

import re

import pytest

from tests.factories.region import RegionProfileFactory
from tests.region.test_contacts import CONTACTS

pytestmark = pytest.mark.integration

FOOTER = re.compile(r"<footer class=\"footer\">.*?</footer>", re.DOTALL)
#: Public pages of several domains, and an error page.
PAGES = ["", "events/", "region/incentives/", "pipeline/inquiry/", "accounts/login/", "no-such-page/"]
ADDRESS = {"ru": "Хайкоу, ул. Бинхай, д. 1", "zh-hans": "海口市滨海大道1号", "en": "1 Binhai Avenue, Haikou"}
HEADING = {"ru": "Контакты офиса", "zh-hans": "联系我们", "en": "Contact the office"}


def _footer(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code in (200, 404), path
    match = FOOTER.search(response.content.decode())
    assert match is not None, path
    return match.group(0)


@pytest.mark.parametrize("language", ["ru", "zh-hans", "en"])
def test_every_public_page_shows_office_contacts_in_footer(client, db, language):
    RegionProfileFactory(**CONTACTS)

    for page in PAGES:
        footer = _footer(client, f"/{language}/{page}")

        assert f'<h2 id="office-contacts-heading">{HEADING[language]}</h2>' in footer, page
        assert f'<dd lang="{language}">{ADDRESS[language]}</dd>' in footer, page
        assert '<a href="tel:+8689812345678">+86 898 1234 5678</a>' in footer, page
        assert '<dd lang="zxx">haikou_invest</dd>' in footer, page
        assert '<a href="mailto:contacts@example.org">contacts@example.org</a>' in footer, page


def test_signed_in_pages_show_office_contacts_in_footer(client_for, db):
    RegionProfileFactory(**CONTACTS)

    footer = _footer(client_for("company"), "/zh-hans/dashboard/")

    assert '<dd lang="zh-hans">海口市滨海大道1号</dd>' in footer


def test_footer_address_falls_back_to_office_language(client, db):
    RegionProfileFactory(contact_address_zh_hans="海口市滨海大道1号")

    assert '<dd lang="zh-hans">海口市滨海大道1号</dd>' in _footer(client, "/ru/events/")


@pytest.mark.parametrize("with_profile", [False, True], ids=["no-profile", "profile-without-contacts"])
def test_footer_without_contacts_has_no_contacts_section(client, db, with_profile):
    if with_profile:
        RegionProfileFactory()

    assert 'data-testid="footer-contacts"' not in _footer(client, "/en/events/")


def test_footer_reads_the_profile_once(client, db, django_assert_num_queries):
    RegionProfileFactory(**CONTACTS)

    with django_assert_num_queries(1):  # the login page reads nothing else
        footer = _footer(client, "/en/accounts/login/")

    assert "haikou_invest" in footer
