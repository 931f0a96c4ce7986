"""Integration: a real Celery worker on Redis sends through SMTP to a local sink, exactly once per address,
also when the worker is SIGKILLed mid-send and restarted."""

import signal
import time
from collections import Counter

import pytest
from django.db import transaction

from newsletters import tasks
from newsletters.factories import NewsletterPageFactory, newsletter_tree
from newsletters.models import Delivery, Mailing, Subscriber

pytestmark = pytest.mark.django_db(transaction=True)
COUNT = 500


def _subscribers(n):
    from django.utils import timezone

    now = timezone.now()
    Subscriber.objects.bulk_create(
        [Subscriber(email=f"lezer{i:04d}@example.org", is_public=True, confirmed_at=now) for i in range(n)]
    )
    return {f"lezer{i:04d}@example.org" for i in range(n)}


def _start(newsletter):
    mailing = Mailing.objects.create(newsletter=newsletter)
    with transaction.atomic():
        tasks.begin_sending(mailing)
    return mailing


def _wait_until_sent(mailing, timeout=180):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        mailing.refresh_from_db()
        if mailing.status == Mailing.Status.SENT:
            return
        time.sleep(0.3)
    raise AssertionError(f"not finished: {mailing.status} {mailing.counts()}")


def test_500_recipients_each_receive_exactly_once(celery_worker, smtp_sink):
    expected = _subscribers(COUNT)
    newsletter = NewsletterPageFactory(parent=newsletter_tree()[1], title="Vijfhonderd")
    celery_worker()
    mailing = _start(newsletter)
    _wait_until_sent(mailing)
    received = Counter(smtp_sink.recipients())
    assert set(received) == expected
    assert max(received.values()) == 1
    assert mailing.counts()["sent"] == COUNT
    message = smtp_sink.messages[0][1]
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.is_multipart() and {p.get_content_type() for p in message.walk()} >= {
        "text/plain",
        "text/html",
    }


def test_worker_killed_mid_send_and_restarted_still_sends_exactly_once(celery_worker, smtp_sink):
    expected = _subscribers(COUNT)
    newsletter = NewsletterPageFactory(parent=newsletter_tree()[1], title="Onderbroken")
    smtp_sink.stall_at = 230  # in the middle of the third chunk
    first = celery_worker()
    mailing = _start(newsletter)
    assert smtp_sink.stalled.wait(120), "the worker never reached the 230th message"
    first.stop(signal.SIGKILL)
    smtp_sink.release.set()
    counts = mailing.counts()
    assert counts["claimed"] > 0 and counts["queued"] > 0 and counts["sent"] == 229, counts

    tasks.recover_stale_claims(older_than=0)  # what beat does once NEWSLETTER_CLAIM_TIMEOUT has passed
    celery_worker()
    _wait_until_sent(mailing)
    received = Counter(smtp_sink.recipients())
    assert set(received) == expected
    assert [address for address, n in received.items() if n > 1] == []
    assert Delivery.objects.filter(mailing=mailing, status="sent").count() == COUNT
