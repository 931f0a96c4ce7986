"""Sending what people follow through the newsletter's ledger, so each mail goes once per address.

A keyed ``Mailing`` stands for one send: the week's digest ("nieuw-in-uw-netwerk-2026-w49") or the mail
at once about one page ("direct-pagina-123"). A ``Delivery`` row per address is claimed before its message
goes out and marked sent right after (``newsletters.delivery``): a second run, a retried task or two workers
at once find the row taken and send nothing again.
"""

import logging

from celery import shared_task
from django.conf import settings
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from coalitions.models import ActivityPage, CoalitionUpdate
from coalitions.updates import recipients
from knowledge.models import KnowledgeArticlePage
from newsletters import delivery
from newsletters.models import Delivery, Mailing, Suppression

from . import digest as digests
from .follows import digest_readers, followers_of_coalition, followers_of_themes
from .mail import DIGEST_SUBJECT, at_once_message, coalition_update_message, digest_message
from .models import Frequency

logger = logging.getLogger(__name__)
DIGEST_KEY = "nieuw-in-uw-netwerk-"
SEND_TASK = {"acks_late": True, "reject_on_worker_lost": True}


def week_key(day):
    year, week, _weekday = day.isocalendar()
    return f"{DIGEST_KEY}{year}-w{week:02d}"


def _mailing(key, subject):
    mailing, _created = Mailing.objects.get_or_create(
        key=key,
        defaults={"subject": subject, "status": Mailing.Status.SENDING, "started_at": timezone.now()},
    )
    cutoff = timezone.now() - timezone.timedelta(seconds=settings.NEWSLETTER_CLAIM_TIMEOUT)
    delivery.requeue_stale(mailing, cutoff)  # a worker that died mid-send
    return mailing


def _finish(mailing):
    Mailing.objects.filter(pk=mailing.pk).update(status=Mailing.Status.SENT, finished_at=timezone.now())


def _undeliverable(emails):
    """Addresses that bounced or complained. An unsubscribe from the newsletter is not one: these mails have
    a consent and an unsubscribe link of their own."""
    return set(
        Suppression.objects.filter(email__in=emails)
        .exclude(reason=Suppression.Reason.UNSUBSCRIBED)
        .values_list("email", flat=True)
    )


def _send_once(mailing, outbox, build, contact, *args):
    """Send ``build(contact, *args, message_id=…)`` to the contact unless its address already has this mailing's row
    claimed or sent. Returns whether it went out; a passing SMTP problem gives the row back and raises."""
    email = contact.email.strip().lower()
    row, _created = Delivery.objects.get_or_create(mailing=mailing, email=email)
    chunk = delivery.claim(mailing.pk, row.pk, row.pk)
    if not chunk.rows:
        return False
    message = build(
        contact,
        *args,
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


def last_digest_at(email):
    return Delivery.objects.filter(
        email=email.strip().lower(), status=Delivery.Status.SENT, mailing__key__startswith=DIGEST_KEY
    ).aggregate(last=Max("sent_at"))["last"]


@shared_task(bind=True, max_retries=5, **SEND_TASK)
def send_weekly_digests(self):
    """Beat, Monday morning: each reader's "Nieuw in uw netwerk", when something is new since its last one."""
    now = timezone.now()
    mailing = _mailing(week_key(timezone.localdate(now)), DIGEST_SUBJECT)
    readers = list(digest_readers())
    blocked = _undeliverable([c.email.lower() for c in readers])
    done = set(
        Delivery.objects.filter(mailing=mailing)
        .exclude(status=Delivery.Status.QUEUED)
        .values_list("email", flat=True)
    )
    outbox, sent = delivery.Outbox(), 0
    try:
        for contact in readers:
            email = contact.email.strip().lower()
            if email in blocked or email in done:
                continue
            done.add(email)  # one digest per address, whichever of its contact persons comes first
            since = last_digest_at(email) or now - digests.FIRST_DIGEST_LOOKS_BACK
            content = digests.assemble(contact, since, now)
            if not content.is_new:
                continue
            sent += _send_once(mailing, outbox, digest_message, contact, content)
    except Exception as exc:
        logger.warning("Nieuw in uw netwerk: tijdelijke fout (%s), later opnieuw", exc)
        raise self.retry(exc=exc, countdown=300) from exc
    finally:
        outbox.close()
    _finish(mailing)
    return sent


@shared_task(bind=True, max_retries=5, **SEND_TASK)
def send_at_once(self, page_id, publisher_id=None):
    """A short mail to those who chose "direct": a followed coalition's new activity, a new article on a
    followed theme. Once per page and address (the ledger), however often it is published again."""
    page = Page.objects.live().public().filter(pk=page_id).specific().first()
    if isinstance(page, ActivityPage):
        coalition = page.coalition
        readers = followers_of_coalition(coalition, Frequency.AT_ONCE)
        reason = _("U volgt de coalitie %(name)s.") % {"name": coalition.title}
    elif isinstance(page, KnowledgeArticlePage):
        themes = list(page.tags.all())
        readers = followers_of_themes(themes, Frequency.AT_ONCE).distinct()
        reason = _("U volgt het thema %(names)s.") % {"names": ", ".join(t.name for t in themes)}
    else:
        return 0
    readers = list(readers.exclude(user_id=publisher_id) if publisher_id else readers)
    if not readers:
        return 0  # no mailing without recipients: the office's list of mailings stays what was sent
    mailing = _mailing(f"direct-pagina-{page.pk}", page.title[:150])
    blocked = _undeliverable([c.email.lower() for c in readers])
    outbox, sent = delivery.Outbox(), 0
    try:
        for contact in readers:
            if contact.email.lower() in blocked:
                continue
            sent += _send_once(mailing, outbox, at_once_message, contact, page, reason)
    except Exception as exc:
        raise self.retry(exc=exc, countdown=60) from exc
    finally:
        outbox.close()
    _finish(mailing)
    return sent


@shared_task(bind=True, max_retries=5, **SEND_TASK)
def send_coalition_update(self, update_id):
    """A coalition's update to its members (issue 19.4), once per address however often this runs: the
    recipients are the members at the moment of sending, so nobody who left in between gets it."""
    update = (
        CoalitionUpdate.objects.select_related("coalition")
        .filter(pk=update_id, status=CoalitionUpdate.Status.SENT)
        .first()
    )
    if update is None:
        return 0
    readers = recipients(update.coalition)
    if not readers:
        return 0
    mailing = _mailing(f"coalitie-bericht-{update.pk}", update.subject[:150])
    blocked = _undeliverable([r.email.strip().lower() for r in readers])
    outbox, sent = delivery.Outbox(), 0
    try:
        for recipient in readers:
            if recipient.email.strip().lower() in blocked:
                continue
            sent += _send_once(mailing, outbox, coalition_update_message, recipient, update)
    except Exception as exc:
        raise self.retry(exc=exc, countdown=60) from exc
    finally:
        outbox.close()
    _finish(mailing)
    return sent
