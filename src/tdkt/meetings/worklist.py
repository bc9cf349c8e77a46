"""What meetings ask of each user: invitations to come, and the organiser's follow-up (send the invitations,
record that the meeting took place, take the roll call, write, approve and lock the minutes).

Two queries per user whatever the number of meetings.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt import vn
from tdkt.core.worklist import WorkItem, register
from tdkt.meetings.enums import Attendance, MeetingState, MinutesState
from tdkt.meetings.models import Attendee, Meeting
from tdkt.meetings.queries import managed_meetings_filter


def _when(meeting: Meeting) -> dict[str, str]:
    local = timezone.localtime(meeting.starts_at)
    return {"time": local.strftime("%H:%M"), "date": vn.short_date(local.date()), "venue": meeting.venue}


@register
def invitations(user: Any) -> Iterator[WorkItem]:
    """Invited people: the meetings they are invited to that have not taken place yet."""
    if getattr(user, "person_id", None) is None:
        return
    start_of_today = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    rows = (
        Attendee.objects.filter(
            person_id=user.person_id,
            invited=True,
            notified_at__isnull=False,
            meeting__state=MeetingState.PLANNED,
            meeting__starts_at__gte=start_of_today,
        )
        .select_related("meeting")
        .order_by("meeting__starts_at")
    )
    for row in rows:
        meeting = row.meeting
        yield WorkItem(
            title=_("%(title)s ngày %(date)s") % {"title": meeting.title, **_when(meeting)},
            detail=_("Lúc %(time)s tại %(venue)s.") % _when(meeting),
            url=meeting.get_absolute_url(),
            due=meeting.date,
            category="meeting",
        )


@register
def organiser_duties(user: Any) -> Iterator[WorkItem]:
    """The organiser (block head or deputy; Phòng TĐKT for council sessions): what each meeting still needs."""
    managed = managed_meetings_filter(user)
    if managed is None:
        return
    not_invited = Attendee.objects.filter(
        meeting_id=OuterRef("pk"), invited=True, notified_at__isnull=True, person__isnull=False
    )
    roll_called = Attendee.objects.filter(meeting_id=OuterRef("pk")).exclude(status=Attendance.PENDING)
    meetings = (
        Meeting.objects.filter(managed)
        .exclude(minutes__state=MinutesState.LOCKED)
        .annotate(not_invited=Exists(not_invited), roll_called=Exists(roll_called))
        .select_related("minutes")
        .order_by("starts_at", "pk")
    )
    now = timezone.now()
    for meeting in meetings:
        detail_url = meeting.get_absolute_url()
        minutes = meeting.current_minutes
        if meeting.state == MeetingState.PLANNED:
            if meeting.not_invited:
                yield WorkItem(
                    title=_("Gửi giấy mời: %(title)s") % {"title": meeting.title},
                    detail=_("Có đại biểu trong danh sách chưa được gửi giấy mời."),
                    url=reverse("meetings:invitations", args=[meeting.pk]),
                    due=meeting.date,
                    category="meeting",
                )
            if meeting.starts_at <= now:
                yield WorkItem(
                    title=_("Ghi nhận đã tổ chức: %(title)s") % {"title": meeting.title},
                    detail=_("Đã qua giờ họp lúc %(time)s ngày %(date)s.") % _when(meeting),
                    url=detail_url,
                    due=meeting.date,
                    category="meeting",
                )
            continue
        if not meeting.roll_called:
            yield WorkItem(
                title=_("Điểm danh: %(title)s") % {"title": meeting.title},
                detail=_("Hội nghị đã tổ chức nhưng chưa điểm danh đại biểu."),
                url=reverse("meetings:attendance", args=[meeting.pk]),
                due=meeting.date,
                category="meeting",
            )
        if minutes is None or minutes.state == MinutesState.DRAFT:
            yield WorkItem(
                title=_("Ghi biên bản: %(title)s") % {"title": meeting.title},
                detail=_("Biên bản chưa được thông qua.") if minutes else _("Chưa có biên bản hội nghị."),
                url=reverse("meetings:minutes", args=[meeting.pk]),
                due=meeting.minutes_due,
                category="meeting",
            )
        elif minutes.state == MinutesState.APPROVED:
            yield WorkItem(
                title=_("Khóa biên bản: %(title)s") % {"title": meeting.title},
                detail=_("Biên bản đã thông qua; khóa để lưu hồ sơ."),
                url=reverse("meetings:minutes", args=[meeting.pk]),
                due=meeting.minutes_due,
                category="meeting",
            )
