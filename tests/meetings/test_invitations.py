"""The invitation list: defaults from membership, positions and the council follow-up; snapshots; changes to the
list; sending the invitations and telling people of changes."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from tdkt.core.actors import SYSTEM
from tdkt.core.models import AuditEntry, Notice
from tdkt.core.worklist import pending_work
from tdkt.meetings import services
from tdkt.meetings.enums import Action, Attendance, AttendeeRole, MeetingKind
from tdkt.meetings.models import Attendee
from tdkt.org import services as org_services
from tdkt.org.enums import BlockKind, CouncilRole, MembershipRole, PositionLevel
from tdkt.org.models import CouncilMember, EmulationBlock, Unit

from .conftest import SINCE, schedule


def _listed(meeting):
    return {a.full_name: a for a in meeting.attendees.all()}


def test_default_list_is_leaders_and_officers_of_member_units_and_the_following_council_member(
    world, staff, planned
):
    listed = _listed(planned)
    assert set(listed) == {
        "Trần Văn An",
        "Phạm Thị Hoa",
        "Đặng Thị Ánh Tuyết",
        "Nguyễn Văn Bình",
        "Hoàng Thị Mai",
        "Lê Minh Châu",
    }
    assert "Lý Văn Đức" not in listed  # a specialist not handling emulation work is not invited by default
    assert listed["Trần Văn An"].role == AttendeeRole.LEADER
    assert listed["Phạm Thị Hoa"].role == AttendeeRole.LEADER
    assert listed["Đặng Thị Ánh Tuyết"].role == AttendeeRole.EMULATION_OFFICER
    assert listed["Hoàng Thị Mai"].position_title == "Chuyên viên"
    council = listed["Lê Minh Châu"]
    assert council.role == AttendeeRole.COUNCIL_MEMBER
    assert council.position_title == "Giám đốc Sở Y tế"  # the council seat's title
    assert listed["Nguyễn Văn Bình"].unit == world.unit_b
    assert listed["Nguyễn Văn Bình"].unit_name == "Sở Tư pháp"
    assert set(planned.invited_units.values_list("unit_id", flat=True)) == {world.unit_a.pk, world.unit_b.pk}
    assert all(
        a.invited and a.status == Attendance.PENDING and a.notified_at is None for a in listed.values()
    )


def test_default_title_is_built_from_kind_year_and_block(world, planned):
    year = planned.year
    assert planned.title == (
        f"Hội nghị sơ kết phong trào thi đua, khen thưởng 6 tháng đầu năm {year} "
        "Khối thi đua các cơ quan tham mưu tổng hợp tỉnh"
    )


def test_a_leader_who_also_handles_emulation_is_listed_once_as_leader(world, staff):
    org_services.appoint(
        SYSTEM,
        staff.deputy_a,
        title="Phó Giám đốc",
        level=PositionLevel.DEPUTY_HEAD,
        start_date=SINCE + datetime.timedelta(days=10),
        handles_emulation=True,
    )
    meeting = schedule(world)
    rows = meeting.attendees.filter(person=staff.deputy_a)
    assert rows.count() == 1
    assert rows.get().role == AttendeeRole.LEADER


def test_positions_are_taken_as_of_the_meeting_day(world, staff):
    # The deputy director retired last month: a meeting next week does not invite her.
    position = staff.deputy_a.positions.get()
    position.end_date = timezone.localdate() - datetime.timedelta(days=30)
    position.save()
    meeting = schedule(world)
    assert not meeting.attendees.filter(person=staff.deputy_a).exists()


def test_inactive_people_are_not_invited(world, staff):
    org_services.update_person(SYSTEM, staff.director_a, is_active=False)
    assert not schedule(world).attendees.filter(person=staff.director_a).exists()


def test_council_session_invites_the_council_and_no_unit(world, staff):
    world.council.start_date = datetime.date(2020, 1, 1)
    world.council.save()
    chair = org_services.create_person(SYSTEM, unit=world.unit_c, full_name="Vũ Quốc Khánh", gender="male")
    CouncilMember.objects.create(
        council=world.council, person=chair, role=CouncilRole.CHAIR, title="Chủ tịch UBND tỉnh"
    )
    meeting = services.create_meeting(
        world.users["admin"],
        kind=MeetingKind.COUNCIL_SESSION,
        block=world.block,  # ignored: a council session belongs to no block
        year=world.block.memberships.first().year,
        host_unit=world.unit_c,
        venue="Phòng họp số 1, UBND tỉnh",
        starts_at=timezone.now() + datetime.timedelta(days=3),
    )
    assert meeting.block is None
    assert meeting.title.startswith("Phiên họp Hội đồng Thi đua - Khen thưởng tỉnh năm")
    assert {a.full_name for a in meeting.attendees.all()} == {"Vũ Quốc Khánh", "Lê Minh Châu"}
    assert {a.role for a in meeting.attendees.all()} == {AttendeeRole.COUNCIL_MEMBER}
    assert not meeting.invited_units.exists()


def test_only_phong_tdkt_schedules_a_council_session(world, staff):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied, match="Phòng TĐKT"):
        services.create_meeting(
            world.users["block_head"],
            kind=MeetingKind.COUNCIL_SESSION,
            block=None,
            year=world.block.memberships.first().year,
            host_unit=world.unit_a,
            venue="Phòng họp",
            starts_at=timezone.now(),
        )


def test_the_snapshot_keeps_unit_and_title_after_the_person_moves(world, staff, held):
    row = held.attendees.get(person=staff.director_b)
    services.record_attendance(SYSTEM, held, {row.pk: Attendance.PRESENT})
    # Later the director of unit B becomes director of unit C.
    org_services.appoint(
        SYSTEM,
        staff.director_b,
        title="Giám đốc",
        level=PositionLevel.HEAD,
        start_date=timezone.localdate() + datetime.timedelta(days=1),
        unit=world.unit_c,
    )
    staff.director_b.unit = world.unit_c
    staff.director_b.save()
    row.refresh_from_db()
    assert (row.unit_id, row.unit_name, row.position_title) == (world.unit_b.pk, "Sở Tư pháp", "Giám đốc")
    assert row.status == Attendance.PRESENT


def test_snapshot_of_a_person_added_by_name_is_their_position_on_the_day(world, staff, planned):
    row = services.add_attendee(world.users["block_head"], planned, person=staff.specialist_a)
    assert (row.unit, row.position_title, row.role, row.invited) == (
        world.unit_a,
        "Chuyên viên",
        AttendeeRole.DELEGATE,
        True,
    )


def test_guest_by_name_without_records(world, planned):
    row = services.add_attendee(
        world.users["block_head"],
        planned,
        full_name="  Đỗ   Thu Hà ",
        unit_name="Báo Vân Lĩnh",
        position_title="Phóng viên",
    )
    assert (row.person, row.full_name, row.unit_name) == (None, "Đỗ Thu Hà", "Báo Vân Lĩnh")


def test_people_of_units_not_invited_cannot_be_listed_by_name(world, staff, planned):
    outsider = org_services.create_person(SYSTEM, unit=world.unit_c, full_name="Bùi Văn Tâm", gender="male")
    before = planned.attendees.count()
    with pytest.raises(ValidationError, match="Chỉ thêm được cán bộ"):
        services.add_attendee(world.users["block_head"], planned, person=outsider)
    with pytest.raises(ValidationError, match="đã có trong danh sách"):
        services.add_attendee(world.users["block_head"], planned, person=staff.director_a)
    with pytest.raises(ValidationError, match="Họ và tên"):
        services.add_attendee(world.users["block_head"], planned, full_name="Hà")
    assert planned.attendees.count() == before


def test_a_delegate_added_on_the_day_is_present_and_not_invited(world, staff, held):
    row = services.add_attendee(world.users["block_head"], held, person=staff.specialist_a)
    assert (row.invited, row.status) == (False, Attendance.PRESENT)


def test_changing_invited_units_adds_and_removes_their_default_delegates(world, staff, planned):
    services.add_attendee(world.users["block_head"], planned, full_name="Đỗ Thu Hà", unit_name="Báo Vân Lĩnh")
    services.set_invited_units(world.users["block_head"], planned, [world.unit_a, world.unit_c])
    names = set(planned.attendees.values_list("full_name", flat=True))
    assert "Nguyễn Văn Bình" not in names and "Hoàng Thị Mai" not in names  # unit B's defaults are gone
    assert "Đỗ Thu Hà" in names  # people added by name stay
    assert "Lê Minh Châu" in names  # unit C's director was already listed as council member: once only
    assert planned.attendees.filter(person=staff.council).count() == 1
    assert set(planned.invited_units.values_list("unit_id", flat=True)) == {world.unit_a.pk, world.unit_c.pk}
    entry = AuditEntry.objects.filter(action=Action.INVITED_UNITS_SET).get()
    assert entry.before["units"] == sorted([world.unit_a.pk, world.unit_b.pk])


def test_the_chairs_unit_cannot_be_dropped(world, staff, planned):
    services.update_meeting(
        world.users["block_head"], planned, chair=staff.director_b, chair_title="Giám đốc Sở Tư pháp"
    )
    with pytest.raises(ValidationError, match="người chủ trì"):
        services.set_invited_units(world.users["block_head"], planned, [world.unit_a])
    assert planned.invited_units.count() == 2
    assert planned.attendees.filter(person=staff.director_b).exists()


def test_chair_must_be_on_the_list(world, staff, planned):
    with pytest.raises(ValidationError, match="Người chủ trì phải có trong danh sách"):
        services.update_meeting(world.users["block_head"], planned, chair=staff.specialist_a)
    planned.refresh_from_db()
    assert planned.chair is None


def test_invite_tells_everyone_on_the_list_who_has_an_account(
    world, staff, planned, django_capture_on_commit_callbacks
):
    world.users["council"].email = "hoidong@example.vn"
    world.users["council"].save()
    with django_capture_on_commit_callbacks(execute=True):
        count = services.invite(world.users["block_head"], planned)
    assert count == planned.attendees.count()
    told = set(Notice.objects.values_list("recipient__username", flat=True))
    assert told == {"hoidong", "canbo.b"}  # only these two people have accounts
    assert Notice.objects.first().title == f"Giấy mời: {planned.title}"
    assert [m.to for m in mail.outbox] == [["hoidong@example.vn"]]
    assert not planned.attendees.filter(notified_at__isnull=True).exists()


def test_sending_again_reaches_only_people_added_since(world, staff, planned):
    services.invite(world.users["block_head"], planned)
    with pytest.raises(ValidationError, match="đã được gửi giấy mời"):
        services.invite(world.users["block_head"], planned)
    services.add_attendee(world.users["block_head"], planned, person=staff.specialist_a)
    assert services.invite(world.users["block_head"], planned) == 1


def test_invitation_shows_in_the_invitees_work_queue_until_the_meeting(world, staff, planned):
    user = world.users["officer_b"]
    assert not [i for i in pending_work(user) if planned.title in i.title]  # not before the invitation
    services.invite(world.users["block_head"], planned)
    items = [i for i in pending_work(user) if i.title.startswith(planned.title)]
    assert len(items) == 1
    assert items[0].due == planned.date
    assert items[0].title.endswith(f"ngày {planned.date:%d/%m/%Y}")


def test_rescheduling_after_the_invitations_tells_the_invited(world, staff, planned):
    services.invite(world.users["block_head"], planned)
    Notice.objects.all().delete()
    services.update_meeting(world.users["block_head"], planned, venue="Phòng họp tầng 2")
    assert set(Notice.objects.values_list("recipient__username", flat=True)) == {"hoidong", "canbo.b"}
    assert "Phòng họp tầng 2" in Notice.objects.first().body
    Notice.objects.all().delete()
    services.update_meeting(world.users["block_head"], planned, notes="Mang theo báo cáo.")
    assert not Notice.objects.exists()  # nothing people must act on


def test_removing_an_invited_person_tells_them(world, staff, planned):
    services.invite(world.users["block_head"], planned)
    Notice.objects.all().delete()
    row = planned.attendees.get(person=staff.officer_b)
    services.remove_attendee(world.users["block_head"], row)
    assert not Attendee.objects.filter(pk=row.pk).exists()
    assert list(Notice.objects.values_list("recipient__username", flat=True)) == ["canbo.b"]


def test_a_block_without_members_that_year_cannot_meet(world, staff):
    other = EmulationBlock(
        province=world.province, name="Cụm thi đua số 1", abbreviation="C1", kind=BlockKind.CLUSTER
    )
    other.save()
    year = world.block.memberships.first().year
    org_services.set_membership(
        SYSTEM, block=other, unit=world.unit_c, year=year - 1, role=MembershipRole.HEAD
    )
    with pytest.raises(ValidationError, match="chưa có thành viên năm"):
        schedule(world, actor=SYSTEM, block=other)


def test_invited_units_may_be_given_explicitly(world, staff):
    unit = Unit.objects.create(province=world.province, name="Báo Vân Lĩnh", abbreviation="BVL")
    meeting = schedule(world, invited_units=[world.unit_a, unit])
    assert set(meeting.invited_units.values_list("unit_id", flat=True)) == {world.unit_a.pk, unit.pk}
    assert not meeting.attendees.filter(unit=world.unit_b).exists()
