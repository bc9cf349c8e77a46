"""Writes of meetings. One function per transition, in one transaction: re-read the meeting under a row lock,
check the permission (403) and the phase (422 with the reason), validate, write, audit, notify.

The phases: a meeting is planned, then held. Its minutes are a draft, then approved (which may go back to
draft with a reason), then locked — and locked minutes freeze the whole record they describe (information,
list, attendance, agenda) for everyone, Phòng TĐKT included. Photos are not part of the record: the host unit
may add them later for the news.
"""

from __future__ import annotations

import datetime
import os
import uuid
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import File
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.db import transaction
from django.db.models import Max, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from tdkt import vn
from tdkt.core.audit import log_action, snapshot
from tdkt.core.images import ProcessedImage, process_photo
from tdkt.core.notify import notify
from tdkt.emulation.models import Pledge
from tdkt.meetings.enums import (
    RECORDED_ATTENDANCE,
    Action,
    Attendance,
    AttendeeRole,
    MeetingKind,
    MeetingState,
    MinutesState,
    Move,
)
from tdkt.meetings.models import AgendaItem, Attendee, InvitedUnit, Meeting, Minutes, Photo, default_title
from tdkt.meetings.queries import (
    AttendanceSummary,
    Invitee,
    addable_people,
    attendance_summary,
    block_member_units,
    default_invitees,
    snapshot_of,
)
from tdkt.org.models import BlockMembership, EmulationBlock, Person, Unit
from tdkt.reports.models import BlockReport

#: Only people of the invited units, of the host unit, or of the council are put on a list by name (a guest from
#: elsewhere is added by name and unit as text): the list shows each person's position, which is not everyone's
#: to look up.
NOT_LISTABLE = _lazy(
    "Chỉ thêm được cán bộ đang công tác của các đơn vị được mời, của đơn vị chủ trì hoặc thành viên Hội đồng; "
    "khách mời khác hãy nhập họ tên và đơn vị."
)

#: A photo to add: the image (an uploaded file, a Django ``File`` or raw bytes) and its caption.
PhotoInput = tuple[UploadedFile | File | bytes, str]

_MEETING_FIELDS = (
    "title",
    "host_unit",
    "venue",
    "starts_at",
    "ends_at",
    "chair",
    "chair_title",
    "secretary",
    "minutes_due",
    "notes",
)
_AGENDA_FIELDS = ("title", "presenter", "presenter_text", "notes", "pledge", "block_report")


# --- checks --------------------------------------------------------------------------------------------------


def _require(actor: Any, perm: str, obj: Any = None, message: str | None = None) -> None:
    if not actor.has_perm(perm, obj):
        raise PermissionDenied(message or _("Bạn không có quyền thực hiện thao tác này."))


def _fresh(meeting: Meeting) -> Meeting:
    """The meeting re-read under a row lock, so the phase checked is the phase written against."""
    return (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("block", "host_unit")
        .get(pk=meeting.pk)
    )


def _fresh_minutes(meeting: Meeting) -> Minutes | None:
    return Minutes.objects.select_for_update().filter(meeting_id=meeting.pk).first()


def _require_open(meeting: Meeting) -> None:
    minutes = _fresh_minutes(meeting)
    if minutes is not None and minutes.state == MinutesState.LOCKED:
        raise ValidationError(
            _(
                "Biên bản hội nghị đã khóa: thông tin, danh sách đại biểu, điểm danh và chương trình "
                "không thể thay đổi."
            )
        )


def _require_planned(meeting: Meeting, message: str) -> None:
    if meeting.state != MeetingState.PLANNED:
        raise ValidationError(message)


def _require_held(meeting: Meeting, message: str) -> None:
    if meeting.state != MeetingState.HELD:
        raise ValidationError(message)


def _text(value: str | None, field: str, label: str, max_length: int, *, required: bool = False) -> str:
    text = vn.clean(value or "")
    if required and not text:
        raise ValidationError({field: _("Cần nhập %(label)s.") % {"label": label}})
    if len(text) > max_length:
        raise ValidationError(
            {
                field: _("%(label)s dài tối đa %(max)s ký tự.")
                % {"label": label.capitalize(), "max": max_length}
            }
        )
    return text


def _body(value: str | None, field: str, label: str, *, required: bool = False) -> str:
    """A multi-line text: NFC, trailing spaces and outer blank lines removed, line breaks kept."""
    lines = [vn.nfc(line).rstrip() for line in (value or "").replace("\r\n", "\n").split("\n")]
    text = "\n".join(lines).strip("\n")
    if required and not text.strip():
        raise ValidationError({field: _("Cần nhập %(label)s.") % {"label": label}})
    return text


def _aware(value: datetime.datetime | None) -> datetime.datetime | None:
    if value is not None and timezone.is_naive(value):
        return timezone.make_aware(value)
    return value


def _users_of(person_ids: Iterable[int | None]) -> list[Any]:
    ids = {pk for pk in person_ids if pk is not None}
    if not ids:
        return []
    return list(get_user_model().objects.filter(person_id__in=ids, is_active=True))


def _listed_person_ids(meeting: Meeting) -> set[int]:
    return set(
        Attendee.objects.filter(meeting=meeting, person_id__isnull=False).values_list("person_id", flat=True)
    )


