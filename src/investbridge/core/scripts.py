"""Names in the reader's script: which stored name a reader gets, transliterations and sort keys.

Pure (no Django): the directory, the events and matchmaking pages, exports, mails and the API all decide a name
through `reader_name`, and the directory's services store `sort_key` of each language's name. See docs/i18n.md,
"Names in the reader's script".

- Cyrillic to Latin: ICAO Doc 9303 (iuliia's `ICAO_DOC_9303`), the transliteration printed in Russian passports
  since 2014 (Щукин -> Shchukin, Юлия -> Iuliia, Ёлкин -> Elkin), so a Chinese officer reads the name the visitor's
  passport, visa invitation and tickets carry.
- Chinese to Latin: Hanyu Pinyin without tone marks (pypinyin), a person's surname first and read as a surname
  (单 Shan, 曾 Zeng, compound surnames 欧阳 Ouyang, 司马 Sima), the given name as one word ("Wang Xiaoming").
- Chinese to Cyrillic: the Palladius system (pypinyin's `CYRILLIC` style, the Russian table of pinyin), as Russian
  texts write Chinese names ("Ван Сяомин").
"""

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

import iuliia
from pypinyin import Style, lazy_pinyin
from pypinyin.seg.mmseg import seg
from pypinyin.style import convert

LATIN = "latin"
CYRILLIC = "cyrillic"
HAN = "han"

#: The script each reader language is written in.
READER_SCRIPT = {"ru": CYRILLIC, "zh-hans": HAN, "en": LATIN}
#: The BCP 47 tag of a text in a script, for `lang` attributes ("zh-Latn-pinyin" marks pinyin as such).
SCRIPT_LANG = {CYRILLIC: "ru", HAN: "zh-Hans", LATIN: "en"}

#: The transliteration systems, named in markers and exports.
SYSTEM_ICAO = "ICAO Doc 9303"
SYSTEM_PINYIN = "Hanyu Pinyin"
SYSTEM_PALLADIUS = "Palladius"

#: Surnames of two characters, read before the given name (欧阳修: Ouyang Xiu, not Ou Yangxiu).
COMPOUND_SURNAMES = frozenset(
    [
        "欧阳",
        "司马",
        "诸葛",
        "上官",
        "东方",
        "皇甫",
        "尉迟",
        "公孙",
        "令狐",
        "慕容",
        "宇文",
        "长孙",
        "夏侯",
        "西门",
        "独孤",
        "南宫",
        "司徒",
        "司空",
        "端木",
        "澹台",
        "万俟",
        "轩辕",
        "呼延",
        "闻人",
        "赫连",
        "申屠",
        "太史",
        "钟离",
        "宗政",
        "濮阳",
        "公冶",
        "百里",
        "东郭",
        "第五",
        "拓跋",
        "鲜于",
        "左丘",
        "谷梁",
        "亓官",
    ]
)
#: Surnames read otherwise than the character's most common reading (pinyin with tone number, ü as written).
SURNAME_READINGS = {
    "单": "shan4", "曾": "zeng1", "仇": "qiu2", "区": "ou1", "查": "zha1", "解": "xie4", "朴": "piao2",
    "盖": "ge3", "乐": "yue4", "覃": "qin2", "翟": "zhai2", "缪": "miao4", "种": "chong2", "秘": "bi4",
    "召": "shao4", "员": "yun4", "任": "ren2", "华": "hua4", "柏": "bai3", "薄": "bo2", "沈": "shen3",
    "燕": "yan1", "车": "che1", "宿": "su4", "折": "she2", "纪": "ji3", "尉迟": "yu4 chi2", "万俟": "mo4 qi2",
    "长孙": "zhang3 sun1", "澹台": "tan2 tai2", "令狐": "ling2 hu2", "鲜于": "xian1 yu2", "重": "chong2",
    "繁": "po2", "隗": "wei3", "阚": "kan4", "句": "gou1", "过": "guo1", "应": "ying1", "曲": "qu1",
}  # fmt: skip

_TONE = re.compile(r"([a-zü]+)([1-5]?)$")
_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]+")
_RUSSIAN_ALPHABET = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
_BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz"
#: Longest stored sort key; a longer name is ordered by its beginning.
SORT_KEY_LENGTH = 200


def _char_script(char: str) -> str:
    if _HAN_RUN.fullmatch(char):
        return HAN
    name = unicodedata.name(char, "")
    if name.startswith("CYRILLIC"):
        return CYRILLIC
    if name.startswith("LATIN"):
        return LATIN
    return "other"


def script_of(text: str) -> str:
    """The script most letters of `text` are in: "latin", "cyrillic", "han", "other", or "" (no letters)."""
    counts: dict[str, int] = {}
    for char in text or "":
        if char.isalpha():
            script = _char_script(char)
            counts[script] = counts.get(script, 0) + 1
    return max(counts, key=lambda key: counts[key]) if counts else ""


