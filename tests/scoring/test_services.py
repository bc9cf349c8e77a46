"""The scoring services: configuration, bounds and caps, deadlines, phases, conflicts from the structure,
discrepancies and their reconciliation, the close — each refused with a Vietnamese reason and nothing written."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from tdkt.core.actors import SYSTEM
from tdkt.core.models import AuditEntry, Notice
from tdkt.emulation import services as emulation
from tdkt.scoring import services
from tdkt.scoring.enums import Action, RoundState, SheetKind, SheetStatus
from tdkt.scoring.models import Evidence, Reconciliation, ScoreLine, ScoreSheet
from tdkt.scoring.queries import round_inputs, table_rows
from tests.scoring.conftest import TODAY, deadlines, fill, full_points, keys, peer_sheet, self_sheet


def later(days: int) -> datetime.datetime:
    """A moment ``days`` after today (the system's loader may act at a given moment)."""
    return timezone.make_aware(
        datetime.datetime.combine(TODAY + datetime.timedelta(days=days), datetime.time(9))
    )


def messages_of(error: ValidationError) -> str:
    return " ".join(error.value.messages if hasattr(error, "value") else error.messages)


# --- creating and configuring -----------------------------------------------------------------------------------


def test_only_a_signed_pledge_is_scored(block4, year, tree):
    pledge = emulation.create_pledge(SYSTEM, block=block4.block, year=year, targets="x")
    emulation.set_scoring_table(SYSTEM, pledge, tree)
    with pytest.raises(ValidationError, match="giao ước đã ký kết"):
        services.create_round(SYSTEM, pledge, **deadlines())


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [
        ("officer_a", True),
        ("officer_d", True),
        ("admin", True),
        ("officer_b", False),
        ("viewer_a", False),
        ("council", False),
    ],
)
def test_the_block_head_or_phong_tdkt_creates_the_round(world, signed_pledge, persona, allowed):
    if allowed:
        scoring_round = services.create_round(world.users[persona], signed_pledge, **deadlines())
        assert scoring_round.state == RoundState.DRAFT
        assert scoring_round.table_version.number == signed_pledge.table.version
        assert AuditEntry.objects.filter(action=Action.ROUND_CREATED).count() == 1
    else:
        with pytest.raises(PermissionDenied):
            services.create_round(world.users[persona], signed_pledge, **deadlines())


def test_one_round_per_pledge(draft_round, signed_pledge):
    with pytest.raises(ValidationError, match="đã có đợt chấm điểm"):
        services.create_round(SYSTEM, signed_pledge, **deadlines())


@pytest.mark.parametrize(
    ("config", "field", "fragment"),
    [
        ({"formula": "panel"}, "formula", "không dùng được"),
        ({"mode": "panel", "formula": "trimmed_mean"}, "formula", "không dùng được"),
        (
            {"formula": "weighted", "self_weight": "0.4", "peer_weight": "0.5"},
            "self_weight",
            "cộng lại bằng 1",
        ),
        ({"formula": "weighted", "self_weight": "1.5", "peer_weight": "-0.5"}, "self_weight", "từ 0 đến 1"),
        ({"margin": "-1"}, "margin", "không hợp lệ"),
        ({"margin": "120", "margin_unit": "percent"}, "margin", "100%"),
        ({"tie_rules": ["group:IX"]}, "tie_rules", "không có trong bảng"),
        ({"tie_rules": ["fewer_penalties", "fewer_penalties"]}, "tie_rules", "hai lần"),
        ({"tie_rules": ["tallest"]}, "tie_rules", "không có trong bảng"),
        ({"self_deadline": TODAY.replace(year=TODAY.year - 3)}, "self_deadline", "phải trong năm"),
        ({"cross_deadline": TODAY - datetime.timedelta(days=1)}, "cross_deadline", "không được trước"),
    ],
)
def test_a_bad_configuration_is_refused_on_its_field(signed_pledge, config, field, fragment):
    with pytest.raises(ValidationError) as error:
        services.create_round(SYSTEM, signed_pledge, **{**deadlines(), **config})
    assert fragment in " ".join(error.value.message_dict[field])
    assert not signed_pledge.__class__.objects.filter(scoring_round__isnull=False).exists()


