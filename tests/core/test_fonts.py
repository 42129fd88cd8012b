"""PDFs and charts show Russian and Chinese: the glyphs are embedded, none is missing; without the fonts they
needs, a document is refused with a clear error instead of boxes."""

import copy
import io
import json
import os
import re
import string
import subprocess
import sys
import textwrap
import zlib
from pathlib import Path

import matplotlib
import pytest
from django.utils import translation
from fontTools.ttLib import TTFont
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_pdf import FigureCanvasPdf
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter
from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont as TTFontBase
from reportlab.pdfgen import canvas

from investbridge.core import fonts

pytestmark = pytest.mark.unit

RUSSIAN = "Инвестиционное сотрудничество: Хайкоу — Москва, 2026 г."
CHINESE = "投资合作促进局：海口—莫斯科视频会议"
#: A private-use character: no installed font has a glyph for it.
NO_GLYPH = "\ue000"


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
def no_fonts(monkeypatch, tmp_path):
    """The font lookup sees an empty directory: no font package is installed."""
    empty = tmp_path / "no-fonts"
    empty.mkdir()
    monkeypatch.setattr(fonts, "FONT_DIRECTORIES", [empty])
    return empty


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


def _build_pdf(*lines: tuple[str, str], canvasmaker: type[canvas.Canvas] = canvas.Canvas) -> bytes:
    buffer = io.BytesIO()
    pdf = canvasmaker(buffer, pageCompression=0)
    y = 750
    for font_name, text in lines:
        pdf.setFont(font_name, 12)
        pdf.drawString(50, y, text)
        y -= 20
    pdf.save()
    return buffer.getvalue()


def test_pdf_font_embeds_every_russian_and_chinese_glyph():
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


def test_pdf_font_name_is_registered_for_regular_and_bold():
    _need_pdf_font()

    assert (fonts.pdf_font_name(), fonts.pdf_font_name(bold=True)) == (
        fonts.PDF_FONT_NAME,
        f"{fonts.PDF_FONT_NAME}-Bold",
    )


def test_pdf_font_name_without_fonts_raises_with_the_install_hint(no_fonts):
    with pytest.raises(fonts.MissingFontError) as raised:
        fonts.pdf_font_name()

    assert "apt-get install fonts-wqy-zenhei" in str(raised.value)
    assert "truetype/wqy/wqy-zenhei.ttc" in str(raised.value)
    assert str(no_fonts) in str(raised.value)
    assert raised.value.fonts_installed is False


def test_missing_font_error_user_message_is_translated(no_fonts):
    with pytest.raises(fonts.MissingFontError) as raised:
        fonts.pdf_font_name()

    with translation.override("ru"):
        russian = raised.value.user_message
    with translation.override("zh-hans"):
        chinese = raised.value.user_message

    assert russian == (
        "Документ нельзя сформировать: на сервере не установлены шрифты для текста на китайском и русском "
        "языках. Сообщите администратору (в журнале сервера указано, что установить)."
    )
    assert (
        chinese
        == "无法生成该文档：服务器未安装中文和俄文文本所需的字体。请告知管理员（服务器日志中写明了需要安装的内容）。"
    )


def test_missing_font_error_user_message_names_the_characters():
    error = fonts.MissingFontError("hint", characters="عئ")

    with translation.override("en"):
        message = error.user_message

    assert message == (
        "This document cannot be produced: the fonts on the server have no glyphs for these characters: "
        "ئ (U+0626), ع (U+0639). Correct the text that contains them, or ask the administrator to install a "
        "font that has them."
    )


def test_find_pdf_font_skips_a_font_without_truetype_outlines(monkeypatch):
    noto = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
    if not os.path.exists(noto):
        pytest.skip("fonts-noto-cjk is not installed")
    monkeypatch.setattr(fonts, "PDF_FONT_CANDIDATES", [(fonts.FontFile(noto), None)])

    assert fonts.find_pdf_font() is None


