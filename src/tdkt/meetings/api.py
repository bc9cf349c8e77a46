"""The meetings endpoints of the API: thin wrappers over the same services and queries as the pages.

Meetings are reached through :func:`meetings_for_user`, so one the user may not see is a 404; a refused action is
a 403 (who) or a 422 with the Vietnamese reason (phase, bad input).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Router, Schema, Status, UploadedFile
from ninja.pagination import PageNumberPagination, paginate

from tdkt.emulation.models import Pledge
from tdkt.emulation.queries import pledges_for_user
from tdkt.meetings import services
from tdkt.meetings.enums import MeetingKind, MinutesState
from tdkt.meetings.models import AgendaItem, Attendee, Meeting, Minutes, Photo
from tdkt.meetings.queries import (
    agenda_of,
    attendance_summary,
    attendees_of,
    invited_units_of,
    meeting_summary,
    meetings_for_user,
    photos_for_user,
    photos_of,
)
from tdkt.org.models import EmulationBlock, Person, Unit
from tdkt.org.queries import blocks_for_user, units_for_user
from tdkt.reports.models import BlockReport
from tdkt.reports.queries import block_reports_for_user

router = Router(tags=["meetings"])
PAGE_SIZE = 30


# --- schemas -------------------------------------------------------------------------------------------------


class MeetingRow(Schema):
    id: int
    kind: str
    kind_label: str
    title: str
    block_id: int | None
    block: str | None
    year: int
    host_unit_id: int
    host_unit: str
    venue: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime | None
    state: str
    minutes_state: str | None
    url: str

    @staticmethod
    def resolve_kind_label(obj: Meeting) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_block(obj: Meeting) -> str | None:
        return obj.block.name if obj.block_id is not None and obj.block else None

    @staticmethod
    def resolve_host_unit(obj: Meeting) -> str:
        return obj.host_unit.name

    @staticmethod
    def resolve_minutes_state(obj: Meeting) -> str | None:
        minutes = obj.current_minutes
        return minutes.state if minutes is not None else None

    @staticmethod
    def resolve_url(obj: Meeting) -> str:
        return obj.get_absolute_url()


class AttendeeOut(Schema):
    id: int
    person_id: int | None
    full_name: str
    unit_id: int | None
    unit_name: str
    position_title: str
    role: str
    invited: bool
    invitation_sent: bool
    status: str
    note: str

    @staticmethod
    def resolve_invitation_sent(obj: Attendee) -> bool:
        return obj.notified_at is not None


class AgendaItemOut(Schema):
    id: int
    order: int
    title: str
    presenter_id: int | None
    presenter_text: str
    presenter: str
    notes: str
    pledge_id: int | None
    pledge: str | None
    block_report_id: int | None
    block_report: str | None

    @staticmethod
    def resolve_presenter(obj: AgendaItem) -> str:
        return obj.presenter_label

    @staticmethod
    def resolve_pledge(obj: AgendaItem) -> str | None:
        return obj.pledge_label or None

    @staticmethod
    def resolve_block_report(obj: AgendaItem) -> str | None:
        return obj.block_report_label or None


class PhotoOut(Schema):
    id: int
    order: int
    caption: str
    width: int
    height: int
    image_url: str
    thumbnail_url: str

    @staticmethod
    def resolve_image_url(obj: Photo) -> str:
        return obj.get_absolute_url()

    @staticmethod
    def resolve_thumbnail_url(obj: Photo) -> str:
        return obj.thumbnail_url


class MinutesOut(Schema):
    state: str
    body: str | None = None
    approved_at: datetime.datetime | None = None
    locked_at: datetime.datetime | None = None


class MeetingOut(MeetingRow):
    """One meeting with its list, agenda, minutes and photos (gathered by :func:`_detail`)."""

    chair_id: int | None
    chair_title: str
    secretary_id: int | None
    minutes_due: datetime.date | None
    notes: str
    invitations_sent_at: datetime.datetime | None
    invited_unit_ids: list[int]
    attendance: str
    attendees: list[AttendeeOut]
    agenda: list[AgendaItemOut]
    minutes: MinutesOut | None
    photos: list[PhotoOut]

    @staticmethod
    def resolve_invited_unit_ids(obj: Any) -> list[int]:
        return list(obj.api_invited_unit_ids)

    @staticmethod
    def resolve_attendance(obj: Any) -> str:
        return str(obj.api_attendance)

    @staticmethod
    def resolve_attendees(obj: Any) -> list[Attendee]:
        return list(obj.api_attendees)

    @staticmethod
    def resolve_agenda(obj: Any) -> list[AgendaItem]:
        return list(obj.api_agenda)

    @staticmethod
    def resolve_minutes(obj: Any) -> MinutesOut | None:
        minutes: MinutesOut | None = obj.api_minutes
        return minutes

    @staticmethod
    def resolve_photos(obj: Any) -> list[Photo]:
        return list(obj.api_photos)


class MeetingIn(Schema):
    kind: str
    block_id: int | None = None
    year: int
    host_unit_id: int
    venue: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime | None = None
    title: str = ""
    minutes_due: datetime.date | None = None
    notes: str = ""
    #: default: the block's member units in the year
    invited_unit_ids: list[int] | None = None


class MeetingPatch(Schema):
    title: str | None = None
    host_unit_id: int | None = None
    venue: str | None = None
    starts_at: datetime.datetime | None = None
    ends_at: datetime.datetime | None = None
    chair_id: int | None = None
    chair_title: str | None = None
    secretary_id: int | None = None
    minutes_due: datetime.date | None = None
    notes: str | None = None


class InvitedUnitsIn(Schema):
    unit_ids: list[int]


class AttendeeIn(Schema):
    person_id: int | None = None
    full_name: str = ""
    unit_name: str = ""
    position_title: str = ""
    role: str = "delegate"
    note: str = ""


class InvitationsOut(Schema):
    invited: int


class AttendanceEntry(Schema):
    attendee_id: int
    status: str
    note: str | None = None


class AttendanceIn(Schema):
    entries: list[AttendanceEntry]


class AttendanceOut(Schema):
    summary: str
    attendees: list[AttendeeOut]


class AgendaItemIn(Schema):
    title: str
    presenter_id: int | None = None
    presenter_text: str = ""
    notes: str = ""
    pledge_id: int | None = Field(None, description="Giao ước thi đua của cùng khối và năm với hội nghị.")
    block_report_id: int | None = Field(None, description="Báo cáo của Khối, cùng khối và năm với hội nghị.")


class AgendaItemPatch(Schema):
    """Only the fields given change; ``null`` for ``presenter_id``, ``pledge_id`` or ``block_report_id`` unlinks."""

    title: str | None = None
    presenter_id: int | None = None
    presenter_text: str | None = None
    notes: str | None = None
    pledge_id: int | None = None
    block_report_id: int | None = None


class MinutesIn(Schema):
    body: str


class ReopenIn(Schema):
    reason: str


class CaptionIn(Schema):
    caption: str


class MeetingSummaryOut(Schema):
    meeting_id: int
    title: str
    kind: str
    date: datetime.date
    starts_at: datetime.datetime
    venue: str
    host_unit: str
    block: str
    chair: str
    chair_title: str
    present_by_role: dict[str, int]
    units_present: list[str]
    council_members_present: list[str]
    council_member_present: bool
    attendance: str


# --- helpers -------------------------------------------------------------------------------------------------


def _meeting(request: HttpRequest, meeting_id: int) -> Meeting:
    return get_object_or_404(
        meetings_for_user(request.user).select_related("chair", "secretary"), pk=meeting_id
    )


def _minutes_out(request: HttpRequest, meeting: Meeting, minutes: Minutes | None) -> MinutesOut | None:
    if minutes is None:
        return None
    # A draft is read only by those who write it.
    readable = minutes.state != MinutesState.DRAFT or request.user.has_perm("meetings.write_minutes", meeting)
    return MinutesOut(
        state=minutes.state,
        body=minutes.body if readable else None,
        approved_at=minutes.approved_at,
        locked_at=minutes.locked_at,
    )


def _detail(request: HttpRequest, meeting_id: int) -> Meeting:
    """The meeting, re-read through the user's visibility, with what :class:`MeetingOut` shows attached."""
    meeting: Any = _meeting(request, meeting_id)
    attendees = list(attendees_of(meeting))
    meeting.api_invited_unit_ids = [unit.pk for unit in invited_units_of(meeting)]
    meeting.api_attendance = attendance_summary(attendees).line()
    meeting.api_attendees = attendees
    meeting.api_agenda = list(agenda_of(meeting))
    meeting.api_minutes = _minutes_out(request, meeting, meeting.current_minutes)
    meeting.api_photos = list(photos_of(meeting))
    return meeting


