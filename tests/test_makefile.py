"""The Makefile's development server: links in mails follow the host and port it serves on."""

import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parent.parent
# A prerequisite of `serve` inherits its target-specific variables; it prints the address and stops make.
PROBE = [
    "--eval",
    "serve: site-url-probe",
    "--eval",
    'site-url-probe: ; @echo "$$INVESTBRIDGE_SITE_URL"; exit 3',
]


def _site_url_for_serve(*args: str, env: dict[str, str]) -> str:
    result = subprocess.run(
        ["make", "--no-print-directory", "-C", str(ROOT), *PROBE, "serve", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode != 0  # the probe stops make before the server starts
    return result.stdout.strip()


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_serve_exports_site_url_of_host_and_port(monkeypatch):
    monkeypatch.delenv("INVESTBRIDGE_SITE_URL", raising=False)
    env = {"PATH": "/usr/bin:/bin"}

    assert _site_url_for_serve("HOST=192.0.2.10", "PORT=8123", env=env) == "http://192.0.2.10:8123"
    assert _site_url_for_serve(env=env) == "http://127.0.0.1:8000"
    assert _site_url_for_serve("HOST=0.0.0.0", "PORT=9000", env=env) == "http://127.0.0.1:9000"


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_serve_keeps_a_configured_site_url():
    env = {"PATH": "/usr/bin:/bin", "INVESTBRIDGE_SITE_URL": "https://invest.example.org"}

    assert _site_url_for_serve("PORT=8123", env=env) == "https://invest.example.org"
