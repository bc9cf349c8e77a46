"""Secrecy of the ballot, tested on the real databases.

After a ballot with nine voters — each keeping a different set of names, so that a ballot would betray its voter
if anything linked them — these tests walk every table of the project (every model Django knows, the audit log
included) and show that nothing links a voter to a choice: no reference, no id in any text or JSON, no time on
a ballot, and no order either (the ballots' physical order, their ids, and on PostgreSQL their transaction ids
say nothing about the order of voting). Two simultaneous submissions for one unit on PostgreSQL record one ballot.
"""

from __future__ import annotations

import json
import threading
import time
import uuid

import pytest
from django.apps import apps
from django.db import connection, connections, models, transaction

from tdkt.ballots import services
from tdkt.ballots.enums import Action
from tdkt.ballots.models import Ballot, BallotMark, BallotSession, RollEntry, SealedBallot
from tdkt.core.models import AuditEntry

from .conftest import candidate_ids

BALLOT_MODELS = {Ballot, BallotMark}
POSTGRES = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL only: SQLite lets one writer at a time into the whole database (IMMEDIATE transactions), "
    "so two votes can never race there, and it has no transaction ids or row locks to inspect.",
)


def _patterns(ids: list[int]) -> list[list[int]]:
    """Nine different choices (k = 2): one name, two names, or none."""
    return [
        [ids[0]],
        [ids[1]],
        [ids[2]],
        [ids[0], ids[1]],
        [ids[0], ids[2]],
        [ids[1], ids[2]],
        [ids[3]],
        [ids[3], ids[4]],
        [],
    ]


def vote_all(world, voters, session: BallotSession) -> list[tuple[RollEntry, frozenset[int]]]:
    """Every unit votes, in roll order, each with its own pattern; returns (voter, choice) as the test knows it."""
    patterns = _patterns(candidate_ids(session))
    cast = []
    for entry, pattern in zip(session.roll.order_by("order"), patterns, strict=True):
        services.cast_ballot(voters.account(entry.unit), session, pattern)
        cast.append((entry, frozenset(pattern)))
    return cast


def _ballot_patterns(order_sql: str) -> list[frozenset[int]]:
    marks: dict[str, set[int]] = {}
    for ballot_id, candidate_id in BallotMark.objects.values_list("ballot_id", "candidate_id"):
        marks.setdefault(str(ballot_id), set()).add(candidate_id)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM ballots_ballot ORDER BY {order_sql}")  # fixed strings only
        return [frozenset(marks.get(str(uuid.UUID(str(row[0]))), set())) for row in cursor.fetchall()]


@pytest.fixture
def counted(world, voters):
    from .conftest import make_session

    session = make_session(world, max_choices=2)
    services.open_session(world.users["block_head"], session)
    cast = vote_all(world, voters, session)
    services.close_session(world.users["block_head"], session)
    services.count_session(world.users["block_head"], session)
    return session, cast


def _rows(model: type[models.Model]) -> list[dict]:
    return list(model._default_manager.all().values())


def test_the_ballot_tables_hold_no_voter_no_time_and_no_sequence(db):
    for model in BALLOT_MODELS | {SealedBallot}:
        fields = model._meta.concrete_fields
        assert isinstance(model._meta.pk, models.UUIDField), model  # random ids, not a counter
        assert not [f for f in fields if isinstance(f, models.DateField | models.TimeField)], model
        related = {f.related_model for f in fields if f.is_relation}
        assert related <= {BallotSession, Ballot, apps.get_model("ballots", "Candidate")}, model
    assert {f.name for f in Ballot._meta.concrete_fields} == {"id", "session"}
    assert {f.name for f in BallotMark._meta.concrete_fields} == {"id", "ballot", "candidate"}
    assert {f.name for f in SealedBallot._meta.concrete_fields} == {"id", "session", "sealed"}
    roll_fields = {f.name for f in RollEntry._meta.concrete_fields}
    assert roll_fields == {"id", "session", "order", "label", "unit", "person", "has_voted"}  # no time


def test_no_other_table_can_point_at_a_ballot(db):
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.get_fields():
            if field.is_relation and field.concrete and field.related_model in BALLOT_MODELS | {SealedBallot}:
                assert (model, field.name) == (BallotMark, "ballot"), (model, field.name)


