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
permanent ones (5xx) mark that row failed. All workers share one send rate (``ratelimit``).
"""

import logging
import random
import smtplib
import uuid
from contextlib import contextmanager

from celery import shared_task
from django.conf import settings
from django.core.mail import get_connection
from django.db import DatabaseError, models, transaction
from django.db import connection as db_connection
from django.db.models import F
from django.utils import timezone
from psycopg import pq

from network import audit

from .audience import all_addresses
from .mail import absolute, build_message, render_newsletter, sender
from .models import Delivery, Mailing, Suppression
from .ratelimit import bucket

logger = logging.getLogger(__name__)
LEDGER_BATCH = 1000
CANCEL_CHECK_EVERY = 25
SEND_TASK = {"acks_late": True, "reject_on_worker_lost": True}


def chunk_size():
    return int(getattr(settings, "NEWSLETTER_CHUNK_SIZE", 100))


def claim_timeout():
    return float(getattr(settings, "NEWSLETTER_CLAIM_TIMEOUT", 600))


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
    """Write one row per address; the unique constraint makes re-running this (after a crash) harmless."""
    batch = []
    for address in all_addresses(mailing.newsletter.specific):
        batch.append(address)
        if len(batch) >= LEDGER_BATCH:
            _insert(mailing, batch)
            batch = []
    _insert(mailing, batch)
    if db_connection.vendor == "postgresql":
        # Fresh statistics, so each chunk's claim reads its ~100 rows by primary key instead of walking every
        # queued row of the mailing (which made a send slower per message the longer the list).
        with db_connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {Delivery._meta.db_table}")
    Mailing.objects.filter(pk=mailing.pk).update(ledger_complete=True)


def _insert(mailing, addresses):
    addresses = {a for a in addresses if a}
    if not addresses:
        return
    blocked = set(Suppression.objects.filter(email__in=addresses).values_list("email", flat=True))
    Delivery.objects.bulk_create(
        [
            Delivery(
                mailing_id=mailing.pk,
                email=address,
                status=Delivery.Status.SKIPPED if address in blocked else Delivery.Status.QUEUED,
            )
            for address in sorted(addresses)
        ],
        ignore_conflicts=True,
    )


def enqueue_chunks(mailing_id, rows):
    """One task per ~100 rows, identified by an id range (a small JSON payload)."""
    size, ids = chunk_size(), []
    for pk in rows.order_by("pk").values_list("pk", flat=True).iterator(chunk_size=5000):
        ids.append(pk)
        if len(ids) == size:
            send_chunk.delay(mailing_id, ids[0], ids[-1])
            ids = []
    if ids:
        send_chunk.delay(mailing_id, ids[0], ids[-1])


# --- sending --------------------------------------------------------------------------------------------


@contextmanager
def async_commit():
    """On PostgreSQL, don't wait for the disk flush when claiming and marking rows (NEWSLETTER_ASYNC_COMMIT).

    A mark is visible to every other session the moment its UPDATE returns, so a killed worker or a retried
    task never re-sends a marked row. Only a crash of PostgreSQL itself could lose the last fraction of a second
    of claims and marks (at most 3 x wal_writer_delay), and those few addresses would get a second copy (same
    Message-ID). Waiting for the flush costs ~6 ms per message, about half the speed of a plain SMTP loop.
    """
    if db_connection.vendor != "postgresql" or not getattr(settings, "NEWSLETTER_ASYNC_COMMIT", True):
        yield
        return
    with db_connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO OFF")
    try:
        yield
    finally:
        with db_connection.cursor() as cursor:
            cursor.execute("RESET synchronous_commit")


def is_permanent(exc):
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _msg in exc.recipients.values())
    if isinstance(exc, smtplib.SMTPResponseException):
        return exc.smtp_code >= 500
    return type(exc).__name__ == "AnymailRecipientsRefused"


def claim_rows(mailing_id, first_id, last_id):
    """Take the range's queued rows for this run: (claim, [(pk, email), ...]) in one short transaction."""
    claim = uuid.uuid4()
    with transaction.atomic():
        rows = list(
            Delivery.objects.select_for_update(skip_locked=True)
            .filter(mailing_id=mailing_id, pk__range=(first_id, last_id), status=Delivery.Status.QUEUED)
            .order_by("pk")
            .values_list("pk", "email")
        )
        Delivery.objects.filter(pk__in=[pk for pk, _email in rows], status=Delivery.Status.QUEUED).update(
            status=Delivery.Status.CLAIMED, claim=claim, claimed_at=timezone.now(), attempts=F("attempts") + 1
        )
    return claim, rows


def release(claim):
    """Give a chunk's unsent rows back to the queue (before a retry or on cancel)."""
    Delivery.objects.filter(claim=claim, status=Delivery.Status.CLAIMED).update(
        status=Delivery.Status.QUEUED, claim=None, claimed_at=None
    )


