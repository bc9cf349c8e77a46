"""Reads of meetings. Visibility is a named query (:func:`meetings_for_user`): the list, the pages, the photos, the
API and the rules all use it, so who sees a meeting is decided in one place.

Who sees a meeting: Phòng TĐKT all of them; the users of the block's member units for the meeting's year (and of
the host unit); the council member following the block that year; anyone on the meeting's list; council members
every council session.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, Exists, F, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tdkt.core.rules import is_council_member, is_system_admin, is_unit_leader, is_unit_officer
from tdkt.emulation.models import Pledge
from tdkt.emulation.queries import pledges_for_user
from tdkt.meetings.enums import Attendance, AttendeeRole, MeetingKind
from tdkt.meetings.models import STORED_LANGUAGE, AgendaItem, Attendee, Meeting, Photo
from tdkt.org.enums import MembershipRole, PositionLevel
from tdkt.org.models import BlockFollowUp, BlockMembership, EmulationBlock, Person, Position, Unit
from tdkt.org.queries import council_members, current_council
from tdkt.reports.models import BlockReport
from tdkt.reports.queries import block_reports_for_user

LEADER_LEVELS = (PositionLevel.HEAD, PositionLevel.DEPUTY_HEAD)
_LEVEL_RANK = Case(
    When(level=PositionLevel.HEAD, then=Value(0)),
    When(level=PositionLevel.DEPUTY_HEAD, then=Value(1)),
    When(level=PositionLevel.DIVISION_HEAD, then=Value(2)),
    default=Value(3),
    output_field=IntegerField(),
)
_ROLE_RANK = Case(
    When(role=AttendeeRole.COUNCIL_MEMBER, then=Value(0)),
    When(role=AttendeeRole.LEADER, then=Value(1)),
    When(role=AttendeeRole.EMULATION_OFFICER, then=Value(2)),
    default=Value(3),
    output_field=IntegerField(),
)
_COUNCIL_FIRST = Case(
    When(role=AttendeeRole.COUNCIL_MEMBER, then=Value(0)), default=Value(1), output_field=IntegerField()
)


# --- visibility ----------------------------------------------------------------------------------------------


def meetings_for_user(user: Any) -> QuerySet[Meeting]:
    """The meetings a user may see (see the module docstring), with what a list row shows."""
    meetings = Meeting.objects.select_related("block", "host_unit", "minutes")
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return meetings.none()
    if is_system_admin(user):
        return meetings
    seen = Q(pk__in=[])
    if user.unit_id is not None:
        member = BlockMembership.objects.filter(
            block_id=OuterRef("block_id"), year=OuterRef("year"), unit_id=user.unit_id
        )
        seen |= Q(Exists(member)) | Q(host_unit_id=user.unit_id)
    if user.person_id is not None:
        follows = BlockFollowUp.objects.filter(
            block_id=OuterRef("block_id"), year=OuterRef("year"), council_member__person_id=user.person_id
        )
        listed = Attendee.objects.filter(meeting_id=OuterRef("pk"), person_id=user.person_id)
        seen |= Q(Exists(follows)) | Q(Exists(listed))
    if is_council_member(user):
        seen |= Q(kind=MeetingKind.COUNCIL_SESSION)
    return meetings.filter(seen)


def photos_for_user(user: Any) -> QuerySet[Photo]:
    """Photos of the meetings the user may see."""
    return Photo.objects.filter(meeting_id__in=meetings_for_user(user).values("pk")).select_related("meeting")


def managed_meetings_filter(user: Any) -> Q | None:
    """The meetings a user organises (``None``: none at all). Phòng TĐKT: the council sessions (it may step in on
    any meeting, but its work queue lists only its own); the officers and leaders of the block's head or deputy
    unit for the meeting's year: their block's meetings."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    managed: Q | None = None
    if is_system_admin(user):
        managed = Q(kind=MeetingKind.COUNCIL_SESSION)
    if user.unit_id is not None and (is_unit_officer(user) or is_unit_leader(user)):
        heads = BlockMembership.objects.filter(
            block_id=OuterRef("block_id"),
            year=OuterRef("year"),
            unit_id=user.unit_id,
            role__in=[MembershipRole.HEAD, MembershipRole.DEPUTY],
        )
        managed = Q(Exists(heads)) if managed is None else managed | Q(Exists(heads))
    return managed