# --- the meeting ---------------------------------------------------------------------------------------------


def _validate_schedule(values: dict[str, Any], *, year: int) -> None:
    starts_at, ends_at = values["starts_at"], values["ends_at"]
    if starts_at is None:
        raise ValidationError({"starts_at": _("Cần nhập thời gian bắt đầu.")})
    if abs(timezone.localdate(starts_at).year - year) > 1:
        raise ValidationError(
            {"starts_at": _("Ngày họp phải thuộc năm thi đua %(year)s hoặc năm liền kề.") % {"year": year}}
        )
    if ends_at is not None and ends_at < starts_at:
        raise ValidationError({"ends_at": _("Thời gian kết thúc phải sau thời gian bắt đầu.")})
    due = values["minutes_due"]
    if due is not None and due < timezone.localdate(starts_at):
        raise ValidationError({"minutes_due": _("Hạn hoàn thành biên bản không được trước ngày họp.")})
    host = values["host_unit"]
    if host is None or not host.is_active:
        raise ValidationError({"host_unit": _("Cần chọn đơn vị chủ trì tổ chức đang hoạt động.")})


def _clean_meeting_values(values: dict[str, Any]) -> dict[str, Any]:
    values["title"] = _text(values.get("title"), "title", _("tên hội nghị"), 500)
    values["venue"] = _text(values.get("venue"), "venue", _("địa điểm"), 255, required=True)
    values["chair_title"] = _text(values.get("chair_title"), "chair_title", _("chức danh người chủ trì"), 255)
    values["notes"] = _body(values.get("notes"), "notes", _("ghi chú"))
    values["starts_at"] = _aware(values.get("starts_at"))
    values["ends_at"] = _aware(values.get("ends_at"))
    return values


def _validate_people_on_list(values: Mapping[str, Any], listed: set[int]) -> None:
    for field, label in (("chair", _("Người chủ trì")), ("secretary", _("Thư ký"))):
        person = values.get(field)
        if person is not None and person.pk not in listed:
            raise ValidationError(
                {field: _("%(label)s phải có trong danh sách đại biểu của hội nghị.") % {"label": label}}
            )


@transaction.atomic
def create_meeting(
    actor: Any,
    *,
    kind: str,
    block: EmulationBlock | None,
    year: int,
    host_unit: Unit,
    venue: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime | None = None,
    title: str = "",
    chair: Person | None = None,
    chair_title: str = "",
    secretary: Person | None = None,
    minutes_due: datetime.date | None = None,
    notes: str = "",
    invited_units: Sequence[Unit] | None = None,
) -> Meeting:
    """Schedule a meeting and draw up its invitation list.

    Invited units default to the block's member units in the year (none for a council session); the people
    invited are their leaders and emulation officers plus the council member following the block (for a council
    session: the council's members), see :func:`tdkt.meetings.queries.default_invitees`. The chair and the
    secretary, if given, must be on that list. Nobody is told yet: :func:`invite` sends the invitations.
    """
    if kind not in MeetingKind.values:
        raise ValidationError({"kind": _("Loại hội nghị không hợp lệ.")})
    is_session = kind == MeetingKind.COUNCIL_SESSION
    if is_session:
        block = None
    elif block is None:
        raise ValidationError({"block": _("Cần chọn khối, cụm thi đua tổ chức hội nghị.")})
    probe = Meeting(kind=kind, block=block, year=year, host_unit=host_unit)
    _require(actor, "meetings.add_meeting")
    _require(
        actor,
        "meetings.manage_meeting",
        probe,
        _("Chỉ Phòng TĐKT tổ chức phiên họp Hội đồng.")
        if is_session
        else _(
            "Chỉ Khối trưởng, Khối phó của %(block)s năm %(year)s hoặc Phòng TĐKT được tổ chức hội nghị này."
        )
        % {"block": block.name if block else "", "year": year},
    )
    if not 1990 <= year <= 2100:
        raise ValidationError({"year": _("Năm thi đua không hợp lệ.")})
    if block is not None:
        if not block.is_active:
            raise ValidationError({"block": _("Khối, cụm này đã ngừng hoạt động.")})
        if not BlockMembership.objects.filter(block=block, year=year).exists():
            raise ValidationError(
                {
                    "block": _("%(block)s chưa có thành viên năm %(year)s.")
                    % {"block": block.name, "year": year}
                }
            )
    values = _clean_meeting_values(
        {
            "title": title,
            "venue": venue,
            "chair_title": chair_title,
            "notes": notes,
            "starts_at": starts_at,
            "ends_at": ends_at,
            "host_unit": host_unit,
            "minutes_due": minutes_due,
            "chair": chair,
            "secretary": secretary,
        }
    )
    _validate_schedule(values, year=year)
    meeting = Meeting(
        kind=kind,
        block=block,
        year=year,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        **values,
    )
    meeting.title = meeting.title or default_title(kind, year, block)
    units = list(invited_units) if invited_units is not None else list(block_member_units(meeting))
    _validate_units(units)
    invitees = default_invitees(meeting, units)
    _validate_people_on_list(values, {invitee.person.pk for invitee in invitees})
    meeting.full_clean()
    meeting.save()
    InvitedUnit.objects.bulk_create([InvitedUnit(meeting=meeting, unit=unit) for unit in units])
    _add_invitees(meeting, invitees)
    log_action(
        actor,
        Action.MEETING_CREATED,
        meeting,
        after={
            **snapshot(meeting),
            "invited_units": [unit.pk for unit in units],
            "invited_people": len(invitees),
        },
    )
    return meeting


