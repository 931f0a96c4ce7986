"""After a send: what happened per segment, read from the ledger, and what the mail provider reported.

Every number comes from ``Delivery`` rows (one per address, each under one segment), so the rows add up to
the ledger's totals. Bounces, complaints and unsubscribes "since" are addresses this mailing reached that were
blocked for that reason after it started (or that the provider reported bounced for this mailing).
The provider's own counts come from its tracking webhooks (``TrackingEvent``) and are set next to ours.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from .models import Delivery, Mailing, Segment, Suppression, TrackingEvent

ACCEPTED_EVENTS = ("queued", "sent", "delivered", "deferred", "opened", "clicked", "autoresponded")
BOUNCE_EVENTS = ("bounced", "rejected", "failed")
STATUSES = ("queued", "claimed", "sent", "failed", "skipped")


def _mailing_for(event):
    metadata = getattr(event, "metadata", None) or {}
    mailing_id = metadata.get("mailing")
    if mailing_id and str(mailing_id).isdigit():
        mailing = Mailing.objects.filter(pk=int(mailing_id)).first()
        if mailing:
            return mailing
    if not event.recipient:
        return None
    row = (
        Delivery.objects.filter(email=event.recipient.strip().lower(), status=Delivery.Status.SENT)
        .order_by("-sent_at")
        .select_related("mailing")
        .first()
    )
    return row.mailing if row else None


def record_event(event, esp_name):
    """Store a tracking event of a newsletter message (others are not ours to count)."""
    if not event.recipient or not event.event_type:
        return None
    mailing = _mailing_for(event)
    if mailing is None:
        return None
    return TrackingEvent.objects.create(
        mailing=mailing,
        email=event.recipient.strip().lower(),
        event_type=event.event_type,
        esp_name=esp_name or "",
        message_id=(event.message_id or "")[:255],
        occurred_at=event.timestamp or mailing.started_at,
        detail=(event.description or event.mta_response or "")[:2000],
    )


@dataclass
class Row:
    label: str
    counts: dict = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))
    bounced: int = 0
    complained: int = 0
    unsubscribed: int = 0

    @property
    def total(self):
        return sum(self.counts.values())

    def add(self, other):
        for status in STATUSES:
            self.counts[status] += other.counts[status]
        self.bounced += other.bounced
        self.complained += other.complained
        self.unsubscribed += other.unsubscribed


@dataclass
class Provider:
    has_events: bool
    accepted: int
    bounced: int
    complained: int
    ours_sent: int
    unreported: list  # addresses we sent to that the provider said nothing about
    not_ours: list  # addresses the provider accepted that our ledger does not have as sent

    @property
    def difference(self):
        return self.ours_sent - (self.accepted + self.bounced)


@dataclass
class Report:
    mailing: Mailing
    rows: list
    total: Row
    provider: Provider
    failed: list


def _since(mailing, reason):
    """Sent rows whose address was blocked for ``reason`` after this mailing started."""
    blocked = Suppression.objects.filter(reason=reason)
    if mailing.started_at:
        blocked = blocked.filter(created_at__gte=mailing.started_at)
    return Q(email__in=blocked.values("email"))


def build(mailing):
    """The report of one mailing: a row per segment (in the order it was confirmed), the total, the provider."""
    sent = Delivery.objects.filter(mailing=mailing, status=Delivery.Status.SENT)
    bounced_here = TrackingEvent.objects.filter(mailing=mailing, event_type__in=BOUNCE_EVENTS).values("email")
    rows = {}
    for item in Delivery.objects.filter(mailing=mailing).values("segment", "status").annotate(n=Count("id")):
        rows.setdefault(item["segment"], Row(""))
        rows[item["segment"]].counts[item["status"]] = item["n"]
    measures = {
        "bounced": _since(mailing, Suppression.Reason.BOUNCED) | Q(email__in=bounced_here),
        "complained": _since(mailing, Suppression.Reason.COMPLAINED),
        "unsubscribed": _since(mailing, Suppression.Reason.UNSUBSCRIBED),
    }
    for attribute, condition in measures.items():
        for item in sent.filter(condition).values("segment").annotate(n=Count("id")):
            rows.setdefault(item["segment"], Row(""))
            setattr(rows[item["segment"]], attribute, item["n"])
    names = dict(Segment.objects.filter(pk__in=[k for k in rows if k]).values_list("pk", "name"))
    names.update({entry["id"]: entry["name"] for entry in mailing.audience if entry.get("id") not in names})
    order = [entry["id"] for entry in mailing.audience]
    ordered = sorted(rows, key=lambda k: (k is None, order.index(k) if k in order else len(order), k or 0))
    result, total = [], Row(str(_("Totaal")))
    for key in ordered:
        row = rows[key]
        row.label = names.get(key) or str(_("(doelgroep verwijderd)") if key else _("zonder doelgroep"))
        total.add(row)
        result.append(row)
    failed = list(
        Delivery.objects.filter(mailing=mailing, status=Delivery.Status.FAILED)
        .order_by("email")
        .values("email", "error")[:500]
    )
    return Report(mailing, result, total, provider(mailing), failed)


def provider(mailing, limit=50):
    """The provider's accepted and bounced addresses set against the ledger's sent rows."""
    events = TrackingEvent.objects.filter(mailing=mailing)
    by_type = {}
    for email, kind in events.values_list("email", "event_type"):
        by_type.setdefault(kind, set()).add(email)
    bounced = set().union(*(by_type.get(k, set()) for k in BOUNCE_EVENTS))
    complained = by_type.get("complained", set())
    accepted = set().union(*(by_type.get(k, set()) for k in ACCEPTED_EVENTS)) - bounced
    ours = set(
        Delivery.objects.filter(mailing=mailing, status=Delivery.Status.SENT).values_list("email", flat=True)
    )
    reported = accepted | bounced | complained
    return Provider(
        has_events=bool(by_type),
        accepted=len(accepted),
        bounced=len(bounced),
        complained=len(complained),
        ours_sent=len(ours),
        unreported=sorted(ours - reported)[:limit],
        not_ours=sorted(reported - ours)[:limit],
    )
