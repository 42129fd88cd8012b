"""An officer imports a VooV Meeting attendance export and downloads the PDF report, in a real browser, once in
Russian and once in Chinese (issue 13, journey c).

The export is written here the way VooV (Tencent Meeting international) writes it: title rows above the table,
a participant who dropped out and rejoined on two rows, a guest nobody registered; in English as a CSV in UTF-8
with BOM and as an XLSX with date-time cells, in Chinese as a CSV in GB18030. The PDF's text must hold the
Russian and Chinese names, every font of the PDF must be embedded and no character may be drawn as an empty box
(tests/pdfs.py, which tests/test_pdfs.py shows failing on a DejaVu-only font configuration).
"""

import csv
import io
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook
from playwright.sync_api import Page, expect

from investbridge.events.models import Registration
from tests.factories.accounts import PASSWORD
from tests.factories.directory import OrganizationFactory
from tests.factories.events import Christmas2020EventFactory, RegistrationFactory
from tests.pdfs import font_problems, pdf_fonts, pdf_text

SLUG = "haikou-moscow-2020"

#: (name as written, Latin spelling, e-mail, organization) of the registrants; all asked to be contacted.
REGISTRANTS = [
    ("Пётр Иванов", "Petr Ivanov", "ivanov@uralmash.example.ru", "ПАО «Уралмаш»"),
    ("李娜", "Li Na", "li.na@hainan-trade.example.cn", "海南贸易集团"),
    ("王建国", "Wang Jianguo", "wang.jianguo@haikou-port.example.cn", "海口港务有限公司"),
    ("Анна Смирнова", "Anna Smirnova", "smirnova@volga-agro.example.ru", "ООО «Волга Агро»"),
]

#: The contacts' rows of the PDF, in arrival order: name (Latin spelling), organization, e-mail, attended.
PDF_ROWS = (
    "Пётр Иванов (Petr Ivanov) ПАО «Уралмаш» ivanov@uralmash.example.ru {yes} "
    "李娜 (Li Na) 海南贸易集团 li.na@hainan-trade.example.cn {yes} "
    "王建国 (Wang Jianguo) 海口港务有限公司 wang.jianguo@haikou-port.example.cn {yes} "
    "Анна Смирнова (Anna Smirnova) ООО «Волга Агро» smirnova@volga-agro.example.ru {no}"
)

VOOV_TITLE_EN = [
    ["Meeting Topic", "Haikou – Moscow investment videoconference"],
    ["Meeting ID", "812 345 678"],
    ["Start Time", "2020/12/24 14:55:03"],
    [],
]
VOOV_HEADER_EN = ["User Name", "Join Time", "Leave Time", "Duration", "Email", "User Role"]
#: Ivanov by his Latin name, twice (he rejoined); Li Na by her nickname; Wang by e-mail only; a guest.
VOOV_ROWS_EN = [
    ["Petr Ivanov", "2020/12/24 14:58:12", "2020/12/24 15:33:40", "35 min", "", "Attendee"],
    ["李娜", "2020/12/24 15:00:02", "2020/12/24 17:00:10", "120 min", "", "Host"],
    [
        "WJG",
        "2020/12/24 15:05:00",
        "2020/12/24 16:05:00",
        "60 min",
        "WANG.JIANGUO@haikou-port.example.cn",
        "Attendee",
    ],
    ["Petr Ivanov", "2020/12/24 15:41:00", "2020/12/24 16:11:30", "30 min", "", "Attendee"],
    ["Guest 4821", "2020/12/24 15:10:00", "2020/12/24 15:20:00", "10 min", "", "Attendee"],
]

VOOV_TITLE_ZH = [
    ["会议主题", "海口—莫斯科投资合作视频会议"],
    ["会议号", "812 345 678"],
    ["会议开始时间", "2020-12-24 14:55:03"],
    [],
]
VOOV_HEADER_ZH = ["序号", "用户昵称", "入会时间", "退会时间", "参会时长", "邮箱", "入会身份"]
VOOV_ROWS_ZH = [
    ["1", "Иванов Пётр", "2020-12-24 14:58:12", "2020-12-24 15:33:40", "35分钟", "", "参会者"],
    ["2", "李娜", "2020-12-24 15:00:02", "2020-12-24 17:00:10", "120分钟", "", "主持人"],
    [
        "3",
        "王总",
        "2020-12-24 15:05:00",
        "2020-12-24 16:05:00",
        "1小时",
        "wang.jianguo@haikou-port.example.cn",
        "参会者",
    ],
    ["4", "Иванов Пётр", "2020-12-24 15:41:00", "2020-12-24 16:11:30", "30分钟", "", "参会者"],
    ["5", "访客4821", "2020-12-24 15:10:00", "2020-12-24 15:20:00", "10分钟", "", "参会者"],
]


def _csv(rows: list[list[str]], encoding: str) -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode(encoding)


