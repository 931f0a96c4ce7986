"""What is new in the network, for "Nieuw voor u" on /mijn/ (the other panels are the apps' own)."""

from dataclasses import dataclass

from wagtail.models import Page

from coalitions.models import ActivityPage, CoalitionPage
from events.models import EventPage
from knowledge.models import KnowledgeArticlePage
from nnr_site import pagecache

RECENT_KINDS = (ActivityPage, CoalitionPage, KnowledgeArticlePage, EventPage)


@dataclass(frozen=True)
class Published:
    title: str
    url: str
    kind: str
    first_published_at: object


def recent_activity(limit=6):
    """The newest published coalitions, activities, knowledge articles and meetings: the same for everyone,
    so read once per page-cache generation (a publish starts a new one)."""

    def newest():
        pages = Page.objects.live().public().type(*RECENT_KINDS).order_by("-first_published_at")[:limit]
        return [
            Published(p.title, p.url, str(p.specific_class.get_verbose_name()), p.first_published_at)
            for p in pages.select_related("content_type")
        ]

    return pagecache.shared("recent_activity", newest, limit)
