"""InvestBridge settings, read from the environment (prefix INVESTBRIDGE_, listed in .env.example).

INVESTBRIDGE_ENVIRONMENT selects safe defaults: "development" (the default, used by `make run`),
"production" (secret key and allowed hosts required, SMTP mail, secure cookies) or "test".
"""

import os
import secrets
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = PACKAGE_DIR.parent.parent


def env(name: str, default: str | None = None) -> str | None:
    return os.environ.get(f"INVESTBRIDGE_{name}", default)


def env_bool(name: str, default: bool) -> bool:
    value = env(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in (env(name, default) or "").split(",") if item.strip()]


ENVIRONMENT = env("ENVIRONMENT", "development")
if ENVIRONMENT not in {"development", "production", "test"}:
    raise ImproperlyConfigured("INVESTBRIDGE_ENVIRONMENT must be development, production or test.")
PRODUCTION = ENVIRONMENT == "production"

DATA_DIR = Path(env("DATA_DIR", str(PROJECT_DIR / "var")) or "var").resolve()
if not PRODUCTION:
    DATA_DIR.mkdir(parents=True, exist_ok=True)


#: Keys published with the code (tests, examples): never good enough for production.
_PUBLISHED_SECRET_KEYS = {"test-only-secret-key-not-for-production-use-0123456789", "change-me"}


def _secret_key() -> str:
    key = env("SECRET_KEY")
    if PRODUCTION:
        # The same rules as Django's deployment check (security.W009), but refusing to start instead of warning.
        if not key:
            raise ImproperlyConfigured("INVESTBRIDGE_SECRET_KEY is required in production.")
        if key in _PUBLISHED_SECRET_KEYS or key.startswith("django-insecure-"):
            raise ImproperlyConfigured(
                "INVESTBRIDGE_SECRET_KEY is a published example key; generate your own for production, e.g. "
                "with: python -c 'import secrets; print(secrets.token_urlsafe(64))'."
            )
        if len(key) < 50 or len(set(key)) < 5:
            raise ImproperlyConfigured(
                "INVESTBRIDGE_SECRET_KEY is too weak for production: it needs at least 50 characters, with at "
                "least 5 different ones (e.g. python -c 'import secrets; print(secrets.token_urlsafe(64))')."
            )
        return key
    if key:
        return key
    # Development: generate once and keep it, so sessions survive restarts.
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("DEBUG", default=False)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured(
        "INVESTBRIDGE_DEBUG must be off in production: debug pages show settings and source code to anyone."
    )
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver,[::1]")
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("INVESTBRIDGE_ALLOWED_HOSTS is required in production.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
SITE_URL = (env("SITE_URL", "http://127.0.0.1:8000") or "").rstrip("/")

INSTALLED_APPS = [
    # modeltranslation must come before django.contrib.admin.
    "modeltranslation",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "investbridge.core",
    "investbridge.accounts",
    "investbridge.directory",
    "investbridge.region",
    "investbridge.events",
    "investbridge.pipeline",
    "investbridge.agreements",
    "investbridge.matchmaking",
    "investbridge.statistics",
    "investbridge.demo",
    "investbridge.web",
    "investbridge.api",
    # Last, so that our catalogs win over the admin's for the same words ("Home" is "Главная", not "Начало").
    "django.contrib.admin",
]

MIDDLEWARE = [
    # A locked or unreachable database answers 503 quickly (core/unavailable.py; also config.urls.handler500).
    "investbridge.core.unavailable.DatabaseUnavailableMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # After LocaleMiddleware, so that the 400 answer is in the reader's language.
    "investbridge.core.null_bytes.RejectNullCharactersMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "investbridge.core.middleware.UserTimezoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "investbridge.config.urls"
WSGI_APPLICATION = "investbridge.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "investbridge.web.context_processors.site",
            ],
        },
    },
]

