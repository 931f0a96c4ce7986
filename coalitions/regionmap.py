"""A map of the Netherlands by GGD region: a tile-grid cartogram drawn server-side as SVG (no scripts, no
external tiles), each region one labelled tile in its geographic place, coloured by its count.

No boundary data is available offline (shared/data/README.md) and no registry package we could keep ships
the GGD regions' borders, so the layout is ours: `TILES` places each region on a 5 x 8 grid by the position
of its main city (network/regions.py), with the IJsselmeer left open. Equal tiles also give small, dense
regions (Amsterdam, Haaglanden) the same room as large rural ones, which a count per region deserves.

Reusable: `region_counts()` counts coalitions (or anything else with a `region` field) per GGD region and
`region_map(counts, link)` returns what the template include "coalitions/includes/region_map.html" needs.
"""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from network.regions import GGD_REGIONS

# (column, row) of each region's tile, north-west at (0, 0).
TILES = {
    "fryslan": (3, 0),
    "groningen": (4, 0),
    "hollands-noorden": (1, 1),
    "drenthe": (4, 1),
    "zaanstreek-waterland": (1, 2),
    "flevoland": (3, 2),
    "ijsselland": (4, 2),
    "kennemerland": (0, 3),
    "amsterdam": (1, 3),
    "gooi-vechtstreek": (2, 3),
    "noord-oost-gelderland": (3, 3),
    "twente": (4, 3),
    "haaglanden": (0, 4),
    "hollands-midden": (1, 4),
    "utrecht": (2, 4),
    "gelderland-midden": (3, 4),
    "rotterdam-rijnmond": (0, 5),
    "zuid-holland-zuid": (1, 5),
    "hart-voor-brabant": (2, 5),
    "gelderland-zuid": (3, 5),
    "zeeland": (0, 6),
    "west-brabant": (1, 6),
    "brabant-zuidoost": (2, 6),
    "limburg-noord": (3, 6),
    "zuid-limburg": (3, 7),
}
# The label on a tile, at most two short lines (the full name is in the link's label, title and table).
SHORT_NAMES = {
    "noord-oost-gelderland": ("Noord-Oost-", "Gelderland"),
    "gelderland-midden": ("Gelderland-", "Midden"),
    "gelderland-zuid": ("Gelderland-", "Zuid"),
    "gooi-vechtstreek": ("Gooi en", "Vechtstreek"),
    "zaanstreek-waterland": ("Zaanstreek-", "Waterland"),
    "hollands-noorden": ("Hollands", "Noorden"),
    "hollands-midden": ("Hollands", "Midden"),
    "rotterdam-rijnmond": ("Rotterdam-", "Rijnmond"),
    "zuid-holland-zuid": ("Zuid-Holland", "Zuid"),
    "hart-voor-brabant": ("Hart voor", "Brabant"),
    "brabant-zuidoost": ("Brabant-", "Zuidoost"),
    "limburg-noord": ("Limburg-", "Noord"),
    "zuid-limburg": ("Zuid-", "Limburg"),
    "west-brabant": ("West-", "Brabant"),
    "kennemerland": ("Kennemer-", "land"),
}
TILE_W, TILE_H, GAP, PAD = 112, 84, 6, 4
COLUMNS, ROWS = 5, 8
WIDTH = PAD * 2 + COLUMNS * TILE_W + (COLUMNS - 1) * GAP
HEIGHT = PAD * 2 + ROWS * TILE_H + (ROWS - 1) * GAP
# Shades for "none", then four steps up to the largest count; the CSS gives each its colour and a text
# colour with AA contrast (site.css, .region-map .shade-N).
SHADES = 5


def region_counts(queryset):
    """Number of items per GGD region code (all 25 codes, zero included) for a queryset with `region`."""
    counts = {code: 0 for code, *_ in GGD_REGIONS}
    rows = queryset.exclude(region="").order_by().values_list("region").annotate(n=Count("pk"))
    for code, n in rows:
        if code in counts:
            counts[code] = n
    return counts


def shade(count, top):
    """0 for none, else 1..SHADES-1 by the count's share of the largest count."""
    if not count:
        return 0
    return min(SHADES - 1, 1 + (SHADES - 2) * count // top) if top > 1 else SHADES - 1


def legend(top):
    """The counts each shade stands for, as (shade, text)."""
    steps = [(0, "0")]
    for n in range(1, SHADES):
        members = [c for c in range(1, top + 1) if shade(c, top) == n]
        if members:
            low, high = members[0], members[-1]
            steps.append((n, str(low) if low == high else f"{low}–{high}"))
    return steps


def region_map(counts, link=lambda code: f"?region={code}", nouns=None, selected=""):
    """Each region's tile (position, label lines, count, shade, "GGD Twente: 2 coalities") and link;
    `link(code)` gives the URL of the filtered list, `nouns` what is counted (one, several) and `selected`
    the region now chosen there."""
    one, several = nouns or (_("coalitie"), _("coalities"))
    top = max(counts.values(), default=0)
    regions = []
    for code, name, city, province, _lat, _lon in GGD_REGIONS:
        column, row = TILES[code]
        x, y = PAD + column * (TILE_W + GAP), PAD + row * (TILE_H + GAP)
        count = counts.get(code, 0)
        regions.append(
            {
                "code": code,
                "name": name,
                "city": city,
                "province": province,
                "count": count,
                "x": x,
                "y": y,
                "cx": x + TILE_W // 2,
                "lines": SHORT_NAMES.get(code, (name.removeprefix("GGD ").removeprefix("regio "),)),
                "shade": shade(count, top),
                "url": link(code),
                "selected": code == selected,
                "text": f"{name}: {count} {one if count == 1 else several}",
            }
        )
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "tile_w": TILE_W,
        "tile_h": TILE_H,
        "regions": regions,
        "label": several,
        "total": sum(counts.values()),
        "legend": legend(top) if top else [(0, "0")],
    }
