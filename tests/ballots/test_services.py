"""The life of a session through the services: states, who may do what, one vote per voter, nothing after close,
results only after counting, paper counts, the council's legal rule."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tdkt.ballots import services
from tdkt.ballots.enums import Action, SessionState
from tdkt.ballots.models import Ballot, BallotSession, RollEntry, SealedBallot, Tally
from tdkt.ballots.queries import tally_of
from tdkt.core.actors import SYSTEM
from tdkt.core.models import AuditEntry, Notice
from tdkt.org.queries import current_year

from .conftest import candidate_ids, make_session


def test_a_block_session_has_one_vote_per_member_unit_and_the_members_as_default_candidates(world, draft):
    assert draft.state == SessionState.DRAFT and draft.manager_unit == world.unit_a
    roll = list(draft.roll.order_by("order"))
    assert len(roll) == 9 and all(entry.unit_id and not entry.has_voted for entry in roll)
    assert draft.candidates.count() == 9
    assert draft.threshold == Decimal("0.500000") and draft.quorum == Decimal("0.666666")


def test_the_caller_passes_the_candidates(world, voters):
    session = make_session(
        world,
        candidates=[
            services.CandidateInput(unit=world.unit_b, note="Xếp thứ nhất"),
            services.CandidateInput(unit=world.unit_a),
        ],
    )
    assert [(c.order, c.label, c.note) for c in session.candidates.order_by("order")] == [
        (1, "Sở Tư pháp", "Xếp thứ nhất"),
        (2, "Sở Kế hoạch và Đầu tư", ""),
    ]


@pytest.mark.parametrize("persona", ["officer_b", "viewer_a", "council", "officer_c"])
def test_only_the_block_head_or_phong_tdkt_creates_a_block_session(world, voters, persona):
    with pytest.raises(PermissionDenied):
        services.create_session(
            world.users[persona], question="X", year=current_year(), block=world.block, threshold="0.5"
        )
    assert not BallotSession.objects.exists()


def test_bad_rules_are_refused_with_a_reason(world, voters):
    for bad in ("1.5", "abc", "0", "-1/2"):
        with pytest.raises(ValidationError):
            make_session(world, threshold=bad)
    with pytest.raises(ValidationError):
        make_session(world, quorum="3/2")
    assert not BallotSession.objects.exists()


def test_opening_fixes_the_ballot_and_tells_the_voters(world, opened):
    assert opened.state == SessionState.OPEN and opened.opened_at is not None
    assert Notice.objects.filter(
        recipient=world.users["officer_b"], title__startswith="Mời bỏ phiếu"
    ).exists()
    with pytest.raises(ValidationError):
        services.set_candidates(world.users["block_head"], opened, [])
    with pytest.raises(ValidationError):
        services.update_session(world.users["block_head"], opened, question="Khác")


def test_a_vote_is_recorded_once_sealed_and_audited_without_the_choice(world, voters, opened):
    ids = candidate_ids(opened)
    services.cast_ballot(world.users["officer_b"], opened, [ids[3]])
    assert RollEntry.objects.get(session=opened, unit=world.unit_b).has_voted
    assert SealedBallot.objects.filter(session=opened).count() == 1
    assert not Ballot.objects.exists()  # nothing readable until close
    entry = AuditEntry.objects.get(action=Action.BALLOT_CAST)
    assert entry.actor == world.users["officer_b"] and entry.object_type == "ballots.rollentry"
    assert entry.before is None and entry.after is None and str(ids[3]) not in entry.summary
    with pytest.raises(ValidationError, match="đã bỏ phiếu"):
        services.cast_ballot(world.users["leader_b"], opened, [ids[0]])  # the unit's other account
    assert SealedBallot.objects.filter(session=opened).count() == 1


@pytest.mark.parametrize("persona", ["viewer_a", "council", "officer_c", "admin"])
def test_only_the_units_officer_or_leader_votes(world, opened, persona):
    with pytest.raises(PermissionDenied):
        services.cast_ballot(world.users[persona], opened, [])
    assert not SealedBallot.objects.exists()


def test_choices_must_be_on_the_ballot_and_at_most_k(world, voters, opened):
    ids = candidate_ids(opened)
    for bad in ([ids[0], ids[1]], [ids[0], ids[0]], [999999], ["x"]):
        with pytest.raises(ValidationError):
            services.cast_ballot(world.users["officer_b"], opened, bad)
    assert not RollEntry.objects.filter(session=opened, has_voted=True).exists()
    services.cast_ballot(world.users["officer_b"], opened, [])  # a ballot keeping no name is valid
    assert SealedBallot.objects.count() == 1


def test_no_vote_before_open_or_after_close(world, voters, draft):
    ids = candidate_ids(draft)
    with pytest.raises(ValidationError, match="chưa mở"):
        services.cast_ballot(world.users["officer_b"], draft, [ids[0]])
    services.open_session(world.users["block_head"], draft)
    services.close_session(world.users["block_head"], draft)
    with pytest.raises(ValidationError, match="đã kết thúc"):
        services.cast_ballot(world.users["officer_b"], draft, [ids[0]])
    assert not Ballot.objects.exists() and not SealedBallot.objects.exists()
    assert not RollEntry.objects.filter(has_voted=True).exists()


def test_close_writes_the_ballots_and_empties_the_box_then_count_stores_the_tally(world, voters, opened):
    ids = candidate_ids(opened)
    for unit_id, account in list(voters.accounts.items())[:7]:
        services.cast_ballot(account, opened, [ids[1]] if unit_id != world.unit_a.pk else [ids[2]])
    assert tally_of(opened) is None
    services.close_session(world.users["block_head"], opened)
    assert SealedBallot.objects.count() == 0 and Ballot.objects.count() == 7
    with pytest.raises(ValidationError):
        services.close_session(world.users["block_head"], opened)
    assert tally_of(BallotSession.objects.get(pk=opened.pk)) is None  # closed is not counted
    record = services.count_session(world.users["block_head"], opened)
    assert (record.roll_count, record.present_count, record.ballots_issued) == (9, 7, 7)
    assert (record.ballots_valid, record.ballots_invalid, record.base_count) == (7, 0, 9)
    assert record.quorum_met  # 7 ≥ 2/3 × 9
    lines = {line.candidate_id: line for line in record.lines.all()}
    assert lines[ids[1]].votes == 6 and lines[ids[1]].reached and lines[ids[1]].outcome == "elected"
    assert lines[ids[2]].votes == 1 and lines[ids[2]].outcome == "not_reached"
    assert lines[ids[1]].share == Decimal("0.666667")
    with pytest.raises(ValidationError):
        services.count_session(world.users["block_head"], opened)
    assert Tally.objects.count() == 1


def test_without_quorum_nobody_is_put_forward(world, voters, opened):
    ids = candidate_ids(opened)
    for account in list(voters.accounts.values())[:5]:  # 5 < 2/3 × 9
        services.cast_ballot(account, opened, [ids[0]])
    services.close_session(world.users["block_head"], opened)
    record = services.count_session(world.users["block_head"], opened)
    assert not record.quorum_met
    assert record.lines.get(candidate_id=ids[0]).outcome == "no_quorum"


def test_a_tampered_box_is_not_counted(world, voters, opened):
    ids = candidate_ids(opened)
    services.cast_ballot(world.users["officer_b"], opened, [ids[0]])
    extra = SealedBallot.objects.get()
    SealedBallot.objects.create(session=opened, sealed=bytes(extra.sealed))  # a copied ballot
    with pytest.raises(ValidationError, match="không khớp"):
        services.close_session(world.users["block_head"], opened)
    SealedBallot.objects.exclude(pk=extra.pk).delete()
    broken = bytearray(extra.sealed)
    broken[-1] ^= 1
    SealedBallot.objects.filter(pk=extra.pk).update(sealed=bytes(broken))
    with pytest.raises(ValidationError, match="không mở được"):
        services.close_session(world.users["block_head"], opened)
    assert BallotSession.objects.get(pk=opened.pk).state == SessionState.OPEN


@pytest.mark.parametrize("persona", ["officer_b", "viewer_a", "council", "officer_c"])
def test_only_the_manager_opens_closes_and_counts(world, opened, persona):
    with pytest.raises(PermissionDenied):
        services.close_session(world.users[persona], opened)
    assert BallotSession.objects.get(pk=opened.pk).state == SessionState.OPEN


def test_paper_ballots_are_entered_as_counts(world, voters):
    session = make_session(world, mode="paper", max_choices=2, threshold="0.5", threshold_comparison="ge")
    ids = candidate_ids(session)
    head = world.users["block_head"]
    services.open_session(head, session)
    with pytest.raises(ValidationError, match="phiếu giấy"):
        services.cast_ballot(world.users["officer_b"], session, [ids[0]])
    votes = dict.fromkeys(ids, 0) | {ids[0]: 8, ids[1]: 4, ids[2]: 4}
    with pytest.raises(ValidationError):
        services.enter_paper_counts(head, session, present=9, issued=9, valid=8, invalid=1, votes=votes)
    services.close_session(head, session)
    with pytest.raises(ValidationError):  # more ballots than issued
        services.enter_paper_counts(head, session, present=9, issued=8, valid=8, invalid=1, votes=votes)
    with pytest.raises(ValidationError):  # a name without a number
        services.enter_paper_counts(head, session, present=9, issued=9, valid=8, invalid=1, votes={ids[0]: 8})
    with pytest.raises(ValidationError):  # more votes than valid ballots allow
        services.enter_paper_counts(
            head, session, present=9, issued=9, valid=8, invalid=1, votes=votes | {ids[3]: 8}
        )
    record = services.enter_paper_counts(head, session, present=9, issued=9, valid=8, invalid=1, votes=votes)
    assert (record.ballots_received, record.ballots_invalid, record.base_count) == (9, 1, 9)
    outcomes = {line.candidate_id: line.outcome for line in record.lines.all()}
    assert outcomes[ids[0]] == "elected"  # 8 ≥ 4.5
    assert outcomes[ids[1]] == outcomes[ids[2]] == "not_reached"  # 4 < 4.5
    assert BallotSession.objects.get(pk=session.pk).state == SessionState.COUNTED


def test_a_council_vote_takes_the_legal_threshold_from_the_rules_data(world):
    session = services.create_session(
        world.users["admin"],
        question="Đề nghị tặng Cờ thi đua của Ủy ban nhân dân tỉnh cho Sở Tư pháp",
        year=current_year(),
        council=world.council,
        award_code="co_thi_dua_tinh",
        candidates=[services.CandidateInput(unit=world.unit_b)],
    )
    assert (session.threshold, session.threshold_comparison, session.threshold_base) == (
        Decimal("0.8"),
        "ge",
        "roll",
    )
    assert session.quorum == Decimal("0.8") and "Điều 30" in session.rule_source
    assert session.manager_unit is None
    assert list(session.roll.values_list("person_id", flat=True)) == [world.users["council"].person_id]
    with pytest.raises(ValidationError, match="tỷ lệ quy định"):
        services.create_session(
            world.users["admin"],
            question="X",
            year=current_year(),
            council=world.council,
            award_code="chien_si_thi_dua_tinh",
            threshold="0.5",
        )
    with pytest.raises(PermissionDenied):
        services.create_session(
            world.users["officer_a"],
            question="X",
            year=current_year(),
            council=world.council,
            threshold="0.5",
        )


def test_the_council_member_votes_for_their_seat(world):
    session = services.create_session(
        world.users["admin"],
        question="Đề nghị tặng danh hiệu Chiến sĩ thi đua cấp tỉnh",
        year=current_year(),
        council=world.council,
        award_code="chien_si_thi_dua_tinh",
        candidates=[services.CandidateInput(person=world.person_b)],
    )
    services.open_session(world.users["admin"], session)
    services.cast_ballot(world.users["council"], session, candidate_ids(session))
    services.close_session(world.users["admin"], session)
    record = services.count_session(world.users["admin"], session)
    line = record.lines.get()
    assert line.votes == 1 and line.outcome == "elected"  # 1 of 1 ≥ 90 %


def test_only_the_system_backdates(world, draft):
    with pytest.raises(PermissionDenied):
        services.open_session(
            world.users["block_head"], draft, at=datetime.datetime(2025, 12, 1, tzinfo=datetime.UTC)
        )
    session = services.open_session(SYSTEM, draft, at=datetime.datetime(2025, 12, 1, tzinfo=datetime.UTC))
    assert session.opened_at.year == 2025
