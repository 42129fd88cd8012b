"""Reading exports back in tests: hostile text that a spreadsheet would run, CSV and XLSX parsed, PDF text."""

import csv
import io

from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

#: Text a spreadsheet would read as a formula, and how every export must write it.
HOSTILE = ['=HYPERLINK("http://x","y")', "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]
NEUTRALIZED = ["'" + text for text in HOSTILE]
#: The same read back from XLSX: XML reads a carriage return as a line feed.
NEUTRALIZED_XLSX = [text.replace("\r", "\n") for text in NEUTRALIZED]

#: Text that reportlab would read as markup, and a word far wider than any column.
LONG_WORD = "Ы" * 5000
MARKUP = [
    '<img src="/etc/passwd"/>',
    '<a href="http://evil">x</a>',
    "<font size=100>",
    "<b>unclosed",
    "&amp;",
]


def csv_rows(content: bytes) -> list[list[str]]:
    """The rows of an export's CSV (UTF-8 with a byte-order mark, which this asserts)."""
    assert content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))


def workbook(content: bytes) -> Workbook:
    return load_workbook(io.BytesIO(content))


def formula_cells(book: Workbook) -> list[str]:
    """Coordinates of every formula cell in the workbook (an export has none)."""
    return [
        f"{sheet.title}!{cell.coordinate}"
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "f"
    ]


def pdf_text(content: bytes) -> str:
    """The text of every page of a PDF, as pypdf extracts it."""
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def pdf_images_and_links(content: bytes) -> tuple[int, int]:
    """How many images and how many annotations (links) the PDF's pages hold."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    images = sum(len(page.images) for page in reader.pages)
    annotations = sum(len(page.get("/Annots") or []) for page in reader.pages)
    return images, annotations
