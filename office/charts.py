"""Geometry of the network-health pictures, drawn server-side as SVG by `templates/office/charts/`: bars and
lines over months, and the coalition graph laid out with networkx. No database here: `office/health.py`
counts, this module places.

Each picture is drawn twice, wide and narrow (`both`), and CSS shows the one that fits the screen: a picture
scales with its viewBox, so one drawing for both would shrink its text to unreadable on a phone.
"""

import functools
import math
import random
import textwrap
from itertools import combinations, pairwise

import networkx as nx

WIDE, NARROW = 720, 360
FONT = 12  # px in the drawing, so about 12 px on the screen: each drawing is shown near its own width
CHAR = 0.56 * FONT  # a rough average character width, enough to keep labels apart
LEFT, RIGHT, TOP, BOTTOM = 40, 18, 14, 40  # room for the value axis (left) and the month labels (below)
SEED = 2026  # the graph looks the same on every visit


def both(draw, *args, **kwargs):
    """The picture at both widths: {"wide": …, "narrow": …}."""
    return {"wide": draw(*args, width=WIDE, **kwargs), "narrow": draw(*args, width=NARROW, **kwargs)}


def ticks(top, steps=4):
    """Round axis values from 0 to at least `top`, about `steps` steps of 1, 2 or 5 times a power of ten."""
    raw = max(top, 1) / steps
    magnitude = 10 ** math.floor(math.log10(raw))
    step = max(1, next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw))
    step = int(step)
    return list(range(0, math.ceil(max(top, 1) / step) * step + 1, step))


def _frame(months, top, width, height, right=RIGHT):
    """The plot area, the value axis and the month slots shared by bars and lines."""
    values = ticks(top)
    x0, x1, y0, y1 = LEFT, width - right, height - BOTTOM, TOP
    scale = (y0 - y1) / values[-1]
    slot = (x1 - x0) / max(len(months), 1)
    every = max(1, math.ceil(2.6 * FONT / slot))  # room for "mrt" or "2026" and a space
    labels = []
    for i, month in enumerate(months):
        if (len(months) - 1 - i) % every:  # count back from the latest month, which always has its label
            continue
        new_year = not labels or labels[-1]["month"].year != month.year  # the first label, and each new year
        labels.append({"x": round(x0 + (i + 0.5) * slot, 1), "month": month, "year": new_year})
    return {
        "width": width,
        "height": height,
        "x0": x0,
        "x1": x1,
        "y0": y0,
        "slot": slot,
        "scale": scale,
        "ticks": [{"value": v, "y": round(y0 - v * scale, 1)} for v in values],
        "labels": labels,
    }


def bars(months, values, width=WIDE, height=240):
    """A bar per month; each bar has its month and value (for its <title>)."""
    frame = _frame(months, max(values, default=0), width, height)
    gap = min(6, frame["slot"] * 0.25)
    frame["bars"] = [
        {
            "x": round(frame["x0"] + i * frame["slot"] + gap / 2, 1),
            "y": round(frame["y0"] - value * frame["scale"], 1),
            "w": round(frame["slot"] - gap, 1),
            "h": round(value * frame["scale"], 1),
            "month": month,
            "value": value,
        }
        for i, (month, value) in enumerate(zip(months, values, strict=True))
    ]
    return frame


def lines(months, series, width=WIDE, height=240):
    """A line per series ({"key", "label", "values"}), labelled at its end with its name and last value."""
    top = max((v for s in series for v in s["values"]), default=0)
    longest = max((len(f"{s['label']} {s['values'][-1]}") for s in series if s["values"]), default=0)
    frame = _frame(months, top, width, height, right=round(longest * CHAR * 1.1) + 14)  # the labels are bold
    drawn = []
    for s in series:
        points = [
            (round(frame["x0"] + (i + 0.5) * frame["slot"], 1), round(frame["y0"] - v * frame["scale"], 1))
            for i, v in enumerate(s["values"])
        ]
        drawn.append(
            {
                **s,
                "points": " ".join(f"{x},{y}" for x, y in points),
                "end_x": points[-1][0] + 6 if points else frame["x0"],
                "end_y": points[-1][1] if points else frame["y0"],
                "last": s["values"][-1] if s["values"] else 0,
            }
        )
    _spread([d for d in drawn if d["values"]], FONT + 2, TOP, frame["y0"])
    frame["lines"] = drawn
    return frame


