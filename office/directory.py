"""The members-only directory (/deelnemers/): participants, their coalitions, and the contact persons who
agreed to share their details."""

from django.db.models import Q

from coalitions.models import CoalitionMembership
from network.models import ConsentRecord, ContactPerson, Participant


def with_visible_contacts(participants):
    """Attach `shared_contacts` and `hidden_contacts` (a count) to each participant."""
    contacts = list(
        ContactPerson.objects.filter(participant__in=participants).order_by("-is_primary", "name")
    )
    # Consent belongs to the contact person it was given by, not to whoever has the same address.
    sharing = set(
        ConsentRecord.objects.filter(
            purpose=ConsentRecord.Purpose.DATA_SHARING, withdrawn_at=None, contact__in=contacts
        ).values_list("contact_id", flat=True)
    )
    by_participant = {}
    for contact in contacts:
        by_participant.setdefault(contact.participant_id, []).append(contact)
    for participant in participants:
        mine = by_participant.get(participant.pk, [])
        participant.shared_contacts = [c for c in mine if c.pk in sharing]
        participant.hidden_contacts = len(mine) - len(participant.shared_contacts)
    return participants


def with_memberships(participants):
    """Attach `memberships`, the participant's active memberships of live coalitions, to each participant."""
    found = {}
    rows = CoalitionMembership.objects.current().filter(
        participant__in=[p.pk for p in participants], page__live=True
    )
    for membership in rows.select_related("page").order_by("page__title"):
        found.setdefault(membership.participant_id, []).append(membership)
    for participant in participants:
        participant.memberships = found.get(participant.pk, [])
    return participants


def search(data=None):
    """Active participants matching the directory filter's cleaned data (all of them without)."""
    participants = Participant.objects.filter(status=Participant.Status.ACTIVE)
    if not data:
        return participants
    if data["q"]:
        participants = participants.filter(
            Q(name__icontains=data["q"]) | Q(description__icontains=data["q"])
        ).distinct()
    for field in ("region", "sector", "role"):
        if data[field]:
            participants = participants.filter(**{field: data[field]})
    if data["coalition"]:
        members = CoalitionMembership.objects.current().filter(page_id=data["coalition"])
        participants = participants.filter(pk__in=members.values("participant_id"))
    return participants
