"""Telling the page's author of a new reaction and the asker of a new answer, through the newsletter's ledger:
a keyed ``Mailing`` per reaction or answer ("reactie-12", "antwoord-7") and a ``Delivery`` row per address,
claimed before sending (``newsletters.personal``), so a retried task or a second worker sends nothing twice."""

from celery import shared_task
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from coalitions.models import ActivityPage
from network.models import ConsentRecord, Participant
from newsletters.personal import send_each

from .mail import answer_message, reaction_message
from .models import Answer, Reaction
from .rules import page_authors

SEND_TASK = {"acks_late": True, "reject_on_worker_lost": True}
CONSENT = ConsentRecord.Purpose.NETWORK_UPDATES


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
        return send_each(
            f"reactie-{reaction.pk}",
            _("Nieuwe reactie op %(title)s") % {"title": page.title},
            recipients,
            lambda contact, **kw: reaction_message(contact, reaction, page, reason, **kw),
        )
    except Exception as exc:
        raise self.retry(exc=exc, countdown=60) from exc


@shared_task(bind=True, max_retries=5, **SEND_TASK)
def send_answer_mail(self, answer_id):
    answer = (
        Answer.objects.shown().filter(pk=answer_id).select_related("question__author__participant").first()
    )
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
        return send_each(
            f"antwoord-{answer.pk}",
            _("Nieuw antwoord op uw vraag: %(title)s") % {"title": answer.question.title},
            [asker],
            lambda contact, **kw: answer_message(contact, answer, **kw),
        )
    except Exception as exc:
        raise self.retry(exc=exc, countdown=60) from exc
