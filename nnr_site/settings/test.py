from .base import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tests run tasks in-process unless a test starts a real worker itself.
CELERY_TASK_ALWAYS_EAGER = True
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
MEDIA_ROOT = VAR_DIR / "test-media"  # noqa: F405
PRIVATE_ROOT = VAR_DIR / "test-private"  # noqa: F405
STORAGES = {**STORAGES, "private": {**STORAGES["private"], "OPTIONS": {"location": PRIVATE_ROOT}}}  # noqa: F405
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Under pytest-xdist (`make test` runs two processes) each test process has its own Redis database, so a test
# that empties its broker or counts a rate limit does not meet the other's keys. The worker subprocesses the
# tests start read REDIS_URL from the environment, hence it is set there too.
_XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")  # noqa: F405
if REDIS_URL and _XDIST_WORKER.startswith("gw"):  # noqa: F405
    REDIS_URL = REDIS_URL.rsplit("/", 1)[0] + f"/{10 + int(_XDIST_WORKER[2:])}"  # noqa: F405
    os.environ["REDIS_URL"] = CELERY_BROKER_URL = REDIS_URL  # noqa: F405