# --- transliteration ---------------------------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def cyrillic_to_latin(text: str) -> str:
    """ICAO Doc 9303: "Щукин Юлия Ёлкина" -> "Shchukin Iuliia Elkina" (Latin and other letters kept)."""
    return str(iuliia.ICAO_DOC_9303.translate(text))


def _syllables(han: str) -> list[tuple[str, int]]:
    """[(syllable without tone, tone 1-5)] of a run of Chinese characters ("lü" keeps its ü)."""
    result = []
    for reading in lazy_pinyin(han, style=Style.TONE3, v_to_u=True, neutral_tone_with_five=True):
        match = _TONE.match(reading)
        if match:
            result.append((match.group(1), int(match.group(2) or 5)))
    return result


def _surname_syllables(han: str) -> tuple[list[tuple[str, int]], str]:
    """The syllables of the surname that begins a Chinese personal name, and the rest of the name."""
    length = 2 if han[:2] in COMPOUND_SURNAMES and len(han) > 2 else 1
    surname, rest = han[:length], han[length:]
    reading = SURNAME_READINGS.get(surname)
    if reading is None:
        return _syllables(surname), rest
    parsed = []
    for part in reading.split():
        match = _TONE.match(part)
        if match:
            parsed.append((match.group(1), int(match.group(2) or 5)))
    return parsed, rest


def _join_pinyin(syllables: Iterable[tuple[str, int]]) -> str:
    """One word of pinyin: an apostrophe before a syllable that starts with a, o or e (Xi'an), capitalised."""
    word = ""
    for syllable, _tone in syllables:
        if word and syllable[:1] in "aoe":
            word += "'"
        word += syllable
    return word[:1].upper() + word[1:]


def _palladius(syllable: str, tone: int) -> str:
    return str(convert(f"{syllable}{tone}", Style.CYRILLIC, True)).rstrip("012345")


def _join_palladius(syllables: Iterable[tuple[str, int]]) -> str:
    word = "".join(_palladius(syllable, tone) for syllable, tone in syllables)
    return word[:1].upper() + word[1:]


def _words(han: str, *, person: bool) -> list[list[tuple[str, int]]]:
    """The words of a run of Chinese characters, each as its syllables: a person's surname and given name; an
    organization's words as segmented by pypinyin (four-character words split in two: 有限公司 Youxian Gongsi)."""
    if person:
        surname, given = _surname_syllables(han)
        return [surname, *([_syllables(given)] if given else [])]
    words: list[list[tuple[str, int]]] = []
    for word in seg.cut(han):
        parts = [word[:2], word[2:]] if len(word) == 4 else [word]
        words.extend(_syllables(part) for part in parts)
    return [word for word in words if word]


def _transliterate_han(text: str, *, person: bool, joiner: Callable[[list[tuple[str, int]]], str]) -> str:
    def replace(match: re.Match[str]) -> str:
        return " ".join(joiner(word) for word in _words(match.group(0), person=person))

    # Spaces between Chinese characters carry no meaning ("李 伟" is 李伟); elsewhere they separate words.
    compact = re.sub(r"(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])", "", text)
    spaced = _HAN_RUN.sub(lambda match: f" {replace(match)} ", compact)
    return " ".join(spaced.split())


@lru_cache(maxsize=4096)
def han_to_pinyin(text: str, *, person: bool = False) -> str:
    """Pinyin without tones: 王小明 -> "Wang Xiaoming" (person), 海南椰岛食品有限公司 -> "Hainan Ye Dao Shipin
    Youxian Gongsi"; letters of other scripts are kept."""
    return _transliterate_han(text, person=person, joiner=_join_pinyin)


@lru_cache(maxsize=4096)
def han_to_palladius(text: str, *, person: bool = False) -> str:
    """Palladius Cyrillic: 王小明 -> "Ван Сяомин" (person), 吕布 -> "Люй Бу"."""
    return _transliterate_han(text, person=person, joiner=_join_palladius)


def transliterate(text: str, *, language: str, person: bool) -> tuple[str, str] | None:
    """(`text` in the reader language's script, the system used), or None when no system fits: Chinese for a
    Russian reader in Palladius, Chinese for others in pinyin, Cyrillic for a Chinese or English reader in ICAO."""
    source = script_of(text)
    target = READER_SCRIPT.get(language, LATIN)
    if source == HAN and target == CYRILLIC:
        return han_to_palladius(text, person=person), SYSTEM_PALLADIUS
    if source == HAN:
        return han_to_pinyin(text, person=person), SYSTEM_PINYIN
    if source == CYRILLIC and target != CYRILLIC:
        return cyrillic_to_latin(text), SYSTEM_ICAO
    return None


# --- choosing the name a reader sees -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ReaderName:
    """The name a reader of `language` sees, and how it was obtained.

    `text` is stored or transliterated (`transliterated`, with `system`); `original` is the name in its own script
    whenever `text` is a transliteration of it, so pages can show both: "Wang Xiaoming (王小明)".
    """

    text: str
    lang: str
    transliterated: bool = False
    system: str = ""
    original: str = ""
    original_lang: str = ""

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """Plain text for places without markup (exports, mail subjects): "Wang Xiaoming (王小明)"."""
        return f"{self.text} ({self.original})" if self.original else self.text


