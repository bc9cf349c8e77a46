"""Pledges: who drafts and edits them, versions of the scoring table, the copy from last year, signing, the lock.

State machine: draft → open_for_signing → signed. Only the block head (or deputy) of that block and year, or
Phòng TĐKT, edits a draft; nobody edits after opening; a signed pledge is locked for everyone.
"""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from tdkt.core.actors import SYSTEM
from tdkt.core.enums import Role
from tdkt.core.models import AuditEntry, Notice
from tdkt.emulation import services
from tdkt.emulation.enums import Action, PledgeStatus
from tdkt.emulation.models import Criterion, Pledge, PledgeSignature, ScoringTableVersion
from tdkt.emulation.queries import table_snapshot
from tdkt.org import services as org_services
from tdkt.org.enums import MembershipRole
from tests.conftest import make_user


def _state(pledge):
    pledge.refresh_from_db()
    return (
        pledge.status,
        pledge.title,
        pledge.targets,
        pledge.table.version,
        table_snapshot(pledge.table),
        PledgeSignature.objects.filter(pledge=pledge).count(),
    )


# --- who drafts ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [
        ("admin", True),
        ("block_head", True),  # officer of unit A, head of the block this year
        ("leader_a", True),
        ("viewer_a", False),  # a viewer acts for no one
        ("officer_b", False),  # a member, not the head
        ("officer_c", False),
        ("council", False),
    ],
)
def test_who_may_create_the_pledge(world, year, persona, allowed):
    user = world.users[persona]
    if allowed:
        pledge = services.create_pledge(user, block=world.block, year=year)
        assert pledge.title == f"Giao ước thi đua năm {year}" and pledge.status == PledgeStatus.DRAFT
        assert pledge.table.version == 0
        assert AuditEntry.objects.filter(action=Action.PLEDGE_CREATED, object_id=str(pledge.pk)).exists()
    else:
        with pytest.raises(PermissionDenied):
            services.create_pledge(user, block=world.block, year=year)
        assert not Pledge.objects.exists()


def test_the_deputy_stands_in_for_the_head(world, year, draft_pledge):
    unit_d = world.unit_c
    org_services.set_membership(SYSTEM, block=world.block, unit=unit_d, year=year, role=MembershipRole.DEPUTY)
    services.update_pledge(
        world.users["officer_c"], draft_pledge, title="Giao ước sửa bởi Khối phó", targets="X"
    )
    assert Pledge.objects.get().title == "Giao ước sửa bởi Khối phó"


def test_last_years_head_is_not_this_years_head(world, year, draft_pledge):
    org_services.set_membership(
        SYSTEM, block=world.block, unit=world.unit_b, year=year - 1, role=MembershipRole.HEAD
    )
    with pytest.raises(PermissionDenied):
        services.update_pledge(world.users["officer_b"], draft_pledge, title="Không được", targets="X")


def test_one_pledge_per_block_and_year(world, year, draft_pledge):
    with pytest.raises(ValidationError) as caught:
        services.create_pledge(world.users["admin"], block=world.block, year=year)
    assert caught.value.messages == [f"{world.block.name} đã có giao ước thi đua năm {year}."]
    assert Pledge.objects.count() == 1


def test_signing_deadline_must_be_in_the_pledge_year(world, year):
    with pytest.raises(ValidationError) as caught:
        services.create_pledge(
            world.users["admin"], block=world.block, year=year, signing_deadline=datetime.date(year + 1, 1, 5)
        )
    assert "Hạn ký kết phải trong năm" in caught.value.messages[0]
    assert not Pledge.objects.exists()


# --- the scoring table and its versions ----------------------------------------------------------------------


def test_each_save_of_the_table_is_a_version_with_its_snapshot(world, draft_pledge, tree):
    head = world.users["block_head"]
    assert draft_pledge.table.version == 1
    tree["criteria"][0]["children"][1]["name"] = "Cải cách hành chính"
    second = services.set_scoring_table(head, draft_pledge, tree, note="Sửa theo góp ý")
    assert second.number == 2 and second.note == "Sửa theo góp ý" and second.created_by == head
    assert second.snapshot["criteria"][0]["children"][1]["name"] == "Cải cách hành chính"
    first = ScoringTableVersion.objects.get(table=draft_pledge.table, number=1)
    assert first.snapshot["criteria"][0]["children"][1]["name"] == "Cải cách hành chính, chuyển đổi số"
    # the rows follow the latest version, in printed order with their depth
    rows = list(
        Criterion.objects.filter(table=draft_pledge.table).values_list("code", "depth", "parent__code")
    )
    assert rows == [
        ("I", 1, None),
        ("1", 2, "I"),
        ("1.1", 3, "1"),
        ("1.2", 3, "1"),
        ("2", 2, "I"),
        ("II", 1, None),
        ("3", 2, "II"),
        ("4", 2, "II"),
    ]
    assert table_snapshot(draft_pledge.table) == second.snapshot