def _validate_units(units: Sequence[Unit]) -> None:
    inactive = [unit.name for unit in units if not unit.is_active]
    if inactive:
        raise ValidationError(
            {"units": _("Đơn vị đã ngừng hoạt động: %(units)s.") % {"units": ", ".join(inactive)}}
        )


def _add_invitees(meeting: Meeting, invitees: Iterable[Invitee]) -> list[Attendee]:
    rows = []
    for invitee in invitees:
        row = Attendee(
            meeting=meeting,
            person=invitee.person,
            full_name=invitee.person.full_name,
            unit=invitee.unit,
            unit_name=invitee.unit.name if invitee.unit is not None else "",
            position_title=invitee.position_title,
            role=invitee.role,
            invited=True,
        )
        row.refresh_keys()
        rows.append(row)
    return Attendee.objects.bulk_create(rows)


@transaction.atomic
def update_meeting(actor: Any, meeting: Meeting, **changes: Any) -> Meeting:
    """Change the title, host, venue, time, chair, secretary, minutes deadline or notes of a meeting.

    Kind, block and year are fixed (the list was drawn from them). If the invitations are out and the time or the
    venue changes, everyone already invited is told.
    """
    unknown = set(changes) - set(_MEETING_FIELDS)
    if unknown:
        raise ValidationError(
            _("Không sửa được các trường: %(fields)s") % {"fields": ", ".join(sorted(unknown))}
        )
    meeting = _fresh(meeting)
    _require(actor, "meetings.manage_meeting", meeting)
    _require_open(meeting)
    before = snapshot(meeting)
    values = {name: getattr(meeting, name) for name in _MEETING_FIELDS}
    values.update(changes)
    values = _clean_meeting_values(values)
    if not values["title"]:
        values["title"] = default_title(meeting.kind, meeting.year, meeting.block)
    _validate_schedule(values, year=meeting.year)
    _validate_people_on_list(values, _listed_person_ids(meeting))
    moved = (values["starts_at"], values["ends_at"], values["venue"]) != (
        meeting.starts_at,
        meeting.ends_at,
        meeting.venue,
    )
    for name, value in values.items():
        setattr(meeting, name, value)
    meeting.full_clean()
    meeting.save()
    log_action(actor, Action.MEETING_UPDATED, meeting, before=before, after=snapshot(meeting))
    if moved and meeting.state == MeetingState.PLANNED and meeting.invitations_sent_at is not None:
        told = Attendee.objects.filter(meeting=meeting, notified_at__isnull=False).values_list(
            "person_id", flat=True
        )
        local = timezone.localtime(meeting.starts_at)
        notify(
            _users_of(told),
            title=_("Thay đổi thời gian, địa điểm: %(title)s") % {"title": meeting.title},
            body=_("Hội nghị sẽ họp lúc %(time)s ngày %(date)s tại %(venue)s.")
            % {"time": local.strftime("%H:%M"), "date": vn.short_date(local.date()), "venue": meeting.venue},
            url=meeting.get_absolute_url(),
        )
    return meeting


@transaction.atomic
def set_invited_units(actor: Any, meeting: Meeting, units: Sequence[Unit]) -> Meeting:
    """Choose the invited units before the meeting. A unit added brings its default delegates (leaders and
    emulation officers); a unit removed takes away its default delegates, and those already invited are told.
    People added by name stay on the list."""
    meeting = _fresh(meeting)
    _require(actor, "meetings.manage_meeting", meeting)
    _require_open(meeting)
    _require_planned(meeting, _("Hội nghị đã tổ chức: không đổi đơn vị được mời nữa."))
    wanted = {unit.pk: unit for unit in units}
    _validate_units(list(wanted.values()))
    current = set(meeting.invited_units.values_list("unit_id", flat=True))
    added = [unit for pk, unit in wanted.items() if pk not in current]
    removed = current - set(wanted)
    dropped = list(
        Attendee.objects.filter(
            meeting=meeting,
            unit_id__in=removed,
            invited=True,
            role__in=[AttendeeRole.LEADER, AttendeeRole.EMULATION_OFFICER],
        )
    )
    if {meeting.chair_id, meeting.secretary_id} & {a.person_id for a in dropped if a.person_id is not None}:
        raise ValidationError(
            _("Không bỏ được đơn vị của người chủ trì hoặc thư ký; hãy đổi người chủ trì, thư ký trước.")
        )
    meeting.invited_units.filter(unit_id__in=removed).delete()
    Attendee.objects.filter(pk__in=[a.pk for a in dropped]).delete()
    InvitedUnit.objects.bulk_create([InvitedUnit(meeting=meeting, unit=unit) for unit in added])
    listed = _listed_person_ids(meeting)
    invitees = [i for i in default_invitees(meeting, added) if i.person.pk not in listed]
    created = _add_invitees(meeting, invitees)
    log_action(
        actor,
        Action.INVITED_UNITS_SET,
        meeting,
        before={"units": sorted(current), "people": [a.full_name for a in dropped]},
        after={"units": sorted(wanted), "people": [a.full_name for a in created]},
    )
    _tell_withdrawn(meeting, [a for a in dropped if a.notified_at is not None])
    return meeting


