from __future__ import annotations

from tdkt.awards.appraisal import check_candidates
from tdkt.awards.enums import ProposalState
from tdkt.awards.models import AwardRecord


def test_whole_flow(world, staff, proposal, decided):
    checks = {c.candidate.person_id: c for c in check_candidates(proposal, list(proposal.candidates.all()))}
    print(checks[staff.hung.pk].status, checks[staff.lan.pk].status)
    for r in checks[staff.lan.pk].reasons:
        print(r)
    print(
        decided,
        decided.records.all(),
        [(r.bonus, r.coefficient, r.base_salary) for r in decided.records.all()],
    )
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.DECIDED
    assert AwardRecord.objects.filter(person=staff.hung).count() == 1