def _readable(text: str, language: str) -> bool:
    script = script_of(text)
    return script in ("", "other", READER_SCRIPT.get(language, LATIN))


def reader_name(
    *, stored: Mapping[str, str], original: str = "", language: str, person: bool = False
) -> ReaderName:
    """The name for a reader of `language` ("ru", "zh-hans", "en").

    `stored` holds the names kept per language ({"ru": …, "zh-hans": …, "en": …}; a missing or empty one is not
    stored); `original` is the name as written (a person's), or "" to take the first stored one. In order:
    the stored name in the reader's language; a stored or written name already in the reader's script; for a
    Chinese reader a stored Latin name; else the original transliterated, marked as such; else the original.
    """
    names = {code: " ".join((value or "").split()) for code, value in stored.items()}
    original = " ".join((original or "").split())
    own = names.get(language, "")
    if own:
        return ReaderName(own, SCRIPT_LANG.get(script_of(own), _lang(language)))
    candidates = [name for name in (original, *names.values()) if name]
    if not candidates:
        return ReaderName("", _lang(language))
    for name in candidates:
        if _readable(name, language):
            return ReaderName(name, SCRIPT_LANG.get(script_of(name), _lang(language)))
    if language == "zh-hans":
        for name in candidates:
            if script_of(name) == LATIN:
                return ReaderName(name, "en")
    source = original or _original_of(names)
    converted = transliterate(source, language=language, person=person)
    if converted is None or not converted[0]:
        return ReaderName(source, SCRIPT_LANG.get(script_of(source), ""))
    text, system = converted
    source_lang = SCRIPT_LANG.get(script_of(source), "")
    lang = {SYSTEM_PALLADIUS: "zh-Cyrl", SYSTEM_PINYIN: "zh-Latn-pinyin", SYSTEM_ICAO: "ru-Latn"}[system]
    return ReaderName(text, lang, True, system, source, source_lang)


def _lang(language: str) -> str:
    return {"zh-hans": "zh-Hans"}.get(language, language)


def _original_of(names: Mapping[str, str]) -> str:
    """The stored name to transliterate when no name as written is given: Chinese, then Russian, then any."""
    for code in ("zh-hans", "ru", "en"):
        if names.get(code):
            return names[code]
    return next((value for value in names.values() if value), "")


# --- sort keys -------------------------------------------------------------------------------------------------


def _unit(prefix: str, value: int) -> str:
    return prefix + _BASE36[value]


@lru_cache(maxsize=4096)
def sort_key(text: str, *, language: str, person: bool = False) -> str:
    """A key that orders names as a reader of `language` expects, made of the characters 0-9 and a-z only, so
    that it sorts alike under every database collation (SQLite, PostgreSQL with C, glibc or ICU collations).

    Each character becomes two: separators and tones first, then digits; for Russian readers Cyrillic letters
    (ё with е) before Latin ones, for the others Latin before Cyrillic; Chinese characters become their pinyin
    syllable followed by the tone (王 sorts as wang, tone 2; ü after u: lü after lu), a person's surname read as a
    surname (曾 zeng).
    """
    cyrillic_prefix, latin_prefix = ("2", "3") if language == "ru" else ("3", "2")
    units: list[str] = []
    separator = True
    text = unicodedata.normalize("NFC", text or "").casefold()
    position = 0
    while position < len(text):
        han = _HAN_RUN.match(text, position)
        if han:
            for word in _words(han.group(0), person=person):
                for syllable, tone in word:
                    units.extend(_latin_units(syllable, latin_prefix))
                    units.append(_unit("0", tone))
            separator = False
            position = han.end()
            continue
        char = text[position]
        position += 1
        if char in "0123456789":
            units.append(_unit("1", int(char)))
            separator = False
        elif char.isalpha():
            script = _char_script(char)
            if script == CYRILLIC and char in _RUSSIAN_ALPHABET:
                rank = _RUSSIAN_ALPHABET.index("е" if char == "ё" else char)
                units.append(_unit(cyrillic_prefix, rank))
            elif script == LATIN:
                units.extend(_latin_units(char, latin_prefix))
            else:
                units.append("40")
            separator = False
        elif not separator:
            units.append("00")
            separator = True
    if units and units[-1] == "00":
        units.pop()
    return "".join(units)[:SORT_KEY_LENGTH]


def _latin_units(text: str, prefix: str) -> list[str]:
    """Latin letters without diacritics (ü as v, so that lü sorts after lu), each as two characters."""
    letters = unicodedata.normalize("NFKD", text.replace("ü", "v"))
    return [_unit(prefix, _BASE36.index(char)) for char in letters if "a" <= char <= "z"]
