"""Who may take which task of the network-role flows.

Viewflow's own check (`can_assign`) only looks at a permission; these rules narrow it down to the right
people: the office, the core partners (never about themselves), or the users of one participant.
"""

from network.models import ContactPerson, Participant, Role
from network.roles import CORE_PARTNERS, OFFICE


def participant_of(user):
    """The participant the user is a contact person of, or None."""
    if user is None or not user.is_authenticated:
        return None
    contact = ContactPerson.objects.filter(user=user).select_related("participant").first()
    return contact.participant if contact else None


def is_office(user):
    return bool(
        user and user.is_authenticated and (user.is_superuser or user.groups.filter(name=OFFICE).exists())
    )


def core_partner_of(user):
    """The active core partner the user speaks for, or None."""
    participant = participant_of(user)
    if (
        participant
        and participant.is_active
        and participant.role == Role.KERNPARTNER
        and user.groups.filter(name=CORE_PARTNERS).exists()
    ):
        return participant
    return None


def is_user_of(user, participant):
    return bool(
        participant and user and user.is_authenticated and participant.contacts.filter(user=user).exists()
    )


def primary_user(participant):
    """The user account of the participant's first contact person, to assign its tasks to."""
    contact = participant.contacts.exclude(user=None).order_by("-is_primary", "pk").first()
    return contact.user if contact else None


def users_of(participants):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(contact_person__participant__in=participants, is_active=True)


def active_core_partners():
    return Participant.objects.filter(role=Role.KERNPARTNER, status=Participant.Status.ACTIVE)
