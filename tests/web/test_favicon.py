"""The site's mark: linked from the layout and the admin, and /favicon.ico answers for browsers that ask for it."""

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

pytestmark = pytest.mark.integration


def test_favicon_ico_redirects_to_the_svg_mark(db):
    response = Client().get("/favicon.ico")

    assert response.status_code == 302
    assert response["Location"] == "/static/web/favicon.svg"
    path = finders.find("web/favicon.svg")
    assert path is not None
    with open(path, encoding="utf-8") as file:
        assert file.read().startswith('<svg xmlns="http://www.w3.org/2000/svg"')


def test_base_layout_links_the_favicon(db):
    response = Client().get("/en/")

    assert response.status_code == 200
    assert (
        '<link rel="icon" href="/static/web/favicon.svg" type="image/svg+xml">' in response.content.decode()
    )


def test_admin_links_the_favicon(db):
    response = Client().get("/admin/login/")

    assert response.status_code == 200
    assert (
        '<link rel="icon" href="/static/web/favicon.svg" type="image/svg+xml">' in response.content.decode()
    )