def _xlsx(rows: list[list[str]]) -> bytes:
    """VooV's XLSX: the same table with real date-time cells (naive: the account's zone, as VooV writes them)."""
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(
            [datetime.fromisoformat(cell.replace("/", "-")) if _is_time(cell) else cell for cell in row]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _is_time(cell: str) -> bool:
    return re.fullmatch(r"\d{4}/\d\d/\d\d \d\d:\d\d:\d\d", cell) is not None


@dataclass(frozen=True)
class Export:
    """What the officer uploads and what the officer must read, in the officer's language."""

    language: str
    file_name: str
    data: bytes
    texts: dict[str, str]


RUSSIAN_TEXTS = {
    "tab": "Импорт присутствия",
    "format": "Формат: VooV Meeting.",
    "result": "Прочитано строк: 5; найдено участников: 3; впервые отмечено присутствие: 3.",
    "minutes": "65 мин",
    "attended": "Присутствовали: 3 представителя из 3 организаций",
    "pdf_rows": PDF_ROWS.format(yes="да", no="нет"),
}
CHINESE_TEXTS = {
    "tab": "导入出席记录",
    "format": "格式：腾讯会议。",
    "result": "已读取 5 行：找到报名者 3 名，新标记出席 3 名。",
    "minutes": "65 分钟",
    "attended": "出席：来自3家机构的3名代表",
    "pdf_rows": PDF_ROWS.format(yes="是", no="否"),
}

EXPORTS = [
    pytest.param(
        Export(
            "ru",
            "participants.csv",
            _csv([*VOOV_TITLE_EN, VOOV_HEADER_EN, *VOOV_ROWS_EN], "utf-8-sig"),
            RUSSIAN_TEXTS,
        ),
        id="ru-csv-utf8-bom",
    ),
    pytest.param(
        Export(
            "ru", "participants.xlsx", _xlsx([*VOOV_TITLE_EN, VOOV_HEADER_EN, *VOOV_ROWS_EN]), RUSSIAN_TEXTS
        ),
        id="ru-xlsx",
    ),
    pytest.param(
        Export(
            "zh-hans",
            "参会成员明细.csv",
            _csv([*VOOV_TITLE_ZH, VOOV_HEADER_ZH, *VOOV_ROWS_ZH], "gb18030"),
            CHINESE_TEXTS,
        ),
        id="zh-hans-csv-gb18030",
    ),
]


@pytest.fixture
def conference(transactional_db):
    event = Christmas2020EventFactory(
        slug=SLUG,
        title_ru="Видеоконференция «Хайкоу – Москва»",
        title_zh_hans="海口—莫斯科视频会议",
        title_en="Haikou – Moscow videoconference",
        capacity=50,
    )
    registrations = []
    for arrival, (name, latin, email, organization) in enumerate(REGISTRANTS, start=1):
        registrations.append(
            RegistrationFactory(
                event=event,
                arrival=arrival,
                full_name=name,
                name_latin=latin,
                email=email,
                email_normalized=email,
                organization=OrganizationFactory(name=organization),
                organization_name=organization,
                country="CN" if re.search(r"[\u4e00-\u9fff]", name) else "RU",
                consent_to_contact=True,
            )
        )
    return event, registrations


@pytest.mark.parametrize("export", EXPORTS)
def test_officer_imports_a_voov_export_and_downloads_a_readable_pdf_report(
    new_context, officer, conference, export: Export, tmp_path
):
    event, registrations = conference
    ivanov = registrations[0]
    texts, lang = export.texts, export.language
    page: Page = new_context(accept_downloads=True).new_page()
    page.goto(f"/{lang}/accounts/login/")
    page.locator("input[name=username]").fill(officer.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_test_id("sign-in-form").locator("button[type=submit]").click()
    page.wait_for_url("**/dashboard/")

    # The event, from the back office's list, then its attendance import tab.
    page.goto(f"/{lang}/events/office/")
    page.get_by_test_id("office-events").get_by_role(
        "link", name=str(getattr(event, f"title_{lang.replace('-', '_')}"))
    ).click()
    expect(page).to_have_url(re.compile(rf"/{lang}/events/office/{SLUG}/registrations/$"))
    page.get_by_role("link", name=texts["tab"]).click()

    # The export, uploaded through the form as VooV wrote it.
    upload = tmp_path / export.file_name
    upload.write_bytes(export.data)
    page.locator("input[name=file]").set_input_files(str(upload))
    page.locator("form.form button[type=submit]").click()
    result = page.get_by_test_id("attendance-result")
    expect(result).to_contain_text(texts["format"])
    expect(result).to_contain_text(texts["result"])
    for guest in ("Guest 4821", "访客4821"):
        if guest.encode() in export.data or guest.encode("gb18030") in export.data:
            expect(result).to_contain_text(guest)

    # The matched attendance on the registrations page: Ivanov's two rows are summed.
    page.goto(f"/{lang}/events/office/{SLUG}/registrations/")
    expect(page.get_by_test_id(f"registration-{ivanov.pk}").get_by_test_id("attended-minutes")).to_have_text(
        texts["minutes"]
    )
    attended = {
        registration.full_name: (registration.attended, registration.attended_minutes)
        for registration in Registration.objects.filter(event=event)
    }
    assert attended == {
        "Пётр Иванов": (True, 65),
        "李娜": (True, 120),
        "王建国": (True, 60),
        "Анна Смирнова": (False, None),
    }

    # The report page, then its PDF in the officer's language.
    page.goto(f"/{lang}/events/office/{SLUG}/report/")
    expect(page.get_by_test_id("report-headline")).to_contain_text(texts["attended"])
    with page.expect_download() as download_info:
        page.get_by_test_id(f"report-pdf-{lang}").click()
    download = download_info.value
    assert download.suggested_filename.startswith(f"{SLUG}-report-{lang}-")
    pdf = Path(download.path()).read_bytes()

    # Table cells wrap long names and e-mails onto several lines: compare without white space.
    text = re.sub(r"\s+", "", pdf_text(pdf))
    rows = re.sub(r"\s+", "", texts["pdf_rows"])
    assert rows in text
    assert re.sub(r"\s+", "", texts["attended"]) in text
    assert "WenQuanYiZenHei-0" in {font.name for font in pdf_fonts(pdf)}
    assert font_problems(pdf) == []
