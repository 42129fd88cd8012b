"""PDFs and charts show Russian and Chinese: the glyphs are embedded, none is missing."""

import io
import logging
import os
import re
import zlib

import matplotlib
import pytest
from fontTools.ttLib import TTFont
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_pdf import FigureCanvasPdf
from matplotlib.figure import Figure
from reportlab.pdfgen import canvas

from investbridge.core import fonts

pytestmark = pytest.mark.unit

RUSSIAN = "Инвестиционное сотрудничество: Хайкоу — Москва, 2026 г."
CHINESE = "投资合作促进局：海口—莫斯科视频会议"


def _need_pdf_font() -> None:
    if fonts.find_pdf_font() is None:
        message = "No TrueType CJK font (fonts-wqy-zenhei) is installed; run `make system-deps` as root."
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


def _need_chart_cjk_font() -> None:
    if len(fonts.chart_families()) < 2:
        message = (
            "No CJK font (fonts-noto-cjk or fonts-wqy-zenhei) is installed; run `make system-deps` as root."
        )
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture
def fresh_registration():
    fonts._register_pdf_fonts.cache_clear()
    yield
    fonts._register_pdf_fonts.cache_clear()


def _objects(pdf: bytes) -> dict[int, bytes]:
    return {
        int(match.group(1)): match.group(2)
        for match in re.finditer(rb"(\d+) 0 obj\s*(.*?)\s*endobj", pdf, flags=re.DOTALL)
    }


def _stream(obj: bytes) -> bytes:
    head, _, rest = obj.partition(b"stream")
    data = rest.lstrip(b"\r\n").rsplit(b"endstream", 1)[0]
    return zlib.decompress(data) if b"FlateDecode" in head else data


def _embedded_fonts(pdf: bytes) -> list[tuple[bytes, dict[int, str], TTFont]]:
    """(base font name, code -> character from ToUnicode, embedded font program) for each embedded font."""
    objects = _objects(pdf)
    found = []
    for obj in objects.values():
        if not obj.startswith(b"<<") or b"/ToUnicode" not in obj or b"/FirstChar" not in obj:
            continue
        name = re.search(rb"/BaseFont /(\S+)", obj).group(1)
        to_unicode = _stream(objects[int(re.search(rb"/ToUnicode (\d+) 0 R", obj).group(1))]).decode("ascii")
        codes = {
            int(code, 16): chr(int(char, 16))
            for code, char in re.findall(r"<([0-9A-F]{2})> <([0-9A-F]{4})>", to_unicode)
            if int(char, 16)
        }
        descriptor = objects[int(re.search(rb"/FontDescriptor (\d+) 0 R", obj).group(1))]
        program = _stream(objects[int(re.search(rb"/FontFile2 (\d+) 0 R", descriptor).group(1))])
        found.append((name, codes, TTFont(io.BytesIO(program))))
    return found


def _build_pdf(*lines: tuple[str, str]) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pageCompression=0)
    y = 750
    for font_name, text in lines:
        pdf.setFont(font_name, 12)
        pdf.drawString(50, y, text)
        y -= 20
    pdf.save()
    return buffer.getvalue()


def test_pdf_font_embeds_every_russian_and_chinese_glyph(fresh_registration):
    _need_pdf_font()

    pdf = _build_pdf((fonts.pdf_font_name(), RUSSIAN), (fonts.pdf_font_name(bold=True), CHINESE))

    embedded = _embedded_fonts(pdf)
    mapped = {char for _name, codes, _program in embedded for char in codes.values()}
    assert set(RUSSIAN + CHINESE) - {" "} - mapped == set()
    for _name, codes, program in embedded:
        # reportlab's subsets map each one-byte code to its glyph through a (1, 0) cmap.
        code_to_glyph = program["cmap"].getcmap(1, 0).cmap
        glyf = program["glyf"]
        empty = [
            char
            for code, char in codes.items()
            if char in RUSSIAN + CHINESE
            and not char.isspace()
            and glyf[code_to_glyph[code]].numberOfContours == 0
        ]
        assert empty == []


def test_pdf_font_name_is_registered_for_regular_and_bold(fresh_registration):
    _need_pdf_font()

    assert (fonts.pdf_font_name(), fonts.pdf_font_name(bold=True)) == (
        fonts.PDF_FONT_NAME,
        f"{fonts.PDF_FONT_NAME}-Bold",
    )


def test_pdf_font_name_without_fonts_warns_and_falls_back(fresh_registration, monkeypatch, caplog):
    monkeypatch.setattr(fonts, "PDF_FONT_CANDIDATES", [(fonts.FontFile("/nonexistent/font.ttc"), None)])

    with caplog.at_level(logging.WARNING, logger="investbridge.core.fonts"):
        names = (fonts.pdf_font_name(), fonts.pdf_font_name(bold=True))
        pdf = _build_pdf((names[0], "Latin text still renders"))

    assert names == ("Helvetica", "Helvetica-Bold")
    assert pdf.startswith(b"%PDF-")
    assert [record.levelname for record in caplog.records] == ["WARNING"]
    assert "/nonexistent/font.ttc" in caplog.records[0].getMessage()


def test_find_pdf_font_skips_a_font_without_truetype_outlines(monkeypatch):
    noto = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
    if not os.path.exists(noto):
        pytest.skip("fonts-noto-cjk is not installed")
    monkeypatch.setattr(fonts, "PDF_FONT_CANDIDATES", [(fonts.FontFile(noto), None)])

    assert fonts.find_pdf_font() is None


def _chart(figure_text: str) -> Figure:
    figure = Figure(figsize=(4, 3))
    axes = figure.add_subplot()
    axes.bar(["Москва", "海口"], [70, -40])
    axes.set_title(figure_text)
    axes.set_ylabel("Участники / 参会者")
    return figure


def test_configure_matplotlib_renders_russian_and_chinese_without_missing_glyphs():
    _need_chart_cjk_font()

    with matplotlib.rc_context():
        fonts.configure_matplotlib()
        figure = _chart(f"{RUSSIAN}\n{CHINESE}")
        png, pdf = io.BytesIO(), io.BytesIO()
        # Warnings are errors: a "Glyph … missing from font(s)" warning fails the test here.
        FigureCanvasAgg(figure).print_png(png)
        FigureCanvasPdf(figure).print_pdf(pdf)

    assert png.getvalue().startswith(b"\x89PNG")
    base_fonts = set(re.findall(rb"/BaseFont /\w+\+(\w+)", pdf.getvalue()))
    assert b"DejaVuSans" in base_fonts
    assert base_fonts - {b"DejaVuSans"} != set()


def test_configure_matplotlib_without_cjk_font_warns(monkeypatch, caplog):
    monkeypatch.setattr(fonts, "CHART_FAMILIES", ["DejaVu Sans", "No Such CJK Family"])

    with matplotlib.rc_context(), caplog.at_level(logging.WARNING, logger="investbridge.core.fonts"):
        fonts.configure_matplotlib()
        families = list(matplotlib.rcParams["font.family"])

    assert families == ["DejaVu Sans"]
    assert [record.levelname for record in caplog.records] == ["WARNING"]