def test_saving_the_same_table_again_is_no_new_version(world, draft_pledge, tree):
    before = AuditEntry.objects.count()
    version = services.set_scoring_table(world.users["block_head"], draft_pledge, tree)
    assert version.number == 1
    assert ScoringTableVersion.objects.count() == 1 and AuditEntry.objects.count() == before


def test_a_table_whose_maxima_do_not_add_up_is_refused_and_nothing_changes(world, draft_pledge, tree):
    before = _state(draft_pledge)
    tree["criteria"][1]["max_points"] = 45
    with pytest.raises(ValidationError) as caught:
        services.set_scoring_table(world.users["block_head"], draft_pledge, tree)
    assert "Tiêu chí II: điểm tối đa (45) phải bằng tổng điểm tối đa của các tiêu chí con (40)." in (
        caught.value.messages
    )
    assert _state(draft_pledge) == before


@pytest.mark.parametrize("persona", ["officer_b", "viewer_a", "council", "officer_c"])
def test_only_the_block_head_or_admin_edits_the_table(world, draft_pledge, tree, persona):
    user = world.users[persona]
    before = _state(draft_pledge)
    with pytest.raises(PermissionDenied):
        services.set_scoring_table(user, draft_pledge, tree)
    assert _state(draft_pledge) == before


# --- copy from last year --------------------------------------------------------------------------------------


def test_copy_from_last_year(world, year, tree):
    org_services.set_membership(SYSTEM, block=world.block, unit=world.unit_b, year=year - 1)
    last = services.create_pledge(SYSTEM, block=world.block, year=year - 1, targets="Chỉ tiêu năm trước")
    services.set_scoring_table(SYSTEM, last, tree)
    services.open_for_signing(SYSTEM, last, at=datetime.datetime(year - 1, 2, 1, tzinfo=datetime.UTC))
    pledge = services.copy_pledge_from(
        world.users["block_head"], last, year, signing_deadline=datetime.date(year, 3, 31)
    )
    assert pledge.copied_from == last and pledge.block == world.block and pledge.year == year
    assert pledge.targets == "Chỉ tiêu năm trước" and pledge.title == f"Giao ước thi đua năm {year}"
    assert pledge.status == PledgeStatus.DRAFT and pledge.signing_deadline == datetime.date(year, 3, 31)
    assert table_snapshot(pledge.table) == table_snapshot(last.table)
    version = pledge.table.versions.get()
    assert version.number == 1 and version.note == f"Sao chép từ giao ước năm {year - 1}"
    entry = AuditEntry.objects.get(action=Action.PLEDGE_COPIED)
    assert entry.actor == world.users["block_head"] and entry.after["table_version"] == 1
    # the copy is independent: amending it leaves last year's table as it was
    tree["bonus_cap"] = 4
    tree["bonus_items"][0]["cap"] = 4
    services.set_scoring_table(world.users["block_head"], pledge, {**tree, "bonus_cap": 3, "bonus_items": []})
    assert table_snapshot(last.table)["bonus_cap"] == "5"


def test_copy_only_from_an_earlier_year(world, year, draft_pledge):
    with pytest.raises(ValidationError):
        services.copy_pledge_from(world.users["admin"], draft_pledge, year)


# --- opening, signing, locking --------------------------------------------------------------------------------


def test_opening_needs_targets_criteria_and_members(world, year):
    pledge = services.create_pledge(world.users["block_head"], block=world.block, year=year)
    with pytest.raises(ValidationError) as caught:
        services.open_for_signing(world.users["block_head"], pledge)
    assert caught.value.messages == [
        "Giao ước chưa có chỉ tiêu, nhiệm vụ thi đua.",
        "Bảng chấm điểm chưa có tiêu chí nào.",
    ]
    pledge.refresh_from_db()
    assert pledge.status == PledgeStatus.DRAFT


