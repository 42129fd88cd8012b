import io

import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate

from investbridge.core.pdftext import markup_paragraph, paragraph, pdf_format, pdf_text, table
from tests.spreadsheets import LONG_WORD, MARKUP, pdf_images_and_links
from tests.spreadsheets import pdf_text as extracted_text

pytestmark = pytest.mark.unit

STYLE = ParagraphStyle("test", fontName="Helvetica", fontSize=8, leading=10)


def _build(story: list) -> bytes:
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer).build(story)
    return buffer.getvalue()


def test_pdf_text_escapes_markup_characters():
    assert pdf_text('<img src="/etc/passwd"/> & <b>') == '&lt;img src="/etc/passwd"/&gt; &amp; &lt;b&gt;'
    assert pdf_text("&amp;") == "&amp;amp;"


def test_pdf_format_escapes_the_values_not_the_template():
    assert (
        pdf_format("<b>%(name)s</b> registered", name="<i>x</i>") == "<b>&lt;i&gt;x&lt;/i&gt;</b> registered"
    )


def test_paragraphs_and_table_cells_show_markup_literally_and_wrap_a_very_long_word():
    cells = [
        [paragraph(text, STYLE), paragraph("x", STYLE)] for text in [*MARKUP, LONG_WORD.replace("Ы", "W")]
    ]
    story = [
        *[paragraph(text, STYLE) for text in MARKUP],
        paragraph("W" * 5000, STYLE),
        markup_paragraph(pdf_format("Name: %(name)s", name=MARKUP[0]), STYLE),
        table(cells, colWidths=[38 * mm, 20 * mm]),
    ]

    pdf = _build(story)

    text = "".join(extracted_text(pdf).split())  # lines wrap in narrow cells
    assert [text.count("".join(item.split())) for item in MARKUP] == [
        3,
        2,
        2,
        2,
        2,
    ]  # the first one is also in the formatted line
    assert text.count("W") == 2 * 5000
    assert pdf_images_and_links(pdf) == (0, 0)


def test_paragraph_splits_long_words_even_when_the_style_does_not():
    style = ParagraphStyle("nosplit", parent=STYLE, splitLongWords=0)

    assert paragraph("x", style).style.splitLongWords == 1
    assert style.splitLongWords == 0
