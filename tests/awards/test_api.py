"""Personas × the awards endpoints: the same services as the pages, 404 for what a user may not see, 403 for what
they may not do, 422 with the Vietnamese reason for a wrong state or input."""

from __future__ import annotations

import json

import pytest
from django.utils import timezone

from tdkt.awards.enums import ProposalState
from tdkt.awards.models import Proposal
from tdkt.ballots.models import BallotSession

from .conftest import YEAR, candidate, pdf

API = "/api/v1/awards"


def call(world, persona, method, url, payload=None):
    client = world.client(persona)
    if method == "get":
        return client.get(url)
    if payload is None:
        return getattr(client, method)(url)
    return getattr(client, method)(url, json.dumps(payload), content_type="application/json")


def codes(world, method, url, personas, payload=None):
    return {p: call(world, p, method, url, payload).status_code for p in personas}


def test_reads(world, staff, decided):
    everyone = ("admin", "officer_a", "viewer_a", "officer_b", "council")
    for url in (f"{API}/proposals/", f"{API}/decisions/", f"{API}/register/"):
        assert codes(world, "get", url, everyone) == {p: 200 for p in everyone}
        assert call(world, "anonymous", "get", url).status_code == 401
    proposal = decided.proposal
    assert codes(world, "get", f"{API}/proposals/{proposal.pk}", everyone) == {
        "admin": 200,
        "officer_a": 200,
        "viewer_a": 200,
        "officer_b": 404,
        "council": 200,
    }
    assert codes(world, "get", f"{API}/decisions/{decided.pk}", everyone) == {
        "admin": 200,
        "officer_a": 200,
        "viewer_a": 200,
        "officer_b": 404,
        "council": 200,
    }
    for url in (
        f"{API}/people/{staff.hung.pk}/history",
        f"{API}/people/{staff.hung.pk}/eligibility?year={YEAR}",
        f"{API}/units/{world.unit_a.pk}/history",
        f"{API}/units/{world.unit_a.pk}/eligibility",
    ):
        assert codes(world, "get", url, everyone) == {
            "admin": 200,
            "officer_a": 200,
            "viewer_a": 200,
            "officer_b": 404,
            "council": 200,
        }, url
    body = call(world, "officer_a", "get", f"{API}/register/?q=pham%20hung").json()
    assert [r["subject_name"] for r in body["items"]] == ["Phạm Văn Hùng"] and body["items"][0][
        "bonus"
    ] == 2_530_000
    assert call(world, "officer_b", "get", f"{API}/register/?q=hung").json()["count"] == 0
    history = call(world, "officer_a", "get", f"{API}/people/{staff.hung.pk}/history").json()
    assert history["years"][0]["rating"] == "HTXSNV" and history["records"][0]["decision"] == "01/QĐ-SKHĐT"
    eligibility = call(world, "officer_a", "get", f"{API}/people/{staff.lan.pk}/eligibility").json()
    lao_dong = next(v for v in eligibility["verdicts"] if v["award"] == "lao_dong_tien_tien")
    assert lao_dong["status"] == "not_eligible" and any(r["met"] is False for r in lao_dong["reasons"])


