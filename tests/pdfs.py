"""What a reader of a PDF sees: its text, and whether every font can draw it.

`font_problems(pdf)` lists, for every font that shows text on the pages (for a Type0 font, its descendant font):

- a font whose program is not embedded (its descriptor has no FontFile, FontFile2 or FontFile3): the reader's
  viewer substitutes a font of its own, which may have no Chinese or Cyrillic glyphs at all;
- a code shown with the font that leads to no glyph, or to glyph 0 (.notdef), of its embedded TrueType program:
  the viewer draws an empty box (reportlab shows a character its font lacks as code 0, .notdef);
- and a text extraction holding U+FFFD or U+0000, what a reader copying the text would get for such boxes.

Used by the attendance-report journey (tests/e2e) and tested on PDFs built to fail (tests/test_pdfs.py).
"""

import io
import re
from dataclasses import dataclass

from fontTools.ttLib import TTFont
from pypdf import PdfReader
from pypdf.generic import ContentStream, DictionaryObject, IndirectObject

FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")


@dataclass(frozen=True)
class PdfFont:
    """One font of the PDF: its name without the subset prefix, whether its program is embedded, and the
    characters it declares (ToUnicode) that it has no glyph for."""

    name: str
    embedded: bool
    missing: str


def _resolve(value):
    return value.get_object() if isinstance(value, IndirectObject) else value


def _hex_text(value: str) -> str:
    data = bytes.fromhex(value)
    return data.decode("utf-16-be")


def to_unicode(font: DictionaryObject) -> dict[int, str]:
    """The font's ToUnicode CMap as {code: text} (bfchar and bfrange entries)."""
    stream = _resolve(font.get("/ToUnicode"))
    if stream is None:
        return {}
    cmap = stream.get_data().decode("latin-1")
    result: dict[int, str] = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code, text in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            result[int(code, 16)] = _hex_text(text)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
        for low, high, target in re.findall(
            r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(\[[^\]]*\]|<[0-9A-Fa-f]+>)", block
        ):
            first, last = int(low, 16), int(high, 16)
            if target.startswith("["):
                for offset, text in enumerate(re.findall(r"<([0-9A-Fa-f]+)>", target)):
                    result[first + offset] = _hex_text(text)
            else:
                start = int(target[1:-1], 16)
                for offset in range(last - first + 1):
                    result[first + offset] = chr(start + offset)
    return result


def _descriptor(font: DictionaryObject) -> DictionaryObject | None:
    descriptor = _resolve(font.get("/FontDescriptor"))
    return descriptor if isinstance(descriptor, DictionaryObject) else None


def _truetype(descriptor: DictionaryObject | None) -> TTFont | None:
    if descriptor is None or "/FontFile2" not in descriptor:
        return None
    return TTFont(io.BytesIO(_resolve(descriptor["/FontFile2"]).get_data()), lazy=True)


def _simple_glyph(program: TTFont, code: int) -> bool:
    """A simple TrueType font draws a code with the glyph its (1,0) or (3,0)/(3,1) cmap gives it."""
    for table in program["cmap"].tables:
        name = table.cmap.get(code)
        if name is None and table.platformID == 3 and table.platEncID == 0:
            name = table.cmap.get(0xF000 + code)
        if name is not None:
            return name != ".notdef" and program.getGlyphID(name) != 0
    return False


def _cid_glyph(program: TTFont, descendant: DictionaryObject, code: int) -> bool:
    """A Type0 font with a CIDFontType2 descendant: the code is the CID (Identity-H), mapped to a glyph id by
    CIDToGIDMap (Identity or a stream of big-endian pairs); glyph 0 is .notdef."""
    mapping = _resolve(descendant.get("/CIDToGIDMap", "/Identity"))
    if isinstance(mapping, str):
        gid = code
    else:
        data = mapping.get_data()
        gid = int.from_bytes(data[2 * code : 2 * code + 2], "big") if 2 * code + 2 <= len(data) else 0
    return 0 < gid < len(program.getGlyphOrder())


