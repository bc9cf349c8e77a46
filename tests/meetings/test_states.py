"""The phases: planned → held; minutes draft → approved → locked. Locked minutes freeze the meeting's record for
everyone (Phòng TĐKT included), on the pages and in the API."""

from __future__ import annotations

import datetime
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from tdkt.core.actors import SYSTEM
from tdkt.core.models import AuditEntry, Notice
from tdkt.core.worklist import pending_work
from tdkt.meetings import services
from tdkt.meetings.enums import Action, Attendance, MeetingState, MinutesState, Move
from tdkt.meetings.models import AgendaItem, Attendee, Meeting, Minutes

from .conftest import schedule


def _snapshot(meeting):
    """Everything the locked record holds, to compare before and after a refused change."""
    meeting = Meeting.objects.get(pk=meeting.pk)
    return (
        (meeting.title, meeting.venue, meeting.starts_at, meeting.chair_id, meeting.state),
        sorted(Attendee.objects.filter(meeting=meeting).values_list("pk", "full_name", "status", "note")),
        sorted(AgendaItem.objects.filter(meeting=meeting).values_list("pk", "order", "title")),
        Minutes.objects.filter(meeting=meeting).values_list("body", "state").first(),
        sorted(meeting.invited_units.values_list("unit_id", flat=True)),
    )


# --- planned → held ------------------------------------------------------------------------------------------


def test_a_meeting_cannot_be_marked_held_before_it_starts(world, planned):
    with pytest.raises(ValidationError, match="Chưa đến giờ họp"):
        services.mark_held(world.users["block_head"], planned)
    planned.refresh_from_db()
    assert planned.state == MeetingState.PLANNED


def test_held_once_only_and_then_no_invitations_or_unit_changes(world, held):
    with pytest.raises(ValidationError, match="đã được ghi nhận"):
        services.mark_held(world.users["block_head"], held)
    with pytest.raises(ValidationError, match="không gửi giấy mời nữa"):
        services.invite(world.users["block_head"], held)
    with pytest.raises(ValidationError, match="không đổi đơn vị được mời"):
        services.set_invited_units(world.users["block_head"], held, [world.unit_a])
    assert held.invited_units.count() == 2


def test_no_roll_call_nor_minutes_before_the_meeting_is_held(world, planned):
    row = planned.attendees.first()
    with pytest.raises(ValidationError, match="Chỉ điểm danh khi hội nghị đã tổ chức"):
        services.record_attendance(world.users["block_head"], planned, {row.pk: Attendance.PRESENT})
    with pytest.raises(ValidationError, match="chưa ghi được biên bản"):
        services.save_minutes(world.users["block_head"], planned, "Biên bản")
    row.refresh_from_db()
    assert row.status == Attendance.PENDING
    assert not Minutes.objects.exists()


def test_roll_call_rejects_bad_input_and_writes_nothing(world, held):
    rows = list(held.attendees.all())
    first, second = rows[0], rows[1]
    with pytest.raises(ValidationError, match="Trạng thái điểm danh không hợp lệ"):
        services.record_attendance(
            world.users["block_head"], held, {first.pk: Attendance.PRESENT, second.pk: "maybe"}
        )
    with pytest.raises(ValidationError, match="không thuộc danh sách"):
        services.record_attendance(
            world.users["block_head"], held, {first.pk: Attendance.PRESENT, 999999: "present"}
        )
    with pytest.raises(ValidationError, match="không hợp lệ"):
        services.record_attendance(world.users["block_head"], held, {first.pk: Attendance.PENDING})
    assert set(held.attendees.values_list("status", flat=True)) == {Attendance.PENDING}
    assert not AuditEntry.objects.filter(action=Action.ATTENDANCE_RECORDED).exists()


