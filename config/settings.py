"""MotCua settings: one module, every value from the environment (see .env.example).

Bad values stop the process with ImproperlyConfigured. SQLite under var/ is the
zero-setup default; DATABASE_URL switches to PostgreSQL.
"""

from __future__ import annotations

import secrets
import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.env import (
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_path,
    env_str,
    parse_hhmm,
    parse_office_hours,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = env_path("MOTCUA_VAR_DIR", BASE_DIR / "var")
TESTING = "pytest" in sys.modules or env_bool("MOTCUA_TESTING")

DEBUG = env_bool("DEBUG", default=False)
DEMO_MODE = env_bool("DEMO_MODE", default=False)


def _secret_key() -> str:
    key = env_str("SECRET_KEY", "")
    if key:
        return key
    if not (DEBUG or TESTING or DEMO_MODE):
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG, DEMO_MODE and testing are all off")
    # A development key kept under var/ so sessions and dossier tokens survive a restart.
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
if not (DEBUG or TESTING) and len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be at least 50 characters in production")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "config.apps.MotCuaAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",  # sitemap.xml of procedures and publications (portal/sitemaps.py)
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_q",
    "ninja",
    "motcua.core",
    "motcua.accounts",
    "motcua.notifications",
    "motcua.catalog",
    "motcua.dossiers",
    "motcua.surveys",
    "motcua.feedback",
    "motcua.plans",
    "motcua.oversight",
    "motcua.reports",
    "motcua.api",
    "motcua.portal",
    "motcua.backoffice",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "motcua.core.middleware.InputGuardMiddleware",  # NUL bytes, unparsable multipart → 422
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "motcua.accounts.middleware.AdminOTPRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "motcua.core.middleware.NoStoreWithCredentials",
    "config.errors.SiteErrorPagesMiddleware",  # the site's 404/500 pages under DEBUG too (config/errors.py)
]

# Under DEBUG, show the site's own 404 and 500 pages rather than Django's technical ones (the
# traceback still goes to the console): on by default in demo mode, as `./dev serve` runs.
ERROR_PAGES_IN_DEBUG = env_bool("ERROR_PAGES_IN_DEBUG", default=DEMO_MODE)
# A form refused for its CSRF token gets the site's 403 page with a way forward (config/errors.py).
CSRF_FAILURE_VIEW = "config.errors.csrf_failure"

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "motcua.core.context_processors.locality",
            ],
        },
    },
]

# --- database -----------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL", "")
if DATABASE_URL:
    if not DATABASE_URL.startswith(("postgres://", "postgresql://", "sqlite://")):
        raise ImproperlyConfigured(
            f"DATABASE_URL must be a postgres:// or sqlite:// URL, got {DATABASE_URL!r}"
        )
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(VAR_DIR / "motcua.sqlite3"),
            # The web server and the q2 worker write at once: WAL lets readers go on while one
            # writes, the busy timeout waits for the lock instead of failing, and IMMEDIATE
            # transactions take the write lock up front so two writers never deadlock.
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- auth -----------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:
    # Argon2 is deliberately slow; tests create hundreds of users.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "backoffice:home"
LOGOUT_REDIRECT_URL = "portal:home"

# Per username at one address, and per address whatever the usernames (motcua/accounts/throttle.py).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_ADDRESS_FAILURE_LIMIT = env_int("AXES_ADDRESS_FAILURE_LIMIT", 20, minimum=1)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 30, minimum=1) / 60  # hours
AXES_LOCKOUT_PARAMETERS = ["ip_address", ["username", "ip_address"]]
AXES_HANDLER = "motcua.accounts.throttle.AddressAndAccountHandler"
AXES_CLIENT_IP_CALLABLE = "motcua.core.http.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
AXES_ENABLED = env_bool("AXES_ENABLED", default=True)

OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "MotCua")
OTP_REQUIRED_FOR_ADMINS = env_bool("OTP_REQUIRED_FOR_ADMINS", default=True)

# --- internationalisation ------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["config.formats"]

