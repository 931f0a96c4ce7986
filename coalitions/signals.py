"""Keep coalition editor groups right when a participant leaves the network or a contact gets a log-in."""

from .editors import sync_participant


def participant_saved(sender, instance, created, **kwargs):
    if not created:
        sync_participant(instance)


def contact_saved(sender, instance, **kwargs):
    sync_participant(instance.participant)
