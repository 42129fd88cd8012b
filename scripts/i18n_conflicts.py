"""List (or, with --fix, harmonize) messages that two domain catalogs translate differently.

Django merges all catalogs, so one message must have one translation. With --fix, every catalog takes the
translation of the earliest domain in INSTALLED_APPS order; messages whose meaning really differs between domains
need a context (pgettext) in the code instead.
"""

import sys
from collections import defaultdict
from pathlib import Path

from babel.messages.pofile import read_po, write_po

SRC = Path(__file__).resolve().parent.parent / "src" / "investbridge"
ORDER = [
    "core",
    "accounts",
    "web",
    "api",
    "directory",
    "region",
    "events",
    "statistics",
    "pipeline",
    "agreements",
    "matchmaking",
]


#: Where the earliest domain's wording is not the best one for everybody: (locale, context, msgid) -> translation.
PREFERRED = {
    ("ru", None, "Title"): "Название",
    ("ru", None, "title"): "название",
    ("ru", None, "Edit"): "Изменить",
    ("ru", None, "Cancel"): "Отменить",
}


def main() -> int:
    fix = "--fix" in sys.argv
    status = 0
    for locale in ("ru", "zh_Hans"):
        paths = sorted(
            SRC.glob(f"*/locale/{locale}/LC_MESSAGES/django.po"),
            key=lambda p: ORDER.index(p.parts[-5]) if p.parts[-5] in ORDER else 99,
        )
        catalogs = {}
        for path in paths:
            with path.open("rb") as handle:
                catalogs[path] = read_po(handle, locale=locale)
        first: dict[tuple, tuple[str, str]] = {}
        changed = defaultdict(int)
        for path, catalog in catalogs.items():
            for message in catalog:
                if not message.id or not message.string:
                    continue
                key = (message.context, message.id)
                preferred = PREFERRED.get((locale, message.context, message.id))
                if preferred is not None and key not in first:
                    first[key] = ("preferred", preferred)
                if key not in first:
                    first[key] = (path.parts[-5], message.string)
                elif first[key][1] != message.string:
                    print(
                        f"{locale} {message.context or ''}|{message.id!r}: {first[key][0]}={first[key][1]!r} {path.parts[-5]}={message.string!r}"
                    )
                    status = 1
                    if fix:
                        message.string = first[key][1]
                        changed[path] += 1
        for path, count in changed.items():
            with path.open("wb") as handle:
                write_po(handle, catalogs[path], width=0, omit_header=False)
            print(f"harmonized {count} in {path}")
    return 0 if fix else status


if __name__ == "__main__":
    sys.exit(main())
