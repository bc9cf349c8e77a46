"""The demo's year-end 2025 round of the seed's block: self and cross scores with evidence, two discrepancies
settled by the 2025 head (Sở Nội vụ), and a closed ranking that every demo account reads as its role allows."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tdkt.demo.world import SEED_BLOCK_NAME, load_demo
from tdkt.scoring import formulas
from tdkt.scoring.enums import RoundState, SheetKind, SheetStatus
from tdkt.scoring.models import Evidence, ScoringRound
from tdkt.scoring.queries import ranking


@pytest.fixture
def demo(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return load_demo(people=60)


def _client(username, settings):
    client = Client()
    response = client.post(reverse("login"), {"username": username, "password": settings.TDKT_DEMO_PASSWORD})
    assert response.status_code == 302
    return client


def test_the_2025_round_is_closed_with_a_ranking(demo):
    scoring_round = ScoringRound.objects.get(pledge__block__name=SEED_BLOCK_NAME, pledge__year=2025)
    assert scoring_round.state == RoundState.CLOSED and scoring_round.formula == "trimmed_mean"
    assert scoring_round.pledge.signatures.count() == 7 and scoring_round.pledge.copied_from.year == 2020
    assert scoring_round.closed_at.date().isoformat() == "2025-12-05"
    sheets = scoring_round.sheets
    assert sheets.filter(kind=SheetKind.SELF, status=SheetStatus.SUBMITTED).count() == 7
    assert sheets.filter(kind=SheetKind.PEER, status=SheetStatus.SUBMITTED).count() == 42
    assert Evidence.objects.filter(sheet__round=scoring_round, kind="file").count() == 1
    assert scoring_round.reconciliations.count() == 2
    ranked = ranking(scoring_round.pledge.block, 2025)
    # the order the block's 2025 ballots start from: Sở Tư pháp first (the Flag), then the Certificates of Merit
    assert [r.unit.abbreviation for r in ranked] == ["STP", "VPUBND", "STC", "TTr", "SNV", "SKHĐT", "VPĐĐBQH"]
    assert [r.rank for r in ranked] == list(range(1, 8))
    for final in scoring_round.final_scores.all():
        assert formulas.compute(formulas.inputs_from_json(final.inputs)) == formulas.result_from_json(
            final.result
        )
        assert len(final.result["dropped"]) == 2 and len(final.result["counted"]) == 4


def test_demo_accounts_read_the_2025_results_as_their_roles_allow(demo, settings):
    scoring_round = ScoringRound.objects.get(pledge__year=2025)
    units = {
        final.unit.abbreviation: final.unit for final in scoring_round.final_scores.select_related("unit")
    }
    breakdown = lambda abbr: reverse("scoring:breakdown", args=[scoring_round.pk, units[abbr].pk])  # noqa: E731
    member = _client("canbo.ttr", settings)
    assert member.get(reverse("scoring:ranking", args=[scoring_round.pk])).status_code == 200
    own = member.get(breakdown("TTr")).content.decode()
    assert "thống nhất lấy điểm chấm chéo" in own and "Phiếu 1" in own
    assert member.get(breakdown("SKHĐT")).status_code == 404
    head_2025 = _client("canbo.snv", settings)
    assert head_2025.get(breakdown("SKHĐT")).status_code == 200
    assert head_2025.get(reverse("scoring:flags", args=[scoring_round.pk])).status_code == 200
    assert _client("hoidong", settings).get(breakdown("VPĐĐBQH")).status_code == 200
    assert (
        _client("xem", settings).get(reverse("scoring:ranking", args=[scoring_round.pk])).status_code == 200
    )