def test_the_configuration_changes_only_while_a_draft(draft_round, world):
    services.update_round(
        world.users["officer_a"], draft_round, formula="weighted", self_weight="0,3", peer_weight="0.7"
    )
    draft_round.refresh_from_db()
    assert (draft_round.self_weight, draft_round.peer_weight) == (Decimal("0.30"), Decimal("0.70"))
    services.open_self_scoring(SYSTEM, draft_round)
    with pytest.raises(ValidationError, match="còn là dự thảo"):
        services.update_round(world.users["officer_a"], draft_round, formula="mean")
    with pytest.raises(PermissionDenied):
        services.set_deadlines(world.users["officer_b"], draft_round, **deadlines(30))
    services.set_deadlines(world.users["officer_a"], draft_round, **deadlines(30))
    draft_round.refresh_from_db()
    assert draft_round.self_deadline == TODAY + datetime.timedelta(days=30)


# --- self scoring: bounds, caps, deadlines, locking -------------------------------------------------------------


def test_opening_self_scoring_gives_every_member_a_sheet_and_tells_them(self_round, block4):
    sheets = self_round.sheets.filter(kind=SheetKind.SELF)
    assert {s.unit_id for s in sheets} == {
        block4.unit_a.pk,
        block4.unit_b.pk,
        block4.unit_d.pk,
        block4.unit_e.pk,
    }
    assert Notice.objects.filter(recipient=block4.users["officer_b"], title__contains="Tự chấm điểm").exists()


def test_points_above_a_criterion_s_maximum_are_refused(self_round, world):
    sheet = self_sheet(self_round, world.unit_b)
    names = keys(self_round)
    with pytest.raises(ValidationError) as error:
        services.save_sheet(
            world.users["officer_b"], sheet, points={names["I › 1 › 1.1"]: "10,5", names["II › 3"]: 20}
        )
    text = messages_of(error)
    assert "Tiêu chí I › 1 › 1.1: 10,5 điểm vượt điểm tối đa 10 của tiêu chí." in text
    assert not ScoreLine.objects.filter(sheet=sheet).exists()  # nothing written, not even the valid line
    services.save_sheet(world.users["officer_b"], sheet, points={names["I › 1 › 1.1"]: "10"})
    assert ScoreLine.objects.get(sheet=sheet).points == Decimal(10)


@pytest.mark.parametrize(
    ("points", "fragment"),
    [
        ({"bonus 1": "5"}, "Điểm thưởng 1: 5 điểm vượt mức tối đa 4 của mục."),
        ({"penalty 2": "3,5"}, "Điểm trừ 2: 3,5 điểm vượt mức tối đa 3 của mục."),
        ({"penalty 1": "2", "penalty 2": "3,5"}, "vượt mức tối đa 3"),
        ({"I › 2": "-1"}, "không hợp lệ"),
        ({"I › 2": "7.125"}, "không hợp lệ"),
        ({"I › 2": "bảy"}, "không hợp lệ"),
    ],
)
def test_items_are_bounded_by_their_caps_and_points_must_be_numbers(self_round, world, points, fragment):
    names = keys(self_round)
    with pytest.raises(ValidationError) as error:
        services.save_sheet(
            world.users["officer_b"],
            self_sheet(self_round, world.unit_b),
            points={names[k]: v for k, v in points.items()},
        )
    assert fragment in messages_of(error)


def test_the_table_s_caps_on_bonus_and_penalty_totals(self_round, world, tree):
    # penalty items capped at 2 and 3 each: 2 + 3 = 5 is the table's penalty cap, so allowed; lower the cap.
    sheet = self_sheet(self_round, world.unit_b)
    names = keys(self_round)
    services.save_sheet(
        world.users["officer_b"], sheet, points={names["penalty 1"]: 2, names["penalty 2"]: 3}
    )
    table = self_round.pledge.table
    table.penalty_cap = Decimal(4)
    table.save()  # the test stands in for a table signed with a lower cap
    with pytest.raises(
        ValidationError, match=re.escape("Tổng điểm trừ 5 vượt mức tối đa 4 của bảng chấm điểm.")
    ):
        services.save_sheet(world.users["officer_b"], sheet, points={names["I › 2"]: 20})