# Database: PostgreSQL in production, an embedded SQLite file (WAL mode) by default.
DEFAULT_SQLITE = DATA_DIR / "investbridge.sqlite3"
DATABASE_URL = env("DATABASE_URL", f"sqlite:///{DEFAULT_SQLITE}") or ""
# Persistent connections: each worker thread keeps its connection this many seconds (0 = one per request),
# checked before reuse; SQLite connections are per thread too, so this is safe with gthread workers.
CONN_MAX_AGE = int(env("CONN_MAX_AGE", "0" if ENVIRONMENT == "test" else "60") or 0)
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL, conn_max_age=CONN_MAX_AGE, conn_health_checks=CONN_MAX_AGE > 0
    )
}
# How long (seconds) a request waits for a locked database or an unreachable server before it gives up with a
# 503 (see docs/architecture.md, "Failure behaviour"): SQLite's busy timeout, PostgreSQL's connect_timeout and
# lock_timeout. Well under 5 s, and long enough for the queue of concurrent registrations.
DATABASE_TIMEOUT = float(env("DATABASE_TIMEOUT", "3") or 3)


def database_options(engine: str, timeout: float = DATABASE_TIMEOUT) -> dict[str, Any]:
    """The connection options of the `engine` that bound every wait for the database by `timeout`."""
    if engine == "django.db.backends.sqlite3":
        return {
            # IMMEDIATE takes the write lock when a transaction starts, so concurrent writers queue
            # instead of failing mid-transaction; WAL lets readers go on while one writes.
            "transaction_mode": "IMMEDIATE",
            "timeout": timeout,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        }
    if engine == "django.db.backends.postgresql":
        # libpq rounds connect_timeout to whole seconds, at least 2; lock_timeout bounds waits for row locks.
        return {
            "connect_timeout": max(2, round(timeout)),
            "options": f"-c lock_timeout={round(timeout * 1000)}",
        }
    return {}


DATABASES["default"]["OPTIONS"] = {
    **database_options(DATABASES["default"]["ENGINE"]),
    **DATABASES["default"].get("OPTIONS", {}),
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:dashboard"
LOGOUT_REDIRECT_URL = "web:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: the interface in Russian, Simplified Chinese and English.
LANGUAGE_CODE = "ru"
LANGUAGES = [
    ("ru", "Русский"),
    ("zh-hans", "简体中文"),
    ("en", "English"),
]
LANGUAGE_CODES = [code for code, _name in LANGUAGES]
USE_I18N = True
# English dates the way core/i18n.py (Babel en_GB) writes them, also where Django formats (the admin).
FORMAT_MODULE_PATH = ["investbridge.core.formats"]
USE_TZ = True
TIME_ZONE = "UTC"
# Each domain keeps its own catalog in <domain>/locale/ (found through INSTALLED_APPS).
LOCALE_PATHS: list[Path] = []

# The promotion office: its time zone and the language its content is written in first.
OFFICE_TIME_ZONE = env("TIME_ZONE", "Asia/Shanghai") or "Asia/Shanghai"
OFFICE_LANGUAGE = env("DEFAULT_CONTENT_LANGUAGE", "zh-hans") or "zh-hans"
if OFFICE_LANGUAGE not in LANGUAGE_CODES:
    raise ImproperlyConfigured("INVESTBRIDGE_DEFAULT_CONTENT_LANGUAGE must be ru, zh-hans or en.")

# Content fields (names, titles, descriptions) per language, falling back to the office's language.
MODELTRANSLATION_DEFAULT_LANGUAGE = OFFICE_LANGUAGE
MODELTRANSLATION_LANGUAGES = tuple(LANGUAGE_CODES)
MODELTRANSLATION_FALLBACK_LANGUAGES = {
    "default": (OFFICE_LANGUAGE, *[code for code in ("en", "ru", "zh-hans") if code != OFFICE_LANGUAGE])
}
MODELTRANSLATION_AUTO_POPULATE = False

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(DATA_DIR / "media")) or "media")
if not PRODUCTION:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if ENVIRONMENT == "test"
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Uploads: the largest file a user may send (bytes); each upload field checks type by content too.
MAX_UPLOAD_SIZE = int(env("MAX_UPLOAD_SIZE", str(20 * 1024 * 1024)) or 0)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# E-mail: files in development (var/mail), SMTP in production.
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "InvestBridge <noreply@investbridge.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.filebased.EmailBackend",
)
EMAIL_FILE_PATH = DATA_DIR / "mail"
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25") or 25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", default=False)
EMAIL_TIMEOUT = 30

