"""The investor's journey in a real browser, once in Russian and once in Chinese (issue 13, journey b).

An investor opens the public page of a Haikou – Moscow videoconference, registers through the form, receives the
confirmation e-mail, follows its link to the registration page, downloads and reads the calendar file, joins the
video room, opens the B2B meetings, sets up the profile and asks a participant of another organization for a
meeting. That participant (a second browser) accepts; the office's Chinese-speaking officer (a third browser)
runs the scheduler and publishes the schedule; the investor receives the agenda by e-mail and sees it on the
page, with every time in both cities' zones and the investor's own. Every step checks a text its user reads in
their language, so an English fallback fails the test.

The last step, `test_investor_replies_to_the_office_by_mail`: the officer answers the investor's inquiry on its
page, the investor replies from a mail client (a real MIME reply, UTF-8 or GB18030, quoting the office's text) into
the development inbox folder, the worker's inbound job records it, and the officer reads it on the inquiry.
"""

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formatdate, make_msgid
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.core import mail
from playwright.sync_api import BrowserContext, Page, Route, expect

from investbridge.core import inbound
from investbridge.directory.models import Organization, Sector
from investbridge.events.models import Event, Registration, RegistrationStatus, VideoProviderKind
from investbridge.matchmaking.models import Meeting, MeetingRequest, Profile, RequestStatus
from tests.factories.accounts import PASSWORD, OfficerFactory
from tests.factories.directory import OrganizationFactory
from tests.factories.events import EventFactory, RegistrationFactory, VideoRoomFactory
from tests.factories.matchmaking import (
    InterpreterFactory,
    ProfileFactory,
    RoomFactory,
    SetupFactory,
    SlotFactory,
)
from tests.factories.pipeline import InquiryFactory

#: The videoconference: 10:00 Moscow = 15:00 Haikou on 10 June 2031 (neither zone has daylight saving time).
START = datetime(2031, 6, 10, 7, 0, tzinfo=UTC)
#: The B2B meetings after it, 20 minutes each: 12:00 Moscow = 17:00 Haikou onwards.
FIRST_SLOT = datetime(2031, 6, 10, 9, 0, tzinfo=UTC)
SLUG = "haikou-moscow-b2b-2031"
VIDEO_URL = "https://voov.example.com/j/8812345678"
ROOM_URL = "https://voov.example.com/j/b2b-room-1"


@dataclass(frozen=True)
class Investor:
    """Who walks the journey, what they type, and what they must read in their language."""

    language: str
    locale: str
    full_name: str
    name_latin: str
    email: str
    organization: str
    country: str
    time_zone: str
    spoken: str
    #: The participant of another organization the investor asks to meet (written in the other script).
    other_language: str
    other_name: str
    other_organization: str
    other_country: str
    other_spoken: str
    other_zone: str
    texts: dict[str, str]


RUSSIAN = Investor(
    language="ru",
    locale="ru-RU",
    full_name="Анна Смирнова",
    name_latin="Anna Smirnova",
    email="anna.smirnova@uralmash.example.ru",
    organization="АО «Уральские машины»",
    country="RU",
    # Yekaterinburg is neither city: every time must also be shown in the investor's own zone.
    time_zone="Asia/Yekaterinburg",
    spoken="ru",
    other_language="zh-hans",
    other_name="李伟",
    other_organization="海南贸易集团",
    other_country="CN",
    other_spoken="zh",
    other_zone="Asia/Shanghai",
    texts={
        "register": "Зарегистрироваться",
        "received": "Проверьте почту",
        "subject": "Ваше участие подтверждено",
        "status": "Подтверждена",
        "join": "Подключиться к видеоконференции",
        "ics": "Добавить в мой календарь (.ics)",
        "event_times": "10 июня 2031\u202fг., 10:00 Москва · 15:00 Хайкоу · 12:00 Екатеринбург",
        "b2b": "Деловые встречи B2B",
        "profile_saved": "Ваш профиль сохранён.",
        "suggested": "Рекомендуемые участники",
        "reason": "Предлагает то, что вы ищете: Инвестиции",
        "sent": "Ваш запрос отправлен.",
        "pending": "Ожидает ответа",
        "accepted": "Принят",
        "accepted_subject": "Ваш запрос на встречу принят",
        "agenda_subject": "Ваше расписание встреч изменилось",
        "agenda": "Ваше расписание",
        "slot_times": "12:00–12:20 Москва · 17:00–17:20 Хайкоу · 14:00–14:20 Екатеринбург",
        "meeting_with": "Встреча с Хайнань Мао И Цзи Туань (海南贸易集团)",
    },
)