def heads_block(user: Any, block_id: int | None, year: int) -> bool:
    """The user is an officer or leader of the block's head or deputy unit for that year (viewers only read)."""
    if block_id is None or getattr(user, "unit_id", None) is None:
        return False
    if not (is_unit_officer(user) or is_unit_leader(user)):
        return False
    return BlockMembership.objects.filter(
        block_id=block_id,
        year=year,
        unit_id=user.unit_id,
        role__in=[MembershipRole.HEAD, MembershipRole.DEPUTY],
    ).exists()


def blocks_for_new_meeting(user: Any) -> QuerySet[EmulationBlock]:
    """Blocks the user may schedule a meeting for: all active ones for Phòng TĐKT; for the officers and leaders of
    a head or deputy unit, the blocks their unit has headed or deputised (the year is checked on saving)."""
    blocks = EmulationBlock.objects.filter(is_active=True)
    if is_system_admin(user):
        return blocks
    if getattr(user, "unit_id", None) is None or not (is_unit_officer(user) or is_unit_leader(user)):
        return blocks.none()
    headed = BlockMembership.objects.filter(
        block_id=OuterRef("pk"), unit_id=user.unit_id, role__in=[MembershipRole.HEAD, MembershipRole.DEPUTY]
    )
    return blocks.filter(Exists(headed))


# --- one meeting ---------------------------------------------------------------------------------------------


def attendees_of(meeting: Meeting) -> QuerySet[Attendee]:
    """The list as it is printed: council members first, then unit by unit, leaders before officers."""
    return (
        Attendee.objects.filter(meeting=meeting)
        .select_related("person", "unit")
        .order_by(
            _COUNCIL_FIRST, F("unit__name_sort").asc(nulls_last=True), "unit_name", _ROLE_RANK, "name_sort"
        )
    )


def agenda_of(meeting: Meeting) -> QuerySet[AgendaItem]:
    """The programme in order, with the presenter and the linked pledge and report (their labels) joined."""
    return (
        AgendaItem.objects.filter(meeting=meeting)
        .select_related("presenter", "pledge", "block_report__template")
        .order_by("order", "pk")
    )


def agenda_for_user(user: Any, meeting: Meeting) -> list[AgendaItem]:
    """The programme as a user reads it: each item gets ``pledge_url`` / ``block_report_url`` only when the user
    may open the linked object (:func:`pledges_for_user`, :func:`block_reports_for_user`) — a member unit does
    not open the block's report before it is circulated, so the item names it without a link.

    At most three queries whatever the number of items."""
    items = list(agenda_of(meeting))
    pledge_ids = {item.pledge_id for item in items if item.pledge_id is not None}
    report_ids = {item.block_report_id for item in items if item.block_report_id is not None}
    open_pledges: set[int] = set()
    open_reports: set[int] = set()
    if pledge_ids:
        open_pledges = set(pledges_for_user(user).filter(pk__in=pledge_ids).values_list("pk", flat=True))
    if report_ids:
        open_reports = set(
            block_reports_for_user(user).filter(pk__in=report_ids).values_list("pk", flat=True)
        )
    for item in items:
        item.pledge_url = (  # type: ignore[attr-defined]
            reverse("emulation:pledge_detail", args=[item.pledge_id])
            if item.pledge_id in open_pledges
            else ""
        )
        item.block_report_url = (  # type: ignore[attr-defined]
            reverse("reports:block_report", args=[item.block_report_id])
            if item.block_report_id in open_reports
            else ""
        )
    return items