def test_unknown_lines_are_refused(self_round, world):
    with pytest.raises(ValidationError, match="không có trong bảng"):
        services.save_sheet(
            world.users["officer_b"], self_sheet(self_round, world.unit_b), points={"c999999": 1}
        )


@pytest.mark.parametrize("persona", ["officer_a", "officer_c", "viewer_a", "council", "admin"])
def test_only_the_unit_s_officers_and_leaders_write_its_self_score(self_round, world, persona):
    with pytest.raises(PermissionDenied):
        services.save_sheet(world.users[persona], self_sheet(self_round, world.unit_b), points={})


def test_submitting_needs_every_criterion_and_locks_the_sheet(self_round, world):
    sheet = self_sheet(self_round, world.unit_b)
    names = keys(self_round)
    services.save_sheet(
        world.users["leader_b"],
        sheet,
        points={names["I › 1 › 1.1"]: 8},
        notes={names["I › 2"]: "Đang rà soát"},
    )
    with pytest.raises(ValidationError, match=re.escape("Chưa chấm 4 tiêu chí: Tiêu chí I › 1 › 1.2")):
        services.submit_sheet(world.users["officer_b"], sheet)
    fill(world.users["officer_b"], sheet, full_points(self_round))
    assert sheet.status == SheetStatus.SUBMITTED
    with pytest.raises(ValidationError, match="Phiếu đã nộp"):
        services.save_sheet(world.users["officer_b"], sheet, points={names["I › 2"]: 1})
    assert ScoreLine.objects.get(sheet=sheet, criterion__code="2").note == "Đang rà soát"
    assert AuditEntry.objects.filter(action=Action.SHEET_SUBMITTED, object_id=str(sheet.pk)).count() == 1
    assert Notice.objects.filter(
        recipient=world.users["officer_a"], title__contains="đã nộp bản tự chấm"
    ).exists()


def test_the_deadline_closes_the_sheet(self_round, world):
    sheet = self_sheet(self_round, world.unit_b)
    with pytest.raises(ValidationError, match="Đã quá hạn tự chấm điểm"):
        services.save_sheet(SYSTEM, sheet, points={}, at=later(11))
    services.save_sheet(SYSTEM, sheet, points={}, at=later(10))  # the deadline day itself still counts


def test_nobody_backdates_or_postdates_a_sheet(self_round, world):
    with pytest.raises(PermissionDenied):
        services.save_sheet(
            world.users["officer_b"], self_sheet(self_round, world.unit_b), points={}, at=later(1)
        )


def test_evidence_files_and_links_on_the_self_score(self_round, world):
    sheet = self_sheet(self_round, world.unit_b)
    criterion = next(r.criterion for r in table_rows(self_round) if r.kind == "criterion")
    user = world.users["officer_b"]
    pdf = SimpleUploadedFile("Báo cáo kết quả.pdf", b"%PDF-1.4 minh chung", content_type="application/pdf")
    evidence = services.add_evidence_file(user, sheet, criterion, upload=pdf)
    assert evidence.title == "Báo cáo kết quả" and evidence.file.name.startswith(
        f"scoring/{self_round.year}/"
    )
    link = services.add_evidence_link(
        user, sheet, criterion, url="https://vanlinh.gov.vn/tin-tuc/123", title=""
    )
    assert link.title == "vanlinh.gov.vn"
    with pytest.raises(ValidationError, match="không khớp với đuôi"):
        services.add_evidence_file(user, sheet, criterion, upload=SimpleUploadedFile("x.pdf", b"MZ\x90\x00"))
    with pytest.raises(ValidationError, match="không hợp lệ"):
        services.add_evidence_link(user, sheet, criterion, url="javascript:alert(1)")
    heading = next(r.criterion for r in table_rows(self_round) if r.kind == "heading")
    with pytest.raises(ValidationError, match="tiêu chí không có tiêu chí con"):
        services.add_evidence_link(user, sheet, heading, url="https://vanlinh.gov.vn/")
    with pytest.raises(PermissionDenied):
        services.add_evidence_link(world.users["officer_a"], sheet, criterion, url="https://vanlinh.gov.vn/")
    services.remove_evidence(user, link)
    assert list(Evidence.objects.filter(sheet=sheet)) == [evidence]
    assert AuditEntry.objects.filter(action=Action.EVIDENCE_REMOVED).count() == 1


