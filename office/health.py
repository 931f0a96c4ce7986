"""Signals about the network's health for core partners and the office (the seed's pitfalls).

Every function takes `today` so tests can construct data at fixed dates.
"""

import datetime
import math
from collections import Counter

from django.conf import settings
from django.db.models import Max
from django.utils import timezone

from coalitions.models import ActivityPage, CoalitionMembership, CoalitionPage
from events.models import Registration
from knowledge.models import KnowledgeArticlePage
from network.models import Participant, Role

CORE_MIN, CORE_MAX = settings.NNR_CORE_PARTNER_BOUNDS
ACTIVE_ROLES = [Role.KERNPARTNER, Role.PARTNER]  # supporters are not expected to be active


def months_ago(day, months):
    """The same day `months` calendar months earlier (clamped to the month's length)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    last_day = (datetime.date(year + (month == 12), month % 12 + 1, 1) - datetime.timedelta(days=1)).day
    return datetime.date(year, month, min(day.day, last_day))


def _aware(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _end_of(day):
    """The end of `day`, but no later than now: a meeting still to come does not count yet."""
    return min(_aware(day + datetime.timedelta(days=1)), timezone.now())


def _recent_activity_coalitions(since):
    """Ids of coalitions with an activity published (or updated) since the date."""
    paths = (
        ActivityPage.objects.live()
        .filter(last_published_at__gte=_aware(since))
        .values_list("path", flat=True)
    )
    parent_paths = {p[: -ActivityPage.steplen] for p in paths}
    return set(CoalitionPage.objects.live().filter(path__in=parent_paths).values_list("pk", flat=True))


def sham_participants(months=6, today=None):
    """Active partners and core partners (members for longer than `months`) with no sign of life in that time.

    A sign of life: being in a coalition that published an activity, having written a knowledge article,
    or having attended a network meeting (`Registration.objects.attended_since`), all within the period.
    Not being in any coalition counts as no sign either. Each result carries `.missing`, the reasons in Dutch.
    """
    today = today or timezone.localdate()
    since = months_ago(today, months)
    candidates = list(
        Participant.objects.filter(
            status=Participant.Status.ACTIVE, role__in=ACTIVE_ROLES, joined_on__lte=since
        )
    )
    member_of = {}
    for participant_id, page_id in CoalitionMembership.objects.current().values_list(
        "participant_id", "page_id"
    ):
        member_of.setdefault(participant_id, set()).add(page_id)
    active_coalitions = _recent_activity_coalitions(since)
    authors = set(
        KnowledgeArticlePage.objects.live()
        .filter(first_published_at__gte=_aware(since))
        .exclude(author=None)
        .values_list("author_id", flat=True)
    )
    attendees = set(
        Registration.objects.attended_since(_aware(since), until=_end_of(today))
        .exclude(participant=None)
        .values_list("participant_id", flat=True)
    )
    sham = []
    for participant in candidates:
        mine = member_of.get(participant.pk, set())
        if mine & active_coalitions or participant.pk in authors or participant.pk in attendees:
            continue
        participant.coalition_count = len(mine)
        sham.append(participant)
    return sham


def quiet_coalitions(months=6, today=None):
    """Live coalitions without an activity published in `months`, with `.last_activity` (or None)."""
    today = today or timezone.localdate()
    since = _aware(months_ago(today, months))
    latest = {}
    for path, last in (
        ActivityPage.objects.live().values_list("path").annotate(last=Max("last_published_at")).order_by()
    ):
        parent = path[: -ActivityPage.steplen]
        latest[parent] = max(filter(None, [latest.get(parent), last]), default=None)
    quiet = []
    for page in CoalitionPage.objects.live().order_by("title"):
        page.last_activity = latest.get(page.path)
        if page.last_activity is None or page.last_activity < since:
            quiet.append(page)
    return quiet


def role_distribution():
    """Counts per role among active participants, and whether core partners are within NNR_CORE_PARTNER_BOUNDS."""
    counts = Counter(
        Participant.objects.filter(status=Participant.Status.ACTIVE).values_list("role", flat=True)
    )
    rows = [{"role": label, "code": code, "count": counts.get(code, 0)} for code, label in Role.choices]
    core = counts.get(Role.KERNPARTNER, 0)
    return {
        "rows": rows,
        "total": sum(counts.values()),
        "core": core,
        "core_ok": CORE_MIN <= core <= CORE_MAX,
        "core_min": CORE_MIN,
        "core_max": CORE_MAX,
    }


def growth(months=12, today=None):
    """Participants joined per calendar month for the last `months` months, with the running total."""
    today = today or timezone.localdate()
    first = months_ago(today.replace(day=1), months - 1)
    before = Participant.objects.filter(joined_on__lt=first).count()
    per_month = Counter(
        (d.year, d.month)
        for d in Participant.objects.filter(joined_on__gte=first).values_list("joined_on", flat=True)
    )
    rows, total = [], before
    for i in range(months):
        month = months_ago(today.replace(day=1), months - 1 - i)
        joined = per_month.get((month.year, month.month), 0)
        total += joined
        rows.append({"month": month, "joined": joined, "total": total})
    top = max((r["joined"] for r in rows), default=0) or 1
    for i, row in enumerate(rows):
        row["height"] = round(100 * row["joined"] / top)
        row["x"] = 40 + i * 40
        row["y"] = 120 - row["height"]
    return rows


def network_graph(size=640, inner=0.26, outer=0.44):
    """A deterministic layout: coalitions on an inner circle, their member participants on an outer circle.

    Returns {"size", "coalitions": [{id,title,x,y}], "participants": [...], "edges": [{x1,y1,x2,y2}]}.
    """
    graph = {"size": size, "coalitions": [], "participants": [], "edges": []}
    pages = CoalitionPage.objects.live()
    centre = size / 2
    rows = list(
        CoalitionMembership.objects.current()
        .filter(page__in=pages, participant__status=Participant.Status.ACTIVE)
        .select_related("participant", "page")
        .order_by("page__title", "participant__name")
    )
    coalition_list = sorted({m.page for m in rows} | set(pages), key=lambda p: (p.title, p.pk))
    participant_list = sorted({m.participant for m in rows}, key=lambda p: (p.name, p.pk))

    def place(items, radius, label):
        nodes = {}
        for i, item in enumerate(items):
            angle = 2 * math.pi * i / max(len(items), 1) - math.pi / 2
            nodes[item.pk] = {
                "id": item.pk,
                "title": label(item),
                "x": round(centre + radius * size * math.cos(angle), 1),
                "y": round(centre + radius * size * math.sin(angle), 1),
                "members": [],
            }
        return nodes

    c_nodes = place(coalition_list, inner, lambda p: p.title)
    p_nodes = place(participant_list, outer, lambda p: p.name)
    for m in rows:
        c, p = c_nodes[m.page_id], p_nodes[m.participant_id]
        c["members"].append(p["title"])
        graph["edges"].append(
            {"x1": c["x"], "y1": c["y"], "x2": p["x"], "y2": p["y"], "trekker": m.role == "trekker"}
        )
    graph["coalitions"] = list(c_nodes.values())
    graph["participants"] = list(p_nodes.values())
    return graph
