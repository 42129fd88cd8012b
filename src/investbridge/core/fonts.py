"""Fonts for generated documents: PDFs (reportlab) and charts (matplotlib) in Russian, Chinese and English.

reportlab embeds TrueType outlines only (it cannot embed the CFF-outline OpenType of Noto Sans CJK), so PDFs use
the first TrueType font found that covers Latin, Cyrillic and CJK alike, by default WenQuanYi Zen Hei from
Debian's `fonts-wqy-zenhei`. Charts use matplotlib's glyph-by-glyph fallback from DejaVu Sans (Latin, Cyrillic;
it ships with matplotlib) to a CJK face (Noto Sans CJK SC from `fonts-noto-cjk`, or WenQuanYi Zen Hei). `make
setup` (and so `make run` and `make test`) installs both packages as root (`make system-deps`).

The chart fonts are registered with matplotlib by their files (`FontManager.addfont`) and named by the families
those files declare, so matplotlib's font cache in the home directory (`~/.cache/matplotlib`, built perhaps before
the fonts were installed) makes no difference.

A document is never produced with boxes for missing glyphs: when the fonts its text needs are not installed, or
a character of its text has no glyph in them, `MissingFontError` is raised instead, with a translated message
for the user (`user_message`) and, as its text, what to install. PDFs check every string they draw against the
embedded font's character map (build them with `canvasmaker=GlyphCheckingCanvas`), drawing the few characters
the CJK font lacks (the „ of Russian names, ₽, thin spaces) from DejaVu Sans, which ships with matplotlib;
charts check their text against the registered fonts before rendering and turn matplotlib's "Glyph … missing"
warning into the same error while rendering (`checked_chart_rendering`).
"""

import contextlib
import functools
import logging
import os
import re
import unicodedata
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont as ReportlabTTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

if TYPE_CHECKING:
    from matplotlib.figure import Figure

logger = logging.getLogger(__name__)

#: Where font files are looked up (Debian installs its font packages under /usr/share/fonts).
FONT_DIRECTORIES: list[Path] = [Path("/usr/share/fonts"), Path("/usr/local/share/fonts")]

#: The name under which the PDF font is registered with reportlab (bold: PDF_FONT_NAME + "-Bold").
PDF_FONT_NAME = "InvestBridgeSans"

#: Sample text every PDF font candidate must cover: Latin, Cyrillic and Simplified Chinese.
COVERAGE_SAMPLE = "InvestBridge Инвестиции Ёё 投资合作海口"

#: How many missing characters an error names.
MAX_NAMED_CHARACTERS = 12


@dataclass(frozen=True)
class FontFile:
    """A font file, relative to one of FONT_DIRECTORIES (or absolute), the face to use in a collection (.ttc)
    and the Debian package that installs it."""

    path: str
    subfont_index: int = 0
    package: str = ""


@dataclass(frozen=True)
class InstalledFont:
    """A font file found on disk: its absolute path and the face to use."""

    path: str
    subfont_index: int = 0


#: TrueType (glyf-outline) fonts that cover Latin, Cyrillic and CJK, in order of preference: (regular, bold).
#: None of them ships a bold face, so bold text uses the regular face.
PDF_FONT_CANDIDATES: list[tuple[FontFile, FontFile | None]] = [
    (FontFile("truetype/wqy/wqy-zenhei.ttc", package="fonts-wqy-zenhei"), None),
    (FontFile("truetype/wqy/wqy-microhei.ttc", package="fonts-wqy-microhei"), None),
    (FontFile("truetype/arphic/uming.ttc", package="fonts-arphic-uming"), None),
]


@dataclass(frozen=True)
class ChartFont:
    """A chart font: the family its file declares, and the file."""

    family: str
    file: FontFile


