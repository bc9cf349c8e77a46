"""A block's year-end scoring round: self scoring, cross scoring, discrepancies and their reconciliation, and the
final scores with the inputs they were computed from.

The configuration (mode, formula, weights, margin, tie rules, deadlines) is data on the round, set by the block
head; the table is the pledge's signed table (its rows and the version number it was signed at).
"""

from __future__ import annotations

import pathlib
import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tdkt.core.models import TimeStampedModel
from tdkt.emulation.models import Criterion, Pledge, ScoringItem, ScoringTableVersion
from tdkt.org.models import EmulationBlock, Person, Unit
from tdkt.scoring.enums import (
    EvidenceKind,
    Formula,
    MarginUnit,
    RoundState,
    ScoringMode,
    SheetKind,
    SheetStatus,
)


class ScoringRound(TimeStampedModel):
    """The year-end scoring of a block against its signed pledge (one per pledge)."""

    pledge = models.OneToOneField(
        Pledge, verbose_name=_("giao ước"), on_delete=models.PROTECT, related_name="scoring_round"
    )
    table_version = models.ForeignKey(
        ScoringTableVersion,
        verbose_name=_("phiên bản bảng chấm điểm"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    state = models.CharField(
        _("giai đoạn"), max_length=20, choices=RoundState.choices, default=RoundState.DRAFT
    )
    mode = models.CharField(
        _("hình thức chấm chéo"), max_length=10, choices=ScoringMode.choices, default=ScoringMode.PEER
    )
    formula = models.CharField(
        _("cách tính điểm cuối cùng"), max_length=20, choices=Formula.choices, default=Formula.MEAN
    )
    self_weight = models.DecimalField(_("trọng số điểm tự chấm"), max_digits=3, decimal_places=2, default=0)
    peer_weight = models.DecimalField(
        _("trọng số điểm chấm chéo"), max_digits=3, decimal_places=2, default=Decimal(1)
    )
    margin = models.DecimalField(_("mức chênh lệch cho phép"), max_digits=8, decimal_places=2, default=0)
    margin_unit = models.CharField(
        _("đơn vị mức chênh lệch"), max_length=10, choices=MarginUnit.choices, default=MarginUnit.POINTS
    )
    tie_rules = models.JSONField(_("tiêu chí phụ khi bằng điểm"), default=list, blank=True)
    self_deadline = models.DateField(_("hạn tự chấm điểm"))
    cross_deadline = models.DateField(_("hạn chấm chéo"))
    self_opened_at = models.DateTimeField(_("mở tự chấm lúc"), null=True, blank=True)
    cross_opened_at = models.DateTimeField(_("mở chấm chéo lúc"), null=True, blank=True)
    closed_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("đợt chấm điểm thi đua")
        verbose_name_plural = _("đợt chấm điểm thi đua")
        ordering = ["-pledge__year", "pledge__block__name_sort"]
        constraints = [
            models.CheckConstraint(
                condition=Q(self_weight__gte=0, self_weight__lte=1, peer_weight__gte=0, peer_weight__lte=1),
                name="scoring_round_weights_0_1",
            ),
            models.CheckConstraint(
                condition=Q(cross_deadline__gte=F("self_deadline")), name="scoring_round_cross_after_self"
            ),
            models.CheckConstraint(condition=Q(margin__gte=0), name="scoring_round_margin_not_negative"),
        ]

    def __str__(self) -> str:
        return f"Chấm điểm thi đua năm {self.pledge.year} — {self.pledge.block.name}"

    def get_absolute_url(self) -> str:
        return reverse("scoring:round_detail", args=[self.pk])

    @property
    def block(self) -> EmulationBlock:
        return self.pledge.block

    @property
    def year(self) -> int:
        return self.pledge.year

    @property
    def is_closed(self) -> bool:
        return self.state == RoundState.CLOSED


class ScoreSheet(TimeStampedModel):
    """A sheet of points for one scored unit: its own (self scoring) or one scorer's (cross scoring).

    The scorer is a unit (self: the unit itself; cross: another member, or the head or deputy of the panel) or
    the council member on the panel. A unit never scores itself in cross scoring (database constraint).
    """

    round = models.ForeignKey(
        ScoringRound, verbose_name=_("đợt chấm điểm"), on_delete=models.CASCADE, related_name="sheets"
    )
    kind = models.CharField(_("loại phiếu"), max_length=10, choices=SheetKind.choices)
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị được chấm"), on_delete=models.PROTECT, related_name="score_sheets"
    )
    scorer_unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị chấm"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="scored_sheets",
    )
    scorer_person = models.ForeignKey(
        Person,
        verbose_name=_("thành viên Hội đồng chấm"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="scored_sheets",
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=SheetStatus.choices, default=SheetStatus.DRAFT
    )
    note = models.TextField(_("ghi chú chung"), blank=True)
    submitted_at = models.DateTimeField(_("nộp lúc"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nộp"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("phiếu chấm điểm")
        verbose_name_plural = _("phiếu chấm điểm")
        ordering = ["round", "kind", "unit__name_sort", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "unit"], condition=Q(kind=SheetKind.SELF), name="score_sheet_one_self"
            ),
            models.UniqueConstraint(
                fields=["round", "unit", "scorer_unit"],
                condition=Q(kind=SheetKind.PEER, scorer_unit__isnull=False),
                name="score_sheet_one_per_scorer_unit",
            ),
            models.UniqueConstraint(
                fields=["round", "unit", "scorer_person"],
                condition=Q(kind=SheetKind.PEER, scorer_person__isnull=False),
                name="score_sheet_one_per_scorer_person",
            ),
            models.CheckConstraint(
                condition=Q(kind=SheetKind.SELF, scorer_unit=F("unit"), scorer_person__isnull=True)
                | (
                    Q(kind=SheetKind.PEER)
                    & ~Q(scorer_unit=F("unit"))
                    & (
                        Q(scorer_unit__isnull=False, scorer_person__isnull=True)
                        | Q(scorer_unit__isnull=True, scorer_person__isnull=False)
                    )
                ),
                name="score_sheet_scorer_never_scores_itself",
            ),
        ]
        indexes = [models.Index(fields=["round", "scorer_unit"], name="score_sheet_scorer_unit")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.unit.display_name}"

    def get_absolute_url(self) -> str:
        return reverse("scoring:sheet_detail", args=[self.pk])

    @property
    def is_self(self) -> bool:
        return self.kind == SheetKind.SELF

    @property
    def is_submitted(self) -> bool:
        return self.status == SheetStatus.SUBMITTED

    @property
    def scorer_key(self) -> str:
        """The scorer's key in the stored inputs of a final score (see :mod:`tdkt.scoring.formulas`)."""
        return f"u{self.scorer_unit_id}" if self.scorer_unit_id is not None else f"p{self.scorer_person_id}"


class ScoreLine(models.Model):
    """The points a sheet gives on one leaf criterion or one bonus or penalty item, with the scorer's note."""

    sheet = models.ForeignKey(
        ScoreSheet, verbose_name=_("phiếu"), on_delete=models.CASCADE, related_name="lines"
    )
    criterion = models.ForeignKey(
        Criterion,
        verbose_name=_("tiêu chí"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    item = models.ForeignKey(
        ScoringItem,
        verbose_name=_("mục điểm thưởng, điểm trừ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    points = models.DecimalField(
        _("điểm"), max_digits=8, decimal_places=2, null=True, blank=True, help_text=_("Trống: chưa chấm.")
    )
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("điểm của tiêu chí")
        verbose_name_plural = _("điểm của tiêu chí")
        ordering = ["sheet", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["sheet", "criterion"],
                condition=Q(criterion__isnull=False),
                name="score_line_criterion",
            ),
            models.UniqueConstraint(
                fields=["sheet", "item"], condition=Q(item__isnull=False), name="score_line_item"
            ),
            models.CheckConstraint(
                condition=Q(criterion__isnull=False, item__isnull=True)
                | Q(criterion__isnull=True, item__isnull=False),
                name="score_line_criterion_or_item",
            ),
            models.CheckConstraint(condition=Q(points__gte=0), name="score_line_points_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.points}"


def evidence_path(instance: Evidence, filename: str) -> str:
    """Stored under a random name (the original name is kept on the row for downloads)."""
    suffix = pathlib.Path(filename).suffix.lower()
    return f"scoring/{instance.sheet.round.pledge.year}/{uuid.uuid4().hex}{suffix}"


class Evidence(models.Model):
    """Evidence (minh chứng) a unit attaches to its self score on one criterion: a file or a link."""

    sheet = models.ForeignKey(
        ScoreSheet, verbose_name=_("phiếu"), on_delete=models.CASCADE, related_name="evidence"
    )
    criterion = models.ForeignKey(
        Criterion, verbose_name=_("tiêu chí"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("loại"), max_length=10, choices=EvidenceKind.choices)
    title = models.CharField(_("tên minh chứng"), max_length=255)
    file = models.FileField(_("tệp"), upload_to=evidence_path, max_length=255, blank=True)
    original_name = models.CharField(_("tên tệp gốc"), max_length=255, blank=True)
    size = models.PositiveIntegerField(_("dung lượng (byte)"), default=0)
    url = models.URLField(_("đường dẫn"), max_length=500, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(_("thêm lúc"))

    class Meta:
        verbose_name = _("minh chứng")
        verbose_name_plural = _("minh chứng")
        ordering = ["sheet", "criterion__position", "added_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind=EvidenceKind.FILE) & ~Q(file=""))
                | (Q(kind=EvidenceKind.LINK) & ~Q(url="")),
                name="evidence_file_or_link",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return self.url if self.kind == EvidenceKind.LINK else reverse("scoring:evidence", args=[self.pk])


class Reconciliation(models.Model):
    """The block head's decision on a flagged criterion: why self and peer points differ, and, if agreed, the
    points that count. It holds for the self and peer points it was made on; if these change afterwards (a late
    sheet), the flag must be reconciled again."""

    round = models.ForeignKey(
        ScoringRound,
        verbose_name=_("đợt chấm điểm"),
        on_delete=models.CASCADE,
        related_name="reconciliations",
    )
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    criterion = models.ForeignKey(
        Criterion, verbose_name=_("tiêu chí"), on_delete=models.PROTECT, related_name="+"
    )
    self_points = models.DecimalField(_("điểm tự chấm"), max_digits=8, decimal_places=2)
    peer_points = models.DecimalField(_("điểm chấm chéo"), max_digits=8, decimal_places=2)
    points = models.DecimalField(
        _("điểm thống nhất"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Để trống: giữ điểm tính theo công thức."),
    )
    reason = models.TextField(_("lý do"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("xử lý lúc"))

    class Meta:
        verbose_name = _("xử lý chênh lệch điểm")
        verbose_name_plural = _("xử lý chênh lệch điểm")
        ordering = ["round", "unit__name_sort", "criterion__position"]
        constraints = [
            models.UniqueConstraint(fields=["round", "unit", "criterion"], name="reconciliation_one_per_line")
        ]

    def __str__(self) -> str:
        return f"{self.unit.display_name} — {self.criterion.code}"


class FinalScore(models.Model):
    """A unit's final score of a closed round, with everything needed to compute it again and explain it:
    ``inputs`` and ``result`` in the shape of :mod:`tdkt.scoring.formulas`, ``labels`` the names behind the
    scorer keys and the reconciliations' reasons at the time of closing."""

    round = models.ForeignKey(
        ScoringRound, verbose_name=_("đợt chấm điểm"), on_delete=models.CASCADE, related_name="final_scores"
    )
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    formula = models.CharField(_("cách tính"), max_length=20, choices=Formula.choices)
    inputs = models.JSONField(_("dữ liệu đầu vào"))
    result = models.JSONField(_("kết quả tính"))
    labels = models.JSONField(_("chú giải"), default=dict)
    total = models.DecimalField(_("tổng điểm"), max_digits=9, decimal_places=2)
    rank = models.PositiveSmallIntegerField(_("thứ hạng"))
    tied = models.BooleanField(_("đồng hạng"), default=False)
    decided_by = models.CharField(_("xếp trên nhờ tiêu chí phụ"), max_length=40, blank=True)
    computed_at = models.DateTimeField(_("tính lúc"))

    class Meta:
        verbose_name = _("điểm cuối cùng")
        verbose_name_plural = _("điểm cuối cùng")
        ordering = ["round", "rank", "unit__name_sort"]
        constraints = [models.UniqueConstraint(fields=["round", "unit"], name="final_score_one_per_unit")]

    def __str__(self) -> str:
        return f"{self.unit.display_name}: {self.total}"

    def get_absolute_url(self) -> str:
        return reverse("scoring:breakdown", args=[self.round_id, self.unit_id])