class SentMarks:
    """Marks rows sent. Each mark is committed before the next message is handed to the server, so a killed
    worker leaves at most the one accepted-but-unmarked message in flight.

    On PostgreSQL the UPDATE is sent the moment the server accepted a message (autocommit: PostgreSQL commits
    it on its own) and its result is read once the next message is built and rendered, just before that one
    goes out; by then it has usually arrived, so the building overlaps the database's work instead of waiting
    for it. A blocking statement per message (and the ORM building it anew) made a send about twice as slow
    as a plain SMTP loop. Nothing else may use the database connection between ``send`` and ``wait``.
    """

    def __init__(self, claim):
        self.claim = claim
        self.pgconn = None
        if db_connection.vendor == "postgresql" and db_connection.get_autocommit():
            db_connection.ensure_connection()
            self.pgconn = db_connection.connection.pgconn
        self.pending = False

    def send(self, pk):
        if self.pgconn is None:
            Delivery.objects.filter(pk=pk, claim=self.claim).update(
                status=Delivery.Status.SENT, sent_at=timezone.now()
            )
            return
        params = [Delivery.Status.SENT.value, timezone.now().isoformat(), str(pk), str(self.claim)]
        self.pgconn.send_query_params(_MARK_SQL, [p.encode() for p in params])
        self.pending = True

    def wait(self):
        """Read the outstanding mark's result; raises if PostgreSQL refused it."""
        if not self.pending:
            return
        self.pending, error = False, None
        while (result := self.pgconn.get_result()) is not None:
            if result.status != pq.ExecStatus.COMMAND_OK:
                error = result.error_message.decode(errors="replace")
        if error:
            raise DatabaseError(error)


_MARK_SQL = (
    f"UPDATE {Delivery._meta.db_table} SET status = $1, sent_at = $2 WHERE id = $3 AND claim = $4"
).encode()


def _cancelled(mailing_id):
    return not Mailing.objects.filter(pk=mailing_id, status=Mailing.Status.SENDING).exists()


@shared_task(bind=True, max_retries=8, **SEND_TASK)
def send_chunk(self, mailing_id, first_id, last_id):
    with async_commit():
        return _send_chunk(self, mailing_id, first_id, last_id)


def _send_chunk(task, mailing_id, first_id, last_id):
    mailing = (
        Mailing.objects.filter(pk=mailing_id, status=Mailing.Status.SENDING)
        .only("pk", "subject", "html", "text")
        .first()
    )
    if mailing is None:
        return 0
    claim, rows = claim_rows(mailing_id, first_id, last_id)
    if not rows:
        finish_if_done(mailing_id)
        return 0
    blocked = set(
        Suppression.objects.filter(email__in=[e for _pk, e in rows]).values_list("email", flat=True)
    )
    if blocked:
        Delivery.objects.filter(claim=claim, email__in=blocked).update(status=Delivery.Status.SKIPPED)
        rows = [(pk, e) for pk, e in rows if e not in blocked]
    limiter, sent = bucket(), 0
    domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip(">")
    connection = get_connection()
    marks = SentMarks(claim)
    try:
        connection.open()
        for n, (pk, email) in enumerate(rows):
            if n and n % CANCEL_CHECK_EVERY == 0:
                marks.wait()
                if _cancelled(mailing_id):
                    release(claim)
                    return sent
            limiter.acquire()
            send = sender(
                connection,
                build_message(
                    mailing.subject,
                    mailing.html,
                    mailing.text,
                    email,
                    message_id=f"<nieuwsbrief-{mailing_id}-{pk}@{domain}>",
                    connection=connection,
                ),
            )
            marks.wait()  # the previous row's mark, committed while this message was being built
            try:
                send()
            except Exception as exc:
                if not is_permanent(exc):
                    raise
                Delivery.objects.filter(pk=pk, claim=claim).update(
                    status=Delivery.Status.FAILED, error=str(exc)
                )
                continue
            marks.send(pk)
            sent += 1
        marks.wait()
    except Exception as exc:
        marks.wait()
        release(claim)
        if task.request.retries >= task.max_retries:
            Delivery.objects.filter(
                mailing_id=mailing_id, pk__range=(first_id, last_id), status=Delivery.Status.QUEUED
            ).update(status=Delivery.Status.FAILED, error=str(exc))
            finish_if_done(mailing_id)
            raise
        countdown = min(600, 5 * 2**task.request.retries) + random.uniform(0, 3)
        logger.warning(
            "Nieuwsbrief %s: tijdelijke fout (%s), opnieuw over %.0f s", mailing_id, exc, countdown
        )
        raise task.retry(exc=exc, countdown=countdown) from exc
    finally:
        try:
            connection.close()
        except Exception:  # a connection that already broke cannot be closed politely
            pass
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
        seconds=claim_timeout() if older_than is None else older_than
    )
    resumed = 0
    for mailing in Mailing.objects.filter(status=Mailing.Status.SENDING, ledger_complete=True):
        with transaction.atomic():
            ids = list(
                Delivery.objects.select_for_update(skip_locked=True)
                .filter(mailing=mailing, status=Delivery.Status.CLAIMED, claimed_at__lt=cutoff)
                .values_list("pk", flat=True)
            )
            Delivery.objects.filter(pk__in=ids).update(
                status=Delivery.Status.QUEUED, claim=None, claimed_at=None
            )
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
    """'Test naar mij': the latest draft, to one address, outside the ledger."""
    from wagtail.models import Page

    page = Page.objects.get(pk=page_id).specific.get_latest_revision_as_object()
    html, text = render_newsletter(page)
    build_message(f"[TEST] {page.email_subject}", html, text, email).send()


@shared_task
def send_confirmation(email, token):
    """The double opt-in mail: the only mail an unconfirmed address ever gets."""
    from django.core.mail import send_mail
    from django.template.loader import render_to_string
    from django.urls import reverse
    from django.utils.translation import gettext as _

    url = absolute(reverse("newsletters:confirm", args=[token]))
    body = render_to_string("newsletters/email/confirm.txt", {"url": url})
    send_mail(_("Bevestig uw aanmelding voor de nieuwsbrief"), body, None, [email])


@shared_task
def assemble_digest():
    from .digest import assemble

    page = assemble()
    return page.pk if page else None
