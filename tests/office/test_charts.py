"""The geometry of the network-health pictures (office/charts.py), without a database."""

import datetime
from itertools import combinations

from office import charts

MONTHS = [datetime.date(2025 + (m // 12), m % 12 + 1, 1) for m in range(5, 23)]  # June 2025 to November 2026


def test_ticks_are_round_and_reach_the_top():
    assert charts.ticks(0) == [0, 1]
    assert charts.ticks(3) == [0, 1, 2, 3]
    assert charts.ticks(109) == [0, 50, 100, 150]
    assert charts.ticks(40) == [0, 10, 20, 30, 40]


def test_bars_grow_with_their_value_on_a_shared_axis():
    values = list(range(10, 10 + 2 * len(MONTHS), 2))
    chart = charts.bars(MONTHS, values)
    heights = [b["h"] for b in chart["bars"]]
    assert heights == sorted(heights) and len(heights) == 18
    assert all(b["y"] + b["h"] == chart["y0"] for b in chart["bars"])  # every bar stands on the base line
    top = chart["ticks"][-1]
    assert top["value"] >= max(values) and top["y"] == charts.TOP
    # Wide: every month named; the first and January carry the year.
    assert [label["month"] for label in chart["labels"]] == MONTHS
    assert [label["month"] for label in chart["labels"] if label["year"]] == [
        MONTHS[0],
        datetime.date(2026, 1, 1),
    ]


def test_narrow_bars_name_fewer_months_but_always_the_latest():
    chart = charts.bars(MONTHS, [1] * len(MONTHS), width=charts.NARROW)
    named = [label["month"] for label in chart["labels"]]
    assert 3 <= len(named) < len(MONTHS) and named[-1] == MONTHS[-1]
    gaps = {round(b["x"] - a["x"]) for a, b in zip(chart["labels"], chart["labels"][1:], strict=False)}
    assert min(gaps) >= 2.5 * charts.FONT  # labels do not touch


def test_lines_end_in_their_name_and_last_value_without_labels_overlapping():
    series = [
        {"key": "kernpartner", "label": "Kernpartners", "values": [6] * 17 + [7]},
        {"key": "partner", "label": "Partners", "values": [5] * 17 + [8]},
        {"key": "supporter", "label": "Supporters", "values": list(range(20, 38))},
    ]
    chart = charts.lines(MONTHS, series, width=charts.NARROW)
    assert [line["last"] for line in chart["lines"]] == [7, 8, 37]
    ys = sorted(line["label_y"] for line in chart["lines"])
    assert all(b - a >= charts.FONT for a, b in zip(ys, ys[1:], strict=False))
    longest = len("Supporters 37") * charts.CHAR * 1.1
    assert all(line["end_x"] + longest <= chart["width"] for line in chart["lines"])
    assert chart["lines"][2]["points"].count(",") == len(MONTHS)


def test_label_lines_wrap_on_words_and_shorten_a_long_title():
    assert charts.label_lines("Rookvrij Twente", 18) == ["Rookvrij Twente"]
    assert charts.label_lines("Zorgprofessionals voor Rookvrij", 18) == ["Zorgprofessionals", "voor Rookvrij"]
    lines = charts.label_lines("Samen werken aan een rookvrije toekomst voor alle kinderen", 18)
    assert len(lines) == 2 and lines[1].endswith("…") and all(len(line) <= 20 for line in lines)


def nodes(n):
    return [{"id": i, "title": f"Coalitie nummer {i}", "members": 2 + i % 5} for i in range(n)]


def test_coalition_graph_is_deterministic_and_keeps_labels_apart():
    found = nodes(16)
    edges = [(a, b, 1 + (a + b) % 3) for a, b in combinations(range(16), 2) if (a * b) % 5 == 1 or b == a + 1]
    for width in (charts.WIDE, charts.NARROW):
        graph = charts.coalition_graph(found, edges, width=width)
        assert graph == charts.coalition_graph(found, edges, width=width)
        assert len(graph["nodes"]) == 16 and len(graph["edges"]) == len(edges)
        boxes = [charts._box(n) for n in graph["nodes"]]
        for left, top, right, bottom in boxes:
            assert -0.1 <= left and right <= width + 0.1 and -0.1 <= top and bottom <= graph["height"] + 0.1
        for a, b in combinations(boxes, 2):
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]  # no two labels overlap
    narrow = charts.coalition_graph(found, edges, width=charts.NARROW)
    assert narrow["height"] > narrow["width"]  # on a phone the graph grows downwards
    by_count = {e["count"]: e["stroke"] for e in narrow["edges"]}
    assert by_count[1] < by_count[2] < by_count[3]
    sizes = {n["members"]: n["r"] for n in narrow["nodes"]}
    assert sizes[2] < sizes[4] < sizes[6]


def test_a_graph_of_one_or_none():
    assert charts.coalition_graph([], [])["nodes"] == []
    one = charts.coalition_graph(nodes(1), [])
    assert len(one["nodes"]) == 1 and one["edges"] == []


def test_each_new_year_is_named_under_the_first_month_labelled_in_it():
    chart = charts.bars(MONTHS, [1] * len(MONTHS), width=charts.NARROW)
    years = [label["month"].year for label in chart["labels"] if label["year"]]
    assert years == [2025, 2026]
