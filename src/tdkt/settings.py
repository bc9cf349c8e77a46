"""TĐKT settings: one module, every value from a typed ``TDKT_*`` environment variable.

The embedded default needs nothing but Python (SQLite under ``var/``); production sets the variables listed in
``docs/operations.md``. A bad value raises :class:`tdkt.env.SettingsError` with one clear line.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

from tdkt.env import Env, SettingsError

env = Env()

SRC_DIR = Path(__file__).resolve().parent
PROJECT_DIR = SRC_DIR.parent.parent
VAR_DIR = Path(env.string("VAR_DIR", str(PROJECT_DIR / "var"))).resolve()

DEBUG = env.boolean("DEBUG", False)
_DEV_SECRET = "dev-only-insecure-key-do-not-use-in-production-0123456789abcdefghij"
SECRET_KEY = env.string("SECRET_KEY", _DEV_SECRET if DEBUG else "")
if not SECRET_KEY:
    raise SettingsError(
        "TDKT_SECRET_KEY chưa được đặt: bắt buộc khi TDKT_DEBUG không bật "
        "(khi phát triển: TDKT_DEBUG=1; khi chạy thật: xem docs/operations.md)."
    )
if not DEBUG and SECRET_KEY == _DEV_SECRET:
    raise SettingsError("TDKT_SECRET_KEY đang là khóa phát triển: đặt một khóa bí mật riêng khi chạy thật.")

# Earlier keys, newest first: signed sessions and links stay valid and ballots sealed under an old key still open
# after a rotation (docs/operations.md).
SECRET_KEY_FALLBACKS = env.strings("SECRET_KEY_FALLBACKS", [])

ALLOWED_HOSTS = env.strings("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.strings("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rules.apps.AutodiscoverRulesConfig",
    "django_htmx",
    "template_partials",
    "csp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "tdkt.core",
    "tdkt.org",
    "tdkt.accounts",
    "tdkt.ballots",
    "tdkt.emulation",
    "tdkt.scoring",
    "tdkt.reports",
    "tdkt.meetings",
    "tdkt.awards",
    "tdkt.documents",
    "tdkt.portal",
    "tdkt.web",
    "tdkt.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "tdkt.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "tdkt.urls"
WSGI_APPLICATION = "tdkt.wsgi.application"
ASGI_APPLICATION = "tdkt.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SRC_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tdkt.web.context_processors.navigation",
            ],
        },
    }
]

# --- Database -----------------------------------------------------------------------------------------------
_default_db = f"sqlite:///{VAR_DIR / 'tdkt.sqlite3'}"
_db_url = env.string("DATABASE_URL", _default_db)
try:
    _db = dj_database_url.parse(
        _db_url, conn_max_age=env.integer("DB_CONN_MAX_AGE", 60, minimum=0, maximum=3600)
    )
except (ValueError, KeyError) as exc:
    raise SettingsError(
        f"TDKT_DATABASE_URL={_db_url!r} không hợp lệ ({exc}): ví dụ postgres://user@host:5432/db."
    ) from None
if _db["ENGINE"] not in ("django.db.backends.sqlite3", "django.db.backends.postgresql"):
    raise SettingsError(f"TDKT_DATABASE_URL={_db_url!r}: chỉ hỗ trợ sqlite:/// và postgres://.")
if _db["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and one writer work at once; IMMEDIATE avoids deadlocks on upgrade from read to write.
    _db["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
    }
    _db["CONN_MAX_AGE"] = 0
_db["ATOMIC_REQUESTS"] = False
_db["TEST"] = {"NAME": env.string("TEST_DATABASE_NAME", "")} if env.string("TEST_DATABASE_NAME", "") else {}
DATABASES = {"default": _db}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts and security ----------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if env.boolean("FAST_PASSWORD_HASHER", False):  # tests only: argon2 on every persona login costs seconds
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Login throttling: five failures lock the (username, IP) pair for 15 minutes.
AXES_FAILURE_LIMIT = env.integer("LOGIN_FAILURE_LIMIT", 5, minimum=1, maximum=100)
AXES_COOLOFF_TIME = env.integer("LOGIN_COOLOFF_MINUTES", 15, minimum=1, maximum=24 * 60) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = env.boolean("LOGIN_THROTTLING", True)
AXES_VERBOSE = False

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env.integer("SESSION_HOURS", 10, minimum=1, maximum=24 * 30) * 3600
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env.boolean("SECURE_COOKIES", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = env.boolean("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env.integer("HSTS_SECONDS", 0 if DEBUG else 31536000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = env.boolean("HSTS_PRELOAD", False)
# The HSTS preload list only takes public domains; a government intranet host cannot be preloaded, so the
# deploy check's reminder (security.W021) is silenced unless preload is asked for.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
if env.boolean("BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Nothing is fetched from the internet: every asset is served by this server, so 'self' is enough.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# --- Language, time ----------------------------------------------------------------------------------------
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LANGUAGE_CODE = env.choice("LANGUAGE_CODE", "vi", [code for code, _ in LANGUAGES])
LOCALE_PATHS = [SRC_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env.string("TIME_ZONE", "Asia/Ho_Chi_Minh")
try:
    import zoneinfo

    zoneinfo.ZoneInfo(TIME_ZONE)
except (zoneinfo.ZoneInfoNotFoundError, ValueError):
    raise SettingsError(
        f"TDKT_TIME_ZONE={TIME_ZONE!r} không phải múi giờ IANA (ví dụ Asia/Ho_Chi_Minh)."
    ) from None

# --- Files ---------------------------------------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [SRC_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env.string("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# --- E-mail --------------------------------------------------------------------------------------------------
EMAIL_BACKEND = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "memory": "django.core.mail.backends.locmem.EmailBackend",
}[env.choice("EMAIL_BACKEND", "console", ["console", "smtp", "memory"])]
EMAIL_HOST = env.string("EMAIL_HOST", "localhost")
EMAIL_PORT = env.integer("EMAIL_PORT", 25, minimum=1, maximum=65535)
DEFAULT_FROM_EMAIL = env.string("EMAIL_FROM", "tdkt@localhost")

# --- Logging -------------------------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    # WeasyPrint logs each layout step at INFO; fontTools chats about the fonts it subsets.
    "loggers": {"weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
    "root": {
        "handlers": ["console"],
        "level": env.choice("LOG_LEVEL", "INFO", ["DEBUG", "INFO", "WARNING", "ERROR"]),
    },
}

# Uploaded photos: images only, at most this many megabytes each (thumbnails are made on upload).
TDKT_PHOTO_MAX_MB = env.integer("PHOTO_MAX_MB", 10, minimum=1, maximum=100)
# Uploaded documents (launching documents of movements…): at most this many megabytes each.
TDKT_DOCUMENT_MAX_MB = env.integer("DOCUMENT_MAX_MB", 20, minimum=1, maximum=200)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024

# --- Background jobs -----------------------------------------------------------------------------------------
# django-tasks (the backport of Django 6's django.tasks). "database": jobs wait in the database until
# `tdkt db_worker` runs them (SQLite or PostgreSQL, no other server); "immediate": they run inside the request that
# asked for them (a small install with no worker process). See docs/operations.md.
TDKT_JOBS = env.choice("JOBS", "database", ["database", "immediate"])
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend"
        if TDKT_JOBS == "database"
        else "django_tasks.backends.immediate.ImmediateBackend"
    }
}

# --- Documents -----------------------------------------------------------------------------------------------
# Extra folders searched for the PDF fonts (Times New Roman, else Liberation Serif), before the system's own.
TDKT_FONT_DIRS = env.strings("FONT_DIRS", [])
# Certificate designs and the calibrated positions of the text on pre-printed blanks (a JSON file shaped like
# src/tdkt/documents/data/certificates.json); empty: that file.
TDKT_CERTIFICATE_LAYOUTS = env.string("CERTIFICATE_LAYOUTS", "")
# Days a batch job's file stays downloadable after it is made; `tdkt purge_document_jobs` (daily, from cron or a
# timer) then removes the expired files and their jobs. Until then the job's page says the file has expired.
TDKT_JOB_FILES_DAYS = env.integer("JOB_FILES_DAYS", 7, minimum=1, maximum=365)

# The public address of the portal printed in each certificate's QR code (https://tdkt.example.gov.vn); empty:
# the address the certificates were asked from.
TDKT_PUBLIC_URL = env.string("PUBLIC_URL", "").rstrip("/")
if TDKT_PUBLIC_URL and not TDKT_PUBLIC_URL.startswith(("http://", "https://")):
    raise SettingsError(
        f"TDKT_PUBLIC_URL={TDKT_PUBLIC_URL!r}: cần địa chỉ đầy đủ, ví dụ https://tdkt.example.gov.vn."
    )

# --- TĐKT ----------------------------------------------------------------------------------------------------
TDKT_DEMO_PASSWORD = env.string("DEMO_PASSWORD", "demo-TDKT-2020")
TDKT_SEARCH_LIMIT = env.integer("SEARCH_LIMIT", 20, minimum=1, maximum=200)