def _tell_withdrawn(meeting: Meeting, attendees: Sequence[Attendee]) -> None:
    if attendees:
        notify(
            _users_of(a.person_id for a in attendees),
            title=_("Điều chỉnh thành phần dự %(title)s") % {"title": meeting.title},
            body=_("Bạn không còn trong danh sách mời dự hội nghị này."),
            url=meeting.get_absolute_url(),
        )


@transaction.atomic
def add_attendee(
    actor: Any,
    meeting: Meeting,
    *,
    person: Person | None = None,
    full_name: str = "",
    unit: Unit | None = None,
    unit_name: str = "",
    position_title: str = "",
    role: str = AttendeeRole.DELEGATE,
    note: str = "",
) -> Attendee:
    """Put someone on the list: a person of the records (their unit and position on the meeting's day are
    snapshotted) or a guest by name. Before the meeting they are invited; once it is held they are a delegate
    added on the day, present."""
    meeting = _fresh(meeting)
    _require(actor, "meetings.manage_meeting", meeting)
    _require_open(meeting)
    if role not in AttendeeRole.values:
        raise ValidationError({"role": _("Thành phần không hợp lệ.")})
    title = _text(position_title, "position_title", _("chức vụ"), 255)
    note = _text(note, "note", _("ghi chú"), 255)
    if person is not None:
        if Attendee.objects.filter(meeting=meeting, person=person).exists():
            raise ValidationError(
                {"person": _("%(name)s đã có trong danh sách.") % {"name": person.full_name}}
            )
        if not addable_people(meeting).filter(pk=person.pk).exists():
            raise ValidationError({"person": NOT_LISTABLE})
        snap_unit, snap_title = snapshot_of(person, meeting.date)
        unit = unit or snap_unit
        name = person.full_name
        title = title or snap_title
    else:
        name = _text(full_name, "full_name", _("họ và tên"), 150, required=True)
        if len(name.split()) < 2:
            raise ValidationError({"full_name": _("Họ và tên cần có ít nhất họ và tên.")})
    label = unit.name if unit is not None else _text(unit_name, "unit_name", _("đơn vị"), 255)
    held = meeting.state == MeetingState.HELD
    attendee = Attendee(
        meeting=meeting,
        person=person,
        full_name=name,
        unit=unit,
        unit_name=label,
        position_title=title,
        role=role,
        invited=not held,
        status=Attendance.PRESENT if held else Attendance.PENDING,
        note=note,
    )
    attendee.full_clean()
    attendee.save()
    log_action(actor, Action.ATTENDEE_ADDED, meeting, summary=name, after=snapshot(attendee))
    return attendee


@transaction.atomic
def remove_attendee(actor: Any, attendee: Attendee) -> None:
    """Take someone off the list (not the chair or the secretary). An invited person is told."""
    meeting = _fresh(attendee.meeting)
    _require(actor, "meetings.manage_meeting", meeting)
    _require_open(meeting)
    attendee = Attendee.objects.select_for_update().get(pk=attendee.pk, meeting=meeting)
    if attendee.person_id is not None and attendee.person_id in (meeting.chair_id, meeting.secretary_id):
        raise ValidationError(_("Không bỏ được người chủ trì hoặc thư ký khỏi danh sách."))
    before = snapshot(attendee)
    attendee.delete()
    log_action(actor, Action.ATTENDEE_REMOVED, meeting, summary=before["full_name"], before=before)
    if attendee.notified_at is not None and meeting.state == MeetingState.PLANNED:
        _tell_withdrawn(meeting, [attendee])


@transaction.atomic
def invite(actor: Any, meeting: Meeting) -> int:
    """Send the invitations: everyone on the list not invited yet is told (in the app and by e-mail).

    Returns how many people this round invited; sending again reaches only those added since.
    """
    meeting = _fresh(meeting)
    _require(actor, "meetings.manage_meeting", meeting)
    _require_open(meeting)
    _require_planned(meeting, _("Hội nghị đã tổ chức: không gửi giấy mời nữa."))
    pending = list(Attendee.objects.filter(meeting=meeting, invited=True, notified_at__isnull=True))
    if not pending:
        if not Attendee.objects.filter(meeting=meeting).exists():
            raise ValidationError(_("Danh sách đại biểu đang trống: chưa có ai để mời."))
        raise ValidationError(_("Mọi người trong danh sách đã được gửi giấy mời."))
    now = timezone.now()
    Attendee.objects.filter(pk__in=[a.pk for a in pending]).update(notified_at=now, updated_at=now)
    meeting.invitations_sent_at = now
    meeting.save(update_fields=["invitations_sent_at", "updated_at"])
    log_action(
        actor,
        Action.INVITATIONS_SENT,
        meeting,
        summary=_("%(n)s người") % {"n": len(pending)},
        after={"attendees": [a.pk for a in pending], "sent_at": now.isoformat()},
    )
    local = timezone.localtime(meeting.starts_at)
    notify(
        _users_of(a.person_id for a in pending),
        title=_("Giấy mời: %(title)s") % {"title": meeting.title},
        body=_("Kính mời dự hội nghị lúc %(time)s ngày %(date)s tại %(venue)s.")
        % {"time": local.strftime("%H:%M"), "date": vn.short_date(local.date()), "venue": meeting.venue},
        url=meeting.get_absolute_url(),
    )
    return len(pending)


