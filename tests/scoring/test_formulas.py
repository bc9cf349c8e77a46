"""The formulas and the ranking as pure functions: worked examples by hand, then properties over many generated
tables and sheets (hypothesis)."""

from __future__ import annotations

import itertools
import json
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tdkt.scoring import formulas as f
from tdkt.scoring.enums import Formula, MarginUnit, TieRule

D = Decimal
LINES = (
    f.Line("c1", f.CRITERION, "I", D(10)),
    f.Line("c2", f.CRITERION, "II", D(20)),
    f.Line("b1", f.BONUS, "", D(4)),
    f.Line("p1", f.PENALTY, "", D(3)),
)
SELF = {"c1": D(9), "c2": D(18), "b1": D(2), "p1": D(0)}
PEERS = (
    f.PeerSheet("u1", {"c1": D(8), "c2": D(15), "b1": D(2), "p1": D(1)}),  # total 24
    f.PeerSheet("u2", {"c1": D(6), "c2": D(12), "b1": D(0), "p1": D(0)}),  # total 18 (lowest)
    f.PeerSheet("u3", {"c1": D(10), "c2": D(19), "b1": D(2), "p1": D(0)}),  # total 31 (highest)
    f.PeerSheet("u4", {"c1": D(7), "c2": D(16), "b1": D(0), "p1": D(1)}),  # total 22
)


def inputs(formula: str, peers=PEERS, **kwargs) -> f.Inputs:
    return f.Inputs(formula=formula, lines=LINES, self_values=SELF, peers=tuple(peers), **kwargs)


def test_the_enums_name_the_pure_module_s_formulas():
    assert set(Formula.values) == set(f.FORMULAS)
    assert set(MarginUnit.values) == {f.POINTS, f.PERCENT}
    assert set(TieRule.values) == {f.FEWER_PENALTIES, f.MORE_BONUS}


def test_mean_of_the_peer_sheets():
    result = f.compute(inputs(f.MEAN))
    assert result.values == {"c1": D("7.75"), "c2": D("15.50"), "b1": D("1.00"), "p1": D("0.50")}
    assert (result.criteria_total, result.bonus_total, result.penalty_total) == (D("23.25"), D(1), D("0.5"))
    assert result.total == D("23.75")
    assert result.groups == {"I": D("7.75"), "II": D("15.5")}
    assert result.counted == ("u1", "u2", "u3", "u4") and result.dropped == ()


def test_trimmed_mean_drops_the_sheets_with_the_highest_and_the_lowest_total():
    result = f.compute(inputs(f.TRIMMED_MEAN))
    assert set(result.dropped) == {"u3", "u2"}
    assert set(result.counted) == {"u1", "u4"}
    assert result.values == {"c1": D("7.5"), "c2": D("15.5"), "b1": D(1), "p1": D(1)}
    assert result.total == D("23.00")


def test_trimmed_mean_of_fewer_than_three_sheets_is_the_plain_mean():
    two = PEERS[:2]
    assert f.compute(inputs(f.TRIMMED_MEAN, two)).values == f.compute(inputs(f.MEAN, two)).values
    assert f.compute(inputs(f.TRIMMED_MEAN, two)).dropped == ()


def test_panel_score_is_the_mean_of_the_panel_rounded_half_up():
    result = f.compute(inputs(f.PANEL, PEERS[:3]))
    assert result.values == {"c1": D(8), "c2": D("15.33"), "b1": D("1.33"), "p1": D("0.33")}
    assert result.total == D("24.33")  # the sum of the rounded lines


def test_weighted_mix_of_self_and_peer_scores():
    result = f.compute(inputs(f.WEIGHTED, self_weight=D("0.3"), peer_weight=D("0.7")))
    # c1 = 0.3 × 9 + 0.7 × 7.75 = 8.125 → 8.13 (half up)
    assert result.values == {"c1": D("8.13"), "c2": D("16.25"), "b1": D("1.30"), "p1": D("0.35")}
    assert result.total == D("25.33")
    assert result.peer_part["c1"] == D("7.75")


def test_weighted_without_a_self_score_counts_it_as_zero():
    result = f.compute(f.Inputs(f.WEIGHTED, LINES, None, PEERS, self_weight=D("0.5"), peer_weight=D("0.5")))
    assert result.values["c1"] == D("3.88")  # 0.5 × 7.75 = 3.875