def _spread(items, gap, low, high):
    """Move the end labels apart vertically (at least `gap`), keeping them between low and high."""
    items.sort(key=lambda d: d["end_y"])
    for item in items:
        item["label_y"] = item["end_y"]
    for before, after in pairwise(items):
        after["label_y"] = max(after["label_y"], before["label_y"] + gap)
    overflow = (items[-1]["label_y"] - high) if items else 0
    if overflow > 0:
        for item in items:
            item["label_y"] = max(low, item["label_y"] - overflow)
    for item in items:
        item["label_y"] = round(item["label_y"] + FONT * 0.35, 1)


def label_lines(title, chars):
    """A coalition's title on at most two lines of about `chars` characters; a longer one ends in '…'."""
    wrapped = textwrap.wrap(title, chars, break_long_words=False) or [title]
    if len(wrapped) > 2:
        wrapped = [wrapped[0], textwrap.shorten(" ".join(wrapped[1:]), chars, placeholder=" …")]
    return wrapped


def coalition_graph(nodes, edges, width=WIDE):
    """Place coalitions ({"id", "title", "members", …}) so those sharing members are near each other.

    `edges` are (id, id, count). A seeded spring layout (`_spring`), turned so the graph lies along the drawing's
    long side, then nudged until no two labels overlap. Returns {"width", "height", "nodes",
    "edges"}: each node gains x, y, r and its label lines, each edge its ends and a stroke width.
    """
    if not nodes:
        return {"width": width, "height": 0, "nodes": [], "edges": []}
    chars = 18 if width > NARROW else 13
    top = max((n["members"] for n in nodes), default=1) or 1
    placed = []
    for node in nodes:
        r = round(5 + 10 * math.sqrt(node["members"] / top), 1)
        text = label_lines(node["title"], chars)
        placed.append(
            {
                **node,
                "r": r,
                "lines": text,
                "half_w": max(r, max(len(t) for t in text) * CHAR / 2) + 4,
                "below": r + 4 + len(text) * (FONT + 2),
            }
        )
    box_area = sum((2 * n["half_w"] + 12) * (n["r"] + n["below"] + 12) for n in placed)
    height = max(360, math.ceil((1.3 if width > NARROW else 1.6) * box_area / width))
    for attempt in range(5):  # a drawing too small to keep every label apart grows
        if attempt:
            height = round(height * 1.15)
        positions = _layout(placed, edges, width, height)
        for node in placed:
            node["x"], node["y"] = positions[node["id"]]
        if _separate(placed, width, height):
            break
    at = {n["id"]: n for n in placed}
    top_count = max((c for *_, c in edges), default=1)
    drawn_edges = [
        {
            "x1": at[a]["x"],
            "y1": at[a]["y"],
            "x2": at[b]["x"],
            "y2": at[b]["y"],
            "count": count,
            "a": at[a]["title"],
            "b": at[b]["title"],
            "stroke": round(1.25 + 5.75 * (count - 1) / max(top_count - 1, 1), 1),
        }
        for a, b, count in edges
    ]
    for node in placed:
        node["x"], node["y"] = round(node["x"], 1), round(node["y"], 1)
        node["label_y"] = round(node["y"] + node["r"] + 4 + FONT, 1)
    return {"width": width, "height": height, "nodes": placed, "edges": drawn_edges}