def test_roll_call_summary(world, staff, held):
    statuses = {a.pk: Attendance.PRESENT for a in held.attendees.all()}
    statuses[held.attendees.get(person=staff.deputy_a).pk] = Attendance.EXCUSED
    summary = services.record_attendance(
        world.users["block_head"],
        held,
        statuses,
        {held.attendees.get(person=staff.deputy_a).pk: "Đi công tác"},
    )
    assert summary.line() == "Tham dự: 1 thành viên Hội đồng, 4 đại biểu của 2 đơn vị"
    assert (summary.excused, summary.absent) == (1, 0)
    assert held.attendees.get(person=staff.deputy_a).note == "Đi công tác"


# --- minutes -------------------------------------------------------------------------------------------------


def test_minutes_draft_approve_lock(world, staff, held):
    head = world.users["block_head"]
    minutes = services.save_minutes(head, held, "Biên bản\r\n\r\nNội dung   \n")
    assert minutes.body == "Biên bản\n\nNội dung"
    assert minutes.state == MinutesState.DRAFT
    assert services.approve_minutes(head, held).state == MinutesState.APPROVED
    with pytest.raises(ValidationError, match="trả về dự thảo trước khi sửa"):
        services.save_minutes(head, held, "Sửa lại")
    assert services.lock_minutes(head, held).state == MinutesState.LOCKED
    actions = list(AuditEntry.objects.filter(object_type="meetings.minutes").values_list("action", flat=True))
    assert set(actions) == {Action.MINUTES_SAVED, Action.MINUTES_APPROVED, Action.MINUTES_LOCKED}


def test_one_minutes_per_meeting(world, held):
    services.save_minutes(world.users["block_head"], held, "Bản 1")
    services.save_minutes(world.users["block_head"], held, "Bản 2")
    assert Minutes.objects.filter(meeting=held).count() == 1
    assert Minutes.objects.get(meeting=held).body == "Bản 2"


def test_empty_minutes_are_refused(world, held):
    with pytest.raises(ValidationError, match="Cần nhập nội dung biên bản"):
        services.save_minutes(world.users["block_head"], held, " \n \n")
    assert not Minutes.objects.exists()


def test_only_a_draft_is_approved_and_only_approved_minutes_are_locked(world, held):
    head = world.users["block_head"]
    with pytest.raises(ValidationError, match="chưa có biên bản"):
        services.approve_minutes(head, held)
    services.save_minutes(head, held, "Biên bản")
    with pytest.raises(ValidationError, match="Chỉ khóa được biên bản đã thông qua"):
        services.lock_minutes(head, held)
    with pytest.raises(ValidationError, match="đang là dự thảo"):
        services.reopen_minutes(head, held, "Sửa số liệu")
    assert Minutes.objects.get().state == MinutesState.DRAFT


def test_approved_minutes_go_back_to_draft_with_a_reason_and_the_drafter_is_told(world, staff, held):
    held.secretary = staff.officer_b
    held.save()
    secretary = world.users["officer_b"]
    services.save_minutes(secretary, held, "Dự thảo của thư ký")
    services.approve_minutes(world.users["block_head"], held)
    with pytest.raises(ValidationError, match="Cần nhập lý do"):
        services.reopen_minutes(world.users["block_head"], held, "  ")
    assert Minutes.objects.get().state == MinutesState.APPROVED
    services.reopen_minutes(world.users["block_head"], held, "Bổ sung ý kiến của Sở Tư pháp")
    minutes = Minutes.objects.get()
    assert (minutes.state, minutes.approved_at) == (MinutesState.DRAFT, None)
    titles = list(Notice.objects.filter(recipient=secretary).values_list("title", flat=True))
    assert any(t.startswith("Biên bản được trả về dự thảo") for t in titles)
    assert any(t.startswith("Biên bản đã được thông qua") for t in titles)


def test_the_secretary_drafts_but_does_not_approve(world, staff, held):
    held.secretary = staff.officer_b
    held.save()
    services.save_minutes(world.users["officer_b"], held, "Dự thảo")
    with pytest.raises(PermissionDenied):
        services.approve_minutes(world.users["officer_b"], held)
    assert Minutes.objects.get().state == MinutesState.DRAFT


