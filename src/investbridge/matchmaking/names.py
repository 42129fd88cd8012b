"""Names of participants as a reader sees them: the one place of the matchmaking that chooses which name to show.

An organization's name is the directory organization's name stored in the reader's language (one column per
language, django-modeltranslation), else the name the participant wrote when it is in the reader's script, else a
transliteration (core/scripts.py: Palladius Cyrillic of a Chinese name for Russian readers, pinyin for the others,
ICAO Doc 9303 Latin of a Cyrillic name), followed by the original: "Хайнань Е Дао (海南椰岛)". A person's name is the
name as written when the reader reads its script, else the Latin-letter spelling the person gave, else a
transliteration with the original: "Ван Вэй (王伟)". Pages mark transliterations through `reader_name`.
"""

from typing import Any

from investbridge.core import scripts
from investbridge.core.trilingual import CONTENT_LANGUAGES


def _columns(organization: Any) -> dict[str, str]:
    if organization is None:
        return {}
    return {
        code: (getattr(organization, f"name_{suffix}", "") or "").strip()
        for code, suffix, _n in CONTENT_LANGUAGES
    }


def organization_reader_name(profile: Any, language: str) -> scripts.ReaderName:
    """The participant's organization for a reader of `language` (stored, or transliterated and marked)."""
    columns = _columns(getattr(profile.registration, "organization", None))
    written = (profile.organization_name or "").strip()
    return scripts.reader_name(stored=columns, original=written, language=language)


def person_reader_name(profile: Any, language: str) -> scripts.ReaderName:
    """The participant's contact person for a reader of `language`."""
    registration = profile.registration
    return scripts.reader_name(
        stored={"en": registration.name_latin or ""},
        original=(registration.full_name or "").strip(),
        language=language,
        person=True,
    )


def written_person_name(name: str, language: str) -> scripts.ReaderName:
    """A person's name typed by the office (an interpreter's) for a reader of `language`."""
    return scripts.reader_name(stored={}, original=(name or "").strip(), language=language, person=True)


def organization_name(profile: Any, language: str) -> str:
    """As plain text (mails, calendar files, exports): "Хайнань Е Дао (海南椰岛)"."""
    return organization_reader_name(profile, language).label


def person_name(profile: Any, language: str) -> str:
    return person_reader_name(profile, language).label