# --- static and media ------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
WHITENOISE_USE_FINDERS = DEBUG or TESTING  # serve from app folders without collectstatic in development
WHITENOISE_AUTOREFRESH = DEBUG or TESTING
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
# Largest blank form or sample of the catalogue (mẫu đơn, hồ sơ mẫu), checked by `motcua.core.uploads`.
CATALOG_MAX_FILE_MB = env_int("CATALOG_MAX_FILE_MB", 10, minimum=1)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG or TESTING
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# --- security ---------------------------------------------------------------------
SECURE_COOKIES = env_bool("SECURE_COOKIES", default=not DEBUG and not DEMO_MODE and not TESTING)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600, minimum=300)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=False)
# A year in production (browsers only heed it over HTTPS, which secure cookies already require);
# off in development and demo so that http://localhost is never pinned to HTTPS.
SECURE_HSTS_SECONDS = env_int(
    "SECURE_HSTS_SECONDS", 0 if DEBUG or DEMO_MODE or TESTING else 365 * 24 * 3600, minimum=0
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = env_bool(
    "SECURE_HSTS_PRELOAD", default=False
)  # preloading is for the domain owner to decide
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_TLS_PROXY") else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# --- background work (django-q2) -------------------------------------------------------
Q_CLUSTER = {
    "name": "motcua",
    "orm": "default",
    "workers": env_int("Q_WORKERS", 1 if not DATABASE_URL else 2, minimum=1, maximum=32),
    "timeout": 60,
    "retry": 120,  # must exceed timeout
    "max_attempts": 3,
    "catch_up": False,
    "poll": 1,
    "sync": env_bool("Q_SYNC", default=TESTING),
    "label": _("Công việc nền"),
}

# --- the locality -----------------------------------------------------------------------
LOCALITY_NAME = env_str("LOCALITY_NAME", "UBND thành phố Cam Ranh")
LOCALITY_SHORT_NAME = env_str("LOCALITY_SHORT_NAME", "Cam Ranh")
LOCALITY_LOGO = env_str("LOCALITY_LOGO", "motcua/img/logo.svg")
LOCALITY_PROVINCE = env_str("LOCALITY_PROVINCE", "Khánh Hòa")

# --- working calendar -----------------------------------------------------------------
OFFICE_HOURS = parse_office_hours(env_str("OFFICE_HOURS", "07:30-11:30,13:30-17:00"))
SAME_DAY_CUTOFF = parse_hhmm("SAME_DAY_CUTOFF", env_str("SAME_DAY_CUTOFF", "15:00"))

# --- dossiers ---------------------------------------------------------------------------
PUBLIC_BASE_URL = env_str("PUBLIC_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
SMS_LOOKUP_KEYWORDS = [k.upper() for k in env_list("SMS_LOOKUP_KEYWORDS", ["TC"])]
SMS_SHORT_CODE = env_str("SMS_SHORT_CODE", "8077")
SMS_INBOUND_REPLY = env_choice("SMS_INBOUND_REPLY", "queue", {"queue", "sync"})
LOOKUP_RATE_PER_MINUTE = env_int("LOOKUP_RATE_PER_MINUTE", 60, minimum=1)
LOOKUP_PHONE4_FAILURES = env_int("LOOKUP_PHONE4_FAILURES", 5, minimum=1)
LOOKUP_LOCK_SECONDS = env_int("LOOKUP_LOCK_SECONDS", 3600, minimum=60)
SMS_INBOUND_RATE_PER_HOUR = env_int("SMS_INBOUND_RATE_PER_HOUR", 20, minimum=1)
# Each processing agency may ask for a supplement once (our reading of Decree 118/2025; a leader may override).
# Reporting and indices (CONTRACTS §7, §9; DOMAIN §6).
REPORT_PERIOD = env_choice("REPORT_PERIOD", "decree09", {"decree09", "calendar"})
SATISFACTION_TARGET = env_int("SATISFACTION_TARGET", 83, minimum=0)
# Reform plans: agencies that have not reported are reminded this many days before a round is due.
PLAN_REMINDER_DAYS = env_int("PLAN_REMINDER_DAYS", 5, minimum=0)
SURVEY_MIN_RESPONSES = env_int("SURVEY_MIN_RESPONSES", 30, minimum=1)
OVERSIGHT_DESIGNATION_DAYS = env_int("OVERSIGHT_DESIGNATION_DAYS", 10, minimum=0)
# Working days an agency at fault has to explain a late dossier once the supervisor asks (seed 5.3).
OVERSIGHT_EXPLANATION_DAYS = env_int("OVERSIGHT_EXPLANATION_DAYS", 5, minimum=1)
OPEN311_JURISDICTION_ID = env_str("OPEN311_JURISDICTION_ID", "camranh.khanhhoa.gov.vn")

DOSSIER_SUPPLEMENT_ONCE_PER_AGENCY = env_bool("DOSSIER_SUPPLEMENT_ONCE_PER_AGENCY", default=True)
# Online submission (the reverse proxy must accept bodies a little over ONLINE_MAX_TOTAL_MB).
ONLINE_MAX_FILE_MB = env_int("ONLINE_MAX_FILE_MB", 10, minimum=1)
ONLINE_MAX_TOTAL_MB = env_int("ONLINE_MAX_TOTAL_MB", 50, minimum=1)
ONLINE_MAX_FILES = env_int("ONLINE_MAX_FILES", 20, minimum=1)
ONLINE_SUBMIT_RATE_PER_HOUR = env_int("ONLINE_SUBMIT_RATE_PER_HOUR", 20, minimum=1)
ONLINE_GUIDED_EXPIRY_DAYS = env_int("ONLINE_GUIDED_EXPIRY_DAYS", 30, minimum=1)
# Files waiting in the portal's drafts (media/online-drafts/) until the citizen submits: limits per
# client address and per session within an hour, a cap on the whole store, deletion after an age.
ONLINE_DRAFT_FILES_PER_HOUR = env_int("ONLINE_DRAFT_FILES_PER_HOUR", 60, minimum=1)
ONLINE_DRAFT_MB_PER_HOUR = env_int("ONLINE_DRAFT_MB_PER_HOUR", 300, minimum=1)
ONLINE_DRAFT_FILES_PER_SESSION = env_int("ONLINE_DRAFT_FILES_PER_SESSION", 40, minimum=1)
ONLINE_DRAFT_MB_PER_SESSION = env_int("ONLINE_DRAFT_MB_PER_SESSION", 150, minimum=1)
ONLINE_DRAFT_STORE_MB = env_int("ONLINE_DRAFT_STORE_MB", 2048, minimum=1)
ONLINE_DRAFT_MAX_AGE_HOURS = env_int("ONLINE_DRAFT_MAX_AGE_HOURS", 24, minimum=1)
# A citizen's JSON action through the API carries its uploads in base64 (4/3 of their size).
DATA_UPLOAD_MAX_MEMORY_SIZE = (ONLINE_MAX_TOTAL_MB * 4 // 3 + 1) * 1024 * 1024

# --- cache (rate limits and look-up locks must be shared by every process) ----------------
CACHE_URL = env_str("CACHE_URL", "locmem://" if TESTING else f"file://{VAR_DIR / 'cache'}")
if CACHE_URL.startswith("locmem://"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
elif CACHE_URL.startswith("file://"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                          "LOCATION": CACHE_URL.removeprefix("file://")}}  # fmt: skip
elif CACHE_URL.startswith("db://"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache",
                          "LOCATION": CACHE_URL.removeprefix("db://") or "motcua_cache"}}  # fmt: skip
else:
    raise ImproperlyConfigured(f"CACHE_URL must start with locmem://, file:// or db://, got {CACHE_URL!r}")
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0, minimum=0, maximum=5)

# --- health ------------------------------------------------------------------------------
HEALTH_MAX_HEARTBEAT_AGE_S = env_int("HEALTH_MAX_HEARTBEAT_AGE_S", 300, minimum=60)

# --- API -----------------------------------------------------------------------------------
API_PAGE_SIZE_DEFAULT = 50
API_PAGE_SIZE_MAX = 200

# --- e-mail ---------------------------------------------------------------------------------
# The default backend is for development and demo only; production names its own (ADR 0013).
if not (DEBUG or DEMO_MODE or TESTING) and not env_str("EMAIL_BACKEND", ""):
    raise ImproperlyConfigured(
        "EMAIL_BACKEND must be set when DEBUG and DEMO_MODE are off: citizens and officers get their "
        "notices by e-mail. Use django.core.mail.backends.smtp.EmailBackend with EMAIL_HOST, EMAIL_PORT, "
        "EMAIL_HOST_USER, EMAIL_HOST_PASSWORD and EMAIL_USE_TLS (.env.example)."
    )
# Development and the demo write each e-mail as an .eml file under var/outbox/mail/, beside the SMS
# (motcua.notifications.mail); otherwise the console.
EMAIL_BACKEND = env_choice(
    "EMAIL_BACKEND",
    "motcua.notifications.mail.OutboxEmailBackend"
    if (DEBUG or DEMO_MODE) and not TESTING
    else "django.core.mail.backends.console.EmailBackend",
    {
        "motcua.notifications.mail.OutboxEmailBackend",
        "django.core.mail.backends.console.EmailBackend",
        "django.core.mail.backends.smtp.EmailBackend",
        "django.core.mail.backends.locmem.EmailBackend",
        "django.core.mail.backends.filebased.EmailBackend",
    },
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1, maximum=65535)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "motcua@localhost")
EMAIL_FILE_PATH = VAR_DIR / "mail"

