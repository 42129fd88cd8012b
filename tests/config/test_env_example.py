"""`.env.example` lists every INVESTBRIDGE_ setting that settings.py reads, each with a comment above it."""

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = ROOT / "src" / "investbridge" / "config" / "settings.py"
ENV_EXAMPLE = ROOT / ".env.example"


def _read_by_settings() -> set[str]:
    source = SETTINGS.read_text(encoding="utf-8")
    return set(re.findall(r"\benv(?:_bool|_list)?\(\s*\"([A-Z0-9_]+)\"", source))


def _listed(text: str) -> dict[str, str]:
    """Variable -> the line above it, for every `INVESTBRIDGE_X=` line (commented out or not)."""
    lines = text.splitlines()
    found = {}
    for number, line in enumerate(lines):
        match = re.match(r"^#?\s*INVESTBRIDGE_([A-Z0-9_]+)=", line)
        if match:
            found[match.group(1)] = lines[number - 1] if number else ""
    return found


def test_env_example_lists_exactly_the_settings_read_by_settings_py():
    assert sorted(_listed(ENV_EXAMPLE.read_text(encoding="utf-8"))) == sorted(_read_by_settings())


def test_every_setting_in_env_example_has_a_comment():
    listed = _listed(ENV_EXAMPLE.read_text(encoding="utf-8"))

    uncommented = [
        name
        for name, above in listed.items()
        if not above.startswith("# ") or re.match(r"^#\s*INVESTBRIDGE_", above)
    ]
    assert uncommented == []


def test_the_parser_sees_settings_of_every_kind():
    assert {"SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "DATABASE_URL", "TIME_ZONE"} <= _read_by_settings()
