"""What is new in the network, for "Nieuw voor u" on /mijn/ (the other panels are the apps' own)."""

from wagtail.models import Page

from coalitions.models import ActivityPage, CoalitionPage
from events.models import EventPage
from knowledge.models import KnowledgeArticlePage

RECENT_KINDS = (ActivityPage, CoalitionPage, KnowledgeArticlePage, EventPage)


def recent_activity(limit=6):
    """The newest published coalitions, activities, knowledge articles and meetings."""
    pages = Page.objects.live().public().type(*RECENT_KINDS).order_by("-first_published_at")
    return list(pages.specific()[:limit])