CHINESE = Investor(
    language="zh-hans",
    locale="zh-CN",
    full_name="王芳",
    name_latin="Wang Fang",
    email="wang.fang@haikou-invest.example.cn",
    organization="海口椰林投资有限公司",
    country="CN",
    time_zone="Asia/Shanghai",
    spoken="zh",
    other_language="ru",
    other_name="Пётр Иванов",
    other_organization="ООО «Волга Технологии»",
    other_country="RU",
    other_spoken="ru",
    other_zone="Europe/Moscow",
    texts={
        "register": "报名",
        "received": "请查收邮件",
        "subject": "您的席位已确认",
        "status": "已确认",
        "join": "加入视频会议",
        "ics": "添加到我的日历（.ics）",
        "event_times": "2031年6月10日，莫斯科 10:00 · 海口 15:00",
        "b2b": "B2B 会谈",
        "profile_saved": "您的档案已保存。",
        "suggested": "推荐的参会者",
        "reason": "提供您所寻求的：投资",
        "sent": "您的请求已发送。",
        "pending": "待答复",
        "accepted": "已接受",
        "accepted_subject": "您的会谈请求已被接受",
        "agenda_subject": "您的会谈日程已更新",
        "agenda": "您的日程",
        "slot_times": "莫斯科 12:00–12:20 · 海口 17:00–17:20",
        "meeting_with": "与Volga Technologies会谈",
    },
)

INVESTORS = [pytest.param(RUSSIAN, id="ru"), pytest.param(CHINESE, id="zh-hans")]


@pytest.fixture
def b2b_event(transactional_db):
    """A published videoconference with a video room, B2B slots, a room and a ru–zh interpreter, and two
    registrants with profiles: a participant of another organization (the one to meet) and, for the Russian and
    the Chinese investor alike, nobody else who could be suggested in its place."""
    event = EventFactory(
        slug=SLUG,
        title_ru="Хайкоу – Москва: инвестиции и B2B",
        title_zh_hans="海口—莫斯科：投资与B2B洽谈",
        title_en="Haikou – Moscow: investment and B2B",
        starts_at=START,
        ends_at=START + timedelta(hours=4),
        capacity=50,
    )
    VideoRoomFactory(event=event, provider=VideoProviderKind.EXTERNAL, room_name="", external_url=VIDEO_URL)
    SetupFactory(event=event, request_cap=4)
    for k in range(3):
        SlotFactory(event=event, starts_at=FIRST_SLOT + timedelta(minutes=20 * k))
    RoomFactory(event=event, name="B2B 1", url=ROOM_URL)
    InterpreterFactory(event=event, name="Li Na", languages=["ru", "zh"])
    Sector.objects.get_or_create(code="C")
    return event