# Replies (docs/mail.md): mails about an inquiry or a lead carry Reply-To: replies+<token>@domain (this address
# with a signed token after a plus); empty: Reply-To is the officer's own address only. Development has a default,
# so that a reply dropped into the inbox folder finds its inquiry.
REPLY_ADDRESS = env("REPLY_ADDRESS", "" if PRODUCTION else "replies@investbridge.local") or ""
# Inbound mail: the largest message accepted (bytes, attachments included) and three ways in. A folder of .eml
# files that the worker reads (development: var/mail/inbox; processed/ and failed/ beside it), an IMAP mailbox
# polled by the worker (production), and POST /api/v1/mail/inbound signed with the shared secret.
INBOUND_MAIL_MAX_SIZE = int(env("INBOUND_MAIL_MAX_SIZE", str(25 * 1024 * 1024)) or 0)
INBOUND_MAIL_DIR = Path(env("INBOUND_MAIL_DIR", str(DATA_DIR / "mail" / "inbox")) or "var/mail/inbox")
INBOUND_IMAP_HOST = env("INBOUND_IMAP_HOST", "") or ""
INBOUND_IMAP_PORT = int(env("INBOUND_IMAP_PORT", "993") or 993)
INBOUND_IMAP_SSL = env_bool("INBOUND_IMAP_SSL", default=True)
INBOUND_IMAP_USER = env("INBOUND_IMAP_USER", "") or ""
INBOUND_IMAP_PASSWORD = env("INBOUND_IMAP_PASSWORD", "") or ""
INBOUND_IMAP_FOLDER = env("INBOUND_IMAP_FOLDER", "INBOX") or "INBOX"
INBOUND_WEBHOOK_SECRET = env("INBOUND_WEBHOOK_SECRET", "") or ""
INBOUND_WEBHOOK_RATE = env("INBOUND_WEBHOOK_RATE", "120/minute") or "120/minute"