def _unit(request: HttpRequest, unit_id: int, field: str) -> Unit:
    unit = units_for_user(request.user).filter(pk=unit_id).first()
    if unit is None:
        raise ValidationError({field: _("Không tìm thấy đơn vị.")})
    return unit


def _block(request: HttpRequest, block_id: int | None) -> EmulationBlock | None:
    if block_id is None:
        return None
    block = blocks_for_user(request.user).filter(pk=block_id).first()
    if block is None:
        raise ValidationError({"block_id": _("Không tìm thấy khối, cụm thi đua.")})
    return block


def _person(person_id: int | None, field: str) -> Person | None:
    """A person named by id; the services decide whether they may be used here (an unknown id reads the same as
    one that may not be used, so the API reveals nothing about people it does not show)."""
    if person_id is None:
        return None
    person = Person.objects.select_related("unit").filter(pk=person_id).first()
    if person is None:
        raise ValidationError({field: str(services.NOT_LISTABLE)})
    return person


def _pledge(request: HttpRequest, pledge_id: int | None) -> Pledge | None:
    """A pledge the user may read (else 422, as for an unknown id); the service checks block and year."""
    if pledge_id is None:
        return None
    pledge = pledges_for_user(request.user).filter(pk=pledge_id).first()
    if pledge is None:
        raise ValidationError({"pledge_id": _("Không tìm thấy giao ước thi đua.")})
    return pledge