def _other_participant(event, investor: Investor) -> Profile:
    latin = {"ru": "Volga Technologies", "zh-hans": "Hainan Trade Group"}[investor.other_language]
    suffix = investor.other_language.replace("-", "_")
    organization = OrganizationFactory(country=investor.other_country)
    # The directory knows the organization in its own language and in English only.
    columns = {
        "name_ru": "",
        "name_zh_hans": "",
        "name_en": latin,
        f"name_{suffix}": investor.other_organization,
    }
    Organization.objects.filter(pk=organization.pk).update(**columns)
    organization.refresh_from_db()
    registration = RegistrationFactory(
        event=event,
        organization=organization,
        name_latin={"ru": "Petr Ivanov", "zh-hans": "Li Wei"}[investor.other_language],
        full_name=investor.other_name,
        language=investor.other_language,
        country=investor.other_country,
        email=f"partner.{investor.other_spoken}@example.org",
        email_normalized=f"partner.{investor.other_spoken}@example.org",
        time_zone=investor.other_zone,
        arrival=1,
    )
    # The registration took the first place in line, as the registration service would have counted it.
    Event.objects.filter(pk=event.pk).update(arrivals=1)
    profile = ProfileFactory(
        registration=registration,
        organization_name=investor.other_organization,
        country=investor.other_country,
        offers=["investment", "distribution"],
        seeks=["technology"],
        languages=[investor.other_spoken],
        time_zone=investor.other_zone,
    )
    profile.sectors.set([Sector.objects.get(code="C")])
    return profile


def _mails_to(address: str) -> list:
    return [message for message in mail.outbox if address in message.to]


def _link(body: str, pattern: str) -> str:
    (link,) = set(re.findall(pattern, body))
    return link


def reply_by_mail(*, investor: "Investor", office_mail: Any, inbox: Path, body: str) -> None:
    """The investor answers the office's e-mail from their own mail client: a reply to its Reply-To address with
    `In-Reply-To` and the office's text quoted, in UTF-8 quoted-printable (Russian) or GB18030 base64 (Chinese),
    dropped where inbound mail arrives in development (the `.eml` folder the worker reads)."""
    quoted = "\n".join(f"> {line}" for line in office_mail.body.splitlines())
    charset = "utf-8" if investor.language == "ru" else "gb18030"
    reply = EmailMessage()
    reply["From"] = f"{investor.name_latin} <{investor.email}>"
    reply["To"] = ", ".join(office_mail.reply_to)
    reply["Subject"] = f"Re: {office_mail.subject}"
    reply["Message-ID"] = make_msgid(domain="mail.example.ru")
    reply["In-Reply-To"] = office_mail.extra_headers["Message-ID"]
    reply["Date"] = formatdate(localtime=False)
    wrote = {"ru": "пишет:", "zh-hans": "写道："}[investor.language]
    reply.set_content(
        f"{body}\n\n{office_mail.from_email} {wrote}\n{quoted}\n",
        charset=charset,
        cte=("quoted-printable" if charset == "utf-8" else "base64"),
    )
    inbox.mkdir(parents=True, exist_ok=True)
    (inbox / "reply.eml").write_bytes(reply.as_bytes(policy=SMTP))