#: Latin and Cyrillic in charts: DejaVu Sans, which ships with matplotlib (so it is always there).
CHART_BASE_FAMILY = "DejaVu Sans"
#: CJK faces for charts, in order of preference; the first installed one follows DejaVu Sans.
CHART_CJK_FONTS: list[ChartFont] = [
    ChartFont(
        "Noto Sans CJK SC", FontFile("opentype/noto/NotoSansCJK-Regular.ttc", package="fonts-noto-cjk")
    ),
    ChartFont("WenQuanYi Zen Hei", FontFile("truetype/wqy/wqy-zenhei.ttc", package="fonts-wqy-zenhei")),
    ChartFont("WenQuanYi Micro Hei", FontFile("truetype/wqy/wqy-microhei.ttc", package="fonts-wqy-microhei")),
    ChartFont("AR PL UMing CN", FontFile("truetype/arphic/uming.ttc", package="fonts-arphic-uming")),
]

#: matplotlib's warning for a character no font in the family list has a glyph for.
MISSING_GLYPH_WARNING = r"Glyph \d+ .* missing from font"
_MISSING_GLYPH = re.compile(r"Glyph (\d+) ")


class MissingFontError(RuntimeError):
    """A PDF or chart would show some of its text as boxes: raised instead of producing it.

    `str(error)` says what is missing and what to install (for the log and the command line); `user_message` is
    the translated message for the person who asked for the document.
    """

    def __init__(self, hint: str, *, characters: Iterable[str] = (), fonts_installed: bool = True) -> None:
        super().__init__(hint)
        self.characters = "".join(sorted(set(characters)))
        self.fonts_installed = fonts_installed

    @property
    def user_message(self) -> str:
        """The reason in the active language."""
        if not self.fonts_installed or not self.characters:
            return gettext(
                "This document cannot be produced: the fonts for Chinese and Russian text are not installed on "
                "the server. Please tell the administrator (the server log says what to install)."
            )
        return gettext(
            "This document cannot be produced: the fonts on the server have no glyphs for these characters: "
            "%(characters)s. Correct the text that contains them, or ask the administrator to install a font "
            "that has them."
        ) % {"characters": describe_characters(self.characters)}


def describe_characters(characters: str) -> str:
    """`"😀 (U+1F600), ئ (U+0626)"`: each character and its code point, at most MAX_NAMED_CHARACTERS of them."""
    named = [f"{char} (U+{ord(char):04X})" for char in characters[:MAX_NAMED_CHARACTERS]]
    more = len(characters) - MAX_NAMED_CHARACTERS
    return ", ".join(named) + (f", … (+{more})" if more > 0 else "")


def locate(font: FontFile) -> InstalledFont | None:
    """The installed file of the font (the first of FONT_DIRECTORIES that holds it), or None."""
    for directory in FONT_DIRECTORIES:
        path = Path(directory) / font.path
        if path.is_file():
            return InstalledFont(str(path), font.subfont_index)
    return None


def _install_hint(packages: Iterable[str]) -> str:
    names = " ".join(dict.fromkeys(package for package in packages if package))
    return (
        f"Install Debian's {names} (as root: `apt-get install {names}`, or `make system-deps` in the "
        "InvestBridge checkout), then restart the server."
    )


# --- PDFs -------------------------------------------------------------------------------------------------


@functools.cache
def _truetype_cmap(path: str, subfont_index: int, _stamp: tuple[int, int]) -> frozenset[int] | None:
    """The code points of a TrueType (glyf-outline) face; None when the file has no TrueType outlines or cannot be
    read. `_stamp` (size, modification time) keys the cache to the file's version."""
    from fontTools.ttLib import TTFont

    try:
        with TTFont(path, fontNumber=subfont_index, lazy=True) as ttf:
            if "glyf" not in ttf:
                return None
            return frozenset((ttf.getBestCmap() or {}).keys())
    except Exception:  # a broken or unreadable file is simply not a candidate
        logger.debug("Font %s cannot be read", path, exc_info=True)
        return None


def _covers(font: InstalledFont, sample: str) -> bool:
    """True when the file holds TrueType outlines with a glyph for every character of the sample."""
    try:
        stat = os.stat(font.path)
    except OSError:
        return False
    cmap = _truetype_cmap(font.path, font.subfont_index, (stat.st_size, stat.st_mtime_ns))
    return cmap is not None and all(ord(char) in cmap for char in sample if not char.isspace())