def _block_report(request: HttpRequest, report_id: int | None) -> BlockReport | None:
    """A consolidated report the user may read (else 422); the service checks block and year."""
    if report_id is None:
        return None
    report = block_reports_for_user(request.user).filter(pk=report_id).first()
    if report is None:
        raise ValidationError({"block_report_id": _("Không tìm thấy báo cáo của Khối.")})
    return report


# --- meetings ------------------------------------------------------------------------------------------------


@router.get("/", response=list[MeetingRow], summary="Hội nghị (những hội nghị tôi được xem)")
@paginate(PageNumberPagination, page_size=PAGE_SIZE)
def list_meetings(
    request: HttpRequest, year: int | None = None, block_id: int | None = None, kind: str | None = None
) -> Any:
    meetings = meetings_for_user(request.user)
    if year is not None:
        meetings = meetings.filter(year=year)
    if block_id is not None:
        meetings = meetings.filter(block_id=block_id)
    if kind in MeetingKind.values:
        meetings = meetings.filter(kind=kind)
    return meetings.order_by("-starts_at", "-pk")


@router.get("/{meeting_id}", response=MeetingOut, summary="Một hội nghị")
def get_meeting(request: HttpRequest, meeting_id: int) -> Any:
    return _detail(request, meeting_id)


@router.get("/{meeting_id}/summary", response=MeetingSummaryOut, summary="Tóm tắt hội nghị (để viết tin)")
def get_summary(request: HttpRequest, meeting_id: int) -> Any:
    summary = meeting_summary(_meeting(request, meeting_id))
    return {
        **summary.__dict__,
        "council_member_present": summary.council_member_present,
        "attendance": summary.attendance.line() if summary.attendance else "",
    }


@router.post("/", response={201: MeetingOut}, summary="Lên lịch hội nghị")
def create_meeting(request: HttpRequest, payload: MeetingIn) -> Any:
    units = None
    if payload.invited_unit_ids is not None:
        units = [_unit(request, pk, "invited_unit_ids") for pk in dict.fromkeys(payload.invited_unit_ids)]
    meeting = services.create_meeting(
        request.user,
        kind=payload.kind,
        block=_block(request, payload.block_id),
        year=payload.year,
        host_unit=_unit(request, payload.host_unit_id, "host_unit_id"),
        venue=payload.venue,
        starts_at=payload.starts_at,
        ends_at=payload.ends_at,
        title=payload.title,
        minutes_due=payload.minutes_due,
        notes=payload.notes,
        invited_units=units,
    )
    return Status(201, _detail(request, meeting.pk))