def test_an_agreed_number_of_points_replaces_the_line():
    result = f.compute(inputs(f.MEAN, overrides={"c2": D(17)}))
    assert result.values["c2"] == D(17) and result.peer_part["c2"] == D("15.5")
    assert result.total == D("25.25")


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (inputs("median"), "unknown formula"),
        (inputs(f.MEAN, peers=()), "no peer sheet"),
        (inputs(f.WEIGHTED, self_weight=D("0.5"), peer_weight=D("0.6")), "add up to 1"),
    ],
)
def test_inputs_that_cannot_give_a_result(bad, message):
    with pytest.raises(f.FormulaError, match=message):
        f.compute(bad)


def test_discrepancies_by_points_and_by_percentage():
    data = inputs(f.MEAN)
    result = f.compute(data)
    # c1: 9 vs 7.75 (1.25); c2: 18 vs 15.5 (2.5)
    assert f.discrepancies(data, result, D(1), f.POINTS) == ["c1", "c2"]
    assert f.discrepancies(data, result, D(2), f.POINTS) == ["c2"]
    assert f.discrepancies(data, result, D("2.5"), f.POINTS) == []  # more than the margin, not equal to it
    assert f.discrepancies(data, result, D(10), f.PERCENT) == ["c1", "c2"]  # limits 1 and 2
    assert f.discrepancies(data, result, D(20), f.PERCENT) == []  # limits 2 and 4
    no_self = f.Inputs(f.MEAN, LINES, None, PEERS)
    assert f.discrepancies(no_self, f.compute(no_self), D(0), f.POINTS) == []


def test_stored_form_round_trips_through_json():
    data = inputs(f.WEIGHTED, self_weight=D("0.25"), peer_weight=D("0.75"), overrides={"c1": D("6.5")})
    stored = json.loads(json.dumps(f.inputs_to_json(data)))
    assert f.inputs_from_json(stored) == data
    result = f.compute(data)
    assert f.result_from_json(json.loads(json.dumps(f.result_to_json(result)))) == result


# --- properties -------------------------------------------------------------------------------------------------

cents = st.integers(min_value=0, max_value=10_000).map(lambda n: D(n) / 100)


@st.composite
def cases(draw, formula=None):
    kinds = [f.CRITERION] * draw(st.integers(1, 6)) + [f.BONUS] * draw(st.integers(0, 2))
    kinds += [f.PENALTY] * draw(st.integers(0, 2))
    lines = tuple(
        f.Line(f"k{i}", kind, f"G{i % 3}" if kind == f.CRITERION else "", draw(cents.filter(lambda v: v > 0)))
        for i, kind in enumerate(kinds)
    )

    def sheet():
        return {
            line.key: draw(st.integers(0, int(line.maximum * 100)).map(lambda n: D(n) / 100))
            for line in lines
        }

    count = draw(st.integers(1, 8))
    peers = tuple(f.PeerSheet(f"u{i}", sheet()) for i in range(count))
    own = draw(st.one_of(st.none(), st.just(None).map(lambda _none: sheet())))
    formula = formula or draw(st.sampled_from(f.FORMULAS))
    percent = draw(st.integers(0, 100))
    weights = (D(percent) / 100, D(100 - percent) / 100) if formula == f.WEIGHTED else (D(0), D(1))
    return f.Inputs(formula, lines, own, peers, self_weight=weights[0], peer_weight=weights[1])


@settings(max_examples=150, deadline=None)
@given(cases())
def test_recomputing_from_the_stored_inputs_gives_the_same_result(data):
    stored = json.loads(json.dumps(f.inputs_to_json(data)))
    again = f.compute(f.inputs_from_json(stored))
    assert again == f.compute(data)
    assert f.result_from_json(json.loads(json.dumps(f.result_to_json(again)))) == again


@settings(max_examples=150, deadline=None)
@given(cases())
def test_lines_stay_within_their_bounds_and_add_up_to_the_total(data):
    result = f.compute(data)
    for line in data.lines:
        assert D(0) <= result.values[line.key] <= line.maximum
        assert result.values[line.key] == result.values[line.key].quantize(f.CENT)
    assert result.total == result.criteria_total + result.bonus_total - result.penalty_total
    assert result.criteria_total == sum(result.groups.values(), D(0))


@settings(max_examples=100, deadline=None)
@given(cases(), st.randoms(use_true_random=False))
def test_the_order_of_the_sheets_does_not_matter(data, rng):
    shuffled = list(data.peers)
    rng.shuffle(shuffled)
    other = f.Inputs(
        data.formula, data.lines, data.self_values, tuple(shuffled), data.self_weight, data.peer_weight
    )
    first, second = f.compute(data), f.compute(other)
    assert first.values == second.values and set(first.dropped) == set(second.dropped)


