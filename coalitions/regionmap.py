"""A map of the Netherlands by GGD region, drawn server-side as SVG (no scripts, no external tiles).

Reusable: `region_counts()` counts coalitions (or anything else with a `region` field) per GGD region and
`region_map(counts, link)` returns what the template include "coalitions/includes/region_map.html" needs.
"""

import math

from django.db.models import Count

from network.regions import GGD_REGIONS

# Simple equirectangular projection; longitude is shrunk by cos(52°) so the country keeps its shape.
NORTH, SOUTH, WEST, EAST = 53.65, 50.70, 3.25, 7.35
SCALE = 200  # pixels per degree of latitude
PAD = 24
X_SCALE = SCALE * math.cos(math.radians(52.2))
WIDTH = round((EAST - WEST) * X_SCALE + 2 * PAD)
HEIGHT = round((NORTH - SOUTH) * SCALE + 2 * PAD)


def region_counts(queryset=None):
    """Number of items per GGD region code (all 25 codes, zero included) for a queryset with `region`."""
    if queryset is None:
        from .models import CoalitionPage

        queryset = CoalitionPage.objects.live().public()
    counts = {code: 0 for code, *_ in GGD_REGIONS}
    rows = queryset.exclude(region="").order_by().values_list("region").annotate(n=Count("pk"))
    for code, n in rows:
        if code in counts:
            counts[code] = n
    return counts


def region_map(counts, link=lambda code: f"?region={code}", label="coalities"):
    """Positions, radii and links for each region; `link(code)` gives the URL of the filtered list."""
    top = max(counts.values(), default=0) or 1
    regions = []
    for code, name, city, province, lat, lon in GGD_REGIONS:
        count = counts.get(code, 0)
        regions.append(
            {
                "code": code,
                "name": name,
                "city": city,
                "province": province,
                "count": count,
                "x": round(PAD + (lon - WEST) * X_SCALE, 1),
                "y": round(PAD + (NORTH - lat) * SCALE, 1),
                "r": round(7 + 6 * math.sqrt(count / top), 1) if count else 5,
                "url": link(code),
            }
        )
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "regions": regions,
        "label": label,
        "total": sum(counts.values()),
    }
