"""The ballots API over the same services: scoped reads, 401 for anonymous, 403 for the wrong role, 404 for
sessions the user may not see, 422 with the Vietnamese reason; no per-voter choice and no count before counting."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from tdkt.ballots import services
from tdkt.ballots.models import BallotSession, SealedBallot

from .conftest import candidate_ids

API = "/api/v1/ballots"
READERS = ["admin", "officer_a", "leader_a", "viewer_a", "officer_b", "council"]


def _json(client, method, url, payload=None):
    return getattr(client, method)(url, json.dumps(payload or {}), content_type="application/json")


@pytest.mark.parametrize("persona", [*READERS, "officer_c"])
def test_list_is_scoped(world, opened, persona):
    response = world.client(persona).get(f"{API}/")
    assert response.status_code == 200
    assert [row["id"] for row in response.json()["items"]] == ([] if persona == "officer_c" else [opened.pk])


@pytest.mark.parametrize(("persona", "status"), [*[(p, 200) for p in READERS], ("officer_c", 404)])
def test_detail_by_persona_shows_participation_but_no_result_while_open(world, opened, persona, status):
    services.cast_ballot(world.users["officer_b"], opened, [candidate_ids(opened)[0]])
    response = world.client(persona).get(f"{API}/{opened.pk}")
    assert response.status_code == status
    if status == 200:
        data = response.json()
        assert data["results"] is None and data["voted_count"] == 1 and data["roll_count"] == 9
        for entry in data["roll"]:
            assert set(entry) == {"id", "order", "label", "unit_id", "person_id", "has_voted"}
        assert world.client(persona).get(f"{API}/{opened.pk}/results").status_code == 422


def test_anonymous_gets_401(world, opened):
    client = world.client("anonymous")
    assert client.get(f"{API}/").status_code == 401
    assert client.get(f"{API}/{opened.pk}").status_code == 401
    assert _json(client, "post", f"{API}/{opened.pk}/vote", {"candidate_ids": []}).status_code in (401, 403)


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("officer_b", 204),
        ("leader_a", 204),
        ("viewer_a", 403),
        ("council", 403),
        ("admin", 403),
        ("officer_c", 404),
    ],
)
def test_vote_by_persona(world, opened, persona, status):
    response = _json(
        world.client(persona),
        "post",
        f"{API}/{opened.pk}/vote",
        {"candidate_ids": [candidate_ids(opened)[0]]},
    )
    assert response.status_code == status
    assert response.content == b"" or status != 204  # nothing comes back from a vote
    assert SealedBallot.objects.count() == (1 if status == 204 else 0)


def test_a_second_vote_and_a_vote_after_close_are_refused(world, opened):
    client = world.client("officer_b")
    ids = candidate_ids(opened)
    assert _json(client, "post", f"{API}/{opened.pk}/vote", {"candidate_ids": [ids[0]]}).status_code == 204
    again = _json(world.client("leader_b"), "post", f"{API}/{opened.pk}/vote", {"candidate_ids": [ids[1]]})
    assert again.status_code == 422 and "đã bỏ phiếu" in again.json()["detail"]
    assert _json(world.client("officer_a"), "post", f"{API}/{opened.pk}/close").status_code == 200
    late = _json(world.client("officer_a"), "post", f"{API}/{opened.pk}/vote", {"candidate_ids": [ids[1]]})
    assert late.status_code == 422 and "đã kết thúc" in late.json()["detail"]


@pytest.mark.parametrize(
    ("persona", "status"), [("officer_b", 403), ("viewer_a", 403), ("council", 403), ("officer_c", 404)]
)
def test_managing_endpoints_by_persona(world, opened, persona, status):
    client = world.client(persona)
    for action in ("close", "count", "open"):
        assert _json(client, "post", f"{API}/{opened.pk}/{action}").status_code == status
    assert _json(client, "put", f"{API}/{opened.pk}/candidates", {"candidates": []}).status_code == status
    assert _json(client, "patch", f"{API}/{opened.pk}", {"question": "X"}).status_code == status


def test_create_vote_close_count_through_the_api(world, voters):
    head = world.client("officer_a")
    payload = {
        "question": "Đề nghị tặng Cờ thi đua của UBND tỉnh",
        "year": world.block.memberships.first().year,
        "block_id": world.block.pk,
        "threshold": "1/2",
        "threshold_comparison": "gt",
        "quorum": "2/3",
        "candidates": [{"unit_id": world.unit_b.pk}, {"unit_id": world.unit_a.pk}],
    }
    assert _json(world.client("officer_b"), "post", f"{API}/", payload).status_code == 403
    response = _json(head, "post", f"{API}/", payload)
    assert response.status_code == 201, response.content
    session_id = response.json()["id"]
    assert [c["label"] for c in response.json()["candidates"]] == ["Sở Tư pháp", "Sở Kế hoạch và Đầu tư"]
    assert response.json()["threshold"] == "0.500000" and response.json()["quorum"] == "0.666666"
    assert _json(head, "patch", f"{API}/{session_id}", {"threshold": "abc"}).status_code == 422
    assert _json(head, "post", f"{API}/{session_id}/open").json()["state"] == "open"
    session = BallotSession.objects.get(pk=session_id)
    first = candidate_ids(session)[0]
    for account in list(voters.accounts.values())[:7]:
        client = Client()
        client.force_login(account)
        assert (
            _json(client, "post", f"{API}/{session_id}/vote", {"candidate_ids": [first]}).status_code == 204
        )
    assert _json(head, "post", f"{API}/{session_id}/count").status_code == 422  # still open
    assert _json(head, "post", f"{API}/{session_id}/close").json()["results"] is None
    results = _json(head, "post", f"{API}/{session_id}/count").json()
    assert results["roll_count"] == 9 and results["present_count"] == 7 and results["quorum_met"]
    assert [(line["label"], line["votes"], line["outcome"]) for line in results["lines"]] == [
        ("Sở Tư pháp", 7, "elected"),
        ("Sở Kế hoạch và Đầu tư", 0, "not_reached"),
    ]
    assert world.client("council").get(f"{API}/{session_id}/results").json() == results


def test_paper_counts_through_the_api(world, voters):
    from .conftest import make_session

    session = make_session(world, mode="paper")
    head = world.client("officer_a")
    _json(head, "post", f"{API}/{session.pk}/open")
    _json(head, "post", f"{API}/{session.pk}/close")
    ids = candidate_ids(session)
    votes = {str(pk): 0 for pk in ids} | {str(ids[0]): 6}
    bad = _json(
        head,
        "post",
        f"{API}/{session.pk}/paper-counts",
        {"present": 10, "issued": 9, "valid": 9, "invalid": 0, "votes": votes},
    )
    assert bad.status_code == 422 and "vượt quá danh sách" in bad.json()["detail"]
    ok = _json(
        head,
        "post",
        f"{API}/{session.pk}/paper-counts",
        {"present": 9, "issued": 9, "valid": 8, "invalid": 1, "votes": votes},
    )
    assert (
        ok.status_code == 200
        and ok.json()["ballots_invalid"] == 1
        and ok.json()["lines"][0]["outcome"] == "elected"
    )


def test_the_schema_documents_the_ballot_endpoints(world):
    paths = world.client("anonymous").get("/api/v1/openapi.json").json()["paths"]
    ballot_paths = [p for p in paths if p.startswith(API)]
    assert (
        f"{API}/{{session_id}}/vote" in ballot_paths and f"{API}/{{session_id}}/paper-counts" in ballot_paths
    )