LOG_LEVEL = env_choice("LOG_LEVEL", "INFO", {"DEBUG", "INFO", "WARNING", "ERROR"})
Q_LOG_LEVEL = env_choice(
    "Q_LOG_LEVEL", "DEBUG" if LOG_LEVEL == "DEBUG" else "WARNING", {"DEBUG", "INFO", "WARNING", "ERROR"}
)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    # Dossier tokens and phone digits in request lines of old links become *** (motcua/core/logfilters.py).
    "filters": {"redact_secrets": {"()": "motcua.core.logfilters.RedactSecrets"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["redact_secrets"]}
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        # Quiet by default: django-q logs one INFO line per task queued (every SMS and e-mail) and
        # WeasyPrint / fontTools their layout steps, noise for an operator running a command.
        # Q_LOG_LEVEL=INFO shows the queue's lines again (e.g. for the worker); LOG_LEVEL=DEBUG all.
        "django-q": {"level": Q_LOG_LEVEL},
        "weasyprint": {"level": "DEBUG" if LOG_LEVEL == "DEBUG" else "WARNING"},
        "fontTools": {"level": "DEBUG" if LOG_LEVEL == "DEBUG" else "WARNING"},
        # runserver's request lines through the redacting handler (Django's default has its own)
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

# --- notifications ----------------------------------------------------------------------------
# The outbox (docs/notifications.md). SMS transports are tried in order; a temporary failure moves
# on to the next one. Tests use the in-memory transport; development writes var/outbox/sms.jsonl.
_SMS_TRANSPORT_NAMES = {"console", "file", "memory", "http", "smpp"}
# A default only in development, demo and tests; production names its gateway (ADR 0013).
if not (DEBUG or DEMO_MODE or TESTING) and not env_list("SMS_TRANSPORTS", []):
    raise ImproperlyConfigured(
        "SMS_TRANSPORTS must be set when DEBUG and DEMO_MODE are off: citizens get their dossier codes "
        "and links by SMS. Use http (SMS_HTTP_URL, …) or smpp (SMS_SMPP_HOST, …); docs/notifications.md."
    )
SMS_TRANSPORTS = env_list("SMS_TRANSPORTS", ["memory"] if TESTING else ["file"])
if unknown_transports := set(SMS_TRANSPORTS) - _SMS_TRANSPORT_NAMES:
    raise ImproperlyConfigured(
        f"SMS_TRANSPORTS: unknown {sorted(unknown_transports)}; use {sorted(_SMS_TRANSPORT_NAMES)}"
    )
SMS_HTTP_URL = env_str("SMS_HTTP_URL", "")
SMS_HTTP_AUTH_HEADER = env_str("SMS_HTTP_AUTH_HEADER", "")
SMS_HTTP_BODY = env_choice("SMS_HTTP_BODY", "json", {"json", "form"})
SMS_HTTP_BODY_TEMPLATE = env_str("SMS_HTTP_BODY_TEMPLATE", "")
SMS_HTTP_ID_PATH = env_str("SMS_HTTP_ID_PATH", "")
SMS_HTTP_TIMEOUT_S = env_int("SMS_HTTP_TIMEOUT_S", 10, minimum=1, maximum=120)
SMS_HTTP_IDEMPOTENCY_HEADER = env_str("SMS_HTTP_IDEMPOTENCY_HEADER", "Idempotency-Key")
SMS_SMPP_HOST = env_str("SMS_SMPP_HOST", "")
SMS_SMPP_PORT = env_int("SMS_SMPP_PORT", 2775, minimum=1, maximum=65535)
SMS_SMPP_SYSTEM_ID = env_str("SMS_SMPP_SYSTEM_ID", "")
SMS_SMPP_PASSWORD = env_str("SMS_SMPP_PASSWORD", "")
SMS_SMPP_SOURCE_ADDR = env_str("SMS_SMPP_SOURCE_ADDR", "MotCua")
SMS_SMPP_TIMEOUT_S = env_int("SMS_SMPP_TIMEOUT_S", 10, minimum=1, maximum=120)
if "http" in SMS_TRANSPORTS and not SMS_HTTP_URL:
    raise ImproperlyConfigured("SMS_TRANSPORTS names http: set SMS_HTTP_URL, the gateway's send URL")
if "smpp" in SMS_TRANSPORTS and not SMS_SMPP_HOST:
    raise ImproperlyConfigured("SMS_TRANSPORTS names smpp: set SMS_SMPP_HOST, the carrier's SMSC")
SMS_RATE_PER_SECOND = env_int("SMS_RATE_PER_SECOND", 0, minimum=0)  # per transport and process; 0: no limit
EMAIL_RATE_PER_SECOND = env_int("EMAIL_RATE_PER_SECOND", 0, minimum=0)
SMS_MAX_ATTEMPTS = env_int("SMS_MAX_ATTEMPTS", 6, minimum=1, maximum=50)
SMS_RETRY_BASE_S = env_int("SMS_RETRY_BASE_S", 60, minimum=0)
SMS_RETRY_MAX_S = env_int("SMS_RETRY_MAX_S", 3600, minimum=1)
SMS_LEASE_S = env_int("SMS_LEASE_S", 300, minimum=30)  # a SENDING message is reclaimed after this
SMS_SWEEP_BATCH = env_int("SMS_SWEEP_BATCH", 100, minimum=1, maximum=10000)
SMS_INBOUND_SECRET = env_str("SMS_INBOUND_SECRET", "")
SMS_DIACRITIC_FREE = env_bool("SMS_DIACRITIC_FREE", default=False)