@pytest.mark.parametrize("persona", ["viewer_a", "officer_b", "council", "officer_c"])
def test_others_may_not_write_minutes(world, held, persona):
    with pytest.raises(PermissionDenied):
        services.save_minutes(world.users[persona], held, "Biên bản")
    assert not Minutes.objects.exists()


# --- locked: nobody changes anything -------------------------------------------------------------------------


def _every_change(meeting, staff):
    row = meeting.attendees.first()
    return {
        "update": lambda actor: services.update_meeting(actor, meeting, venue="Nơi khác"),
        "units": lambda actor: services.set_invited_units(actor, meeting, [meeting.host_unit]),
        "add": lambda actor: services.add_attendee(actor, meeting, person=staff.specialist_a),
        "remove": lambda actor: services.remove_attendee(actor, row),
        "attendance": lambda actor: services.record_attendance(actor, meeting, {row.pk: Attendance.ABSENT}),
        "agenda": lambda actor: services.add_agenda_item(actor, meeting, title="Mục mới"),
        "minutes": lambda actor: services.save_minutes(actor, meeting, "Sửa biên bản"),
        "approve": lambda actor: services.approve_minutes(actor, meeting),
        "reopen": lambda actor: services.reopen_minutes(actor, meeting, "Sửa"),
        "lock": lambda actor: services.lock_minutes(actor, meeting),
    }


@pytest.mark.parametrize("persona", ["admin", "block_head", "leader_a", "system"])
@pytest.mark.parametrize(
    "change",
    ["update", "units", "add", "remove", "attendance", "agenda", "minutes", "approve", "reopen", "lock"],
)
def test_locked_minutes_freeze_the_record_for_everyone(world, staff, locked, persona, change):
    AgendaItem.objects.create(meeting=locked, order=1, title="Báo cáo sơ kết")
    actor = SYSTEM if persona == "system" else world.users[persona]
    before = _snapshot(locked)
    with pytest.raises(ValidationError) as refused:
        _every_change(locked, staff)[change](actor)
    assert "khóa" in " ".join(refused.value.messages)
    assert _snapshot(locked) == before


def test_locked_agenda_items_cannot_be_edited_moved_or_removed(world, locked):
    first = AgendaItem.objects.create(meeting=locked, order=1, title="Khai mạc")
    AgendaItem.objects.create(meeting=locked, order=2, title="Báo cáo")
    before = _snapshot(locked)
    for change in (
        lambda: services.update_agenda_item(world.users["admin"], first, title="Đổi"),
        lambda: services.move_agenda_item(world.users["admin"], first, Move.DOWN),
        lambda: services.remove_agenda_item(world.users["admin"], first),
    ):
        with pytest.raises(ValidationError, match="khóa"):
            change()
    assert _snapshot(locked) == before


def test_a_stale_object_does_not_slip_past_the_lock(world, held):
    stale = Meeting.objects.get(pk=held.pk)  # read before the lock, as a long-open page would
    services.record_attendance(SYSTEM, held, {a.pk: Attendance.PRESENT for a in held.attendees.all()})
    services.save_minutes(SYSTEM, held, "Biên bản")
    services.approve_minutes(SYSTEM, held)
    services.lock_minutes(SYSTEM, held)
    with pytest.raises(ValidationError, match="khóa"):
        services.update_meeting(world.users["block_head"], stale, venue="Nơi khác")


def test_locked_minutes_refused_on_the_pages(world, locked):
    client = world.client("block_head")
    before = _snapshot(locked)
    response = client.post(reverse("meetings:minutes", args=[locked.pk]), {"body": "Sửa"})
    assert response.status_code == 302
    for name in ("minutes_approve", "minutes_lock"):
        client.post(reverse(f"meetings:{name}", args=[locked.pk]))
    client.post(reverse("meetings:minutes_reopen", args=[locked.pk]), {"reason": "Sửa"})
    client.post(reverse("meetings:edit", args=[locked.pk]), {"venue": "Nơi khác"})
    row = locked.attendees.first()
    client.post(reverse("meetings:attendance", args=[locked.pk]), {f"status_{row.pk}": "absent"})
    client.post(reverse("meetings:attendee_remove", args=[locked.pk, row.pk]))
    page = client.get(reverse("meetings:minutes", args=[locked.pk]), follow=True).content.decode()
    assert "Biên bản đã khóa" in page
    assert _snapshot(locked) == before
    assert "<textarea" not in page


