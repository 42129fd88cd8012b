"""Journey (d) of issue 13: every public page on a phone (390 × 844) in Russian and Chinese (and English), with
no horizontal scrolling and no element wider than the screen outside a scroll container of its own.

The public pages are taken from the URL configuration (every view marked `public_view`), so a new public page
that is missing from `PUBLIC_PAGES` or `NOT_PAGES` fails the test instead of being forgotten. The signed-in pages
of a company representative and of a partner are walked the same way from their navigation.
"""

import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from playwright.sync_api import BrowserContext, Page

from investbridge.core.permissions import roles_of
from investbridge.directory import isic
from investbridge.directory import services as directory_services
from investbridge.directory.models import Organization, Person, Sector
from investbridge.events.models import Event, EventStatus, Registration, RegistrationStatus
from investbridge.matchmaking.models import MatchmakingSetup
from investbridge.region.models import Dimension, Incentive

#: The signed-in pages are walked in the two languages of the issue's journeys, the public ones also in English.
LANGUAGES = ["ru", "zh-hans"]
PUBLIC_LANGUAGES = [*LANGUAGES, "en"]
PHONE = {"width": 390, "height": 844}
DEMO_PASSWORD = "investbridge-demo"


@dataclass(frozen=True)
class Demo:
    event: Event
    registration: Registration
    participant: Registration
    incentive: Incentive
    dimension: Dimension
    reset_path: str
    confirm_token: str


#: Every public page and how to reach it (the path after the language prefix). Keyed by the URL name.
PUBLIC_PAGES: dict[str, Callable[[Demo], str]] = {
    "web:home": lambda d: "",
    "accounts:login": lambda d: "accounts/login/",
    "accounts:password_reset": lambda d: "accounts/password-reset/",
    "accounts:password_reset_done": lambda d: "accounts/password-reset/sent/",
    "accounts:password_reset_confirm": lambda d: d.reset_path,
    "accounts:password_reset_complete": lambda d: "accounts/reset/done/",
    "directory:confirm_change": lambda d: f"directory/confirm/{d.confirm_token}/",
    "region:dimension_detail": lambda d: f"region/dimensions/{d.dimension.kind}/",
    "region:incentive_list": lambda d: "region/incentives/",
    "region:incentive_detail": lambda d: f"region/incentives/{d.incentive.slug}/",
    "region:interest": lambda d: "region/interest/",
    "region:interest_thanks": lambda d: "region/interest/thanks/",
    "events:list": lambda d: "events/",
    "events:detail": lambda d: f"events/{d.event.slug}/",
    "events:register": lambda d: f"events/{d.event.slug}/register/",
    "events:registered": lambda d: f"events/{d.event.slug}/registered/",
    "events:manage": lambda d: f"events/manage/{d.registration.manage_token}/",
    "pipeline:inquiry_create": lambda d: "pipeline/inquiry/",
    "pipeline:inquiry_thanks": lambda d: "pipeline/inquiry/thanks/",
    "matchmaking:p_home": lambda d: f"matchmaking/p/{d.participant.manage_token}/",
    "matchmaking:p_profile": lambda d: f"matchmaking/p/{d.participant.manage_token}/profile/",
}
#: Public URLs that are not pages a reader looks at, and why.
NOT_PAGES = {
    "set_language": "POST only, redirects",
    "favicon": "redirects to an image",
    "accounts:logout": "POST only, redirects",
    "events:manage_cancel": "POST only, redirects",
    "events:manage_calendar": "a calendar file",
    "events:manage_join": "redirects to the video room",
    "events:material": "a download",
    "events:calendar": "a calendar file",
    "matchmaking:p_request": "POST only, redirects",
    "matchmaking:p_withdraw": "POST only, redirects",
    "matchmaking:p_answer": "POST only, redirects",
    "matchmaking:p_calendar": "a calendar file",
}
#: The error pages, reached by addresses that fail (the 500 page is static text without the layout).
ERROR_PAGES = {
    "404": "no-such-page/",
    "400 (a broken confirmation link)": "directory/confirm/garbage/",
}

