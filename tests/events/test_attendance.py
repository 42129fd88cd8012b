"""Attendance import from participant lists as Tencent Meeting, VooV Meeting and Zoom write them.

The files are generated here the way the services write them: title/summary rows above the table, Chinese or
English headers, GB18030 or UTF-8 with BOM, CRLF line ends, XLSX with date-time cells, rejoins on several rows.
"""

import csv
import io
import re
import zipfile
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from django.utils import translation
from openpyxl import Workbook

from investbridge.events.attendance import import_participants
from investbridge.events.attendance_files import parse_minutes, parse_time, read_participants
from tests.factories.events import Christmas2020EventFactory, RegistrationFactory

SHANGHAI = ZoneInfo("Asia/Shanghai")

TENCENT_TITLE = [
    ["会议主题", "海口—莫斯科投资合作视频会议"],
    ["会议号", "123 456 789"],
    ["会议开始时间", "2020-12-24 14:55:03"],
    ["会议结束时间", "2020-12-24 17:02:41"],
    [],
]
TENCENT_HEADER = ["序号", "用户昵称", "入会时间", "退会时间", "参会时长", "邮箱", "手机号", "入会身份"]
#: Ivanov joins, drops out and rejoins (two rows); Li Na comes by nickname only; a guest nobody registered.
TENCENT_ROWS = [
    ["1", "Иванов Пётр", "2020-12-24 14:58:12", "2020-12-24 15:33:40", "35分钟", "", "138****1234", "参会者"],
    ["2", "李娜", "2020-12-24 15:00:02", "2020-12-24 17:00:10", "120分钟", "", "", "主持人"],
    ["3", "Иванов Пётр", "2020-12-24 15:41:00", "2020-12-24 16:11:30", "30分钟", "", "", "参会者"],
    ["4", "访客1234", "2020-12-24 15:10:00", "2020-12-24 15:20:00", "10分钟", "", "", "参会者"],
]


def _csv_bytes(rows: list[list[str]], encoding: str) -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode(encoding)