def linkable_pledges(user: Any, meeting: Meeting) -> QuerySet[Pledge]:
    """Pledges an agenda item of this meeting may link to: the meeting's block and year, as the user sees them."""
    if meeting.block_id is None:
        return Pledge.objects.none()
    return pledges_for_user(user).filter(block_id=meeting.block_id, year=meeting.year).order_by("pk")


def linkable_block_reports(user: Any, meeting: Meeting) -> QuerySet[BlockReport]:
    """Consolidated reports an agenda item of this meeting may link to: the meeting's block and year."""
    if meeting.block_id is None:
        return BlockReport.objects.none()
    return (
        block_reports_for_user(user)
        .filter(template__block_id=meeting.block_id, template__year=meeting.year)
        .order_by("template__period", "pk")
    )


def photos_of(meeting: Meeting) -> QuerySet[Photo]:
    return Photo.objects.filter(meeting=meeting).order_by("order", "pk")


def invited_units_of(meeting: Meeting) -> QuerySet[Unit]:
    return Unit.objects.filter(pk__in=meeting.invited_units.values("unit_id")).order_by("name_sort")


def block_member_units(meeting: Meeting) -> QuerySet[Unit]:
    """The block's member units (head, deputy and members) in the meeting's year."""
    if meeting.block_id is None:
        return Unit.objects.none()
    units = BlockMembership.objects.filter(block_id=meeting.block_id, year=meeting.year).values("unit_id")
    return Unit.objects.filter(pk__in=units).order_by("name_sort")


def addable_people(meeting: Meeting) -> QuerySet[Person]:
    """People who may be put on the list by name and are not on it yet: the active staff of the invited units and
    of the host unit, and the members of the council in term on the meeting's day."""
    units = [*meeting.invited_units.values_list("unit_id", flat=True), meeting.host_unit_id]
    listable = Q(unit_id__in=units)
    council = current_council(meeting.date)
    if council is not None:
        listable |= Q(pk__in=council.members.values("person_id"))
    listed = Attendee.objects.filter(meeting=meeting, person_id__isnull=False).values("person_id")
    return (
        Person.objects.filter(listable, is_active=True)
        .exclude(pk__in=listed)
        .select_related("unit")
        .order_by("unit__name_sort", "name_sort")
    )


# --- who is invited by default -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Invitee:
    """A person to put on the list, with the snapshot of unit and position as of the meeting's day."""

    person: Person
    role: str
    unit: Unit | None
    position_title: str


def _positions_on(day: datetime.date) -> QuerySet[Position]:
    return Position.objects.filter(start_date__lte=day).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=day)
    )


def snapshot_of(person: Person, day: datetime.date) -> tuple[Unit | None, str]:
    """The unit and title of the person's most senior position on ``day`` (else the managing unit, no title)."""
    position = (
        _positions_on(day)
        .filter(person=person)
        .select_related("unit")
        .order_by(_LEVEL_RANK, "-start_date", "pk")
        .first()
    )
    if position is None:
        return person.unit, ""
    return position.unit, position.title


def default_invitees(meeting: Meeting, units: Iterable[Unit]) -> list[Invitee]:
    """Who a meeting invites by default.

    From each invited unit: its leaders (positions of level head or deputy head) and its emulation officers
    (positions that handle emulation work) on the meeting's day. Then the council member following the block in
    the meeting's year; for a council session, the members of the council in term on that day. One row per
    person: the council seat wins over a unit position, a leader's position over an officer's.
    """
    day = meeting.date
    chosen: dict[int, Invitee] = {}
    positions = (
        _positions_on(day)
        .filter(unit__in=list(units), person__is_active=True)
        .filter(Q(level__in=LEADER_LEVELS) | Q(handles_emulation=True))
        .select_related("person", "unit")
        .order_by(_LEVEL_RANK, "-start_date", "pk")
    )
    for position in positions:
        if position.person_id in chosen:
            continue  # most senior position first
        role = AttendeeRole.LEADER if position.level in LEADER_LEVELS else AttendeeRole.EMULATION_OFFICER
        chosen[position.person_id] = Invitee(position.person, role, position.unit, position.title)
    for person, title in _council_invitees(meeting):
        unit, position_title = snapshot_of(person, day)
        chosen[person.pk] = Invitee(person, AttendeeRole.COUNCIL_MEMBER, unit, title or position_title)
    return list(chosen.values())


