"""How one chunk of a mailing goes out fast: its ledger rows claimed and marked, its SMTP connection.

``tasks.send_chunk`` says what happens (claim a range, send each row, mark it, give back what is left); this
module is the only place that knows how, including the parts that make a send about as fast as a plain SMTP
loop: no waiting for PostgreSQL's disk flush (``async_commit``), each "sent" mark pipelined through libpq
while the next message is built (``Chunk.mark_sent``), and messages handed straight to the open SMTP
connection (``Outbox``).

    chunk = claim(mailing_id, first_id, last_id)   # chunk.rows: [(pk, email), ...]
    chunk.skip_blocked()
    send = outbox.prepare(mailing, pk, email)
    chunk.settle(); send(); chunk.mark_sent(pk)    # or chunk.mark_failed(pk, exc)
    chunk.release()                                # unsent rows back in the queue
"""

import smtplib
import uuid
import weakref
from contextlib import contextmanager
from functools import cache

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.core.mail.message import sanitize_address
from django.db import DatabaseError, transaction
from django.db import connection as db_connection
from django.db.models import F
from django.utils import timezone
from psycopg import pq

from .mail import build_message
from .models import Delivery, Suppression


@contextmanager
def async_commit():
    """On PostgreSQL, don't wait for the disk flush when claiming and marking rows (NEWSLETTER_ASYNC_COMMIT).

    A mark is visible to every other session the moment its UPDATE returns, so a killed worker or a retried
    task never re-sends a marked row. Only a crash of PostgreSQL itself could lose the last fraction of a second
    of claims and marks (at most 3 x wal_writer_delay), and those few addresses would get a second copy (same
    Message-ID). Waiting for the flush costs ~6 ms per message, about half the speed of a plain SMTP loop.
    """
    if db_connection.vendor != "postgresql" or not settings.NEWSLETTER_ASYNC_COMMIT:
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
    """Whether a send error is the server refusing this address for good (5xx), not a passing problem."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _msg in exc.recipients.values())
    if isinstance(exc, smtplib.SMTPResponseException):
        return exc.smtp_code >= 500
    return type(exc).__name__ == "AnymailRecipientsRefused"


# --- the ledger rows of one chunk ------------------------------------------------------------------------


def claim(mailing_id, first_id, last_id):
    """Take the range's queued rows for this run, in one short transaction (SKIP LOCKED on PostgreSQL)."""
    token = uuid.uuid4()
    with transaction.atomic():
        rows = list(
            Delivery.objects.select_for_update(skip_locked=True)
            .filter(mailing_id=mailing_id, pk__range=(first_id, last_id), status=Delivery.Status.QUEUED)
            .order_by("pk")
            .values_list("pk", "email")
        )
        Delivery.objects.filter(pk__in=[pk for pk, _email in rows], status=Delivery.Status.QUEUED).update(
            status=Delivery.Status.CLAIMED, claim=token, claimed_at=timezone.now(), attempts=F("attempts") + 1
        )
    return Chunk(token, rows)


class Chunk:
    """The rows one run claimed, ``rows`` as (pk, email). Each mark is committed before the next message is
    handed to the server, so a killed worker leaves at most the one accepted-but-unmarked message in flight.

    On PostgreSQL ``mark_sent`` sends its UPDATE the moment the server accepted a message (autocommit:
    PostgreSQL commits it on its own) and ``settle`` reads its result once the next message is built and
    rendered, just before that one goes out; by then it has usually arrived, so the building overlaps the
    database's work instead of waiting for it. A blocking statement per message (and the ORM building it
    anew) made a send about twice as slow as a plain SMTP loop; the UPDATE is a prepared statement. Nothing
    else may use the database connection between ``mark_sent`` and ``settle``; the other methods here settle
    first.
    """

    def __init__(self, token, rows):
        self.token = token
        self.rows = rows
        self.pgconn = None
        self.token_param = str(token).encode()
        if db_connection.vendor == "postgresql" and db_connection.get_autocommit():
            db_connection.ensure_connection()
            self.pgconn = db_connection.connection.pgconn
            _prepare_mark(self.pgconn)
        self.pending = False

    def skip_blocked(self):
        """Leave out addresses that unsubscribed, bounced or complained since the ledger was written."""
        blocked = set(
            Suppression.objects.filter(email__in=[e for _pk, e in self.rows]).values_list("email", flat=True)
        )
        if blocked:
            Delivery.objects.filter(claim=self.token, email__in=blocked).update(
                status=Delivery.Status.SKIPPED
            )
            self.rows = [(pk, e) for pk, e in self.rows if e not in blocked]

    def mark_sent(self, pk):
        if self.pgconn is None:
            Delivery.objects.filter(pk=pk, claim=self.token).update(
                status=Delivery.Status.SENT, sent_at=timezone.now()
            )
            return
        self.pgconn.send_query_prepared(_MARK_NAME, [str(pk).encode(), self.token_param])
        self.pending = True

    def settle(self):
        """Read the outstanding mark's result; raises if PostgreSQL refused it."""
        if not self.pending:
            return
        self.pending, error = False, None
        while (result := self.pgconn.get_result()) is not None:
            if result.status != pq.ExecStatus.COMMAND_OK:
                error = result.error_message.decode(errors="replace")
        if error:
            raise DatabaseError(error)

    def mark_failed(self, pk, error):
        self.settle()
        Delivery.objects.filter(pk=pk, claim=self.token).update(
            status=Delivery.Status.FAILED, error=str(error)
        )

    def release(self):
        """Give the unsent rows back to the queue (before a retry or on cancel)."""
        self.settle()
        Delivery.objects.filter(claim=self.token, status=Delivery.Status.CLAIMED).update(
            status=Delivery.Status.QUEUED, claim=None, claimed_at=None
        )


