"""Reading participant lists as video services write them: Tencent Meeting (腾讯会议), VooV Meeting, Zoom, or any table.

Pure reading, no database. The file may be CSV (UTF-8 with or without BOM, UTF-16 with BOM, GB18030/GBK; comma,
semicolon or tab) or XLSX (the first sheet). Title and summary rows above the table are skipped: the header row
is the first of the first `HEADER_SEARCH_ROWS` rows that names a name column (or, failing that, an e-mail column
outside a meeting summary). Times without an offset are read in the zone the caller gives (the event's host city
by default). A row whose time or duration cannot be read makes the whole file fail, every such row named by its
line (for XLSX, its row number in the sheet).
"""

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from investbridge.core.uploads import CSV, XLSX, validate_upload

HEADER_SEARCH_ROWS = 30
#: At most this many bad rows are listed in one error (the file is rejected either way).
MAX_LISTED_ERRORS = 30


def header_key(cell: object) -> str:
    """A header cell compared without case, spaces, or the difference between full-width and ASCII brackets."""
    text = str(cell or "").replace("（", "(").replace("）", ")").replace("：", ":").casefold()
    return re.sub(r"[\s:_]+", "", text)


def _keys(*names: str) -> frozenset[str]:
    return frozenset(header_key(name) for name in names)


NAME_HEADERS = _keys(
    "Name", "Full name", "Fullname", "Name (Original Name)", "Participant", "Participant name", "Display name",
    "User Name", "Nickname", "User Nickname", "Participant Nickname", "Attendee", "Attendee name",
    "Имя", "ФИО", "Участник", "Имя участника",
    "姓名", "名称", "参会者", "用户名", "用户昵称", "参会者昵称", "昵称", "参会者名称", "用户名称", "会中昵称",
)  # fmt: skip
EMAIL_HEADERS = _keys(
    "Email", "E-mail", "User Email", "Email address", "E-mail address", "Mail", "Attendee email",
    "Электронная почта", "Почта", "E-mail адрес", "邮箱", "电子邮件", "电子邮箱", "邮箱地址", "用户邮箱",
)  # fmt: skip
JOIN_HEADERS = _keys(
    "Join Time", "Join time (UTC)", "Joined", "Joined at", "First join time", "Время входа", "Подключился",
    "入会时间", "首次入会时间", "加入时间", "进入会议时间",
)  # fmt: skip
LEAVE_HEADERS = _keys(
    "Leave Time", "Leave time (UTC)", "Left", "Left at", "Last leave time", "Время выхода", "Отключился",
    "退会时间", "最后退会时间", "离会时间", "离开时间", "离开会议时间",
)  # fmt: skip
DURATION_HEADERS = _keys(
    "Duration", "Duration (Minutes)", "Duration (min)", "Duration(mins)", "Total duration (minutes)",
    "Attendance duration", "Продолжительность", "Длительность", "Длительность (мин)",
    "参会时长", "参会时长(分钟)", "入会时长", "在会时长", "时长", "时长(分钟)", "参会总时长",
)  # fmt: skip
#: Cells of a meeting summary (above the participant table): such a row is never the header.
SUMMARY_HEADERS = _keys(
    "Meeting ID", "Topic", "Meeting Topic", "Webinar ID", "会议号", "会议主题", "会议ID", "会议名称",
)  # fmt: skip
#: Cells that tell a Tencent Meeting (Chinese) export from the others.
_TENCENT_MARKS = _keys(
    "用户昵称", "参会者昵称", "入会时间", "退会时间", "参会时长", "入会身份", "会议号", "会议主题"
)
_ZOOM_MARKS = _keys(
    "Name (Original Name)", "User Email", "Guest", "Total duration (minutes)", "Recording consent"
)
_VOOV_MARKS = _keys("User Name", "Nickname", "Participant Nickname", "Join Time", "Leave Time", "User Role")


@dataclass(frozen=True)
class ParticipantRow:
    line: int
    name: str
    email: str
    joined: datetime | None
    left: datetime | None
    #: Minutes in the meeting on this row: the duration column, else leave minus join, else unknown.
    minutes: float | None


@dataclass(frozen=True)
class ParticipantList:
    layout: str
    rows: list[ParticipantRow]


def layout_label(layout: str) -> str:
    labels = {
        "tencent": _("Tencent Meeting (腾讯会议)"),
        "voov": _("VooV Meeting"),
        "zoom": _("Zoom participant report"),
        "table": _("Table with a name or e-mail column"),
    }
    return labels.get(layout, layout)


def _unrecognized() -> ValidationError:
    return ValidationError(
        _(
            "The participant list was not recognized: none of the first %(rows)d rows is a header with a name "
            "or e-mail column. Supported formats: Tencent Meeting (腾讯会议) and VooV Meeting attendance "
            "exports (XLSX or CSV), the Zoom participant report (CSV), and any CSV or XLSX table with a name or "
            "e-mail column."
        )
        % {"rows": HEADER_SEARCH_ROWS},
        code="no_header",
    )


# --- reading the file -------------------------------------------------------------------------------------


