"""Sending newsletters exactly once.

1. ``start_mailing`` renders the mail once and writes the ledger (one ``Delivery`` per address, unique per
   mailing) from a streamed recipient query, before any mail goes out; then it enqueues one ``send_chunk`` per
   ~100 queued rows (JSON payload: mailing id and an id range).
2. ``send_chunk`` claims the still-queued rows of its range atomically (one UPDATE per chunk, rows locked with
   SKIP LOCKED on PostgreSQL), sends them over one SMTP connection and marks each row sent right after the
   server accepted it. A task that runs twice (redelivery after a lost worker, a retry) finds the rows already
   claimed or sent and sends nothing again.
3. A worker killed mid-chunk leaves its unsent rows claimed; ``recover_stale_claims`` (beat, every minute)
   puts rows claimed longer than NEWSLETTER_CLAIM_TIMEOUT back in the queue and enqueues them again. Only the
   one message in flight at the moment of the kill (accepted by the server, not yet marked) can be sent twice;
   its fixed Message-ID lets receiving systems drop such a duplicate.

Transient SMTP problems (4xx, lost connections) release the chunk's unsent rows and retry it with back-off;
permanent ones (5xx) mark that row failed. All workers share one send rate (``ratelimit``). How rows are
claimed and marked and how a message reaches the SMTP server, fast, is in ``delivery``.
"""

import logging
import random

from celery import shared_task
from django.conf import settings
from django.core.mail import get_connection, send_mail
from django.db import connection as db_connection
from django.db import models, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from network import audit

from . import delivery
from .audience import all_addresses
from .digest import assemble
from .mail import absolute, build_message, render_newsletter
from .models import Delivery, Mailing, Suppression, TestMail
from .ratelimit import bucket

logger = logging.getLogger(__name__)
LEDGER_BATCH = 1000
CANCEL_CHECK_EVERY = 25
MAX_TEST_ADDRESSES = 10
SEND_TASK = {"acks_late": True, "reject_on_worker_lost": True}


# --- starting -------------------------------------------------------------------------------------------


def begin_sending(mailing, user=None):
    """Move a mailing to 'sending' (once, even when two people click) and start it after commit."""
    updated = Mailing.objects.filter(
        pk=mailing.pk,
        status__in=[Mailing.Status.DRAFT, Mailing.Status.SCHEDULED, Mailing.Status.CANCELLED],
    ).update(
        status=Mailing.Status.SENDING, started_at=timezone.now(), requested_by=user or mailing.requested_by
    )
    if updated:
        transaction.on_commit(lambda: start_mailing.delay(mailing.pk))
    return bool(updated)


@shared_task(**SEND_TASK)
def start_mailing(mailing_id):
    mailing = Mailing.objects.filter(pk=mailing_id, status=Mailing.Status.SENDING).first()
    if mailing is None:
        return
    if not mailing.html:
        page = mailing.newsletter.specific
        mailing.subject = page.email_subject
        mailing.html, mailing.text = render_newsletter(page)
        mailing.save(update_fields=["subject", "html", "text"])
    if not mailing.ledger_complete:
        build_ledger(mailing)
    enqueue_chunks(mailing.pk, Delivery.objects.filter(mailing=mailing, status=Delivery.Status.QUEUED))
    finish_if_done(mailing.pk)


def build_ledger(mailing):
    """Write one row per address, with the first of the mailing's segments that holds it (the report counts
    per segment); the unique constraint makes re-running this (after a crash) harmless, and as segments come
    in order, the row a conflict keeps is the first segment's."""
    batch = {}
    for address, segment_id in all_addresses(mailing.newsletter.specific):
        if address:
            batch.setdefault(address, segment_id)
        if len(batch) >= LEDGER_BATCH:
            _insert(mailing, batch)
            batch = {}
    _insert(mailing, batch)
    if db_connection.vendor == "postgresql":
        # Fresh statistics, so each chunk's claim reads its ~100 rows by primary key instead of walking every
        # queued row of the mailing (which made a send slower per message the longer the list).
        with db_connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {Delivery._meta.db_table}")
    Mailing.objects.filter(pk=mailing.pk).update(ledger_complete=True)