# --- cross scoring ----------------------------------------------------------------------------------------------


def test_cross_scoring_waits_for_every_self_score_until_the_deadline(self_round, world):
    fill(world.users["officer_b"], self_sheet(self_round, world.unit_b), full_points(self_round))
    with pytest.raises(ValidationError, match="Còn 3 đơn vị chưa nộp bản tự chấm điểm"):
        services.open_cross_scoring(world.users["officer_a"], self_round)
    services.open_cross_scoring(SYSTEM, self_round, at=later(11))
    self_round.refresh_from_db()
    assert self_round.state == RoundState.CROSS_SCORING
    # a late unit can no longer write its self score
    with pytest.raises(ValidationError, match="giai đoạn chấm chéo"):
        services.save_sheet(world.users["officer_e"], self_sheet(self_round, world.unit_e), points={})


def test_every_member_scores_every_other_member_never_itself(cross_round, world):
    peer = cross_round.sheets.filter(kind=SheetKind.PEER)
    members = [world.unit_a, world.unit_b, world.unit_d, world.unit_e]
    assert {(s.scorer_unit_id, s.unit_id) for s in peer} == {
        (a.pk, b.pk) for a in members for b in members if a != b
    }
    assert Notice.objects.filter(recipient=world.users["officer_e"], title__contains="Chấm chéo").exists()


def test_the_database_refuses_a_sheet_of_a_unit_on_itself(cross_round, world):
    with pytest.raises(IntegrityError), transaction.atomic():
        ScoreSheet.objects.create(
            round=cross_round, kind=SheetKind.PEER, unit=world.unit_b, scorer_unit=world.unit_b
        )


def test_a_unit_does_not_score_a_unit_it_belongs_to(self_round, world):
    world.unit_e.parent = world.unit_b
    world.unit_e.save()
    for unit in (world.unit_a, world.unit_b, world.unit_d, world.unit_e):
        fill(SYSTEM, self_sheet(self_round, unit), full_points(self_round))
    services.open_cross_scoring(SYSTEM, self_round)
    pairs = set(self_round.sheets.filter(kind=SheetKind.PEER).values_list("scorer_unit_id", "unit_id"))
    assert (world.unit_b.pk, world.unit_e.pk) not in pairs and (world.unit_e.pk, world.unit_b.pk) not in pairs
    assert (world.unit_a.pk, world.unit_e.pk) in pairs and len(pairs) == 10


def test_panel_mode_the_head_deputy_and_council_member_score(make_round, world):
    scoring_round = make_round(mode="panel", formula="panel")
    services.open_self_scoring(SYSTEM, scoring_round)
    for unit in (world.unit_a, world.unit_b, world.unit_d, world.unit_e):
        fill(SYSTEM, self_sheet(scoring_round, unit), full_points(scoring_round))
    services.open_cross_scoring(SYSTEM, scoring_round)
    council_person = world.users["council"].person_id
    pairs = set(
        scoring_round.sheets.filter(kind=SheetKind.PEER).values_list(
            "scorer_unit_id", "scorer_person_id", "unit_id"
        )
    )
    a, d = world.unit_a.pk, world.unit_d.pk
    assert pairs == {
        (a, None, world.unit_b.pk),
        (a, None, d),
        (a, None, world.unit_e.pk),
        (d, None, a),
        (d, None, world.unit_b.pk),
        (d, None, world.unit_e.pk),
        *((None, council_person, u.pk) for u in (world.unit_a, world.unit_b, world.unit_d, world.unit_e)),
    }
    sheet = scoring_round.sheets.get(scorer_person_id=council_person, unit=world.unit_b)
    fill(world.users["council"], sheet, full_points(scoring_round, "0.5"))
    with pytest.raises(PermissionDenied):
        services.save_sheet(world.users["officer_b"], sheet, points={})


