"""Who receives a newsletter: the union of its segments (``Segment``), each address once.

A segment holds participants' contact persons by role, region, theme and coalition, and/or confirmed public
subscribers by their preferences. Addresses are lower-cased so the database removes duplicates; blocked
addresses (unsubscribed, bounced, complained) are left out. Recipient queries are querysets, so a send
streams them; ``breakdown`` is the office's view of the same: per segment, the overlap, and who is skipped.
"""

from dataclasses import dataclass, field

from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from coalitions.models import CoalitionMembership, CoalitionPage
from network.models import ContactPerson, Participant

from .models import Subscriber, Suppression

SAMPLE_SIZE = 10
NO_CONSENT = "geen_toestemming"
SKIP_REASONS = {
    Suppression.Reason.UNSUBSCRIBED: _("afgemeld"),
    Suppression.Reason.BOUNCED: _("harde bounce"),
    Suppression.Reason.COMPLAINED: _("spamklacht"),
    NO_CONSENT: _("geen toestemming (aanmelding niet bevestigd)"),
}


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


def _contacts(segment):
    roles = segment.roles
    if not roles:
        return ContactPerson.objects.none()
    qs = ContactPerson.objects.filter(
        participant__status=Participant.Status.ACTIVE, participant__role__in=roles
    ).exclude(email="")
    if segment.regions:
        qs = qs.filter(participant__region__in=segment.regions)
    coalition_ids = [c.pk for c in segment.coalitions.all()]
    theme_ids = [t.pk for t in segment.themes.all()]
    if coalition_ids or theme_ids:
        qs = qs.filter(participant__in=_participants_in(coalition_ids, theme_ids))
    return qs


def _public(segment, confirmed=True):
    """Public subscribers whose preferences match the segment's regions and themes (or who chose none). A
    coalition segment is for coalition members only. ``confirmed=False``: those who never confirmed."""
    if not segment.to_subscribers or segment.coalitions.exists():
        return Subscriber.objects.none()
    qs = Subscriber.objects.filter(is_public=True, unsubscribed_at=None, confirmed_at__isnull=not confirmed)
    if segment.regions:
        wanted = models.Q(regions=[])
        for region in segment.regions:
            wanted |= models.Q(regions__icontains=f'"{region}"')
        qs = qs.filter(wanted)
    theme_ids = [t.pk for t in segment.themes.all()]
    if theme_ids:
        qs = qs.filter(models.Q(themes__in=theme_ids) | models.Q(themes=None)).distinct()
    return qs


def _parts(segment):
    """The segment's addresses as querysets (contacts, subscribers), blocked addresses included."""
    return [_addresses(_contacts(segment)), _addresses(_public(segment))]


def segment_addresses(segment):
    """Every address of one segment, blocked ones included (lower-cased, each once)."""
    contacts, subscribers = _parts(segment)
    return contacts.union(subscribers)


def _segments(audience):
    """A newsletter's segments in their order, or the given segments."""
    if hasattr(audience, "segments"):
        return list(audience.segments.order_by("position", "name"))
    return list(audience)


def recipient_addresses(audience):
    """Each address of the newsletter's (or the given) segments once (UNION), blocked addresses excluded."""
    blocked = Suppression.objects.values("email")
    parts = [part.exclude(address__in=blocked) for segment in _segments(audience) for part in _parts(segment)]
    if not parts:
        return _addresses(ContactPerson.objects.none())
    return parts[0].union(*parts[1:])


def recipient_count(audience):
    return recipient_addresses(audience).count()


def all_addresses(newsletter):
    """Every candidate address with the segment it came from, blocked ones included, streamed for the ledger:
    segment by segment in their order, so an address's first appearance names the first segment holding it
    (duplicates possible)."""
    for segment in _segments(newsletter):
        for part in _parts(segment):
            for address in part.iterator(chunk_size=2000):
                yield address, segment.pk


# --- what the office sees ---------------------------------------------------------------------------------


@dataclass
class SegmentCount:
    segment: object
    count: int  # addresses this segment reaches (blocked ones left out)
    new: int  # of those, not already in a segment above it
    skipped: int  # blocked or unconfirmed addresses of this segment

    @property
    def overlap(self):
        return self.count - self.new


@dataclass
class Breakdown:
    rows: list = field(default_factory=list)
    recipients: list = field(default_factory=list)  # sorted addresses
    skipped: dict = field(default_factory=dict)  # reason -> sorted addresses
    segment_of: dict = field(default_factory=dict)  # address -> the first segment that holds it

    @property
    def total(self):
        return len(self.recipients)

    @property
    def overlap(self):
        return sum(row.overlap for row in self.rows)

    @property
    def skipped_rows(self):
        return [(SKIP_REASONS[reason], addresses) for reason, addresses in self.skipped.items() if addresses]

    @property
    def skipped_total(self):
        return sum(len(a) for a in self.skipped.values())

    def sample(self, size=SAMPLE_SIZE):
        return describe(self.recipients[:size])


def breakdown(audience):
    """Per segment its count and the overlap removed; every recipient; who is skipped and why."""
    segments = _segments(audience)
    result = Breakdown(skipped={reason: set() for reason in SKIP_REASONS})
    blocked = {}
    seen = set()
    for segment in segments:
        candidates = set(segment_addresses(segment))
        unconfirmed = set(_addresses(_public(segment, confirmed=False)))
        blocked.update(
            Suppression.objects.filter(email__in=candidates | unconfirmed).values_list("email", "reason")
        )
        reached = candidates - blocked.keys()
        new = reached - seen
        not_reached = (candidates | unconfirmed) - reached
        result.rows.append(SegmentCount(segment, len(reached), len(new), len(not_reached)))
        seen |= new
        result.segment_of.update(dict.fromkeys(new, segment))
        for address in candidates & blocked.keys():
            result.skipped[blocked[address]].add(address)
        result.skipped[NO_CONSENT] |= unconfirmed - blocked.keys()
    result.skipped[NO_CONSENT] -= seen  # confirmed as a contact person elsewhere in the audience
    result.recipients = sorted(seen)
    result.skipped = {reason: sorted(addresses) for reason, addresses in result.skipped.items()}
    return result


@dataclass
class Person:
    email: str
    name: str
    organisation: str


def describe(addresses):
    """Name and organisation per address (a contact person's, else a subscriber's), in the given order."""
    addresses = list(addresses)
    found = {}
    for row in (
        ContactPerson.objects.annotate(address=Lower("email"))
        .filter(address__in=addresses)
        .order_by("pk")
        .values("address", "name", "participant__name")
    ):
        found.setdefault(row["address"], (row["name"], row["participant__name"]))
    for email, name in Subscriber.objects.filter(email__in=addresses).values_list("email", "name"):
        found.setdefault(email, (name, str(_("publieke abonnee"))))
    return [Person(a, *found.get(a, ("", ""))) for a in addresses]
