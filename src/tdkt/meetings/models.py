"""Conferences of a block (pledge signing, six-month and year-end reviews) and council sessions: who was invited
and who came, the agenda, the minutes (biên bản) and the photos.

An attendee row keeps a snapshot of the delegate's name, unit and position title as they were at the meeting, so
the record stays right after the person moves to another post. Photos are stored re-encoded with a thumbnail made
on upload (:func:`tdkt.core.images.process_photo`) and are served through the app's views, which apply the
meeting's visibility.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tdkt import vn
from tdkt.core.models import TimeStampedModel
from tdkt.emulation.models import Pledge
from tdkt.meetings.enums import Attendance, AttendeeRole, MeetingKind, MeetingState, MinutesState
from tdkt.org.models import EmulationBlock, Person, Unit
from tdkt.reports.models import BlockReport

#: Stored text is Vietnamese whatever language the person who typed it reads the interface in.
STORED_LANGUAGE = "vi"


def default_title(kind: str, year: int, block: EmulationBlock | None) -> str:
    """The title officials give each kind of meeting, e.g. "Hội nghị sơ kết phong trào thi đua, khen thưởng
    6 tháng đầu năm 2020 Khối thi đua các cơ quan tham mưu tổng hợp tỉnh"."""
    block_name = block.name if block is not None else ""
    with translation.override(STORED_LANGUAGE):
        patterns: dict[str, str] = {
            MeetingKind.PLEDGE_SIGNING: gettext("Hội nghị ký kết giao ước thi đua năm %(year)s %(block)s"),
            MeetingKind.MIDYEAR_REVIEW: gettext(
                "Hội nghị sơ kết phong trào thi đua, khen thưởng 6 tháng đầu năm %(year)s %(block)s"
            ),
            MeetingKind.YEAR_END_REVIEW: gettext(
                "Hội nghị tổng kết phong trào thi đua, khen thưởng năm %(year)s %(block)s"
            ),
            MeetingKind.COUNCIL_SESSION: gettext(
                "Phiên họp Hội đồng Thi đua - Khen thưởng tỉnh năm %(year)s"
            ),
        }
        pattern = patterns.get(kind, gettext("Hội nghị năm %(year)s %(block)s"))
        return vn.clean(pattern % {"year": year, "block": block_name})


