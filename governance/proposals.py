"""Proposals to change the rules or the way of working (issue 20.5): who may do what, and how a proposal goes
through a reflection.

- Reading proposals, their support, comments and outcomes: logged-in members (contacts of active participants
  and the office); nothing here is public.
- Filing, supporting and commenting: a contact person of an active participant (the office speaks for no
  organisation). Support is one per participant; any of its contact persons may take it back.
- Hiding a comment (and showing it again): the office.
- A reflection takes in every proposal that is not decided: those open when it starts, and those filed while it
  runs. Its task form records a decision for each (`decide`); "uitgesteld" puts a proposal back among the open
  ones for the next reflection. A withdrawn reflection gives its proposals back (`release`).
"""

from django.db import transaction
from django.utils import timezone
from viewflow.workflow.status import PROCESS

from network import audit
from network.access import active_contact, is_member, is_office

from .models import Proposal, ProposalDecision, ProposalSupport, ReflectionProcess
from .proposal_mail import send_proposal_outcomes


def may_read(user):
    return is_member(user)


def writer(user):
    """The contact person the user files, supports and comments as, or None."""
    return active_contact(user)


def may_moderate(user):
    return is_office(user)


def undecided():
    return Proposal.objects.exclude(status=Proposal.Status.DECIDED)


def running_reflection():
    return (
        ReflectionProcess.objects.filter(finished=None)
        .exclude(status=PROCESS.CANCELED)
        .order_by("created")
        .first()
    )


def take_in(reflection):
    """Put every proposal that is not decided on the agenda of `reflection`."""
    undecided().update(status=Proposal.Status.IN_REFLECTION, reflection=reflection)


def release(reflection):
    """A withdrawn reflection decided nothing: its proposals are open again."""
    Proposal.objects.filter(reflection=reflection, status=Proposal.Status.IN_REFLECTION).update(
        status=Proposal.Status.OPEN, reflection=None
    )


def file(proposal, contact, user):
    """Save a new proposal by `contact`; while a reflection runs, it goes straight on its agenda."""
    reflection = running_reflection()
    proposal.proposer = contact
    if reflection is not None:
        proposal.status, proposal.reflection = Proposal.Status.IN_REFLECTION, reflection
    proposal.save()
    audit.record(
        audit.PROPOSAL_FILED,
        proposal,
        user=user,
        data={"author": f"{contact.name} ({contact.participant.name})"},
    )
    return proposal


def support_of(proposal, contact):
    """The support of the contact's participant for the proposal, or None."""
    if contact is None:
        return None
    return proposal.supports.filter(participant_id=contact.participant_id).first()


def may_support(proposal, contact):
    """Open proposals only, and not by the proposer's own organisation (its support goes without saying)."""
    proposer = proposal.proposer
    return (
        contact is not None
        and not proposal.is_decided
        and (proposer is None or proposer.participant_id != contact.participant_id)
    )


def give_support(proposal, contact):
    """Once per participant, however often it is pressed."""
    ProposalSupport.objects.get_or_create(
        proposal=proposal, participant=contact.participant, defaults={"contact": contact}
    )


def withdraw_support(proposal, contact):
    proposal.supports.filter(participant_id=contact.participant_id).delete()


def decide(reflection, decisions, user):
    """Record `decisions`, [(proposal, outcome, note)], of the reflection, in the Logboek too; once committed,
    the proposers and supporters are mailed the outcome (once per proposal and address)."""
    now = timezone.now()
    for proposal, outcome, note in decisions:
        ProposalDecision.objects.create(
            proposal=proposal,
            reflection=reflection,
            outcome=outcome,
            note=note,
            decided_by=user,
            decided_at=now,
        )
        if outcome == ProposalDecision.Outcome.POSTPONED:
            proposal.status, proposal.reflection = Proposal.Status.OPEN, None
        else:
            proposal.status, proposal.reflection = Proposal.Status.DECIDED, reflection
        proposal.save(update_fields=["status", "reflection", "updated_at"])
        audit.record(
            audit.PROPOSAL_DECIDED,
            proposal,
            user=user,
            data={"outcome": outcome, "note": note, "reflection": reflection.title},
        )
    if decisions:
        pk = reflection.pk
        transaction.on_commit(lambda: send_proposal_outcomes.delay(pk), robust=True)
