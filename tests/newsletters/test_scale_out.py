"""Scale-out: two real Celery worker processes share one mailing. Each address gets it exactly once, both
workers send part of it, and together they keep to the one shared send rate (the token bucket in Redis).

Needs PostgreSQL (SKIP LOCKED claims) and Redis (broker and bucket); skipped without them unless
NNR_REQUIRE_SERVICES=1.
"""

import re
import threading
import time
from collections import Counter

import pytest
from django.db import transaction
from django.utils import timezone

from newsletters import tasks
from newsletters.factories import NewsletterPageFactory, newsletter_tree
from newsletters.models import Mailing, Subscriber
from newsletters.ratelimit import TokenBucket

pytestmark = pytest.mark.django_db(transaction=True)
COUNT, RATE = 900, 150  # messages; messages per second for both workers together


def _wait_until_sent(mailing, timeout=240):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        mailing.refresh_from_db()
        if mailing.status == Mailing.Status.SENT:
            return
        time.sleep(0.3)
    raise AssertionError(f"not finished: {mailing.status} {mailing.counts()}")


def _sent_by(worker):
    """Messages the worker's chunk tasks reported sent (Celery logs each task's return value)."""
    text = worker.log.read_text(errors="replace")
    return sum(int(n) for n in re.findall(r"send_chunk\[[^\]]+\] succeeded in [\d.e-]+s: (\d+)", text))


def test_two_workers_share_a_mailing_exactly_once_within_the_shared_rate(celery_worker, smtp_sink, redis_url):
    now = timezone.now()
    expected = [f"lezer{i:04d}@example.org" for i in range(COUNT)]
    Subscriber.objects.bulk_create([Subscriber(email=e, is_public=True, confirmed_at=now) for e in expected])
    newsletter = NewsletterPageFactory(parent=newsletter_tree()[1], title="Twee werkers")
    arrivals, lock = [], threading.Lock()

    def arrived(rcpts):
        with lock:
            arrivals.append(time.monotonic())

    smtp_sink.on_data = arrived
    workers = [celery_worker(NEWSLETTER_RATE_LIMIT=str(RATE)) for _ in range(2)]  # both ready before sending
    mailing = Mailing.objects.create(newsletter=newsletter)
    with transaction.atomic():
        tasks.begin_sending(mailing)
    _wait_until_sent(mailing)

    received = Counter(smtp_sink.recipients())
    assert sorted(received) == expected  # none missing, none extra
    assert [address for address, n in received.items() if n > 1] == []  # no duplicates
    assert mailing.counts()["sent"] == COUNT
    per_worker = [_sent_by(worker) for worker in workers]
    assert sum(per_worker) == COUNT and min(per_worker) > 0, per_worker  # both did part of the work

    # The shared bucket: at most a full bucket (one second's worth) at once, then RATE per second for both
    # together; each worker may hold one batch of tokens it took but has not used yet.
    bucket = TokenBucket(redis_url, RATE)  # its sizes only
    slack = bucket.capacity + 2 * bucket.batch
    arrivals.sort()
    for i, start in enumerate(arrivals):
        j = i
        while j + 1 < len(arrivals) and arrivals[j + 1] - start <= 1.0:
            j += 1
        assert j - i + 1 <= RATE + slack, f"{j - i + 1} messages within one second from message {i}"
    elapsed = arrivals[-1] - arrivals[0]
    assert elapsed >= (COUNT - slack) / RATE * 0.95, f"{COUNT} messages in {elapsed:.1f} s at {RATE}/s"
