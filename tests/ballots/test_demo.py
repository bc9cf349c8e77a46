"""The demo's 2025 ballots of the seed's block: closed, counted, one unit for the Flag and two for the
Certificate of Merit; the voters are on the audit log, their choices nowhere."""

from __future__ import annotations

import pytest

from tdkt.ballots.enums import Action, SessionState
from tdkt.ballots.models import Ballot, BallotSession, SealedBallot
from tdkt.core.models import AuditEntry
from tdkt.demo.world import SEED_BLOCK_NAME, load_demo


@pytest.fixture
def demo(db):
    return load_demo(people=20, last_year=2026)


def test_the_demo_has_the_2025_ballots_counted(demo, client):
    sessions = BallotSession.objects.filter(block__name=SEED_BLOCK_NAME, year=2025).order_by("pk")
    assert [s.state for s in sessions] == [SessionState.COUNTED, SessionState.COUNTED]
    flag, merit = sessions
    assert flag.manager_unit.abbreviation == "SNV"  # the 2025 head
    elected = {
        s.pk: [
            line.candidate.label
            for line in s.tally.lines.filter(outcome="elected").order_by("candidate__order")
        ]
        for s in sessions
    }
    assert elected[flag.pk] == ["Sở Tư pháp"]
    assert elected[merit.pk] == ["Văn phòng Ủy ban nhân dân tỉnh", "Sở Tài chính"]
    assert flag.tally.roll_count == 7 and flag.tally.ballots_valid == 7 and flag.tally.quorum_met
    assert Ballot.objects.count() == 14 and not SealedBallot.objects.exists()
    assert AuditEntry.objects.filter(action=Action.BALLOT_CAST).count() == 14
    assert flag.opened_at.year == 2025 and flag.tally.counted_at.date().isoformat() == "2025-12-10"
