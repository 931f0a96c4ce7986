"""Shared fixtures. Services (PostgreSQL, Redis, a Celery worker, Chromium) are skipped when absent,
except with NNR_REQUIRE_SERVICES=1 (CI), where a missing service fails the test instead."""

import os
import shutil
import socket
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command

REQUIRE_SERVICES = os.environ.get("NNR_REQUIRE_SERVICES") == "1"
CHROMIUM = os.environ.get("NNR_CHROMIUM", "/usr/bin/chromium")


def need(condition, what):
    """Skip (locally) or fail (CI) when a service the test needs is not there."""
    if condition:
        return
    if REQUIRE_SERVICES:
        pytest.fail(f"{what} is required (NNR_REQUIRE_SERVICES=1) but not available")
    pytest.skip(f"{what} not available")


def _reachable(url, default_port):
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or default_port), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture
def require_postgres():
    need(settings.DATABASES["default"]["ENGINE"].endswith("postgresql"), "PostgreSQL (DATABASE_URL)")


@pytest.fixture
def redis_url():
    url = os.environ.get("REDIS_URL", "")
    need(bool(url) and _reachable(url, 6379), "Redis (REDIS_URL)")
    return url


@pytest.fixture
def chromium_path():
    need(shutil.which(CHROMIUM) is not None or os.path.exists(CHROMIUM), "Chromium")
    return CHROMIUM


@pytest.fixture(autouse=True)
def _clean_caches():
    """Wagtail caches site root paths; a test must not see another test's site."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def demo(db):
    """The demo network, as `make run` shows it."""
    call_command("load_demo", stdout=open(os.devnull, "w"))