# Background tasks: the database queue (run `investbridge db_worker`); tests run them at once.
TASKS = {
    "default": {
        "BACKEND": env("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# Periodic jobs that the worker enqueues (core/schedule.py): empty keeps the job's own time, "off" switches it
# off, "HH:MM" runs it daily at that time of the office's time zone, "15m" every 15 minutes.
PERIODIC_JOBS = {
    "pipeline.digests": env("SCHEDULE_PIPELINE_DIGESTS", ""),
    "pipeline.warnings": env("SCHEDULE_PIPELINE_WARNINGS", ""),
    "pipeline.reminders": env("SCHEDULE_PIPELINE_REMINDERS", ""),
    "matchmaking.expire": env("SCHEDULE_MATCHMAKING_EXPIRE", ""),
    "core.inbound_folder": env("SCHEDULE_INBOUND_FOLDER", ""),
    "core.inbound_imap": env("SCHEDULE_INBOUND_IMAP", ""),
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "investbridge.api.authentication.RoleTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # Deny by default: every endpoint names its permission explicitly.
    "DEFAULT_PERMISSION_CLASSES": ["investbridge.api.permissions.DenyAll"],
    "DEFAULT_SCHEMA_CLASS": "investbridge.api.schema.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "investbridge.api.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "investbridge.api.errors.exception_handler",
    "DEFAULT_VERSIONING_CLASS": None,
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
# --- input limits (see docs/api.md) ---
# JSON bodies: at most DATA_UPLOAD_MAX_MEMORY_SIZE bytes (413) and 32 levels of nesting (400).
REST_FRAMEWORK["DEFAULT_PARSER_CLASSES"] = [
    "investbridge.api.parsers.JSONParser",
    "rest_framework.parsers.FormParser",
    "rest_framework.parsers.MultiPartParser",
]
# Brute-force protection of POST /api/v1/auth/token: attempts per client address, e.g. "10/minute" (DRF rate:
# a number, then second, minute, hour or day). Counted in the cache; see docs/api.md.
API_TOKEN_RATE = env("API_TOKEN_RATE", "10/minute") or "10/minute"
SPECTACULAR_SETTINGS = {
    "TITLE": "InvestBridge API",
    "DESCRIPTION": "Version 1 of the InvestBridge REST API. See docs/api.md.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    # Request bodies are JSON: the schema describes only that (DRF still parses form posts, which are not part of
    # the contract: an empty form value means "not given" there).
    "PARSER_WHITELIST": ["rest_framework.parsers.JSONParser"],
    # One name for the interface languages, whichever serializer uses them.
    "ENUM_NAME_OVERRIDES": {"LanguageEnum": "investbridge.config.settings.LANGUAGES"},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
}

# Security: strict in production (check --deploy is clean); plain HTTP on loopback otherwise.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(env("HSTS_SECONDS", "31536000") or 0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# --- Content-Security-Policy (django-csp; see docs/architecture.md) ---
# Scripts, styles, fonts and requests only from our own origin; no inline scripts or styles (page behaviour is in
# web/investbridge.js, styles in the CSS files); images also as data: URIs (the statistics charts). Nothing may
# frame the site, and the site frames nothing (video rooms open in their own tab). The ReDoc page adds inline
# styles and blob workers for itself (api/urls.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'none'"],
        "frame-ancestors": ["'none'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }
}

# --- language cookie (the language switcher's choice) ---
# Sent only over HTTPS in production and never readable by scripts. (SameSite stays Django's default, unset,
# which browsers treat as Lax; the django-stubs plugin types a str setting too loosely for set_cookie.)
LANGUAGE_COOKIE_SECURE = PRODUCTION
LANGUAGE_COOKIE_HTTPONLY = True

# --- events settings ---
# Video rooms: provider settings; see docs/events.md.
JITSI_DOMAIN = env("JITSI_DOMAIN", "meet.jit.si")
JITSI_APP_ID = env("JITSI_APP_ID", "")
JITSI_APP_SECRET = env("JITSI_APP_SECRET", "")
BBB_URL = env("BBB_URL", "")
BBB_SECRET = env("BBB_SECRET", "")
BBB_CHECKSUM_ALGORITHM = env("BBB_CHECKSUM_ALGORITHM", "sha1") or "sha1"
# The benchmark's trivial baseline view (bench/events_load.py) is routed only when this is set.
EVENTS_BENCH_VIEW = env_bool("BENCH", default=False)

_unused = _  # gettext_lazy is imported for settings modules that label choices.

# --- directory settings ---
# The promotion office's own directory entry, found by its Unified Social Credit Code (default: the demo office's).
OFFICE_ORGANIZATION_USCC = env("OFFICE_ORGANIZATION_USCC", "11460100MA5T00001W") or ""


# --- region settings ---
# Expressions of interest (web form and public API): how many one client address may send, e.g. "30/hour".
REGION_INTEREST_RATE = env("REGION_INTEREST_RATE", "30/hour") or "30/hour"


# --- pipeline settings ---
# Inquiries: the first reply is due this many hours after an inquiry arrives; officers are warned this many
# hours before. The daily digest lists what is overdue. See docs/pipeline.md.
PIPELINE_REPLY_TARGET_HOURS = int(env("PIPELINE_REPLY_TARGET_HOURS", "24") or 24)
PIPELINE_REPLY_WARNING_HOURS = int(env("PIPELINE_REPLY_WARNING_HOURS", "4") or 4)
# API schema: names for the pipeline's and agreements' enums that would otherwise collide.
SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"].update(  # type: ignore[attr-defined]
    {
        "InquiryStatusEnum": "investbridge.pipeline.models.InquiryStatus",
        "ObligationStatusEnum": "investbridge.agreements.models.ObligationStatus",
    }
)


# --- agreements settings ---


# --- matchmaking settings ---


# --- statistics settings ---
# Where the columnar copy of the company registry (Parquet, read by DuckDB) is kept; see docs/statistics.md.
STATISTICS_DIR = Path(env("STATISTICS_DIR", str(DATA_DIR / "statistics")) or "statistics")


# --- cache and limits settings ---
import datetime  # noqa: E402 (this block keeps to itself)

# Django's cache holds the page fragments and every limit (sign-in lock-outs, throttles, mail caps), shared by
# all processes: Redis when INVESTBRIDGE_REDIS_URL is set (recommended in production), else two tables in the
# database (made by the core app's migration). See docs/architecture.md and docs/api.md.
REDIS_URL = env("REDIS_URL", "") or ""
CACHES: dict[str, dict[str, object]]
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "investbridge",
        },
        "limits": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "investbridge-limits",
        },
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "investbridge.core.cache.DatabaseCache",
            "LOCATION": "investbridge_cache",
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        },
        # Apart from the pages, so that many cached pages never push a count out.
        "limits": {
            "BACKEND": "investbridge.core.cache.DatabaseCache",
            "LOCATION": "investbridge_limits",
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        },
    }
