"""A followed coalition's new activity or a new article on a followed theme: the mail "at once" (Celery);
a coalition's confirmed update to its members (coalitions.models.update_confirmed)."""

from django.db import transaction
from wagtail.signals import page_published

from coalitions.models import ActivityPage, update_confirmed
from knowledge.models import KnowledgeArticlePage

from .tasks import send_at_once, send_coalition_update


def connect():
    page_published.connect(on_published, dispatch_uid="following.at_once")
    update_confirmed.connect(on_update_confirmed, dispatch_uid="following.coalition_update")


def on_update_confirmed(sender, update, **kwargs):
    transaction.on_commit(lambda: send_coalition_update.delay(update.pk))


def on_published(sender, instance, revision=None, **kwargs):
    if not isinstance(instance, (ActivityPage, KnowledgeArticlePage)):
        return
    if instance.first_published_at != instance.last_published_at:
        return  # an update of a page published before: no news
    publisher = getattr(revision, "user_id", None)
    transaction.on_commit(lambda: send_at_once.delay(instance.pk, publisher))
