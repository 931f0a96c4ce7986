"""Nobody is listed in a coalition without its knowledge.

The coalition decides who takes part, but a participant that a trekker (or the office) adds in the page editor
is invited, not a member: it is not shown, gets no editor rights, and its contacts get a mail. It accepts or
declines on /mijn/. `mark_invitations` runs on the page editor's form: every row that is not a current
membership of this participant in the database (a new row, another participant chosen in an existing row,
an ended membership made current again, a row brought back from an old revision) becomes an invitation;
every other row keeps the status stored in the database, so an older draft or revision never changes it.
"""

from functools import partial

from django.db import transaction
from django.utils import timezone

from . import tasks
from .membership import after_change
from .models import CoalitionMembership, MembershipStatus


def _is_current(membership, today):
    return membership.left_on is None or membership.left_on > today


def mark_invitations(page):
    """Set the status of the page's in-memory member rows (after the editor's form filled them in)."""
    stored = {m.pk: m for m in CoalitionMembership.objects.filter(page_id=page.pk)} if page.pk else {}
    today = timezone.localdate()
    for row in page.memberships.all():
        before = stored.get(row.pk)
        same = before is not None and before.participant_id == row.participant_id
        if same and (_is_current(before, today) or not _is_current(row, today)):
            row.status = before.status
        else:
            row.status = MembershipStatus.INVITED


def stored_memberships(page):
    """{pk: (participant id, status)} of the page's member rows before a save."""
    if page.pk is None:
        return {}
    return {
        pk: (participant_id, status)
        for pk, participant_id, status in CoalitionMembership.objects.filter(page_id=page.pk).values_list(
            "pk", "participant_id", "status"
        )
    }


def invite_new_members(page, before):
    """After the page (and its member rows) was saved: mail the participants that were invited just now."""
    invited = CoalitionMembership.objects.filter(page_id=page.pk, status=MembershipStatus.INVITED)
    for pk, participant_id in invited.values_list("pk", "participant_id"):
        if before.get(pk) != (participant_id, MembershipStatus.INVITED):
            transaction.on_commit(partial(tasks.notify_invited.delay, pk))


def open_invitations(participant):
    return (
        CoalitionMembership.objects.filter(participant=participant, status=MembershipStatus.INVITED)
        .filter(page__live=True)
        .select_related("page")
        .order_by("page__title")
    )


@transaction.atomic
def answer(invitation, accept):
    """Accept or decline an open invitation; False when it was answered already (by a colleague)."""
    invitation = CoalitionMembership.objects.select_for_update().get(pk=invitation.pk)
    if invitation.status != MembershipStatus.INVITED:
        return False
    if accept:
        invitation.status, invitation.joined_on = MembershipStatus.ACCEPTED, timezone.localdate()
    else:
        invitation.status = MembershipStatus.DECLINED
    invitation.save(update_fields=["status", "joined_on"])
    after_change(invitation.page)
    transaction.on_commit(partial(tasks.notify_trekkers_of_answer.delay, invitation.pk))
    return True
