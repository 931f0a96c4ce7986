"""Faults with the real services: Redis stopped in the middle of a newsletter send and started again (empty),
the worker killed; every recipient still gets the newsletter exactly once. And the site keeps serving pages
while its cache (Redis) is down.

These tests start their OWN redis-server on a free port (never the shared one on 6379) and override the
`redis_url` fixture with it, so the newsletters app's worker fixtures run against it."""

import shutil
import signal
import socket
import subprocess
import time
from collections import Counter

import pytest
import redis
from django.core.cache import cache
from django.db import transaction

from nnr_site.processes import REDIS_SERVER, redis_server_command
from tests.conftest import need

pytestmark = pytest.mark.redis


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class OwnRedis:
    """A throw-away redis-server without persistence: a restart comes back empty, as after a crash."""

    def __init__(self):
        self.port = _free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            redis_server_command(self.port),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis.from_url(self.url)
        for _ in range(100):
            try:
                if client.ping():
                    return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()


@pytest.fixture
def own_redis():
    need(shutil.which(REDIS_SERVER) is not None, "redis-server")
    server = OwnRedis()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def redis_url(own_redis):
    """Overrides tests/conftest.py's fixture: the worker fixtures use this test's own Redis."""
    return own_redis.url


def _wait(condition, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_redis_restart_and_killed_worker_lose_and_duplicate_nothing(own_redis, celery_worker, smtp_sink):
    from django.utils import timezone

    from newsletters import tasks
    from newsletters.factories import NewsletterPageFactory, newsletter_tree
    from newsletters.models import Delivery, Mailing, Subscriber
    from nnr_site.celery import app

    count = 200
    now = timezone.now()
    Subscriber.objects.bulk_create(
        [Subscriber(email=f"fout{i:04d}@example.org", is_public=True, confirmed_at=now) for i in range(count)]
    )
    expected = {f"fout{i:04d}@example.org" for i in range(count)}
    newsletter = NewsletterPageFactory(parent=newsletter_tree()[1], title="Storing")
    smtp_sink.stall_at = 120  # the worker is in the middle of a message when everything goes wrong

    first = celery_worker(NEWSLETTER_CHUNK_SIZE="25")
    mailing = Mailing.objects.create(newsletter=newsletter)
    with transaction.atomic():
        tasks.begin_sending(mailing)
    assert smtp_sink.stalled.wait(120), "the worker never reached the 120th message"

    own_redis.stop()  # Redis gone in the middle of a send: queued tasks are lost with it
    time.sleep(1)
    first.stop(signal.SIGKILL)  # and the worker dies with a message half-sent
    smtp_sink.release.set()  # that message is refused: the client vanished before '250 OK'
    own_redis.start()  # Redis back, empty
    app._after_fork()  # forget this process's broker connections to the old Redis

    counts = mailing.counts()
    assert counts["sent"] == 119 and counts["sent"] < count, counts
    tasks.recover_stale_claims(older_than=0)  # what beat does once NEWSLETTER_CLAIM_TIMEOUT has passed
    celery_worker(NEWSLETTER_CHUNK_SIZE="25")

    def finished():
        mailing.refresh_from_db()
        return mailing.status == Mailing.Status.SENT

    _wait(finished, 180, f"the mailing to finish ({mailing.counts()})")
    received = Counter(smtp_sink.recipients())
    assert set(received) == expected  # no loss
    assert [address for address, n in received.items() if n > 1] == []  # no duplicates
    assert Delivery.objects.filter(mailing=mailing, status="sent").count() == count


@pytest.mark.django_db
def test_site_keeps_serving_pages_while_the_cache_is_down(own_redis, client, settings, site_home):
    settings.CACHES = {
        "default": {
            "BACKEND": "nnr_site.cache.DegradingRedisCache",
            "LOCATION": own_redis.url,
            "KEY_PREFIX": "nnr",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1},
        }
    }
    cache.set("proef", "ja")
    assert cache.get("proef") == "ja"  # really on Redis
    assert client.get("/").status_code == 200

    own_redis.stop()
    started = time.monotonic()
    for path in ("/", "/zoeken/?q=rookvrij", "/login/", "/bestaat-niet/"):
        response = client.get(path)
        assert response.status_code in (200, 404), (path, response.status_code)
    assert time.monotonic() - started < 10  # misses are quick: no hanging on the dead server
    assert cache.get("proef", "standaard") == "standaard"
    assert cache.add("x", 1) is False and cache.get_many(["a", "b"]) == {}

    own_redis.start()
    cache.set("proef", "weer")
    assert cache.get("proef") == "weer"  # and it recovers by itself


def test_plain_redis_cache_would_have_crashed(own_redis, settings):
    """Control: without the degrading backend a stopped Redis raises, so the test above is meaningful."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": own_redis.url}
    }
    own_redis.stop()
    with pytest.raises(redis.ConnectionError):
        cache.get("proef")