@transaction.atomic
def mark_held(actor: Any, meeting: Meeting) -> Meeting:
    """Record that the meeting took place (from its start time on); attendance and minutes follow."""
    meeting = _fresh(meeting)
    _require(actor, "meetings.manage_meeting", meeting)
    _require_planned(meeting, _("Hội nghị đã được ghi nhận là đã tổ chức."))
    if meeting.starts_at > timezone.now():
        local = timezone.localtime(meeting.starts_at)
        raise ValidationError(
            _("Chưa đến giờ họp (%(time)s ngày %(date)s): chưa ghi nhận được là đã tổ chức.")
            % {"time": local.strftime("%H:%M"), "date": vn.short_date(local.date())}
        )
    before = {"state": meeting.state}
    meeting.state = MeetingState.HELD
    meeting.save(update_fields=["state", "updated_at"])
    log_action(actor, Action.MEETING_HELD, meeting, before=before, after={"state": meeting.state})
    return meeting


@transaction.atomic
def record_attendance(
    actor: Any,
    meeting: Meeting,
    statuses: Mapping[int, str],
    notes: Mapping[int, str] | None = None,
) -> AttendanceSummary:
    """The roll call: present, absent or excused for people on the list (by attendee id), with optional notes.

    Only for a held meeting whose minutes are not locked. Nothing is written unless every entry is valid.
    """
    meeting = _fresh(meeting)
    _require(actor, "meetings.manage_meeting", meeting)
    _require_held(meeting, _("Chỉ điểm danh khi hội nghị đã tổ chức."))
    _require_open(meeting)
    notes = notes or {}
    if not statuses:
        raise ValidationError(_("Chưa điểm danh ai."))
    rows = {a.pk: a for a in Attendee.objects.select_for_update().filter(meeting=meeting)}
    strangers = (set(statuses) | set(notes)) - set(rows)
    if strangers:
        raise ValidationError(_("Có người không thuộc danh sách đại biểu của hội nghị này."))
    for pk, status in statuses.items():
        if status not in RECORDED_ATTENDANCE:
            raise ValidationError(
                _("Trạng thái điểm danh không hợp lệ cho %(name)s.") % {"name": rows[pk].full_name}
            )
    cleaned_notes = {pk: _text(text, "note", _("ghi chú"), 255) for pk, text in notes.items()}
    before = {pk: [rows[pk].status, rows[pk].note] for pk in sorted(set(statuses) | set(cleaned_notes))}
    changed = []
    now = timezone.now()
    for pk, row in rows.items():
        status = statuses.get(pk, row.status)
        note = cleaned_notes.get(pk, row.note)
        if (status, note) != (row.status, row.note):
            row.status, row.note, row.updated_at = status, note, now
            changed.append(row)
    if changed:
        Attendee.objects.bulk_update(changed, ["status", "note", "updated_at"])
    summary = attendance_summary(rows.values())
    log_action(
        actor,
        Action.ATTENDANCE_RECORDED,
        meeting,
        summary=summary.line(),
        before={str(pk): value for pk, value in before.items()},
        after={str(pk): [rows[pk].status, rows[pk].note] for pk in before},
    )
    return summary


# --- agenda --------------------------------------------------------------------------------------------------


def _agenda_values(meeting: Meeting, values: dict[str, Any]) -> dict[str, Any]:
    values["title"] = _text(values.get("title"), "title", _("nội dung"), 500, required=True)
    values["presenter_text"] = _text(
        values.get("presenter_text"), "presenter_text", _("người trình bày (ghi rõ)"), 255
    )
    values["notes"] = _body(values.get("notes"), "notes", _("ghi chú"))
    presenter = values.get("presenter")
    if presenter is not None and presenter.pk not in _listed_person_ids(meeting):
        raise ValidationError(
            {
                "presenter": _(
                    "Người trình bày phải có trong danh sách đại biểu; nếu không, hãy ghi rõ ở ô người trình bày."
                )
            }
        )
    _validate_links(meeting, values.get("pledge"), values.get("block_report"))
    return values


