"""The office's archive: activities, lessons learned, declarations and workflow decisions in one place.

Each source turns another app's records into rows with the same columns, filtered by
period, coalition and participant, so the admin view can list and export them (CSV or XLSX).
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from coalitions.models import ActivityPage, CoalitionMembership, CoalitionPage
from governance.models import ExitRequestProcess, HandoverProcess, ReflectionProcess
from network.models import RoleChange
from onboarding.models import Application, Declaration

COLUMNS = [
    ("date", _("Datum")),
    ("kind", _("Soort")),
    ("title", _("Titel")),
    ("coalition", _("Coalitie")),
    ("participant", _("Deelnemer")),
    ("detail", _("Toelichting")),
]


@dataclass
class Filters:
    start: datetime.date | None = None
    end: datetime.date | None = None
    coalition: object = None  # a CoalitionPage
    participant: object = None  # a Participant


def _day(value):
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def _in_period(day, filters):
    if day is None:
        return not (filters.start or filters.end)
    return (not filters.start or day >= filters.start) and (not filters.end or day <= filters.end)


def _row(date, kind, title, coalition="", participant="", detail="", url=""):
    return {
        "date": _day(date),
        "kind": str(kind),
        "title": str(title),
        "coalition": str(coalition or ""),
        "participant": str(participant or ""),
        "detail": " ".join(strip_tags(str(detail or "")).split()),
        "url": url,
    }


def _activities(filters, lessons=False):
    pages = ActivityPage.objects.live().order_by("-first_published_at")
    if lessons:
        pages = pages.exclude(lessons_learned="")
    if filters.coalition is not None:
        pages = pages.child_of(filters.coalition)
    coalitions = {c.path: c for c in CoalitionPage.objects.all()}
    members = {}
    for page_id, name in CoalitionMembership.objects.accepted().values_list("page_id", "participant__name"):
        members.setdefault(page_id, []).append(name)
    allowed = None
    if filters.participant is not None:
        allowed = set(
            CoalitionMembership.objects.accepted()
            .filter(participant=filters.participant)
            .values_list("page_id", flat=True)
        )
    rows = []
    for page in pages:
        coalition = coalitions.get(page.path[: -ActivityPage.steplen])
        if allowed is not None and (coalition is None or coalition.pk not in allowed):
            continue
        day = page.start_date or _day(page.first_published_at)
        if not _in_period(day, filters):
            continue
        rows.append(
            _row(
                day,
                _("Geleerde les") if lessons else _("Activiteit"),
                page.title,
                coalition.title if coalition else "",
                ", ".join(sorted(members.get(coalition.pk, []))) if coalition else "",
                page.lessons_learned if lessons else page.summary or page.results,
                page.url or "",
            )
        )
    return rows


def activities(filters):
    return _activities(filters)


def lessons(filters):
    return _activities(filters, lessons=True)


def _by_participant(queryset, filters, field):
    if filters.participant is not None:
        queryset = queryset.filter(**{field: filters.participant})
    return queryset


def declarations(filters):
    if filters.coalition is not None:
        return []
    records = _by_participant(
        Declaration.objects.select_related("application").order_by("-signed_at"),
        filters,
        "application__participant",
    )
    return [
        _row(
            r.signed_at,
            _("Verklaring"),
            r.organisation_name,
            "",
            r.organisation_name,
            _("Ondertekend door %(name)s; spelregels versie %(version)s")
            % {"name": r.signer_name, "version": r.rules_version},
        )
        for r in records
        if _in_period(_day(r.signed_at), filters)
    ]


def decisions(filters):
    """Workflow decisions: admissions, handovers, exit requests, reflections, and role changes."""
    rows = []
    if filters.coalition is not None:
        return rows  # decisions are about participants and the network, not one coalition
    for a in _by_participant(Application.objects.exclude(decided_at=None), filters, "participant"):
        rows.append(
            _row(
                a.decided_at,
                _("Aanmelding"),
                a.organisation_name,
                "",
                a.participant or a.organisation_name,
                f"{a.get_decision_display()}: {a.decision_reason}",
            )
        )
    handovers = _by_participant(HandoverProcess.objects.exclude(decision=""), filters, "departing")
    for h in handovers.select_related("departing"):
        rows.append(
            _row(
                h.completed_at or h.finished or h.created,
                _("Overdracht"),
                str(h.departing),
                "",
                h.departing,
                f"{h.get_decision_display()}: {h.decision_note}",
            )
        )
    exits = _by_participant(ExitRequestProcess.objects.exclude(outcome=""), filters, "participant")
    for e in exits.select_related("participant"):
        rows.append(
            _row(
                e.decided_at or e.finished,
                _("Verzoek tot vertrek"),
                str(e.participant),
                "",
                e.participant,
                f"{e.get_outcome_display()}: {e.outcome_note}",
            )
        )
    if filters.participant is None:
        for r in ReflectionProcess.objects.exclude(completed_at=None):
            rows.append(
                _row(r.completed_at, _("Reflectie"), r.title, "", "", f"{r.conclusions} {r.follow_up}")
            )
    changes = _by_participant(RoleChange.objects.select_related("participant"), filters, "participant")
    for c in changes:
        label = (
            _("Vertrokken uit het netwerk")
            if c.left_network
            else f"{c.get_from_role_display() or '—'} → {c.get_to_role_display()}"
        )
        rows.append(_row(c.changed_at, _("Rolwijziging"), label, "", c.participant, c.reason))
    return [r for r in rows if _in_period(r["date"], filters)]


SOURCES = {
    "activiteiten": (_("Activiteiten"), activities),
    "lessen": (_("Geleerde lessen"), lessons),
    "verklaringen": (_("Verklaringen"), declarations),
    "besluiten": (_("Besluiten in workflows"), decisions),
}


def rows_for(source, filters):
    rows = SOURCES[source][1](filters)
    rows.sort(key=lambda r: (r["date"] or datetime.date.min, r["title"]), reverse=True)
    return rows