def test_glyph_checking_canvas_refuses_a_character_the_font_lacks():
    _need_pdf_font()
    name = "Ахмед عمر"  # WenQuanYi Zen Hei has no Arabic letters

    with pytest.raises(fonts.MissingFontError) as raised:
        _build_pdf((fonts.pdf_font_name(), name), canvasmaker=fonts.GlyphCheckingCanvas)

    assert raised.value.characters == "رعم"
    assert "U+0639" in str(raised.value)
    assert "wqy-zenhei.ttc" in str(raised.value)


def test_glyph_checking_canvas_draws_what_the_cjk_font_lacks_from_its_fallback():
    _need_pdf_font()
    line = "ООО «Языковой центр „Мост“» 王芳 • 1\u202f500 ₽"  # no „, •, U+202F or ₽ in WenQuanYi Zen Hei

    pdf = _build_pdf((fonts.pdf_font_name(), line), canvasmaker=fonts.GlyphCheckingCanvas)

    # Each subset maps the printable ASCII characters too (reportlab keeps them readable): compare the others.
    others = set(line) - set(string.printable)
    embedded = {
        name.split(b"+")[-1]: set(codes.values()) & others for name, codes, _prog in _embedded_fonts(pdf)
    }
    assert embedded == {b"WenQuanYiZenHei-0": others - set("„•\u202f₽"), b"DejaVuSans": set("„•\u202f₽")}
    assert PdfReader(io.BytesIO(pdf)).pages[0].extract_text() == f"{line}\n"


def test_pdf_font_width_counts_fallback_characters_in_the_fallback_width():
    _need_pdf_font()
    name = fonts.pdf_font_name()
    fallback = f"{name}-Fallback"

    width = pdfmetrics.stringWidth("„Мост“", name, 10)

    assert width == pytest.approx(
        pdfmetrics.stringWidth("„", fallback, 10) + pdfmetrics.stringWidth("Мост“", name, 10)
    )
    assert width != TTFontBase.stringWidth(pdfmetrics.getFont(name), "„Мост“", 10)  # „ counted as missing


def test_glyph_checking_canvas_refuses_what_neither_font_has():
    _need_pdf_font()

    with pytest.raises(fonts.MissingFontError) as raised:
        _build_pdf((fonts.pdf_font_name(bold=True), "𠮷田 Ёсида"), canvasmaker=fonts.GlyphCheckingCanvas)

    assert raised.value.characters == "𠮷"
    assert "fonts/ttf/DejaVuSans.ttf" in str(raised.value)


def test_glyph_checking_canvas_refuses_chinese_in_a_standard_font():
    with pytest.raises(fonts.MissingFontError) as raised:
        _build_pdf(("Helvetica", "Haikou 海口"), canvasmaker=fonts.GlyphCheckingCanvas)

    assert raised.value.characters == "口海"


def test_glyph_checking_canvas_draws_covered_text_as_the_plain_canvas_does():
    _need_pdf_font()
    lines = ((fonts.pdf_font_name(), RUSSIAN), (fonts.pdf_font_name(bold=True), f"{CHINESE}\u00a0Haikou"))

    pdf = _build_pdf(*lines, canvasmaker=fonts.GlyphCheckingCanvas)

    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert RUSSIAN in text
    assert CHINESE in text


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


