"""A followed coalition's new activity or a new article on a followed theme: the mail "at once" (Celery)."""

from django.db import transaction
from wagtail.signals import page_published

from coalitions.models import ActivityPage
from knowledge.models import KnowledgeArticlePage

from .tasks import send_at_once


def connect():
    page_published.connect(on_published, dispatch_uid="following.at_once")


def on_published(sender, instance, revision=None, **kwargs):
    if not isinstance(instance, (ActivityPage, KnowledgeArticlePage)):
        return
    if instance.first_published_at != instance.last_published_at:
        return  # an update of a page published before: no news
    publisher = getattr(revision, "user_id", None)
    transaction.on_commit(lambda: send_at_once.delay(instance.pk, publisher))