def _xlsx_bytes(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def _tencent_xlsx() -> bytes:
    """Tencent's XLSX: title rows, then real date-time cells and durations in minutes as text."""
    rows: list[list[object]] = [*TENCENT_TITLE, TENCENT_HEADER]
    for row in TENCENT_ROWS:
        rows.append(
            [
                int(row[0]),
                row[1],
                datetime.fromisoformat(row[2]),
                datetime.fromisoformat(row[3]),
                row[4],
                row[5],
                row[6],
                row[7],
            ]
        )
    return _xlsx_bytes(rows)


@pytest.fixture
def conference(db):
    event = Christmas2020EventFactory(slug="hm-2020")
    ivanov = RegistrationFactory(
        event=event,
        full_name="Пётр Иванов",
        name_latin="Petr Ivanov",
        email="ivanov@example.ru",
        email_normalized="ivanov@example.ru",
    )
    li = RegistrationFactory(
        event=event,
        full_name="李娜",
        name_latin="Li Na",
        email="li@example.cn",
        email_normalized="li@example.cn",
    )
    absent = RegistrationFactory(
        event=event,
        full_name="Анна Смирнова",
        name_latin="Anna Smirnova",
        email="smirnova@example.ru",
        email_normalized="smirnova@example.ru",
    )
    return event, ivanov, li, absent


def _import(event, upload, time_zone=None):
    with transaction.atomic():
        return import_participants(event=event, file=upload, time_zone=time_zone)


def _assert_tencent_result(result, conference) -> None:
    _event, ivanov, li, absent = conference
    assert result.layout == "tencent"
    assert (result.rows, result.matched, result.newly_marked) == (4, 2, 2)
    assert [(row.row, row.name) for row in result.unmatched] == [(10, "访客1234")]
    for registration in (ivanov, li, absent):
        registration.refresh_from_db()
    assert (ivanov.attended, ivanov.attended_minutes) == (True, 65)
    assert ivanov.attended_at == datetime(2020, 12, 24, 6, 58, 12, tzinfo=UTC)
    assert (li.attended, li.attended_minutes) == (True, 120)
    assert (absent.attended, absent.attended_minutes) == (False, None)


@pytest.mark.integration
def test_import_tencent_xlsx_with_title_rows_sums_rejoins(conference):
    result = _import(conference[0], _upload("参会成员明细.xlsx", _tencent_xlsx()))

    _assert_tencent_result(result, conference)


@pytest.mark.integration
@pytest.mark.parametrize("encoding", ["gb18030", "utf-8-sig"])
def test_import_tencent_csv_in_gb18030_and_utf8_bom(conference, encoding):
    footer = [[], ["共 4 人"]]  # A total below the table is not a participant.
    data = _csv_bytes([*TENCENT_TITLE, TENCENT_HEADER, *TENCENT_ROWS, *footer], encoding)

    result = _import(conference[0], _upload("参会成员明细.csv", data))

    _assert_tencent_result(result, conference)


@pytest.mark.integration
def test_import_voov_english_csv(conference):
    event, ivanov, li, _absent = conference
    rows = [
        ["Meeting Topic", "Haikou – Moscow investment videoconference"],
        ["Meeting ID", "123 456 789"],
        [],
        ["User Name", "Join Time", "Leave Time", "Duration", "Email", "User Role"],
        ["Petr Ivanov", "2020/12/24 14:58:12", "2020/12/24 15:33:40", "35 min", "", "Attendee"],
        ["Li Na", "2020/12/24 15:00:02", "2020/12/24 17:00:10", "2h", "LI@example.cn", "Host"],
        ["Petr Ivanov", "2020/12/24 15:41:00", "2020/12/24 16:11:30", "30 min", "", "Attendee"],
    ]

    result = _import(event, _upload("participants.csv", _csv_bytes(rows, "utf-8-sig")))

    assert result.layout == "voov"
    assert (result.rows, result.matched, result.newly_marked, result.unmatched) == (3, 2, 2, [])
    ivanov.refresh_from_db()
    li.refresh_from_db()
    assert ivanov.attended_minutes == 65
    assert li.attended_minutes == 120


ZOOM_SUMMARY = (
    "Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants\r\n"
    "81234567890,Haikou – Moscow,12/24/2020 09:55:12 AM,12/24/2020 12:03:40 PM,host@example.org,129,3\r\n"
    "\r\n"
)
ZOOM_TABLE = (
    "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\r\n"
    "Petr Ivanov (Пётр Иванов),ivanov@example.ru,12/24/2020 09:58:12 AM,12/24/2020 10:33:40 AM,36,Yes\r\n"
    "Li Na,,12/24/2020 10:00:02 AM,12/24/2020 12:00:10 PM,121,Yes\r\n"
    "Petr Ivanov (Пётр Иванов),ivanov@example.ru,12/24/2020 10:41:00 AM,12/24/2020 11:11:30 AM,31,Yes\r\n"
    "Office host,host@example.org,12/24/2020 09:55:12 AM,12/24/2020 12:03:40 PM,129,No\r\n"
)


@pytest.mark.integration
@pytest.mark.parametrize("summary", [ZOOM_SUMMARY, ""], ids=["with-summary", "without-summary"])
def test_import_zoom_participants_report_in_account_zone(conference, summary):
    event, ivanov, li, _absent = conference
    data = (summary + ZOOM_TABLE).encode("utf-8-sig")

    result = _import(event, _upload("participants_81234567890.csv", data), time_zone="Europe/Moscow")

    assert result.layout == "zoom"
    assert result.time_zone == "Europe/Moscow"
    assert (result.rows, result.matched, result.newly_marked) == (4, 2, 2)
    first_line = 5 if summary else 2
    assert [(row.row, row.email) for row in result.unmatched] == [(first_line + 3, "host@example.org")]
    ivanov.refresh_from_db()
    li.refresh_from_db()
    assert (ivanov.attended_minutes, li.attended_minutes) == (67, 121)
    assert ivanov.attended_at == datetime(2020, 12, 24, 6, 58, 12, tzinfo=UTC)


@pytest.mark.integration
def test_import_zoom_newer_headers_with_iso_times(conference):
    event, ivanov, _li, _absent = conference
    data = (
        "Name (original name),Email,Join time,Leave time,Total duration (minutes),Guest\r\n"
        "Petr Ivanov,ivanov@example.ru,2020-12-24 14:58:12,2020-12-24 16:03:12,65,Yes\r\n"
    ).encode("utf-8-sig")

    result = _import(event, _upload("participants.csv", data))

    assert (result.layout, result.matched) == ("zoom", 1)
    ivanov.refresh_from_db()
    assert ivanov.attended_at == datetime(2020, 12, 24, 6, 58, 12, tzinfo=UTC)
    assert ivanov.attended_minutes == 65


@pytest.mark.integration
def test_import_with_bad_rows_names_their_lines_and_changes_nothing(conference):
    event, ivanov, li, _absent = conference
    rows = [
        *TENCENT_TITLE,
        TENCENT_HEADER,
        TENCENT_ROWS[0],
        ["2", "李娜", "昨天下午", "2020-12-24 17:00:10", "120分钟", "", "", "主持人"],
        ["3", "Иванов Пётр", "2020-12-24 15:41:00", "2020-12-24 16:11:30", "半小时", "", "", "参会者"],
    ]

    with translation.override("en"), pytest.raises(ValidationError) as caught:
        _import(event, _upload("参会成员明细.csv", _csv_bytes(rows, "gb18030")))

    assert caught.value.messages == [
        "Nothing was imported: fix these rows and upload the file again.",
        "Line 8: the join time “昨天下午” is not a date and time.",
        "Line 9: the duration “半小时” is not a number of minutes or a time such as 35分钟 or 1:05:00.",
    ]
    ivanov.refresh_from_db()
    li.refresh_from_db()
    assert (ivanov.attended, li.attended) == (False, False)


@pytest.mark.integration
def test_import_unknown_layout_lists_supported_formats(conference):
    data = "会议主题,周会\r\n编号,部门,备注\r\n1,招商一处,无\r\n".encode("gb18030")

    with translation.override("en"), pytest.raises(ValidationError) as caught:
        _import(conference[0], _upload("list.csv", data))

    assert caught.value.code == "no_header"
    message = caught.value.messages[0]
    assert "Supported formats: Tencent Meeting (腾讯会议) and VooV Meeting attendance exports" in message
    assert "the Zoom participant report (CSV)" in message


@pytest.mark.unit
@pytest.mark.parametrize(
    ("value", "minutes"),
    [
        ("35分钟", 35),
        ("1小时5分钟30秒", 65.5),
        ("35", 35),
        (35, 35),
        ("35 min", 35),
        ("1h 5min", 65),
        ("01:05:30", 65.5),
        ("", None),
        ("2 ч 10 мин", 130),
    ],
)
def test_parse_minutes_reads_service_durations(value, minutes):
    assert parse_minutes(value) == minutes


@pytest.mark.unit
@pytest.mark.parametrize("value", ["半小时", "about an hour", "-5", "35 apples"])
def test_parse_minutes_rejects_other_text(value):
    with pytest.raises(ValueError, match=re.escape(value)):
        parse_minutes(value)


@pytest.mark.unit
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("12/15/2020 10:01:23 AM", datetime(2020, 12, 15, 2, 1, 23, tzinfo=UTC)),
        ("12/15/2020 01:01 PM", datetime(2020, 12, 15, 5, 1, tzinfo=UTC)),
        ("Dec 15, 2020 01:01:23 PM", datetime(2020, 12, 15, 5, 1, 23, tzinfo=UTC)),
        ("2020-12-15 10:01:23", datetime(2020, 12, 15, 2, 1, 23, tzinfo=UTC)),
        ("2020/12/15 10:01", datetime(2020, 12, 15, 2, 1, tzinfo=UTC)),
        ("2020-12-15T10:01:23+03:00", datetime(2020, 12, 15, 7, 1, 23, tzinfo=UTC)),
        (datetime(2020, 12, 15, 10, 1, 23), datetime(2020, 12, 15, 2, 1, 23, tzinfo=UTC)),  # noqa: DTZ001 (an XLSX cell is naive)
    ],
)
def test_parse_time_reads_naive_times_in_given_zone(value, expected):
    assert parse_time(value, SHANGHAI) == expected


