"""Tori settings: one module, driven by environment variables (see .env.example).

Defaults give the embedded development mode: SQLite file, eager Celery, console e-mail.
Production sets DJANGO_DEBUG=false and the variables below; `manage.py check --deploy`
passes with no warnings then.
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env(
    DJANGO_DEBUG=(bool, True),
    DJANGO_SECRET_KEY=(str, ""),
    DJANGO_ALLOWED_HOSTS=(list, ["127.0.0.1", "localhost", "[::1]"]),
    DJANGO_CSRF_TRUSTED_ORIGINS=(list, []),
    DATABASE_URL=(str, f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}"),
    CELERY_BROKER_URL=(str, ""),
    CELERY_RESULT_BACKEND=(str, ""),
    CACHE_URL=(str, ""),
    TORI_PROXY_COUNT=(int, 0),
    DEFAULT_FROM_EMAIL=(str, "Tori <noreply@tori.example>"),
    DJANGO_SECURE=(bool, None),
    DJANGO_HSTS_SECONDS=(int, 31536000),
    MEDIA_ROOT=(str, str(BASE_DIR / "var" / "media")),
    STATIC_ROOT=(str, str(BASE_DIR / "var" / "static")),
    TORI_LOCALE_PATH=(str, str(BASE_DIR / "locale")),
    TORI_LOG_LEVEL=(str, "INFO"),
    EXPERT_SESSION_IDLE_SECONDS=(int, 30 * 60),
    TORI_SITE_URL=(str, "http://127.0.0.1:8000"),
    TORI_ACCESSIBILITY_EMAIL=(str, "saavutettavuus@tori.example"),
)
environ.Env.read_env(BASE_DIR / ".env")  # optional; real environment variables win

DEBUG = env("DJANGO_DEBUG")
SECRET_KEY = env("DJANGO_SECRET_KEY") or (
    "django-insecure-dev-only-key-never-use-in-production-0123456789abcdef" if DEBUG else ""
)
if not SECRET_KEY:
    raise environ.ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is false")
ALLOWED_HOSTS = env("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env("DJANGO_CSRF_TRUSTED_ORIGINS")
# Absolute address of the site, for links in e-mails sent outside a request (alerts).
TORI_SITE_URL = env("TORI_SITE_URL").rstrip("/")
# Where accessibility feedback (pages app) is e-mailed.
TORI_ACCESSIBILITY_EMAIL = env("TORI_ACCESSIBILITY_EMAIL")

INSTALLED_APPS = [
    "modeltranslation",  # must precede django.contrib.admin
    "tori.apps.ToriAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "axes",
    "tori",
    "profiles",
    "reference",
    "providers",
    "catalog",
    "matching",
    "expert",
    "skills",
    "jobs",
    "eservices",
    "pages",
    "situations",
    "syndication",
    "delivery",
    "openstats",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "tori.middleware.PostponedWorkMiddleware",  # inside MessageMiddleware: adds messages
    "tori.middleware.ControlCharactersMiddleware",  # NUL in a query string: 400
    "tori.middleware.SessionExpiredNoticeMiddleware",
    "tori.middleware.ExpertIdleTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires
]

ROOT_URLCONF = "tori.urls"
WSGI_APPLICATION = "tori.wsgi.application"
ASGI_APPLICATION = "tori.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tori.context_processors.navigation",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
else:
    DATABASES["default"]["CONN_MAX_AGE"] = 60
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


# --- Cache -------------------------------------------------------------------------------
def _cache_url(cache_url: str, broker_url: str) -> str:
    """CACHE_URL when set; else the broker's Redis with the next database number (broker on
    db 0 → cache on db 1); else "" (local memory, the embedded single-process mode)."""
    if cache_url or not broker_url.startswith(("redis://", "rediss://")):
        return cache_url
    from urllib.parse import urlsplit

    parts = urlsplit(broker_url)
    db = parts.path.strip("/")
    db = (int(db) + 1) % 16 if db.isdigit() else 1
    return parts._replace(path=f"/{db}").geturl()


# Throttle counters (API, password-reset mail) and login lockout live in the "default" cache:
# Redis when configured, so every gunicorn worker counts against the same limit.
TORI_CACHE_URL = _cache_url(env("CACHE_URL"), env("CELERY_BROKER_URL"))
if TORI_CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": TORI_CACHE_URL,
            "KEY_PREFIX": "tori",
        }
    }
elif TORI_CACHE_URL in ("", "locmem://"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    raise environ.ImproperlyConfigured("CACHE_URL must be redis://host:port/db or locmem://")

# --- Accounts -------------------------------------------------------------------------
AUTH_USER_MODEL = "profiles.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # login throttling comes first
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:dashboard"
LOGOUT_REDIRECT_URL = "home"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # also the lifetime of a sign-up confirmation link
# Account mail (password reset, sign-up confirmation) per hour: to one address, from one client
# address. Above either, the answer is the same but no mail is sent.
TORI_ACCOUNT_MAIL_LIMITS = {"address": 3, "client": 20, "period": 60 * 60}
# Reverse proxies in front of gunicorn that append to X-Forwarded-For; 0 = use the peer
# address. Throttles and lockout count per client address, so this must match the deployment.
TORI_PROXY_COUNT = env("TORI_PROXY_COUNT")

# Brute-force protection (django-axes, counters in the shared cache). Two separate counts:
# failures on one account from any address (5), and failures from one address on any
# accounts (50: many people share an address behind a mobile or workplace NAT). Either one
# reaching its limit pauses signing in for 15 minutes after the last failure. Non-existent
# accounts are counted the same way, so a lockout tells nothing about whether one exists.
AXES_HANDLER = "tori.ratelimit.LoginLockoutHandler"
AXES_CACHE = "default"
AXES_LOCKOUT_PARAMETERS = [["username"], ["ip_address"]]
AXES_FAILURE_LIMIT = 5  # per account
TORI_LOGIN_FAILURE_LIMITS = {"username": AXES_FAILURE_LIMIT, "ip_address": 50}
AXES_COOLOFF_TIME = 0.25  # hours
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "tori.ratelimit.login_username"
AXES_CLIENT_IP_CALLABLE = "tori.ratelimit.client_ip"
AXES_RESET_ON_SUCCESS = True  # a successful sign-in clears the account's count, not the address's
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False

OTP_TOTP_ISSUER = "Tori"
OTP_ADMIN_HIDE_SENSITIVE_DATA = True  # belt and braces: profiles/admin.py hides the keys anyway
# Wrong second-factor codes never lock the account (django-otp's per-device throttle would let
# anyone with the password lock the real expert out): profiles/otp_throttle.py slows down the
# session and the IP instead, and alerts when one account collects many wrong codes.
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0
TORI_OTP_SESSION_FREE_ATTEMPTS = 3  # then the session waits 2, 4, 8 … s (at most 5 min)
TORI_OTP_SESSION_MAX_DELAY_SECONDS = 300
TORI_OTP_IP_LIMIT = 30  # wrong codes from one IP address (any account) per hour
TORI_OTP_ACCOUNT_ALERT = 20  # wrong codes for one account per day: alert, never lock
# An administrator's enrolment code for connecting the first authenticator app is valid this long.
TORI_SECOND_FACTOR_ENROLMENT_HOURS = 72
EXPERT_SESSION_IDLE_SECONDS = env("EXPERT_SESSION_IDLE_SECONDS")
SESSION_COOKIE_AGE = 60 * 60 * 8
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# --- Internationalisation ----------------------------------------------------------------
LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", _("Finnish")), ("sv", _("Swedish")), ("en", _("English"))]
MODELTRANSLATION_DEFAULT_LANGUAGE = "fi"
MODELTRANSLATION_LANGUAGES = ("fi", "sv", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("fi", "en", "sv")
LOCALE_PATHS = [env("TORI_LOCALE_PATH")]
TIME_ZONE = "Europe/Helsinki"
USE_I18N = True
USE_TZ = True

# --- Static and media ------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env("STATIC_ROOT")
STATICFILES_DIRS = [BASE_DIR / "static"]
Path(STATIC_ROOT).mkdir(parents=True, exist_ok=True)
WHITENOISE_USE_FINDERS = DEBUG
MEDIA_URL = "/media/"
MEDIA_ROOT = env("MEDIA_ROOT")
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
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
TORI_MAX_UPLOAD_BYTES = 10 * 1024 * 1024

# --- E-mail --------------------------------------------------------------------------------
# Django 6.1 mailers, configured from one URL: consolemail://, smtp+tls://user:pw@host:587 ...
_email = env.email_url("EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25")
_smtp_options = {
    "host": _email.get("EMAIL_HOST"),
    "port": _email.get("EMAIL_PORT"),
    "username": _email.get("EMAIL_HOST_USER"),
    "password": _email.get("EMAIL_HOST_PASSWORD"),
    "use_tls": _email.get("EMAIL_USE_TLS"),
    "use_ssl": _email.get("EMAIL_USE_SSL"),
}
MAILERS = {
    "default": {
        "BACKEND": _email["EMAIL_BACKEND"],
        "OPTIONS": (
            {k: v for k, v in _smtp_options.items() if v not in (None, "")}
            if _email["EMAIL_BACKEND"].endswith("smtp.EmailBackend")
            else {}
        ),
    }
}
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL")

# --- Security ------------------------------------------------------------------------------
_secure = env("DJANGO_SECURE") if env("DJANGO_SECURE") is not None else not DEBUG
SECURE_SSL_REDIRECT = _secure
SESSION_COOKIE_SECURE = _secure
CSRF_COOKIE_SECURE = _secure
SECURE_HSTS_SECONDS = env("DJANGO_HSTS_SECONDS") if _secure else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = _secure
SECURE_HSTS_PRELOAD = _secure
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "tori.views.csrf_failure"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

# --- REST API --------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    # nesting limit and control-character check for every body (tori.parsers)
    "DEFAULT_PARSER_CLASSES": [
        "tori.parsers.JSONParser",
        "tori.parsers.FormParser",
        "tori.parsers.MultiPartParser",
    ],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 25,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {"anon": "120/minute", "user": "600/minute"},
    "NUM_PROXIES": TORI_PROXY_COUNT,  # counted in the "default" (shared) cache
    "EXCEPTION_HANDLER": "tori.api.exception_handler",
}
OPEN_STATISTICS_K = env.int("OPEN_STATISTICS_K", default=5)  # openstats: hide counts 1..k-1
# Open statistics are published per calendar quarter, this many days after it ends, then frozen.
OPEN_STATISTICS_LAG_DAYS = env.int("OPEN_STATISTICS_LAG_DAYS", default=14)
OPEN_STATISTICS_FIRST_QUARTER = env("OPEN_STATISTICS_FIRST_QUARTER", default="2025-Q1")
SPECTACULAR_SETTINGS = {
    "TITLE": "Tori API",
    "DESCRIPTION": "Employment and skills services, profiles, jobs and matching.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": "/api/v1/",
    # the refusals every view can give (400, 403, 404, 429; 401 for partner tokens)
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "tori.openapi.add_error_responses",
    ],
    # job-ad status appears in the jobs and the partner (syndication) representations
    "ENUM_NAME_OVERRIDES": {
        "JobAdStatusEnum": "jobs.models.JobAd.Status",
        "AttendanceStatusEnum": "delivery.models.Attendance.Status",
        "EserviceItemKindEnum": "eservices.models.EserviceItem.Kind",
        "EserviceItemStatusEnum": "eservices.models.EserviceItem.Status",
    },
}

# --- Celery --------------------------------------------------------------------------------
CELERY_BROKER_URL = env("CELERY_BROKER_URL")
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND") or (CELERY_BROKER_URL or None)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL  # embedded mode: no broker, run in-process
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# How soon a job whose worker died as a whole (SIGKILL, OOM, host lost) runs again: with
# acks_late a started job stays unacknowledged in Redis, and another (or the restarted) worker
# puts it back on the queue once it is older than the visibility timeout. 300 s (5 minutes)
# by default. Every task must finish well within it, so the hard time limit is derived from it
# (80 %, soft limit 70 %); longer work is split into chunk tasks that each fit (the nightly
# matching refresh, one feed per import task, one saved search per alert task). Retries with a
# countdown are held unacknowledged too, so retry delays stay below it as well.
TORI_VISIBILITY_TIMEOUT = env.int("CELERY_VISIBILITY_TIMEOUT", default=300)
CELERY_TASK_TIME_LIMIT = TORI_VISIBILITY_TIMEOUT * 8 // 10
CELERY_TASK_SOFT_TIME_LIMIT = TORI_VISIBILITY_TIMEOUT * 7 // 10
TORI_TASK_RETRY_DELAY_MAX = TORI_VISIBILITY_TIMEOUT // 2
# Publishing must fail fast when the broker is down (the request has already saved its data;
# tori.queue records the job in the outbox): a 2 s connect timeout and one quick retry,
# instead of kombu's and the Redis result backend's ~20 s of retries.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": TORI_VISIBILITY_TIMEOUT,
    # Workers look for overdue unacknowledged jobs every few seconds (kombu's default sweep is
    # every 100 s), so a lost job runs again within visibility timeout + this interval.
    "unacked_restore_interval": max(1, min(10, TORI_VISIBILITY_TIMEOUT // 10)),
    "unacked_restore_throttle": 1,
    "socket_connect_timeout": 2,
}
# A worker takes a job from Redis only when a process is free to start it, so no job waits in
# a worker's buffer while its visibility timeout runs (it would be delivered twice).
CELERY_WORKER_DISABLE_PREFETCH = True
# Task results are not used (tasks write to the database); only tori.healthcheck keeps one.
CELERY_TASK_IGNORE_RESULT = True
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = 2
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {
    "retry_policy": {"max_retries": 1, "interval_start": 0, "interval_step": 0.2}
}
CELERY_RESULT_EXPIRES = 60 * 60 * 24
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Periodic jobs; apps add theirs here (crontab reference: https://crontab.guru).
CELERY_BEAT_SCHEDULE: dict = {
    # The outbox (tori.models.PendingTask): jobs whose queueing failed after a commit are
    # queued again. Every minute; workers also replay it when they start.
    "tori-pending-tasks-replay": {
        "task": "tori.pending_tasks_replay",
        "schedule": 60,
        "options": {"expires": 50},
    },
    # Matching: full recomputation of recommendations, queued in chunks. Nightly at 02:30
    # (https://crontab.guru/#30_2_*_*_*); changes in between are recomputed after commit.
    "matching-recommendations-refresh-all": {
        "task": "matching.recommendations_refresh_all",
        "schedule": crontab(minute=30, hour=2),
        "options": {"expires": 3 * 60 * 60},
    },
    # Services not re-confirmed for six months turn outdated; providers are reminded.
    # Every 24 hours.
    "catalog-services-mark-outdated": {
        "task": "catalog.services_mark_outdated",
        "schedule": 24 * 60 * 60,
        "options": {"expires": 6 * 60 * 60},
    },
    # Published job ads past their application deadline expire. Every hour at :05
    # (https://crontab.guru/#5_*_*_*_*); listings also hide them at read time.
    "jobs-job-ads-expire": {
        "task": "jobs.job_ads_expire",
        "schedule": crontab(minute=5),
        "options": {"expires": 30 * 60},
    },
    # Saved job search alerts, one task per saved search. Daily at 07:00 Finnish time
    # (https://crontab.guru/#0_7_*_*_*).
    "jobs-saved-search-alerts": {
        "task": "jobs.saved_search_alerts_schedule",
        "schedule": crontab(minute=0, hour=7),
        "options": {"expires": 6 * 60 * 60},
    },
    # Partner job-ad feeds: one import task per enabled feed. Every hour at :20
    # (https://crontab.guru/#20_*_*_*_*).
    "syndication-feeds-import": {
        "task": "syndication.feeds_import_schedule",
        "schedule": crontab(minute=20),
        "options": {"expires": 30 * 60},
    },
    # Near-duplicate job ads across sources. Every hour at :45 (https://crontab.guru/#45_*_*_*_*).
    "syndication-duplicates-detect": {
        "task": "syndication.duplicates_detect",
        "schedule": crontab(minute=45),
        "options": {"expires": 30 * 60},
    },
}

# --- Outbound requests (tori.outbound) -----------------------------------------------------
# Ports besides 80 (http) and 443 (https) that partner addresses may use, e.g.
# TORI_OUTBOUND_PORTS=8443. Private, loopback and link-local addresses are always refused.
OUTBOUND_ALLOWED_PORTS = env.list("TORI_OUTBOUND_PORTS", cast=int, default=[])
# "host:port" pairs exempt from the address rule. Empty: only tests set it (their local
# feed server on 127.0.0.1).
OUTBOUND_ALLOWED_PRIVATE_HOSTS: list[str] = []

# --- Logging -------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {"client_error": {"()": "tori.logging.ClientErrorWithoutTraceback"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("TORI_LOG_LEVEL")},
    "loggers": {
        # 4xx: one warning line without the traceback (tori.logging)
        "django.request": {"filters": ["client_error"]},
        "axes": {"level": "WARNING"},
        "celery.app.trace": {"level": "WARNING"},  # one line per task is noise in eager mode
    },
}