#: Every element (outermost first) that sticks out of the viewport without a scroll container around it, and
#: the page's own scroll width when it is wider than the window.
OVERFLOW_SCRIPT = """
(width) => {
  const found = [];
  // The phone's width, not only window.innerWidth: a mobile browser widens its layout viewport to fit content.
  if (window.innerWidth > width) found.push(`window.innerWidth ${window.innerWidth} > ${width}`);
  const page = document.documentElement.scrollWidth;
  if (page > width) found.push(`document scrollWidth ${page} > ${width}`);
  const scrolls = (element) => {
    for (let node = element.parentElement; node && node !== document.body; node = node.parentElement) {
      const overflow = getComputedStyle(node).overflowX;
      if (overflow === 'auto' || overflow === 'scroll' || overflow === 'hidden') return true;
    }
    return false;
  };
  const outside = (box) => box.width > 0 && box.height > 0 && (box.left < -0.5 || box.right > width + 0.5);
  const describe = (element, box) => {
    const classes = typeof element.className === 'string' && element.className.trim()
      ? '.' + element.className.trim().split(/\\s+/).join('.') : '';
    const text = element.textContent.replace(/\\s+/g, ' ').trim().slice(0, 60);
    return `${element.tagName.toLowerCase()}${element.id ? '#' + element.id : ''}${classes} `
      + `${Math.round(box.left)}..${Math.round(box.right)}: ${text}`;
  };
  // Boxes wider than the screen (outermost only), then text that runs out of its box past the screen's edge.
  const reported = [];
  for (const element of document.body.querySelectorAll('*')) {
    const box = element.getBoundingClientRect();
    if (!outside(box) || reported.some((outer) => outer.contains(element)) || scrolls(element)) continue;
    reported.push(element);
    found.push(describe(element, box));
  }
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node.parentElement;
    if (!node.textContent.trim() || reported.some((outer) => outer.contains(element))) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    if (!outside(range.getBoundingClientRect()) || scrolls(node)) continue;
    reported.push(element);
    found.push('text of ' + describe(element, range.getBoundingClientRect()));
  }
  return found;
}
"""


def _public_routes(
    patterns: list[URLPattern | URLResolver], namespace: str = "", prefix: str = ""
) -> Iterator[tuple[str, str]]:
    """(URL name with its namespace, route) of every view marked public_view."""
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _public_routes(entry.url_patterns, inner, prefix + str(entry.pattern))
        elif roles_of(entry.callback) == "public" and not (prefix + str(entry.pattern)).startswith("admin/"):
            yield f"{namespace}{entry.name}", prefix + str(entry.pattern)


@pytest.fixture
def demo(transactional_db) -> Demo:
    # A transactional test before this one flushed the sectors that a data migration created.
    for code in isic.SECTIONS:
        Sector.objects.get_or_create(code=code)
    call_command("demo", force=True, stdout=io.StringIO())
    event = Event.objects.filter(status=EventStatus.PUBLISHED).order_by("starts_at", "pk").first()
    registration = Registration.objects.filter(status=RegistrationStatus.CONFIRMED).order_by("pk").first()
    setup_events = MatchmakingSetup.objects.values("event")
    participant = (
        Registration.objects.filter(status=RegistrationStatus.CONFIRMED, event__in=setup_events)
        .order_by("pk")
        .first()
    )
    incentive = Incentive.objects.filter(is_published=True).order_by("pk").first()
    dimension = Dimension.objects.order_by("pk").first()
    person = Person.objects.exclude(email="").order_by("pk").first()
    assert None not in (event, registration, participant, incentive, dimension, person), (
        "the demo lacks a page"
    )
    user = get_user_model().objects.get(email="company@investbridge.demo")
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    organization = Organization.objects.exclude(memberships__person=person).order_by("pk").first()
    token = directory_services.person_change_propose(
        person=person,
        consent=True,
        organization=organization,
        position="Заместитель руководителя департамента международного сотрудничества",
    )
    assert token is not None
    return Demo(
        event=event,
        registration=registration,
        participant=participant,
        incentive=incentive,
        dimension=dimension,
        reset_path=f"accounts/reset/{uid}/{default_token_generator.make_token(user)}/",
        confirm_token=token,
    )


def _problems(page: Page, path: str) -> list[str]:
    page.goto(path)
    page.locator("main").first.wait_for()
    return [f"{path}: {problem}" for problem in page.evaluate(OVERFLOW_SCRIPT, PHONE["width"])]


def test_every_public_page_is_listed():
    names = {name for name, _route in _public_routes(get_resolver().url_patterns)}

    assert sorted(names - PUBLIC_PAGES.keys() - NOT_PAGES.keys()) == []
    assert sorted((PUBLIC_PAGES.keys() | NOT_PAGES.keys()) - names) == []


def test_public_pages_fit_a_phone_in_russian_and_chinese(new_context: Callable[..., BrowserContext], demo):
    page = new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    problems: list[str] = []
    for language in PUBLIC_LANGUAGES:
        for build in PUBLIC_PAGES.values():
            problems += _problems(page, f"/{language}/{build(demo)}")
        for path in ERROR_PAGES.values():
            problems += _problems(page, f"/{language}/{path}")

    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("email", ["company@investbridge.demo", "partner@investbridge.demo"])
def test_signed_in_pages_of_company_and_partner_fit_a_phone(
    new_context: Callable[..., BrowserContext], demo, email
):
    page = new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    problems: list[str] = []
    for language in LANGUAGES:
        page.goto(f"/{language}/accounts/login/")
        page.locator("input[name=username]").fill(email)
        page.locator("input[name=password]").fill(DEMO_PASSWORD)
        page.get_by_test_id("sign-in-form").locator("button[type=submit]").click()
        page.wait_for_url("**/dashboard/")
        links = page.locator("header a[href], main a[href]").evaluate_all(
            "links => links.map(link => new URL(link.href).pathname)"
        )
        paths = sorted({link for link in links if link.startswith(f"/{language}/") and "logout" not in link})
        for path in paths:
            problems += _problems(page, path)
        page.context.clear_cookies()

    assert problems == [], "\n".join(problems)
