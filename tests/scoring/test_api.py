"""The scoring API by persona: the same visibility and refusals as the pages (401 anonymous, 403 not allowed,
404 not visible, 422 with a Vietnamese message). Above all, it never returns another unit's draft."""

from __future__ import annotations

import pytest

from tdkt.core.actors import SYSTEM
from tdkt.scoring import services
from tdkt.scoring.enums import RoundState, SheetKind, SheetStatus
from tdkt.scoring.queries import table_rows
from tests.scoring.conftest import deadlines, fill, full_points, keys, peer_sheet, self_sheet

API = "/api/v1/scoring"


def call(client, method, url, payload=None):
    response = getattr(client, method)(API + url, payload, content_type="application/json")
    return response.status_code, (response.json() if response.content else None)


def test_anonymous_gets_401(world, draft_round):
    for url in ("/rounds", f"/rounds/{draft_round.pk}", f"/rounds/{draft_round.pk}/ranking"):
        assert call(world.client("anonymous"), "get", url)[0] == 401


@pytest.mark.parametrize(
    ("persona", "listed"),
    [("admin", 1), ("council", 1), ("officer_b", 1), ("viewer_a", 1), ("officer_c", 0)],
)
def test_rounds_by_persona(world, draft_round, persona, listed):
    status, rounds = call(world.client(persona), "get", "/rounds")
    assert status == 200 and len(rounds) == listed
    status, detail = call(world.client(persona), "get", f"/rounds/{draft_round.pk}")
    assert status == (200 if listed else 404)
    if listed:
        assert detail["state"] == "draft" and detail["tie_rules"] == ["group:I", "fewer_penalties"]
        assert [row["unit"]["name"] for row in detail["progress"]][:1] == ["Sở Kế hoạch và Đầu tư"]


def test_the_head_creates_configures_and_runs_the_round(world, signed_pledge):
    head = world.client("officer_a")
    payload = {
        "pledge_id": signed_pledge.pk,
        "formula": "trimmed_mean",
        "margin": "3",
        **{k: str(v) for k, v in deadlines().items()},
    }
    assert call(world.client("officer_b"), "post", "/rounds", payload)[0] == 403
    status, created = call(head, "post", "/rounds", payload)
    assert status == 201 and created["formula"] == "trimmed_mean" and created["table_version"] == 1
    assert call(head, "post", "/rounds", payload)[0] == 422
    rid = created["id"]
    status, error = call(head, "put", f"/rounds/{rid}", {**payload, "mode": "panel"})
    assert status == 422 and "không dùng được" in error["detail"]
    assert call(world.client("officer_b"), "post", f"/rounds/{rid}/open-self")[0] == 403
    status, opened = call(head, "post", f"/rounds/{rid}/open-self")
    assert status == 200 and opened["state"] == RoundState.SELF_SCORING
    status, error = call(head, "post", f"/rounds/{rid}/open-cross")
    assert status == 422 and "chưa nộp bản tự chấm điểm" in error["detail"]
    status, moved = call(
        head, "put", f"/rounds/{rid}/deadlines", {k: str(v) for k, v in deadlines(15).items()}
    )
    assert status == 200 and moved["self_deadline"] == str(deadlines(15)["self_deadline"])


