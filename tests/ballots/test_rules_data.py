"""The temporary council thresholds (data/council_votes.json) and the sealing of open ballots."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal

import pytest
from django.test import override_settings

from tdkt.ballots import sealing
from tdkt.ballots.thresholds import DATA_FILE, rule_for_award


@pytest.mark.parametrize(
    ("award", "on", "threshold", "ruleset"),
    [
        ("chien_si_thi_dua_tinh", datetime.date(2024, 6, 1), "0.9", "luat-06-2022+nd-98-2023"),
        ("chien_si_thi_dua_toan_quoc", datetime.date(2025, 12, 20), "0.9", "luat-06-2022+nd-152-2025"),
        ("chien_si_thi_dua_co_so", datetime.date(2025, 6, 30), "0.8", "luat-06-2022+nd-98-2023"),
        ("co_thi_dua_tinh", datetime.date(2025, 7, 1), "0.8", "luat-06-2022+nd-152-2025"),
        ("co_thi_dua_chinh_phu", datetime.date(2026, 1, 5), "0.8", "luat-06-2022+nd-152-2025"),
    ],
)
def test_council_thresholds_come_from_the_data_with_their_citation(award, on, threshold, ruleset):
    rule = rule_for_award(award, on)
    assert rule is not None
    assert rule.threshold == Decimal(threshold) and rule.comparison == "ge" and rule.base == "roll"
    assert rule.ruleset == ruleset and "Điều 30" in rule.citation and rule.quorum == Decimal("0.8")


def test_no_legal_threshold_for_other_awards_or_before_the_law():
    assert rule_for_award("bang_khen_tinh", datetime.date(2025, 12, 1)) is None
    assert rule_for_award("co_thi_dua_tinh", datetime.date(2023, 12, 31)) is None


def test_every_vote_in_the_data_cites_its_article_and_confidence():
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    assert "TẠM THỜI" in data["about"]
    for ruleset in data["rulesets"]:
        for vote in ruleset["votes"]:
            assert vote["citation"] and vote["confidence"] in {"V", "S", "U"}
            assert set(vote["awards"]) <= set(data["award_labels"])


def test_a_sealed_ballot_has_a_fixed_length_and_opens_only_in_its_session():
    ids = [11, 12, 13, 14]
    blank, full = sealing.seal("s1", ids, []), sealing.seal("s1", ids, [11, 12, 13, 14])
    assert len(blank) == len(full)
    assert sealing.seal("s1", ids, [12]) != sealing.seal("s1", ids, [12])  # a fresh nonce each time
    assert sealing.unseal("s1", ids, full) == ids and sealing.unseal("s1", ids, blank) == []
    with pytest.raises(sealing.BrokenSeal):
        sealing.unseal("s2", ids, full)


def test_the_seal_survives_a_key_rotation_through_the_fallbacks(settings):
    sealed = sealing.seal("s1", [1, 2], [2])
    with override_settings(SECRET_KEY="another-secret-" * 4, SECRET_KEY_FALLBACKS=[settings.SECRET_KEY]):
        assert sealing.unseal("s1", [1, 2], sealed) == [2]
    with (
        override_settings(SECRET_KEY="another-secret-" * 4, SECRET_KEY_FALLBACKS=[]),
        pytest.raises(sealing.BrokenSeal),
    ):
        sealing.unseal("s1", [1, 2], sealed)