@router.patch("/{meeting_id}", response=MeetingOut, summary="Sửa thông tin hội nghị")
def update_meeting(request: HttpRequest, meeting_id: int, payload: MeetingPatch) -> Any:
    meeting = _meeting(request, meeting_id)
    given = payload.dict(exclude_unset=True)
    changes: dict[str, Any] = {}
    for name, value in given.items():
        if name == "host_unit_id":
            changes["host_unit"] = _unit(request, value, name) if value is not None else None
        elif name in ("chair_id", "secretary_id"):
            changes[name.removesuffix("_id")] = _person(value, name)
        elif value is not None or name in ("ends_at", "minutes_due"):
            changes[name] = value
    services.update_meeting(request.user, meeting, **changes)
    return _detail(request, meeting.pk)


@router.put("/{meeting_id}/invited-units", response=MeetingOut, summary="Chọn đơn vị được mời")
def set_invited_units(request: HttpRequest, meeting_id: int, payload: InvitedUnitsIn) -> Any:
    meeting = _meeting(request, meeting_id)
    units = [_unit(request, pk, "unit_ids") for pk in dict.fromkeys(payload.unit_ids)]
    services.set_invited_units(request.user, meeting, units)
    return _detail(request, meeting.pk)


@router.post("/{meeting_id}/attendees", response={201: AttendeeOut}, summary="Thêm người vào danh sách")
def add_attendee(request: HttpRequest, meeting_id: int, payload: AttendeeIn) -> Any:
    meeting = _meeting(request, meeting_id)
    attendee = services.add_attendee(
        request.user,
        meeting,
        person=_person(payload.person_id, "person_id"),
        full_name=payload.full_name,
        unit_name=payload.unit_name,
        position_title=payload.position_title,
        role=payload.role,
        note=payload.note,
    )
    return Status(201, attendee)


@router.delete("/{meeting_id}/attendees/{attendee_id}", response={204: None}, summary="Bỏ khỏi danh sách")
def remove_attendee(request: HttpRequest, meeting_id: int, attendee_id: int) -> Any:
    meeting = _meeting(request, meeting_id)
    services.remove_attendee(request.user, get_object_or_404(Attendee, pk=attendee_id, meeting=meeting))
    return Status(204, None)


@router.post("/{meeting_id}/invitations", response=InvitationsOut, summary="Gửi giấy mời")
def send_invitations(request: HttpRequest, meeting_id: int) -> Any:
    return {"invited": services.invite(request.user, _meeting(request, meeting_id))}


@router.post("/{meeting_id}/held", response=MeetingOut, summary="Ghi nhận đã tổ chức")
def mark_held(request: HttpRequest, meeting_id: int) -> Any:
    services.mark_held(request.user, _meeting(request, meeting_id))
    return _detail(request, meeting_id)


@router.put("/{meeting_id}/attendance", response=AttendanceOut, summary="Điểm danh")
def set_attendance(request: HttpRequest, meeting_id: int, payload: AttendanceIn) -> Any:
    meeting = _meeting(request, meeting_id)
    statuses = {entry.attendee_id: entry.status for entry in payload.entries}
    notes = {entry.attendee_id: entry.note for entry in payload.entries if entry.note is not None}
    summary = services.record_attendance(request.user, meeting, statuses, notes)
    return {"summary": summary.line(), "attendees": list(attendees_of(meeting))}


# --- agenda --------------------------------------------------------------------------------------------------


def _agenda_item(request: HttpRequest, meeting_id: int, item_id: int) -> AgendaItem:
    return get_object_or_404(AgendaItem, pk=item_id, meeting=_meeting(request, meeting_id))


@router.post("/{meeting_id}/agenda", response={201: AgendaItemOut}, summary="Thêm mục chương trình")
def add_agenda_item(request: HttpRequest, meeting_id: int, payload: AgendaItemIn) -> Any:
    item = services.add_agenda_item(
        request.user,
        _meeting(request, meeting_id),
        title=payload.title,
        presenter=_person(payload.presenter_id, "presenter_id"),
        presenter_text=payload.presenter_text,
        notes=payload.notes,
        pledge=_pledge(request, payload.pledge_id),
        block_report=_block_report(request, payload.block_report_id),
    )
    return Status(201, item)


