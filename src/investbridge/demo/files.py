"""The demo's data files: YAML read with PyYAML, every value checked on the way in.

An error names the file and the entry (`events.yaml: events[0] «haikou-moscow-2020» > registrations[12]: ...`), both
for a badly formed file and for a value a service refuses while the entry is loaded (`Entry.loading`).
"""

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.utils import timezone

#: A text in three languages is a mapping with these keys (the interface's language codes).
LANGUAGES = ("ru", "zh-hans", "en")
#: The suffix of each language's column (title_ru, title_zh_hans, title_en).
SUFFIXES = {"ru": "ru", "zh-hans": "zh_hans", "en": "en"}
#: A date relative to the day of loading: "today", "today+30", "today-20" (days).
RELATIVE_DATE = re.compile(r"^today(?:([+-])(\d+))?$")
#: A time on such a day, with its offset: "today+21 15:00+08:00".
RELATIVE_DATETIME = re.compile(r"^(today(?:[+-]\d+)?) (\d\d:\d\d(?::\d\d)?[+-]\d\d:\d\d)$")
_MISSING = object()


class DemoDataError(Exception):
    """Bad demo data: the message names the file and the entry."""


class Entry:
    """One mapping of a data file. Each getter checks its value's type; `finish()` refuses keys nobody read."""

    def __init__(self, file: str, label: str, data: Any) -> None:
        self.file, self.label = file, label
        if not isinstance(data, dict):
            raise self.error(f"expected a mapping of keys to values, found {type(data).__name__}")
        self.data: dict[str, Any] = data
        self.seen: set[str] = set()

    def error(self, message: str) -> DemoDataError:
        return DemoDataError(f"{self.file}: {self.label}: {message}")

    def get(self, key: str, default: Any = _MISSING) -> Any:
        self.seen.add(key)
        if key in self.data and self.data[key] is not None:
            return self.data[key]
        if default is _MISSING:
            raise self.error(f"'{key}' is missing")
        return default

    def _typed(self, key: str, kind: type | tuple[type, ...], default: Any) -> Any:
        value = self.get(key, default)
        if value is not default and (
            not isinstance(value, kind) or isinstance(value, bool) != (kind is bool)
        ):
            raise self.error(f"'{key}' should be {getattr(kind, '__name__', kind)}, not {value!r}")
        return value

    def string(self, key: str, default: Any = _MISSING) -> Any:
        return self._typed(key, str, default)

    def integer(self, key: str, default: Any = _MISSING) -> Any:
        return self._typed(key, int, default)

    def flag(self, key: str, default: bool = False) -> bool:
        return bool(self._typed(key, bool, default))

    def strings(self, key: str) -> list[str]:
        values = self.get(key, [])
        if not isinstance(values, list) or not all(isinstance(value, str) for value in values):
            raise self.error(f"'{key}' should be a list of texts, not {values!r}")
        return values

    def decimal(self, key: str, default: Any = _MISSING) -> Any:
        value = self.get(key, default)
        if value is default:
            return value
        try:
            return Decimal(str(value))
        except InvalidOperation:
            raise self.error(f"'{key}' should be a number, not {value!r}") from None

    def text(self, key: str, default: Any = _MISSING) -> Any:
        """A text in the three languages: {"ru": ..., "zh-hans": ..., "en": ...}, none empty."""
        value = self.get(key, default)
        if value is default:
            return value
        if not isinstance(value, dict) or sorted(value) != sorted(LANGUAGES):
            raise self.error(f"'{key}' should give the text in {', '.join(LANGUAGES)}, not {value!r}")
        if not all(isinstance(text, str) and text.strip() for text in value.values()):
            raise self.error(f"'{key}' has an empty translation")
        return value

    def columns(self, key: str, *, field: str | None = None) -> dict[str, str]:
        """The text of `key` as model columns: {"title_ru": ..., "title_zh_hans": ..., "title_en": ...}."""
        texts = self.text(key)
        return {f"{field or key}_{SUFFIXES[language]}": texts[language] for language in LANGUAGES}

    def date(self, key: str, default: Any = _MISSING) -> Any:
        """An ISO date, or "today", "today+N", "today-N" (N days from the day of loading)."""
        value = self.get(key, default)
        if value is default or (isinstance(value, date) and not isinstance(value, datetime)):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            pass
        match = RELATIVE_DATE.match(str(value))
        if match is None:
            raise self.error(f"'{key}' should be a date (2020-12-24, today, today+30), not {value!r}")
        sign, days = match.groups()
        return timezone.localdate() + timedelta(days=int(days or 0) * (-1 if sign == "-" else 1))

    def datetime(self, key: str, default: Any = _MISSING) -> Any:
        """A date and time with its offset (2020-12-24T15:00:00+08:00)."""
        value = self.get(key, default)
        if value is default:
            return value
        relative = RELATIVE_DATETIME.match(value) if isinstance(value, str) else None
        if relative is not None:
            day = Entry(self.file, self.label, {"day": relative[1]}).date("day")
            value = f"{day.isoformat()}T{relative[2]}"
        if isinstance(value, str):
            try:
                value = datetime.fromisoformat(value)
            except ValueError:
                raise self.error(f"'{key}' should be a date and time, not {value!r}") from None
        if not isinstance(value, datetime) or value.tzinfo is None:
            raise self.error(f"'{key}' should be a date and time with its offset (+08:00), not {value!r}")
        return value

    def entry(self, key: str) -> "Entry":
        return Entry(self.file, f"{self.label} > {key}", self.get(key))

    def entries(self, key: str) -> list["Entry"]:
        """The mappings listed under `key`, each labelled with its position and its key, slug or e-mail."""
        values = self.get(key, [])
        if not isinstance(values, list):
            raise self.error(f"'{key}' should be a list")
        found = []
        for index, value in enumerate(values):
            name = next(
                (value[k] for k in ("key", "slug", "email") if isinstance(value, dict) and k in value), ""
            )
            found.append(
                Entry(self.file, f"{self.label} > {key}[{index}]{f' «{name}»' if name else ''}", value)
            )
        return found

    def finish(self) -> None:
        unknown = sorted(set(self.data) - self.seen)
        if unknown:
            raise self.error(f"unknown key(s): {', '.join(unknown)}")

    @contextmanager
    def loading(self) -> Iterator["Entry"]:
        """Load the entry: what a service refuses becomes an error naming the file and the entry."""
        try:
            yield self
        except ValidationError as error:
            messages = "; ".join(f"{field}: {', '.join(map(str, texts))}" for field, texts in _fields(error))
            raise self.error(messages) from error
        except (ObjectDoesNotExist, KeyError, ValueError) as error:
            raise self.error(f"{type(error).__name__}: {error}") from error
        self.finish()


def _fields(error: ValidationError) -> list[tuple[str, list[str]]]:
    if hasattr(error, "error_dict"):
        return [
            (field, [str(m) for e in errors for m in e.messages])
            for field, errors in error.error_dict.items()
        ]
    return [("error", list(error.messages))]


def read(directory: Path, name: str) -> Entry:
    """The file's top-level mapping."""
    path = directory / name
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise DemoDataError(f"{name}: cannot be read ({error.strerror})") from error
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else "the file"
        raise DemoDataError(
            f"{name}: {where}: not valid YAML ({getattr(error, 'problem', error)})"
        ) from error
    return Entry(name, "top level", data)
