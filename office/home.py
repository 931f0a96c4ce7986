"""The home page's picture of the network at work (issue 21): figures, the newest activities with their
coalition as sender, coming meetings, new knowledge and the map. `home` is below the apps these come from, so
the home page asks for this part through the `nnr_home_sections` hook and `office` (which assembles several
apps) answers it. The number of queries is fixed, whatever the size of the network."""

from django.template.loader import render_to_string
from django.utils import timezone

from coalitions import regionmap
from coalitions.models import ActivityPage, CoalitionIndexPage, CoalitionPage
from events.models import EventIndexPage, EventPage
from knowledge.models import KnowledgeIndexPage
from network.access import active_contact
from network.models import Participant
from network.regions import GGD_REGIONS

SHOWN = 3


def _live(model):
    return model.objects.live().public()


def figures(coalitions_per_region):
    """How many participants and coalitions, and in how many of the 25 regions there is a coalition."""
    return {
        "participants": Participant.objects.filter(status=Participant.Status.ACTIVE).count(),
        "coalitions": _live(CoalitionPage).count(),
        "regions": sum(1 for n in coalitions_per_region.values() if n),
        "all_regions": len(GGD_REGIONS),
    }


def latest_activities(limit=SHOWN):
    """The newest activities, each with `.sender`, the coalition that shares it (its parent page)."""
    activities = list(_live(ActivityPage).order_by("-first_published_at")[:limit])
    parents = {a.path[: -ActivityPage.steplen] for a in activities}
    coalitions = {c.path: c for c in _live(CoalitionPage).filter(path__in=parents)}
    for activity in activities:
        activity.sender = coalitions.get(activity.path[: -ActivityPage.steplen])
    return [a for a in activities if a.sender]


def coming_meetings(limit=SHOWN):
    return list(_live(EventPage).filter(end__gte=timezone.now()).order_by("start")[:limit])


def new_knowledge(index, limit=SHOWN):
    """The knowledge base's newest articles, with what their cards show."""
    return list(index.articles()[:limit]) if index else []


def index_url(model):
    page = model.objects.live().first()
    return page.url if page else ""


def sections(request, page):
    """The rendered sections below the home page's own text."""
    per_region = regionmap.region_counts(_live(CoalitionPage))
    coalitions_url = index_url(CoalitionIndexPage)
    knowledge = KnowledgeIndexPage.objects.live().first()
    contact = active_contact(request.user)
    return render_to_string(
        "office/home_sections.html",
        {
            "figures": figures(per_region),
            "activities": latest_activities(),
            "meetings": coming_meetings(),
            "articles": new_knowledge(knowledge),
            "region_map": regionmap.region_map(
                per_region, link=lambda code: f"{coalitions_url}?region={code}"
            ),
            "coalitions_url": coalitions_url,
            "knowledge_url": knowledge.url if knowledge else "",
            "agenda_url": index_url(EventIndexPage),
            "participant": contact.participant if contact else None,
        },
        request=request,
    )