class Meeting(TimeStampedModel):
    """A conference: kind, block and year, host unit, venue, time, chair; planned until it is held."""

    kind = models.CharField(_("loại hội nghị"), max_length=20, choices=MeetingKind.choices)
    block = models.ForeignKey(
        EmulationBlock,
        verbose_name=_("khối, cụm"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meetings",
        help_text=_("Để trống với phiên họp Hội đồng."),
    )
    year = models.PositiveSmallIntegerField(_("năm thi đua"))
    title = models.CharField(_("tên hội nghị"), max_length=500)
    host_unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị chủ trì tổ chức"),
        on_delete=models.PROTECT,
        related_name="hosted_meetings",
    )
    venue = models.CharField(_("địa điểm"), max_length=255)
    starts_at = models.DateTimeField(_("bắt đầu"))
    ends_at = models.DateTimeField(_("kết thúc"), null=True, blank=True)
    chair = models.ForeignKey(
        Person,
        verbose_name=_("người chủ trì"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="chaired_meetings",
    )
    chair_title = models.CharField(_("chức danh người chủ trì"), max_length=255, blank=True)
    secretary = models.ForeignKey(
        Person,
        verbose_name=_("thư ký"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="minuted_meetings",
        help_text=_("Người ghi biên bản; được soạn biên bản cùng Khối trưởng."),
    )
    minutes_due = models.DateField(
        _("hạn hoàn thành biên bản"),
        null=True,
        blank=True,
        help_text=_("Theo quy chế hoạt động của Khối; để trống nếu không quy định."),
    )
    notes = models.TextField(_("ghi chú"), blank=True)
    state = models.CharField(
        _("trạng thái"), max_length=10, choices=MeetingState.choices, default=MeetingState.PLANNED
    )
    invitations_sent_at = models.DateTimeField(_("gửi giấy mời lúc"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("hội nghị")
        verbose_name_plural = _("hội nghị")
        ordering = ["-starts_at", "-pk"]
        indexes = [
            models.Index(fields=["block", "year"], name="meeting_block_year"),
            models.Index(fields=["state", "starts_at"], name="meeting_state_start"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind=MeetingKind.COUNCIL_SESSION) & Q(block__isnull=True))
                | (~Q(kind=MeetingKind.COUNCIL_SESSION) & Q(block__isnull=False)),
                name="meeting_block_unless_council_session",
            ),
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gte=models.F("starts_at")),
                name="meeting_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("meetings:detail", args=[self.pk])

    @property
    def date(self) -> datetime.date:
        """The meeting's day in the province's time zone (not UTC)."""
        return timezone.localdate(self.starts_at)

    @property
    def is_held(self) -> bool:
        return self.state == MeetingState.HELD

    @property
    def current_minutes(self) -> Minutes | None:
        try:
            return self.minutes
        except Minutes.DoesNotExist:
            return None

    @property
    def is_locked(self) -> bool:
        """Locked minutes freeze the record they describe: information, list, attendance and agenda."""
        minutes = self.current_minutes
        return minutes is not None and minutes.state == MinutesState.LOCKED


class InvitedUnit(models.Model):
    """A unit invited to send its delegates."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("hội nghị"), on_delete=models.CASCADE, related_name="invited_units"
    )
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("đơn vị được mời")
        verbose_name_plural = _("đơn vị được mời")
        ordering = ["meeting", "unit__name_sort"]
        constraints = [models.UniqueConstraint(fields=["meeting", "unit"], name="invited_unit_unique")]

    def __str__(self) -> str:
        return self.unit.name


class Attendee(TimeStampedModel):
    """One delegate on the meeting's list, invited beforehand or added on the day, with the roll-call status.

    ``full_name``, ``unit``/``unit_name`` and ``position_title`` are a snapshot taken when the person was put on
    the list, as of the meeting's date; a guest from outside the province's records has no ``person``.
    """

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("hội nghị"), on_delete=models.CASCADE, related_name="attendees"
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("cá nhân"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meeting_attendances",
    )
    full_name = models.CharField(_("họ và tên"), max_length=150)
    name_sort = models.CharField(max_length=1024, editable=False)
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    unit_name = models.CharField(_("đơn vị (lúc dự)"), max_length=255, blank=True)
    position_title = models.CharField(_("chức vụ (lúc dự)"), max_length=255, blank=True)
    role = models.CharField(_("thành phần"), max_length=20, choices=AttendeeRole.choices)
    invited = models.BooleanField(_("có trong giấy mời"), default=True)
    notified_at = models.DateTimeField(_("đã báo lúc"), null=True, blank=True)
    status = models.CharField(
        _("điểm danh"), max_length=10, choices=Attendance.choices, default=Attendance.PENDING
    )
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("đại biểu")
        verbose_name_plural = _("đại biểu")
        ordering = ["meeting", "unit_name", "name_sort"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"], condition=Q(person__isnull=False), name="attendee_person_once"
            )
        ]
        indexes = [models.Index(fields=["person", "meeting"], name="attendee_person_meeting")]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.refresh_keys()
        super().save(*args, **kwargs)

    def refresh_keys(self) -> None:
        """NFC name and its collation key (bulk creation calls it, since bulk_create skips save)."""
        self.full_name = vn.clean(self.full_name)
        self.name_sort = vn.name_sort_key_str(self.full_name) if self.full_name else ""

    @property
    def is_present(self) -> bool:
        return self.status == Attendance.PRESENT


class AgendaItem(TimeStampedModel):
    """One item of the programme, in order: the title, who presents it (a person or a text) and notes, and what it
    discusses — the block's pledge and/or consolidated report of the meeting's block and year (the services refuse
    another block's or year's)."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("hội nghị"), on_delete=models.CASCADE, related_name="agenda_items"
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"))
    title = models.CharField(_("nội dung"), max_length=500)
    presenter = models.ForeignKey(
        Person,
        verbose_name=_("người trình bày"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    presenter_text = models.CharField(
        _("người trình bày (ghi rõ)"),
        max_length=255,
        blank=True,
        help_text=_("Chức danh, đơn vị hoặc người ngoài danh sách, ví dụ: Đại diện Sở Tư pháp."),
    )
    notes = models.TextField(_("ghi chú"), blank=True)
    pledge = models.ForeignKey(
        Pledge,
        verbose_name=_("giao ước thi đua được thảo luận"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agenda_items",
    )
    block_report = models.ForeignKey(
        BlockReport,
        verbose_name=_("báo cáo của Khối được thảo luận"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agenda_items",
    )

    class Meta:
        verbose_name = _("mục chương trình")
        verbose_name_plural = _("chương trình hội nghị")
        ordering = ["meeting", "order", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def pledge_label(self) -> str:
        return self.pledge.title if self.pledge_id is not None and self.pledge else ""

    @property
    def block_report_label(self) -> str:
        """The report by its period, e.g. "Báo cáo sơ kết 6 tháng đầu năm 2020"."""
        return (
            self.block_report.template.title if self.block_report_id is not None and self.block_report else ""
        )

    @property
    def presenter_label(self) -> str:
        parts = [self.presenter.full_name] if self.presenter_id is not None and self.presenter else []
        if self.presenter_text:
            parts.append(self.presenter_text)
        return ", ".join(parts)


class Minutes(TimeStampedModel):
    """The minutes (biên bản) of a meeting: draft → approved → locked. One per meeting."""

    meeting = models.OneToOneField(
        Meeting, verbose_name=_("hội nghị"), on_delete=models.CASCADE, related_name="minutes"
    )
    body = models.TextField(_("nội dung biên bản"))
    state = models.CharField(
        _("trạng thái"), max_length=10, choices=MinutesState.choices, default=MinutesState.DRAFT
    )
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người soạn"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thông qua"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("thông qua lúc"), null=True, blank=True)
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người khóa"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    locked_at = models.DateTimeField(_("khóa lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("biên bản hội nghị")
        verbose_name_plural = _("biên bản hội nghị")

    def __str__(self) -> str:
        return gettext("Biên bản %(meeting)s") % {"meeting": self.meeting.title}


class Photo(TimeStampedModel):
    """A photo taken at the meeting, stored re-encoded, with its thumbnail and caption, in gallery order."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("hội nghị"), on_delete=models.CASCADE, related_name="photos"
    )
    # The image and its thumbnail ("…-thumb.jpg") side by side, by upload year.
    image = models.ImageField(_("ảnh"), upload_to="meetings/photos/%Y/", max_length=255)
    thumbnail = models.ImageField(_("ảnh thu nhỏ"), upload_to="meetings/photos/%Y/", max_length=255)
    width = models.PositiveIntegerField(_("rộng (điểm ảnh)"))
    height = models.PositiveIntegerField(_("cao (điểm ảnh)"))
    caption = models.CharField(_("chú thích"), max_length=500, blank=True)
    order = models.PositiveIntegerField(_("thứ tự"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tải lên"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("ảnh hội nghị")
        verbose_name_plural = _("ảnh hội nghị")
        ordering = ["meeting", "order", "pk"]

    def __str__(self) -> str:
        return self.caption or self.image.name

    def get_absolute_url(self) -> str:
        return reverse("meetings:photo_image", args=[self.pk])

    @property
    def thumbnail_url(self) -> str:
        return reverse("meetings:photo_thumbnail", args=[self.pk])