def test_opening_notifies_the_officers_and_leaders_of_every_member(
    world, year, draft_pledge, leader_b, django_capture_on_commit_callbacks
):
    world.users["officer_b"].email = "canbo.b@example.org"
    world.users["officer_b"].save()
    with django_capture_on_commit_callbacks(execute=True):
        services.open_for_signing(world.users["block_head"], draft_pledge)
    draft_pledge.refresh_from_db()
    assert draft_pledge.status == PledgeStatus.OPEN_FOR_SIGNING and draft_pledge.opened_at is not None
    told = set(Notice.objects.values_list("recipient__username", flat=True))
    assert told == {"canbo.a", "lanhdao.a", "canbo.b", "lanhdao.b"}  # not the viewer, not unit C
    assert Notice.objects.first().title == f"Mời ký giao ước thi đua năm {year} — {world.block.name}"
    assert [m.to for m in mail.outbox] == [["canbo.b@example.org"]]


def test_nobody_edits_a_pledge_open_for_signing(world, open_pledge, tree):
    before = _state(open_pledge)
    for persona in ("admin", "block_head"):
        with pytest.raises(ValidationError) as caught:
            services.set_scoring_table(world.users[persona], open_pledge, tree)
        assert "đang trong thời gian ký kết" in caught.value.messages[0]
        with pytest.raises(ValidationError):
            services.update_pledge(world.users[persona], open_pledge, title="Sửa", targets="Sửa")
    assert _state(open_pledge) == before


def test_signing_records_who_and_when_and_tells_the_block_head(world, open_pledge, year):
    signature = services.sign_pledge(world.users["officer_b"], open_pledge)
    assert signature.unit == world.unit_b and signature.signed_by == world.users["officer_b"]
    assert signature.signer_name == "canbo.b" and signature.signed_at is not None
    assert set(
        Notice.objects.filter(title__contains="đã ký").values_list("recipient__username", flat=True)
    ) == {
        "canbo.a",
        "lanhdao.a",
    }
    assert Notice.objects.filter(title=f"Sở Tư pháp đã ký giao ước thi đua năm {year} (1/2)").exists()
    assert AuditEntry.objects.filter(action=Action.PLEDGE_SIGNED, summary="Sở Tư pháp").exists()


def test_a_duplicate_signature_is_refused_and_nothing_is_written(world, open_pledge, leader_b):
    services.sign_pledge(world.users["officer_b"], open_pledge)
    before = (AuditEntry.objects.count(), Notice.objects.count(), _state(open_pledge))
    with pytest.raises(ValidationError) as caught:
        services.sign_pledge(leader_b, open_pledge)
    message = caught.value.messages[0]
    assert message.startswith("Sở Tư pháp đã ký giao ước này lúc ")
    assert message.endswith("(canbo.b). Mỗi đơn vị chỉ ký một lần.")
    assert (AuditEntry.objects.count(), Notice.objects.count(), _state(open_pledge)) == before


@pytest.mark.parametrize(
    ("persona", "error"),
    [
        ("viewer_a", PermissionDenied),  # a viewer does not sign for the unit
        ("officer_c", PermissionDenied),  # not a member of the block
        ("council", PermissionDenied),
        ("admin", PermissionDenied),  # Phòng TĐKT is not a member unit
    ],
)
def test_only_members_officers_and_leaders_sign(world, open_pledge, persona, error):
    with pytest.raises(error):
        services.sign_pledge(world.users[persona], open_pledge)
    assert not PledgeSignature.objects.exists()


def test_a_user_signs_only_for_their_own_unit(world, open_pledge):
    with pytest.raises(PermissionDenied):
        services.sign_pledge(world.users["officer_a"], open_pledge, unit=world.unit_b)
    assert not PledgeSignature.objects.exists()


def test_a_draft_cannot_be_signed(world, draft_pledge):
    with pytest.raises(ValidationError) as caught:
        services.sign_pledge(world.users["officer_b"], draft_pledge)
    assert caught.value.messages == ["Giao ước còn là dự thảo: chưa mở ký kết."]