def find_pdf_font() -> tuple[InstalledFont, InstalledFont] | None:
    """The first installed (regular, bold) TrueType pair covering Latin, Cyrillic and CJK; None when none is."""
    for regular_file, bold_file in PDF_FONT_CANDIDATES:
        regular = locate(regular_file)
        if regular is None or not _covers(regular, COVERAGE_SAMPLE):
            continue
        bold = locate(bold_file) if bold_file is not None else None
        if bold is None or not _covers(bold, COVERAGE_SAMPLE):
            bold = regular
        return regular, bold
    return None


#: The file each PDF font name is registered from (reportlab keeps one font per name, process-wide).
_REGISTERED: dict[str, tuple[InstalledFont, InstalledFont | None]] = {}


class FallbackTTFont(ReportlabTTFont):
    """A reportlab TrueType font with a second font for the characters it lacks (see PDF_FALLBACK_FILES).

    `GlyphCheckingCanvas` draws those characters from the fallback; the widths here count them in the fallback's
    widths, so that lines are laid out as they are drawn.
    """

    fallback: ReportlabTTFont | None = None

    def stringWidth(self, text: str | bytes, size: float, encoding: str = "utf8") -> float:
        if self.fallback is None:
            return super().stringWidth(text, size, encoding)  # type: ignore[no-any-return]
        return sum(
            ReportlabTTFont.stringWidth(self, chunk, size, encoding)
            if font is self
            else font.stringWidth(chunk, size, encoding)
            for font, chunk in _runs(text.decode(encoding) if isinstance(text, bytes) else text, self)
        )


def _bundled_font(name: str) -> str:
    import matplotlib

    return str(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / name)


#: The fallback of the PDF fonts: DejaVu Sans (TrueType; it ships with matplotlib, so it is always there), for
#: characters the CJK font lacks, such as the „ of Russian names („Мост“), ₽, • or thin spaces. Regular for bold
#: text too, like the CJK fonts, which have no bold face.
PDF_FALLBACK_FILE = "DejaVuSans.ttf"


def _register(name: str, font: InstalledFont, fallback: InstalledFont | None) -> None:
    if _REGISTERED.get(name) == (font, fallback):
        return
    registered = FallbackTTFont(name, font.path, subfontIndex=font.subfont_index)
    if fallback is not None:
        registered.fallback = ReportlabTTFont(f"{name}-Fallback", fallback.path)
        pdfmetrics.registerFont(registered.fallback)
    pdfmetrics.registerFont(registered)
    _REGISTERED[name] = (font, fallback)
    logger.debug("PDF font %s from %s (fallback %s)", name, font.path, fallback)


def pdf_fonts() -> tuple[str, str]:
    """The reportlab names of the (regular, bold) PDF fonts, registered; MissingFontError when none is installed."""
    from reportlab.lib.fonts import addMapping

    found = find_pdf_font()
    if found is None:
        candidates = [regular for regular, _bold in PDF_FONT_CANDIDATES]
        raise MissingFontError(
            "No TrueType font covering Latin, Cyrillic and Chinese is installed for PDFs (looked for "
            + ", ".join(candidate.path for candidate in candidates)
            + " in "
            + ", ".join(str(directory) for directory in FONT_DIRECTORIES)
            + "). "
            + _install_hint([candidates[0].package]),
            fonts_installed=False,
        )
    regular, bold = found
    fallback_path = _bundled_font(PDF_FALLBACK_FILE)
    fallback = InstalledFont(fallback_path) if Path(fallback_path).is_file() else None
    bold_name = f"{PDF_FONT_NAME}-Bold"
    # reportlab gives a second name for the same face the first one's font object: with one file for regular
    # and bold, both names draw with the same font (and fallback).
    _register(PDF_FONT_NAME, regular, fallback)
    _register(bold_name, bold, fallback)
    # <b> and <i> in Paragraph markup map onto the registered faces.
    for is_bold, is_italic, name in ((0, 0, PDF_FONT_NAME), (1, 0, bold_name), (0, 1, PDF_FONT_NAME)):
        addMapping(PDF_FONT_NAME, is_bold, is_italic, name)
    addMapping(PDF_FONT_NAME, 1, 1, bold_name)
    return PDF_FONT_NAME, bold_name


