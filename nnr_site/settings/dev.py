import os
import sys

from .base import *  # noqa: F403

DEBUG = True
ALLOWED_HOSTS = ["*"]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True


def served_site_url(argv, default):
    """The address `runserver` serves (`runserver 127.0.0.1:8810`, `runserver 8810`), so that links in mails
    point at the running site; `default` for any other command, or when SITE_URL was given."""
    if len(argv) < 2 or argv[1] != "runserver":
        return default
    where = next((arg for arg in argv[2:] if not arg.startswith("-")), "")
    host, _, port = where.rpartition(":") if ":" in where else ("", "", where)
    if not port.isdigit():
        return default
    return f"http://{host or '127.0.0.1'}:{port}"


if "SITE_URL" not in os.environ:
    SITE_URL = WAGTAILADMIN_BASE_URL = served_site_url(sys.argv, SITE_URL)  # noqa: F405
