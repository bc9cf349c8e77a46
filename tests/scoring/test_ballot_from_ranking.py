"""A ballot drawn up from a closed round's ranking: one service (block head or deputy, Phòng TĐKT; only after
the close), the form on the ranking page and the API endpoint over it. The candidates are the ranking, best
first — which here is not the Vietnamese order of the names, so the test tells the two apart."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from tdkt.ballots.enums import SessionState
from tdkt.ballots.models import BallotSession
from tdkt.core.actors import SYSTEM
from tdkt.core.models import AuditEntry
from tdkt.scoring import services
from tdkt.scoring.enums import Action, SheetKind
from tdkt.scoring.queries import ranking
from tests.scoring.conftest import fill, full_points, self_sheet
from tests.scoring.test_pages import PERSONAS, status_of

RULE = {
    "question": "Đề nghị tặng Cờ thi đua của Ủy ban nhân dân tỉnh",
    "mode": "electronic",
    "max_choices": 1,
    "threshold": "1/2",
    "threshold_comparison": "gt",
    "threshold_base": "roll",
    "quorum": "2/3",
    "rule_source": "Quy chế hoạt động của Khối, Điều 9",
}
API = "/api/v1/scoring"


@pytest.fixture
def peer_round(make_round, block4):
    """Cross scoring open, self scores in, no discrepancy flagged (the margin is 100 %)."""
    scoring_round = make_round(margin="100", margin_unit="percent")
    services.open_self_scoring(SYSTEM, scoring_round)
    for unit in (block4.unit_a, block4.unit_b, block4.unit_d, block4.unit_e):
        fill(SYSTEM, self_sheet(scoring_round, unit), full_points(scoring_round))
    return services.open_cross_scoring(SYSTEM, scoring_round)


@pytest.fixture
def ranked_round(peer_round, block4):
    """Closed; the peers score B 95 %, E 85 %, A 75 %, D 65 % of every maximum."""
    fractions = {block4.unit_b: "0.95", block4.unit_e: "0.85", block4.unit_a: "0.75", block4.unit_d: "0.65"}
    for sheet in peer_round.sheets.filter(kind=SheetKind.PEER).select_related("unit"):
        fill(SYSTEM, sheet, full_points(peer_round, fractions[sheet.unit]))
    return services.close_scoring(SYSTEM, peer_round)


def test_the_candidates_are_the_ranking_in_order(world, ranked_round):
    block_order = [world.unit_b, world.unit_e, world.unit_a, world.unit_d]
    assert [entry.unit for entry in ranking(world.block, ranked_round.pledge.year)] == block_order
    session = services.ballot_from_ranking(world.users["officer_a"], ranked_round, **RULE)
    assert session.state == SessionState.DRAFT and session.block == world.block
    assert session.year == ranked_round.pledge.year and session.threshold == Decimal("0.5")
    assert [c.unit for c in session.candidates.order_by("order", "pk")] == block_order
    assert session.roll.count() == 4
    entry = AuditEntry.objects.get(action=Action.BALLOT_FROM_RANKING)
    assert entry.object_id == str(ranked_round.pk) and entry.after["ballot_session"] == session.pk


def test_the_deputy_and_phong_tdkt_may_too(world, ranked_round):
    for persona in ("officer_d", "leader_a", "admin"):
        services.ballot_from_ranking(world.users[persona], ranked_round, **RULE)
    assert BallotSession.objects.count() == 3


def test_refused_before_the_close(world, peer_round):
    with pytest.raises(ValidationError, match="sau khi kết thúc chấm điểm"):
        services.ballot_from_ranking(world.users["officer_a"], peer_round, **RULE)
    assert not BallotSession.objects.exists()


@pytest.mark.parametrize(
    "persona", ["officer_b", "leader_b", "officer_e", "viewer_a", "officer_c", "council"]
)
def test_refused_for_a_user_who_does_not_head_the_block(world, ranked_round, persona):
    with pytest.raises(PermissionDenied):
        services.ballot_from_ranking(world.users[persona], ranked_round, **RULE)
    assert not BallotSession.objects.exists()
    assert not AuditEntry.objects.filter(action=Action.BALLOT_FROM_RANKING).exists()


def test_the_rule_is_validated_by_the_ballots_service(world, ranked_round):
    with pytest.raises(ValidationError):
        services.ballot_from_ranking(world.users["officer_a"], ranked_round, **{**RULE, "threshold": "7/5"})
    assert not BallotSession.objects.exists()


def test_the_ranking_page_offers_the_form_to_the_head_only(world, ranked_round):
    url = reverse("scoring:ranking", args=[ranked_round.pk])
    form = 'id="ballot-from-ranking"'
    for persona, shown in (("officer_a", True), ("officer_d", True), ("admin", True), ("officer_b", False)):
        page = world.client(persona).get(url).content.decode()
        assert (form in page) is shown, persona
        assert "Lập phiên bỏ phiếu từ kết quả xếp hạng" in page or not shown


def test_the_form_is_not_offered_before_the_close(world, peer_round):
    # the ranking page itself is 403 before the close; the POST too
    url = reverse("scoring:ballot_from_ranking", args=[peer_round.pk])
    assert world.client("officer_a").post(url, RULE).status_code == 403
    assert not BallotSession.objects.exists()


def test_posting_the_form_by_persona(world, ranked_round):
    url = reverse("scoring:ballot_from_ranking", args=[ranked_round.pk])
    got = {persona: status_of(world, persona, url, "post", RULE) for persona in PERSONAS}
    allowed = {"admin", "officer_a", "leader_a", "officer_d"}
    assert got == {
        p: 302 if p in allowed else {"anonymous": "login", "officer_c": 404}.get(p, 403) for p in PERSONAS
    }
    assert BallotSession.objects.count() == len(allowed)


def test_the_head_posts_the_form_and_lands_on_the_draft_ballot(world, ranked_round):
    client = world.client("officer_a")
    url = reverse("scoring:ballot_from_ranking", args=[ranked_round.pk])
    response = client.post(url, RULE)
    session = BallotSession.objects.get()
    assert response.status_code == 302 and response["Location"] == session.get_absolute_url()
    page = client.get(response["Location"]).content.decode()
    assert world.unit_b.name in page and world.unit_d.name in page
    # an invalid rule comes back on the ranking page with the reason, nothing written
    again = client.post(url, {**RULE, "question": "", "threshold": "abc"})
    assert again.status_code == 200 and BallotSession.objects.count() == 1
    assert 'id="ballot-from-ranking"' in again.content.decode()


def api(world, persona, round_id, payload):
    response = world.client(persona).post(
        f"{API}/rounds/{round_id}/ballot", payload, content_type="application/json"
    )
    return response.status_code, (response.json() if response.content else None)


def test_the_api_over_the_same_service(world, ranked_round):
    status, body = api(world, "officer_a", ranked_round.pk, RULE)
    assert status == 201 and body["state"] == "draft"
    assert [c["unit_id"] for c in body["candidates"]] == [
        world.unit_b.pk,
        world.unit_e.pk,
        world.unit_a.pk,
        world.unit_d.pk,
    ]
    assert body["url"] == BallotSession.objects.get().get_absolute_url()
    assert api(world, "officer_b", ranked_round.pk, RULE)[0] == 403
    assert api(world, "officer_c", ranked_round.pk, RULE)[0] == 404
    assert api(world, "anonymous", ranked_round.pk, RULE)[0] == 401
    status, body = api(world, "officer_a", ranked_round.pk, {**RULE, "threshold": "7/5"})
    assert status == 422
    assert BallotSession.objects.count() == 1


def test_the_api_refuses_before_the_close(world, peer_round):
    status, body = api(world, "officer_a", peer_round.pk, RULE)
    assert status == 422 and "sau khi kết thúc chấm điểm" in str(body)
    assert not BallotSession.objects.exists()
