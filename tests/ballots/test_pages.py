"""Persona tests for every ballot page: who sees (200), who is refused (403), who must not learn that the session
exists (404), anonymous users (sent to the login page); the whole flow through the pages; no count before the
session is counted."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tdkt.ballots.enums import SessionState
from tdkt.ballots.models import BallotSession, Candidate, RollEntry, SealedBallot

from .conftest import candidate_ids, make_session

PERSONAS = ["admin", "officer_a", "leader_a", "viewer_a", "officer_b", "council", "officer_c"]
READERS = dict.fromkeys(["admin", "officer_a", "leader_a", "viewer_a", "officer_b", "council"], 200)
MANAGERS = {
    "admin": 200,
    "officer_a": 200,
    "leader_a": 200,
    "viewer_a": 403,
    "officer_b": 403,
    "council": 403,
}
VOTERS = {"admin": 403, "officer_a": 200, "leader_a": 200, "viewer_a": 403, "officer_b": 200, "council": 403}
PAGES = {
    "ballots:detail": READERS,
    "ballots:results": READERS,
    "ballots:vote": VOTERS,
    "ballots:paper": MANAGERS,
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", list(PAGES))
def test_pages_of_an_open_session_by_persona(world, opened, name, persona):
    response = world.client(persona).get(reverse(name, args=[opened.pk]))
    assert response.status_code == PAGES[name].get(persona, 404)  # unit C is outside the block
    if response.status_code == 200:
        assert opened.question in response.content.decode()


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_draft_is_seen_only_by_its_managers(world, draft, persona):
    expected = {"admin": 200, "officer_a": 200, "leader_a": 200}.get(persona, 404)
    assert world.client(persona).get(reverse("ballots:detail", args=[draft.pk])).status_code == expected
    assert world.client(persona).get(reverse("ballots:edit", args=[draft.pk])).status_code == expected


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("admin", 200),
        ("officer_a", 200),
        ("leader_a", 200),
        ("viewer_a", 403),
        ("officer_b", 403),
        ("council", 403),
        ("officer_c", 403),
    ],
)
def test_create_page_by_persona(world, voters, persona, status):
    assert world.client(persona).get(reverse("ballots:create")).status_code == status


@pytest.mark.parametrize("persona", PERSONAS)
def test_list_is_scoped(world, opened, persona):
    body = world.client(persona).get(reverse("ballots:list")).content.decode()
    assert (opened.question in body) is (persona != "officer_c")


@pytest.mark.parametrize("name", [*PAGES, "ballots:edit", "ballots:list", "ballots:create"])
def test_anonymous_users_are_sent_to_login(world, opened, name):
    args = [] if name in ("ballots:list", "ballots:create") else [opened.pk]
    response = world.client("anonymous").get(reverse(name, args=args))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("action", ["ballots:open", "ballots:close", "ballots:count"])
@pytest.mark.parametrize(
    ("persona", "status"), [("officer_b", 403), ("viewer_a", 403), ("council", 403), ("officer_c", 404)]
)
def test_transitions_are_refused_to_non_managers(world, opened, action, persona, status):
    assert world.client(persona).post(reverse(action, args=[opened.pk])).status_code == status
    assert BallotSession.objects.get(pk=opened.pk).state == SessionState.OPEN


def test_the_whole_flow_through_the_pages(world, voters):
    head = world.client("officer_a")
    response = head.post(
        reverse("ballots:create"),
        {
            "context": str(world.block.pk),
            "year": world.block.memberships.first().year,
            "question": "Đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh",
            "award_code": "bang_khen_tinh",
            "mode": "electronic",
            "max_choices": 2,
            "threshold": "50%",
            "threshold_comparison": "gt",
            "threshold_base": "roll",
            "quorum": "2/3",
            "rule_source": "Quy chế hoạt động của Khối",
        },
    )
    session = BallotSession.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("ballots:edit", args=[session.pk])
    units = [str(world.unit_b.pk), str(world.unit_a.pk)]
    response = head.post(
        reverse("ballots:edit", args=[session.pk]),
        {"part": "candidates", "units": units, "others": "Sở Y tế"},
    )
    assert response.status_code == 302
    labels = Candidate.objects.filter(session=session).order_by("order").values_list("label", flat=True)
    assert list(labels) == ["Sở Tư pháp", "Sở Kế hoạch và Đầu tư", "Sở Y tế"]  # in the order submitted
    assert head.post(reverse("ballots:open", args=[session.pk])).status_code == 302
    ids = candidate_ids(session)
    voter = world.client("officer_b")
    assert (
        voter.post(
            reverse("ballots:vote", args=[session.pk]), {"choices": [str(ids[0]), str(ids[2])]}
        ).status_code
        == 302
    )
    page = voter.get(session.get_absolute_url()).content.decode()
    assert "Sở Tư pháp đã bỏ phiếu." in page and 'id="vote-link"' not in page
    again = voter.post(reverse("ballots:vote", args=[session.pk]), {"choices": [str(ids[1])]})
    assert again.status_code == 200 and SealedBallot.objects.count() == 1
    too_many = world.client("officer_a").post(
        reverse("ballots:vote", args=[session.pk]), {"choices": [str(i) for i in ids]}
    )
    assert "tối đa 2" in too_many.content.decode() and SealedBallot.objects.count() == 1
    # While open: participation, never a count of votes.
    for persona in READERS:
        body = world.client(persona).get(reverse("ballots:results", args=[session.pk])).content.decode()
        assert 'id="no-results"' in body and 'id="tally-lines"' not in body
    assert head.post(reverse("ballots:close", args=[session.pk])).status_code == 302
    body = world.client("officer_b").get(reverse("ballots:results", args=[session.pk])).content.decode()
    assert 'id="no-results"' in body  # closed but not counted yet
    response = head.post(reverse("ballots:count", args=[session.pk]))
    assert response["Location"] == reverse("ballots:results", args=[session.pk])
    body = world.client("officer_b").get(response["Location"]).content.decode()
    assert 'id="tally-lines"' in body and "Biên bản kiểm phiếu" in body
    assert "Không đủ số người tham gia theo quy định" in body  # 1 of 9 voted


def test_paper_counts_page(world, voters):
    session = make_session(world, mode="paper")
    head = world.client("leader_a")
    head.post(reverse("ballots:open", args=[session.pk]))
    head.post(reverse("ballots:close", args=[session.pk]))
    ids = candidate_ids(session)
    data = {"present": 9, "issued": 9, "valid": 9, "invalid": 0} | {f"votes_{pk}": 0 for pk in ids}
    data[f"votes_{ids[0]}"] = 12  # more than the valid ballots
    response = head.post(reverse("ballots:paper", args=[session.pk]), data)
    assert response.status_code == 200 and "không vượt quá số phiếu hợp lệ" in response.content.decode()
    data[f"votes_{ids[0]}"] = 7
    response = head.post(reverse("ballots:paper", args=[session.pk]), data)
    assert response.status_code == 302
    body = head.get(response["Location"]).content.decode()
    assert "Đạt, được đề nghị" in body and "77,7778%" in body


def test_the_vote_form_never_echoes_a_choice(world, opened):
    ids = candidate_ids(opened)
    client = world.client("officer_b")
    response = client.post(reverse("ballots:vote", args=[opened.pk]), {"choices": [str(ids[4])]}, follow=True)
    body = response.content.decode()
    assert "Đã ghi nhận phiếu bầu" in body and "checked" not in body
    assert RollEntry.objects.get(session=opened, unit=world.unit_b).has_voted
