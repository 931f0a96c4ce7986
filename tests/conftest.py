"""Shared fixtures. Services (PostgreSQL, Redis, a Celery worker, Chromium) are skipped when absent,
except with NNR_REQUIRE_SERVICES=1 (CI), where a missing service fails the test instead."""

import datetime
import os
import shutil
import socket
import time
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page

from home import factories as site_factories
from home.models import ContentPage
from network.factories import ContactUserFactory, CorePartnerUserFactory, OfficeUserFactory
from network.models import Role

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


@pytest.fixture(scope="session", autouse=True)
def _end_stray_connections(django_db_setup, django_db_blocker):
    """Threads of the live server can outlive a browser test with a database session still open, which
    stops PostgreSQL from dropping the test database; end those sessions before it is dropped."""
    yield
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


@pytest.fixture(autouse=True)
def _log_in_like_a_browser(monkeypatch):
    """Log-ins in tests pass the same protections as a browser's log-in does.

    `client.login` hands django-axes a request (it counts failed attempts per address and refuses a log-in
    without one). `client.force_login` of a user who owes the second step (the office, administrators,
    core partners, or anyone with an authenticator app) also passes that step, as the code page would:
    with the user's app, or a new one with the demo secret.
    """
    from django.http import HttpRequest
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY

    from accounts.demo import give_demo_app
    from accounts.policy import owed

    password_login, force_login = Client.login, Client.force_login

    def login(self, **credentials):
        if "request" not in credentials:
            credentials["request"] = HttpRequest()
            credentials["request"].META["REMOTE_ADDR"] = "127.0.0.1"
        return password_login(self, **credentials)

    def force_login_verified(self, user, backend=None):
        force_login(self, user, backend)
        if owed(user):
            session = self.session
            session[DEVICE_ID_SESSION_KEY] = give_demo_app(user).persistent_id
            session.save()

    monkeypatch.setattr(Client, "login", login)
    monkeypatch.setattr(Client, "force_login", force_login_verified)


@pytest.fixture(autouse=True)
def _clean_caches():
    """Wagtail caches site root paths; a test must not see another test's site."""
    cache.clear()
    yield
    cache.clear()


def at(day):
    """Noon on that day, in the site's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


@pytest.fixture
def site_home(db):
    """The home page, root of the default site: the one way a test gets (or makes) it."""
    return site_factories.site_home()


@pytest.fixture
def office_user(db):
    return OfficeUserFactory(username="bureau")


@pytest.fixture
def me(db):
    """Ilse, contact person of the partner GGD Twente, with an account of her own."""
    return ContactUserFactory(
        username="ik",
        email="ik@ggd.example.org",
        contact__name="Ilse",
        contact__participant__name="GGD Twente",
        contact__participant__region="twente",
        contact__participant__sector="ggd",
    ).contact_person


@pytest.fixture
def office_client(client, office_user):
    """The test client, logged in as someone of the office."""
    client.force_login(office_user)
    return client


@pytest.fixture
def office_user2(db):
    return OfficeUserFactory(username="bureau2")


@pytest.fixture
def core_partner_user(db):
    return CorePartnerUserFactory(
        username="kern", contact__name="kern", contact__participant__name="Kernorganisatie"
    )


@pytest.fixture
def partner_user(db):
    return ContactUserFactory(
        username="partner", contact__name="partner", contact__participant__name="GGD Test"
    )


@pytest.fixture
def supporter_user(db):
    return ContactUserFactory(
        username="supporter",
        role=Role.SUPPORTER,
        contact__name="supporter",
        contact__participant__name="Sportclub",
    )


@pytest.fixture
def rules_page(db):
    """The network's rules page and the published texts (version 1 of each) that an application agrees to."""
    from onboarding.factories import published_texts

    site_factories.ensure_wagtail_tree()  # a transactional test may have flushed the migrated rows
    published_texts()
    page = ContentPage(title="Spelregels", slug="spelregels")
    Page.get_first_root_node().add_child(instance=page)
    return page


def _load_demo():
    site_factories.ensure_wagtail_tree()
    call_command("load_demo", stdout=open(os.devnull, "w"))


def _demo_is_loaded():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(username="bureau").exists()


def _is_transactional(item):
    marker = item.get_closest_marker("django_db")
    return bool(
        {"transactional_db", "live_server"} & set(item.fixturenames)
        or (marker and marker.kwargs.get("transaction"))
    )


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Tests on the demo network run last, those in a rolled-back transaction before the transactional ones.

    The demo is loaded once and committed (`_demo_network`): a test without `demo` that ran after it would find
    the demo's rows. A transactional test flushes the database when it ends, so each of those loads its own.
    The sort is stable: pytest-django's order stays within each group.
    """
    items.sort(key=_order)


def _order(item):
    """0: no demo; 1: demo, rolled back; 2: demo, transactional, the long crawl's two halves first (under
    pytest-xdist each process takes one, on the demo it loaded before; a later transactional test loads it again)."""
    if "demo" not in item.fixturenames:
        return 0
    if not _is_transactional(item):
        return 1
    return 2 if "crawl" in item.nodeid else 3


@pytest.fixture(scope="session")
def _demo_network(django_db_setup, django_db_blocker):
    """Loading the demo takes half a minute: load it once, committed, for every test that reads it."""
    with django_db_blocker.unblock():
        _load_demo()


@pytest.fixture
def demo(request, _demo_network):
    """The demo network, as `make run` shows it. A test's changes are rolled back; after a transactional
    test flushed the database, the next one loads it again."""
    request.getfixturevalue("transactional_db" if _is_transactional(request.node) else "db")
    if not _demo_is_loaded():
        _load_demo()


@pytest.fixture
def browser_page(chromium_path, live_server, transactional_db, monkeypatch):
    """A Playwright page in Debian's chromium, pointed at the live test server (`page.base_url`)."""
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop
    site_factories.ensure_wagtail_tree()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        context = browser.new_context(base_url=live_server.url, locale="nl-NL")
        page = context.new_page()
        page.set_default_timeout(15_000)
        yield page
        context.close()
        browser.close()


def login(page, username, password="pw"):
    """Log in through the site's own login form; a user who must use two-step verification types the code
    of an authenticator app with the demo secret (given to the user first when it has no app yet)."""
    from django.contrib.auth import get_user_model

    from accounts.demo import give_demo_app, next_code
    from accounts.policy import needs_second_factor

    user = get_user_model().objects.filter(username=username).first()
    device = give_demo_app(user) if user and needs_second_factor(user) else None
    page.goto("/login/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    if device:
        page.wait_for_url("**/inloggen/code/**")
        page.get_by_label("Code").fill(next_code(device))
        page.get_by_role("button", name="Bevestigen").click()
    # Wait until the browser has arrived where the log-in sends it: closing or steering a page while that
    # navigation commits can hang Chromium (microsoft/playwright#42366, #41900).
    page.wait_for_url(lambda url: "/login/" not in url and "/inloggen/code/" not in url)


def resize_and_fit(page, width, height=900, seconds=5):
    """Resize the page and wait until it is laid out at the new width and nothing is wider: polled from
    Python, as Playwright's wait_for_function polls a string with eval, which the site's CSP forbids (it only
    works when the condition is already true at the first look)."""
    page.set_viewport_size({"width": width, "height": height})
    deadline = time.monotonic() + seconds
    while True:
        inner, scroll = page.evaluate("[window.innerWidth, document.documentElement.scrollWidth]")
        if (inner == width and scroll <= width) or time.monotonic() > deadline:
            break
        page.wait_for_timeout(100)
    assert inner == width and scroll <= width, f"{scroll} px wide at {width} px"
