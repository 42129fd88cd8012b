"""Spoken languages a participant or interpreter can name (ISO 639-1 codes), with names from Babel (CLDR)."""

from investbridge.core.i18n import language_name

#: The languages offered in forms: those of the office's partners first.
LANGUAGE_CODES = (
    "ru",
    "zh",
    "en",
    "kk",
    "uz",
    "be",
    "ky",
    "tg",
    "hy",
    "az",
    "mn",
    "de",
    "fr",
    "es",
    "ar",
    "ja",
    "ko",
)


def language_choices() -> list[tuple[str, str]]:
    """(code, name in the current language) for every offered language."""
    return [(code, language_name(code)) for code in LANGUAGE_CODES]


def language_names(codes: list[str]) -> str:
    return ", ".join(language_name(code) for code in codes)
