"""Proposals: written by the unit, appraised by Phòng TĐKT, put to the council's ballot with the legal threshold,
carried to a decision — each step checked, audited and told to the people concerned."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from tdkt.awards import services
from tdkt.awards.appraisal import check_candidates, dossier_items
from tdkt.awards.enums import Action, Appraisal, ProposalState
from tdkt.awards.models import DossierFile, Proposal
from tdkt.ballots.enums import RollKind, SessionState
from tdkt.core.actors import SYSTEM
from tdkt.core.models import AuditEntry, Notice
from tdkt.org import services as org_services
from tdkt.org.enums import Gender

from .conftest import YEAR, candidate, make_proposal, pdf


def notices(user) -> list[str]:
    return list(Notice.objects.filter(recipient=user).values_list("title", flat=True))


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [
        ("officer_a", True),
        ("leader_a", True),
        ("viewer_a", False),
        ("admin", False),
        ("council", False),
        ("officer_b", False),
    ],
)
def test_who_opens_a_proposal_for_unit_a(world, persona, allowed):
    call = lambda: services.create_proposal(  # noqa: E731
        world.users[persona], unit=world.unit_a, year=YEAR, award_code="chien_si_thi_dua_co_so"
    )
    if allowed:
        proposal = call()
        assert proposal.title == f"Đề nghị công nhận danh hiệu Chiến sĩ thi đua cơ sở năm {YEAR}"
        assert proposal.subject_kind == "individual" and proposal.state == ProposalState.DRAFT
    else:
        with pytest.raises(PermissionDenied):
            call()


def test_a_proposal_checks_its_award_kind_and_year(world):
    officer = world.users["officer_a"]
    with pytest.raises(ValidationError, match="Chọn đề nghị cho cá nhân hay tập thể"):
        services.create_proposal(officer, unit=world.unit_a, year=YEAR, award_code="bang_khen_tinh")
    with pytest.raises(ValidationError, match="không có danh hiệu"):
        services.create_proposal(officer, unit=world.unit_a, year=YEAR, award_code="huy_chuong_vang")
    with pytest.raises(ValidationError, match="chưa đến"):
        services.create_proposal(officer, unit=world.unit_a, year=YEAR + 1, award_code="lao_dong_tien_tien")
    with pytest.raises(ValidationError, match="không dành cho tập thể"):
        services.create_proposal(
            officer, unit=world.unit_a, year=YEAR, award_code="lao_dong_tien_tien", subject_kind="collective"
        )


def test_candidates_come_from_the_units_own_people(world, staff):
    proposal = services.create_proposal(
        world.users["officer_a"], unit=world.unit_a, year=YEAR, award_code="chien_si_thi_dua_co_so"
    )
    with pytest.raises(ValidationError, match="Nguyễn Văn Bình"):
        services.set_candidates(world.users["officer_a"], proposal, people=[staff.hung, world.person_b])
    with pytest.raises(ValidationError, match="cho cá nhân"):
        services.set_candidates(world.users["officer_a"], proposal, units=[world.unit_a])
    with pytest.raises(PermissionDenied):
        services.set_candidates(world.users["officer_b"], proposal, people=[staff.hung])
    chosen = services.set_candidates(world.users["officer_a"], proposal, people=[staff.lan, staff.hung])
    assert [(c.order, c.name) for c in chosen] == [(1, "Vũ Thị Lan"), (2, "Phạm Văn Hùng")]
    kept = chosen[1]
    services.set_candidates(world.users["officer_a"], proposal, people=[staff.hung])
    assert list(proposal.candidates.values_list("pk", "order")) == [(kept.pk, 1)]


def test_each_candidate_shows_its_verdict_with_the_reason(world, staff, proposal):
    checks = {c.candidate.person_id: c for c in check_candidates(proposal, list(proposal.candidates.all()))}
    assert checks[staff.hung.pk].status == "eligible"
    lan = checks[staff.lan.pk]
    assert lan.status == "not_eligible"
    assert any(
        "từ hoàn thành tốt nhiệm vụ trở lên — năm" in r.text and "hoàn thành nhiệm vụ" in r.text
        for r in lan.failed_reasons
    )
    assert [c.check for c in lan.blocking] == ["verdict"]


def test_the_dossier_is_filed_under_the_rulesets_items(world, staff, proposal):
    officer = world.users["officer_a"]
    items = dossier_items(proposal)
    assert items[0].startswith("Tờ trình") and len(items) == 4
    with pytest.raises(ValidationError, match="không có trong danh sách"):
        services.add_dossier_file(officer, proposal, item="Giấy tờ tùy thân", upload=pdf())
    with pytest.raises(ValidationError, match="không đúng loại"):
        services.add_dossier_file(officer, proposal, item=items[0], upload=SimpleUploadedFile("x.exe", b"MZ"))
    with pytest.raises(ValidationError, match="không khớp"):
        services.add_dossier_file(
            officer, proposal, item=items[0], upload=SimpleUploadedFile("x.pdf", b"PK\x03\x04")
        )
    file = services.add_dossier_file(
        officer, proposal, item=items[1], upload=pdf("bao-cao.pdf"), candidate=candidate(proposal, staff.hung)
    )
    assert file.candidate.person == staff.hung
    services.remove_dossier_file(officer, file)
    assert not DossierFile.objects.filter(pk=file.pk).exists()


def test_submit_needs_candidates_and_files_and_tells_phong_tdkt(world, staff):
    officer = world.users["officer_a"]
    proposal = services.create_proposal(
        officer, unit=world.unit_a, year=YEAR, award_code="chien_si_thi_dua_co_so"
    )
    with pytest.raises(ValidationError, match="Danh sách đề nghị đang trống"):
        services.submit_proposal(officer, proposal)
    services.set_candidates(officer, proposal, people=[staff.hung])
    with pytest.raises(ValidationError, match="Chưa có tệp hồ sơ"):
        services.submit_proposal(officer, proposal)
    services.add_dossier_file(officer, proposal, item=dossier_items(proposal)[0], upload=pdf())
    services.submit_proposal(officer, proposal)
    assert Proposal.objects.get().state == ProposalState.SUBMITTED
    assert notices(world.users["admin"]) == [f"Đề nghị khen thưởng chờ thẩm định: {proposal.title}"]
    with pytest.raises(ValidationError, match="Tờ trình đã gửi"):
        services.set_candidates(officer, proposal, people=[staff.lan])
    with pytest.raises(ValidationError, match="Tờ trình đã gửi"):
        services.add_dossier_file(officer, proposal, item=dossier_items(proposal)[0], upload=pdf())


def test_appraisal_refuses_an_ineligible_candidate_and_keeps_what_it_checked(world, staff, submitted):
    admin = world.users["admin"]
    lan = candidate(submitted, staff.lan)
    with pytest.raises(ValidationError, match="Không thể chấp nhận Vũ Thị Lan: Kết quả xét điều kiện"):
        services.appraise_candidate(admin, lan, accept=True)
    with pytest.raises(ValidationError, match="Cần ghi lý do"):
        services.appraise_candidate(admin, lan, accept=False)
    with pytest.raises(PermissionDenied):
        services.appraise_candidate(world.users["officer_a"], lan, accept=False, reason="x")
    services.appraise_candidate(admin, lan, accept=False, reason="Xếp loại năm chưa đạt.")
    lan.refresh_from_db()
    assert lan.appraisal == Appraisal.RETURNED and lan.findings["status"] == "not_eligible"
    assert {c["check"] for c in lan.findings["checks"]} == {"verdict", "dossier", "hold", "duplicate"}
    hung = services.appraise_candidate(admin, candidate(submitted, staff.hung), accept=True)
    assert hung.findings["status"] == "eligible" and all(c["met"] for c in hung.findings["checks"])
    assert AuditEntry.objects.filter(action=Action.CANDIDATE_APPRAISED).count() == 2


def test_a_hold_or_an_earlier_award_for_the_period_bars_acceptance(world, staff, submitted):
    admin = world.users["admin"]
    services.set_hold(admin, staff.hung, kind="under_investigation", start=datetime.date(YEAR, 1, 15))
    with pytest.raises(ValidationError, match="Đang trong diện chưa xét khen thưởng: đang bị điều tra"):
        services.appraise_candidate(admin, candidate(submitted, staff.hung), accept=True)
    hold = staff.hung.award_holds.get()
    services.lift_hold(admin, hold, end=datetime.date(YEAR, 2, 1))
    services.record_past_award(
        admin,
        staff.hung,
        award_code="chien_si_thi_dua_co_so",
        year=YEAR,
        decision=services.DecisionRef(
            issuer_name="Sở Kế hoạch và Đầu tư",
            number=77,
            symbol="QĐ-SKHĐT",
            signed_on=datetime.date(YEAR, 2, 2),
        ),
    )
    with pytest.raises(
        ValidationError, match=f"Đã được Chiến sĩ thi đua cơ sở năm {YEAR} theo quyết định 77/QĐ-SKHĐT"
    ):
        services.appraise_candidate(admin, candidate(submitted, staff.hung), accept=True)


def test_a_missing_dossier_item_bars_acceptance(world, staff):
    proposal = services.create_proposal(
        world.users["officer_a"], unit=world.unit_a, year=YEAR, award_code="chien_si_thi_dua_co_so"
    )
    services.set_candidates(world.users["officer_a"], proposal, people=[staff.hung])
    services.add_dossier_file(
        world.users["officer_a"], proposal, item=dossier_items(proposal)[0], upload=pdf()
    )
    services.submit_proposal(world.users["officer_a"], proposal)
    with pytest.raises(ValidationError, match="Hồ sơ còn thiếu: Báo cáo thành tích"):
        services.appraise_candidate(world.users["admin"], candidate(proposal, staff.hung), accept=True)


def test_returning_the_whole_proposal_and_submitting_again(world, staff, submitted):
    admin, officer = world.users["admin"], world.users["officer_a"]
    services.appraise_candidate(admin, candidate(submitted, staff.hung), accept=True)
    with pytest.raises(ValidationError, match="Cần ghi lý do"):
        services.return_proposal(admin, submitted, reason="  ")
    services.return_proposal(admin, submitted, reason="Bổ sung biên bản họp Hội đồng cơ sở.")
    submitted.refresh_from_db()
    assert submitted.state == ProposalState.RETURNED
    assert f"Tờ trình bị trả lại: {submitted.title}" in notices(officer)
    assert f"Tờ trình bị trả lại: {submitted.title}" in notices(world.users["leader_a"])
    services.set_candidates(officer, submitted, people=[staff.hung])
    services.submit_proposal(officer, submitted)
    assert candidate(submitted, staff.hung).appraisal == Appraisal.PENDING  # the appraisal starts over


def test_sending_to_the_council_opens_its_ballot_with_the_legal_threshold(world, staff, submitted):
    admin = world.users["admin"]
    with pytest.raises(ValidationError, match="Còn trường hợp chưa thẩm định"):
        services.send_to_council(admin, submitted)
    services.appraise_candidate(admin, candidate(submitted, staff.lan), accept=False, reason="Chưa đạt.")
    with pytest.raises(ValidationError, match="Còn trường hợp chưa thẩm định: Phạm Văn Hùng"):
        services.send_to_council(admin, submitted)
    services.appraise_candidate(admin, candidate(submitted, staff.hung), accept=True)
    with pytest.raises(ValidationError, match="phải được Hội đồng bỏ phiếu"):
        services.approve_for_decision(admin, submitted)
    services.send_to_council(admin, submitted)
    submitted.refresh_from_db()
    session = submitted.ballot
    assert submitted.state == ProposalState.IN_COUNCIL
    assert session.roll_kind == RollKind.COUNCIL and session.state == SessionState.OPEN
    assert session.threshold == Decimal("0.8") and session.threshold_base == "roll"
    assert list(session.candidates.values_list("label", flat=True)) == ["Phạm Văn Hùng"]  # Lan stays off
    assert list(session.roll.values_list("person_id", flat=True)) == [world.users["council"].person_id]
    assert any(n.startswith("Mời bỏ phiếu kín") for n in notices(world.users["council"]))
    told = Notice.objects.get(
        recipient=world.users["officer_a"], title__startswith="Tờ trình đã trình Hội đồng"
    )
    assert "Phạm Văn Hùng" in told.body and "Trả lại: Vũ Thị Lan (Chưa đạt.)" in told.body
    with pytest.raises(ValidationError, match="Hội đồng chưa kiểm phiếu xong"):
        services.record_council_result(admin, submitted)


def test_the_council_result_decides_who_goes_to_the_decision(world, staff, ready):
    assert ready.state == ProposalState.READY
    hung = candidate(ready, staff.hung)
    assert (hung.council_votes, hung.council_passed) == (1, True)
    assert candidate(ready, staff.lan).council_passed is None
    assert f"Kết quả Hội đồng: {ready.title}" in notices(world.users["officer_a"])


def test_a_council_that_approves_nobody_closes_the_proposal(world, in_council):
    from tdkt.ballots import services as ballots

    session = in_council.ballot
    ballots.cast_ballot(world.users["council"], session, [])
    ballots.close_session(world.users["admin"], session)
    ballots.count_session(world.users["admin"], session)
    proposal = services.record_council_result(world.users["admin"], in_council)
    assert proposal.state == ProposalState.CLOSED
    with pytest.raises(ValidationError, match="chưa sẵn sàng"):
        services.issue_decision(
            world.users["admin"],
            proposal,
            issuer=world.unit_a,
            signed_on=datetime.date.today(),
            signer_name="A B",
            signer_title="C",
        )


def test_an_award_without_a_council_vote_goes_straight_to_the_decision(world, staff):
    """Bằng khen của Chủ tịch UBND tỉnh: the ruleset sets no council vote; Phòng TĐKT sends it to signature."""
    proposal = services.create_proposal(
        world.users["officer_a"],
        unit=world.unit_a,
        year=YEAR,
        award_code="bang_khen_tinh",
        subject_kind="individual",
    )
    services.set_candidates(world.users["officer_a"], proposal, people=[staff.hung])
    services.add_dossier_file(world.users["officer_a"], proposal, item=services.OTHER_ITEM, upload=pdf())
    services.submit_proposal(world.users["officer_a"], proposal)
    admin = world.users["admin"]
    (check,) = check_candidates(proposal, [candidate(proposal, staff.hung)])
    # no computed route holds (Hùng has one year of history), but the outstanding-achievement routes are
    # judged on the dossier: Phòng TĐKT may accept
    assert check.status == "not_eligible" and not check.blocking
    (verdict,) = [c for c in check.checks if c.check == "verdict"]
    assert verdict.met is None and "còn xét theo hồ sơ" in verdict.text
    services.appraise_candidate(admin, candidate(proposal, staff.hung), accept=True)
    with pytest.raises(ValidationError, match="không quy định Hội đồng bỏ phiếu"):
        services.send_to_council(admin, proposal)
    services.approve_for_decision(admin, proposal)
    assert Proposal.objects.get(pk=proposal.pk).state == ProposalState.READY


def test_the_block_head_proposes_the_flag_for_a_member_unit(world):
    """Unit A heads the block this year: it proposes Cờ thi đua for unit B (a member); unit B cannot, and unit C
    (outside the block) cannot be named."""
    head = world.users["block_head"]
    proposal = services.create_proposal(
        head, unit=world.unit_a, year=YEAR, award_code="co_thi_dua_tinh", block=world.block
    )
    assert proposal.subject_kind == "collective" and proposal.block == world.block
    services.set_candidates(head, proposal, units=[world.unit_b])
    with pytest.raises(ValidationError, match="Sở Y tế"):
        services.set_candidates(head, proposal, units=[world.unit_c])
    with pytest.raises(PermissionDenied, match="Chỉ Khối trưởng"):
        services.create_proposal(
            world.users["officer_b"],
            unit=world.unit_b,
            year=YEAR,
            award_code="co_thi_dua_tinh",
            block=world.block,
        )
    own = services.create_proposal(
        head, unit=world.unit_a, year=YEAR, award_code="tap_the_lao_dong_tien_tien"
    )
    services.set_candidates(head, own, units=[world.unit_a])
    with pytest.raises(ValidationError, match="Sở Tư pháp"):
        services.set_candidates(head, own, units=[world.unit_b])


def test_the_whole_chain_is_in_the_audit_log(world, decided):
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        Action.PROPOSAL_CREATED,
        Action.CANDIDATES_SET,
        Action.DOSSIER_FILE_ADDED,
        Action.PROPOSAL_SUBMITTED,
        Action.CANDIDATE_APPRAISED,
        Action.SENT_TO_COUNCIL,
        Action.COUNCIL_RESULT_RECORDED,
        Action.DECISION_ISSUED,
    } <= actions


def test_a_new_person_of_another_unit_is_not_offered(world):
    other = org_services.create_person(
        SYSTEM, unit=world.unit_b, full_name="Đinh Văn Khác", gender=Gender.MALE
    )
    proposal = make_proposal(world, [world.person_a])
    assert other not in services.eligible_people(proposal)
    assert world.person_a in services.eligible_people(proposal)


def test_a_paper_vote_tells_the_council_members_and_is_counted_in_the_room(world, staff, submitted):
    from tdkt.ballots import services as ballots
    from tdkt.ballots.enums import VotingMode

    admin = world.users["admin"]
    services.appraise_candidate(admin, candidate(submitted, staff.hung), accept=True)
    services.appraise_candidate(admin, candidate(submitted, staff.lan), accept=False, reason="Chưa đạt.")
    services.send_to_council(admin, submitted, mode=VotingMode.PAPER)
    assert f"Hội đồng xét, bỏ phiếu tại phòng họp: {submitted.title}" in notices(world.users["council"])
    submitted.refresh_from_db()
    session = submitted.ballot
    ballots.close_session(admin, session)
    ballots.enter_paper_counts(
        admin, session, present=1, issued=1, valid=1, invalid=0, votes={session.candidates.get().pk: 1}
    )
    assert services.record_council_result(admin, submitted).state == ProposalState.READY