@pytest.mark.parametrize("investor", INVESTORS)
def test_investor_registers_joins_meets_and_receives_the_agenda(
    new_context, b2b_event, officer, investor: Investor
):
    other = _other_participant(b2b_event, investor)
    texts = investor.texts
    context: BrowserContext = new_context(locale=investor.locale, accept_downloads=True)
    page: Page = context.new_page()
    lang = investor.language

    # 1. The public page, in the investor's language.
    page.goto(f"/{lang}/events/{SLUG}/")
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.locator("h1")).to_have_text(str(getattr(b2b_event, f"title_{lang.replace('-', '_')}")))
    page.get_by_test_id("register-link").filter(has_text=texts["register"]).click()

    # 2. Registration through the form.
    form = page.get_by_test_id("registration-form")
    form.locator("input[name=full_name]").fill(investor.full_name)
    form.locator("input[name=name_latin]").fill(investor.name_latin)
    form.locator("input[name=email]").fill(investor.email)
    form.locator("input[name=organization_name]").fill(investor.organization)
    form.locator("select[name=country]").select_option(investor.country)
    expect(form.locator("select[name=language]")).to_have_value(lang)
    form.locator("select[name=time_zone]").select_option(investor.time_zone)
    form.locator("input[name=consent]").check()
    form.locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/{lang}/events/{SLUG}/registered/$"))
    expect(page.get_by_test_id("registration-received")).to_contain_text(texts["received"])
    registration = Registration.objects.get(event=b2b_event, email=investor.email)
    assert (registration.status, registration.language) == (RegistrationStatus.CONFIRMED, lang)

    # 3. The confirmation e-mail, in the investor's language, with the personal link and the calendar file.
    (confirmation,) = _mails_to(investor.email)
    assert texts["subject"] in confirmation.subject
    manage_link = _link(confirmation.body, rf"https?://[^\s]+(/{lang}/events/manage/[\w-]+/)")
    (attachment,) = [a for a in confirmation.attachments if a[0].endswith(".ics")]
    assert _event_times(attachment[1]) == (START, START + timedelta(hours=4))

    # 4. The registration page from the mail's link: status, times in both cities and the investor's zone.
    page.goto(manage_link)
    expect(page.get_by_test_id("registration-status")).to_have_text(texts["status"])
    expect(page.get_by_test_id("event-times")).to_have_text(texts["event_times"])
    ics_link = page.get_by_test_id("personal-ics")
    expect(ics_link).to_have_text(texts["ics"])
    with page.expect_download() as download_info:
        ics_link.click()
    calendar = Path(download_info.value.path()).read_bytes()
    starts, ends = _event_times(calendar)
    assert (starts, ends) == (START, START + timedelta(hours=4))
    # The same instant read in both cities' zones and the investor's own, as the page shows it.
    assert starts.astimezone(ZoneInfo("Europe/Moscow")).strftime("%H:%M") == "10:00"
    assert starts.astimezone(ZoneInfo("Asia/Shanghai")).strftime("%H:%M") == "15:00"
    assert starts.astimezone(ZoneInfo(investor.time_zone)).strftime("%H:%M") in texts["event_times"]
    assert f"X-INVESTBRIDGE-JOIN-URL:{VIDEO_URL}" in calendar.decode()

    # 5. Joining the videoconference: the button leads to the video service's room.
    joined: list[str] = []

    def video_service(route: Route) -> None:
        joined.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body="<title>VooV</title>")

    context.route("https://voov.example.com/**", video_service)
    join = page.get_by_test_id("join-link")
    expect(join).to_have_text(texts["join"])
    join.click()
    page.wait_for_url(VIDEO_URL)
    assert joined == [VIDEO_URL]

    # 6. The B2B meetings, reached from the registration page.
    page.goto(manage_link)
    b2b = page.get_by_test_id("b2b-link")
    expect(b2b).to_have_text(texts["b2b"])
    b2b.click()
    expect(page).to_have_url(re.compile(rf"/{lang}/matchmaking/p/[\w-]+/$"))
    expect(page.get_by_test_id("recommendations")).to_contain_text(texts["suggested"])

    # 7. The profile: what the organization offers and seeks, its sector, its language and zone.
    page.get_by_test_id("edit-profile").click()
    form = page.get_by_test_id("profile-form")
    form.locator("input[name=offers][value=technology]").check()
    form.locator("input[name=seeks][value=investment]").check()
    form.locator(f"input[name=sectors][value='{Sector.objects.get(code='C').pk}']").check()
    expect(form.locator("select[name=time_zone]")).to_have_value(investor.time_zone)
    for spoken in form.locator("input[name=languages]:checked").all():
        spoken.uncheck()
    form.locator(f"input[name=languages][value={investor.spoken}]").check()
    form.locator("button[type=submit]").click()
    expect(page.locator("body")).to_contain_text(texts["profile_saved"])

    # 8. The meeting request to the suggested participant of the other organization.
    card = page.get_by_test_id(f"recommendation-{other.pk}")
    # In the reader's script (finding 6): a Russian reader sees the Chinese name transliterated with the original
    # beside it, a Chinese reader the Russian organization's stored Latin name.
    shown = investor.other_organization if investor.other_language == "zh-hans" else "Volga Technologies"
    expect(card).to_contain_text(shown)
    expect(card).to_contain_text(texts["reason"])
    page.get_by_test_id(f"request-{other.pk}").click()
    expect(page.locator("body")).to_contain_text(texts["sent"])
    request = MeetingRequest.objects.get(event=b2b_event)
    expect(page.get_by_test_id(f"request-row-{request.pk}")).to_contain_text(texts["pending"])
    investor_page = page.url

    # 9. The other participant, in a browser of their own, follows the link of their mail and accepts.
    (received,) = _mails_to(other.registration.email)
    other_link = _link(received.body, rf"https?://[^\s]+(/{investor.other_language}/matchmaking/p/[\w-]+/)")
    other_page = new_context(locale="en-US").new_page()
    other_page.goto(other_link)
    expect(other_page.get_by_test_id(f"request-row-{request.pk}")).to_contain_text(investor.organization)
    accept = other_page.get_by_test_id(f"accept-{request.pk}")
    expect(accept).to_have_text({"ru": "Принять", "zh-hans": "接受"}[investor.other_language])
    accept.click()
    expect(other_page.get_by_test_id(f"accept-{request.pk}")).to_have_count(0)
    request.refresh_from_db()
    assert request.status == RequestStatus.ACCEPTED
    (accepted,) = [m for m in _mails_to(investor.email) if texts["accepted_subject"] in m.subject]
    page.goto(investor_page)
    expect(page.get_by_test_id(f"request-row-{request.pk}")).to_contain_text(texts["accepted"])

    # 10. The office's Chinese-speaking officer, in a third browser, runs the scheduler and publishes the schedule.
    office = new_context(locale="zh-CN").new_page()
    office.goto("/zh-hans/accounts/login/")
    office.locator("input[name=username]").fill(officer.email)
    office.locator("input[name=password]").fill(PASSWORD)
    office.get_by_test_id("sign-in-form").locator("button[type=submit]").click()
    office.wait_for_url("**/dashboard/")
    office.goto(f"/zh-hans/matchmaking/office/{SLUG}/schedule/")
    office.locator("input[name=time_limit]").fill("2")
    office.get_by_test_id("run").click()
    expect(office.get_by_test_id("run-done")).to_contain_text("已排会谈 1 场，未排 0 场")
    office.get_by_test_id("publish").click()
    expect(office.locator("body")).to_contain_text("日程已发布；已向 2 位参会者发送变动通知。")
    meeting = Meeting.objects.get(request=request)
    assert meeting.published_slot is not None
    assert meeting.published_interpreter is not None

    # 11. The agenda e-mail, in the investor's language, with the times in both cities and the investor's zone.
    (agenda_mail,) = [m for m in _mails_to(investor.email) if texts["agenda_subject"] in m.subject]
    slot = meeting.published_slot
    assert texts["meeting_with"] in agenda_mail.body, agenda_mail.body
    assert _slot_times(slot, investor) in agenda_mail.body
    assert ROOM_URL in agenda_mail.body
    (agenda_ics,) = [a for a in agenda_mail.attachments if a[0].endswith(".ics")]
    assert _event_times(agenda_ics[1]) == (slot.starts_at, slot.ends_at)

    # 12. The agenda on the investor's page.
    page.goto(investor_page)
    agenda = page.get_by_test_id("agenda")
    expect(agenda).to_contain_text(texts["agenda"])
    expect(agenda).to_contain_text(_slot_times(slot, investor))
    expect(agenda).to_contain_text("Li Na")
    assert accepted.to == [investor.email]