def test_the_last_signature_locks_the_pledge(world, open_pledge, year):
    services.sign_pledge(world.users["officer_a"], open_pledge)
    open_pledge.refresh_from_db()
    assert open_pledge.status == PledgeStatus.OPEN_FOR_SIGNING
    services.sign_pledge(world.users["officer_b"], open_pledge)
    open_pledge.refresh_from_db()
    assert open_pledge.status == PledgeStatus.SIGNED and open_pledge.locked_at is not None
    lock = AuditEntry.objects.get(action=Action.PLEDGE_LOCKED)
    assert lock.after["unsigned_units"] == []
    assert (
        Notice.objects.filter(title=f"Giao ước thi đua năm {year} của {world.block.name} đã ký kết").count()
        == 3
    )


def test_the_block_head_may_lock_before_everyone_signed(world, open_pledge):
    services.sign_pledge(world.users["officer_a"], open_pledge)
    with pytest.raises(PermissionDenied):
        services.lock_pledge(world.users["officer_b"], open_pledge)
    services.lock_pledge(world.users["block_head"], open_pledge)
    open_pledge.refresh_from_db()
    assert open_pledge.is_locked and open_pledge.locked_by == world.users["block_head"]
    assert AuditEntry.objects.get(action=Action.PLEDGE_LOCKED).after["unsigned_units"] == [world.unit_b.pk]
    with pytest.raises(ValidationError):
        services.sign_pledge(world.users["officer_b"], open_pledge)


@pytest.mark.parametrize("persona", ["admin", "block_head", "leader_a"])
def test_a_signed_pledge_is_locked_for_everyone(world, signed_pledge, tree, persona):
    user = world.users[persona]
    before = _state(signed_pledge)
    calls = [
        lambda: services.set_scoring_table(user, signed_pledge, tree),
        lambda: services.update_pledge(user, signed_pledge, title="Sửa", targets="Sửa"),
        lambda: services.open_for_signing(user, signed_pledge),
        lambda: services.lock_pledge(user, signed_pledge),
    ]
    for call in calls:
        with pytest.raises(ValidationError) as caught:
            call()
        assert caught.value.messages == [
            "Giao ước đã ký kết và đã khóa: không ai được sửa hay thay đổi trạng thái nữa."
        ]
    with pytest.raises((ValidationError, PermissionDenied)):
        services.reopen_pledge(user, signed_pledge)
    assert _state(signed_pledge) == before


def test_admin_reopens_to_draft_only_before_any_signature(world, open_pledge):
    with pytest.raises(PermissionDenied):
        services.reopen_pledge(world.users["block_head"], open_pledge)
    services.reopen_pledge(world.users["admin"], open_pledge, reason="Bổ sung tiêu chí chuyển đổi số")
    open_pledge.refresh_from_db()
    assert open_pledge.status == PledgeStatus.DRAFT and open_pledge.opened_at is None
    assert AuditEntry.objects.get(action=Action.PLEDGE_REOPENED).summary == "Bổ sung tiêu chí chuyển đổi số"
    services.open_for_signing(world.users["block_head"], open_pledge)
    services.sign_pledge(world.users["officer_b"], open_pledge)
    with pytest.raises(ValidationError) as caught:
        services.reopen_pledge(world.users["admin"], open_pledge)
    assert caught.value.messages == ["Đã có 1 đơn vị ký giao ước: không trả về dự thảo được nữa."]
    open_pledge.refresh_from_db()
    assert open_pledge.status == PledgeStatus.OPEN_FOR_SIGNING


def test_the_loader_records_a_past_signature_but_users_cannot_backdate(world, open_pledge):
    moment = datetime.datetime(2020, 3, 12, 8, 30, tzinfo=datetime.UTC)
    with pytest.raises(PermissionDenied):
        services.sign_pledge(world.users["officer_b"], open_pledge, at=moment)
    signature = services.sign_pledge(
        SYSTEM, open_pledge, unit=world.unit_b, signer_name="Nguyễn Văn Bình", at=moment
    )
    assert signature.signed_at == moment and signature.signer_name == "Nguyễn Văn Bình"
    assert signature.signed_by is None


def test_an_inactive_leader_cannot_sign(world, open_pledge):
    leader = make_user("cu.lanhdao.b", Role.UNIT_LEADER, world.unit_b)
    leader.is_active = False
    leader.save()
    with pytest.raises(PermissionDenied):
        services.sign_pledge(leader, open_pledge)
