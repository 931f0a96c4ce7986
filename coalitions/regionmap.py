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


# A rough outline of the Netherlands (lat, lon), only as a decorative background for the dots.
OUTLINE = [
    (51.37, 3.38),
    (51.53, 3.44),
    (51.73, 3.77),
    (51.98, 4.12),
    (52.11, 4.27),
    (52.46, 4.58),
    (52.77, 4.66),
    (52.96, 4.76),
    (53.18, 4.86),
    (53.30, 5.07),
    (53.40, 5.35),
    (53.45, 5.80),
    (53.49, 6.20),
    (53.45, 6.83),
    (53.33, 6.93),
    (53.18, 7.21),
    (52.88, 7.07),
    (52.66, 6.74),
    (52.38, 7.01),
    (52.22, 7.05),
    (51.97, 6.72),
    (51.88, 6.25),
    (51.85, 5.96),
    (51.50, 6.10),
    (51.25, 6.22),
    (51.05, 5.87),
    (50.77, 6.02),
    (50.76, 5.69),
    (51.10, 5.80),
    (51.27, 5.56),
    (51.44, 4.93),
    (51.37, 4.39),
    (51.23, 3.80),
]


def _xy(lat, lon):
    return round(PAD + (lon - WEST) * X_SCALE, 1), round(PAD + (NORTH - lat) * SCALE, 1)


def region_counts(queryset):
    """Number of items per GGD region code (all 25 codes, zero included) for a queryset with `region`."""
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
                "x": _xy(lat, lon)[0],
                "y": _xy(lat, lon)[1],
                "r": round(7 + 6 * math.sqrt(count / top), 1) if count else 5,
                "url": link(code),
            }
        )
    outline = " ".join(f"{x},{y}" for x, y in (_xy(lat, lon) for lat, lon in OUTLINE))
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "outline": outline,
        "regions": regions,
        "label": label,
        "total": sum(counts.values()),
    }
