"""Keep coalition editor groups right when a participant leaves the network or a contact gets a log-in,
and remove a deleted coalition's group (its collection stays: its images may be used elsewhere)."""

from django.contrib.auth.models import Group

from .editors import sync_participant


def participant_saved(sender, instance, created, **kwargs):
    if not created:
        sync_participant(instance)


def contact_saved(sender, instance, **kwargs):
    sync_participant(instance.participant)


def coalition_deleted(sender, instance, **kwargs):
    if instance.editors_group_id:
        Group.objects.filter(pk=instance.editors_group_id).delete()
