"""User text in generated PDFs (reportlab): always as literal text, never as markup; long words wrap.

A reportlab `Paragraph` reads its text as markup (`<img src=...>`, `<a href=...>`, `<font size=...>`), so a name
or a title put in as it is could embed a local file, add a link, or break the report (an unclosed `<b>` raises).
Every Paragraph of user-supplied text goes through this module:

- `pdf_text(value)` is the text XML-escaped (`&`, `<`, `>`), ready to be a Paragraph's text or part of one;
- `pdf_format(template, **values)` fills a (translated) template, escaping the values and not the template;
- `paragraph(text, style)` is a Paragraph of escaped text whose style splits words too long for the line
  (reportlab's `splitLongWords`), so a 5,000-letter word wraps instead of overflowing;
- `table(rows, ...)` is a Table whose rows may split across pages (`splitInRow`), so a cell taller than a page
  does not raise `LayoutError`.

Font selection lives in `core/fonts.py`; this module only handles text.
"""

from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Table


def pdf_text(value: object) -> str:
    """The value as Paragraph text that shows exactly what it says (markup characters escaped)."""
    return escape(str(value))


def pdf_format(template: str, **values: object) -> str:
    """The template (a translated message with %(name)s placeholders) with each value escaped."""
    return template % {name: pdf_text(value) for name, value in values.items()}


def _wrapping(style: ParagraphStyle) -> ParagraphStyle:
    if style.splitLongWords:
        return style
    return ParagraphStyle(f"{style.name}-split", parent=style, splitLongWords=1)


def paragraph(text: object, style: ParagraphStyle) -> Paragraph:
    """A Paragraph of user-supplied (or any plain) text: escaped, long words split at the line's end."""
    return Paragraph(pdf_text(text), _wrapping(style))


def markup_paragraph(markup: str, style: ParagraphStyle) -> Paragraph:
    """A Paragraph of markup built with `pdf_text`/`pdf_format` (already escaped), long words split."""
    return Paragraph(markup, _wrapping(style))


def table(rows: Sequence[Sequence[Flowable | str]], **options: Any) -> Table:
    """A Table whose tall rows split across pages instead of raising LayoutError."""
    options.setdefault("splitInRow", 1)
    return Table(rows, **options)