def _council_invitees(meeting: Meeting) -> list[tuple[Person, str]]:
    if meeting.kind == MeetingKind.COUNCIL_SESSION:
        council = current_council(meeting.date)
        if council is None:
            return []
        return [(seat.person, seat.title or seat.get_role_display()) for seat in council_members(council)]
    followups = BlockFollowUp.objects.filter(block_id=meeting.block_id, year=meeting.year).select_related(
        "council_member__person__unit"
    )
    return [(f.council_member.person, f.council_member.title) for f in followups]


# --- summaries -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AttendanceSummary:
    """Counts of a roll call: present council members, present delegates of units, the units they came from."""

    listed: int
    council_members: int
    delegates: int
    units: int
    absent: int
    excused: int
    recorded: bool

    def counts(self) -> str:
        """ "1 thành viên Hội đồng, 14 đại biểu của 7 đơn vị" (empty when nobody was present)."""
        parts = []
        if self.council_members:
            parts.append(
                ngettext("%(n)s thành viên Hội đồng", "%(n)s thành viên Hội đồng", self.council_members)
                % {"n": self.council_members}
            )
        if self.delegates and self.units:
            parts.append(
                ngettext(
                    "%(n)s đại biểu của %(units)s đơn vị",
                    "%(n)s đại biểu của %(units)s đơn vị",
                    self.delegates,
                )
                % {"n": self.delegates, "units": self.units}
            )
        elif self.delegates:
            parts.append(ngettext("%(n)s đại biểu", "%(n)s đại biểu", self.delegates) % {"n": self.delegates})
        return ", ".join(parts)

    def line(self) -> str:
        """ "Tham dự: 1 thành viên Hội đồng, 14 đại biểu của 7 đơn vị"."""
        if not self.recorded:
            return ngettext(
                "Chưa điểm danh (%(n)s người trong danh sách).",
                "Chưa điểm danh (%(n)s người trong danh sách).",
                self.listed,
            ) % {"n": self.listed}
        counts = self.counts()
        if not counts:
            return _("Không có đại biểu nào có mặt.")
        return _("Tham dự: %(parts)s") % {"parts": counts}

    def __str__(self) -> str:
        return self.line()


def _unit_key(attendee: Attendee) -> str | int | None:
    if attendee.unit_id is not None:
        return attendee.unit_id
    return attendee.unit_name.strip().casefold() or None


def attendance_summary(attendees: Iterable[Attendee]) -> AttendanceSummary:
    """Summarise a list already fetched (the detail page passes the rows it shows: no extra query)."""
    rows = list(attendees)
    present = [a for a in rows if a.status == Attendance.PRESENT]
    delegates = [a for a in present if a.role != AttendeeRole.COUNCIL_MEMBER]
    units = {key for key in (_unit_key(a) for a in delegates) if key is not None}
    return AttendanceSummary(
        listed=len(rows),
        council_members=len(present) - len(delegates),
        delegates=len(delegates),
        units=len(units),
        absent=sum(1 for a in rows if a.status == Attendance.ABSENT),
        excused=sum(1 for a in rows if a.status == Attendance.EXCUSED),
        recorded=any(a.status != Attendance.PENDING for a in rows),
    )


@dataclass(frozen=True)
class MeetingSummary:
    """What a news item about a meeting needs (the portal's drafting feature reads this)."""

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
    #: present attendees by :class:`AttendeeRole` value
    present_by_role: dict[str, int] = field(default_factory=dict)
    units_present: list[str] = field(default_factory=list)
    council_members_present: list[str] = field(default_factory=list)
    attendance: AttendanceSummary | None = None

    @property
    def council_member_present(self) -> bool:
        return bool(self.council_members_present)


