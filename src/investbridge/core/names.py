"""Names of people and organizations as typed: one normalizer for the whole platform.

`normalize_display_name` turns what someone typed into the name we store and show:

- Unicode NFC (a letter and its combining accent become one character, as most keyboards type it);
- format characters (Unicode category Cf: zero-width space U+200B, the directional marks and embeddings
  U+200E/F, U+202A-U+202E, U+2066-U+2069, the byte order mark U+FEFF, soft hyphen...) and control characters
  (Cc) are removed: they are invisible, so two names that look the same would differ, and the directional ones
  can make a name display as something else;
- except ZERO WIDTH NON-JOINER (U+200C) and ZERO WIDTH JOINER (U+200D) *between two letters*: there they are
  part of correct spelling (Persian and Indic names, e.g. "می‌خواهم") and change how the word is drawn; anywhere
  else they are dropped;
- any run of white space (including the ideographic space U+3000 and line breaks) becomes one space, and the
  ends are trimmed.

A name that is empty after this (only invisible characters) is refused by `NameField` with a translated message.
Forms use `NameField`, the API `api.fields.NameField`, and the directory's services call the normalizer too, so
every way in stores the same text.
"""

import unicodedata
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_JOINERS = {"\u200c", "\u200d"}


def _is_letter(character: str) -> bool:
    return unicodedata.category(character)[0] in {"L", "M"}


def normalize_display_name(value: str | None) -> str:
    """The name as it is stored and shown (see the module's docstring); "" when nothing visible is left."""
    text = unicodedata.normalize("NFC", value or "")
    kept: list[str] = []
    for index, character in enumerate(text):
        category = unicodedata.category(character)
        if category == "Cc":
            kept.append(" ")  # a tab or line break separates words
            continue
        if category == "Cf":
            between_letters = (
                character in _JOINERS
                and kept
                and _is_letter(kept[-1])
                and index + 1 < len(text)
                and _is_letter(text[index + 1])
            )
            if not between_letters:
                continue
        kept.append(character)
    return " ".join("".join(kept).split())


INVISIBLE_NAME = _("The name contains no visible characters. Enter it in letters.")


class NameField(forms.CharField):
    """A form field for a person's or an organization's name, normalized by `normalize_display_name`."""

    default_error_messages = {"invisible": INVISIBLE_NAME}

    def to_python(self, value: Any) -> str:
        text = super().to_python(value)
        normalized = normalize_display_name(text)
        if text and not normalized:
            raise ValidationError(self.error_messages["invisible"], code="invisible")
        return normalized