def pdf_font_name(bold: bool = False) -> str:
    """The reportlab font name to use for text in any of our languages (MissingFontError when none is installed)."""
    regular, bold_name = pdf_fonts()
    return bold_name if bold else regular


def _pdf_font_covers(font: Any, char: str) -> bool:
    if char == "\u00a0":  # reportlab draws a no-break space as a space
        return True
    if isinstance(font, ReportlabTTFont):
        return ord(char) in font.face.charToGlyph
    # A standard PDF font (Helvetica, …): not embedded, only the characters of its encoding.
    try:
        char.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def _fallback_may_draw(char: str) -> bool:
    """Right-to-left letters (Arabic, Hebrew) need a layout reportlab does not do: no fallback draws them."""
    return unicodedata.bidirectional(char) not in {"R", "AL", "AN"}


def _runs(text: str, font: Any) -> list[tuple[Any, str]]:
    """The text in runs of one font each: the font, or its fallback for characters only the fallback has;
    MissingFontError when a character is in neither."""
    fallback = getattr(font, "fallback", None)
    runs: list[tuple[Any, list[str]]] = []
    missing = set()
    for char in text:
        drawn_by = font
        if not _pdf_font_covers(font, char):
            if fallback is not None and _fallback_may_draw(char) and _pdf_font_covers(fallback, char):
                drawn_by = fallback
            else:
                missing.add(char)
        if runs and runs[-1][0] is drawn_by:
            runs[-1][1].append(char)
        else:
            runs.append((drawn_by, [char]))
    if missing:
        where = (
            f"{font.fontName} ({font.face.filename})" if isinstance(font, ReportlabTTFont) else font.fontName
        )
        if fallback is not None:
            where += f" and its fallback {fallback.face.filename}"
        characters = "".join(sorted(missing))
        raise MissingFontError(
            f"The PDF font {where} has no glyph for {describe_characters(characters)}. Correct the text, or "
            "install a TrueType font that has them and list it first in PDF_FONT_CANDIDATES (core/fonts.py).",
            characters=characters,
        )
    return [(drawn_by, "".join(chars)) for drawn_by, chars in runs]


class GlyphCheckingTextObject(PDFTextObject):
    """A text object that checks each string against its font before writing it, and draws the characters only
    the font's fallback has from the fallback."""

    _fontname: str
    _curSubset: int

    def _formatText(self, text: str | bytes) -> str:  # every string drawn goes through here
        runs = _runs(
            text.decode("utf-8") if isinstance(text, bytes) else text, pdfmetrics.getFont(self._fontname)
        )
        if len(runs) <= 1:
            return super()._formatText(text)  # type: ignore[no-any-return]
        font_name = self._fontname
        operators = []
        try:
            for font, chunk in runs:
                if font.fontName != self._fontname:
                    self._fontname = font.fontName
                    self._curSubset = -1  # select the font again before its text (Tf)
                operators.append(super()._formatText(chunk))
        finally:
            if self._fontname != font_name:
                self._fontname = font_name
                self._curSubset = -1
        return " ".join(operators)


class GlyphCheckingCanvas(Canvas):
    """A reportlab canvas that raises MissingFontError instead of drawing a character its font lacks (reportlab
    itself draws the font's empty "notdef" glyph), and draws characters only the font's fallback has from the
    fallback. Pass it to `doc.build(story, canvasmaker=GlyphCheckingCanvas)`.
    """

    def beginText(self, x: float = 0, y: float = 0, direction: str | None = None) -> PDFTextObject:
        return GlyphCheckingTextObject(self, x, y, direction=direction)


# --- charts -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RegisteredChartFont:
    family: str
    path: str
    face_index: int


def _bundled_dejavu_sans() -> str:
    return _bundled_font("DejaVuSans.ttf")


def _register_chart_font(family: str, path: str) -> RegisteredChartFont | None:
    """Add the file to matplotlib's font list (once) and return its face of the family; None when it has none."""
    from matplotlib import font_manager

    manager = font_manager.fontManager
    if not any(entry.fname == path for entry in manager.ttflist):
        manager.addfont(path)
    for entry in manager.ttflist:
        if entry.fname == path and entry.name == family:
            return RegisteredChartFont(family, path, entry.index)
    logger.warning("The font file %s has no face of the family %s", path, family)
    return None


