"""Settings for bench/pages.py only: production-like (DEBUG off, cache on Redis, persistent connections), plus a
plain "ok" view and a query-count header so each page can be compared with the cheapest Django response."""

from .base import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["*"]
ROOT_URLCONF = "nnr_site.bench"
MIDDLEWARE = ["nnr_site.bench.QueryCountMiddleware", *MIDDLEWARE]  # noqa: F405
DATABASES["default"]["CONN_MAX_AGE"] = 60  # noqa: F405
LOGGING["root"]["level"] = "ERROR"  # noqa: F405