LIMITS_CACHE = "limits"
# How many proxies of our own stand in front of the application and append to X-Forwarded-For (0: none, the
# header is ignored). The client's address is the entry this many places from the right (core/net.py).
TRUSTED_PROXIES = int(env("TRUSTED_PROXIES", "0") or 0)
if TRUSTED_PROXIES < 0:
    raise ImproperlyConfigured("INVESTBRIDGE_TRUSTED_PROXIES must be 0 or more.")
# Sign-in lock-out (django-axes, web sign-in and POST /api/v1/auth/token): after this many failed attempts for
# one account, or from one client address, further attempts are refused with 429 for the cool-off time.
INSTALLED_APPS.insert(INSTALLED_APPS.index("django.contrib.admin"), "axes")
MIDDLEWARE.append("axes.middleware.AxesMiddleware")
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", *AUTHENTICATION_BACKENDS]
AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
AXES_CACHE = LIMITS_CACHE
AXES_FAILURE_LIMIT = int(env("SIGN_IN_FAILURE_LIMIT", "5") or 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(env("SIGN_IN_COOLOFF_MINUTES", "15") or 15))
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_CLIENT_IP_CALLABLE = "investbridge.core.net.client_address"
# The sign-in form and the API both pass the e-mail address to authenticate() as "username".
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "investbridge.accounts.lockout.username_from"
AXES_LOCKOUT_CALLABLE = "investbridge.accounts.lockout.locked_out_response"
AXES_HTTP_RESPONSE_CODE = 429
# A success does not clear the counts (it would let one valid account reset its address's count), and attempts
# during a lock-out do not extend it.
AXES_RESET_ON_SUCCESS = False
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False
# Public doors that send mail: requests per client address (a number, then second, minute, hour or day).
# Over it: 429. The interest form's rate is INVESTBRIDGE_REGION_INTEREST_RATE (region settings).
PIPELINE_INQUIRY_RATE = env("PIPELINE_INQUIRY_RATE", "10/hour") or "10/hour"
EVENTS_REGISTRATION_RATE = env("EVENTS_REGISTRATION_RATE", "20/hour") or "20/hour"
PASSWORD_RESET_RATE = env("PASSWORD_RESET_RATE", "5/hour") or "5/hour"
# Mails to one recipient from all public doors together; over it no mail goes out, the answer stays the same.
MAIL_RECIPIENT_RATE = env("MAIL_RECIPIENT_RATE", "5/hour") or "5/hour"
# --- temporary files ---
# Large uploads are streamed to INVESTBRIDGE_DATA_DIR/tmp under names with the process id, so that what a killed
# server leaves behind is removed by the next import (core/tempfiles.py).
FILE_UPLOAD_HANDLERS = [
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "investbridge.core.tempfiles.ProcessTemporaryFileUploadHandler",
]
