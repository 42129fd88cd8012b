"""The PDF checker of tests/pdfs.py: it passes the event report as the platform writes it, and it fails PDFs
whose fonts would show boxes (a DejaVu-only font configuration, standard fonts that are not embedded, a Type0 font
whose descendant is not embedded)."""

import io
from pathlib import Path

import matplotlib
import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

from investbridge.core import fonts
from investbridge.events import reports
from tests.factories.events import Christmas2020EventFactory, RegistrationFactory
from tests.pdfs import PdfFont, font_problems, pdf_fonts, pdf_text

NAMES = ("李娜", "Пётр Иванов")
MATPLOTLIB_FONTS = Path(matplotlib.get_data_path()) / "fonts" / "ttf"


@pytest.fixture
def report(db):
    event = Christmas2020EventFactory(slug="hm-2020")
    for arrival, name in enumerate(NAMES, start=1):
        RegistrationFactory(event=event, arrival=arrival, full_name=name, consent_to_contact=True)
    return reports.event_report(event=event, language="zh-hans")


@pytest.fixture
def dejavu_only(monkeypatch):
    """The font configuration points at DejaVu Sans only (Latin and Cyrillic, no Chinese), and the report is
    drawn on reportlab's plain canvas, as it would be without the platform's glyph check."""
    monkeypatch.setattr(fonts, "FONT_DIRECTORIES", [MATPLOTLIB_FONTS])
    monkeypatch.setattr(fonts, "PDF_FONT_CANDIDATES", [(fonts.FontFile("DejaVuSans.ttf"), None)])
    monkeypatch.setattr(fonts, "COVERAGE_SAMPLE", "InvestBridge Инвестиции Ёё")
    monkeypatch.setattr(reports, "GlyphCheckingCanvas", Canvas)
    # reportlab keeps the first font registered under a name for the whole process: register DejaVu under a
    # name of its own.
    monkeypatch.setattr(fonts, "PDF_FONT_NAME", "DejaVuOnlySans")


def _pdf(font_name: str, text: str) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.setFont(font_name, 12)
    canvas.drawString(50, 700, text)
    canvas.save()
    return buffer.getvalue()


@pytest.mark.integration
def test_font_problems_none_in_the_report_with_chinese_and_russian_names(report):
    pdf = reports.report_pdf(report)

    assert font_problems(pdf) == []
    assert {font.name for font in pdf_fonts(pdf)} == {"WenQuanYiZenHei-0"}
    text = pdf_text(pdf)
    assert all(name in text for name in NAMES)


@pytest.mark.integration
def test_font_problems_finds_the_boxes_of_a_dejavu_only_configuration(report, dejavu_only):
    pdf = reports.report_pdf(report)

    assert font_problems(pdf) == ["DejaVuSans: no glyph for <00>", "the text holds U+0000 (.notdef)"]
    assert "Пётр Иванов" in pdf_text(pdf)
    assert "李娜" not in pdf_text(pdf)


@pytest.mark.unit
def test_font_problems_finds_standard_fonts_not_embedded():
    assert font_problems(_pdf("Helvetica", "Petr Ivanov")) == ["Helvetica: not embedded"]


@pytest.mark.unit
def test_font_problems_finds_a_type0_font_whose_descendant_is_not_embedded():
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))

    pdf = _pdf("STSong-Light", "李娜")

    assert pdf_fonts(pdf) == [PdfFont("STSong-Light", embedded=False, missing="")]
    assert font_problems(pdf) == ["STSong-Light: not embedded"]