def _validate_links(meeting: Meeting, pledge: Pledge | None, block_report: BlockReport | None) -> None:
    """What an item discusses must belong to the meeting's own block and year: the pledge the members signed for
    that year, the consolidated report of one of that year's periods."""
    if pledge is None and block_report is None:
        return
    if meeting.block_id is None:
        raise ValidationError(
            _("Phiên họp Hội đồng không thuộc khối nào: không gắn được giao ước hay báo cáo của Khối.")
        )
    scope = {"block": meeting.block.name if meeting.block else "", "year": meeting.year}
    if pledge is not None and (pledge.block_id, pledge.year) != (meeting.block_id, meeting.year):
        raise ValidationError(
            {
                "pledge": _(
                    "Chỉ gắn được giao ước thi đua của %(block)s năm %(year)s (cùng khối và năm với hội nghị)."
                )
                % scope
            }
        )
    if block_report is not None:
        template = block_report.template
        if (template.block_id, template.year) != (meeting.block_id, meeting.year):
            raise ValidationError(
                {
                    "block_report": _(
                        "Chỉ gắn được báo cáo của %(block)s năm %(year)s (cùng khối và năm với hội nghị)."
                    )
                    % scope
                }
            )


@transaction.atomic
def add_agenda_item(
    actor: Any,
    meeting: Meeting,
    *,
    title: str,
    presenter: Person | None = None,
    presenter_text: str = "",
    notes: str = "",
    pledge: Pledge | None = None,
    block_report: BlockReport | None = None,
) -> AgendaItem:
    """Append an item to the programme, optionally linked to the pledge and/or the consolidated report it
    discusses (of the meeting's block and year)."""
    meeting = _fresh(meeting)
    _require(actor, "meetings.manage_meeting", meeting)
    _require_open(meeting)
    values = _agenda_values(
        meeting,
        {
            "title": title,
            "presenter": presenter,
            "presenter_text": presenter_text,
            "notes": notes,
            "pledge": pledge,
            "block_report": block_report,
        },
    )
    last = AgendaItem.objects.filter(meeting=meeting).aggregate(last=Max("order"))["last"] or 0
    item = AgendaItem(meeting=meeting, order=last + 1, **values)
    item.full_clean()
    item.save()
    log_action(actor, Action.AGENDA_ITEM_ADDED, meeting, summary=item.title, after=snapshot(item))
    return item


@transaction.atomic
def update_agenda_item(actor: Any, item: AgendaItem, **changes: Any) -> AgendaItem:
    """Change an item's title, presenter, notes or the pledge and report it links to (``None`` unlinks)."""
    unknown = set(changes) - set(_AGENDA_FIELDS)
    if unknown:
        raise ValidationError(
            _("Không sửa được các trường: %(fields)s") % {"fields": ", ".join(sorted(unknown))}
        )
    meeting = _fresh(item.meeting)
    _require(actor, "meetings.manage_meeting", meeting)
    _require_open(meeting)
    item = AgendaItem.objects.select_for_update().get(pk=item.pk, meeting=meeting)
    before = snapshot(item)
    values = {name: getattr(item, name) for name in _AGENDA_FIELDS}
    values.update(changes)
    for name, value in _agenda_values(meeting, values).items():
        setattr(item, name, value)
    item.full_clean()
    item.save()
    log_action(
        actor, Action.AGENDA_ITEM_UPDATED, meeting, summary=item.title, before=before, after=snapshot(item)
    )
    return item


@transaction.atomic
def remove_agenda_item(actor: Any, item: AgendaItem) -> None:
    """Remove an item; the following items move up."""
    meeting = _fresh(item.meeting)
    _require(actor, "meetings.manage_meeting", meeting)
    _require_open(meeting)
    item = AgendaItem.objects.select_for_update().get(pk=item.pk, meeting=meeting)
    before = snapshot(item)
    item.delete()
    _renumber(AgendaItem.objects.filter(meeting=meeting).order_by("order", "pk"))
    log_action(actor, Action.AGENDA_ITEM_REMOVED, meeting, summary=before["title"], before=before)


@transaction.atomic
def move_agenda_item(actor: Any, item: AgendaItem, direction: str) -> AgendaItem:
    """Move an item one place up or down the programme."""
    meeting = _fresh(item.meeting)
    _require(actor, "meetings.manage_meeting", meeting)
    _require_open(meeting)
    items = AgendaItem.objects.select_for_update().filter(meeting=meeting).order_by("order", "pk")
    moved = _move(items, item.pk, direction)
    log_action(actor, Action.AGENDA_ITEM_MOVED, meeting, summary=moved.title, after={"order": moved.order})
    return moved


def _renumber(rows: QuerySet[Any]) -> list[Any]:
    ordered = list(rows)
    changed = []
    for position, row in enumerate(ordered, start=1):
        if row.order != position:
            row.order = position
            changed.append(row)
    if changed:
        type(changed[0]).objects.bulk_update(changed, ["order"])
    return ordered


def _move(rows: QuerySet[Any], pk: int, direction: str) -> Any:
    if direction not in Move.values:
        raise ValidationError(_("Hướng di chuyển không hợp lệ."))
    ordered = list(rows)
    index = next((i for i, row in enumerate(ordered) if row.pk == pk), None)
    if index is None:
        raise ValidationError(_("Không tìm thấy mục cần di chuyển."))
    target = index - 1 if direction == Move.UP else index + 1
    if not 0 <= target < len(ordered):
        raise ValidationError(
            _("Mục này đã ở đầu danh sách.") if direction == Move.UP else _("Mục này đã ở cuối danh sách.")
        )
    ordered[index], ordered[target] = ordered[target], ordered[index]
    for position, row in enumerate(ordered, start=1):
        row.order = position
    type(ordered[0]).objects.bulk_update(ordered, ["order"])
    return ordered[target]


