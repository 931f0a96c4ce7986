"""Who may take which task of the network-role flows, beyond `network.access` (the office, the core partners).

Viewflow's own check (`can_assign`) only looks at a permission; these rules narrow it down to the right
people: the office, the core partners (never about themselves), or the users of one participant.
"""

from django.contrib.auth import get_user_model

from network.models import Participant, Role


def is_user_of(user, participant):
    return bool(
        participant and user and user.is_authenticated and participant.contacts.filter(user=user).exists()
    )


def primary_user(participant):
    """The user account of the participant's first contact person, to assign its tasks to."""
    contact = participant.contacts.exclude(user=None).order_by("-is_primary", "pk").first()
    return contact.user if contact else None


def users_of(participants):
    return get_user_model().objects.filter(contact_person__participant__in=participants, is_active=True)


def active_core_partners():
    return Participant.objects.filter(role=Role.KERNPARTNER, status=Participant.Status.ACTIVE)
