"""Who took part in network meetings recently: a signal for the network-health overview."""

from datetime import timedelta

from django.utils import timezone

from .models import Registration


def participant_ids_attended_since(since):
    """Ids of participants with a confirmed registration for a meeting held between `since` and now."""
    return set(
        Registration.objects.attended_since(since)
        .exclude(participant=None)
        .values_list("participant_id", flat=True)
    )


def attended_recently(participant, months=6):
    since = timezone.now() - timedelta(days=round(30.44 * months))
    return Registration.objects.attended_since(since).filter(participant=participant).exists()
