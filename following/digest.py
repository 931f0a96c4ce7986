"""What one person's weekly "Nieuw in uw netwerk" holds: new activities of the coalitions it follows, new
articles on its themes, meetings coming up in its regions, open join requests of the coalitions it leads
and its open tasks. ``Digest.is_new`` says whether anything in it appeared since the last digest: without
that, nothing is sent."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Q

from coalitions.choices import MemberRole
from coalitions.models import ActivityPage, CoalitionMembership, JoinRequest
from events.models import EventPage
from knowledge.models import KnowledgeArticlePage
from workflows.tasklist import rows_for

from .follows import followed_coalitions, followed_regions, followed_themes, settings_for
from .models import Frequency, Kind

MEETINGS_AHEAD = timedelta(days=28)
FIRST_DIGEST_LOOKS_BACK = timedelta(days=7)
MAX_ITEMS = 10


@dataclass
class Digest:
    activities: list = field(default_factory=list)
    articles: list = field(default_factory=list)
    meetings: list = field(default_factory=list)
    join_requests: list = field(default_factory=list)
    tasks: list = field(default_factory=list)
    is_new: bool = False

    @property
    def is_empty(self):
        return not any((self.activities, self.articles, self.meetings, self.join_requests, self.tasks))


def assemble(contact, since, now):
    """The digest of ``contact`` for what happened after ``since`` (its previous digest), as of ``now``."""
    choices = settings_for(contact)
    digest = Digest()
    if choices.frequency(Kind.COALITION) == Frequency.WEEKLY:
        digest.activities = _activities(contact, since)
    if choices.frequency(Kind.THEME) == Frequency.WEEKLY:
        digest.articles = _articles(contact, since)
    if choices.frequency(Kind.REGION) == Frequency.WEEKLY:
        meetings = _meetings(contact, now)
        digest.meetings = meetings
        # A meeting is news once: when it is published, or when it comes within MEETINGS_AHEAD.
        news = [
            m for m in meetings if (m.first_published_at or now) > since or m.start > since + MEETINGS_AHEAD
        ]
    else:
        news = []
    digest.join_requests = _join_requests(contact)
    digest.tasks = rows_for(contact.user) if contact.user_id else []
    digest.is_new = bool(
        digest.activities
        or digest.articles
        or news
        or any(r.created_at > since for r in digest.join_requests)
        or any(t.since > since for t in digest.tasks)
    )
    return digest


def _activities(contact, since):
    coalitions = list(followed_coalitions(contact))
    if not coalitions:
        return []
    below = Q()
    for coalition in coalitions:
        below |= Q(path__startswith=coalition.path, depth=coalition.depth + 1)
    return list(
        ActivityPage.objects.live()
        .public()
        .filter(below, first_published_at__gt=since)
        .order_by("-first_published_at")[:MAX_ITEMS]
    )


def _articles(contact, since):
    themes = followed_themes(contact)
    return list(
        KnowledgeArticlePage.objects.live()
        .public()
        .filter(tags__in=themes, first_published_at__gt=since)
        .distinct()
        .order_by("-first_published_at")[:MAX_ITEMS]
    )


def _meetings(contact, now):
    regions = [code for code, _name in followed_regions(contact)]
    if not regions:
        return []
    return list(
        EventPage.objects.live()
        .public()
        .filter(region__in=regions, start__gt=now, start__lte=now + MEETINGS_AHEAD)
        .order_by("start")[:MAX_ITEMS]
    )


def _join_requests(contact):
    """Open requests to join the coalitions the contact's organisation leads (as trekker)."""
    led = (
        CoalitionMembership.objects.current()
        .filter(participant=contact.participant, role=MemberRole.TREKKER)
        .values("page_id")
    )
    return list(
        JoinRequest.objects.filter(coalition__in=led, status=JoinRequest.Status.PENDING)
        .select_related("coalition", "participant")
        .order_by("created_at")
    )