def test_a_member_scores_its_own_sheet_and_nobody_else_s(world, self_round):
    b = world.client("officer_b")
    status, sheets = call(b, "get", f"/rounds/{self_round.pk}/sheets")
    assert status == 200 and [(s["kind"], s["unit"]["id"]) for s in sheets] == [("self", world.unit_b.pk)]
    own = sheets[0]["id"]
    table = call(b, "get", f"/rounds/{self_round.pk}/table")[1]
    leaf = [row for row in table if row["kind"] == "criterion"]
    status, error = call(b, "put", f"/sheets/{own}", {"points": {leaf[0]["key"]: "10.5"}})
    assert status == 422 and "vượt điểm tối đa 10 của tiêu chí" in error["detail"]
    status, saved = call(
        b,
        "put",
        f"/sheets/{own}",
        {"points": {row["key"]: "1" for row in leaf}, "notes": {leaf[0]["key"]: "Giải trình"}},
    )
    assert status == 200 and saved["status"] == "draft" and len(saved["lines"]) == 5
    # another member: the draft is not there at all
    other = self_sheet(self_round, world.unit_e).pk
    for persona in ("officer_e", "officer_a", "admin", "council", "officer_c"):
        assert call(world.client(persona), "get", f"/sheets/{own}")[0] == 404, persona
    assert call(world.client("officer_e"), "put", f"/sheets/{own}", {"points": {}})[0] == 404
    assert call(b, "get", f"/sheets/{other}")[0] == 404
    status, link = call(
        b,
        "post",
        f"/sheets/{own}/evidence/link",
        {"criterion_id": leaf[0]["criterion_id"], "url": "https://vanlinh.gov.vn/x"},
    )
    assert status == 201 and link["kind"] == "link"
    response = b.post(
        f"{API}/sheets/{own}/evidence/file",
        {"criterion_id": leaf[0]["criterion_id"], "title": "Báo cáo", "file": _pdf()},
    )
    assert response.status_code == 201 and response.json()["original_name"] == "bc.pdf"
    status, submitted = call(b, "post", f"/sheets/{own}/submit")
    assert status == 200 and submitted["status"] == "submitted" and len(submitted["evidence"]) == 2
    assert call(b, "delete", f"/evidence/{link['id']}")[0] == 422  # the sheet is locked
    # submitted, during self scoring: Phòng TĐKT sees it, the head not yet, another member never
    assert call(world.client("admin"), "get", f"/sheets/{own}")[0] == 200
    assert call(world.client("officer_a"), "get", f"/sheets/{own}")[0] == 404
    assert call(world.client("officer_e"), "get", f"/sheets/{own}")[0] == 404


def _pdf():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("bc.pdf", b"%PDF-1.4 x", content_type="application/pdf")


def test_a_unit_cannot_score_itself(world, cross_round):
    b = world.client("officer_b")
    status, error = call(b, "get", f"/rounds/{cross_round.pk}/peer/{world.unit_b.pk}")
    assert status == 422 and error["detail"] == "Đơn vị không tự chấm chéo cho chính mình."
    status, sheet = call(b, "get", f"/rounds/{cross_round.pk}/peer/{world.unit_e.pk}")
    assert (
        status == 200
        and sheet["unit"]["id"] == world.unit_e.pk
        and sheet["scorer_unit"]["id"] == world.unit_b.pk
    )
    assert (
        call(world.client("officer_c"), "get", f"/rounds/{cross_round.pk}/peer/{world.unit_e.pk}")[0] == 404
    )
    assert not cross_round.sheets.filter(
        kind=SheetKind.PEER, unit=world.unit_b, scorer_unit=world.unit_b
    ).exists()


def test_flags_reconcile_close_ranking_and_results(world, cross_round):
    n = keys(cross_round)
    for sheet in cross_round.sheets.filter(kind=SheetKind.PEER):
        points = full_points(cross_round)
        if sheet.unit_id == world.unit_e.pk:
            points[n["II › 3"]] = 5
        fill(SYSTEM, sheet, points)
    rid = cross_round.pk
    assert call(world.client("officer_b"), "get", f"/rounds/{rid}/flags")[0] == 403
    assert call(world.client("officer_c"), "get", f"/rounds/{rid}/flags")[0] == 404
    status, flags = call(world.client("officer_a"), "get", f"/rounds/{rid}/flags")
    assert status == 200 and [(f["unit"]["id"], f["label"], f["reconciled"]) for f in flags] == [
        (world.unit_e.pk, "Tiêu chí II › 3", False)
    ]
    assert call(world.client("officer_b"), "get", f"/rounds/{rid}/ranking")[0] == 403
    status, error = call(world.client("officer_a"), "post", f"/rounds/{rid}/close")
    assert status == 422 and "chưa được Khối trưởng xử lý" in error["detail"]
    body = {
        "unit_id": world.unit_e.pk,
        "criterion_id": flags[0]["criterion_id"],
        "reason": "Thiếu minh chứng",
        "points": "10",
    }
    assert call(world.client("officer_e"), "post", f"/rounds/{rid}/reconcile", body)[0] == 403
    status, done = call(world.client("officer_a"), "post", f"/rounds/{rid}/reconcile", body)
    assert status == 200 and done["reconciled"] and done["agreed_points"] == "10.00"
    status, closed = call(world.client("officer_a"), "post", f"/rounds/{rid}/close")
    assert status == 200 and closed["state"] == "closed"
    status, ranked = call(world.client("officer_b"), "get", f"/rounds/{rid}/ranking")
    assert status == 200 and [r["unit"]["id"] for r in ranked][-1] == world.unit_e.pk
    assert ranked[-1]["final_score"] == "70.00"  # 80 − 20 + 10 (agreed)
    # results: own and the head's view; the raw inputs (who scored) only for the head
    status, own = call(world.client("officer_b"), "get", f"/rounds/{rid}/results/{world.unit_b.pk}")
    assert status == 200 and own["inputs"] is None and own["sheets"][0]["label"] == "Phiếu 1"
    assert call(world.client("officer_b"), "get", f"/rounds/{rid}/results/{world.unit_e.pk}")[0] == 404
    status, full = call(world.client("officer_a"), "get", f"/rounds/{rid}/results/{world.unit_e.pk}")
    assert status == 200 and full["inputs"]["formula"] == "mean" and full["result"]["total"] == "70.00"
    line = next(item for item in full["lines"] if item["label"] == "Tiêu chí II › 3")
    assert line["flagged"] and line["reason"] == "Thiếu minh chứng" and line["final"] == "10.00"
    assert call(world.client("council"), "get", f"/rounds/{rid}/results/{world.unit_e.pk}")[0] == 200