def test_the_proposal_chain_through_the_api(world, staff):
    created = call(
        world,
        "officer_a",
        "post",
        f"{API}/proposals/",
        {"year": YEAR, "award_code": "chien_si_thi_dua_co_so"},
    )
    assert created.status_code == 201
    pid = created.json()["id"]
    assert (
        call(
            world,
            "viewer_a",
            "post",
            f"{API}/proposals/",
            {"year": YEAR, "award_code": "chien_si_thi_dua_co_so"},
        ).status_code
        == 403
    )
    url = f"{API}/proposals/{pid}"
    assert (
        call(world, "officer_b", "put", f"{url}/candidates", {"person_ids": [staff.hung.pk]}).status_code
        == 404
    )
    body = call(
        world, "officer_a", "put", f"{url}/candidates", {"person_ids": [staff.lan.pk, staff.hung.pk]}
    ).json()
    assert [(c["name"], c["verdict"]["status"]) for c in body["candidates"]] == [
        ("Vũ Thị Lan", "not_eligible"),
        ("Phạm Văn Hùng", "eligible"),
    ]
    refused = call(world, "officer_a", "put", f"{url}/candidates", {"person_ids": [world.person_b.pk]})
    assert refused.status_code == 422 and "Nguyễn Văn Bình" in refused.json()["detail"]
    proposal = Proposal.objects.get(pk=pid)
    client = world.client("officer_a")
    for item in (
        "Tờ trình (Mẫu số 01)",
        "Báo cáo thành tích cá nhân (Mẫu số 05)",
        "Biên bản bình xét và kết quả bỏ phiếu",
        "Văn bản công nhận sáng kiến, đề tài khoa học hoặc kết quả xếp loại hoàn thành xuất sắc nhiệm vụ",
    ):
        response = client.post(f"{url}/files", {"item": item, "file": pdf()})
        assert response.status_code == 201, response.content
    assert call(world, "officer_a", "post", f"{url}/submit").status_code == 200
    assert call(world, "officer_a", "post", f"{url}/submit").status_code == 422  # already sent
    lan, hung = candidate(proposal, staff.lan), candidate(proposal, staff.hung)
    appraise = f"{url}/candidates/{lan.pk}/appraisal"
    assert call(world, "officer_a", "post", appraise, {"accept": False, "reason": "x"}).status_code == 403
    refused = call(world, "admin", "post", appraise, {"accept": True})
    assert refused.status_code == 422 and refused.json()["detail"].startswith(
        "Không thể chấp nhận Vũ Thị Lan"
    )
    assert call(world, "admin", "post", appraise, {"accept": False, "reason": "Chưa đạt."}).status_code == 200
    assert (
        call(world, "admin", "post", f"{url}/candidates/{hung.pk}/appraisal", {"accept": True}).status_code
        == 200
    )
    assert (
        call(world, "council", "post", f"{url}/send-to-council").status_code == 404
    )  # not yet the council's
    body = call(world, "admin", "post", f"{url}/send-to-council").json()
    assert body["state"] == ProposalState.IN_COUNCIL and body["ballot_id"]
    ballot = body["ballot_id"]
    choice = BallotSession.objects.get(pk=ballot).candidates.get(person=staff.hung).pk
    assert (
        call(
            world, "council", "post", f"/api/v1/ballots/{ballot}/vote", {"candidate_ids": [choice]}
        ).status_code
        == 204
    )
    assert call(world, "admin", "post", f"/api/v1/ballots/{ballot}/close").status_code == 200
    assert call(world, "admin", "post", f"/api/v1/ballots/{ballot}/count").status_code == 200
    assert call(world, "admin", "post", f"{url}/council-result").json()["state"] == ProposalState.READY
    issue = {
        "issuer_id": world.unit_a.pk,
        "signed_on": timezone.localdate().isoformat(),
        "signer_name": "Nguyễn Văn Ký",
        "signer_title": "Giám đốc",
    }
    assert call(world, "officer_a", "post", f"{url}/decision", issue).status_code == 403
    decision = call(world, "admin", "post", f"{url}/decision", issue)
    assert decision.status_code == 201
    body = decision.json()
    assert body["reference"] == "01/QĐ-SKHĐT" and [r["subject_name"] for r in body["records"]] == [
        "Phạm Văn Hùng"
    ]
    correction = call(
        world,
        "admin",
        "post",
        f"{API}/decisions/{body['id']}/corrections",
        {
            "cancel_record_ids": [body["records"][0]["id"]],
            "reason": "Nhầm.",
            "signed_on": issue["signed_on"],
            "signer_name": "Nguyễn Văn Ký",
            "signer_title": "Giám đốc",
        },
    )
    assert correction.status_code == 201 and correction.json()["corrects_id"] == body["id"]
    assert call(world, "admin", "get", f"{API}/register/?q=hung").json()["count"] == 0


@pytest.mark.parametrize(
    ("persona", "code"),
    [("officer_a", 201), ("admin", 201), ("viewer_a", 403), ("officer_b", 404), ("council", 403)],
)
def test_history_writes(world, staff, persona, code):
    url = f"{API}/people/{staff.lan.pk}/ratings"
    response = call(
        world,
        persona,
        "post",
        url,
        {"year": YEAR - 1, "rating": "HTTNV", "months_worked": 6, "leave": {"maternity": 6}},
    )
    assert response.status_code == code
    if code == 201:
        assert response.json()["leave"] == {"maternity": 6}


