"""Production settings refuse to start with debug on or a weak secret key, and mark the language cookie Secure.

Each case imports the settings module in a fresh interpreter with a production environment, as a server would.
"""

import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.unit

GOOD_KEY = "q8Vv3kz0Lr-7mNf2XcJ9pWbT4yHs6uEa1GdKo5iZtRlQnMxBjC"


def _load_settings(tmp_path, code: str = "pass", **variables: str) -> subprocess.CompletedProcess[str]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("INVESTBRIDGE_") and key != "DJANGO_SETTINGS_MODULE"
    }
    environment.update(
        {
            "INVESTBRIDGE_ENVIRONMENT": "production",
            "INVESTBRIDGE_ALLOWED_HOSTS": "investbridge.example.org",
            "INVESTBRIDGE_DATA_DIR": str(tmp_path),
            "INVESTBRIDGE_SECRET_KEY": GOOD_KEY,
        }
    )
    environment.update(variables)
    return subprocess.run(
        [sys.executable, "-c", f"from investbridge.config import settings\n{code}"],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_production_settings_load_with_a_strong_key(tmp_path):
    result = _load_settings(tmp_path, f"print(settings.DEBUG, settings.SECRET_KEY == {GOOD_KEY!r})")

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False True"


def test_production_settings_refuse_debug(tmp_path):
    result = _load_settings(tmp_path, INVESTBRIDGE_DEBUG="true")

    assert result.returncode == 1
    assert "ImproperlyConfigured: INVESTBRIDGE_DEBUG must be off in production" in result.stderr


@pytest.mark.parametrize(
    ("key", "message"),
    [
        ("", "INVESTBRIDGE_SECRET_KEY is required in production."),
        ("test-only-secret-key-not-for-production-use-0123456789", "is a published example key"),
        ("django-insecure-" + "x7" * 30, "is a published example key"),
        ("short-but-random-Zq81", "is too weak for production"),
        ("ab" * 40, "is too weak for production"),
    ],
)
def test_production_settings_refuse_missing_published_or_weak_secret_key(tmp_path, key, message):
    result = _load_settings(tmp_path, INVESTBRIDGE_SECRET_KEY=key)

    assert result.returncode == 1
    assert message in result.stderr


def test_production_language_cookie_is_secure_and_http_only(tmp_path):
    code = "print(settings.LANGUAGE_COOKIE_SECURE, settings.LANGUAGE_COOKIE_HTTPONLY)"

    result = _load_settings(tmp_path, code)

    assert result.stdout.strip() == "True True"
