"""Settings shared by every environment; values that differ per machine come from the environment."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = Path(os.environ.get("NNR_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)  # the embedded SQLite database and dev mail live here

SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-not-secret-nnr")
DEBUG = False
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]

INSTALLED_APPS = [
    "accounts",
    "home",
    "network",
    "coalitions",
    "onboarding",
    "workflows",
    "governance",
    "knowledge",
    "newsletters",
    "events",
    "following",
    "conversations",
    "office",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "viewflow",
    "viewflow.workflow",
    "django_celery_beat",
    "anymail",
    "csp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "nnr_site.apps.NNRStaticFilesConfig",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # Outermost: a request id for every request (X-Request-ID) and one log line when it is answered (nnr_site/logs.py).
    "nnr_site.logs.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Anonymous visitors get stored pages (with their CSP header) before anything else runs: nnr_site/pagecache.py.
    "nnr_site.pagecache.PageCacheMiddleware",
    "csp.middleware.CSPMiddleware",
    "nnr_site.preview.PreviewFramingMiddleware",  # inside the CSP middleware: it answers before the header is built
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

# Viewflow would append its own middlewares on start-up; we list what we need ourselves.
VIEWFLOW = {"AUTOREGISTER": False}

ROOT_URLCONF = "nnr_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # Project templates come first so our 400/403/registration templates win over Viewflow's.
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "nnr_site.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
        conn_health_checks=True,  # a kept connection that died (database restart) is replaced, not used
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "/login/"
LOGIN_REDIRECT_URL = "/mijn/"  # what a participant logs in for: their tasks and their network
LOGOUT_REDIRECT_URL = "/"

# Always Dutch, whatever the browser asks: there is no English catalogue of our strings yet, and a Dutch
# page with English validation messages, or an English admin for an English browser, is worse than none.
# Editors can still pick English for the admin in their account settings.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # RedisCache that answers "miss" while Redis is down, so pages keep being served (nnr_site/cache.py).
            "BACKEND": "nnr_site.cache.DegradingRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "nnr",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# A logged-in request reads its session from the cache (Redis; in-process only in the one-process embedded
# default), the database being the fall-back and the record: one query less on every member page.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Celery: Redis when configured, otherwise tasks run in-process (the embedded default).
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
# Periodic tasks, all in one place; django-celery-beat copies them into its database schedule.
CELERY_BEAT_SCHEDULE = {
    "events-reminders": {  # mails tomorrow's meetings' registrations, once each
        "task": "events.tasks.send_reminders",
        "schedule": crontab(hour=9, minute=0),
    },
    "workflows-close-periods": {  # ends handover objection / exit hearing periods
        "task": "governance.tasks.close_expired_periods",
        "schedule": crontab(minute="*/15"),
    },
    "workflows-reflection": {  # starts a reflection once NNR_REFLECTION_INTERVAL_DAYS passed
        "task": "governance.tasks.start_due_reflection",
        "schedule": crontab(hour=8, minute=30),
    },
    "workflows-remind-stalled-tasks": {  # e.g. screening idle for 5 days reminds the office
        "task": "workflows.tasks.remind_stalled_tasks",
        "schedule": crontab(hour=8, minute=0),
    },
    "knowledge-search-hits": {  # searches counted in Redis into the search-term statistics
        "task": "knowledge.tasks.flush_search_hits",
        "schedule": crontab(minute="*/5"),
    },
    "workflows-remind-participants": {  # a successor's / hearing task idle for days
        "task": "governance.tasks.remind_participants",
        "schedule": crontab(hour=9, minute=15),
    },
    "network-delete-rejected-applications": {  # AVG: rejected applications expire
        "task": "onboarding.tasks.delete_rejected_applications",
        "schedule": crontab(hour=3, minute=30),
    },
    "newsletters-dispatch-scheduled": {  # starts mailings whose planned time has come
        "task": "newsletters.tasks.dispatch_scheduled",
        "schedule": 60.0,
    },
    "newsletters-recover-stale": {  # re-queues rows a dead worker claimed (NEWSLETTER_CLAIM_TIMEOUT)
        "task": "newsletters.tasks.recover_stale_claims",
        "schedule": 60.0,
    },
    "following-weekly-digest": {  # each reader's "Nieuw in uw netwerk", when something is new
        "task": "following.tasks.send_weekly_digests",
        "schedule": crontab(day_of_week="mon", hour=7, minute=30),
    },
    "newsletters-monthly-digest": {  # draft "Nieuws uit het netwerk" for the office
        "task": "newsletters.tasks.assemble_digest",
        "schedule": crontab(day_of_month=1, hour=7, minute=0),
    },
    "workflows-deadline-reminders": {  # a task's deadline is less than NNR_TASK_DEADLINE_REMINDER_HOURS away
        "task": "workflows.tasks.remind_deadlines",
        "schedule": crontab(minute=10),
    },
    "workflows-office-alerts": {  # tasks nobody can do, or waiting longer than NNR_TASK_ALERT_DAYS
        "task": "workflows.tasks.alert_office",
        "schedule": crontab(hour=8, minute=45),
    },
    "onboarding-remind-confirmations": {  # re-confirmation reminders after 14 and 28 days; yearly declarations
        "task": "onboarding.tasks.remind_confirmations",
        "schedule": crontab(hour=9, minute=30),
    },
}

# Periods and bounds of the network's rules (workflows/, network/); the code reads them from here only.
NNR_REFLECTION_INTERVAL_DAYS = int(os.environ.get("NNR_REFLECTION_INTERVAL_DAYS", "365"))
NNR_REJECTED_APPLICATION_RETENTION_DAYS = int(
    os.environ.get("NNR_REJECTED_APPLICATION_RETENTION_DAYS", "180")
)
# Each participant re-declares it is no tobacco industry this many months after its last declaration.
NNR_REDECLARATION_MONTHS = int(os.environ.get("NNR_REDECLARATION_MONTHS", "12"))
NNR_OBJECTION_DAYS = 7  # a handover's objection period
NNR_HEARING_DAYS = 14  # an exit request's hearing period
NNR_CORE_PARTNER_BOUNDS = (5, 8)  # how many core partners the network agreed on (fewest, most)

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = VAR_DIR / "mail"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "") == "1"
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Netwerk Nederland Rookvrij <netwerkbureau@example.org>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

WAGTAIL_SITE_NAME = "Netwerk Nederland Rookvrij"
WAGTAILADMIN_BASE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
SITE_URL = WAGTAILADMIN_BASE_URL
# No Gravatar: it would send a hash of every editor's e-mail address to a third party, and the avatars it
# returns show as broken images where the Content-Security-Policy blocks them.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Dutch stemming (sportverenigingen ~ sportvereniging) on every database: PostgreSQL's dutch configuration, or on
# SQLite the same Snowball stemmer in Python; and a site search of bounded cost (nnr_site/dutch_search/).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "nnr_site.dutch_search", "SEARCH_CONFIG": "dutch"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 5 * 1024 * 1024
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL

NNR_REQUIRE_SERVICES = os.environ.get("NNR_REQUIRE_SERVICES") == "1"

# Newsletters: sending rate shared by all workers (messages/second, 0 = unlimited), recipients per task,
# after how many seconds a claimed-but-unsent row of a dead worker is sent again, and whether claims and
# marks skip waiting for PostgreSQL's disk flush (newsletters/delivery.py says what that risks).
NEWSLETTER_RATE_LIMIT = float(os.environ.get("NEWSLETTER_RATE_LIMIT", "20"))
NEWSLETTER_CHUNK_SIZE = int(os.environ.get("NEWSLETTER_CHUNK_SIZE", "100"))
NEWSLETTER_CLAIM_TIMEOUT = int(os.environ.get("NEWSLETTER_CLAIM_TIMEOUT", "900"))
NEWSLETTER_ASYNC_COMMIT = True
# Bounce/complaint webhooks (django-anymail) are protected with HTTP basic auth "user:password".
ANYMAIL = {"WEBHOOK_SECRET": os.environ.get("ANYMAIL_WEBHOOK_SECRET", "")}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
# Production writes one JSON line per event to stdout (nnr_site/logs.py); Celery's worker and beat follow it.
NNR_JSON_LOGS = False

# Keep the label used in admin menus Dutch even before the catalogue loads.
NETWORK_NAME = _("Netwerk Nederland Rookvrij")

# Content-Security-Policy (django-csp): only our own origin, no inline scripts or styles, and no nonces either:
# pages are shared from the page cache, where a nonce would be reused. Wagtail's admin relies on inline
# scripts, so it is left out.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
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
    },
}
# A rate limit must not lock the public forms when the cache (Redis) is briefly down.
RATELIMIT_FAIL_OPEN = True
# Behind a reverse proxy every request comes from the proxy's address; name the header that carries the
# visitor's address (e.g. HTTP_X_REAL_IP) so rate limits and lock-outs apply per visitor, not to everyone.
RATELIMIT_IP_META_KEY = os.environ.get("RATELIMIT_IP_META_KEY") or "REMOTE_ADDR"

# Private uploads (issue 13): files not meant for everyone (handover documents) live outside MEDIA_ROOT in the
# "private" storage, which has no URL; only views that check access serve them (nnr_site/storage.py). In
# docker-compose this folder is its own volume. Wagtail documents stay in the default storage but are served
# only through Wagtail's serve view, which checks collection privacy; /media/ serves images only (nnr_site/urls.py).
PRIVATE_ROOT = Path(os.environ.get("NNR_PRIVATE_ROOT", VAR_DIR / "private"))
STORAGES["private"] = {"BACKEND": "nnr_site.storage.PrivateStorage", "OPTIONS": {"location": PRIVATE_ROOT}}
NNR_PRIVATE_UPLOAD_MAX_SIZE = 10 * 1024 * 1024
WAGTAILDOCS_SERVE_METHOD = "serve_view"

# SQLite, the embedded default, under simultaneous requests (e.g. four registrations at once): the write-ahead
# log lets readers go on while one request writes, the busy timeout lets a writer wait its turn instead of
# failing, and IMMEDIATE transactions take the write lock at the start, so two transactions that both read
# and then write cannot lock each other out ("database is locked").
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        }
    )

# Audit log (issue 13, "Logboek"): what is recorded during a request is by the logged-in user unless the code
# says otherwise (network/audit.py); after authentication, so request.user is known.
MIDDLEWARE += ["network.audit.AuditContextMiddleware"]

# Log-in protection (accounts/): lock-outs after repeated wrong passwords (django-axes) and a second factor
# (django-otp: an authenticator app, plus recovery codes). See accounts/lockout.py and accounts/policy.py.
INSTALLED_APPS += ["axes", "django_otp", "django_otp.plugins.otp_totp", "django_otp.plugins.otp_static"]
# Axes checks every attempt before the password is looked at; ModelBackend then does the real work (ours reads
# a user's permissions in one query: accounts/backends.py).
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "accounts.backends.ModelBackend"]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "django_otp.middleware.OTPMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django_otp.middleware.OTPMiddleware") + 1,
    "accounts.middleware.SecondFactorMiddleware",
)
MIDDLEWARE.append("axes.middleware.AxesMiddleware")  # turns a refused attempt into our lock-out page
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=30)
# Which attempts count together (per account, per address, or both): see accounts/lockout.py.
AXES_LOCKOUT_PARAMETERS = "accounts.lockout.lockout_parameters"
AXES_CLIENT_IP_CALLABLE = "network.access.client_ip"
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
# Trying again while locked does not move the end of the lock-out, so the time on the page stays true.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# No second, never-pruned log of addresses (AVG); failed attempts are deleted once their cool-off ends.
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ADMIN = False  # the office sees lock-outs in Wagtail (Instellingen → Geblokkeerde log-ins)
OTP_TOTP_ISSUER = "Netwerk Nederland Rookvrij"

# Tasks in the flows (workflows/reminders.py): the office is told about a task that has waited longer than this
# many days, and whoever can act on a task is reminded this many hours before its deadline.
NNR_TASK_ALERT_DAYS = int(os.environ.get("NNR_TASK_ALERT_DAYS", "14"))
NNR_TASK_DEADLINE_REMINDER_HOURS = 24

# Onboarding (issue 15): the office aims to screen an application within this many days of its e-mail address
# being confirmed; the screening task shows it as its deadline and reminds the office when it has passed.
NNR_SCREENING_TERM_DAYS = 5

# A CDN in front (issue 18): Wagtail's frontend cache purges a page's URLs when it is published or unpublished,
# and nnr_site/apps.py its ancestors too (the listings that show it), as the page cache starts anew.
# FRONTEND_CACHE=cloudflare (CLOUDFLARE_ZONE_ID, CLOUDFLARE_API_TOKEN), cloudfront (CLOUDFRONT_DISTRIBUTION_ID;
# needs boto3 and the usual AWS_* credentials) or http (FRONTEND_CACHE_URL: Varnish, Squid, nginx); unset: none.
FRONTEND_CACHE_BACKENDS = {
    "cloudflare": lambda need: {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": need("CLOUDFLARE_ZONE_ID"),
        "BEARER_TOKEN": need("CLOUDFLARE_API_TOKEN"),
    },
    "cloudfront": lambda need: {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": need("CLOUDFRONT_DISTRIBUTION_ID"),
    },
    "http": lambda need: {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": need("FRONTEND_CACHE_URL"),
    },
}


def frontend_cache(env):
    """WAGTAILFRONTENDCACHE from the environment; {} without FRONTEND_CACHE. A missing or empty variable is an
    error at start-up, not a publish that silently purges nothing."""
    from django.core.exceptions import ImproperlyConfigured

    kind = env.get("FRONTEND_CACHE", "").strip().lower()
    if not kind:
        return {}
    if kind not in FRONTEND_CACHE_BACKENDS:
        choices = ", ".join(FRONTEND_CACHE_BACKENDS)
        raise ImproperlyConfigured(f"FRONTEND_CACHE={kind!r}: choose one of {choices}.")

    def need(name):
        if not env.get(name, "").strip():
            raise ImproperlyConfigured(f"FRONTEND_CACHE={kind} needs the {name} environment variable.")
        return env[name].strip()

    return {"default": FRONTEND_CACHE_BACKENDS[kind](need)}


WAGTAILFRONTENDCACHE = frontend_cache(os.environ)
if WAGTAILFRONTENDCACHE:
    INSTALLED_APPS += ["wagtail.contrib.frontend_cache", "nnr_site.apps.FrontendCacheConfig"]