@router.patch("/{meeting_id}/agenda/{item_id}", response=AgendaItemOut, summary="Sửa mục chương trình")
def update_agenda_item(request: HttpRequest, meeting_id: int, item_id: int, payload: AgendaItemPatch) -> Any:
    item = _agenda_item(request, meeting_id, item_id)
    changes: dict[str, Any] = {}
    for name, value in payload.dict(exclude_unset=True).items():
        if name == "presenter_id":
            changes["presenter"] = _person(value, name)
        elif name == "pledge_id":
            changes["pledge"] = _pledge(request, value)
        elif name == "block_report_id":
            changes["block_report"] = _block_report(request, value)
        elif value is not None:
            changes[name] = value
    return services.update_agenda_item(request.user, item, **changes)


@router.delete("/{meeting_id}/agenda/{item_id}", response={204: None}, summary="Xóa mục chương trình")
def remove_agenda_item(request: HttpRequest, meeting_id: int, item_id: int) -> Any:
    services.remove_agenda_item(request.user, _agenda_item(request, meeting_id, item_id))
    return Status(204, None)


# --- minutes -------------------------------------------------------------------------------------------------


@router.put("/{meeting_id}/minutes", response=MinutesOut, summary="Ghi (sửa) dự thảo biên bản")
def save_minutes(request: HttpRequest, meeting_id: int, payload: MinutesIn) -> Any:
    meeting = _meeting(request, meeting_id)
    return _minutes_out(request, meeting, services.save_minutes(request.user, meeting, payload.body))


@router.post("/{meeting_id}/minutes/approve", response=MinutesOut, summary="Thông qua biên bản")
def approve_minutes(request: HttpRequest, meeting_id: int) -> Any:
    meeting = _meeting(request, meeting_id)
    return _minutes_out(request, meeting, services.approve_minutes(request.user, meeting))


@router.post("/{meeting_id}/minutes/reopen", response=MinutesOut, summary="Trả biên bản về dự thảo")
def reopen_minutes(request: HttpRequest, meeting_id: int, payload: ReopenIn) -> Any:
    meeting = _meeting(request, meeting_id)
    return _minutes_out(request, meeting, services.reopen_minutes(request.user, meeting, payload.reason))


@router.post("/{meeting_id}/minutes/lock", response=MinutesOut, summary="Khóa biên bản")
def lock_minutes(request: HttpRequest, meeting_id: int) -> Any:
    meeting = _meeting(request, meeting_id)
    return _minutes_out(request, meeting, services.lock_minutes(request.user, meeting))


# --- photos --------------------------------------------------------------------------------------------------


@router.post("/{meeting_id}/photos", response={201: list[PhotoOut]}, summary="Tải ảnh hội nghị (nhiều ảnh)")
def upload_photos(
    request: HttpRequest,
    meeting_id: int,
    photos: File[list[UploadedFile]],
    captions: Form[list[str] | None] = None,
) -> Any:
    meeting = _meeting(request, meeting_id)
    given = list(captions or [])
    batch = [(upload, given[i] if i < len(given) else "") for i, upload in enumerate(photos)]
    return Status(201, services.upload_photos(request.user, meeting, batch))


def _photo(request: HttpRequest, meeting_id: int, photo_id: int) -> Photo:
    return get_object_or_404(photos_for_user(request.user), pk=photo_id, meeting_id=meeting_id)


@router.patch("/{meeting_id}/photos/{photo_id}", response=PhotoOut, summary="Sửa chú thích ảnh")
def update_photo(request: HttpRequest, meeting_id: int, photo_id: int, payload: CaptionIn) -> Any:
    return services.update_photo(request.user, _photo(request, meeting_id, photo_id), caption=payload.caption)


@router.delete("/{meeting_id}/photos/{photo_id}", response={204: None}, summary="Xóa ảnh")
def remove_photo(request: HttpRequest, meeting_id: int, photo_id: int) -> Any:
    services.remove_photo(request.user, _photo(request, meeting_id, photo_id))
    return Status(204, None)