# --- the officer page -------------------------------------------------------------------------------------


@pytest.mark.integration
@pytest.mark.parametrize(
    ("language", "summary"),
    [
        ("ru", "Формат: Tencent Meeting (腾讯会议). Время без часового пояса прочитано как Asia/Shanghai."),
        ("zh-hans", "格式：腾讯会议。未注明时区的时间按 Asia/Shanghai 读取。"),
    ],
)
def test_office_attendance_page_imports_tencent_xlsx(client_for, conference, language, summary):
    event, ivanov, li, _absent = conference
    upload = _upload("参会成员明细.xlsx", _tencent_xlsx())

    response = client_for("officer").post(
        f"/{language}/events/office/{event.slug}/attendance/", {"file": upload, "time_zone": "Asia/Shanghai"}
    )

    assert response.status_code == 200
    assert summary in response.content.decode()
    result = response.context["result"]
    assert (result.rows, result.matched, result.newly_marked) == (4, 2, 2)
    ivanov.refresh_from_db()
    li.refresh_from_db()
    assert (ivanov.attended_minutes, li.attended_minutes) == (65, 120)


@pytest.mark.integration
def test_office_attendance_page_reads_zoom_times_in_chosen_zone(client_for, conference):
    event, ivanov, _li, _absent = conference
    upload = _upload("participants.csv", (ZOOM_SUMMARY + ZOOM_TABLE).encode("utf-8-sig"))

    response = client_for("officer").post(
        f"/ru/events/office/{event.slug}/attendance/", {"file": upload, "time_zone": "Europe/Moscow"}
    )

    assert response.status_code == 200
    ivanov.refresh_from_db()
    assert ivanov.attended_at == datetime(2020, 12, 24, 6, 58, 12, tzinfo=UTC)


