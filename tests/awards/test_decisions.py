"""Decisions: numbered from the issuer's register, the register written with each bonus, never changed once
issued (a correction is a new decision referring to the first)."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from tdkt.accounts.models import User
from tdkt.awards import catalogue, services
from tdkt.awards.enums import DecisionKind, ProposalState
from tdkt.awards.models import AwardRecord, Cancellation, Decision, ImmutableError
from tdkt.awards.queries import register_for_user
from tdkt.awards.services.decisions import price
from tdkt.awards.services.history import new_record
from tdkt.core.enums import Role
from tdkt.core.models import Notice
from tdkt.core.numbering import take_number

from .conftest import YEAR, issue, pdf


def test_issuing_numbers_the_decision_writes_the_register_and_computes_the_bonus(world, staff, decided):
    assert decided.reference == "01/QĐ-SKHĐT" and decided.year == timezone.localdate().year
    assert decided.kind == DecisionKind.TITLE and not decided.external
    assert decided.summary == f"Về việc công nhận danh hiệu Chiến sĩ thi đua cơ sở năm {YEAR}"
    assert decided.ruleset == "luat-06-2022+nd-152-2025"
    (record,) = decided.records.all()
    assert (record.person, record.subject_name, record.unit_name) == (
        staff.hung,
        "Phạm Văn Hùng",
        "Sở Kế hoạch và Đầu tư",
    )
    # 1.0 × 2,530,000 (base salary from 01/07/2026; Nghị định 152/2025, Điều 49–50)
    assert (str(record.coefficient), record.base_salary, record.bonus) == ("1.00", 2_530_000, 2_530_000)
    assert decided.proposal.state == ProposalState.DECIDED


def test_the_bonus_uses_the_base_salary_in_force_on_the_decision_date(world, staff):
    def priced(day: datetime.date) -> int | None:
        (record,) = [new_record(staff.hung, "lao_dong_tien_tien", 2025)]
        price([record], day)
        return record.bonus

    assert priced(datetime.date(2025, 12, 20)) == 710_000  # 0.3 × 2,340,000 = 702,000, rounded up
    assert priced(datetime.date(2026, 7, 1)) == 760_000  # 0.3 × 2,530,000 = 759,000, rounded up
    with pytest.raises(ValidationError, match="Không có bộ quy tắc"):
        priced(datetime.date(2019, 5, 1))


def test_the_same_period_pays_only_the_highest_title(world, staff):
    records = [
        new_record(staff.hung, "lao_dong_tien_tien", 2025),
        new_record(staff.hung, "chien_si_thi_dua_co_so", 2025),
    ]
    price(records, datetime.date(2025, 12, 20))
    assert [r.bonus for r in records] == [0, 2_340_000]
    assert "chỉ nhận tiền thưởng của danh hiệu cao nhất" in records[0].bonus_note


def test_numbers_continue_per_issuer_and_restart_elsewhere(world, staff, ready):
    with transaction.atomic():
        assert take_number(world.unit_a, "QĐ", timezone.localdate().year) == 1  # another document took 01
    assert issue(world, ready).number == 2
    officer, admin = world.users["officer_a"], world.users["admin"]
    proposal = services.create_proposal(
        officer, unit=world.unit_a, year=YEAR, award_code="bang_khen_tinh", subject_kind="individual"
    )
    services.set_candidates(officer, proposal, people=[staff.lan])
    services.add_dossier_file(officer, proposal, item=services.OTHER_ITEM, upload=pdf())
    services.submit_proposal(officer, proposal)
    services.appraise_candidate(admin, proposal.candidates.get(), accept=True)
    services.approve_for_decision(admin, proposal)
    other = services.issue_decision(
        admin,
        proposal,
        issuer=world.unit_b,
        signed_on=timezone.localdate(),
        signer_name="Trần Văn Ký",
        signer_title="Giám đốc",
    )
    assert other.reference == "01/QĐ-STP" and other.kind == DecisionKind.COMMENDATION
    assert other.summary == f"Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh năm {YEAR}"
    assert other.records.get().bonus == 3_800_000  # 1.5 × 2,530,000 = 3,795,000, rounded up


def test_issued_decisions_and_entries_never_change(world, decided):
    record = decided.records.get()
    decided.summary = "sửa"
    with pytest.raises(ImmutableError):
        decided.save()
    with pytest.raises(ImmutableError):
        decided.delete()
    with pytest.raises(ImmutableError):
        Decision.objects.filter(pk=decided.pk).update(summary="sửa")
    with pytest.raises(ImmutableError):
        Decision.objects.all().delete()
    record.bonus = 1
    with pytest.raises(ImmutableError):
        record.save()
    with pytest.raises(ImmutableError):
        AwardRecord.objects.update(bonus=1)
    for table, column in (("awards_decision", "summary"), ("awards_awardrecord", "subject_name")):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"UPDATE {table} SET {column} = 'sửa'")  # the database refuses too
    decided.refresh_from_db()
    assert decided.summary.startswith("Về việc") and AwardRecord.objects.get().bonus == 2_530_000


def test_a_correction_is_a_new_decision_that_cancels_entries(world, staff, decided):
    record = decided.records.get()
    admin = world.users["admin"]
    with pytest.raises(ValidationError, match="Cần ghi lý do"):
        services.issue_correction(
            admin,
            decided,
            cancel=[record],
            reason="",
            signed_on=decided.signed_on,
            signer_name="A B",
            signer_title="C",
        )
    with pytest.raises(PermissionDenied):
        services.issue_correction(
            world.users["officer_a"],
            decided,
            cancel=[record],
            reason="x",
            signed_on=decided.signed_on,
            signer_name="A B",
            signer_title="C",
        )
    Notice.objects.all().delete()
    correction = services.issue_correction(
        admin,
        decided,
        cancel=[record],
        add=[(world.person_a, "chien_si_thi_dua_co_so", YEAR)],
        reason="Ghi nhầm người được công nhận.",
        signed_on=decided.signed_on,
        signer_name="Nguyễn Văn Ký",
        signer_title="Giám đốc",
    )
    assert (
        correction.kind == DecisionKind.CORRECTION
        and correction.corrects == decided
        and correction.number == 2
    )
    assert (
        correction.summary
        == f"Về việc đính chính Quyết định số 01/QĐ-SKHĐT ngày {decided.signed_on:%d/%m/%Y}"
    )
    assert Cancellation.objects.get().record == record
    (added,) = correction.records.all()
    assert added.person == world.person_a and added.bonus == 2_530_000
    standing = register_for_user(admin)
    assert list(standing.values_list("subject_name", flat=True)) == ["Đặng Thị Ánh Tuyết"]
    decided.refresh_from_db()  # the first decision itself is unchanged
    assert decided.records.count() == 1
    with pytest.raises(ValidationError, match="Đã bị hủy trước đó"):
        services.issue_correction(
            admin,
            decided,
            cancel=[record],
            reason="lại",
            signed_on=decided.signed_on,
            signer_name="A B",
            signer_title="C",
        )
    told = set(Notice.objects.values_list("recipient__username", flat=True))
    assert {"canbo.a", "lanhdao.a"} <= told


def test_an_external_decision_is_not_corrected_here(world, past):
    with pytest.raises(PermissionDenied, match="ban hành trên hệ thống"):
        services.issue_correction(
            world.users["admin"],
            past,
            cancel=list(past.records.all()),
            reason="x",
            signed_on=past.signed_on,
            signer_name="A B",
            signer_title="C",
        )


def test_issuing_tells_the_unit_and_the_recipient(world, staff, ready):
    hung_user = User.objects.create(username="hung", role=Role.VIEWER, unit=world.unit_a, person=staff.hung)
    Notice.objects.all().delete()
    decision = issue(world, ready)
    told = set(Notice.objects.values_list("recipient__username", flat=True))
    assert told == {"canbo.a", "lanhdao.a", hung_user.username}
    assert (
        Notice.objects.filter(title=f"Quyết định công nhận danh hiệu thi đua số {decision.reference}").count()
        == 3
    )


def test_issue_checks_the_signature_and_an_earlier_award(world, staff, ready):
    admin = world.users["admin"]
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError, match="không được sau hôm nay"):
        services.issue_decision(
            admin, ready, issuer=world.unit_a, signed_on=tomorrow, signer_name="A B", signer_title="C"
        )
    with pytest.raises(ValidationError, match="Cần nhập người ký"):
        services.issue_decision(
            admin,
            ready,
            issuer=world.unit_a,
            signed_on=timezone.localdate(),
            signer_name="",
            signer_title="C",
        )
    with pytest.raises(PermissionDenied):
        services.issue_decision(
            world.users["officer_a"],
            ready,
            issuer=world.unit_a,
            signed_on=timezone.localdate(),
            signer_name="A B",
            signer_title="C",
        )
    services.record_past_award(
        admin,
        staff.hung,
        award_code="chien_si_thi_dua_co_so",
        year=YEAR,
        decision=services.DecisionRef(
            issuer_name="Sở Kế hoạch và Đầu tư", number=90, symbol="QĐ-SKHĐT", signed_on=timezone.localdate()
        ),
    )
    with pytest.raises(ValidationError, match="Phạm Văn Hùng đã được Chiến sĩ thi đua cơ sở"):
        issue(world, ready)
    assert not Decision.objects.filter(external=False).exists()
    with transaction.atomic():  # the failed issue gave its number back
        assert take_number(world.unit_a, "QĐ", timezone.localdate().year) == 1


def test_decisions_give_a_flag_and_recognise_a_title():
    """Trích yếu and Điều 1 agree: "Về việc tặng Cờ thi đua…" (a flag is given), "công nhận danh hiệu" a title."""
    assert catalogue.decision_verb("co_thi_dua_tinh") == "tặng"
    assert catalogue.decision_verb("bang_khen_tinh") == "tặng"
    assert catalogue.decision_verb("chien_si_thi_dua_co_so") == "công nhận danh hiệu"
    assert catalogue.decision_verb("tap_the_lao_dong_xuat_sac") == "công nhận danh hiệu"


def test_a_flag_is_a_title_decision_worded_as_given():
    """The Flag is a title (Luật 06/2022, Điều 26): its decision's kind is TITLE, though it reads "tặng"."""
    assert catalogue.award_kind("co_thi_dua_tinh") == "title"
    assert not catalogue.is_recognised("co_thi_dua_tinh")
    assert catalogue.is_recognised("chien_si_thi_dua_co_so")
