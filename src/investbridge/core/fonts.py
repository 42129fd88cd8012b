"""Fonts for generated documents: PDFs (reportlab) and charts (matplotlib) in Russian, Chinese and English.

reportlab embeds TrueType outlines only (it cannot embed the CFF-outline OpenType of Noto Sans CJK), so PDFs use
the first TrueType font found that covers Latin, Cyrillic and CJK alike, by default WenQuanYi Zen Hei from
Debian's `fonts-wqy-zenhei` (installed by `make system-deps`). Charts use matplotlib's per-glyph fallback over
DejaVu Sans (Latin, Cyrillic) and a CJK family (Noto Sans CJK SC from `fonts-noto-cjk`, or WenQuanYi Zen Hei).

On a machine without these fonts nothing crashes: a warning is logged once and PDFs fall back to Helvetica,
which shows Latin text only.
"""

import functools
import logging
from dataclasses import dataclass
from pathlib import Path

logger = logging.getLogger(__name__)

#: The name under which the PDF font is registered with reportlab (bold: PDF_FONT_NAME + "-Bold").
PDF_FONT_NAME = "InvestBridgeSans"
#: Built-in PDF fonts used when no suitable TrueType font is installed (Latin only).
FALLBACK_PDF_FONT = "Helvetica"
FALLBACK_PDF_FONT_BOLD = "Helvetica-Bold"

#: Sample text every candidate must cover: Latin, Cyrillic and Simplified Chinese.
COVERAGE_SAMPLE = "InvestBridge Инвестиции Ёё 投资合作海口"


@dataclass(frozen=True)
class FontFile:
    path: str
    subfont_index: int = 0


#: TrueType (glyf-outline) fonts that cover Latin, Cyrillic and CJK, in order of preference: (regular, bold).
#: Debian packages: fonts-wqy-zenhei, fonts-wqy-microhei, fonts-arphic-uming. None of them ships a bold face,
#: so bold text uses the regular face.
PDF_FONT_CANDIDATES: list[tuple[FontFile, FontFile | None]] = [
    (FontFile("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"), None),
    (FontFile("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"), None),
    (FontFile("/usr/share/fonts/truetype/arphic/uming.ttc"), None),
]

#: Chart families: DejaVu Sans for Latin and Cyrillic first, then CJK families; matplotlib falls back glyph by
#: glyph along this list. Only installed families are set, so matplotlib logs no "family not found".
CHART_FAMILIES = [
    "DejaVu Sans",
    "Noto Sans CJK SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "AR PL UMing CN",
]


def _covers(font: FontFile, sample: str) -> bool:
    """True when the file holds TrueType outlines with a glyph for every character of the sample."""
    from fontTools.ttLib import TTFont

    try:
        with TTFont(font.path, fontNumber=font.subfont_index, lazy=True) as ttf:
            if "glyf" not in ttf:
                return False
            cmap = ttf.getBestCmap() or {}
    except Exception:  # a broken or unreadable file is simply not a candidate
        logger.debug("Font %s cannot be read", font.path, exc_info=True)
        return False
    return all(ord(char) in cmap for char in sample if not char.isspace())


def find_pdf_font() -> tuple[FontFile, FontFile] | None:
    """The first installed (regular, bold) TrueType pair covering Latin, Cyrillic and CJK; None when none is."""
    for regular, bold in PDF_FONT_CANDIDATES:
        if Path(regular.path).is_file() and _covers(regular, COVERAGE_SAMPLE):
            if bold is None or not Path(bold.path).is_file() or not _covers(bold, COVERAGE_SAMPLE):
                bold = regular
            return regular, bold
    return None


@functools.cache
def _register_pdf_fonts() -> tuple[str, str]:
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    found = find_pdf_font()
    if found is None:
        logger.warning(
            "No TrueType font covering Cyrillic and Chinese was found (looked for %s); PDFs use %s, which "
            "cannot show Russian or Chinese text. Install Debian's fonts-wqy-zenhei (make system-deps).",
            ", ".join(regular.path for regular, _bold in PDF_FONT_CANDIDATES),
            FALLBACK_PDF_FONT,
        )
        return FALLBACK_PDF_FONT, FALLBACK_PDF_FONT_BOLD
    regular, bold = found
    bold_name = f"{PDF_FONT_NAME}-Bold"
    pdfmetrics.registerFont(TTFont(PDF_FONT_NAME, regular.path, subfontIndex=regular.subfont_index))
    pdfmetrics.registerFont(TTFont(bold_name, bold.path, subfontIndex=bold.subfont_index))
    # <b> and <i> in Paragraph markup map onto the registered faces.
    for is_bold, is_italic, name in ((0, 0, PDF_FONT_NAME), (1, 0, bold_name), (0, 1, PDF_FONT_NAME)):
        addMapping(PDF_FONT_NAME, is_bold, is_italic, name)
    addMapping(PDF_FONT_NAME, 1, 1, bold_name)
    logger.debug("PDF font %s from %s", PDF_FONT_NAME, regular.path)
    return PDF_FONT_NAME, bold_name


def pdf_font_name(bold: bool = False) -> str:
    """The reportlab font name to use for text in any of our languages (registered on first call)."""
    regular, bold_name = _register_pdf_fonts()
    return bold_name if bold else regular


def chart_families() -> list[str]:
    """The installed families of CHART_FAMILIES, in order."""
    from matplotlib import font_manager

    installed = {entry.name for entry in font_manager.fontManager.ttflist}
    return [family for family in CHART_FAMILIES if family in installed]


def configure_matplotlib() -> None:
    """Set matplotlib's fonts so that Latin, Cyrillic and Chinese labels render (call before plotting)."""
    import matplotlib

    families = chart_families()
    if not any(family != "DejaVu Sans" for family in families):
        logger.warning(
            "No CJK font was found for charts (looked for %s); Chinese labels will show as boxes. "
            "Install Debian's fonts-noto-cjk or fonts-wqy-zenhei (make system-deps).",
            ", ".join(CHART_FAMILIES[1:]),
        )
    # Glyph-by-glyph fallback works along an explicit list of families, not through the generic "sans-serif".
    matplotlib.rcParams["font.family"] = families
    matplotlib.rcParams["font.sans-serif"] = families
    # Keep the ASCII hyphen for minus signs: some CJK faces lack U+2212.
    matplotlib.rcParams["axes.unicode_minus"] = False