def test_the_api_lists_only_what_the_user_may_read(world, cross_round):
    """During cross scoring: the head sees every submitted sheet, a member only its own unit's sheets."""
    fill(
        world.users["officer_e"],
        peer_sheet(cross_round, world.unit_e, world.unit_b),
        full_points(cross_round),
    )
    status, b_sheets = call(world.client("officer_b"), "get", f"/rounds/{cross_round.pk}/sheets")
    assert status == 200
    assert all(s["scorer_unit"] and s["scorer_unit"]["id"] == world.unit_b.pk for s in b_sheets)
    assert len(b_sheets) == 4  # its self sheet and the three it gives
    status, head = call(world.client("officer_a"), "get", f"/rounds/{cross_round.pk}/sheets")
    submitted_by_others = [s for s in head if s["scorer_unit"]["id"] != world.unit_a.pk]
    assert all(s["status"] == SheetStatus.SUBMITTED for s in submitted_by_others)
    assert any(s["kind"] == "peer" and s["scorer_unit"]["id"] == world.unit_e.pk for s in submitted_by_others)
    assert call(world.client("officer_c"), "get", f"/rounds/{cross_round.pk}/sheets")[0] == 404


def test_evidence_and_table_endpoints_follow_visibility(world, self_round):
    criterion = next(r.criterion for r in table_rows(self_round) if r.kind == "criterion")
    evidence = services.add_evidence_link(
        world.users["officer_b"],
        self_sheet(self_round, world.unit_b),
        criterion,
        url="https://vanlinh.gov.vn/",
    )
    assert call(world.client("officer_e"), "delete", f"/evidence/{evidence.pk}")[0] == 404
    assert call(world.client("officer_b"), "delete", f"/evidence/{evidence.pk}")[0] == 204
    assert call(world.client("officer_c"), "get", f"/rounds/{self_round.pk}/table")[0] == 404


def test_the_openapi_schema_lists_the_scoring_endpoints(world):
    paths = world.client("anonymous").get("/api/v1/openapi.json").json()["paths"]
    for path in (
        "/api/v1/scoring/rounds",
        "/api/v1/scoring/sheets/{sheet_id}",
        "/api/v1/scoring/rounds/{round_id}/ranking",
        "/api/v1/scoring/rounds/{round_id}/peer/{unit_id}",
        "/api/v1/scoring/rounds/{round_id}/reconcile",
    ):
        assert path in paths


@pytest.mark.parametrize(
    ("method", "path", "payload"),
    [
        ("put", "", {"formula": "mean", **{k: str(v) for k, v in deadlines().items()}}),
        ("put", "/deadlines", {k: str(v) for k, v in deadlines(12).items()}),
        ("post", "/open-self", None),
        ("post", "/open-cross", None),
        ("post", "/close", None),
        ("post", "/reconcile", {"unit_id": 0, "criterion_id": 0, "reason": "x"}),
    ],
)
def test_round_writes_by_persona(world, draft_round, method, path, payload):
    url = f"/rounds/{draft_round.pk}{path}"
    for persona, expected in (
        ("officer_b", 403),
        ("viewer_a", 403),
        ("council", 403),
        ("officer_c", 404),
        ("anonymous", 401),
    ):
        status, _body = call(world.client(persona), method, url, payload)
        assert status == expected, (persona, path)
    draft_round.refresh_from_db()
    assert draft_round.state == RoundState.DRAFT