def _insert(mailing, segment_of):
    """Ledger rows for ``segment_of`` (address -> segment id)."""
    if not segment_of:
        return
    blocked = set(Suppression.objects.filter(email__in=list(segment_of)).values_list("email", flat=True))
    Delivery.objects.bulk_create(
        [
            Delivery(
                mailing_id=mailing.pk,
                email=address,
                segment_id=segment_id,
                status=Delivery.Status.SKIPPED if address in blocked else Delivery.Status.QUEUED,
            )
            for address, segment_id in sorted(segment_of.items())
        ],
        ignore_conflicts=True,
    )


def enqueue_chunks(mailing_id, rows):
    """One task per ~100 rows, identified by an id range (a small JSON payload)."""
    size, ids = settings.NEWSLETTER_CHUNK_SIZE, []
    for pk in rows.order_by("pk").values_list("pk", flat=True).iterator(chunk_size=5000):
        ids.append(pk)
        if len(ids) == size:
            send_chunk.delay(mailing_id, ids[0], ids[-1])
            ids = []
    if ids:
        send_chunk.delay(mailing_id, ids[0], ids[-1])


# --- sending --------------------------------------------------------------------------------------------


def _cancelled(mailing_id):
    return not Mailing.objects.filter(pk=mailing_id, status=Mailing.Status.SENDING).exists()


@shared_task(bind=True, max_retries=8, **SEND_TASK)
def send_chunk(self, mailing_id, first_id, last_id):
    with delivery.async_commit():
        return _send_chunk(self, mailing_id, first_id, last_id)


def _send_chunk(task, mailing_id, first_id, last_id):
    mailing = (
        Mailing.objects.filter(pk=mailing_id, status=Mailing.Status.SENDING)
        .only("pk", "subject", "html", "text")
        .first()
    )
    if mailing is None:
        return 0
    chunk = delivery.claim(mailing_id, first_id, last_id)
    if not chunk.rows:
        finish_if_done(mailing_id)
        return 0
    chunk.skip_blocked()
    limiter, sent = bucket(), 0
    outbox = delivery.Outbox()
    try:
        outbox.open()
        for n, (pk, email) in enumerate(chunk.rows):
            if n and n % CANCEL_CHECK_EVERY == 0:
                chunk.settle()
                if _cancelled(mailing_id):
                    chunk.release()
                    return sent
            limiter.acquire()
            send = outbox.prepare(mailing, pk, email)
            chunk.settle()  # the previous row's mark, committed while this message was being built
            try:
                send()
            except Exception as exc:
                if not delivery.is_permanent(exc):
                    raise
                chunk.mark_failed(pk, exc)
                continue
            chunk.mark_sent(pk)
            sent += 1
        chunk.settle()
    except Exception as exc:
        chunk.release()
        if task.request.retries >= task.max_retries:
            delivery.fail_queued(mailing_id, first_id, last_id, exc)
            finish_if_done(mailing_id)
            raise
        countdown = min(600, 5 * 2**task.request.retries) + random.uniform(0, 3)
        logger.warning(
            "Nieuwsbrief %s: tijdelijke fout (%s), opnieuw over %.0f s", mailing_id, exc, countdown
        )
        raise task.retry(exc=exc, countdown=countdown) from exc
    finally:
        outbox.close()
    finish_if_done(mailing_id)
    return sent


def finish_if_done(mailing_id):
    pending = Delivery.objects.filter(
        mailing_id=mailing_id, status__in=[Delivery.Status.QUEUED, Delivery.Status.CLAIMED]
    )
    if pending.exists():
        return
    finished = Mailing.objects.filter(
        pk=mailing_id, status=Mailing.Status.SENDING, ledger_complete=True
    ).update(status=Mailing.Status.SENT, finished_at=timezone.now())
    if finished:  # once, however many chunk tasks get here
        mailing = Mailing.objects.select_related("newsletter").get(pk=mailing_id)
        audit.record(
            audit.NEWSLETTER_SEND, mailing.newsletter, data={"step": "verstuurd", **mailing.counts()}
        )


