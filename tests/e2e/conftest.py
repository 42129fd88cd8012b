"""Browser tests: Playwright driving Debian's Chromium against pytest-django's `live_server`.

Write a browser test in `tests/e2e/test_<domain>.py` (all of them are marked `e2e` here):

    def test_landing_page_in_russian(page):
        page.goto("/ru/")                      # relative to live_server.url
        expect(page.locator("html")).to_have_attribute("lang", "ru")

    def test_officer_reaches_dashboard(page, sign_in, officer):
        sign_in(officer, language="en")

Chromium is Debian's (`shutil.which("chromium")`); no browser is ever downloaded. Without it the tests skip
with a message, except under CI=true, where they fail.

Playwright's synchronous API keeps an asyncio loop running on the main thread while it is started, and Django
refuses ORM calls under a running loop. So Playwright runs only while the tests of this package run (package
scope, not session scope: the loop would otherwise leak into every test collected after tests/e2e), and
DJANGO_ALLOW_ASYNC_UNSAFE is set only for that time.
"""

import os
import shutil
from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, expect, sync_playwright

from tests.factories.accounts import PASSWORD

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: How long a locator or navigation may wait (milliseconds): short, so a broken page fails fast.
TIMEOUT_MS = 15_000


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    here = os.path.dirname(__file__)
    for item in items:
        if str(item.path).startswith(here + os.sep):
            item.add_marker(pytest.mark.e2e)


def chromium_path() -> str:
    path = shutil.which("chromium")
    if path is None:
        message = (
            "Debian's chromium is not installed, so the browser tests cannot run. "
            "Install it with `make system-deps` (as root) or `apt-get install chromium`."
        )
        if os.environ.get("CI") == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return path


@pytest.fixture(scope="package")
def playwright() -> Iterator[Playwright]:
    chromium_path()  # skip (or fail in CI) before starting anything
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    manager = sync_playwright().start()
    try:
        yield manager
    finally:
        manager.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="package")
def browser(playwright: Playwright) -> Iterator[Browser]:
    launched = playwright.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
    try:
        yield launched
    finally:
        launched.close()


@pytest.fixture
def new_context(browser: Browser, live_server) -> Iterator[Callable[..., BrowserContext]]:
    """new_context(locale="ru-RU") -> a fresh browser context whose relative URLs go to the live server."""
    contexts: list[BrowserContext] = []

    def make(**options: object) -> BrowserContext:
        options.setdefault("base_url", live_server.url)
        options.setdefault("locale", "en-US")
        context = browser.new_context(**options)  # type: ignore[arg-type]
        context.set_default_timeout(TIMEOUT_MS)
        context.set_default_navigation_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context: Callable[..., BrowserContext]) -> Page:
    """A page in a fresh browser context (no cookies, no session) for this test only."""
    expect.set_options(timeout=TIMEOUT_MS)
    return new_context().new_page()


@pytest.fixture
def sign_in(page: Page) -> Callable[..., None]:
    """sign_in(user, language="en"): sign in through the form (the factories' password) and wait for the
    dashboard."""

    def do(user, *, language: str = "en", password: str = PASSWORD) -> None:
        page.goto(f"/{language}/accounts/login/")
        page.locator("input[name=username]").fill(user.email)
        page.locator("input[name=password]").fill(password)
        page.get_by_test_id("sign-in-form").locator("button[type=submit]").click()
        page.wait_for_url("**/dashboard/")

    return do
