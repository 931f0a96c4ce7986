"""What a participant holds in the agenda (its registrations for meetings), for a handover to its successor."""

from .models import Registration


def held_by(participant):
    """Every registration in the participant's name, past and future, in the agenda's order."""
    return Registration.objects.filter(participant=participant).select_related("event")


def label(registration):
    return f"{Registration._meta.verbose_name}: {registration}"


def hand_over(registration, successor):
    """The registration is in the successor's name from now on."""
    registration.participant = successor
    registration.save(update_fields=["participant"])
