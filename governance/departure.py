"""What happens when a participant leaves after an exit request.

Its status becomes "left" (with history), its coalition memberships and member-only subscriptions end;
its public contributions (knowledge, coalition activities) keep its name: nothing is deleted or re-attributed.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from coalitions import membership
from newsletters import subscriptions


def depart(process):
    participant = process.participant
    with transaction.atomic():
        participant.mark_left(
            by=process.decided_by,
            reason=_("Vertrokken na verzoek tot vertrek (#%(pk)s)") % {"pk": process.pk},
        )
        membership.end_for(participant)
        subscriptions.end_member_only(contact.email for contact in participant.contacts.all())
