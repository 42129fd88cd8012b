"""Crawl the whole demo as every role in every language: no server error, no dead link, the right <html lang>.

The demo (`investbridge demo`) is loaded once for this module inside a transaction that is rolled back when the
module ends, so the other test modules never see it (works on SQLite and PostgreSQL, with or without xdist).
"""

import io
import re
from collections import deque
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
import yaml
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.signals import request_finished
from django.db import close_old_connections, transaction
from django.test import Client
from rest_framework.authtoken.models import Token

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

#: The language prefixes and the <html lang> each must carry.
PREFIXES = {"/ru/": "ru", "/zh-hans/": "zh-hans", "/en/": "en"}
#: The demo sign-ins of each role ("anonymous": not signed in).
ROLE_EMAILS = {
    "anonymous": None,
    "company": "company@investbridge.demo",
    "partner": "partner@investbridge.demo",
    "officer": "officer@investbridge.demo",
    "admin": "admin@investbridge.demo",
}
#: At most this many pages per role and language.
MAX_PAGES = 150
#: Links the crawler never follows: they change state or leave the session.
SKIP = re.compile(r"/accounts/logout/|/i18n/setlang/")
HTML_LANG = re.compile(r"<html[^>]*\blang=\"([^\"]*)\"", re.IGNORECASE)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def _links(base: str, body: str) -> Iterator[str]:
    parser = _Links()
    parser.feed(body)
    for href in parser.hrefs:
        if href.startswith(("mailto:", "tel:", "javascript:", "#")):
            continue
        url = urldefrag(urljoin(base, href)).url
        parts = urlsplit(url)
        if parts.netloc not in ("", "testserver"):
            continue
        yield parts.path + (f"?{parts.query}" if parts.query else "")


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    """The full demo in the test database for this module, rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("demo", force=True, stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


def _close(response: Any) -> None:
    """Close a download's file without request_finished closing the test's database connection."""
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)


def _client(role: str) -> Client:
    client = Client()
    email = ROLE_EMAILS[role]
    if email is not None:
        client.force_login(get_user_model().objects.get(email=email))
    return client


def _crawl(client: Client, role: str, prefix: str, lang: str) -> tuple[int, list[str]]:
    """Breadth-first from the home page and the dashboard; returns (pages visited, failures)."""
    failures: list[str] = []
    seen: set[str] = set()
    queue: deque[tuple[str, str]] = deque([(prefix, "start"), (f"{prefix}dashboard/", "start")])
    visited = 0
    while queue and visited < MAX_PAGES:
        url, source = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        visited += 1
        response = client.get(url)
        where = f"{role} {url} (linked from {source})"
        if response.status_code >= 500:
            failures.append(f"{where}: HTTP {response.status_code}")
            continue
        if response.status_code == 404:
            failures.append(f"{where}: 404 for a link shown to this role")
            continue
        if response.status_code in (301, 302, 303, 307, 308):
            target = urlsplit(response["Location"])
            if target.netloc in ("", "testserver") and target.path.startswith(prefix):
                location = target.path + (f"?{target.query}" if target.query else "")
                if location not in seen:
                    queue.append((location, url))
            continue
        if response.status_code != 200:
            # 403 for a link the page shows is a dead end for the reader, too.
            failures.append(f"{where}: HTTP {response.status_code}")
            continue
        if not response.get("Content-Type", "").startswith("text/html") or response.streaming:
            _close(response)  # a download: fetched, not parsed
            continue
        body = response.content.decode(errors="replace")
        match = HTML_LANG.search(body)
        if match is None or match.group(1) != lang:
            failures.append(
                f"{where}: <html lang> is {match.group(1) if match else None!r}, expected {lang!r}"
            )
        for link in _links(url, body):
            if link.startswith(prefix) and not SKIP.search(link) and link not in seen:
                queue.append((link, url))
    return visited, failures


def test_crawl_every_role_and_language_finds_no_broken_page(demo: None) -> None:
    failures: list[str] = []
    visited: dict[str, int] = {}
    for role in ROLE_EMAILS:
        client = _client(role)
        for prefix, lang in PREFIXES.items():
            count, found = _crawl(client, role, prefix, lang)
            visited[f"{role} {prefix}"] = count
            failures.extend(found)

    assert failures == []
    # The crawl really walked the site: every role reaches more than the two start pages in every language.
    assert {key: count > 2 for key, count in visited.items()} == dict.fromkeys(visited, True)


def _api_get_paths() -> list[str]:
    schema_file = Path(__file__).resolve().parents[2] / "docs" / "openapi.yaml"
    with open(schema_file, encoding="utf-8") as handle:
        schema = yaml.safe_load(handle)
    return sorted(path for path, operations in schema["paths"].items() if "get" in operations)


def test_api_get_endpoints_answer_without_server_error(demo: None) -> None:
    officer = get_user_model().objects.get(email=ROLE_EMAILS["officer"])
    token, _ = Token.objects.get_or_create(user=officer)
    clients = {"anonymous": Client(), "officer": Client(HTTP_AUTHORIZATION=f"Token {token.key}")}
    slugs = [event["slug"] for event in _results(clients["officer"].get("/api/v1/events").json())]
    paths = _api_get_paths()
    failures: list[str] = []
    checked = 0
    for path in paths:
        if "{id}" in path:
            continue  # detail by id: covered through each list's own ids below
        urls = [path.replace("{slug}", slug) for slug in slugs] if "{slug}" in path else [path]
        for url in urls:
            for who, client in clients.items():
                response = client.get(url, HTTP_ACCEPT_LANGUAGE="ru")
                checked += 1
                if response.status_code >= 500:
                    failures.append(f"{who} GET {url}: HTTP {response.status_code}")
                elif who == "officer" and response.status_code in (401, 404):
                    # 403 is a fair answer to an officer on participant-only endpoints (".../me/").
                    failures.append(f"{who} GET {url}: HTTP {response.status_code}")
                if who == "officer" and response.status_code == 200 and f"{path}/{{id}}" in paths:
                    for item in _results(response.json())[:3]:
                        detail = f"{url}/{item['id']}"
                        status = client.get(detail, HTTP_ACCEPT_LANGUAGE="ru").status_code
                        checked += 1
                        if status != 200:
                            failures.append(f"{who} GET {detail}: HTTP {status}")

    assert failures == []
    assert checked > len(paths)


def _results(payload: Any) -> list[dict[str, Any]]:
    if isinstance(payload, dict) and "results" in payload:
        return list(payload["results"])
    return list(payload) if isinstance(payload, list) else []


CJK = re.compile(r"[\u3400-\u9fff]")
H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.DOTALL)


def test_demo_event_pages_in_russian_show_russian_titles(demo: None) -> None:
    """Regression: the events demo wrote the Chinese title into title_ru, so Russian readers saw Chinese headings."""
    client = Client()
    slugs = [event["slug"] for event in _results(client.get("/api/v1/events").json())]
    headings = {}
    for slug in slugs:
        match = H1.search(client.get(f"/ru/events/{slug}/").content.decode())
        headings[slug] = match.group(1) if match else ""
    assert {slug: bool(CJK.search(text)) for slug, text in headings.items()} == dict.fromkeys(slugs, False)
    assert len(slugs) >= 2
