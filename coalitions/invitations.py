"""Nobody is listed in a coalition without its knowledge.

The coalition decides who takes part, but a participant that a trekker (or the office) adds in the page editor
is invited, not a member: it is not shown, gets no editor rights, and its contacts get a mail. It accepts or
declines on /mijn/. `CoalitionPageForm` (coalitions/page_form.py) marks the rows: every row that is not a current
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


def invite_new_members(page, before):
    """After the page (and its member rows) was saved: mail the participants that were invited just now.

    `before` is the page's `stored_memberships()` from before the save."""
    invited = CoalitionMembership.objects.filter(page_id=page.pk, status=MembershipStatus.INVITED)
    for pk, participant_id in invited.values_list("pk", "participant_id"):
        if before.get(pk) != (participant_id, MembershipStatus.INVITED):
            transaction.on_commit(partial(tasks.notify_invited.delay, pk))


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