@pytest.mark.parametrize("persona", ["admin", "block_head"])
def test_locked_minutes_refused_by_the_api(world, locked, persona):
    client = world.client(persona)
    base = f"/api/v1/meetings/{locked.pk}"
    before = _snapshot(locked)
    calls = [
        client.put(f"{base}/minutes", json.dumps({"body": "Sửa"}), content_type="application/json"),
        client.post(f"{base}/minutes/approve"),
        client.post(f"{base}/minutes/lock"),
        client.post(f"{base}/minutes/reopen", json.dumps({"reason": "Sửa"}), content_type="application/json"),
        client.patch(base, json.dumps({"venue": "Nơi khác"}), content_type="application/json"),
        client.put(
            f"{base}/attendance",
            json.dumps({"entries": [{"attendee_id": locked.attendees.first().pk, "status": "absent"}]}),
            content_type="application/json",
        ),
        client.post(f"{base}/agenda", json.dumps({"title": "Mục mới"}), content_type="application/json"),
        client.delete(f"{base}/attendees/{locked.attendees.first().pk}"),
    ]
    assert [c.status_code for c in calls] == [422] * len(calls)
    assert all("khóa" in c.json()["detail"] for c in calls)
    assert _snapshot(locked) == before


def test_photos_may_still_be_added_after_the_lock(world, locked):
    from .conftest import photo_file

    created = services.upload_photos(
        world.users["block_head"], locked, [(photo_file(), "Toàn cảnh hội nghị")]
    )
    assert len(created) == 1


# --- work queue ----------------------------------------------------------------------------------------------


def _titles(world, persona):
    return [item.title for item in pending_work(world.users[persona])]


def test_organiser_work_queue_follows_the_phases(world, staff):
    head = world.users["block_head"]
    meeting = schedule(
        world,
        when=timezone.now() - datetime.timedelta(hours=2),
        minutes_due=timezone.localdate() + datetime.timedelta(days=5),
    )
    title = meeting.title
    assert f"Gửi giấy mời: {title}" in _titles(world, "block_head")
    assert f"Ghi nhận đã tổ chức: {title}" in _titles(world, "block_head")
    services.invite(head, meeting)
    services.mark_held(head, meeting)
    titles = _titles(world, "block_head")
    assert f"Gửi giấy mời: {title}" not in titles
    assert f"Điểm danh: {title}" in titles and f"Ghi biên bản: {title}" in titles
    services.record_attendance(head, meeting, {a.pk: Attendance.PRESENT for a in meeting.attendees.all()})
    assert f"Điểm danh: {title}" not in _titles(world, "block_head")
    services.save_minutes(head, meeting, "Biên bản")
    item = next(i for i in pending_work(head) if i.title == f"Ghi biên bản: {title}")
    assert item.due == meeting.minutes_due
    assert f"Ghi biên bản: {title}" in _titles(world, "leader_a")  # the head unit's leader shares the duty
    # A viewer of the head unit and the other members have no organiser's duty.
    assert f"Ghi biên bản: {title}" not in _titles(world, "viewer_a")
    assert f"Ghi biên bản: {title}" not in _titles(world, "officer_b")
    services.approve_minutes(head, meeting)
    titles = _titles(world, "block_head")
    assert f"Ghi biên bản: {title}" not in titles and f"Khóa biên bản: {title}" in titles
    services.lock_minutes(head, meeting)
    assert not [t for t in _titles(world, "block_head") if title in t]
