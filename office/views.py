"""The office's site pages, each combining several apps: "Mijn netwerk" (/mijn/), the members' directory
(/deelnemers/) and the network's health (/netwerk/gezondheid/)."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from wagtail import hooks

from coalitions import regionmap
from coalitions.models import CoalitionIndexPage, CoalitionPage
from network.access import contact_for, core_or_office, is_core_or_office, members_only
from network.models import Participant, Role
from nnr_site import pagecache
from onboarding.confirmations import overdue_redeclarations

from . import charts, directory, health
from .forms import DirectoryFilterForm

DEFAULT_MONTHS = 6
GROWTH_MONTHS = 18  # the growth and role pictures look back a year and a half


@login_required
def account_home(request):
    """The logged-in home ("Mijn netwerk").

    Apps add their own panels with the `nnr_account_panels` hook: a function taking the request and the
    user's ContactPerson (or None) and returning rendered HTML, or "" to show nothing.
    """
    contact = contact_for(request.user)
    panels = [fn(request, contact) for fn in hooks.get_hooks("nnr_account_panels")]
    participant = contact.participant if contact and contact.participant.is_active else None
    return render(
        request,
        "office/account_home.html",
        {
            "contact": contact,
            "panels": [p for p in panels if p],
            "participant": participant,
            "can_see_health": is_core_or_office(request.user),
        },
    )


@members_only
def directory_view(request):
    form = DirectoryFilterForm(request.GET or None)
    participants = directory.search(form.cleaned_data if form.is_valid() else None)
    page = Paginator(participants.order_by("name"), 25).get_page(request.GET.get("pagina"))
    items = directory.with_memberships(directory.with_visible_contacts(list(page.object_list)))
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "office/directory.html",
        {
            "form": form,
            "page": page,
            "participants": items,
            "total": page.paginator.count,
            "query": query.urlencode(),
        },
    )


@members_only
def directory_detail(request, pk):
    participant = get_object_or_404(Participant, pk=pk, status=Participant.Status.ACTIVE)
    directory.with_memberships(directory.with_visible_contacts([participant]))
    return render(request, "office/directory_detail.html", {"participant": participant})


def _coalition_map():
    """The coalitions per GGD region, each region linking to the coalition overview filtered on it; the same
    for everyone, so read once per page-cache generation."""

    def read():
        index = CoalitionIndexPage.objects.live().first()
        return (index.url if index else ""), regionmap.region_counts(CoalitionPage.objects.live().public())

    base, counts = pagecache.shared("health_map", read)
    return regionmap.region_map(counts, link=lambda code: f"{base}?region={code}")


# The drawing shows the strongest links only: more lines are unreadable, and placing n coalitions costs n² per
# step (a generated network of 1,000 coalitions did not finish). The table below it names every pair.
GRAPH_PAIRS = 30


@core_or_office
def health_view(request):
    try:
        period = min(max(int(request.GET.get("maanden", DEFAULT_MONTHS)), 1), 36)
    except ValueError:
        period = DEFAULT_MONTHS
    today = timezone.localdate()
    growth = health.growth(GROWTH_MONTHS, today)
    months = [row["month"] for row in growth]
    overlap = health.coalition_overlap()
    strongest = overlap["pairs"][:GRAPH_PAIRS]  # most shared first
    drawn = {pk for pair in strongest for pk in pair["ids"]}
    linked = [c for c in overlap["coalitions"] if c["id"] in drawn]
    edges = [(*pair["ids"], len(pair["names"])) for pair in strongest]
    without = health.without_coalition()
    series = health.role_series(growth)
    return render(
        request,
        "office/health.html",
        {
            "months": period,
            "since": health.months_ago(today, period),
            "sham": health.sham_participants(period, today),
            "quiet": health.quiet_coalitions(period, today),
            "redeclaration_overdue": overdue_redeclarations(today),
            "redeclaration_months": settings.NNR_REDECLARATION_MONTHS,
            "roles": health.role_distribution(),
            "growth": growth,
            "growth_chart": charts.both(charts.bars, months, [row["active"] for row in growth]),
            "role_series": series,
            "role_rows": [
                {"month": row["month"], "cells": [(s["label"], row["roles"][s["key"]]) for s in series]}
                for row in growth
            ],
            "roles_chart": charts.both(charts.lines, months, series),
            "overlap": overlap,
            "graph": charts.both(charts.coalition_graph, linked, edges),
            "graph_capped": len(overlap["pairs"]) > GRAPH_PAIRS,
            "graph_pairs": GRAPH_PAIRS,
            "without": [p for p in without if p.role != Role.SUPPORTER],
            "without_supporters": [p for p in without if p.role == Role.SUPPORTER],
            "region_map": _coalition_map(),
        },
    )
