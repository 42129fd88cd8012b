"""The name of an organization or a person for a reader: the stored one in the reader's language, else a marked
transliteration (core/scripts.py). Other domains reach these through `directory.selectors`; the services store the
sort keys computed here.
"""

from typing import Any

from django.utils import translation

from investbridge.core import scripts

#: The content languages and their field suffixes (name_ru, name_zh_hans, name_en).
SUFFIXES = {"ru": "ru", "zh-hans": "zh_hans", "en": "en"}
#: Countries whose organizations are named first in Chinese or in Russian (the name transliterated for others).
_CHINESE_COUNTRIES = frozenset({"CN", "HK", "MO", "TW", "SG"})
_CYRILLIC_COUNTRIES = frozenset({"RU", "BY", "KZ", "KG", "TJ", "UA", "UZ", "MN", "RS", "BG", "MK"})


def reader_language(language: str | None = None) -> str:
    """`language`, or the active one, as a content language code (ru, zh-hans, en)."""
    code = (language or translation.get_language() or "en").lower()
    return code if code in SUFFIXES else "en"


def _stored(instance: Any) -> dict[str, str]:
    return {code: (getattr(instance, f"name_{suffix}", "") or "") for code, suffix in SUFFIXES.items()}


def organization_original(organization: Any) -> str:
    """The name to transliterate: the Chinese one of a Chinese organization, the Russian one of a Russian one."""
    stored = _stored(organization)
    country = (getattr(organization, "country", "") or "").upper()
    first = "zh-hans" if country in _CHINESE_COUNTRIES else "ru" if country in _CYRILLIC_COUNTRIES else "en"
    return stored[first] or ""


def organization_reader_name(organization: Any, language: str | None = None) -> scripts.ReaderName:
    return scripts.reader_name(
        stored=_stored(organization),
        original=organization_original(organization),
        language=reader_language(language),
    )


def person_stored_names(person: Any) -> dict[str, str]:
    """The person's stored names per language; the name in Latin letters stands for the English one."""
    stored = _stored(person)
    stored["en"] = stored["en"] or (getattr(person, "name_latin", "") or "")
    return stored


def person_reader_name(person: Any, language: str | None = None) -> scripts.ReaderName:
    return scripts.reader_name(
        stored=person_stored_names(person),
        original=getattr(person, "full_name", "") or "",
        language=reader_language(language),
        person=True,
    )


def written_person_name(
    full_name: str, name_latin: str = "", language: str | None = None
) -> scripts.ReaderName:
    """A person's name typed somewhere (a registration, a user account) that is not a directory record."""
    return scripts.reader_name(
        stored={"en": name_latin or ""},
        original=full_name or "",
        language=reader_language(language),
        person=True,
    )


def written_organization_name(name: str, language: str | None = None) -> scripts.ReaderName:
    return scripts.reader_name(stored={}, original=name or "", language=reader_language(language))


def organization_sort_keys(organization: Any) -> dict[str, str]:
    """{"name_sort_ru": …, "name_sort_zh_hans": …, "name_sort_en": …}: the key of the name each reader sees."""
    return {
        f"name_sort_{suffix}": scripts.sort_key(
            organization_reader_name(organization, code).text, language=code
        )
        for code, suffix in SUFFIXES.items()
    }


def person_sort_keys(person: Any) -> dict[str, str]:
    return {
        f"name_sort_{suffix}": scripts.sort_key(
            person_reader_name(person, code).text, language=code, person=True
        )
        for code, suffix in SUFFIXES.items()
    }


def sort_field(language: str | None = None) -> str:
    """The sort-key column for the reader's language, e.g. "name_sort_zh_hans"."""
    return f"name_sort_{SUFFIXES[reader_language(language)]}"
