"""Reads: the visibility query and the permissions agree; the summary other apps use; pages cost the same number
of queries with one row or many."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tdkt.core.actors import SYSTEM
from tdkt.core.worklist import pending_work
from tdkt.meetings import services
from tdkt.meetings.enums import Attendance, AttendeeRole, MeetingKind
from tdkt.meetings.queries import attendance_summary, meeting_summary, meetings_for_user
from tdkt.org import services as org_services
from tdkt.org.enums import PositionLevel

from .conftest import SINCE, photo_file, schedule

PERSONAS = ["admin", "officer_a", "leader_a", "viewer_a", "officer_b", "council", "officer_c"]


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("persona", PERSONAS)
def test_view_permission_agrees_with_the_visibility_query(world, held, persona):
    user = world.users[persona]
    assert user.has_perm("meetings.view_meeting", held) is meetings_for_user(user).filter(pk=held.pk).exists()
    assert user.has_perm("meetings.view_meeting", held) is (persona != "officer_c")


def test_a_person_on_the_list_sees_the_meeting_even_from_outside_the_block(world, staff, planned):
    guest = org_services.create_person(SYSTEM, unit=world.unit_c, full_name="Bùi Văn Tâm", gender="male")
    services.set_invited_units(SYSTEM, planned, [world.unit_a, world.unit_b, world.unit_c])
    org_services.appoint(SYSTEM, guest, title="Giám đốc", level=PositionLevel.HEAD, start_date=SINCE)
    services.add_attendee(SYSTEM, planned, person=guest)
    user = world.users["officer_c"]
    assert not meetings_for_user(user).filter(pk=planned.pk).exists()  # the account has no person
    user.person = guest
    user.save()
    assert meetings_for_user(user).filter(pk=planned.pk).exists()


def test_council_members_see_council_sessions(world, staff):
    session = services.create_meeting(
        SYSTEM,
        kind=MeetingKind.COUNCIL_SESSION,
        block=None,
        year=timezone.localdate().year,
        host_unit=world.unit_c,
        venue="UBND tỉnh",
        starts_at=timezone.now() + datetime.timedelta(days=2),
    )
    assert meetings_for_user(world.users["council"]).filter(pk=session.pk).exists()
    assert not meetings_for_user(world.users["officer_a"]).filter(pk=session.pk).exists()


def test_inactive_users_see_nothing(world, held):
    user = world.users["officer_a"]
    user.is_active = False
    assert not meetings_for_user(user).exists()


def test_attendance_summary_line(world, staff, held):
    assert attendance_summary(held.attendees.all()).line() == "Chưa điểm danh (6 người trong danh sách)."
    statuses = {a.pk: Attendance.ABSENT for a in held.attendees.all()}
    services.record_attendance(SYSTEM, held, statuses)
    assert attendance_summary(held.attendees.all()).line() == "Không có đại biểu nào có mặt."
    statuses = {a.pk: Attendance.PRESENT for a in held.attendees.all()}
    services.record_attendance(SYSTEM, held, statuses)
    services.add_attendee(
        SYSTEM, held, full_name="Đỗ Thu Hà", unit_name="Báo Vân Lĩnh", position_title="Phóng viên"
    )
    assert (
        attendance_summary(held.attendees.all()).line()
        == "Tham dự: 1 thành viên Hội đồng, 6 đại biểu của 3 đơn vị"
    )


def test_meeting_summary_for_a_news_item(world, staff, held):
    held = services.update_meeting(
        SYSTEM, held, chair=staff.director_a, chair_title="Giám đốc Sở Kế hoạch và Đầu tư, Khối trưởng"
    )
    statuses = {a.pk: Attendance.PRESENT for a in held.attendees.all()}
    statuses[held.attendees.get(person=staff.director_b).pk] = Attendance.ABSENT
    services.record_attendance(SYSTEM, held, statuses)
    summary = meeting_summary(held)
    assert summary.date == timezone.localdate(held.starts_at)
    assert (summary.venue, summary.host_unit, summary.chair) == (
        held.venue,
        "Sở Kế hoạch và Đầu tư",
        "Trần Văn An",
    )
    assert summary.present_by_role == {
        AttendeeRole.COUNCIL_MEMBER: 1,
        AttendeeRole.LEADER: 2,
        AttendeeRole.EMULATION_OFFICER: 2,
    }
    assert summary.units_present == ["Sở Kế hoạch và Đầu tư", "Sở Tư pháp"]
    assert summary.council_members_present == ["Lê Minh Châu"] and summary.council_member_present
    assert summary.attendance.line() == "Tham dự: 1 thành viên Hội đồng, 4 đại biểu của 2 đơn vị"
    assert summary.block == "Khối thi đua các cơ quan tham mưu tổng hợp tỉnh"


def test_meeting_summary_when_the_council_member_did_not_come(world, staff, held):
    statuses = {a.pk: Attendance.PRESENT for a in held.attendees.exclude(role=AttendeeRole.COUNCIL_MEMBER)}
    statuses[held.attendees.get(role=AttendeeRole.COUNCIL_MEMBER).pk] = Attendance.EXCUSED
    services.record_attendance(SYSTEM, held, statuses)
    summary = meeting_summary(held)
    assert not summary.council_member_present
    assert AttendeeRole.COUNCIL_MEMBER not in summary.present_by_role


# --- query-count pins ----------------------------------------------------------------------------------------


def test_list_query_count_does_not_grow_with_meetings(world, staff):
    schedule(world, actor=SYSTEM)
    client = world.client("officer_b")
    url = reverse("meetings:list")
    one = _queries(client, url)
    for day in range(2, 27):
        meeting = schedule(world, actor=SYSTEM, when=timezone.now() - datetime.timedelta(days=day, hours=1))
        services.mark_held(SYSTEM, meeting)
        services.save_minutes(SYSTEM, meeting, "Biên bản")
    assert _queries(client, url) == one
    assert _queries(world.client("admin"), url) == _queries(world.client("admin"), url)


def _grow(world, meeting, *, people, photos, items):
    for i in range(people):
        services.add_attendee(SYSTEM, meeting, full_name=f"Nguyễn Văn Khách{i}", unit_name=f"Đơn vị {i}")
    services.upload_photos(SYSTEM, meeting, [(photo_file(size=(64, 48)), f"Ảnh {i}") for i in range(photos)])
    for i in range(items):
        services.add_agenda_item(SYSTEM, meeting, title=f"Mục {i}")


@pytest.mark.parametrize("persona", ["officer_a", "officer_b"])
def test_detail_query_count_does_not_grow_with_attendees_photos_and_agenda(world, staff, persona):
    small = schedule(world, actor=SYSTEM, when=timezone.now() - datetime.timedelta(days=1), invited_units=[])
    services.mark_held(SYSTEM, small)
    _grow(world, small, people=1, photos=1, items=1)
    services.save_minutes(SYSTEM, small, "Biên bản")
    big = schedule(world, actor=SYSTEM, when=timezone.now() - datetime.timedelta(days=2))
    services.mark_held(SYSTEM, big)
    _grow(world, big, people=30, photos=12, items=8)
    services.record_attendance(SYSTEM, big, {a.pk: Attendance.PRESENT for a in big.attendees.all()})
    services.save_minutes(SYSTEM, big, "Biên bản")
    client = world.client(persona)
    for name in ("meetings:detail", "meetings:invitations"):
        assert _queries(client, reverse(name, args=[small.pk])) == _queries(
            client, reverse(name, args=[big.pk])
        ), name


def test_attendance_and_photos_pages_do_not_grow(world, staff):
    small = schedule(world, actor=SYSTEM, when=timezone.now() - datetime.timedelta(days=1), invited_units=[])
    services.mark_held(SYSTEM, small)
    _grow(world, small, people=1, photos=1, items=0)
    big = schedule(world, actor=SYSTEM, when=timezone.now() - datetime.timedelta(days=2))
    services.mark_held(SYSTEM, big)
    _grow(world, big, people=20, photos=10, items=0)
    client = world.client("officer_a")
    for name in ("meetings:attendance", "meetings:photos"):
        assert _queries(client, reverse(name, args=[small.pk])) == _queries(
            client, reverse(name, args=[big.pk])
        ), name


def test_api_list_and_detail_do_not_grow(world, staff):
    client = world.client("officer_a")
    first = schedule(world, actor=SYSTEM, invited_units=[])
    one_list = _queries(client, "/api/v1/meetings/")
    one_detail = _queries(client, f"/api/v1/meetings/{first.pk}")
    many = None
    for day in range(2, 12):
        many = schedule(world, actor=SYSTEM, when=timezone.now() + datetime.timedelta(days=day))
    services.add_agenda_item(SYSTEM, many, title="Khai mạc")
    services.add_agenda_item(SYSTEM, many, title="Báo cáo")
    assert _queries(client, "/api/v1/meetings/") == one_list
    assert _queries(client, f"/api/v1/meetings/{many.pk}") == one_detail


def test_work_queue_cost_does_not_grow_with_meetings(world, staff):
    user = world.users["block_head"]
    schedule(world, actor=SYSTEM, when=timezone.now() - datetime.timedelta(hours=1))
    with CaptureQueriesContext(connection) as few:
        pending_work(user)
    for day in range(2, 12):
        meeting = schedule(world, actor=SYSTEM, when=timezone.now() - datetime.timedelta(days=day))
        services.invite(SYSTEM, meeting)
        services.mark_held(SYSTEM, meeting)
    with CaptureQueriesContext(connection) as many:
        items = pending_work(user)
    assert len(many.captured_queries) == len(few.captured_queries)
    assert sum(1 for i in items if i.title.startswith("Điểm danh:")) == 10


def test_organiser_rights_follow_the_yearly_membership(world, staff, planned):
    """When the head unit changes, the rights move with it, even for a meeting object read before the change."""
    year = planned.year
    assert world.users["officer_a"].has_perm("meetings.change_meeting", planned)  # remembered on this object
    org_services.set_membership(SYSTEM, block=world.block, unit=world.unit_a, year=year, role="member")
    org_services.set_membership(SYSTEM, block=world.block, unit=world.unit_b, year=year, role="head")
    with pytest.raises(PermissionDenied):
        services.update_meeting(world.users["officer_a"], planned, venue="Nơi khác")
    updated = services.update_meeting(world.users["officer_b"], planned, venue="Sở Tư pháp")
    assert updated.venue == "Sở Tư pháp"