@pytest.mark.integration
@pytest.mark.parametrize(
    ("language", "messages"),
    [
        (
            "ru",
            [
                "Ничего не импортировано: исправьте эти строки и загрузите файл снова.",
                "Строка 8: время входа «昨天下午» не является датой и временем.",
            ],
        ),
        (
            "zh-hans",
            [
                "未导入任何数据：请修正以下各行后重新上传文件。",
                "第 8 行：入会时间“昨天下午”不是有效的日期时间。",
            ],
        ),
    ],
)
def test_office_attendance_page_names_bad_line_in_officer_language(
    client_for, conference, language, messages
):
    event, ivanov, _li, _absent = conference
    rows = [
        *TENCENT_TITLE,
        TENCENT_HEADER,
        TENCENT_ROWS[0],
        ["2", "李娜", "昨天下午", "", "120分钟", "", "", ""],
    ]
    upload = _upload("参会成员明细.csv", _csv_bytes(rows, "gb18030"))

    response = client_for("officer").post(
        f"/{language}/events/office/{event.slug}/attendance/", {"file": upload}
    )

    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == messages
    ivanov.refresh_from_db()
    assert ivanov.attended is False


@pytest.mark.integration
def test_office_attendance_page_rejects_unknown_time_zone(client_for, conference):
    event = conference[0]
    upload = _upload("participants.csv", ZOOM_TABLE.encode("utf-8-sig"))

    response = client_for("officer").post(
        f"/en/events/office/{event.slug}/attendance/", {"file": upload, "time_zone": "Mars/Olympus"}
    )

    assert response.status_code == 400
    assert "time_zone" in response.context["form"].errors


@pytest.mark.integration
def test_events_import_attendance_command_reads_xlsx_and_time_zone(conference, tmp_path, capsys):
    path = tmp_path / "participants.csv"
    path.write_bytes((ZOOM_SUMMARY + ZOOM_TABLE).encode("utf-8-sig"))
    xlsx = tmp_path / "参会成员明细.xlsx"
    xlsx.write_bytes(_tencent_xlsx())

    call_command("events_import_attendance", "hm-2020", str(path), "--time-zone", "Europe/Moscow")
    call_command("events_import_attendance", "hm-2020", str(xlsx))

    lines = capsys.readouterr().out.splitlines()
    assert [line for line in lines if " rows: " in line] == [
        "4 rows: 2 registrants found, 2 newly marked.",
        "4 rows: 2 registrants found, 0 newly marked.",
    ]
    _event, ivanov, _li, _absent = conference
    ivanov.refresh_from_db()
    assert ivanov.attended_at == datetime(2020, 12, 24, 6, 58, 12, tzinfo=UTC)
    assert ivanov.attended_minutes == 65


@pytest.mark.integration
@pytest.mark.parametrize(("language", "shown"), [("ru", "65 мин"), ("zh-hans", "65 分钟")])
def test_office_registrations_page_shows_imported_minutes(client_for, conference, language, shown):
    event, ivanov, _li, _absent = conference
    _import(event, _upload("参会成员明细.xlsx", _tencent_xlsx()))

    response = client_for("officer").get(f"/{language}/events/office/{event.slug}/registrations/")

    row = response.content.decode().split(f'data-testid="registration-{ivanov.pk}"')[1].split("</tr>")[0]
    assert f'<span class="muted" data-testid="attended-minutes">{shown}</span>' in row


@pytest.mark.integration
def test_import_damaged_xlsx_is_a_clear_error(conference):
    damaged = _xlsx_with_damaged_sheet()

    with translation.override("en"), pytest.raises(ValidationError) as caught:
        _import(conference[0], _upload("参会成员明细.xlsx", damaged))

    assert caught.value.messages == ["The spreadsheet cannot be read."]


def _xlsx_with_damaged_sheet() -> bytes:
    source = zipfile.ZipFile(io.BytesIO(_tencent_xlsx()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = content[: len(content) // 2]
            target.writestr(item, content)
    return buffer.getvalue()


@pytest.mark.unit
def test_read_participants_lists_at_most_thirty_bad_rows():
    rows = [["Name", "Join Time"], *[[f"Guest {n}", "soon"] for n in range(32)]]
    upload = _upload("participants.csv", _csv_bytes(rows, "utf-8"))

    with translation.override("en"), pytest.raises(ValidationError) as caught:
        read_participants(upload, zone=SHANGHAI)

    assert len(caught.value.messages) == 32
    assert caught.value.messages[1] == "Line 2: the join time “soon” is not a date and time."
    assert caught.value.messages[-1] == "… and 2 more rows with errors."
