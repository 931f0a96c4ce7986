"""Personal mails through the newsletter's ledger (the digest, the mail at once, a reaction, an answer): a
keyed ``Mailing`` stands for one send ("nieuw-in-uw-netwerk-2026-w49", "direct-pagina-123", "reactie-12") and
a ``Delivery`` row per address is claimed before its message goes out and marked sent right after
(``delivery``): a second run, a retried task or two workers at once find the row taken and send nothing again.
The newsletter tasks leave keyed mailings alone."""

from django.conf import settings
from django.utils import timezone

from . import delivery
from .models import Delivery, Mailing, Suppression


def keyed_mailing(key, subject):
    """The send under ``key``, made on first use; rows a worker claimed and died on are queued again."""
    mailing, _created = Mailing.objects.get_or_create(
        key=key,
        defaults={"subject": subject[:150], "status": Mailing.Status.SENDING, "started_at": timezone.now()},
    )
    cutoff = timezone.now() - timezone.timedelta(seconds=settings.NEWSLETTER_CLAIM_TIMEOUT)
    delivery.requeue_stale(mailing, cutoff)
    return mailing


def finish(mailing):
    Mailing.objects.filter(pk=mailing.pk).update(status=Mailing.Status.SENT, finished_at=timezone.now())


def undeliverable(emails):
    """Addresses that bounced or complained. An unsubscribe from the newsletter is not one: these mails have
    a consent and an unsubscribe link of their own."""
    return set(
        Suppression.objects.filter(email__in=emails)
        .exclude(reason=Suppression.Reason.UNSUBSCRIBED)
        .values_list("email", flat=True)
    )


def send_once(mailing, outbox, build, contact):
    """Send ``build(contact, message_id=…, connection=…)`` unless the contact's address already has this
    mailing's row claimed or sent. Returns whether it went out; a passing SMTP problem gives the row back and
    raises (the task retries), a permanent one marks the row failed."""
    email = contact.email.strip().lower()
    row, _created = Delivery.objects.get_or_create(mailing=mailing, email=email)
    chunk = delivery.claim(mailing.pk, row.pk, row.pk)
    if not chunk.rows:
        return False
    message = build(
        contact,
        message_id=f"<nieuwsbrief-{mailing.pk}-{row.pk}@{outbox.domain}>",
        connection=outbox.connection,
    )
    try:
        message.send()
    except Exception as exc:
        if not delivery.is_permanent(exc):
            chunk.release()
            raise
        chunk.mark_failed(row.pk, exc)
        return False
    chunk.mark_sent(row.pk)
    chunk.settle()
    return True


def send_each(key, subject, contacts, build):
    """``send_once`` to each contact (an address once, however many of its contacts are listed); returns how
    many went out. No recipients, no mailing: the office's list of mailings shows what was sent."""
    if not contacts:
        return 0
    mailing = keyed_mailing(key, subject)
    blocked = undeliverable([contact.email.strip().lower() for contact in contacts])
    outbox, sent, seen = delivery.Outbox(), 0, set()
    try:
        for contact in contacts:
            email = contact.email.strip().lower()
            if email in blocked or email in seen:
                continue
            seen.add(email)
            sent += send_once(mailing, outbox, build, contact)
    finally:
        outbox.close()
    finish(mailing)
    return sent