def test_chart_families_are_registered_from_the_font_files():
    _need_chart_cjk_font()

    registered = fonts.chart_fonts()

    assert registered[0].family == "DejaVu Sans"
    assert registered[0].path == str(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf")
    assert registered[1].family == "Noto Sans CJK SC"
    assert registered[1].path == "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
    registrations = [entry.fname for entry in font_manager.fontManager.ttflist].count(registered[1].path)
    assert fonts.chart_fonts() == registered
    assert [entry.fname for entry in font_manager.fontManager.ttflist].count(
        registered[1].path
    ) == registrations


def test_checked_chart_rendering_without_cjk_font_raises_with_the_install_hint(no_fonts):
    with matplotlib.rc_context():
        fonts.configure_matplotlib()
        figure = Figure(figsize=(4, 3))
        figure.add_subplot().set_title("Хайкоу 海口")
        with pytest.raises(fonts.MissingFontError) as raised, fonts.checked_chart_rendering(figure):
            FigureCanvasAgg(figure).print_png(io.BytesIO())
        families = list(matplotlib.rcParams["font.family"])

    assert families == ["DejaVu Sans"]
    assert raised.value.characters == "口海"
    assert raised.value.fonts_installed is False
    assert "apt-get install fonts-noto-cjk fonts-wqy-zenhei" in str(raised.value)


def test_checked_chart_rendering_without_cjk_font_draws_russian(no_fonts):
    with matplotlib.rc_context():
        fonts.configure_matplotlib()
        figure = _chart(RUSSIAN)
        figure.axes[0].set_xticks([0, 1], ["Москва", "Хайкоу"])
        figure.axes[0].set_ylabel("Участники")
        png = io.BytesIO()
        with fonts.checked_chart_rendering(figure):
            FigureCanvasAgg(figure).print_png(png)

    assert png.getvalue().startswith(b"\x89PNG")


def test_checked_chart_rendering_turns_a_missing_glyph_warning_into_the_error():
    _need_chart_cjk_font()

    with matplotlib.rc_context():
        fonts.configure_matplotlib()
        figure = _chart(CHINESE)
        # Tick labels drawn at rendering time escape the check before it; matplotlib's warning catches them.
        figure.axes[0].yaxis.set_major_formatter(
            FuncFormatter(lambda value, position: f"{value:.0f}{NO_GLYPH}")
        )
        with pytest.raises(fonts.MissingFontError) as raised, fonts.checked_chart_rendering(figure):
            FigureCanvasAgg(figure).print_png(io.BytesIO())

    assert raised.value.characters == NO_GLYPH
    assert isinstance(raised.value.__cause__, UserWarning)
    assert "missing from font(s)" in str(raised.value.__cause__)


STALE_CACHE_CHART = textwrap.dedent(
    """
    import io, json, warnings
    warnings.simplefilter("error")
    import django
    django.setup()
    from matplotlib import font_manager
    cjk_known_from_cache = sorted(
        {entry.name for entry in font_manager.fontManager.ttflist if "CJK" in entry.name or "WenQuanYi" in entry.name}
    )
    from investbridge.statistics import charts
    png = charts.breakdown_chart(
        names=["秀英区", "Сюин", "Xiuying"],
        current=[3, 2, 1],
        previous=[1, 1, 1],
        labels=("2020年1月1日至2020年11月30日", "1 января 2019 г. – 30 ноября 2019 г."),
        title="按区 / По районам",
    )
    print(json.dumps({"cjk_known_from_cache": cjk_known_from_cache, "png": png[:8].hex()}))
    """
)


def test_chart_renders_chinese_and_russian_with_a_stale_font_cache_without_cjk(tmp_path):
    """`make run` before the fonts were installed left a font cache without them in the home directory: the
    charts still render, because the chart fonts are registered by their files."""
    _need_chart_cjk_font()
    stale = copy.copy(font_manager.fontManager)
    stale.ttflist = [
        entry
        for entry in font_manager.fontManager.ttflist
        if not any(word in entry.name for word in ("CJK", "WenQuanYi", "AR PL"))
    ]
    config = tmp_path / "mplconfig"
    config.mkdir()
    font_manager.json_dump(stale, config / f"fontlist-v{font_manager.FontManager.__version__}.json")

    done = subprocess.run(
        [sys.executable, "-c", STALE_CACHE_CHART],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
        env={
            **os.environ,
            "MPLCONFIGDIR": str(config),
            "PYTHONWARNINGS": "error",
            # The same code as this test imports, whichever checkout runs it.
            "PYTHONPATH": str(Path(fonts.__file__).parents[2]),
        },
    )

    assert done.stderr == ""
    assert done.returncode == 0
    assert json.loads(done.stdout) == {"cjk_known_from_cache": [], "png": "89504e470d0a1a0a"}


def test_chart_text_turns_control_characters_into_spaces_and_keeps_line_breaks():
    assert fonts.chart_text("\t=A\r\nБ\x00海") == " =A \nБ 海"
