"""Names in the reader's script as HTML: the one place that marks a transliteration (see core/scripts.py)."""

from django.utils.html import escape, format_html
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from investbridge.core import scripts
from investbridge.core.scripts import ReaderName


def _system_name(system: str) -> str:
    return {
        scripts.SYSTEM_PALLADIUS: pgettext("transliteration", "the Palladius system"),
        scripts.SYSTEM_PINYIN: pgettext("transliteration", "Hanyu Pinyin"),
        scripts.SYSTEM_ICAO: pgettext("transliteration", "ICAO Doc 9303"),
    }.get(system, system)


def render_reader_name(name: ReaderName) -> str:
    """A name as HTML: its `lang`; a transliteration marked (class, title naming the system, `data-transliterated`)
    and followed by the original in its own script: "Wang Xiaoming (王小明)"."""
    if not name.text:
        return ""
    if not name.transliterated:
        return (
            format_html('<span lang="{}">{}</span>', name.lang, name.text) if name.lang else escape(name.text)
        )
    title = _("Transliterated with %(system)s: no name is stored in this language.") % {
        "system": _system_name(name.system)
    }
    return format_html(
        '<span class="transliterated" lang="{}" title="{}" data-transliterated="{}">{}</span>'
        ' <span class="original" lang="{}">({})</span>',
        name.lang,
        title,
        name.system,
        name.text,
        name.original_lang,
        name.original,
    )