# --- periodic -------------------------------------------------------------------------------------------


@shared_task
def recover_stale_claims(older_than=None):
    """Resume what dead workers left: claimed-but-unsent rows go back in the queue and are sent (once), and a
    mailing with no progress for the whole timeout gets its queued rows enqueued again (tasks a dead worker had
    reserved come back from the broker only after its visibility timeout). Extra tasks are harmless: a row is
    claimed by one task only."""
    cutoff = timezone.now() - timezone.timedelta(
        seconds=settings.NEWSLETTER_CLAIM_TIMEOUT if older_than is None else older_than
    )
    resumed = 0
    newsletters = Mailing.objects.filter(newsletter__isnull=False)  # a keyed mailing resumes itself
    for mailing in newsletters.filter(status=Mailing.Status.SENDING, ledger_complete=True):
        ids = delivery.requeue_stale(mailing, cutoff)
        recent = Delivery.objects.filter(mailing=mailing).filter(
            models.Q(sent_at__gte=cutoff) | models.Q(claimed_at__gte=cutoff)
        )
        if ids or (mailing.started_at and mailing.started_at < cutoff and not recent.exists()):
            enqueue_chunks(
                mailing.pk, Delivery.objects.filter(mailing=mailing, status=Delivery.Status.QUEUED)
            )
            resumed += 1
    return resumed


@shared_task
def dispatch_scheduled():
    """Start mailings whose planned time has come (beat runs this every minute)."""
    due = Mailing.objects.filter(status=Mailing.Status.SCHEDULED, scheduled_for__lte=timezone.now())
    for mailing in due:
        begin_sending(mailing)


@shared_task(**SEND_TASK)
def send_test(page_id, email):
    """A test mail: the latest draft, to one address, outside the ledger, marked as a test."""
    send_tests(page_id, [email])


@shared_task(**SEND_TASK)
def send_tests(page_id, emails, user_id=None):
    """Test mails to up to MAX_TEST_ADDRESSES colleagues: the latest draft, rendered once, outside the ledger
    (subject "[TEST]", a line saying so, header X-NNR-Test); each is listed as a TestMail on the send screen."""
    page = Page.objects.get(pk=page_id).specific.get_latest_revision_as_object()
    html, text = render_newsletter(page, test=True)
    connection = get_connection()
    with connection:
        for email in emails[:MAX_TEST_ADDRESSES]:
            build_message(
                f"[TEST] {page.email_subject}", html, text, email, connection=connection, test=True
            ).send()
            TestMail.objects.create(newsletter_id=page_id, email=email, requested_by_id=user_id)


def retry_failed(mailing, user=None):
    """'Mislukte opnieuw proberen': the mailing's failed rows go back in the queue and are sent once more
    (a blocked address is skipped as always). Returns how many rows were queued again."""
    with transaction.atomic():
        ids = list(
            Delivery.objects.select_for_update()
            .filter(mailing=mailing, status=Delivery.Status.FAILED)
            .values_list("pk", flat=True)
        )
        if not ids:
            return 0
        Delivery.objects.filter(pk__in=ids, status=Delivery.Status.FAILED).update(
            status=Delivery.Status.QUEUED, claim=None, claimed_at=None, error=""
        )
        Mailing.objects.filter(pk=mailing.pk).update(
            status=Mailing.Status.SENDING, finished_at=None, requested_by=user or mailing.requested_by
        )
        rows = Delivery.objects.filter(pk__in=ids, status=Delivery.Status.QUEUED)
        transaction.on_commit(lambda: enqueue_chunks(mailing.pk, rows))
    return len(ids)


@shared_task
def send_confirmation(email, token):
    """The double opt-in mail: the only mail an unconfirmed address ever gets."""
    url = absolute(reverse("newsletters:confirm", args=[token]))
    body = render_to_string("newsletters/email/confirm.txt", {"url": url})
    send_mail(_("Bevestig uw aanmelding voor de nieuwsbrief"), body, None, [email])


@shared_task
def assemble_digest():
    page = assemble()
    return page.pk if page else None