_MARK_NAME = b"nnr_mark_sent"
# The time is the database's (the statement's own, in autocommit), so the worker formats nothing per message.
_MARK_SQL = (
    f"UPDATE {Delivery._meta.db_table} SET status = '{Delivery.Status.SENT.value}', sent_at = now() "
    "WHERE id = $1 AND claim = $2"
).encode()
_PREPARED = weakref.WeakSet()  # connections that know _MARK_NAME


def _prepare_mark(pgconn):
    """Prepare the mark once per database connection: PostgreSQL then skips parsing and planning it for
    every message (a third of the mark's cost on the server, which shares the cores with the worker)."""
    if pgconn in _PREPARED:
        return
    result = pgconn.prepare(_MARK_NAME, _MARK_SQL)
    if result.status != pq.ExecStatus.COMMAND_OK:
        raise DatabaseError(result.error_message.decode(errors="replace"))
    _PREPARED.add(pgconn)


def fail_queued(mailing_id, first_id, last_id, error):
    """A chunk out of retries: its rows still queued are failed, so the mailing can finish."""
    Delivery.objects.filter(
        mailing_id=mailing_id, pk__range=(first_id, last_id), status=Delivery.Status.QUEUED
    ).update(status=Delivery.Status.FAILED, error=str(error))


def requeue_stale(mailing, cutoff):
    """Put rows a dead worker claimed before `cutoff` back in the queue; returns their ids."""
    with transaction.atomic():
        ids = list(
            Delivery.objects.select_for_update(skip_locked=True)
            .filter(mailing=mailing, status=Delivery.Status.CLAIMED, claimed_at__lt=cutoff)
            .values_list("pk", flat=True)
        )
        Delivery.objects.filter(pk__in=ids).update(status=Delivery.Status.QUEUED, claim=None, claimed_at=None)
    return ids


# --- the mail connection of one chunk --------------------------------------------------------------------


class Outbox:
    """One mail connection for a chunk. ``prepare`` does everything for a message but the sending.

    Django's SMTP backend parses the sender's and the recipient's address anew for every message, which cost
    about a fifth of a newsletter's sending time. So with that backend the message is rendered in ``prepare``
    and later goes straight to the open SMTP connection: the sender parsed once, a plain-ASCII recipient as it
    is (which is what the parsing returns for it). Other backends (an e-mail API, the test outbox) and
    internationalised addresses get ``message.send``.
    """

    def __init__(self):
        self.connection = get_connection()
        self.domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip(">")

    def open(self):
        self.connection.open()

    def close(self):
        try:
            self.connection.close()
        except Exception:  # a connection that already broke cannot be closed politely
            pass

    def prepare(self, mailing, pk, email):
        """What sends ``mailing`` to ``email`` (ledger row ``pk``), with a Message-ID fixed per row, so a
        receiving system can drop the one copy a killed worker may send twice."""
        message = build_message(
            mailing.subject,
            mailing.html,
            mailing.text,
            email,
            message_id=f"<nieuwsbrief-{mailing.pk}-{pk}@{self.domain}>",
            connection=self.connection,
        )
        smtp = self.connection.connection if isinstance(self.connection, SMTPBackend) else None
        recipients = message.recipients()
        if smtp is None or not all(map(str.isascii, recipients)):
            return message.send
        envelope_sender = _envelope_sender(message.from_email)
        data = message.message().as_bytes(linesep="\r\n")
        return lambda: smtp.sendmail(envelope_sender, recipients, data)


@cache
def _envelope_sender(from_email):
    return sanitize_address(from_email, settings.DEFAULT_CHARSET)
