"""Settings for every environment; every value comes from the environment
(docs/configuration.md lists them).

With no environment at all this is the embedded default: SQLite in var/, Celery in eager mode,
e-mail printed to the console, DEBUG on.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.env import (
    SETTINGS_MODULES,
    django_env,
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_secret,
    env_str,
)

BASE_DIR = Path(__file__).resolve().parents[2]
VAR_DIR = BASE_DIR / "var"

DJANGO_ENV = django_env()
IS_PRODUCTION = DJANGO_ENV == "production"
if IS_PRODUCTION and os.environ.get("DJANGO_SETTINGS_MODULE") != SETTINGS_MODULES["production"]:
    # Production's refusals live in production.py; no other module may run as production.
    raise ImproperlyConfigured(
        "DJANGO_ENV=production runs with DJANGO_SETTINGS_MODULE="
        f"{SETTINGS_MODULES['production']}, not {os.environ.get('DJANGO_SETTINGS_MODULE')!r}."
    )

# The development key is public on purpose; production.py refuses to start with it.
DEVELOPMENT_SECRET_KEY = "development-only-key-yachad-never-use-this-in-production"
SECRET_KEY = env_str("SECRET_KEY", DEVELOPMENT_SECRET_KEY)
# Former keys, still accepted for signatures made with them while a new key takes over
# (docs/operations.md, "Rotating SECRET_KEY"); remove them once those have expired.
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS", [])
DEBUG = env_bool("DEBUG", not IS_PRODUCTION)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# Where to report a vulnerability in this installation (mailto: or https: URL), published at
# /.well-known/security.txt; none by default.
SECURITY_CONTACT = env_str("SECURITY_CONTACT", "")
# Used in e-mails sent outside a request (reminders, digests).
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
# How many reverse proxies in front of the app append the address they received each request
# from to X-Forwarded-For; the header is believed that far and no further (core/client_ip.py).
# 0: no proxy, the header is ignored. Production runs behind its TLS-terminating proxy: 1.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1 if IS_PRODUCTION else 0)
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT must be 0 or more.")

INSTALLED_APPS = [
    # modeltranslation must come before the admin so its admin classes patch in.
    "modeltranslation",
    # The Django admin, entered through Yachad's own sign-in page (config/admin.py).
    "config.apps.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "core",
    "accounts",
    "initiatives",
    "measurement",
    "community",
    "conditions",
    "equity",
    "briefs",
    "api",
    "demo",
]

MIDDLEWARE = [
    # First, so that every answer, errors included, names its request (X-Request-ID).
    "config.middleware.RequestIdMiddleware",
    # /healthz and /readyz, answered before the HTTPS redirect and the host check.
    "config.middleware.ProbeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "config.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "config.middleware.PrivateByDefaultMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Each request formats dates and numbers afresh, for the initiative its page adopts.
    "core.formats.FormatsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Marks request.user verified when this session confirmed a second factor (django-otp).
    "django_otp.middleware.OTPMiddleware",
    # A signed-in person's pages in the language they chose (User.language).
    "accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Pages of an initiative that asks its backbone team for a second factor send them to give one.
    "initiatives.middleware.SecondFactorMiddleware",
    # Records who made each change to a model with history (submissions, data values).
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

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
                "accounts.context_processors.notices",
            ],
        },
    },
]

# ---- Database ----
# DATABASE_URL, or PostgreSQL named piece by piece (POSTGRES_HOST …), which keeps the password
# out of any URL: no percent-encoding of its signs, and it may come from a file (a Docker
# secret, POSTGRES_PASSWORD_FILE). Without either, SQLite in var/.
DATABASE_CONN_MAX_AGE = env_int("DATABASE_CONN_MAX_AGE", 60)
if env_str("DATABASE_URL", "") or not env_str("POSTGRES_HOST", ""):
    DATABASES = {
        "default": dj_database_url.parse(
            env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'yachad.sqlite3'}"),
            conn_max_age=DATABASE_CONN_MAX_AGE,
            conn_health_checks=True,
        )
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.postgresql",
            "HOST": env_str("POSTGRES_HOST"),
            "PORT": str(env_int("POSTGRES_PORT", 5432)),
            "NAME": env_str("POSTGRES_DB", "yachad"),
            "USER": env_str("POSTGRES_USER", "yachad"),
            "PASSWORD": env_secret("POSTGRES_PASSWORD", ""),
            "CONN_MAX_AGE": DATABASE_CONN_MAX_AGE,
            "CONN_HEALTH_CHECKS": True,
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# ---- Cache ----
# Redis when CACHE_URL is set (production: every web process must see the same invalidations),
# otherwise an in-process cache. An unreachable Redis reads as misses, never as errors
# (core/cache.py); the timeouts keep a server that does not answer from holding up pages.
CACHE_URL = env_str("CACHE_URL", "")
CACHES = {
    "default": (
        {
            "BACKEND": "core.cache.ForgivingRedisCache",
            "LOCATION": CACHE_URL,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
        if CACHE_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# ---- Accounts ----
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "initiatives:home"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
INVITATION_VALID_DAYS = env_int("INVITATION_VALID_DAYS", 14)
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_TIMEOUT", 60 * 60 * 24)
# Password-reset e-mails: at most so many links per e-mail address, and requests per client
# address, in PASSWORD_RESET_WINDOW_MINUTES (counted in the cache: share it with CACHE_URL).
PASSWORD_RESET_LIMIT_PER_EMAIL = env_int("PASSWORD_RESET_LIMIT_PER_EMAIL", 3)
PASSWORD_RESET_LIMIT_PER_IP = env_int("PASSWORD_RESET_LIMIT_PER_IP", 20)
PASSWORD_RESET_WINDOW_MINUTES = env_int("PASSWORD_RESET_WINDOW_MINUTES", 60)

# ---- Uploaded files (docs/security.md) ----
# A file is kept this many days after it was uploaded, whatever became of it; then only its
# name, status, problems and summary remain. A file checked but never saved expires unsaved.
UPLOAD_RETENTION_DAYS = env_int("UPLOAD_RETENTION_DAYS", 7)
# Files kept per organization in an initiative; finished ones make room for new ones.
UPLOAD_QUOTA_BYTES = env_int("UPLOAD_QUOTA_MB", 100) * 1024 * 1024

# ---- Funder briefs (docs/briefs.md) ----
# The Chromium that prints a brief to PDF (Playwright drives it; the image installs Debian's).
PDF_CHROMIUM_PATH = env_str("PDF_CHROMIUM_PATH", "/usr/bin/chromium")

# ---- Sign-in protection (django-axes; accounts/lockout.py) ----
# Failed sign-ins are counted per account and per client address, over the last
# LOGIN_LOCKOUT_MINUTES: an account with LOGIN_FAILURE_LIMIT failures (from any address) and an
# address with LOGIN_FAILURE_LIMIT_PER_IP failures (on any accounts) are refused until the
# failures are that old. Attempts live in the database (axes' AccessAttempt).
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
LOGIN_FAILURE_LIMIT_PER_IP = env_int("LOGIN_FAILURE_LIMIT_PER_IP", 20)
LOGIN_LOCKOUT_MINUTES = env_int("LOGIN_LOCKOUT_MINUTES", 15)
AUTHENTICATION_BACKENDS = [
    # Refuses locked-out accounts and addresses before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "accounts.lockout.LockoutHandler"
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=LOGIN_LOCKOUT_MINUTES)
AXES_RESET_ON_SUCCESS = True
# Every attempt during a lockout, right or wrong, starts the wait again.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = True
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "accounts.lockout.username_of"
AXES_CLIENT_IP_CALLABLE = "core.client_ip.client_ip"
AXES_LOCKOUT_CALLABLE = "accounts.views.login_locked_out"
AXES_HTTP_RESPONSE_CODE = 429
# Successful sign-ins (who, when, address, browser: axes' AccessLog) are kept this long.
SIGN_IN_LOG_DAYS = env_int("SIGN_IN_LOG_DAYS", 90)

# ---- Two-factor authentication (django-otp; docs/roles.md "Signing in") ----
# Authenticator apps show this name beside the account.
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "Yachad")
# Installation staff open the Django admin only in a session confirmed with a second factor.
ADMIN_REQUIRE_2FA = env_bool("ADMIN_REQUIRE_2FA", IS_PRODUCTION)
# The admin lets staff delete someone's devices (a lost phone) but never shows their secrets.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# ---- Internationalization ----
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("he", _("Hebrew")), ("ar", _("Arabic"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
# A name given in any one language is shown in every other that has none (English first).
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en", "he", "ar")

# ---- Static files ----
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

# ---- Security headers (production.py adds the HTTPS-only ones) ----
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# ---- E-mail: printed to the console unless an SMTP host is configured ----
EMAIL_HOST = env_str("EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Yachad <yachad@localhost>")

# ---- Celery ----
# No broker means eager mode: tasks run in the calling process, so the embedded default needs
# no Redis. With a broker, tasks go to real workers.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
if not CELERY_BROKER_URL:
    CELERY_BROKER_URL = "memory://"
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND", "") or None
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_TASK_DEFAULT_QUEUE", "yachad")
# A computation that dies with its worker is delivered again rather than lost.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A request must not hang while the broker is down: three quick tries, then the run is kept as
# waiting for the queue and the sweeper hands it over later (docs/architecture.md).
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.5,
    "interval_max": 1,
}
# A computation's time limits (docs/configuration.md): the slowest run measured took 294 s
# (docs/benchmarks.md), so 15 minutes is three times that. At the soft limit the run fails
# with its reason; at the hard limit its worker process is killed.
COMPUTATION_SOFT_TIME_LIMIT = env_int("COMPUTATION_SOFT_TIME_LIMIT", 15 * 60)
COMPUTATION_TIME_LIMIT = env_int("COMPUTATION_TIME_LIMIT", 20 * 60)
CELERY_TASK_ANNOTATIONS = {
    "measurement.tasks.computation_run_task": {
        "soft_time_limit": COMPUTATION_SOFT_TIME_LIMIT,
        "time_limit": COMPUTATION_TIME_LIMIT,
    }
}
# Redis redelivers a task that was taken but not acknowledged after this long. It must exceed
# the longest task, or a run still going would be delivered again; a dead worker's run is
# found sooner by the sweeper, from its heartbeat.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": COMPUTATION_TIME_LIMIT + 10 * 60}
CELERY_TIMEZONE = TIME_ZONE

# ---- REST API (docs/api.md) ----
# One request may send this many rows of values. The body limit leaves room for them as JSON
# (200,000 realistic rows are 30–51 MB, 65 MB indented; docs/api.md); CSV bodies are also held
# to the upload limit of measurement.datafiles (20 MB).
API_MAX_ROWS = env_int("API_MAX_ROWS", 200_000)
API_MAX_BODY_BYTES = env_int("API_MAX_BODY_BYTES", 64 * 2**20)
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["api.parsers.JsonParser"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Pages",
    # Counted per client address as core/client_ip.py tells it; NUM_PROXIES keeps any stock
    # DRF throttle from believing X-Forwarded-For beyond our own proxies either.
    "DEFAULT_THROTTLE_CLASSES": [
        "api.throttling.AnonRateThrottle",
        "api.throttling.UserRateThrottle",
    ],
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_str("API_RATE_ANONYMOUS", "60/hour"),
        "user": env_str("API_RATE_USER", "5000/hour"),
        "schema": env_str("API_RATE_SCHEMA", "1000/hour"),
    },
    "EXCEPTION_HANDLER": "api.exceptions.api_exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Yachad API",
    "DESCRIPTION": (
        "Read an initiative's definitions and computed results, and send partners' values. "
        "Authenticate with a token (Authorization: Bearer …) made on the API tokens page; a "
        "token acts with its owner's role, in one initiative. See docs/api.md."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    # The one PATCH (a submission's values) needs its values like a POST: not "partial".
    "COMPONENT_SPLIT_PATCH": False,
    # Swagger UI from the drf-spectacular-sidecar package: the docs page works offline.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "SubmissionStatusEnum": "measurement.choices.SubmissionStatus",
        "RunStatusEnum": "measurement.choices.RunStatus",
    },
}

# ---- Demo ----
# Demo accounts with a published password exist only where DEBUG is on.
DEMO_PASSWORD = "yachad-demo"

# ---- Logs and error tracking (docs/operations.md) ----
# One JSON object a line in production (LOG_FORMAT=json), readable text in development; every
# line of a request, and of the tasks it starts, carries its request_id.
LOG_FORMAT = env_choice("LOG_FORMAT", ("json", "text"), "json" if IS_PRODUCTION else "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "config.logging.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "config.logging.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": LOG_FORMAT,
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}
# Celery workers and beat log through the configuration above rather than their own.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

# Sentry receives unexpected errors (with their request_id) only where SENTRY_DSN is set; no
# personal data is sent (config/error_tracking.py).
SENTRY_DSN = env_str("SENTRY_DSN", "")
if SENTRY_DSN:
    from config.error_tracking import error_tracking_start

    error_tracking_start(
        dsn=SENTRY_DSN,
        environment=env_str("SENTRY_ENVIRONMENT", DJANGO_ENV),
        traces_sample_rate=float(env_str("SENTRY_TRACES_SAMPLE_RATE", "0")),
    )