# --- minutes -------------------------------------------------------------------------------------------------


def _require_minutes_draft(minutes: Minutes | None) -> None:
    if minutes is None:
        return
    if minutes.state == MinutesState.LOCKED:
        raise ValidationError(_("Biên bản đã khóa: không ai được sửa."))
    if minutes.state == MinutesState.APPROVED:
        raise ValidationError(_("Biên bản đã được thông qua: hãy trả về dự thảo trước khi sửa."))


@transaction.atomic
def save_minutes(actor: Any, meeting: Meeting, body: str) -> Minutes:
    """Write or revise the draft minutes of a held meeting (the organiser or the meeting's secretary)."""
    meeting = _fresh(meeting)
    _require(actor, "meetings.write_minutes", meeting)
    minutes = _fresh_minutes(meeting)
    _require_minutes_draft(minutes)
    _require_held(meeting, _("Hội nghị chưa tổ chức: chưa ghi được biên bản."))
    text = _body(body, "body", _("nội dung biên bản"), required=True)
    before = snapshot(minutes, ["body", "state"]) if minutes is not None else None
    if minutes is None:
        minutes = Minutes(meeting=meeting)
    minutes.body = text
    minutes.drafted_by = actor if getattr(actor, "is_authenticated", False) else None
    minutes.full_clean()
    minutes.save()
    log_action(
        actor, Action.MINUTES_SAVED, minutes, before=before, after=snapshot(minutes, ["body", "state"])
    )
    return minutes


def _minutes_to_act_on(meeting: Meeting) -> Minutes:
    minutes = _fresh_minutes(meeting)
    if minutes is None:
        raise ValidationError(_("Hội nghị chưa có biên bản."))
    return minutes


def _tell_drafter(actor: Any, minutes: Minutes, title: str, body: str = "") -> None:
    drafter = minutes.drafted_by
    if drafter is not None and drafter.pk != getattr(actor, "pk", None):
        notify([drafter], title=title, body=body, url=reverse("meetings:minutes", args=[minutes.meeting_id]))


@transaction.atomic
def approve_minutes(actor: Any, meeting: Meeting) -> Minutes:
    """Approve the draft minutes (the chair's side: the organiser). Approved text no longer changes unless it is
    returned to draft."""
    meeting = _fresh(meeting)
    _require(actor, "meetings.manage_meeting", meeting)
    minutes = _minutes_to_act_on(meeting)
    _require_minutes_draft(minutes)
    before = {"state": minutes.state}
    minutes.state = MinutesState.APPROVED
    minutes.approved_by = actor if getattr(actor, "is_authenticated", False) else None
    minutes.approved_at = timezone.now()
    minutes.save()
    log_action(actor, Action.MINUTES_APPROVED, minutes, before=before, after={"state": minutes.state})
    _tell_drafter(actor, minutes, _("Biên bản đã được thông qua: %(title)s") % {"title": meeting.title})
    return minutes


@transaction.atomic
def reopen_minutes(actor: Any, meeting: Meeting, reason: str) -> Minutes:
    """Return approved (not locked) minutes to draft, with the reason, so they can be corrected."""
    meeting = _fresh(meeting)
    _require(actor, "meetings.manage_meeting", meeting)
    minutes = _minutes_to_act_on(meeting)
    if minutes.state == MinutesState.LOCKED:
        raise ValidationError(_("Biên bản đã khóa: không ai được sửa."))
    if minutes.state != MinutesState.APPROVED:
        raise ValidationError(_("Biên bản đang là dự thảo."))
    why = _text(reason, "reason", _("lý do"), 500, required=True)
    before = {"state": minutes.state}
    minutes.state = MinutesState.DRAFT
    minutes.approved_by, minutes.approved_at = None, None
    minutes.save()
    log_action(
        actor, Action.MINUTES_REOPENED, minutes, summary=why, before=before, after={"state": minutes.state}
    )
    _tell_drafter(
        actor, minutes, _("Biên bản được trả về dự thảo: %(title)s") % {"title": meeting.title}, why
    )
    return minutes


@transaction.atomic
def lock_minutes(actor: Any, meeting: Meeting) -> Minutes:
    """Lock approved minutes for good: from now on nobody changes them or the record they describe."""
    meeting = _fresh(meeting)
    _require(actor, "meetings.manage_meeting", meeting)
    minutes = _minutes_to_act_on(meeting)
    if minutes.state == MinutesState.LOCKED:
        raise ValidationError(_("Biên bản đã khóa: không ai được sửa."))
    if minutes.state != MinutesState.APPROVED:
        raise ValidationError(_("Chỉ khóa được biên bản đã thông qua."))
    before = {"state": minutes.state}
    minutes.state = MinutesState.LOCKED
    minutes.locked_by = actor if getattr(actor, "is_authenticated", False) else None
    minutes.locked_at = timezone.now()
    minutes.save()
    log_action(actor, Action.MINUTES_LOCKED, minutes, before=before, after={"state": minutes.state})
    return minutes


# --- photos --------------------------------------------------------------------------------------------------


