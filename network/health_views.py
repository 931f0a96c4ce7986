"""The network-health page (/netwerk/gezondheid/): only for core partners and the office."""

from importlib import import_module

from django.shortcuts import render
from django.utils import timezone

from . import health
from .access import core_or_office
from .crossapp import get_model

DEFAULT_MONTHS = 6


def _coalition_map():
    """The coalitions app's region map, when that app provides it."""
    try:
        regionmap = import_module("coalitions.regionmap")
    except ImportError:
        return None
    Index = get_model("coalitions.CoalitionIndexPage")
    index = Index.objects.live().first() if Index else None
    base = index.url if index else ""
    return regionmap.region_map(regionmap.region_counts(), link=lambda code: f"{base}?region={code}")


@core_or_office
def health_view(request):
    try:
        months = min(max(int(request.GET.get("maanden", DEFAULT_MONTHS)), 1), 36)
    except ValueError:
        months = DEFAULT_MONTHS
    today = timezone.localdate()
    growth = health.growth(12, today)
    return render(
        request,
        "network/health.html",
        {
            "months": months,
            "since": health.months_ago(today, months),
            "sham": health.sham_participants(months, today),
            "quiet": health.quiet_coalitions(months, today),
            "roles": health.role_distribution(),
            "growth": growth,
            "growth_width": 40 * (len(growth) + 2),
            "graph": health.network_graph(),
            "region_map": _coalition_map(),
        },
    )
