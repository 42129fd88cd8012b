"""The administration site carries the platform's language switcher (templates/admin/base_site.html)."""

import re

import pytest

from tests.trilingual import in_language

pytestmark = pytest.mark.integration


def _switcher(html: str) -> str:
    found = re.search(r'<form [^>]*data-testid="admin-language-switcher".*?</form>', html, re.S)
    assert found is not None
    return found.group(0)


@pytest.mark.parametrize(
    ("language", "label"), [("ru", "Язык интерфейса"), ("zh-hans", "界面语言"), ("en", "Interface language")]
)
def test_admin_pages_show_the_language_switcher_in_the_readers_language(client, admin_user, language, label):
    client.force_login(admin_user)
    in_language(client, language)

    html = client.get("/admin/").content.decode()

    switcher = _switcher(html)
    assert f'<html lang="{language}"' in html
    assert 'action="/i18n/setlang/"' in switcher
    assert label in switcher
    assert re.findall(r'<button type="submit" name="language" value="([^"]+)"', switcher) == [
        "ru",
        "zh-hans",
        "en",
    ]
    assert 'name="next" value="/admin/"' in switcher


def test_admin_sign_in_page_shows_the_language_switcher(client, db):
    html = client.get("/admin/login/?next=/admin/").content.decode()

    assert 'action="/i18n/setlang/"' in _switcher(html)


def test_switching_in_the_admin_stays_in_the_admin_and_saves_the_choice(client, admin_user):
    admin_user.language = "ru"
    admin_user.save(update_fields=["language"])
    client.force_login(admin_user)

    response = client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/admin/events/event/"})

    assert (response.status_code, response["Location"]) == (302, "/admin/events/event/")
    assert '<html lang="zh-hans"' in client.get("/admin/events/event/").content.decode()
    admin_user.refresh_from_db()
    assert admin_user.language == "zh-hans"