def _as_upload(content: UploadedFile | File | bytes, index: int) -> UploadedFile:
    label = _("ảnh thứ %(n)s") % {"n": index}
    if isinstance(content, bytes | bytearray):
        return SimpleUploadedFile(label, bytes(content))
    if isinstance(content, UploadedFile):
        return content
    if isinstance(content, File):
        if content.seekable():
            content.seek(0)
        name = os.path.basename(content.name or "") or label
        return UploadedFile(file=content.file, name=name, size=content.size)
    raise ValidationError(_("Không đọc được %(label)s.") % {"label": label})


def _prepare_photos(meeting: Meeting, photos: Sequence[PhotoInput]) -> list[tuple[ProcessedImage, str]]:
    """Check and re-encode every photo before anything is written: one bad file stops the whole batch."""
    max_caption = Photo._meta.get_field("caption").max_length or 0
    prepared = []
    for index, (content, caption) in enumerate(photos, start=1):
        text = vn.clean(caption or "")
        if len(text) > max_caption:
            raise ValidationError(
                _("Chú thích ảnh thứ %(n)s dài tối đa %(max)s ký tự.") % {"n": index, "max": max_caption}
            )
        basename = f"hoi-nghi-{meeting.pk}-{uuid.uuid4().hex[:10]}"
        prepared.append((process_photo(_as_upload(content, index), basename=basename), text))
    return prepared


def _delete_files(names: Iterable[str]) -> None:
    storage = Photo._meta.get_field("image").storage
    for name in names:
        if name:
            storage.delete(name)


@transaction.atomic
def upload_photos(actor: Any, meeting: Meeting, photos: Sequence[PhotoInput]) -> list[Photo]:
    """Add photos with captions to a held meeting's gallery, after the last ones.

    Every file must be a real image within ``settings.TDKT_PHOTO_MAX_MB``; if one is not, nothing is saved.
    """
    meeting = _fresh(meeting)
    _require(actor, "meetings.manage_photos", meeting)
    _require_held(meeting, _("Chỉ tải ảnh khi hội nghị đã tổ chức."))
    if not photos:
        raise ValidationError({"photos": _("Chưa chọn ảnh nào.")})
    prepared = _prepare_photos(meeting, photos)
    last = Photo.objects.filter(meeting=meeting).aggregate(last=Max("order"))["last"] or 0
    stored: list[str] = []
    created: list[Photo] = []
    try:
        for offset, (processed, caption) in enumerate(prepared, start=1):
            photo = Photo(
                meeting=meeting,
                caption=caption,
                width=processed.width,
                height=processed.height,
                order=last + offset,
                uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
            )
            photo.image.save(processed.image.name or "anh.jpg", processed.image, save=False)
            stored.append(photo.image.name)
            photo.thumbnail.save(
                processed.thumbnail.name or "anh-thu-nho.jpg", processed.thumbnail, save=False
            )
            stored.append(photo.thumbnail.name)
            photo.save()
            created.append(photo)
        log_action(
            actor,
            Action.PHOTOS_UPLOADED,
            meeting,
            summary=_("%(n)s ảnh") % {"n": len(created)},
            after={"photos": [{"id": p.pk, "image": p.image.name, "caption": p.caption} for p in created]},
        )
    except BaseException:
        _delete_files(stored)
        raise
    return created


@transaction.atomic
def update_photo(actor: Any, photo: Photo, *, caption: str) -> Photo:
    """Change a photo's caption."""
    meeting = _fresh(photo.meeting)
    _require(actor, "meetings.manage_photos", meeting)
    photo = Photo.objects.select_for_update().get(pk=photo.pk, meeting=meeting)
    max_caption = Photo._meta.get_field("caption").max_length or 0
    text = _text(caption, "caption", _("chú thích"), max_caption)
    before = {"caption": photo.caption}
    photo.caption = text
    photo.save(update_fields=["caption", "updated_at"])
    log_action(actor, Action.PHOTO_UPDATED, photo, before=before, after={"caption": text})
    return photo


@transaction.atomic
def move_photo(actor: Any, photo: Photo, direction: str) -> Photo:
    """Move a photo one place earlier or later in the gallery."""
    meeting = _fresh(photo.meeting)
    _require(actor, "meetings.manage_photos", meeting)
    photos = Photo.objects.select_for_update().filter(meeting=meeting).order_by("order", "pk")
    moved = _move(photos, photo.pk, direction)
    log_action(actor, Action.PHOTO_MOVED, moved, after={"order": moved.order})
    return moved


@transaction.atomic
def remove_photo(actor: Any, photo: Photo) -> None:
    """Remove a photo from the gallery; its files go once the removal is committed."""
    meeting = _fresh(photo.meeting)
    _require(actor, "meetings.manage_photos", meeting)
    photo = Photo.objects.select_for_update().get(pk=photo.pk, meeting=meeting)
    names = [photo.image.name, photo.thumbnail.name]
    before = {"id": photo.pk, "image": photo.image.name, "caption": photo.caption}
    log_action(actor, Action.PHOTO_REMOVED, meeting, summary=photo.caption, before=before)
    photo.delete()
    _renumber(Photo.objects.filter(meeting=meeting).order_by("order", "pk"))
    transaction.on_commit(lambda: _delete_files(names))
