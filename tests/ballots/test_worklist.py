"""The home page's work queue: a vote to cast until the unit has voted; the manager's next step."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tdkt.ballots import services
from tdkt.core.worklist import pending_work

from .conftest import candidate_ids, make_session


def _ballot_items(user):
    return [item.title for item in pending_work(user) if item.category == "ballot"]


def test_the_vote_waits_until_the_unit_has_voted(world, voters, opened):
    officer_d = voters.account(opened.roll.get(order=3).unit)
    assert _ballot_items(world.users["officer_b"]) == [f"Bỏ phiếu kín: {opened.question}"]
    services.cast_ballot(world.users["leader_b"], opened, [candidate_ids(opened)[0]])
    assert _ballot_items(world.users["officer_b"]) == []  # the unit's vote is cast, by either account
    assert _ballot_items(officer_d) == [f"Bỏ phiếu kín: {opened.question}"]
    assert _ballot_items(world.users["viewer_a"]) == [] and _ballot_items(world.users["council"]) == []


def test_the_manager_is_told_the_next_step_in_bounded_queries(world, voters, opened):
    assert opened.question in _ballot_items(world.users["officer_a"])
    with CaptureQueriesContext(connection) as one:
        pending_work(world.users["officer_a"])
    for _ in range(5):
        make_session(world)
    with CaptureQueriesContext(connection) as six:
        pending_work(world.users["officer_a"])
    assert len(six) == len(one)