def _slot_times(slot, investor: Investor) -> str:
    """The slot's line as the investor must read it: shifted from the first slot's expected text by the minutes
    the scheduler chose (which slot it picks is the engine's business, not the journey's)."""
    expected = investor.texts["slot_times"]
    shift = int((slot.starts_at - FIRST_SLOT).total_seconds() // 60)

    def move(match: re.Match) -> str:
        hours, minutes = int(match.group(1)), int(match.group(2))
        total = hours * 60 + minutes + shift
        return f"{total // 60:02d}:{total % 60:02d}"

    return re.sub(r"(\d\d):(\d\d)", move, expected)


def _event_times(data: bytes) -> tuple[datetime, datetime]:
    """DTSTART and DTEND of the calendar file's single event, as aware UTC datetimes."""
    calendar = icalendar.Calendar.from_ical(data)
    (event,) = calendar.walk("VEVENT")
    starts, ends = event.decoded("DTSTART"), event.decoded("DTEND")
    assert starts.tzinfo is not None
    assert ends.tzinfo is not None
    return starts.astimezone(UTC), ends.astimezone(UTC)


@pytest.mark.parametrize("investor", INVESTORS)
def test_investor_replies_to_the_office_by_mail(
    new_context, transactional_db, settings, tmp_path, investor: Investor
):
    """The journey's last step: the office answers the investor's inquiry in the investor's language, the
    investor replies to that e-mail from their mail client, and the Chinese-speaking officer who answered finds
    the reply, without the quoted text, on the inquiry in the back office and is told by mail."""
    settings.REPLY_ADDRESS = "replies@mail.investbridge.example"
    settings.INBOUND_MAIL_DIR = tmp_path / "inbox"
    settings.MEDIA_ROOT = tmp_path / "media"
    officer = OfficerFactory(email="li.na@investbridge.example", full_name="李娜", language="zh-hans")
    inquiry = InquiryFactory(
        contact_name=investor.full_name,
        company_name=investor.organization,
        email=investor.email,
        language=investor.language,
        assigned_to=officer,
    )
    answer = {
        "ru": ("Ответ на ваш запрос", "Пришлите, пожалуйста, бизнес-план проекта."),
        "zh-hans": ("关于您的咨询", "请发送项目商业计划书。"),
    }[investor.language]
    their_reply = {
        "ru": "Добрый день! Бизнес-план пришлём до пятницы.",
        "zh-hans": "您好！我们将在周五前发送商业计划书。",
    }[investor.language]

    # The officer answers through the inquiry page, in Chinese, writing the answer in the investor's language.
    office = new_context(locale="zh-CN").new_page()
    office.goto("/zh-hans/accounts/login/")
    office.locator("input[name=username]").fill(officer.email)
    office.locator("input[name=password]").fill(PASSWORD)
    office.get_by_test_id("sign-in-form").locator("button[type=submit]").click()
    office.wait_for_url("**/dashboard/")
    office.goto(f"/zh-hans/pipeline/inquiries/{inquiry.pk}/")
    form = office.get_by_test_id("reply-form")
    form.locator("select[name=language]").select_option(investor.language)
    form.locator("input[name=subject]").fill(answer[0])
    form.locator("textarea[name=body]").fill(answer[1])
    form.locator("button[type=submit]").click()
    expect(office.get_by_test_id("conversation")).to_contain_text(answer[1])

    (office_mail,) = [message for message in mail.outbox if message.to == [investor.email]]
    assert any(address.startswith("replies+") for address in office_mail.reply_to)
    assert any(address.endswith(f"<{officer.email}>") for address in office_mail.reply_to)

    # The investor replies from their mail client; the worker's inbound job picks the file up.
    mail.outbox.clear()
    reply_by_mail(
        investor=investor, office_mail=office_mail, inbox=settings.INBOUND_MAIL_DIR, body=their_reply
    )
    inbound.inbound_folder_process()

    office.reload()
    conversation = office.get_by_test_id("conversation")
    expect(conversation).to_contain_text(their_reply)
    expect(conversation).to_contain_text(investor.email)
    assert not list(settings.INBOUND_MAIL_DIR.glob("*.eml")), "the reply was left in the inbox"
    assert [message.to for message in mail.outbox] == [[officer.email]], "the officer was not told"