def test_peer_points_are_bounded_too_and_the_cross_deadline_holds(cross_round, world):
    sheet = peer_sheet(cross_round, world.unit_b, world.unit_a)
    names = keys(cross_round)
    with pytest.raises(ValidationError, match="vượt điểm tối đa 30"):
        services.save_sheet(world.users["officer_b"], sheet, points={names["I › 2"]: 31})
    with pytest.raises(ValidationError, match="Đã quá hạn chấm chéo"):
        services.save_sheet(SYSTEM, sheet, points={}, at=later(21))


# --- discrepancies, reconciliation, the close -------------------------------------------------------------------


@pytest.fixture
def flagged_round(cross_round, world):
    """Everyone scores everyone at 80 %, except that every scorer gives B only 40 % on I › 2 (B claimed 24/30)."""
    names = keys(cross_round)
    for sheet in cross_round.sheets.filter(kind=SheetKind.PEER):
        points = full_points(cross_round)
        if sheet.unit_id == world.unit_b.pk:
            points[names["I › 2"]] = 12
        fill(SYSTEM, sheet, points)
    return cross_round


def test_a_criterion_is_flagged_when_self_and_peers_differ_by_more_than_the_margin(flagged_round, world):
    flags = round_inputs(flagged_round).flags
    assert [(f.unit, f.row.path, f.self_points, f.peer_points, f.limit) for f in flags] == [
        (world.unit_b, "I › 2", Decimal(24), Decimal(12), Decimal(5))
    ]


def test_closing_is_refused_while_a_flag_is_not_reconciled(flagged_round, world):
    with pytest.raises(
        ValidationError,
        match="Còn 1 chênh lệch điểm chưa được Khối trưởng xử lý: Sở Tư pháp — Tiêu chí I › 2",
    ):
        services.close_scoring(world.users["officer_a"], flagged_round)
    assert not flagged_round.final_scores.exists()


def test_the_head_reconciles_with_a_reason_and_may_agree_points(flagged_round, world):
    criterion = next(r.criterion for r in table_rows(flagged_round) if r.path == "I › 2")
    head = world.users["officer_a"]
    with pytest.raises(ValidationError, match="Cần ghi lý do"):
        services.reconcile(head, flagged_round, world.unit_b, criterion, reason="  ")
    with pytest.raises(ValidationError, match="vượt điểm tối đa 30"):
        services.reconcile(head, flagged_round, world.unit_b, criterion, reason="x", points="31")
    with pytest.raises(PermissionDenied):
        services.reconcile(world.users["officer_b"], flagged_round, world.unit_b, criterion, reason="x")
    other = next(r.criterion for r in table_rows(flagged_round) if r.path == "II › 3")
    with pytest.raises(ValidationError, match="không có chênh lệch"):
        services.reconcile(head, flagged_round, world.unit_b, other, reason="x")
    services.reconcile(
        head, flagged_round, world.unit_b, criterion, reason="Minh chứng chưa đủ: lấy 18 điểm.", points="18"
    )
    entry = AuditEntry.objects.get(action=Action.DISCREPANCY_RECONCILED)
    assert entry.after["reason"] == "Minh chứng chưa đủ: lấy 18 điểm." and entry.after["points"] == "18.00"
    services.close_scoring(head, flagged_round)
    final = flagged_round.final_scores.get(unit=world.unit_b)
    assert final.result["values"][f"c{criterion.pk}"] == "18.00"
    assert final.labels["reconciled"] == {f"c{criterion.pk}": "Minh chứng chưa đủ: lấy 18 điểm."}
    assert final.total == Decimal("74.00")  # 8 + 16 + 18 (agreed) + 20 + 12