def _codes(font: DictionaryObject, data: bytes) -> list[int]:
    """The character codes of a string shown with the font: two bytes each for a Type0 font (Identity-H, the
    encoding of embedded CID TrueType fonts), one byte each otherwise."""
    if font.get("/Subtype") == "/Type0":
        return [int.from_bytes(data[i : i + 2], "big") for i in range(0, len(data) - 1, 2)]
    return list(data)


def describe(font: DictionaryObject, used: set[int]) -> PdfFont:
    """The font, and which of the codes the pages show with it have no glyph in its embedded program."""
    name = str(font.get("/BaseFont", "")).lstrip("/").split("+")[-1]
    subtype = font.get("/Subtype")
    if subtype == "/Type3":  # glyphs are drawn by the PDF's own procedures
        return PdfFont(name, True, "")
    if subtype == "/Type0":
        (descendant,) = [_resolve(item) for item in _resolve(font["/DescendantFonts"])]
        descriptor = _descriptor(descendant)
    else:
        descendant = None
        descriptor = _descriptor(font)
    embedded = descriptor is not None and any(key in descriptor for key in FONT_FILES)
    program = _truetype(descriptor)
    missing = []
    if program is not None:
        texts = to_unicode(font)
        for code in sorted(used):
            has_glyph = (
                _cid_glyph(program, descendant, code)
                if descendant is not None
                else _simple_glyph(program, code)
            )
            if not has_glyph:
                text = texts.get(code, "")
                missing.append(text if text.isprintable() and text else f"<{code:02X}>")
    return PdfFont(name, embedded, "".join(missing))


def _shown_strings(page, reader) -> list[tuple[str, bytes]]:
    """(font resource name, bytes) of every string the page's content stream shows (Tj, TJ, ' and ")."""
    contents = page.get_contents()
    if contents is None:
        return []
    shown = []
    font = ""
    for operands, operator in ContentStream(contents, reader).operations:
        if operator == b"Tf":
            font = str(operands[0])
        elif operator in (b"Tj", b"'"):
            shown.append((font, bytes(operands[0].original_bytes)))
        elif operator == b'"':
            shown.append((font, bytes(operands[2].original_bytes)))
        elif operator == b"TJ":
            for item in operands[0]:
                if hasattr(item, "original_bytes"):
                    shown.append((font, bytes(item.original_bytes)))
    return shown


def pdf_fonts(pdf: bytes) -> list[PdfFont]:
    """Every font that shows text on the PDF's pages, once each, with the codes it shows checked."""
    reader = PdfReader(io.BytesIO(pdf))
    fonts: dict[int, DictionaryObject] = {}
    used: dict[int, set[int]] = {}
    for page in reader.pages:
        resources = _resolve(page.get("/Resources")) or DictionaryObject()
        by_name = _resolve(resources.get("/Font", DictionaryObject()))
        for name, data in _shown_strings(page, reader):
            if name not in by_name:
                raise AssertionError(f"the page shows text with the unknown font {name}")
            reference = by_name[name]
            key = reference.idnum if isinstance(reference, IndirectObject) else id(reference)
            fonts[key] = _resolve(reference)
            used.setdefault(key, set()).update(_codes(fonts[key], data))
    return [describe(font, used[key]) for key, font in fonts.items()]


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def font_problems(pdf: bytes) -> list[str]:
    """Every reason the PDF may show boxes or another font than intended; empty when every font is embedded,
    every declared character has a glyph and the extracted text has no replacement character."""
    problems = []
    for font in pdf_fonts(pdf):
        if not font.embedded:
            problems.append(f"{font.name}: not embedded")
        if font.missing:
            problems.append(f"{font.name}: no glyph for {font.missing}")
    text = pdf_text(pdf)
    for char, what in (
        ("\ufffd", "U+FFFD (a character that could not be read)"),
        ("\x00", "U+0000 (.notdef)"),
    ):
        if char in text:
            problems.append(f"the text holds {what}")
    return problems
