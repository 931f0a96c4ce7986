"""Signals about the network's health for core partners and the office (the seed's pitfalls).

Every function takes `today` so tests can construct data at fixed dates.
"""

import datetime
from collections import Counter
from itertools import combinations

from django.conf import settings
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from coalitions.models import ActivityPage, CoalitionMembership, CoalitionPage
from events.models import Registration
from knowledge.models import KnowledgeArticlePage
from network.models import Participant, Role, RoleChange

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


def month_ends(months, today):
    """The last `months` calendar months up to today's: (first day, last day counted), today for this month."""
    first = today.replace(day=1)
    result = []
    for back in range(months - 1, -1, -1):
        start = months_ago(first, back)
        following = months_ago(first, back - 1) if back else None
        result.append((start, following - datetime.timedelta(days=1) if following else today))
    return result


def _role_on(changes, day, current):
    """The role on `day` from the role history (oldest first): before the first change, its `from_role`."""
    role = None
    for changed_on, from_role, to_role in changes:
        if changed_on > day:
            return role or from_role or to_role
        role = to_role
    return role or current


def growth(months=18, today=None):
    """Per calendar month: participants who joined and left, and the active participants at its end per role.

    Active at a day: joined on or before it and not left by then. The day one left is `left_on`, or the role
    history's "left the network" step when that is missing. The role on a day comes from the role history.
    Two queries, whatever the number of participants.
    """
    today = today or timezone.localdate()
    changes, left_at = {}, {}
    for pid, changed_at, from_role, to_role, left in RoleChange.objects.order_by(
        "changed_at", "pk"
    ).values_list("participant_id", "changed_at", "from_role", "to_role", "left_network"):
        day = timezone.localtime(changed_at).date()
        changes.setdefault(pid, []).append((day, from_role, to_role))
        if left:
            left_at[pid] = day
    people = []
    for pid, joined, left_on, status, role in Participant.objects.values_list(
        "pk", "joined_on", "left_on", "status", "role"
    ):
        gone = (left_on or left_at.get(pid) or today) if status == Participant.Status.LEFT else None
        people.append((joined, gone, changes.get(pid, []), role))
    rows = []
    for start, end in month_ends(months, today):
        roles = Counter()
        for joined, gone, history, role in people:
            if joined <= end and (gone is None or gone > end):
                roles[_role_on(history, end, role)] += 1
        rows.append(
            {
                "month": start,
                "joined": sum(start <= joined <= end for joined, *_ in people),
                "left": sum(gone is not None and start <= gone <= end for _, gone, *_ in people),
                "active": sum(roles.values()),
                "roles": {code: roles.get(code, 0) for code in Role.values},
            }
        )
    return rows


ROLE_PLURALS = {
    Role.KERNPARTNER: _("Kernpartners"),
    Role.PARTNER: _("Partners"),
    Role.SUPPORTER: _("Supporters"),
}


def role_series(rows):
    """The lines of the roles picture from `growth()`'s rows: per role its count at each month's end."""
    return [
        {"key": code, "label": str(label), "values": [row["roles"][code] for row in rows]}
        for code, label in ROLE_PLURALS.items()
    ]


def without_coalition():
    """Active participants in no live coalition, core partners first, then partners, then supporters."""
    members = CoalitionMembership.objects.current().filter(page__live=True).values("participant_id")
    order = {code: i for i, code in enumerate(Role.values)}
    found = Participant.objects.filter(status=Participant.Status.ACTIVE).exclude(pk__in=members)
    return sorted(found, key=lambda p: (order.get(p.role, len(order)), p.name.lower()))


def coalition_overlap():
    """Live coalitions and the active participants they share.

    Returns {"coalitions": [{id, title, url, members, shares: [(title, count)]}], "pairs": [{a, b, names}]
    (most shared first), "apart": the coalitions sharing no one}. Two queries and the site's root paths.
    """
    pages = list(CoalitionPage.objects.live().order_by("title", "pk"))
    members, names = {p.pk: set() for p in pages}, {}
    for page_id, pid, name in (
        CoalitionMembership.objects.current()
        .filter(page__live=True, participant__status=Participant.Status.ACTIVE)
        .values_list("page_id", "participant_id", "participant__name")
    ):
        if page_id in members:
            members[page_id].add(pid)
            names[pid] = name
    by_participant = {}
    for page_id, pids in members.items():
        for pid in pids:
            by_participant.setdefault(pid, set()).add(page_id)
    shared = {}
    for pid, page_ids in by_participant.items():
        for a, b in combinations(sorted(page_ids), 2):
            shared.setdefault((a, b), []).append(names[pid])
    title = {p.pk: p.title for p in pages}
    coalitions = []
    for page in pages:
        shares = [
            (title[b if a == page.pk else a], len(n)) for (a, b), n in shared.items() if page.pk in (a, b)
        ]
        coalition = {
            "id": page.pk,
            "title": page.title,
            "url": page.url,
            "members": len(members[page.pk]),
            "shares": sorted(shares, key=lambda s: (-s[1], s[0])),
        }
        coalition["description"] = _describe(coalition)
        coalitions.append(coalition)
    pairs = [
        {"a": title[a], "b": title[b], "ids": (a, b), "names": sorted(n, key=str.lower)}
        for (a, b), n in shared.items()
    ]
    pairs.sort(key=lambda p: (-len(p["names"]), p["a"], p["b"]))
    return {
        "coalitions": coalitions,
        "pairs": pairs,
        "apart": [c for c in coalitions if not c["shares"]],
    }


def _describe(coalition):
    """ "Rookvrij Twente: 4 deelnemers; deelt deelnemers met Brabant Rookvrij (2)": a node's text alternative."""
    n = coalition["members"]
    text = ngettext("%(title)s: %(n)d deelnemer", "%(title)s: %(n)d deelnemers", n) % {
        "title": coalition["title"],
        "n": n,
    }
    if not coalition["shares"]:
        return text + "; " + str(_("deelt met geen andere coalitie deelnemers"))
    others = ", ".join(f"{title} ({count})" for title, count in coalition["shares"])
    return text + "; " + str(_("deelt deelnemers met %(others)s")) % {"others": others}
