"""Names of participants as a reader sees them: the one place that chooses which name to show.

An organization's name comes from the directory's organization of the registration (one column per language,
django-modeltranslation) when the reader's language is filled there; otherwise from the name the participant
wrote, followed by a Latin-letter name when there is one and the name shown is in another script
("海南椰岛食品有限公司 (Hainan Coconut Island Food)"). A person's name is the name as written, followed by its
Latin-letter spelling when the reader's language is written in another script ("李伟 (Li Wei)").
A later transliteration step can plug in here without touching pages or e-mails.
"""

import unicodedata
from collections.abc import Iterable
from typing import Any

from investbridge.core.trilingual import CONTENT_LANGUAGES

#: Script of each interface language: a name in this script needs no Latin spelling for the reader.
READER_SCRIPT = {"ru": "cyrillic", "zh-hans": "cjk", "en": "latin"}


def script_of(text: str) -> str:
    """The script most letters of `text` are in: "latin", "cyrillic", "cjk" or "" (no letters)."""
    counts: dict[str, int] = {}
    for char in text:
        if not char.isalpha():
            continue
        name = unicodedata.name(char, "")
        if name.startswith("CJK") or "IDEOGRAPH" in name:
            script = "cjk"
        elif name.startswith("CYRILLIC"):
            script = "cyrillic"
        elif name.startswith("LATIN"):
            script = "latin"
        else:
            script = "other"
        counts[script] = counts.get(script, 0) + 1
    return max(counts, key=lambda key: counts[key]) if counts else ""


def _with_latin(name: str, latin_candidates: Iterable[str], language: str) -> str:
    if not name or script_of(name) in ("latin", READER_SCRIPT.get(language, "latin")):
        return name
    for candidate in latin_candidates:
        candidate = candidate.strip()
        if candidate and candidate != name and script_of(candidate) == "latin":
            return f"{name} ({candidate})"
    return name


def _columns(organization: Any) -> dict[str, str]:
    if organization is None:
        return {}
    return {
        code: (getattr(organization, f"name_{suffix}", "") or "").strip()
        for code, suffix, _n in CONTENT_LANGUAGES
    }


def organization_name(profile: Any, language: str) -> str:
    """The participant's organization in the reader's language, with fallback and a Latin name."""
    columns = _columns(getattr(profile.registration, "organization", None))
    if columns.get(language):
        return columns[language]
    written = (profile.organization_name or "").strip()
    if written and script_of(written) == READER_SCRIPT.get(language):
        return written
    fallback = written or next((value for value in columns.values() if value), "")
    return _with_latin(fallback, [columns.get("en", ""), *columns.values()], language)


def person_name(profile: Any, language: str) -> str:
    """The participant's contact person as the reader can read it: as written, plus the Latin spelling."""
    registration = profile.registration
    return _with_latin((registration.full_name or "").strip(), [registration.name_latin or ""], language)