@functools.lru_cache(maxsize=4)
def _spring(ids, edges, iterations=250):
    """Fruchterman-Reingold positions around (0, 0), seeded: pushed apart, pulled together along shared members.

    networkx's own spring layout needs numpy, which the site does without; networkx gives the graph and its
    communities (Louvain, seeded), and each community starts in a place of its own, so groups of coalitions
    that share many members end up together.
    """
    graph = nx.Graph()
    graph.add_nodes_from(ids)
    graph.add_weighted_edges_from(edges)
    rng = random.Random(SEED)
    groups = sorted(
        (sorted(c) for c in nx.community.louvain_communities(graph, weight="weight", seed=SEED)),
        key=lambda c: (-len(c), c[0]),
    )
    pos = {}
    for i, group in enumerate(groups):
        angle = 2 * math.pi * i / len(groups)
        spread = 0.5 if len(groups) > 1 else 0
        for node in group:
            pos[node] = [
                spread * math.cos(angle) + rng.uniform(-0.1, 0.1),
                spread * math.sin(angle) + rng.uniform(-0.1, 0.1),
            ]
    k = 1 / math.sqrt(len(ids))
    heaviest = max((w for *_, w in edges), default=1)
    step = 0.1
    for _ in range(iterations):
        move = {node: [0.0, 0.0] for node in ids}
        for a, b in combinations(ids, 2):
            dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
            d = max(math.hypot(dx, dy), 0.01)
            push = k * k / d
            move[a][0] += dx / d * push
            move[a][1] += dy / d * push
            move[b][0] -= dx / d * push
            move[b][1] -= dy / d * push
        for a, b, w in edges:
            dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
            d = max(math.hypot(dx, dy), 0.01)
            pull = d * d / k * (0.5 + 0.5 * w / heaviest)
            move[a][0] -= dx / d * pull
            move[a][1] -= dy / d * pull
            move[b][0] += dx / d * pull
            move[b][1] += dy / d * pull
        for node in ids:
            x, y = pos[node]
            mx, my = move[node][0] - 0.05 * x / k, move[node][1] - 0.05 * y / k  # a little gravity: no strays
            length = max(math.hypot(mx, my), 1e-9)
            pos[node] = [x + mx / length * min(length, step), y + my / length * min(length, step)]
        step = max(step * 0.98, 0.002)
    return {node: tuple(p) for node, p in pos.items()}


def _layout(nodes, edges, width, height):
    """The spring layout, turned along the drawing's long side and stretched to its margins."""
    if len(nodes) == 1:
        return {nodes[0]["id"]: (width / 2, height / 2)}
    pos = _spring(tuple(sorted(n["id"] for n in nodes)), tuple(sorted(edges)))
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    angle = 0.5 * math.atan2(2 * sxy, sxx - syy)  # the principal axis
    if height > width:
        angle += math.pi / 2
    cos, sin = math.cos(-angle), math.sin(-angle)
    turned = {
        k: ((x - mx) * cos - (y - my) * sin, (x - mx) * sin + (y - my) * cos) for k, (x, y) in pos.items()
    }
    left = max(n["half_w"] for n in nodes)
    upper = max(n["r"] for n in nodes)
    lower = max(n["below"] for n in nodes)
    tx, ty = [p[0] for p in turned.values()], [p[1] for p in turned.values()]
    span_x, span_y = (max(tx) - min(tx)) or 1, (max(ty) - min(ty)) or 1
    return {
        k: (
            left + (x - min(tx)) / span_x * (width - 2 * left),
            upper + (y - min(ty)) / span_y * (height - upper - lower),
        )
        for k, (x, y) in turned.items()
    }


def _box(node):
    return (
        node["x"] - node["half_w"],
        node["y"] - node["r"],
        node["x"] + node["half_w"],
        node["y"] + node["below"],
    )


def _separate(nodes, width, height, gap=6, rounds=150):
    """Push nodes apart until no two boxes (circle and label) overlap, or `rounds` passes have run."""
    for _ in range(rounds):
        moved = False
        for a, b in combinations(nodes, 2):
            al, at, ar, ab = _box(a)
            bl, bt, br, bb = _box(b)
            dx = min(ar, br) - max(al, bl) + gap
            dy = min(ab, bb) - max(at, bt) + gap
            if dx <= 0 or dy <= 0:
                continue
            moved = True
            if dx / width < dy / height:  # the way with room to spare: downwards on a tall drawing
                sign = 1 if a["x"] <= b["x"] else -1
                a["x"] -= sign * dx / 2
                b["x"] += sign * dx / 2
            else:
                sign = 1 if a["y"] <= b["y"] else -1
                a["y"] -= sign * dy / 2
                b["y"] += sign * dy / 2
        for n in nodes:
            n["x"] = min(max(n["x"], n["half_w"]), width - n["half_w"])
            n["y"] = min(max(n["y"], n["r"] + 2), height - n["below"])
        if not moved:
            return True
    return False
