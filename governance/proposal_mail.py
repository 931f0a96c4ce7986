"""The outcome of a proposal, mailed to its proposer and to the contact persons who gave their support, once
per proposal and reflection and address: through the newsletter's ledger (`newsletters.personal.send_each`,
key "voorstel-<proposal>-reflectie-<reflection>"), so a retried task or a second worker sends nothing twice.

It answers what these people did themselves (filing, supporting), so it rests on no consent and has no
unsubscribe link, as a coalition's update to its members.
"""

from celery import shared_task
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from network.models import Participant
from newsletters.mail import absolute, build_message
from newsletters.personal import send_each

from .models import ProposalDecision

SEND_TASK = {"acks_late": True, "reject_on_worker_lost": True}


def recipients(proposal):
    """The proposer and the supporters' contact persons of active participants, with an address."""
    people = [proposal.proposer] if proposal.proposer_id else []
    people += [support.contact for support in proposal.supports.select_related("contact__participant")]
    return [
        contact
        for contact in people
        if contact.email and contact.participant.status == Participant.Status.ACTIVE
    ]


def outcome_message(contact, decision, **kwargs):
    proposal = decision.proposal
    is_proposer = contact.pk == proposal.proposer_id
    if is_proposer:
        subject = _("Besluit over uw voorstel: %(title)s") % {"title": proposal.title}
    else:
        subject = _("Besluit over een voorstel dat u steunt: %(title)s") % {"title": proposal.title}
    context = {
        "contact": contact,
        "decision": decision,
        "proposal": proposal,
        "is_proposer": is_proposer,
        "url": absolute(proposal.get_absolute_url()),
    }
    html = render_to_string("governance/email/proposal_outcome.html", context)
    text = render_to_string("governance/email/proposal_outcome.txt", context)
    return build_message(subject, html, text, contact.email, unsubscribe=False, **kwargs)


@shared_task(bind=True, max_retries=5, **SEND_TASK)
def send_proposal_outcomes(self, reflection_id):
    """Every decision of the reflection to the people of its proposal; returns how many mails went out."""
    decisions = ProposalDecision.objects.filter(reflection_id=reflection_id).select_related(
        "proposal__proposer__participant", "reflection"
    )
    sent = 0
    try:
        for decision in decisions:
            proposal = decision.proposal
            sent += send_each(
                f"voorstel-{proposal.pk}-reflectie-{reflection_id}",
                _("Besluit over het voorstel: %(title)s") % {"title": proposal.title},
                recipients(proposal),
                lambda contact, decision=decision, **kw: outcome_message(contact, decision, **kw),
            )
    except Exception as exc:
        raise self.retry(exc=exc, countdown=60) from exc
    return sent
