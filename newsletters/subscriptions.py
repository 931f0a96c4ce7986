"""Changes to newsletter subscriptions that other apps ask for."""

from django.utils import timezone

from .models import Subscriber


def end_member_only(emails):
    """End, now, the settings these addresses had as contact persons of a participant; their own public
    sign-ups stay. Returns how many ended.

    Member-only mailings go to contact persons of active participants, so they stop by themselves once the
    participant has left; this records the end on the subscriber rows too.
    """
    addresses = [email.strip().lower() for email in emails]
    return Subscriber.objects.filter(email__in=addresses, is_public=False, unsubscribed_at=None).update(
        unsubscribed_at=timezone.now()
    )
