"""Where onboarding listens to other apps: a coalition published invites its new external members to sign the
declaration (connected from OnboardingConfig.ready)."""

from django.db import transaction
from wagtail.signals import page_published

from coalitions.models import CoalitionPage

from . import tasks


def connect():
    page_published.connect(on_coalition_published, sender=CoalitionPage, dispatch_uid="onboarding.external")


def on_coalition_published(sender, instance, revision=None, **kwargs):
    """Only a person's publish mails at once (the demo and scheduled publishes are left to the daily task)."""
    if revision is None or revision.user_id is None:
        return
    if instance.external_members.exclude(email="").exists():
        transaction.on_commit(lambda: tasks.invite_external_members.delay(instance.pk), robust=True)
