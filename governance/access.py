"""Who may take which task of the network-role flows, beyond `network.access` (the office, the core partners).

Viewflow's own check (`can_assign`) only looks at a permission; the rules here narrow it down to the right
people: the office, the core partners (never about themselves), or the users of one participant. Each rule
also knows which active users it admits, so a flow can tell that nobody can be reached and give the task to
the office instead (flows.RoleTask).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from network.access import contact_for, core_partner_of, is_core_partner, is_office
from network.models import Participant, Role
from network.roles import CORE_PARTNERS, OFFICE


def is_user_of(user, participant_id):
    """Whether the user speaks for the participant (by id: a task list asks this of every open process, and
    the user's contact is read once per request)."""
    contact = contact_for(user)
    return bool(participant_id and contact and contact.participant_id == participant_id)


def primary_user(participant):
    """The active user account of the participant's first contact person, to assign its tasks to."""
    contact = (
        participant.contacts.filter(user__is_active=True).order_by("-is_primary", "pk").first()
        if participant
        else None
    )
    return contact.user if contact else None


def users_of(participants):
    return get_user_model().objects.filter(contact_person__participant__in=participants, is_active=True)


def active_core_partners():
    return Participant.objects.filter(role=Role.KERNPARTNER, status=Participant.Status.ACTIVE)


def contact_addresses(participants):
    """Every contact person's address of these participants, with or without a log-in."""
    return [c.email for p in participants for c in p.contacts.all() if c.email]


def office_users():
    return get_user_model().objects.filter(Q(groups__name=OFFICE) | Q(is_superuser=True), is_active=True)


def core_partner_users(exclude=()):
    """Active users who speak for an active core partner (as `network.access.core_partner_of` asks)."""
    partners = active_core_partners().exclude(pk__in=[pk for pk in exclude if pk])
    return users_of(partners).filter(groups__name=CORE_PARTNERS)


@dataclass(frozen=True)
class Rule:
    """Who may do a task: `allows(user, process)`; `users(process)`, the active users it admits; `who`, the
    same in words for the process page ("een andere kernpartner")."""

    allows: Callable
    users: Callable
    who: str

    def reachable(self, process):
        return self.users(process).exists()


def _about(process):
    return getattr(process, "participant_id", None) or getattr(process, "departing_id", None)


def _other_core_partner(user, process):
    """A core partner that is not the one the process is about, nor the one that filed it."""
    mine = core_partner_of(user)
    return mine is not None and mine.pk not in (
        _about(process),
        getattr(process, "requesting_participant_id", None),
    )


DEPARTING_OR_OFFICE = Rule(
    allows=lambda user, process: is_user_of(user, process.departing_id) or is_office(user),
    users=lambda process: (
        get_user_model()
        .objects.filter(
            Q(pk__in=users_of([process.departing])) | Q(pk__in=office_users()),
        )
        .distinct()
    ),
    who=_("de vertrekkende kernpartner of het netwerkbureau"),
)
SUCCESSOR = Rule(
    allows=lambda user, process: is_user_of(user, process.successor_id),
    users=lambda process: users_of([process.successor]) if process.successor_id else users_of([]),
    who=_("de voorgedragen opvolger"),
)
THE_OFFICE = Rule(
    allows=lambda user, process: is_office(user),
    users=lambda process: office_users().distinct(),
    who=_("het netwerkbureau"),
)
OTHER_CORE_PARTNER = Rule(
    allows=_other_core_partner,
    users=lambda process: core_partner_users(
        exclude=[_about(process), getattr(process, "requesting_participant_id", None)]
    ).distinct(),
    who=_("een andere kernpartner (niet de indiener en niet de betrokken deelnemer)"),
)
CORE_PARTNER = Rule(
    allows=lambda user, process: is_core_partner(user),
    users=lambda process: core_partner_users().distinct(),
    who=_("een van de kernpartners"),
)
CONCERNED_PARTICIPANT = Rule(
    allows=lambda user, process: is_user_of(user, process.participant_id),
    users=lambda process: users_of([process.participant]),
    who=_("de deelnemer om wie het gaat"),
)
CORE_PARTNER_NOT_CONCERNED = Rule(
    allows=lambda user, process: is_core_partner(user) and not is_user_of(user, process.participant_id),
    users=lambda process: core_partner_users(exclude=[process.participant_id]).distinct(),
    who=_("een kernpartner die zelf niet betrokken is"),
)
