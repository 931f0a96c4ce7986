"""Who receives a newsletter: participants' contact persons by role, region, theme and coalition, plus
confirmed public subscribers. Addresses are lower-cased so the database removes duplicates; blocked addresses
(unsubscribed, bounced, complained) are left out. Everything is a queryset, so a send streams it.
"""

from django.db import models
from django.db.models.functions import Lower

from coalitions.models import CoalitionMembership, CoalitionPage
from network.models import ContactPerson, Participant

from .models import Subscriber, Suppression


def _participants_in(coalition_ids=None, theme_ids=None):
    """Participant ids that are members of the given coalitions and/or of coalitions with the given themes."""
    coalitions = CoalitionPage.objects.all()
    if coalition_ids:
        coalitions = coalitions.filter(pk__in=coalition_ids)
    if theme_ids:
        coalitions = coalitions.filter(themes__in=theme_ids)
    # An invited participant is not a member until it accepts.
    return (
        CoalitionMembership.objects.accepted().filter(page__in=coalitions.values("pk")).values("participant")
    )


def _addresses(qs, field="email"):
    return qs.order_by().annotate(address=Lower(field)).values_list("address", flat=True)


def contact_addresses(newsletter):
    roles = newsletter.roles
    if not roles:
        return _addresses(ContactPerson.objects.none())
    qs = ContactPerson.objects.filter(
        participant__status=Participant.Status.ACTIVE, participant__role__in=roles
    ).exclude(email="")
    if newsletter.regions:
        qs = qs.filter(participant__region__in=newsletter.regions)
    coalition_ids = [c.pk for c in newsletter.coalitions.all()]
    theme_ids = [t.pk for t in newsletter.themes.all()]
    if coalition_ids or theme_ids:
        qs = qs.filter(participant__in=_participants_in(coalition_ids, theme_ids))
    return _addresses(qs)


def subscriber_addresses(newsletter):
    """Confirmed public subscribers; a region/theme segment reaches those whose preferences match (or who
    chose none). A coalition segment is for coalition members only."""
    if not newsletter.to_subscribers or newsletter.coalitions.exists():
        return _addresses(Subscriber.objects.none())
    qs = Subscriber.objects.filter(is_public=True, confirmed_at__isnull=False, unsubscribed_at=None)
    if newsletter.regions:
        wanted = models.Q(regions=[])
        for region in newsletter.regions:
            wanted |= models.Q(regions__icontains=f'"{region}"')
        qs = qs.filter(wanted)
    theme_ids = [t.pk for t in newsletter.themes.all()]
    if theme_ids:
        qs = qs.filter(models.Q(themes__in=theme_ids) | models.Q(themes=None)).distinct()
    return _addresses(qs)


def recipient_addresses(newsletter):
    """Each address once (UNION removes duplicates), blocked addresses excluded."""
    blocked = Suppression.objects.values("email")
    contacts = contact_addresses(newsletter).exclude(address__in=blocked)
    subscribers = subscriber_addresses(newsletter).exclude(address__in=blocked)
    return contacts.union(subscribers)


def recipient_count(newsletter):
    return recipient_addresses(newsletter).count()


def all_addresses(newsletter):
    """Every candidate address including blocked ones (duplicates possible), streamed for the ledger."""
    yield from contact_addresses(newsletter).iterator(chunk_size=2000)
    yield from subscriber_addresses(newsletter).iterator(chunk_size=2000)