def meeting_summary(meeting: Meeting) -> MeetingSummary:
    """Date, venue, host unit, chair, present attendees counted by kind, the names of the units present and of the
    council members present. Two queries (the meeting's own row is the caller's)."""
    attendees = list(attendees_of(meeting))
    present = [a for a in attendees if a.status == Attendance.PRESENT]
    by_role: dict[str, int] = {}
    for attendee in present:
        by_role[attendee.role] = by_role.get(attendee.role, 0) + 1
    units: list[str] = []
    for attendee in present:
        if (
            attendee.role != AttendeeRole.COUNCIL_MEMBER
            and attendee.unit_name
            and attendee.unit_name not in units
        ):
            units.append(attendee.unit_name)
    chair = Person.objects.filter(pk=meeting.chair_id).first() if meeting.chair_id else None
    return MeetingSummary(
        meeting_id=meeting.pk,
        title=meeting.title,
        kind=meeting.kind,
        date=meeting.date,
        starts_at=meeting.starts_at,
        venue=meeting.venue,
        host_unit=meeting.host_unit.name,
        block=meeting.block.name if meeting.block_id is not None and meeting.block else "",
        chair=chair.full_name if chair is not None else "",
        chair_title=meeting.chair_title,
        present_by_role=by_role,
        units_present=units,
        council_members_present=[a.full_name for a in present if a.role == AttendeeRole.COUNCIL_MEMBER],
        attendance=attendance_summary(attendees),
    )


def minutes_outline(meeting: Meeting, attendees: Sequence[Attendee], agenda: Sequence[AgendaItem]) -> str:
    """A first draft of the minutes from what the system knows: time, place, chair, attendance, programme.

    The secretary completes it with the discussion and the conclusions.
    """
    with translation.override(STORED_LANGUAGE):
        local = timezone.localtime(meeting.starts_at)
        lines = [
            _("BIÊN BẢN"),
            meeting.title,
            "",
            _("Thời gian: %(time)s, ngày %(date)s.")
            % {"time": local.strftime("%H giờ %M"), "date": local.strftime("%d/%m/%Y")},
            _("Địa điểm: %(venue)s.") % {"venue": meeting.venue},
        ]
        if meeting.chair_id is not None and meeting.chair is not None:
            chair = meeting.chair.full_name + (f", {meeting.chair_title}" if meeting.chair_title else "")
            lines.append(_("Chủ trì: %(chair)s.") % {"chair": chair})
        if meeting.secretary_id is not None and meeting.secretary is not None:
            lines.append(_("Thư ký: %(name)s.") % {"name": meeting.secretary.full_name})
        summary = attendance_summary(attendees)
        if summary.recorded:
            lines.append(_("Thành phần tham dự: %(counts)s.") % {"counts": summary.counts() or "0"})
        else:
            lines.append(_("Thành phần tham dự: (chưa điểm danh)."))
        for attendee in attendees:
            if attendee.status != Attendance.PRESENT:
                continue
            # A council seat's title already names the unit ("Giám đốc Sở Y tế").
            unit = "" if attendee.role == AttendeeRole.COUNCIL_MEMBER else attendee.unit_name
            details = ", ".join(part for part in (attendee.position_title, unit) if part)
            lines.append(f"- {attendee.full_name}" + (f", {details}" if details else ""))
        lines += ["", _("NỘI DUNG")]
        for number, item in enumerate(agenda, start=1):
            presenter = f" ({item.presenter_label})" if item.presenter_label else ""
            lines.append(f"{number}. {item.title}{presenter}")
        lines += ["", _("Ý KIẾN THẢO LUẬN"), "", _("KẾT LUẬN")]
        return "\n".join(lines)
