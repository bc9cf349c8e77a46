"""Six-month and year-end reports: the template of a period, each member unit's report, the block's
consolidated report with its versions, the comment rounds on a version and the comments with their answers.

Deadlines are data on the rows (the template's submission and comment deadlines, each round's deadline), never
constants in code. Whether a unit is late is computed from them, not stored.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tdkt.core.models import TimeStampedModel
from tdkt.org.models import EmulationBlock, Unit
from tdkt.reports.enums import (
    AnswerKind,
    BlockReportStatus,
    BoardStatus,
    PeriodKind,
    UnitReportStatus,
)

#: The name of the block's consolidated report for each period (sơ kết for the half year, tổng kết for the year).
REPORT_TITLES = {
    PeriodKind.SIX_MONTHS: _("Báo cáo sơ kết 6 tháng đầu năm %(year)s"),
    PeriodKind.YEAR: _("Báo cáo tổng kết năm %(year)s"),
}


class ReportTemplate(TimeStampedModel):
    """What a block's members report on for one period of one year: ordered sections, numeric indicators and
    the deadlines. Each block has its own template per period and year (copied from the defaults or from last
    year's), so that a block head may adapt it without touching other blocks."""

    block = models.ForeignKey(
        EmulationBlock,
        verbose_name=_("khối, cụm"),
        on_delete=models.PROTECT,
        related_name="report_templates",
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    period = models.CharField(_("kỳ báo cáo"), max_length=20, choices=PeriodKind.choices)
    submission_deadline = models.DateField(
        _("hạn nộp báo cáo của đơn vị"),
        help_text=_("Đơn vị nộp sau ngày này được ghi nhận là nộp muộn."),
    )
    comment_deadline = models.DateField(
        _("hạn góp ý dự thảo"),
        null=True,
        blank=True,
        help_text=_("Hạn mặc định khi mở vòng góp ý dự thảo báo cáo của Khối."),
    )

    class Meta:
        verbose_name = _("mẫu báo cáo")
        verbose_name_plural = _("mẫu báo cáo")
        ordering = ["-year", "period", "block__name_sort"]
        constraints = [
            models.UniqueConstraint(fields=["block", "year", "period"], name="report_template_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.title} — {self.block.name}"

    def clean(self) -> None:
        if (
            self.comment_deadline is not None
            and self.submission_deadline is not None
            and self.comment_deadline < self.submission_deadline
        ):
            raise ValidationError(
                {"comment_deadline": _("Hạn góp ý dự thảo không được trước hạn nộp báo cáo của đơn vị.")}
            )

    @property
    def title(self) -> str:
        return str(REPORT_TITLES[PeriodKind(self.period)] % {"year": self.year})

    @property
    def period_label(self) -> str:
        """ "6 tháng đầu năm 2020" / "năm 2020": the period in words, as in "Nộp báo cáo 6 tháng đầu năm 2020"."""
        return f"{self.get_period_display()} {self.year}"


class ReportSection(models.Model):
    """One heading of the report (e.g. "Công tác thi đua, khen thưởng"); units write a text under each."""

    template = models.ForeignKey(
        ReportTemplate, verbose_name=_("mẫu báo cáo"), on_delete=models.CASCADE, related_name="sections"
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"))
    title = models.CharField(_("tên mục"), max_length=255)

    class Meta:
        verbose_name = _("mục báo cáo")
        verbose_name_plural = _("mục báo cáo")
        ordering = ["template", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["template", "title"], name="report_section_title_unique"),
        ]

    def __str__(self) -> str:
        return self.title


class ReportIndicator(models.Model):
    """A figure each unit fills and the block's report adds up (e.g. "Số sáng kiến được công nhận")."""

    template = models.ForeignKey(
        ReportTemplate, verbose_name=_("mẫu báo cáo"), on_delete=models.CASCADE, related_name="indicators"
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"))
    name = models.CharField(_("tên chỉ tiêu"), max_length=255)

    class Meta:
        verbose_name = _("chỉ tiêu báo cáo")
        verbose_name_plural = _("chỉ tiêu báo cáo")
        ordering = ["template", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["template", "name"], name="report_indicator_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class UnitReport(TimeStampedModel):
    """A member unit's report for a template: drafted by the unit, submitted (then locked for the unit)."""

    template = models.ForeignKey(
        ReportTemplate, verbose_name=_("mẫu báo cáo"), on_delete=models.PROTECT, related_name="unit_reports"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="period_reports"
    )
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=UnitReportStatus.choices, default=UnitReportStatus.DRAFT
    )
    submitted_at = models.DateTimeField(_("nộp lúc"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nộp"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    returned_at = models.DateTimeField(_("trả lại lúc"), null=True, blank=True)
    returned_reason = models.TextField(_("lý do trả lại"), blank=True)

    class Meta:
        verbose_name = _("báo cáo của đơn vị")
        verbose_name_plural = _("báo cáo của đơn vị")
        ordering = ["template", "unit__name_sort"]
        constraints = [
            models.UniqueConstraint(fields=["template", "unit"], name="unit_report_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.template.title} — {self.unit.display_name}"

    @property
    def is_submitted(self) -> bool:
        return self.status == UnitReportStatus.SUBMITTED

    @property
    def submitted_late(self) -> bool:
        """Submitted after the template's deadline (the day of the deadline still counts as on time)."""
        if self.submitted_at is None:
            return False
        return timezone.localtime(self.submitted_at).date() > self.template.submission_deadline

    def board_status(self, today: datetime.date) -> BoardStatus:
        if self.is_submitted:
            return BoardStatus.SUBMITTED_LATE if self.submitted_late else BoardStatus.SUBMITTED
        if today > self.template.submission_deadline:
            return BoardStatus.LATE
        return BoardStatus.DRAFT


class UnitReportText(models.Model):
    """A unit's text under one section of the template."""

    report = models.ForeignKey(
        UnitReport, verbose_name=_("báo cáo"), on_delete=models.CASCADE, related_name="texts"
    )
    section = models.ForeignKey(
        ReportSection, verbose_name=_("mục"), on_delete=models.CASCADE, related_name="unit_texts"
    )
    text = models.TextField(_("nội dung"), blank=True)

    class Meta:
        verbose_name = _("nội dung báo cáo của đơn vị")
        verbose_name_plural = _("nội dung báo cáo của đơn vị")
        constraints = [
            models.UniqueConstraint(fields=["report", "section"], name="unit_report_text_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.report} — {self.section.title}"


class UnitReportValue(models.Model):
    """A unit's figure for one indicator."""

    report = models.ForeignKey(
        UnitReport, verbose_name=_("báo cáo"), on_delete=models.CASCADE, related_name="values"
    )
    indicator = models.ForeignKey(
        ReportIndicator, verbose_name=_("chỉ tiêu"), on_delete=models.CASCADE, related_name="unit_values"
    )
    value = models.PositiveBigIntegerField(_("số liệu"))

    class Meta:
        verbose_name = _("số liệu báo cáo của đơn vị")
        verbose_name_plural = _("số liệu báo cáo của đơn vị")
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="unit_report_value_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.name}: {self.value}"


class BlockReport(TimeStampedModel):
    """The block's consolidated report for a template: compiled by the block head from the units' reports,
    revised in versions through comment rounds, and finally locked on the version marked final.

    Meetings link to it (a conference's agenda item "thông qua báo cáo")."""

    template = models.OneToOneField(
        ReportTemplate, verbose_name=_("mẫu báo cáo"), on_delete=models.PROTECT, related_name="block_report"
    )
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=BlockReportStatus.choices, default=BlockReportStatus.DRAFT
    )
    current_version = models.ForeignKey(
        "BlockReportVersion",
        verbose_name=_("phiên bản hiện tại"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    final_version = models.ForeignKey(
        "BlockReportVersion",
        verbose_name=_("phiên bản chính thức"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    finalised_at = models.DateTimeField(_("hoàn thành lúc"), null=True, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người hoàn thành"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("báo cáo của Khối")
        verbose_name_plural = _("báo cáo của Khối")
        ordering = ["-template__year", "template__period", "template__block__name_sort"]

    def __str__(self) -> str:
        return f"{self.template.title} — {self.template.block.name}"

    @property
    def is_final(self) -> bool:
        return self.status == BlockReportStatus.FINAL


class BlockReportVersion(models.Model):
    """One saved state of the consolidated text: every change of the text is a new version, none is ever edited."""

    report = models.ForeignKey(
        BlockReport, verbose_name=_("báo cáo của Khối"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("phiên bản số"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người soạn"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    author_label = models.CharField(_("người soạn (tên lúc ghi)"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("lưu lúc"), default=timezone.now)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    compiled = models.BooleanField(
        _("tổng hợp từ báo cáo đơn vị"),
        default=False,
        help_text=_("Phiên bản được tạo bằng cách tổng hợp lại báo cáo của các đơn vị."),
    )

    class Meta:
        verbose_name = _("phiên bản báo cáo của Khối")
        verbose_name_plural = _("phiên bản báo cáo của Khối")
        ordering = ["report", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="block_report_version_unique"),
        ]

    def __str__(self) -> str:
        return str(_("Phiên bản %(number)s") % {"number": self.number})


class BlockReportText(models.Model):
    """The full text of one section in one version."""

    version = models.ForeignKey(
        BlockReportVersion, verbose_name=_("phiên bản"), on_delete=models.CASCADE, related_name="texts"
    )
    section = models.ForeignKey(
        ReportSection, verbose_name=_("mục"), on_delete=models.PROTECT, related_name="block_texts"
    )
    text = models.TextField(_("nội dung"), blank=True)

    class Meta:
        verbose_name = _("nội dung báo cáo của Khối")
        verbose_name_plural = _("nội dung báo cáo của Khối")
        constraints = [
            models.UniqueConstraint(fields=["version", "section"], name="block_report_text_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.version} — {self.section.title}"


class BlockReportFigure(models.Model):
    """An indicator's block total in one version: the sum of the submitted units' values when compiled."""

    version = models.ForeignKey(
        BlockReportVersion, verbose_name=_("phiên bản"), on_delete=models.CASCADE, related_name="figures"
    )
    indicator = models.ForeignKey(
        ReportIndicator, verbose_name=_("chỉ tiêu"), on_delete=models.PROTECT, related_name="block_figures"
    )
    value = models.PositiveBigIntegerField(_("tổng số"))
    unit_count = models.PositiveSmallIntegerField(_("số đơn vị"), default=0)

    class Meta:
        verbose_name = _("số liệu tổng hợp")
        verbose_name_plural = _("số liệu tổng hợp")
        constraints = [
            models.UniqueConstraint(fields=["version", "indicator"], name="block_report_figure_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.name}: {self.value}"


class CommentRound(models.Model):
    """A round of comments by the member units on one version of the draft, open until the block head closes it."""

    report = models.ForeignKey(
        BlockReport, verbose_name=_("báo cáo của Khối"), on_delete=models.CASCADE, related_name="rounds"
    )
    number = models.PositiveSmallIntegerField(_("vòng số"))
    version = models.ForeignKey(
        BlockReportVersion, verbose_name=_("phiên bản"), on_delete=models.PROTECT, related_name="rounds"
    )
    deadline = models.DateField(_("hạn góp ý"))
    opened_at = models.DateTimeField(_("mở lúc"), default=timezone.now)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người mở"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("đóng lúc"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người đóng"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("vòng góp ý")
        verbose_name_plural = _("vòng góp ý")
        ordering = ["report", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="comment_round_number_unique"),
            models.UniqueConstraint(
                fields=["report"], condition=Q(closed_at__isnull=True), name="comment_round_one_open"
            ),
        ]

    def __str__(self) -> str:
        return str(
            _("Vòng góp ý %(number)s (phiên bản %(version)s)")
            % {"number": self.number, "version": self.version.number}
        )

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class Comment(models.Model):
    """A member unit's comment on one section of the round's version, and the block head's answer."""

    round = models.ForeignKey(
        CommentRound, verbose_name=_("vòng góp ý"), on_delete=models.CASCADE, related_name="comments"
    )
    section = models.ForeignKey(
        ReportSection, verbose_name=_("mục"), on_delete=models.PROTECT, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người góp ý"), on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị góp ý"), on_delete=models.PROTECT, related_name="report_comments"
    )
    text = models.TextField(_("nội dung góp ý"))
    created_at = models.DateTimeField(_("góp ý lúc"), default=timezone.now)
    answer_kind = models.CharField(
        _("hình thức trả lời"), max_length=20, choices=AnswerKind.choices, blank=True
    )
    answer_text = models.TextField(_("nội dung trả lời"), blank=True)
    answered_at = models.DateTimeField(_("trả lời lúc"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người trả lời"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("góp ý dự thảo")
        verbose_name_plural = _("góp ý dự thảo")
        ordering = ["round", "created_at", "pk"]
        indexes = [models.Index(fields=["round", "answered_at"], name="report_comment_answered")]

    def __str__(self) -> str:
        return f"{self.unit.display_name} — {self.section.title}"

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None