def test_history_write_errors_are_422_with_the_reason(world, staff):
    bad = call(
        world,
        "officer_a",
        "post",
        f"{API}/people/{staff.lan.pk}/ratings",
        {"year": YEAR - 1, "rating": "GIOI"},
    )
    assert bad.status_code == 422 and "HTXSNV, HTTNV, HTNV hoặc KHTNV" in bad.json()["detail"]
    hold = call(
        world,
        "officer_a",
        "post",
        f"{API}/people/{staff.lan.pk}/holds",
        {"kind": "under_investigation", "start": f"{YEAR}-01-02"},
    )
    assert hold.status_code == 201
    assert call(world, "officer_b", "post", f"{API}/holds/{hold.json()['id']}/lift").status_code == 404
    assert call(world, "officer_a", "post", f"{API}/holds/{hold.json()['id']}/lift").json()["end"]
    past = call(
        world,
        "officer_a",
        "post",
        f"{API}/units/{world.unit_a.pk}/past-awards",
        {
            "award_code": "tap_the_lao_dong_tien_tien",
            "year": YEAR - 1,
            "decision": {
                "issuer_name": "Ủy ban nhân dân tỉnh",
                "number": 12,
                "symbol": "QĐ-UBND",
                "signed_on": f"{YEAR}-01-05",
            },
        },
    )
    assert past.status_code == 201 and past.json()["decision"] == "12/QĐ-UBND"
    initiative = call(
        world,
        "officer_a",
        "post",
        f"{API}/people/{staff.hung.pk}/initiatives",
        {
            "year": YEAR,
            "title": "Số hóa",
            "scope": "grassroots",
            "decision": {
                "issuer_name": "Sở Kế hoạch và Đầu tư",
                "number": 3,
                "symbol": "QĐ-SKHĐT",
                "signed_on": f"{YEAR}-01-05",
            },
        },
    )
    assert initiative.status_code == 201
    discipline = call(
        world,
        "admin",
        "post",
        f"{API}/people/{staff.hung.pk}/disciplines",
        {"level": "reprimand", "start": f"{YEAR}-01-05"},
    )
    assert discipline.status_code == 201
    assert (
        call(
            world,
            "officer_a",
            "post",
            f"{API}/units/{world.unit_a.pk}/ratings",
            {"year": YEAR - 1, "rating": "HTXSNV"},
        ).status_code
        == 201
    )


def test_the_remaining_endpoints(world, staff, submitted):
    files = submitted.files.all()
    assert call(world, "officer_a", "delete", f"{API}/files/{files[0].pk}").status_code == 422  # already sent
    url = f"{API}/proposals/{submitted.pk}"
    assert call(world, "officer_a", "post", f"{url}/return", {"reason": "x"}).status_code == 403
    assert call(world, "officer_b", "post", f"{url}/return", {"reason": "x"}).status_code == 404
    assert call(world, "admin", "post", f"{url}/approve").status_code == 422  # a council vote is needed
    assert call(world, "admin", "post", f"{url}/return", {"reason": "Bổ sung."}).json()["state"] == "returned"
    assert call(world, "officer_b", "delete", f"{API}/files/{files[0].pk}").status_code == 404
    assert call(world, "officer_a", "delete", f"{API}/files/{files[0].pk}").status_code == 204
    hold = {"kind": "under_investigation", "start": f"{YEAR}-01-02"}
    assert call(world, "officer_b", "post", f"{API}/units/{world.unit_a.pk}/holds", hold).status_code == 404
    assert call(world, "viewer_a", "post", f"{API}/units/{world.unit_a.pk}/holds", hold).status_code == 403
    assert call(world, "officer_a", "post", f"{API}/units/{world.unit_a.pk}/holds", hold).status_code == 201
    past = {
        "award_code": "lao_dong_tien_tien",
        "year": YEAR - 1,
        "decision": {
            "issuer_name": "Sở Kế hoạch và Đầu tư",
            "number": 4,
            "symbol": "QĐ-SKHĐT",
            "signed_on": f"{YEAR}-01-05",
        },
    }
    assert (
        call(world, "viewer_a", "post", f"{API}/people/{staff.lan.pk}/past-awards", past).status_code == 403
    )
    created = call(world, "admin", "post", f"{API}/people/{staff.lan.pk}/past-awards", past)
    assert created.status_code == 201 and created.json()["subject_name"] == "Vũ Thị Lan"
    assert (
        call(world, "admin", "post", f"{API}/people/{staff.lan.pk}/past-awards", past).status_code == 422
    )  # twice
