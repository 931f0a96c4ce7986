"""Telling the page's author of a new reaction and the asker of a new answer, through the newsletter's ledger:
a keyed ``Mailing`` per reaction or answer ("reactie-12", "antwoord-7") and a ``Delivery`` row per address,
claimed before sending (``newsletters.delivery.claim``), so a retried task or a second worker sends nothing
twice (as following/tasks.py does for the mails at once)."""

from celery import shared_task
from django.conf import settings
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from coalitions.models import ActivityPage
from network.models import ConsentRecord, Participant
from newsletters import delivery
from newsletters.models import Delivery, Mailing, Suppression

from .mail import answer_message, reaction_message
from .models import Answer, Reaction
from .rules import page_authors

SEND_TASK = {"acks_late": True, "reject_on_worker_lost": True}
CONSENT = ConsentRecord.Purpose.NETWORK_UPDATES


def _mailing(key, subject):
    mailing, _created = Mailing.objects.get_or_create(
        key=key,
        defaults={"subject": subject[:150], "status": Mailing.Status.SENDING, "started_at": timezone.now()},
    )
    cutoff = timezone.now() - timezone.timedelta(seconds=settings.NEWSLETTER_CLAIM_TIMEOUT)
    delivery.requeue_stale(mailing, cutoff)
    return mailing


def _blocked(emails):
    """Bounced or complained; an unsubscribe from the newsletter does not stop these mails."""
    return set(
        Suppression.objects.filter(email__in=emails)
        .exclude(reason=Suppression.Reason.UNSUBSCRIBED)
        .values_list("email", flat=True)
    )


def _send(key, subject, recipients, build):
    """Send ``build(contact, message_id=…, connection=…)`` to each recipient, once per key and address."""
    if not recipients:
        return 0
    mailing = _mailing(key, subject)
    blocked = _blocked([c.email.strip().lower() for c in recipients])
    outbox, sent, seen = delivery.Outbox(), 0, set()
    try:
        for contact in recipients:
            email = contact.email.strip().lower()
            if email in blocked or email in seen:
                continue
            seen.add(email)
            row, _created = Delivery.objects.get_or_create(mailing=mailing, email=email)
            chunk = delivery.claim(mailing.pk, row.pk, row.pk)
            if not chunk.rows:
                continue
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
                continue
            chunk.mark_sent(row.pk)
            chunk.settle()
            sent += 1
    finally:
        outbox.close()
    Mailing.objects.filter(pk=mailing.pk).update(status=Mailing.Status.SENT, finished_at=timezone.now())
    return sent


def reaction_recipients(reaction, page):
    consented = Exists(
        ConsentRecord.objects.filter(contact=OuterRef("pk"), purpose=CONSENT, withdrawn_at=None)
    )
    return list(
        page_authors(page).filter(consented).exclude(pk=reaction.author_id).exclude(email="").order_by("pk")
    )


@shared_task(bind=True, max_retries=5, **SEND_TASK)
def send_reaction_mail(self, reaction_id):
    reaction = Reaction.objects.shown().filter(pk=reaction_id).select_related("author").first()
    if reaction is None:
        return 0
    page = reaction.page.specific
    if not page.live:
        return 0
    if isinstance(page, ActivityPage) and page.coalition:
        reason = _("U bent trekker van de coalitie %(name)s.") % {"name": page.coalition.title}
    else:
        reason = _("Uw organisatie schreef dit artikel.")
    recipients = reaction_recipients(reaction, page)
    try:
        return _send(
            f"reactie-{reaction.pk}",
            _("Nieuwe reactie op %(title)s") % {"title": page.title},
            recipients,
            lambda contact, **kw: reaction_message(contact, reaction, page, reason, **kw),
        )
    except Exception as exc:
        raise self.retry(exc=exc, countdown=60) from exc


@shared_task(bind=True, max_retries=5, **SEND_TASK)
def send_answer_mail(self, answer_id):
    answer = Answer.objects.filter(pk=answer_id).select_related("question__author__participant").first()
    if answer is None:
        return 0
    asker = answer.question.author
    if (
        asker is None
        or not answer.question.notify
        or asker.pk == answer.author_id
        or asker.participant.status != Participant.Status.ACTIVE
        or not asker.email
    ):
        return 0
    try:
        return _send(
            f"antwoord-{answer.pk}",
            _("Nieuw antwoord op uw vraag: %(title)s") % {"title": answer.question.title},
            [asker],
            lambda contact, **kw: answer_message(contact, answer, **kw),
        )
    except Exception as exc:
        raise self.retry(exc=exc, countdown=60) from exc
