"""Closed rounds end to end through the services: for every formula the stored final score is recomputed
identically from its stored inputs, ties resolve by the round's rules, and ``ranking(block, year)`` — the list
the secret ballot starts from — gives the units in order with their final scores."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from tdkt.core.actors import SYSTEM
from tdkt.scoring import formulas, services
from tdkt.scoring.enums import SheetKind
from tdkt.scoring.models import FinalScore
from tdkt.scoring.queries import breakdown, rank_entry, ranking, table_rows
from tests.scoring.conftest import fill, keys, self_sheet

CONFIGS = {
    "mean": {"mode": "peer", "formula": "mean"},
    "trimmed_mean": {"mode": "peer", "formula": "trimmed_mean"},
    "panel": {"mode": "panel", "formula": "panel"},
    "weighted": {"mode": "peer", "formula": "weighted", "self_weight": "0.35", "peer_weight": "0.65"},
}


def random_points(scoring_round, rng, keys_by_name):
    points = {}
    for row in table_rows(scoring_round):
        if row.kind == "criterion":
            points[row.key] = Decimal(rng.randint(int(row.maximum * 40), int(row.maximum * 100))) / 100
    points[keys_by_name["bonus 1"]] = rng.choice([0, 2, 4])
    points[keys_by_name["penalty 1"]] = rng.choice([0, "0.5", 1])
    return points


def close_with_random_scores(make_round, world, config, seed=7):
    rng = random.Random(seed)
    scoring_round = make_round(
        margin="100", margin_unit="percent", tie_rules=["group:I", "fewer_penalties"], **config
    )
    services.open_self_scoring(SYSTEM, scoring_round)
    names = keys(scoring_round)
    for unit in (world.unit_a, world.unit_b, world.unit_d, world.unit_e):
        fill(SYSTEM, self_sheet(scoring_round, unit), random_points(scoring_round, rng, names))
    services.open_cross_scoring(SYSTEM, scoring_round)
    for sheet in scoring_round.sheets.filter(kind=SheetKind.PEER).order_by("pk"):
        fill(SYSTEM, sheet, random_points(scoring_round, rng, names))
    services.close_scoring(SYSTEM, scoring_round)
    return scoring_round


@pytest.mark.parametrize("formula", list(CONFIGS))
def test_every_final_score_is_recomputed_identically_from_its_stored_inputs(make_round, world, formula):
    scoring_round = close_with_random_scores(make_round, world, CONFIGS[formula])
    finals = list(FinalScore.objects.filter(round=scoring_round).select_related("unit"))
    assert len(finals) == 4
    for final in finals:
        assert final.formula == formula
        again = formulas.compute(formulas.inputs_from_json(final.inputs))
        assert again == formulas.result_from_json(final.result)
        assert again.total == final.total
    # and the ranking from the stored results and the round's rules is the stored one
    entries = [rank_entry(f.unit, formulas.result_from_json(f.result)) for f in finals]
    stored = {str(f.unit_id): (f.rank, f.tied, f.decided_by) for f in finals}
    assert {
        r.key: (r.rank, r.tied, r.decided_by) for r in formulas.rank(entries, scoring_round.tie_rules)
    } == stored


def test_trimmed_mean_dropped_two_of_three_peer_sheets_and_says_so(make_round, world):
    scoring_round = close_with_random_scores(make_round, world, CONFIGS["trimmed_mean"])
    final = scoring_round.final_scores.get(unit=world.unit_b)
    assert len(final.result["dropped"]) == 2 and len(final.result["counted"]) == 1
    explained = breakdown(final, table_rows(scoring_round), named=True)
    assert sum(1 for sheet in explained.sheets if sheet.dropped) == 2
    assert "bỏ phiếu có tổng điểm cao nhất" in explained.formula_text


def test_weighted_final_score_by_hand(make_round, world):
    """B scores itself 80 %; its three peers give 50 %, 60 % and 70 %; weights 0.35 / 0.65."""
    scoring_round = make_round(**CONFIGS["weighted"], margin="100", margin_unit="percent")
    services.open_self_scoring(SYSTEM, scoring_round)
    rows = [row for row in table_rows(scoring_round) if row.kind == "criterion"]

    def share(fraction):
        return {row.key: (row.maximum * Decimal(fraction)).quantize(Decimal("0.01")) for row in rows}

    for unit in (world.unit_a, world.unit_b, world.unit_d, world.unit_e):
        fill(SYSTEM, self_sheet(scoring_round, unit), share("0.8"))
    services.open_cross_scoring(SYSTEM, scoring_round)
    fractions = {world.unit_a.pk: "0.5", world.unit_d.pk: "0.6", world.unit_e.pk: "0.7"}
    for sheet in scoring_round.sheets.filter(kind=SheetKind.PEER):
        fill(SYSTEM, sheet, share(fractions.get(sheet.scorer_unit_id, "0.8")))
    services.close_scoring(SYSTEM, scoring_round)
    final = scoring_round.final_scores.get(unit=world.unit_b)
    # each criterion: 0.35 × 0.8 + 0.65 × 0.6 = 0.67 of its maximum; the table totals 100
    assert final.total == Decimal("67.00")
    assert final.labels["scorers"] == {
        f"u{world.unit_a.pk}": world.unit_a.name,
        f"u{world.unit_d.pk}": world.unit_d.name,
        f"u{world.unit_e.pk}": world.unit_e.name,
    }


def test_ties_resolve_by_the_round_s_rules(make_round, world, year):
    """A, B and D end on 81: D has more in group I; A and B are equal there and B has fewer penalties. E has 80.
    Rules: points in group I, then fewer penalties."""
    scoring_round = make_round(margin="100", margin_unit="percent", tie_rules=["group:I", "fewer_penalties"])
    services.open_self_scoring(SYSTEM, scoring_round)
    n = keys(scoring_round)
    base = {
        n["I › 1 › 1.1"]: 8,
        n["I › 1 › 1.2"]: 16,
        n["I › 2"]: 24,
        n["II › 3"]: 20,
        n["II › 4"]: 12,
    }  # 48 + 32
    sheets = {
        world.unit_d.pk: {**base, n["I › 2"]: 25, n["II › 3"]: 19, n["bonus 1"]: 1},  # group I 49
        world.unit_a.pk: {**base, n["bonus 1"]: 2, n["penalty 1"]: 1},  # group I 48, one penalty point
        world.unit_b.pk: {**base, n["bonus 1"]: 1},  # group I 48, no penalty
        world.unit_e.pk: base,
    }
    for unit in (world.unit_a, world.unit_b, world.unit_d, world.unit_e):
        fill(SYSTEM, self_sheet(scoring_round, unit), sheets[unit.pk])
    services.open_cross_scoring(SYSTEM, scoring_round)
    for sheet in scoring_round.sheets.filter(kind=SheetKind.PEER):
        fill(SYSTEM, sheet, sheets[sheet.unit_id])  # every scorer agrees with the unit
    assert ranking(world.block, year) == []  # nothing before the close
    services.close_scoring(SYSTEM, scoring_round)
    ranked = ranking(world.block, year)
    assert [(r.unit, r.rank, r.final_score, r.tied, r.decided_by) for r in ranked] == [
        (world.unit_d, 1, Decimal("81.00"), False, ""),
        (world.unit_b, 2, Decimal("81.00"), False, "group:I"),
        (world.unit_a, 3, Decimal("81.00"), False, "fewer_penalties"),
        (world.unit_e, 4, Decimal("80.00"), False, ""),
    ]
    assert ranked[2].decided_by_label == "ít điểm trừ hơn"


def test_units_equal_on_every_rule_share_a_rank_in_vietnamese_order(make_round, world, year):
    scoring_round = make_round(tie_rules=["group:II", "more_bonus"])
    services.open_self_scoring(SYSTEM, scoring_round)
    rows = [row for row in table_rows(scoring_round) if row.kind == "criterion"]
    same = {row.key: row.maximum / 2 for row in rows}
    for unit in (world.unit_a, world.unit_b, world.unit_d, world.unit_e):
        fill(SYSTEM, self_sheet(scoring_round, unit), same)
    services.open_cross_scoring(SYSTEM, scoring_round)
    for sheet in scoring_round.sheets.filter(kind=SheetKind.PEER):
        fill(SYSTEM, sheet, same)
    services.close_scoring(SYSTEM, scoring_round)
    ranked = ranking(world.block, year)
    assert [(r.unit.name, r.rank, r.tied) for r in ranked] == [
        ("Sở Kế hoạch và Đầu tư", 1, True),
        ("Sở Tài chính", 1, True),
        ("Sở Tư pháp", 1, True),
        ("Thanh tra tỉnh", 1, True),
    ]
