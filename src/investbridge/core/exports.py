"""The one writer of every spreadsheet export (CSV and XLSX): text that a spreadsheet would run is neutralized,
numbers and dates are typed cells.

The rule, the same for every export and both formats:

- Text that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading single quote
  (``'=HYPERLINK(...)``), so no spreadsheet program reads a name or a note as a formula (the OWASP advice on CSV
  injection). In XLSX every text cell is also written as an explicit string, never as a formula.
- Numbers (``int``, ``float``, ``Decimal``) and dates are written as values, never neutralized and never as text:
  unquoted numbers and ISO 8601 dates in CSV; numeric cells and date cells with a date format in XLSX.
- An aware datetime is shown in the zone given to the writer, by default Django's current zone (the reader's, the
  office's for visitors; see "Time" in docs/architecture.md). CSV keeps the offset (``2020-12-24T15:00:00+08:00``);
  XLSX has no zones, so the cell holds the wall-clock time in that zone.
- ``None`` is an empty cell. Lazy translations are text. Any other type (booleans included: exports write a
  translated "yes"/"no") is a programming error and raises ``TypeError``.

CSV is UTF-8 with a byte-order mark, so spreadsheet programs read Cyrillic and Chinese right.
"""

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from decimal import Decimal
from typing import TypeAlias
from zoneinfo import ZoneInfo

from django.http import HttpResponse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from investbridge.core.scripts import ReaderName

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


#: What a text cell must not begin with (a spreadsheet would read it as a formula).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
#: XLSX number formats of date and datetime cells.
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
#: Excel holds at most this many characters in a cell (longer text makes it report a damaged file).
XLSX_CELL_LIMIT = 32767
#: The font size of a sheet's title line.
TITLE_FONT_SIZE = 14

Cell: TypeAlias = str | int | float | Decimal | date | Promise | None
Row: TypeAlias = Sequence[Cell]


@dataclass(frozen=True)
class Sheet:
    """One worksheet: an optional title line (large, bold), an optional header (bold), then the rows.

    `widths` maps column letters to widths; `images` are PNG files placed one under another in column A.
    """

    name: str
    rows: Iterable[Row] = ()
    header: Row = ()
    title: str = ""
    widths: Mapping[str, float] = field(default_factory=dict)
    images: Sequence[bytes] = ()


def neutralize(text: str) -> str:
    """The text with a leading quote when a spreadsheet would otherwise read it as a formula."""
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def _zone(zone: tzinfo | str | None) -> tzinfo:
    if zone is None:
        return timezone.get_current_timezone()
    return ZoneInfo(zone) if isinstance(zone, str) else zone


def _value(value: object, zone: tzinfo) -> Cell:
    """A cell's value after the rule: text neutralized, aware datetimes in the zone, other types refused."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise TypeError("Export booleans as translated text, not as True/False.")
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, str):
        return neutralize(value)
    if isinstance(value, datetime):
        return timezone.localtime(value, zone) if timezone.is_aware(value) else value
    if isinstance(value, int | float | Decimal | date):
        return value
    raise TypeError(f"A spreadsheet cell cannot hold {type(value).__name__}.")


def _csv_text(value: Cell) -> str | int | float:
    if value is None:
        return ""
    if isinstance(value, date):  # datetime included
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return value  # type: ignore[return-value]  # str, int, float


def csv_bytes(rows: Iterable[Row], *, header: Row = (), zone: tzinfo | str | None = None) -> bytes:
    """The rows (after the header, when given) as CSV in UTF-8 with a byte-order mark."""
    where = _zone(zone)
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL)
    for row in ([header] if header else []) + list(rows):
        writer.writerow([_csv_text(_value(value, where)) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(sheets: Sequence[Sheet], *, zone: tzinfo | str | None = None) -> bytes:
    """A workbook with the sheets, every cell written by the rule."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.drawing.image import Image
    from openpyxl.styles import Font

    where = _zone(zone)
    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])
    bold, large = Font(bold=True), Font(bold=True, size=TITLE_FONT_SIZE)
    for spec in sheets:
        sheet = workbook.create_sheet(spec.name[:31])
        lines: list[tuple[Row, Font | None]] = []
        if spec.title:
            lines.append(([spec.title], large))
        if spec.header:
            lines.append((spec.header, bold))
        lines += [(row, None) for row in spec.rows]
        for row_index, (row, font) in enumerate(lines, start=1):
            for column_index, raw in enumerate(row, start=1):
                value = _value(raw, where)
                if value is None:
                    continue
                cell = sheet.cell(row=row_index, column=column_index)
                if isinstance(value, str):
                    # Control characters XML cannot hold are dropped (openpyxl would raise on them).
                    cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)[:XLSX_CELL_LIMIT]
                    cell.data_type = "s"  # an explicit string, whatever openpyxl guessed
                elif isinstance(value, datetime):
                    cell.value = value.replace(tzinfo=None)
                    cell.number_format = DATETIME_FORMAT
                elif isinstance(value, date):
                    cell.value = value
                    cell.number_format = DATE_FORMAT
                else:
                    cell.value = value
                if font is not None:
                    cell.font = font
        for column, width in spec.widths.items():
            sheet.column_dimensions[column].width = width
        anchor_row = 1
        for png in spec.images:
            image = Image(io.BytesIO(png))
            sheet.add_image(image, f"A{anchor_row}")
            anchor_row += int(image.height / 20) + 2
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _attachment(body: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(
    rows: Iterable[Row], *, filename: str, header: Row = (), zone: tzinfo | str | None = None
) -> HttpResponse:
    """A CSV download (see `csv_bytes`)."""
    return _attachment(csv_bytes(rows, header=header, zone=zone), CSV_CONTENT_TYPE, filename)


def xlsx_response(
    sheets: Sequence[Sheet], *, filename: str, zone: tzinfo | str | None = None
) -> HttpResponse:
    """An XLSX download (see `xlsx_bytes`)."""
    return _attachment(xlsx_bytes(sheets, zone=zone), XLSX_CONTENT_TYPE, filename)


def reader_name_header() -> list[Cell]:
    """The two columns every export writes beside a stored name: the name for the exporting officer (in the active
    language) and the transliteration system when that name is a transliteration (empty when it is stored)."""
    return [_("Name for the reader"), _("Transliteration")]


def reader_name_cells(name: ReaderName) -> list[Cell]:
    """The cells under `reader_name_header`: "Ван Сяомин", "Palladius"; or "Иванов", ""."""
    return [name.text, name.system if name.transliterated else ""]
