"""Persona tests for every page: who sees (200), who is refused (403), who must not learn the meeting exists
(404), and anonymous users (sent to the login page). Bad input shows a Vietnamese message and changes nothing."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tdkt.core.actors import SYSTEM
from tdkt.meetings import services
from tdkt.meetings.enums import Attendance, AttendeeRole, MeetingState, MinutesState
from tdkt.meetings.models import AgendaItem, Attendee, Meeting, Minutes

from .conftest import photo_file, schedule

PERSONAS = ["admin", "officer_a", "leader_a", "viewer_a", "officer_b", "council", "officer_c"]
READERS = {"admin": 200, "officer_a": 200, "leader_a": 200, "viewer_a": 200, "officer_b": 200, "council": 200}
ORGANISERS = {
    "admin": 200,
    "officer_a": 200,
    "leader_a": 200,
    "viewer_a": 403,
    "officer_b": 403,
    "council": 403,
}


def _expected(table, persona):
    return table.get(persona, 404)  # officer_c's unit is outside the block: the meeting does not exist for it


PAGES = {
    "meetings:detail": READERS,
    "meetings:invitations": READERS,
    "meetings:edit": ORGANISERS,
    "meetings:attendance": ORGANISERS,
    "meetings:agenda": ORGANISERS,
    "meetings:minutes": ORGANISERS,  # a draft is read only by those who write it
    "meetings:photos": ORGANISERS,  # the host unit is the head unit here
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", list(PAGES))
def test_meeting_pages_by_persona(world, held, name, persona):
    response = world.client(persona).get(reverse(name, args=[held.pk]))
    assert response.status_code == _expected(PAGES[name], persona)
    if response.status_code == 200:
        assert "Hội nghị sơ kết" in response.content.decode()


@pytest.mark.parametrize("name", [*PAGES, "meetings:list", "meetings:create"])
def test_anonymous_users_are_sent_to_login(world, held, name):
    args = [] if name in ("meetings:list", "meetings:create") else [held.pk]
    response = world.client("anonymous").get(reverse(name, args=args))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("admin", 200),
        ("officer_a", 200),
        ("leader_a", 200),
        ("viewer_a", 403),
        ("officer_b", 403),
        ("council", 403),
        ("officer_c", 403),
    ],
)
def test_create_page_by_persona(world, persona, status):
    assert world.client(persona).get(reverse("meetings:create")).status_code == status


@pytest.mark.parametrize("persona", PERSONAS)
def test_list_is_scoped(world, held, persona):
    body = world.client(persona).get(reverse("meetings:list")).content.decode()
    assert (held.title in body) is (persona != "officer_c")


def test_list_filters_and_htmx_fragment(world, held):
    client = world.client("officer_a")
    body = client.get(reverse("meetings:list"), {"nam": held.year - 5}).content.decode()
    assert held.title not in body
    fragment = client.get(reverse("meetings:list"), {"loai": "midyear_review"}, HTTP_HX_REQUEST="true")
    assert held.title in fragment.content.decode()
    assert "<html" not in fragment.content.decode()


def test_approved_minutes_are_read_by_every_reader(world, held):
    services.save_minutes(SYSTEM, held, "Hội nghị thống nhất phương hướng 6 tháng cuối năm.")
    assert world.client("officer_b").get(reverse("meetings:minutes", args=[held.pk])).status_code == 403
    assert "phương hướng" not in world.client("officer_b").get(held.get_absolute_url()).content.decode()
    services.approve_minutes(SYSTEM, held)
    for persona in READERS:
        response = world.client(persona).get(reverse("meetings:minutes", args=[held.pk]))
        assert response.status_code == 200
        assert "phương hướng" in response.content.decode()


def test_the_secretary_reaches_the_minutes_form(world, staff, held):
    held.secretary = staff.officer_b
    held.save()
    response = world.client("officer_b").get(reverse("meetings:minutes", args=[held.pk]))
    assert response.status_code == 200
    assert "<textarea" in response.content.decode()


def test_detail_shows_information_attendance_agenda_minutes_and_gallery(world, staff, held):
    services.update_meeting(
        SYSTEM, held, chair=staff.director_a, chair_title="Giám đốc Sở Kế hoạch và Đầu tư"
    )
    services.add_agenda_item(SYSTEM, held, title="Báo cáo sơ kết 6 tháng", presenter=staff.officer_a)
    services.record_attendance(SYSTEM, held, {a.pk: Attendance.PRESENT for a in held.attendees.all()})
    services.save_minutes(SYSTEM, held, "Biên bản hội nghị.")
    services.approve_minutes(SYSTEM, held)
    services.upload_photos(SYSTEM, held, [(photo_file(), "Quang cảnh Hội nghị")])
    body = world.client("officer_b").get(held.get_absolute_url()).content.decode()
    assert "Tham dự: 1 thành viên Hội đồng, 5 đại biểu của 2 đơn vị" in body
    assert "Trần Văn An, Giám đốc Sở Kế hoạch và Đầu tư" in body
    assert "Báo cáo sơ kết 6 tháng" in body and "Đặng Thị Ánh Tuyết" in body
    assert "Biên bản hội nghị." in body
    assert (
        "Quang cảnh Hội nghị" in body
        and reverse("meetings:photo_thumbnail", args=[held.photos.get().pk]) in body
    )
    assert "style=" not in body and "<script>" not in body


def test_invitation_list_is_printable_with_unit_person_and_position(world, staff, planned):
    body = world.client("officer_b").get(reverse("meetings:invitations", args=[planned.pk])).content.decode()
    assert "DANH SÁCH ĐẠI BIỂU DỰ HỘI NGHỊ" in body
    for text in (
        "Sở Tư pháp",
        "Nguyễn Văn Bình",
        "Giám đốc",
        "Thành viên Hội đồng Thi đua - Khen thưởng tỉnh",
    ):
        assert text in body
    assert "Gửi giấy mời" not in body  # not the organiser
    assert (
        "Gửi giấy mời"
        in world.client("officer_a").get(reverse("meetings:invitations", args=[planned.pk])).content.decode()
    )


# --- writes through the pages --------------------------------------------------------------------------------


def _form(**values):
    return {
        "kind": "midyear_review",
        "block": "",
        "year": "",
        "title": "",
        "host_unit": "",
        "venue": "Sở Kế hoạch và Đầu tư",
        "starts_at": "",
        "ends_at": "",
        "minutes_due": "",
        "notes": "",
        **values,
    }


def test_create_through_the_page(world, staff):
    year = world.block.memberships.first().year
    starts = (timezone.localtime() + datetime.timedelta(days=10)).replace(hour=8, minute=0)
    data = _form(
        block=world.block.pk,
        year=year,
        host_unit=world.unit_a.pk,
        starts_at=starts.strftime("%Y-%m-%dT%H:%M"),
    )
    response = world.client("officer_a").post(reverse("meetings:create"), data)
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "meetings:invitations", args=[meeting.pk]
    )
    assert timezone.localtime(meeting.starts_at).hour == 8
    assert meeting.attendees.count() == 6


def test_create_refuses_bad_input_with_a_vietnamese_message(world, staff):
    year = world.block.memberships.first().year
    client = world.client("officer_a")
    starts = (timezone.localtime() + datetime.timedelta(days=10)).strftime("%Y-%m-%dT%H:%M")
    cases = [
        (
            _form(block=world.block.pk, year=year, host_unit=world.unit_a.pk, starts_at=starts, venue="  "),
            "Cần nhập địa điểm",
        ),
        (
            _form(block="", year=year, host_unit=world.unit_a.pk, starts_at=starts),
            "Cần chọn khối, cụm thi đua",
        ),
        (
            _form(block=world.block.pk, year=year - 5, host_unit=world.unit_a.pk, starts_at=starts),
            "Khối trưởng, Khối phó",
        ),
        (
            _form(
                block=world.block.pk,
                year=year,
                host_unit=world.unit_a.pk,
                starts_at=starts,
                ends_at=(timezone.localtime() + datetime.timedelta(days=9)).strftime("%Y-%m-%dT%H:%M"),
            ),
            "Thời gian kết thúc phải sau",
        ),
    ]
    for data, message in cases:
        response = client.post(reverse("meetings:create"), data)
        assert response.status_code == 200
        assert message in response.content.decode()
    assert not Meeting.objects.exists()


@pytest.mark.parametrize(
    ("persona", "status"), [("officer_a", 302), ("viewer_a", 403), ("officer_b", 403), ("officer_c", 404)]
)
def test_edit_by_persona(world, planned, persona, status):
    response = world.client(persona).post(
        reverse("meetings:edit", args=[planned.pk]),
        {
            "title": planned.title,
            "host_unit": world.unit_a.pk,
            "venue": "Phòng họp tầng 2",
            "starts_at": timezone.localtime(planned.starts_at).strftime("%Y-%m-%dT%H:%M"),
        },
    )
    assert response.status_code == status
    planned.refresh_from_db()
    assert (planned.venue == "Phòng họp tầng 2") is (status == 302)


@pytest.mark.parametrize(
    ("persona", "status"), [("leader_a", 302), ("viewer_a", 403), ("council", 403), ("officer_c", 404)]
)
def test_hold_by_persona(world, staff, persona, status):
    meeting = schedule(world, when=timezone.now() - datetime.timedelta(hours=1))
    response = world.client(persona).post(reverse("meetings:hold", args=[meeting.pk]))
    assert response.status_code == status
    meeting.refresh_from_db()
    assert (meeting.state == MeetingState.HELD) is (status == 302)


def test_hold_before_the_start_shows_the_reason(world, planned):
    response = world.client("officer_a").post(reverse("meetings:hold", args=[planned.pk]), follow=True)
    assert "Chưa đến giờ họp" in response.content.decode()
    planned.refresh_from_db()
    assert planned.state == MeetingState.PLANNED


@pytest.mark.parametrize(("persona", "status"), [("officer_a", 302), ("officer_b", 403), ("officer_c", 404)])
def test_send_invitations_by_persona(world, planned, persona, status):
    response = world.client(persona).post(reverse("meetings:invitations_send", args=[planned.pk]))
    assert response.status_code == status
    assert planned.attendees.filter(notified_at__isnull=False).exists() is (status == 302)


def test_attendance_form_records_the_roll_call(world, staff, held):
    rows = list(held.attendees.all())
    data = {f"status_{a.pk}": "present" for a in rows}
    absent = held.attendees.get(person=staff.director_b)
    data[f"status_{absent.pk}"] = "excused"
    data[f"note_{absent.pk}"] = "Họp UBND tỉnh"
    response = world.client("officer_a").post(reverse("meetings:attendance", args=[held.pk]), data)
    assert response.status_code == 302
    absent.refresh_from_db()
    assert (absent.status, absent.note) == (Attendance.EXCUSED, "Họp UBND tỉnh")


def test_attendance_form_needs_a_choice_for_everyone_and_saves_nothing_otherwise(world, held):
    rows = list(held.attendees.all())
    data = {f"status_{a.pk}": "present" for a in rows[1:]}
    data[f"status_{rows[2].pk}"] = "maybe"
    response = world.client("officer_a").post(reverse("meetings:attendance", args=[held.pk]), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Chọn có mặt, vắng hoặc vắng có lý do." in body
    assert set(held.attendees.values_list("status", flat=True)) == {Attendance.PENDING}


def test_attendance_page_before_the_meeting_explains(world, planned):
    response = world.client("officer_a").get(reverse("meetings:attendance", args=[planned.pk]), follow=True)
    assert "chưa được ghi nhận là đã tổ chức" in response.content.decode()


def test_attendance_form_uses_radio_buttons(world, held):
    body = world.client("officer_a").get(reverse("meetings:attendance", args=[held.pk])).content.decode()
    assert body.count('type="radio"') == 3 * held.attendees.count()


def test_add_a_delegate_on_the_day_from_the_attendance_page(world, staff, held):
    response = world.client("officer_a").post(
        reverse("meetings:attendee_add", args=[held.pk]),
        {"person": staff.specialist_a.pk, "role": AttendeeRole.DELEGATE, "next": "attendance"},
    )
    assert response["Location"] == reverse("meetings:attendance", args=[held.pk])
    row = held.attendees.get(person=staff.specialist_a)
    assert (row.invited, row.status) == (False, Attendance.PRESENT)


def test_adding_nobody_shows_a_message(world, planned):
    before = planned.attendees.count()
    response = world.client("officer_a").post(
        reverse("meetings:attendee_add", args=[planned.pk]), {"role": "delegate"}, follow=True
    )
    assert "Chọn một cán bộ hoặc nhập họ và tên khách mời." in response.content.decode()
    assert planned.attendees.count() == before


@pytest.mark.parametrize(("persona", "status"), [("officer_a", 302), ("officer_b", 403), ("officer_c", 404)])
def test_remove_attendee_by_persona(world, staff, planned, persona, status):
    row = planned.attendees.get(person=staff.officer_b)
    response = world.client(persona).post(reverse("meetings:attendee_remove", args=[planned.pk, row.pk]))
    assert response.status_code == status
    assert Attendee.objects.filter(pk=row.pk).exists() is (status != 302)


def test_invited_units_form(world, planned):
    response = world.client("officer_a").post(
        reverse("meetings:invited_units", args=[planned.pk]),
        {"units": [world.unit_a.pk], "extra_unit": world.unit_c.pk},
    )
    assert response.status_code == 302
    assert set(planned.invited_units.values_list("unit_id", flat=True)) == {world.unit_a.pk, world.unit_c.pk}


def test_agenda_add_move_edit_remove(world, staff, planned):
    client = world.client("officer_a")
    url = reverse("meetings:agenda", args=[planned.pk])
    for title in ("Khai mạc", "Báo cáo sơ kết", "Thảo luận"):
        assert client.post(url, {"title": title, "presenter_text": "Khối trưởng"}).status_code == 302
    items = list(AgendaItem.objects.filter(meeting=planned).order_by("order"))
    response = client.post(
        reverse("meetings:agenda_item_move", args=[planned.pk, items[2].pk]),
        {"huong": "up"},
        HTTP_HX_REQUEST="true",
    )
    assert "<html" not in response.content.decode()
    assert list(
        AgendaItem.objects.filter(meeting=planned).order_by("order").values_list("title", flat=True)
    ) == ["Khai mạc", "Thảo luận", "Báo cáo sơ kết"]
    client.post(
        reverse("meetings:agenda_item_edit", args=[planned.pk, items[1].pk]),
        {"title": "Báo cáo sơ kết 6 tháng", "presenter": staff.officer_a.pk},
    )
    items[1].refresh_from_db()
    assert (items[1].title, items[1].presenter) == ("Báo cáo sơ kết 6 tháng", staff.officer_a)
    client.post(reverse("meetings:agenda_item_remove", args=[planned.pk, items[0].pk]))
    assert list(
        AgendaItem.objects.filter(meeting=planned).order_by("order").values_list("order", "title")
    ) == [(1, "Thảo luận"), (2, "Báo cáo sơ kết 6 tháng")]


def test_agenda_refuses_an_empty_title_and_a_presenter_off_the_list(world, staff, planned):
    client = world.client("officer_a")
    url = reverse("meetings:agenda", args=[planned.pk])
    response = client.post(url, {"title": "   "})
    assert response.status_code == 200 and "Cần nhập nội dung" in response.content.decode()
    assert not AgendaItem.objects.exists()


@pytest.mark.parametrize(("persona", "status"), [("viewer_a", 403), ("officer_b", 403), ("officer_c", 404)])
def test_agenda_writes_refused_to_others(world, planned, persona, status):
    item = services.add_agenda_item(SYSTEM, planned, title="Khai mạc")
    client = world.client(persona)
    assert client.post(reverse("meetings:agenda", args=[planned.pk]), {"title": "Khác"}).status_code == status
    assert (
        client.post(reverse("meetings:agenda_item_remove", args=[planned.pk, item.pk])).status_code == status
    )
    assert (
        client.post(
            reverse("meetings:agenda_item_move", args=[planned.pk, item.pk]), {"huong": "down"}
        ).status_code
        == status
    )
    assert list(AgendaItem.objects.values_list("title", flat=True)) == ["Khai mạc"]


def test_minutes_form_starts_from_an_outline(world, staff, held):
    services.add_agenda_item(SYSTEM, held, title="Báo cáo sơ kết 6 tháng")
    services.record_attendance(SYSTEM, held, {a.pk: Attendance.PRESENT for a in held.attendees.all()})
    body = world.client("officer_a").get(reverse("meetings:minutes", args=[held.pk])).content.decode()
    assert "BIÊN BẢN" in body and "1. Báo cáo sơ kết 6 tháng" in body
    assert "Thành phần tham dự: 1 thành viên Hội đồng, 5 đại biểu của 2 đơn vị." in body
    assert "- Lê Minh Châu, Giám đốc Sở Y tế\n" in body
    assert "- Nguyễn Văn Bình, Giám đốc, Sở Tư pháp\n" in body


def test_minutes_through_the_pages(world, held):
    client = world.client("officer_a")
    url = reverse("meetings:minutes", args=[held.pk])
    assert client.post(url, {"body": "Biên bản hội nghị"}).status_code == 302
    client.post(reverse("meetings:minutes_approve", args=[held.pk]))
    assert Minutes.objects.get().state == MinutesState.APPROVED
    response = client.post(reverse("meetings:minutes_reopen", args=[held.pk]), {"reason": ""}, follow=True)
    assert "Cần nhập lý do" in response.content.decode()
    assert Minutes.objects.get().state == MinutesState.APPROVED
    client.post(reverse("meetings:minutes_lock", args=[held.pk]))
    assert Minutes.objects.get().state == MinutesState.LOCKED


@pytest.mark.parametrize(("persona", "status"), [("viewer_a", 403), ("council", 403), ("officer_c", 404)])
def test_minutes_transitions_refused_to_others(world, held, persona, status):
    services.save_minutes(SYSTEM, held, "Biên bản")
    client = world.client(persona)
    assert client.post(reverse("meetings:minutes_approve", args=[held.pk])).status_code == status
    assert Minutes.objects.get().state == MinutesState.DRAFT


def test_pages_send_no_inline_script_or_style(world, held):
    client = world.client("officer_a")
    for name in PAGES:
        body = client.get(reverse(name, args=[held.pk])).content.decode()
        assert "<script>" not in body and "style=" not in body, name


def test_admin_shows_meetings_read_only(world, held):
    client = world.client("admin")
    assert client.get(reverse("admin:meetings_meeting_changelist")).status_code == 200
    page = client.get(reverse("admin:meetings_meeting_change", args=[held.pk]))
    assert page.status_code == 200 and "Lê Minh Châu" in page.content.decode()
    assert (
        client.post(reverse("admin:meetings_meeting_change", args=[held.pk]), {"venue": "X"}).status_code
        == 403
    )
    assert world.client("officer_a").get(reverse("admin:meetings_meeting_changelist")).status_code == 302
