"""The Content-Security-Policy header, and templates that need nothing inline (the browser check is in
tests/e2e/test_csp.py)."""

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

SRC = Path(__file__).resolve().parents[2] / "src" / "investbridge"
STRICT = {
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "frame-src 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
}


def _directives(header: str) -> set[str]:
    return {part.strip() for part in header.split(";")}


def test_pages_carry_the_strict_policy(client, db):
    response = client.get("/ru/accounts/login/")

    assert _directives(response["Content-Security-Policy"]) == STRICT


def test_api_docs_carry_the_strict_policy_and_no_inline_script(client, db):
    page = client.get("/api/v1/docs/")
    script = client.get("/api/v1/docs/?script")

    assert _directives(page["Content-Security-Policy"]) == STRICT
    assert "<script>" not in page.content.decode()
    assert script["Content-Type"] == "application/javascript"


def test_redoc_alone_allows_inline_styles_and_blob_workers(client, db):
    response = client.get("/api/v1/redoc/")

    expected = (STRICT - {"style-src 'self'"}) | {
        "style-src 'self' 'unsafe-inline'",
        "worker-src 'self' blob:",
    }
    assert _directives(response["Content-Security-Policy"]) == expected


@pytest.mark.unit
def test_templates_have_no_inline_script_style_or_event_handler():
    inline = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=\"|\son[a-z]+=\"", re.IGNORECASE)
    found = [
        f"{path.relative_to(SRC)}: {match.group(0)}"
        for path in sorted(SRC.rglob("templates/**/*.html"))
        for match in inline.finditer(path.read_text(encoding="utf-8"))
    ]

    assert found == []
