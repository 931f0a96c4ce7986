"""The shared send rate against real Redis, and a provider's bounce webhook over HTTP."""

import base64
import json
import time

import pytest

from newsletters.models import Suppression
from newsletters.ratelimit import KEY, TokenBucket


def test_rate_limit_is_shared_by_all_workers(redis_url):
    import redis

    redis.Redis.from_url(redis_url).delete(KEY)
    workers = [TokenBucket(redis_url, rate=100), TokenBucket(redis_url, rate=100)]  # two "workers"
    start = time.monotonic()
    for _ in range(30):
        for bucket in workers:
            bucket.acquire()
    elapsed = time.monotonic() - start
    # 60 tokens at 100/s with a burst of 100 at most, but both draw from one bucket: the burst is shared
    redis.Redis.from_url(redis_url).delete(KEY)
    slow = [TokenBucket(redis_url, rate=50, capacity=5), TokenBucket(redis_url, rate=50, capacity=5)]
    start = time.monotonic()
    for _ in range(30):
        for bucket in slow:
            bucket.acquire()
    slow_elapsed = time.monotonic() - start
    assert elapsed < slow_elapsed
    assert slow_elapsed >= (60 - 5 - 2 * 5) / 50 * 0.9  # beyond the burst, 50 per second for both together
    redis.Redis.from_url(redis_url).delete(KEY)


@pytest.mark.django_db
def test_postmark_hard_bounce_webhook_blocks_the_address(client, settings):
    settings.ANYMAIL = {"WEBHOOK_SECRET": "nnr:geheim"}
    auth = "Basic " + base64.b64encode(b"nnr:geheim").decode()
    payload = {
        "RecordType": "Bounce",
        "Type": "HardBounce",
        "TypeCode": 1,
        "Email": "Kapot@example.org",
        "MessageID": "abc",
        "Description": "The server was unable to deliver your message",
        "BouncedAt": "2026-11-29T10:00:00Z",
    }
    url = "/anymail/postmark/tracking/"
    assert client.post(url, json.dumps(payload), content_type="application/json").status_code == 400
    assert not Suppression.objects.exists()  # without the shared secret nothing happens
    response = client.post(url, json.dumps(payload), content_type="application/json", HTTP_AUTHORIZATION=auth)
    assert response.status_code == 200
    assert Suppression.objects.get(email="kapot@example.org").reason == Suppression.Reason.BOUNCED
