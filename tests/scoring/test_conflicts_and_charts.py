"""Who scores whom comes from the unit tree; the charts are standalone SVG that a strict CSP and a phone accept."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from tdkt.scoring import charts
from tdkt.scoring.conflicts import Scorer, assignments, lineage, related

SVG = "{http://www.w3.org/2000/svg}"


def test_a_unit_never_scores_itself_nor_its_parent_nor_its_child():
    parents = {1: None, 2: 1, 3: 2, 4: None, 5: None}
    scorers = [Scorer(f"u{unit}", unit) for unit in (1, 2, 4)] + [Scorer("p9", 5)]
    pairs = {(scorer.key, target) for scorer, target in assignments(scorers, [1, 2, 3, 4, 5], parents)}
    assert ("u1", 1) not in pairs and ("u2", 2) not in pairs  # itself
    assert ("u1", 3) not in pairs and ("u2", 1) not in pairs and ("u2", 3) not in pairs  # its tree
    assert ("p9", 5) not in pairs  # a council member does not score the unit that manages them
    assert pairs == {
        ("u1", 4),
        ("u1", 5),
        ("u2", 4),
        ("u2", 5),
        ("u4", 1),
        ("u4", 2),
        ("u4", 3),
        ("u4", 5),
        ("p9", 1),
        ("p9", 2),
        ("p9", 3),
        ("p9", 4),
    }


def test_a_cycle_in_bad_data_does_not_hang():
    assert lineage(1, {1: 2, 2: 1}) == [1, 2]
    assert related(1, 2, {1: 2, 2: 1})


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(0, 12), min_size=1, max_size=12))
def test_assignments_are_exactly_the_pairs_of_unrelated_units(raw):
    # unit i+1's parent is raw[i] when it is a smaller unit (a forest), else none
    parents = {i + 1: (p if 0 < p < i + 1 else None) for i, p in enumerate(raw)}
    units = list(parents)
    pairs = assignments([Scorer(f"u{u}", u) for u in units], units, parents)
    for scorer, target in pairs:
        assert scorer.unit_id != target
        assert scorer.unit_id not in lineage(target, parents) and target not in lineage(
            scorer.unit_id, parents
        )
    expected = {(a, b) for a in units for b in units if not related(a, b, parents)}
    assert {(s.unit_id, t) for s, t in pairs} == expected


def _parse(markup: str) -> ET.Element:
    return ET.fromstring(markup)


def test_a_bar_chart_is_well_formed_standalone_svg_without_styles():
    markup = charts.bar_chart(
        [
            charts.Bar("1. Văn phòng Đoàn ĐBQH và HĐND tỉnh <script>", Decimal("95.5")),
            charts.Bar("2. Sở Tư pháp & Thanh tra", Decimal("80"), highlight=True),
        ],
        title="Xếp hạng thi đua năm 2025",
        ident="xh",
        scale=Decimal(105),
        description="Khối thi đua các cơ quan tham mưu tổng hợp tỉnh",
    )
    root = _parse(markup)
    assert root.tag == SVG + "svg" and root.get("width") == str(charts.WIDTH)
    assert root.get("viewBox").startswith(f"0 0 {charts.WIDTH} ")
    assert root.find(SVG + "title").text == "Xếp hạng thi đua năm 2025"
    assert "style" not in markup and "<script" not in markup and "&lt;script&gt;" in markup
    texts = [node.text for node in root.iter(SVG + "text")]
    assert "95,5" in texts and "80" in texts and "2. Sở Tư pháp & Thanh tra" in texts
    bars = [rect for rect in root.iter(SVG + "rect") if rect.get("fill") in (charts.BAR, charts.HIGHLIGHT)]
    widths = [Decimal(rect.get("width")) for rect in bars]
    track = charts.WIDTH - 2 * charts.PAD - charts.VALUE_WIDTH
    assert widths == [
        (Decimal("95.5") / 105 * track).quantize(Decimal("0.1")),
        (Decimal(80) / 105 * track).quantize(Decimal("0.1")),
    ]
    assert bars[1].get("fill") == charts.HIGHLIGHT


def test_bars_on_their_own_maximum_show_value_over_maximum_and_long_labels_are_cut():
    long = "I. " + "Thực hiện nhiệm vụ chính trị, chuyên môn được giao và các chỉ tiêu " * 2
    root = _parse(
        charts.bar_chart([charts.Bar(long, Decimal("45.25"), maximum=Decimal(60))], title="Nhóm", ident="n")
    )
    texts = [node.text for node in root.iter(SVG + "text")]
    assert "45,25/60" in texts
    label = next(text for text in texts if text.startswith("I. "))
    assert label.endswith("…") and len(label) <= charts.LABEL_CHARS


def test_an_empty_chart_still_renders():
    root = _parse(charts.bar_chart([], title="Trống", ident="t"))
    assert int(root.get("height")) > charts.TITLE_HEIGHT
