"""Bounces and complaints reported by the mail provider (django-anymail tracking webhooks)."""

from anymail.signals import tracking
from django.dispatch import receiver

from .models import Suppression
from .report import record_event

BLOCKING_EVENTS = {"bounced": Suppression.Reason.BOUNCED, "complained": Suppression.Reason.COMPLAINED}


@receiver(tracking)
def block_bounced_addresses(sender, event, esp_name, **kwargs):
    """A hard bounce or a complaint blocks the address for every later send (the office sees the list)."""
    reason = BLOCKING_EVENTS.get(event.event_type)
    if reason is None and event.event_type == "rejected" and event.reject_reason in ("bounced", "spam"):
        reason = Suppression.Reason.BOUNCED
    if reason is None and event.event_type == "unsubscribed":
        reason = Suppression.Reason.UNSUBSCRIBED
    if reason and event.recipient:
        detail = f"{esp_name}: {event.description or event.mta_response or ''}".strip()
        Suppression.add(event.recipient, reason, detail)


@receiver(tracking)
def record_tracking_event(sender, event, esp_name, **kwargs):
    """Keep what the provider said about a newsletter message, for the report's comparison with the ledger."""
    record_event(event, esp_name)
