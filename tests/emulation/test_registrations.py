"""Registrations: the officer drafts and submits, the leader approves or returns with a reason; visibility is
the unit itself, then (once submitted) the block head of that year and Phòng TĐKT. Other units get nothing."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tdkt.core.actors import SYSTEM
from tdkt.core.models import AuditEntry, Notice
from tdkt.emulation import services
from tdkt.emulation.enums import Action, CollectiveTitle, IndividualTitle, RegistrationStatus
from tdkt.emulation.models import Registration, RegistrationEntry, RegistrationPeriod
from tdkt.emulation.queries import registration_lines, registration_scope, registrations_for_user
from tdkt.org import services as org_services
from tdkt.org.enums import MembershipRole


def _entries(registration):
    return sorted(
        RegistrationEntry.objects.filter(registration=registration).values_list("person_id", "title"), key=str
    )


def test_the_officer_drafts_with_the_units_titles_and_its_peoples(world, registration_b, staff_b):
    assert (
        registration_b.status == RegistrationStatus.DRAFT
        and registration_b.created_by == world.users["officer_b"]
    )
    lines = registration_lines(Registration.objects.prefetch_related("entries__person").get())
    assert lines.collective == [CollectiveTitle.TAP_THE_LAO_DONG_XUAT_SAC]
    # people in Vietnamese order by tên: An before Bình
    assert [(p.full_name, titles) for p, titles in lines.people] == [
        ("Trần Thị An", [IndividualTitle.LAO_DONG_TIEN_TIEN]),
        ("Nguyễn Văn Bình", [IndividualTitle.LAO_DONG_TIEN_TIEN, IndividualTitle.CHIEN_SI_THI_DUA_CO_SO]),
    ]
    entry = AuditEntry.objects.get(action=Action.REGISTRATION_CREATED)
    assert entry.after["collective"] == ["tap_the_lao_dong_xuat_sac"]


@pytest.mark.parametrize("persona", ["leader_b", "officer_a", "admin", "council"])
def test_only_the_units_officer_drafts(world, year, leader_b, persona):
    with pytest.raises(PermissionDenied):
        services.create_registration(world.users[persona], unit=world.unit_b, year=year)
    assert not Registration.objects.exists()


@pytest.mark.parametrize(
    ("people", "expected"),
    [
        (
            {"other": [IndividualTitle.LAO_DONG_TIEN_TIEN]},
            "không có trong danh sách cán bộ đang công tác của Sở Tư pháp",
        ),
        (
            {"gone": [IndividualTitle.LAO_DONG_TIEN_TIEN]},
            "không có trong danh sách cán bộ đang công tác của Sở Tư pháp",
        ),
        (
            {"b": ["huan_chuong_lao_dong"]},
            "“huan_chuong_lao_dong” không phải danh hiệu cá nhân trong danh mục.",
        ),
        (
            {"b": [CollectiveTitle.CO_THI_DUA_TINH]},
            "“co_thi_dua_tinh” không phải danh hiệu cá nhân trong danh mục.",
        ),
        ({"b": []}, "Chưa chọn danh hiệu đăng ký cho: Nguyễn Văn Bình."),
    ],
)
def test_bad_people_or_titles_are_refused_with_a_clear_message(world, year, staff_b, people, expected):
    keys = {"other": world.person_a, "gone": staff_b[3], "b": world.person_b}
    with pytest.raises(ValidationError) as caught:
        services.create_registration(
            world.users["officer_b"],
            unit=world.unit_b,
            year=year,
            people={keys[name]: titles for name, titles in people.items()},
        )
    assert expected in caught.value.messages[0]
    assert not Registration.objects.exists() and not RegistrationEntry.objects.exists()


def test_collective_titles_come_from_the_collective_catalogue(world, year):
    with pytest.raises(ValidationError) as caught:
        services.create_registration(
            world.users["officer_b"], unit=world.unit_b, year=year, collective_titles=["lao_dong_tien_tien"]
        )
    assert caught.value.messages == ["“lao_dong_tien_tien” không phải danh hiệu tập thể trong danh mục."]


def test_one_registration_per_unit_and_year(world, year, registration_b):
    with pytest.raises(ValidationError) as caught:
        services.create_registration(world.users["officer_b"], unit=world.unit_b, year=year)
    assert caught.value.messages == [f"Sở Tư pháp đã có đăng ký thi đua năm {year}."]


def test_update_replaces_the_titles_and_keeps_bad_input_out(world, registration_b, staff_b):
    services.update_registration(
        world.users["officer_b"],
        registration_b,
        collective_titles=[CollectiveTitle.TAP_THE_LAO_DONG_TIEN_TIEN],
        people=[(staff_b[2].pk, [IndividualTitle.CHIEN_SI_THI_DUA_TINH])],
        note="Bổ sung",
    )
    assert _entries(registration_b) == sorted(
        [(None, "tap_the_lao_dong_tien_tien"), (staff_b[2].pk, "chien_si_thi_dua_tinh")], key=str
    )
    before = _entries(registration_b)
    with pytest.raises(ValidationError):
        services.update_registration(
            world.users["officer_b"], registration_b, collective_titles=["khong_co"], people=[]
        )
    assert _entries(registration_b) == before


def test_submit_needs_a_title_and_notifies_the_leader(world, year, leader_b):
    empty = services.create_registration(world.users["officer_b"], unit=world.unit_b, year=year)
    with pytest.raises(ValidationError) as caught:
        services.submit_registration(world.users["officer_b"], empty)
    assert "chưa có danh hiệu nào" in caught.value.messages[0]
    empty.refresh_from_db()
    assert empty.status == RegistrationStatus.DRAFT
    services.update_registration(
        world.users["officer_b"],
        empty,
        collective_titles=[CollectiveTitle.TAP_THE_LAO_DONG_TIEN_TIEN],
        people=[],
    )
    services.submit_registration(world.users["officer_b"], empty)
    empty.refresh_from_db()
    assert empty.status == RegistrationStatus.SUBMITTED and empty.submitted_by == world.users["officer_b"]
    assert list(Notice.objects.values_list("recipient__username", "title")) == [
        ("lanhdao.b", f"Đăng ký thi đua năm {year} chờ duyệt")
    ]


def test_a_submitted_registration_is_not_edited(world, submitted_b):
    with pytest.raises(ValidationError) as caught:
        services.update_registration(world.users["officer_b"], submitted_b, collective_titles=[], people=[])
    assert caught.value.messages == [
        "Đăng ký đang ở trạng thái “Chờ lãnh đạo duyệt”: không sửa hay trình lại được."
    ]


@pytest.mark.parametrize("persona", ["officer_b", "leader_a", "admin", "block_head"])
def test_only_the_units_leader_approves(world, submitted_b, leader_b, persona):
    with pytest.raises(PermissionDenied):
        services.approve_registration(world.users[persona], submitted_b)
    submitted_b.refresh_from_db()
    assert submitted_b.status == RegistrationStatus.SUBMITTED


def test_the_leader_approves(world, submitted_b, leader_b):
    services.approve_registration(leader_b, submitted_b)
    submitted_b.refresh_from_db()
    assert submitted_b.status == RegistrationStatus.APPROVED and submitted_b.decided_by == leader_b
    assert Notice.objects.filter(recipient=world.users["officer_b"], title__contains="đã được duyệt").exists()
    with pytest.raises(ValidationError):
        services.update_registration(world.users["officer_b"], submitted_b, collective_titles=[], people=[])
    with pytest.raises(ValidationError):
        services.return_registration(leader_b, submitted_b, reason="Muộn")


def test_return_needs_a_reason_then_the_officer_amends_and_resubmits(world, submitted_b, leader_b, staff_b):
    with pytest.raises(ValidationError) as caught:
        services.return_registration(leader_b, submitted_b, reason="   ")
    assert caught.value.messages == ["Cần ghi lý do trả lại để cán bộ thi đua biết phải sửa gì."]
    submitted_b.refresh_from_db()
    assert submitted_b.status == RegistrationStatus.SUBMITTED
    services.return_registration(leader_b, submitted_b, reason="Bổ sung ông Cường")
    submitted_b.refresh_from_db()
    assert (
        submitted_b.status == RegistrationStatus.RETURNED and submitted_b.return_reason == "Bổ sung ông Cường"
    )
    assert Notice.objects.filter(recipient=world.users["officer_b"], body="Bổ sung ông Cường").exists()
    services.update_registration(
        world.users["officer_b"],
        submitted_b,
        collective_titles=[CollectiveTitle.TAP_THE_LAO_DONG_XUAT_SAC],
        people={staff_b[2]: [IndividualTitle.LAO_DONG_TIEN_TIEN]},
    )
    services.submit_registration(world.users["officer_b"], submitted_b)
    services.approve_registration(leader_b, submitted_b)
    submitted_b.refresh_from_db()
    assert submitted_b.status == RegistrationStatus.APPROVED and submitted_b.return_reason == ""


# --- visibility -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "sees_draft", "sees_submitted"),
    [
        ("officer_b", True, True),
        ("leader_b", True, True),
        ("admin", False, True),
        ("block_head", False, True),  # unit A heads the block of unit B this year
        ("leader_a", False, True),
        ("viewer_a", False, False),  # a viewer of the head unit acts for no one
        ("officer_c", False, False),
        ("council", False, False),
    ],
)
def test_who_sees_unit_bs_registration(world, registration_b, leader_b, persona, sees_draft, sees_submitted):
    user = world.users[persona]
    assert registrations_for_user(user).filter(pk=registration_b.pk).exists() is sees_draft
    assert user.has_perm("emulation.view_registration", registration_b) is sees_draft
    services.submit_registration(world.users["officer_b"], registration_b)
    registration_b.refresh_from_db()
    assert registrations_for_user(user).filter(pk=registration_b.pk).exists() is sees_submitted
    assert user.has_perm("emulation.view_registration", registration_b) is sees_submitted


def test_a_unit_never_sees_another_units_draft(world, year, registration_b):
    mine = services.create_registration(world.users["officer_a"], unit=world.unit_a, year=year)
    assert list(registrations_for_user(world.users["officer_a"])) == [mine]
    assert list(registrations_for_user(world.users["officer_b"])) == [registration_b]


def test_block_head_sees_members_only_in_the_years_it_heads(world, year, submitted_b):
    org_services.set_membership(
        SYSTEM, block=world.block, unit=world.unit_b, year=year + 1, role=MembershipRole.HEAD
    )
    org_services.set_membership(SYSTEM, block=world.block, unit=world.unit_a, year=year + 1)
    later = services.create_registration(
        world.users["officer_b"],
        unit=world.unit_b,
        year=year + 1,
        collective_titles=["tap_the_lao_dong_tien_tien"],
    )
    services.submit_registration(world.users["officer_b"], later)
    seen = set(registrations_for_user(world.users["block_head"]))
    assert seen == {submitted_b}  # unit A heads the block this year, not next year


def test_scope_list_shows_every_member_with_what_is_visible(world, year, registration_b, leader_b):
    rows = registration_scope(world.users["block_head"], year)
    assert [(row.unit.name, row.registration) for row in rows] == [
        ("Sở Kế hoạch và Đầu tư", None),
        ("Sở Tư pháp", None),  # a draft is not shown outside the unit
    ]
    services.submit_registration(world.users["officer_b"], registration_b)
    rows = registration_scope(world.users["admin"], year)
    assert [(row.unit.name, row.registration.pk if row.registration else None) for row in rows] == [
        ("Sở Kế hoạch và Đầu tư", None),
        ("Sở Tư pháp", registration_b.pk),
    ]
    assert rows[1].registration.person_count == 2 and rows[1].registration.title_count == 4
    assert [row.unit for row in registration_scope(world.users["officer_c"], year)] == [world.unit_c]


def test_registration_period_is_data_set_by_phong_tdkt(world, year):
    with pytest.raises(PermissionDenied):
        services.set_registration_period(
            world.users["officer_a"], year=year, deadline=datetime.date(year, 2, 28)
        )
    period = services.set_registration_period(
        world.users["admin"], year=year, deadline=datetime.date(year, 2, 28)
    )
    services.set_registration_period(world.users["admin"], year=year, deadline=datetime.date(year, 3, 15))
    period.refresh_from_db()
    assert period.deadline == datetime.date(year, 3, 15) and RegistrationPeriod.objects.count() == 1
    with pytest.raises(ValidationError):
        services.set_registration_period(
            world.users["admin"], year=year, deadline=datetime.date(year + 1, 1, 1)
        )