@settings(max_examples=100, deadline=None)
@given(cases(formula=f.TRIMMED_MEAN))
def test_trimming_drops_one_highest_and_one_lowest_sheet(data):
    result = f.compute(data)
    totals = {sheet.scorer: f.sheet_total(sheet.values, data.lines) for sheet in data.peers}
    if len(data.peers) < f.TRIM_MINIMUM:
        assert result.dropped == ()
        return
    assert len(result.dropped) == 2 and len(result.counted) == len(data.peers) - 2
    highest, lowest = result.dropped
    kept = [totals[scorer] for scorer in result.counted]
    assert totals[highest] >= max(kept) and totals[lowest] <= min(kept)


@settings(max_examples=100, deadline=None)
@given(cases(formula=f.WEIGHTED))
def test_weighted_with_no_self_weight_is_the_mean(data):
    peers_only = f.Inputs(f.WEIGHTED, data.lines, data.self_values, data.peers, D(0), D(1))
    mean = f.Inputs(f.MEAN, data.lines, data.self_values, data.peers)
    assert f.compute(peers_only).values == f.compute(mean).values


# --- ranking ----------------------------------------------------------------------------------------------------


def entry(key, total, group_i=0, penalty=0, bonus=0, order=None):
    return f.RankEntry(key, D(total), {"I": D(group_i)}, D(bonus), D(penalty), order or key)


def test_ties_resolve_by_the_configured_rules_in_order():
    entries = [
        entry("A", 90, group_i=50, penalty=1),
        entry("B", 90, group_i=50, penalty=0),
        entry("C", 90, group_i=55, penalty=3),
        entry("D", 95),
        entry("F", 80, order="b"),
        entry("E", 80, order="a"),
    ]
    ranked = f.rank(entries, ["group:I", f.FEWER_PENALTIES])
    assert [(r.key, r.rank, r.tied, r.decided_by) for r in ranked] == [
        ("D", 1, False, ""),
        ("C", 2, False, ""),
        ("B", 3, False, "group:I"),
        ("A", 4, False, f.FEWER_PENALTIES),
        ("E", 5, True, ""),  # equal on everything: one rank, listed by name
        ("F", 5, True, ""),
    ]


def test_without_tie_rules_equal_totals_share_a_rank():
    ranked = f.rank([entry("A", 90, penalty=1), entry("B", 90), entry("C", 70)], [])
    assert [(r.key, r.rank, r.tied) for r in ranked] == [("A", 1, True), ("B", 1, True), ("C", 3, False)]


def test_the_order_of_the_rules_matters():
    a, b = entry("A", 90, group_i=60, penalty=2), entry("B", 90, group_i=50, penalty=0)
    assert [r.key for r in f.rank([a, b], ["group:I", f.FEWER_PENALTIES])] == ["A", "B"]
    assert [r.key for r in f.rank([a, b], [f.FEWER_PENALTIES, "group:I"])] == ["B", "A"]
    more = f.rank([entry("A", 90, bonus=1), entry("B", 90, bonus=3)], [f.MORE_BONUS])
    assert [(r.key, r.decided_by) for r in more] == [("B", ""), ("A", f.MORE_BONUS)]


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.tuples(st.integers(50, 60), st.integers(0, 3), st.integers(0, 2)), min_size=1, max_size=9),
    st.randoms(use_true_random=False),
)
def test_ranks_follow_the_sort_and_do_not_depend_on_the_input_order(raw, rng):
    entries = [entry(f"u{i}", total, group_i=g, penalty=p) for i, (total, g, p) in enumerate(raw)]
    rules = ["group:I", f.FEWER_PENALTIES]
    ranked = f.rank(entries, rules)
    shuffled = list(entries)
    rng.shuffle(shuffled)
    assert ranked == f.rank(shuffled, rules)
    by_key = {e.key: e for e in entries}
    for before, after in itertools.pairwise(ranked):
        x, y = by_key[before.key], by_key[after.key]
        assert (x.total, x.groups["I"], -x.penalty) >= (y.total, y.groups["I"], -y.penalty)
        assert (after.rank == before.rank) == (
            (x.total, x.groups["I"], x.penalty) == (y.total, y.groups["I"], y.penalty)
        )
    assert ranked[0].rank == 1 and all(r.rank <= i + 1 for i, r in enumerate(ranked))