def _decode_text(data: bytes) -> str | None:
    """The text of a CSV file in one of the encodings the services write, or None when it is not text."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings: tuple[str, ...] = ("utf-16",)
    else:
        encodings = ("utf-8-sig", "gb18030")
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", text):
            return None
        return text
    return None


def _file_kind(file: UploadedFile) -> str:
    try:
        return validate_upload(file, (CSV, XLSX)).name
    except ValidationError as error:
        if error.code != "bad_type":
            raise
        # Not UTF-8: GB18030 (Chinese Excel's "CSV") or UTF-16 are text as well.
        file.seek(0)
        data = file.read()
        file.seek(0)
        if _decode_text(data) is not None:
            return CSV.name
        raise


def _csv_rows(data: bytes) -> list[list[Any]]:
    text = _decode_text(data)
    if text is None:
        raise ValidationError(_("The file is not text in UTF-8, UTF-16 or GB18030 (GBK)."), code="encoding")
    lines = [line for line in text.splitlines() if line.strip()]
    # The sample skips the title rows, whose single cells would mislead the dialect guess.
    sample = "\n".join(sorted(lines[:HEADER_SEARCH_ROWS], key=len, reverse=True)[:5])
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return list(csv.reader(io.StringIO(text, newline=""), dialect))


def _xlsx_rows(file: UploadedFile) -> list[list[Any]]:
    from openpyxl import load_workbook  # local: only this reader needs it

    file.seek(0)
    try:
        workbook = load_workbook(file, read_only=True, data_only=True)
        try:
            sheet = workbook.worksheets[0]
            return [
                ["" if value is None else value for value in row] for row in sheet.iter_rows(values_only=True)
            ]
        finally:
            workbook.close()
    except Exception as error:  # A damaged workbook fails in many ways inside openpyxl and lxml.
        raise ValidationError(_("The spreadsheet cannot be read."), code="bad_xlsx") from error


def read_table(file: UploadedFile) -> list[list[Any]]:
    """The file's rows: cells are strings (CSV) or strings, numbers and naive datetimes (XLSX)."""
    kind = _file_kind(file)
    if kind == XLSX.name:
        return _xlsx_rows(file)
    file.seek(0)
    return _csv_rows(file.read())


# --- finding and reading the table ------------------------------------------------------------------------


def _column(keys: list[str], names: frozenset[str]) -> int | None:
    return next((index for index, key in enumerate(keys) if key in names), None)


def _find_header(rows: list[list[Any]]) -> int:
    fallback: int | None = None
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        keys = [header_key(cell) for cell in row]
        if _column(keys, NAME_HEADERS) is not None:
            return index
        if fallback is None and _column(keys, EMAIL_HEADERS) is not None and not SUMMARY_HEADERS & set(keys):
            fallback = index
    if fallback is None:
        raise _unrecognized()
    return fallback


def _layout(rows: list[list[Any]], header_index: int) -> str:
    header = {header_key(cell) for cell in rows[header_index]}
    above = {header_key(cell) for row in rows[:header_index] for cell in row}
    if (header | above) & _TENCENT_MARKS:
        return "tencent"
    if header & _ZOOM_MARKS:
        return "zoom"
    if header & _VOOV_MARKS:
        return "voov"
    return "table"


_DATETIME_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%Y.%m.%d %H:%M:%S",
    "%Y.%m.%d %H:%M",
    "%Y-%m-%d %I:%M:%S %p",
    "%Y-%m-%d %I:%M %p",
    "%b %d, %Y %I:%M:%S %p",
    "%b %d, %Y %I:%M %p",
    "%m/%d/%Y %I:%M:%S %p",
    "%m/%d/%Y %I:%M %p",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %H:%M",
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%Y年%m月%d日 %H:%M:%S",
    "%Y年%m月%d日 %H:%M",
)


def parse_time(value: object, zone: tzinfo) -> datetime | None:
    """An aware datetime from a cell; naive times are read in `zone`. Empty cells give None; ValueError else."""
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        raise ValueError(value)
    else:
        text = " ".join(str(value).split())
        if not text or text in {"-", "--"}:
            return None
        text = text.replace("上午", "AM").replace("下午", "PM")
        text = re.sub(r"(?i)\b(a\.m\.|p\.m\.)", lambda match: match.group(1).replace(".", ""), text)
        try:
            moment = datetime.fromisoformat(text.replace(" UTC", "+00:00").replace("Z", "+00:00"))
        except ValueError:
            for pattern in _DATETIME_FORMATS:
                try:
                    return datetime.strptime(text, pattern).replace(tzinfo=zone)
                except ValueError:
                    continue
            raise ValueError(text) from None
    return moment.replace(tzinfo=zone) if moment.tzinfo is None else moment


_DURATION_PARTS = re.compile(
    r"(?P<number>\d+(?:[.,]\d+)?)\s*"
    r"(?P<unit>小时|時|时|hours?|hrs?|h|час(?:а|ов)?|ч|分钟|分鐘|分|minutes?|mins?|m|мин(?:ут[аы]?)?|秒|seconds?|secs?|s|сек|с)\.?",
    re.IGNORECASE,
)
_UNIT_MINUTES = {"h": 60.0, "m": 1.0, "s": 1 / 60}


