"""The cross-app parts of "Mijn netwerk" (/mijn/): my coalitions and what is new in the network (my tasks are
workflows' panel)."""

from wagtail.models import Page

from coalitions.models import ActivityPage, CoalitionMembership, CoalitionPage
from events.models import EventPage
from knowledge.models import KnowledgeArticlePage

RECENT_KINDS = (ActivityPage, CoalitionPage, KnowledgeArticlePage, EventPage)


def my_coalitions(participant):
    if participant is None:
        return []
    return list(
        CoalitionMembership.objects.current()
        .filter(participant=participant, page__live=True)
        .select_related("page")
        .order_by("page__title")
    )


def recent_activity(limit=6):
    """The newest published coalitions, activities, knowledge articles and meetings."""
    pages = Page.objects.live().public().type(*RECENT_KINDS).order_by("-first_published_at")
    return list(pages.specific()[:limit])
