"""Production: secrets and hosts must come from the environment; nothing insecure by default."""

import logging
import os

from django.core.exceptions import ImproperlyConfigured

from nnr_site.checks import KEY_HINT, secret_key_problem

from .base import *  # noqa: F403


def _required(name):
    value = os.environ.get(name, "")
    if not value:
        raise ImproperlyConfigured(f"Set the {name} environment variable for production.")
    return value


DEBUG = False
SECRET_KEY = _required("SECRET_KEY")
if _problem := secret_key_problem(SECRET_KEY):  # short, or known to anyone who read the repository
    raise ImproperlyConfigured(f"{_problem} {KEY_HINT}")
ALLOWED_HOSTS = _required("ALLOWED_HOSTS").split(",")
CSRF_TRUSTED_ORIGINS = [f"https://{h}" for h in ALLOWED_HOSTS if h and not h.startswith(".")]

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")

STORAGES = {
    **STORAGES,  # noqa: F405  (keeps the "private" storage)
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "1") == "1"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_HTTPONLY = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Logs (issue 18): one JSON line per event on stdout, with request id and user id, no personal data
# (nnr_site/logs.py). gunicorn's own lines follow deploy/gunicorn.conf.py, Celery's nnr_site/celery.py.
NNR_JSON_LOGS = True
logging.captureWarnings(True)  # Python's warnings as log lines (logger py.warnings), not loose text on stderr
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"context": {"()": "nnr_site.logs.ContextFilter"}},
    "formatters": {"json": {"()": "nnr_site.logs.JsonFormatter"}},
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json",
            "filters": ["context"],
        }
    },
    "root": {"handlers": ["stdout"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's request/server loggers propagate to the root; its 500 mails to ADMINS are not used.
        "django": {"level": os.environ.get("LOG_LEVEL", "INFO"), "propagate": True},
        "django.db.backends": {"level": "WARNING"},  # never SQL with its parameters
    },
}

# Errors to Sentry, only with SENTRY_DSN set: no personal data (no user e-mail or address, no request bodies,
# no local variables of the failing frame); SENTRY_TRACES_SAMPLE_RATE (default 0) adds performance traces.
if SENTRY_DSN := os.environ.get("SENTRY_DSN", ""):
    import sentry_sdk

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        send_default_pii=False,
        max_request_body_size="never",
        include_local_variables=False,
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
    )