def chart_fonts() -> list[RegisteredChartFont]:
    """DejaVu Sans and the first installed CJK face of CHART_CJK_FONTS, registered with matplotlib by file."""
    fonts = []
    base = _register_chart_font(CHART_BASE_FAMILY, _bundled_dejavu_sans())
    if base is not None:
        fonts.append(base)
    for candidate in CHART_CJK_FONTS:
        installed = locate(candidate.file)
        if installed is None:
            continue
        registered = _register_chart_font(candidate.family, installed.path)
        if registered is not None:
            fonts.append(registered)
            break
    return fonts


def chart_families() -> list[str]:
    """The chart families, registered: DejaVu Sans, then the installed CJK face."""
    return [font.family for font in chart_fonts()]


def configure_matplotlib() -> list[RegisteredChartFont]:
    """Register the chart fonts and set matplotlib's family list to them (call before plotting)."""
    import matplotlib

    fonts = chart_fonts()
    families = [font.family for font in fonts]
    # Glyph-by-glyph fallback works along an explicit list of families, not through the generic "sans-serif".
    matplotlib.rcParams["font.family"] = families
    matplotlib.rcParams["font.sans-serif"] = families
    # Keep the ASCII hyphen for minus signs: some CJK faces lack U+2212.
    matplotlib.rcParams["axes.unicode_minus"] = False
    return fonts


@functools.cache
def _chart_cmap(path: str, face_index: int) -> frozenset[int]:
    from matplotlib import ft2font

    return frozenset(ft2font.FT2Font(path, face_index=face_index).get_charmap())


def _chart_font_error(characters: str, fonts: list[RegisteredChartFont]) -> MissingFontError:
    families = ", ".join(font.family for font in fonts) or "none"
    cjk_installed = any(font.family != CHART_BASE_FAMILY for font in fonts)
    if cjk_installed:
        hint = (
            "Correct the text, or install a font that has them and add it to CHART_CJK_FONTS (core/fonts.py)."
        )
    else:
        hint = "No CJK font is installed for charts. " + _install_hint(
            [CHART_CJK_FONTS[0].file.package, CHART_CJK_FONTS[1].file.package]
        )
    return MissingFontError(
        f"The chart fonts ({families}) have no glyph for {describe_characters(characters)}. {hint}",
        characters=characters,
        fonts_installed=cjk_installed,
    )


def chart_text(value: str) -> str:
    """The text with tabs, carriage returns and other control characters as spaces: matplotlib would draw them as
    glyphs, which no font has (line breaks stay). Chart labels from data go through this."""
    return "".join(" " if char != "\n" and unicodedata.category(char) == "Cc" else char for char in value)


def require_chart_glyphs(figure: "Figure", fonts: list[RegisteredChartFont]) -> None:
    """MissingFontError unless the fonts together have a glyph for every character of the figure's texts."""
    from matplotlib.text import Text

    covered: set[int] = set()
    for font in fonts:
        covered |= _chart_cmap(font.path, font.face_index)
    missing = {
        char
        for text in figure.findobj(Text)
        for char in text.get_text()
        if char != "\n" and ord(char) not in covered
    }
    if missing:
        raise _chart_font_error("".join(sorted(missing)), fonts)


@contextlib.contextmanager
def checked_chart_rendering(figure: "Figure") -> Iterator[None]:
    """Render the figure inside: its text is checked against the chart fonts first, and matplotlib's "Glyph …
    missing from font(s)" warning (text drawn after the check, such as tick labels) becomes MissingFontError.

    The warning filter is installed process-wide (not with `warnings.catch_warnings`, which is not thread-safe):
    a chart is never to be drawn with boxes, whichever thread draws it.
    """
    fonts = configure_matplotlib()
    require_chart_glyphs(figure, fonts)
    warnings.filterwarnings("error", message=MISSING_GLYPH_WARNING, category=UserWarning)
    try:
        yield
    except UserWarning as warning:
        match = _MISSING_GLYPH.match(str(warning))
        if match is None:
            raise
        raise _chart_font_error(chr(int(match.group(1))), fonts) from warning