def test_no_row_of_any_table_links_a_voter_to_a_choice(world, voters, counted):
    _session, cast = counted
    ballot_ids = {str(pk) for pk in Ballot.objects.values_list("id", flat=True)}
    mark_ids = {str(pk) for pk in BallotMark.objects.values_list("id", flat=True)}
    assert len(ballot_ids) == 9 and SealedBallot.objects.count() == 0
    secrets_ = ballot_ids | mark_ids | {pk.replace("-", "") for pk in ballot_ids | mark_ids}
    walked = 0
    for model in apps.get_models(include_auto_created=True):
        for row in _rows(model):
            walked += 1
            text = json.dumps(row, default=str)
            found = [secret for secret in secrets_ if secret in text]
            if model not in BALLOT_MODELS:
                assert not found, (model, row)  # no ballot id anywhere else: audit log, notices, sessions…
    assert walked > 100
    # The ballots themselves name no voter: only their id, the session and the names kept.
    voter_units = {entry.unit_id for entry, _ in cast}
    for row in _rows(Ballot):
        assert set(row) == {"id", "session_id"}
    for row in _rows(BallotMark):
        assert set(row) == {"id", "ballot_id", "candidate_id"}
    assert voter_units  # every voter's unit is on the roll, which holds only has_voted
    # The log says who voted, never what: no candidate, no ballot, no before/after.
    cast_entries = AuditEntry.objects.filter(action=Action.BALLOT_CAST)
    assert cast_entries.count() == 9
    for entry in cast_entries:
        assert entry.object_type == "ballots.rollentry" and entry.before is None and entry.after is None
    # and the multiset of choices survives intact.
    assert sorted(map(sorted, _ballot_patterns("id"))) == sorted(sorted(choice) for _, choice in cast)


def test_ballots_are_not_in_the_order_of_voting(world, voters, counted):
    _session, cast = counted
    vote_order = [choice for _, choice in cast]
    physical = "ctid" if connection.vendor == "postgresql" else "rowid"
    for order_sql in (physical, "id"):
        written = _ballot_patterns(order_sql)
        assert sorted(map(sorted, written)) == sorted(map(sorted, vote_order))
        # 9 different ballots: the chance that a fair shuffle gives back the voting order is 1 in 362,880.
        assert written != vote_order, order_sql


@POSTGRES
@pytest.mark.django_db(transaction=True)
def test_on_postgresql_ballots_carry_the_closing_transaction_and_casting_leaves_no_trace_on_candidates(
    world, voters
):
    from .conftest import make_session

    session = make_session(world, max_choices=2)
    services.open_session(world.users["block_head"], session)
    vote_all(world, voters, session)
    with connection.cursor() as cursor:
        # Casting never locks a candidate's row (a lock would write the voter's transaction id into its xmax).
        cursor.execute("SELECT xmax::text FROM ballots_candidate WHERE session_id = %s", [session.pk])
        assert {row[0] for row in cursor.fetchall()} == {"0"}
        cursor.execute("SELECT count(*) FROM ballots_ballot")
        assert cursor.fetchone()[0] == 0
        cursor.execute("SELECT xmin::text FROM ballots_rollentry WHERE session_id = %s", [session.pk])
        roll_xmins = {row[0] for row in cursor.fetchall()}
    assert len(roll_xmins) == 9  # the roll does keep the order of voting: hence ballots are not written then
    services.close_session(world.users["block_head"], session)
    with connection.cursor() as cursor:
        cursor.execute("SELECT DISTINCT xmin::text FROM ballots_ballot WHERE session_id = %s", [session.pk])
        ballot_xmins = {row[0] for row in cursor.fetchall()}
        cursor.execute("SELECT DISTINCT xmin::text FROM ballots_ballotmark")
        mark_xmins = {row[0] for row in cursor.fetchall()}
    assert len(ballot_xmins) == 1 and mark_xmins == ballot_xmins
    assert not ballot_xmins & roll_xmins


@POSTGRES
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_submissions_for_one_unit_record_one_ballot(world, voters):
    from .conftest import make_session

    session = make_session(world)
    services.open_session(world.users["block_head"], session)
    url = f"/api/v1/ballots/{session.pk}/vote"
    ids = candidate_ids(session)
    clients = [world.client("officer_b"), world.client("leader_b")]  # two accounts of unit B, one vote
    statuses: list[int] = []
    start = threading.Barrier(3)

    def submit(client, choice):
        try:
            start.wait()
            response = client.post(
                url, json.dumps({"candidate_ids": [choice]}), content_type="application/json"
            )
            statuses.append(response.status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(c, pk)) for c, pk in zip(clients, ids[:2], strict=True)]
    # Hold the session's row lock so that both requests are inside the service, waiting, at the same moment.
    with transaction.atomic():
        BallotSession.objects.select_for_update().get(pk=session.pk)
        for thread in threads:
            thread.start()
        start.wait()
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_stat_clear_snapshot()")  # a transaction otherwise sees one snapshot
                cursor.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
                )
                if cursor.fetchone()[0] >= 2:
                    break
            time.sleep(0.05)
        else:
            pytest.fail("the two requests never waited together")
    for thread in threads:
        thread.join(30)
    assert sorted(statuses) == [204, 422]
    assert SealedBallot.objects.filter(session=session).count() == 1
    assert RollEntry.objects.filter(session=session, has_voted=True).count() == 1
    assert AuditEntry.objects.filter(action=Action.BALLOT_CAST).count() == 1
    services.close_session(world.users["block_head"], session)
    assert Ballot.objects.filter(session=session).count() == 1