def test_a_reconciliation_lapses_when_a_late_sheet_changes_the_numbers(cross_round, world):
    names = keys(cross_round)
    late = peer_sheet(cross_round, world.unit_e, world.unit_b)
    for sheet in cross_round.sheets.filter(kind=SheetKind.PEER).exclude(pk=late.pk):
        points = full_points(cross_round)
        if sheet.unit_id == world.unit_b.pk:
            points[names["I › 2"]] = 12
        fill(SYSTEM, sheet, points)
    criterion = next(r.criterion for r in table_rows(cross_round) if r.path == "I › 2")
    services.reconcile(
        world.users["officer_a"], cross_round, world.unit_b, criterion, reason="Theo chấm chéo"
    )
    assert round_inputs(cross_round).open_flags == []
    points = full_points(cross_round)
    points[names["I › 2"]] = 3
    fill(world.users["officer_e"], late, points)
    flag = round_inputs(cross_round).flags[0]
    assert flag.is_stale and flag.peer_points == Decimal(9)
    with pytest.raises(ValidationError, match="chưa được Khối trưởng xử lý"):
        services.close_scoring(world.users["officer_a"], cross_round)
    services.reconcile(
        world.users["officer_a"], cross_round, world.unit_b, criterion, reason="Theo chấm chéo, đủ phiếu"
    )
    assert Reconciliation.objects.get().peer_points == Decimal(9)
    services.close_scoring(world.users["officer_a"], cross_round)


def test_closing_waits_for_missing_sheets_until_the_deadline(cross_round, world):
    skipped = peer_sheet(cross_round, world.unit_e, world.unit_b)
    for sheet in cross_round.sheets.filter(kind=SheetKind.PEER).exclude(pk=skipped.pk):
        fill(SYSTEM, sheet, full_points(cross_round))
    with pytest.raises(
        ValidationError, match=r"Còn 1 phiếu chấm chéo chưa nộp.*Thanh tra tỉnh chấm Sở Tư pháp"
    ):
        services.close_scoring(world.users["officer_a"], cross_round)
    services.close_scoring(SYSTEM, cross_round, at=later(21))
    final = cross_round.final_scores.get(unit=world.unit_b)
    assert len(final.inputs["peers"]) == 2 and final.labels["missing"] == ["Thanh tra tỉnh"]


def test_a_unit_without_any_submitted_peer_sheet_blocks_the_close(cross_round, world):
    for sheet in cross_round.sheets.filter(kind=SheetKind.PEER).exclude(unit=world.unit_b):
        fill(SYSTEM, sheet, full_points(cross_round))
    with pytest.raises(ValidationError, match="Chưa có phiếu chấm chéo nào được nộp cho: Sở Tư pháp"):
        services.close_scoring(SYSTEM, cross_round, at=later(21))


def test_transitions_follow_the_states_and_each_writes_one_audit_entry(draft_round, world):
    head = world.users["officer_a"]
    with pytest.raises(ValidationError, match="giai đoạn tự chấm điểm"):
        services.open_cross_scoring(head, draft_round)
    with pytest.raises(ValidationError, match="giai đoạn chấm chéo"):
        services.close_scoring(head, draft_round)
    with pytest.raises(PermissionDenied):
        services.open_self_scoring(world.users["officer_b"], draft_round)
    services.open_self_scoring(head, draft_round)
    with pytest.raises(ValidationError, match="mở tự chấm điểm rồi"):
        services.open_self_scoring(head, draft_round)
    for unit in (world.unit_a, world.unit_b, world.unit_d, world.unit_e):
        fill(SYSTEM, self_sheet(draft_round, unit), full_points(draft_round))
    services.open_cross_scoring(world.users["admin"], draft_round)
    for sheet in draft_round.sheets.filter(kind=SheetKind.PEER):
        fill(SYSTEM, sheet, full_points(draft_round))
    services.close_scoring(head, draft_round)
    draft_round.refresh_from_db()
    assert draft_round.state == RoundState.CLOSED and draft_round.closed_by == head
    for action in (Action.SELF_SCORING_OPENED, Action.CROSS_SCORING_OPENED, Action.SCORING_CLOSED):
        assert AuditEntry.objects.filter(action=action, object_id=str(draft_round.pk)).count() == 1
    closing = AuditEntry.objects.get(action=Action.SCORING_CLOSED)
    assert [row["rank"] for row in closing.after["ranking"]] == [1, 1, 1, 1]
    assert Notice.objects.filter(
        recipient=world.users["officer_e"], title__contains="Kết quả chấm điểm"
    ).exists()
    assert Notice.objects.filter(
        recipient=world.users["council"], title__contains="Kết quả chấm điểm"
    ).exists()
    with pytest.raises(ValidationError, match="đã kết thúc"):
        services.set_deadlines(head, draft_round, **deadlines(40))