def _unit(unit: str) -> str:
    unit = unit.casefold()
    if unit in {"小时", "時", "时"} or unit.startswith(("h", "ч")):
        return "h"
    if unit in {"秒", "с"} or unit.startswith(("s", "сек")):
        return "s"
    return "m"


def parse_minutes(value: object) -> float | None:
    """Minutes from "35", "35.5", "35分钟", "1小时5分钟30秒", "1h 5m", "01:05:30"; None when empty; ValueError else."""
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | float | Decimal):
        if value < 0:
            raise ValueError(value)
        return float(value)
    if isinstance(value, timedelta):
        return value.total_seconds() / 60
    text = " ".join(str(value).split())
    if not text or text in {"-", "--"}:
        return None
    if re.fullmatch(r"\d+(?:[.,]\d+)?", text):
        return float(text.replace(",", "."))
    clock = re.fullmatch(r"(\d+):([0-5]\d)(?::([0-5]\d))?", text)
    if clock:
        hours, minutes, seconds = int(clock[1]), int(clock[2]), int(clock[3] or 0)
        # "hh:mm:ss" is a duration of hours; "mm:ss" of minutes.
        if clock[3] is None:
            return hours + minutes / 60
        return hours * 60 + minutes + seconds / 60
    parts = list(_DURATION_PARTS.finditer(text))
    if not parts or re.sub(r"[\s,]+", "", _DURATION_PARTS.sub("", text)):
        raise ValueError(text)
    return sum(float(part["number"].replace(",", ".")) * _UNIT_MINUTES[_unit(part["unit"])] for part in parts)


def _cell(row: list[Any], column: int | None) -> Any:
    if column is None or column >= len(row):
        return ""
    value = row[column]
    return value.strip() if isinstance(value, str) else value


def _display(value: object) -> str:
    return " ".join(str(value).split())


def read_participants(file: UploadedFile, *, zone: tzinfo) -> ParticipantList:
    """The participant rows of the file, or ValidationError: not readable, not recognized, or bad rows."""
    rows = read_table(file)
    header_index = _find_header(rows)
    keys = [header_key(cell) for cell in rows[header_index]]
    name_col = _column(keys, NAME_HEADERS)
    email_col = _column(keys, EMAIL_HEADERS)
    join_col = _column(keys, JOIN_HEADERS)
    leave_col = _column(keys, LEAVE_HEADERS)
    duration_col = _column(keys, DURATION_HEADERS)

    participants: list[ParticipantRow] = []
    errors: list[str] = []
    for line, row in enumerate(rows[header_index + 1 :], start=header_index + 2):
        name, email = _display(_cell(row, name_col)), _display(_cell(row, email_col))
        if not name and not email:
            continue  # An empty row, or a total or note below the table ("共 4 人"): not a participant.
        problems: list[str] = []
        times: dict[str, datetime | None] = {}
        for label, column in (("join", join_col), ("leave", leave_col)):
            value = _cell(row, column)
            try:
                times[label] = parse_time(value, zone)
            except ValueError:
                times[label] = None
                problems.append(
                    (
                        _("the join time “%(value)s” is not a date and time")
                        if label == "join"
                        else _("the leave time “%(value)s” is not a date and time")
                    )
                    % {"value": _display(value)}
                )
        minutes: float | None = None
        value = _cell(row, duration_col)
        try:
            minutes = parse_minutes(value)
        except ValueError:
            problems.append(
                _("the duration “%(value)s” is not a number of minutes or a time such as 35分钟 or 1:05:00")
                % {"value": _display(value)}
            )
        joined, left = times["join"], times["leave"]
        if joined is not None and left is not None and left < joined:
            problems.append(_("the leave time is earlier than the join time"))
        if problems:
            errors.append(
                pgettext("attendance import", "Line %(line)d: %(problems)s.")
                % {"line": line, "problems": "; ".join(problems)}
            )
            continue
        if minutes is None and joined is not None and left is not None:
            minutes = (left - joined).total_seconds() / 60
        participants.append(
            ParticipantRow(
                line=line,
                name=name,
                email=email,
                joined=joined,
                left=left,
                minutes=minutes,
            )
        )
    if errors:
        raise ValidationError(
            [ValidationError(message, code="bad_rows") for message in _bad_rows_message(errors)]
        )
    return ParticipantList(layout=_layout(rows, header_index), rows=participants)


def _bad_rows_message(errors: Iterable[str]) -> list[str]:
    listed = list(errors)
    head = [_("Nothing was imported: fix these rows and upload the file again.")]
    if len(listed) > MAX_LISTED_ERRORS:
        more = len(listed) - MAX_LISTED_ERRORS
        return [
            *head,
            *listed[:MAX_LISTED_ERRORS],
            ngettext("… and %(count)d more row with errors.", "… and %(count)d more rows with errors.", more)
            % {"count": more},
        ]
    return [*head, *listed]
