"""Settings for the test suite: the same as development, with fast hashing and local mail."""

import os

os.environ.setdefault("INVESTBRIDGE_ENVIRONMENT", "test")
os.environ.setdefault("INVESTBRIDGE_SECRET_KEY", "test-only-secret-key-not-for-production-use-0123456789")
# Each checkout keeps its own test data, so two work trees never share a test database.
_CHECKOUT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
os.environ.setdefault("INVESTBRIDGE_DATA_DIR", os.path.join(_CHECKOUT, "var", "test"))

from investbridge.config.settings import *  # noqa: E402,F403
from investbridge.config.settings import DATA_DIR, DATABASES  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = DATA_DIR / "media"
WHITENOISE_AUTOREFRESH = True

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not memory: concurrency tests open several connections from real threads.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test.sqlite3")}

# Caches of this process only (each test worker has its own); tests that prove the sharing between processes use
# the database cache and Redis explicitly (tests/core/test_limits_shared.py).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "investbridge-tests"},
    "limits": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "investbridge-limits-tests",
    },
}
