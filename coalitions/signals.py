"""Keep coalition editor groups right when a coalition is saved, a participant leaves the network or a contact
gets a log-in; invite new members; remove a deleted coalition's group (its collection stays: its images may be
used elsewhere). Connected in coalitions/apps.py."""

from django.contrib.auth.models import Group

from .editors import ensure_editors, sync_participant
from .invitations import invite_new_members


def coalition_saved(sender, page, before, **kwargs):
    ensure_editors(page)
    invite_new_members(page, before)


def participant_saved(sender, instance, created, **kwargs):
    if not created:
        sync_participant(instance)


def contact_saved(sender, instance, **kwargs):
    sync_participant(instance.participant)


def coalition_deleted(sender, instance, **kwargs):
    if instance.editors_group_id:
        Group.objects.filter(pk=instance.editors_group_id).delete()
