"""Decisions and the award register (sổ khen thưởng). Both are written once and never changed.

A decision issued here takes its number from the issuer's register (:func:`tdkt.core.numbering.take_number`);
a decision made before the system, or by another body, is recorded as *external* with its own number and date.
Each title or award a decision gives is one :class:`AwardRecord`: the register is the set of records not
cancelled by a later correction (:class:`Cancellation`, part of a correcting decision that refers to the first).

Immutability is enforced three times: the model refuses to save an existing row or delete one, the queryset
refuses bulk updates and deletes, and the database refuses UPDATE (trigger, migration 0002).
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tdkt.awards.enums import AwardKind, DecisionKind


class ImmutableError(Exception):
    """Raised on an attempt to change or remove an issued decision or a register entry."""


MESSAGE = "Quyết định đã ban hành không được sửa, xóa: hãy ban hành quyết định đính chính."


class ImmutableQuerySet(models.QuerySet[Any]):
    def update(self, **kwargs: Any) -> int:
        raise ImmutableError(MESSAGE)

    def delete(self) -> tuple[int, dict[str, int]]:
        raise ImmutableError(MESSAGE)


class ImmutableModel(models.Model):
    """A row that is created once: saving it again or deleting it raises :class:`ImmutableError`."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ImmutableError(MESSAGE)
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ImmutableError(MESSAGE)


class Decision(ImmutableModel):
    """A decision (quyết định): issuer, number/symbol, date, signer, kind and its list of records.

    ``external`` decisions were made outside the system (earlier years, or by the Prime Minister, a ministry…):
    their issuer may be only a name, and their number is theirs. A correction refers to the decision it
    corrects (``corrects``) and carries the reason.
    """

    issuer = models.ForeignKey(
        "org.Unit",
        verbose_name=_("cơ quan ban hành"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="award_decisions",
    )
    issuer_name = models.CharField(_("tên cơ quan ban hành"), max_length=255)
    number = models.PositiveIntegerField(_("số"))
    year = models.PositiveSmallIntegerField(_("năm"))
    symbol = models.CharField(_("ký hiệu"), max_length=60)
    signed_on = models.DateField(_("ngày ký"))
    signer_name = models.CharField(_("người ký"), max_length=150, blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=150, blank=True)
    kind = models.CharField(_("loại quyết định"), max_length=20, choices=DecisionKind.choices)
    summary = models.CharField(_("trích yếu"), max_length=500)
    external = models.BooleanField(_("quyết định đã ban hành ngoài hệ thống"), default=False)
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("đính chính quyết định"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrections",
    )
    reason = models.TextField(_("lý do"), blank=True)
    proposal = models.ForeignKey(
        "awards.Proposal",
        verbose_name=_("tờ trình đề nghị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    ruleset = models.CharField(_("bộ quy tắc áp dụng"), max_length=100, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("ghi lúc"), auto_now_add=True)

    objects: ClassVar[models.Manager[Decision]] = ImmutableQuerySet.as_manager()

    class Meta:
        verbose_name = _("quyết định")
        verbose_name_plural = _("quyết định")
        ordering = ["-signed_on", "-pk"]
        constraints = [
            # The register gives each number of an issuer's year once (external decisions keep theirs).
            models.UniqueConstraint(
                fields=["issuer", "year", "number"],
                condition=Q(external=False),
                name="decision_number_unique",
            ),
            models.CheckConstraint(
                condition=Q(external=True) | Q(issuer__isnull=False), name="decision_issued_has_issuer"
            ),
        ]
        indexes = [models.Index(fields=["year", "number"], name="decision_year_number")]

    def __str__(self) -> str:
        return f"{self.reference} ngày {self.signed_on:%d/%m/%Y}"

    def get_absolute_url(self) -> str:
        return reverse("awards:decision_detail", args=[self.pk])

    @property
    def reference(self) -> str:
        """Số, ký hiệu: numbers under 10 take a leading 0 (Nghị định 30/2020/NĐ-CP, Phụ lục I): 05/QĐ-UBND."""
        return f"{self.number:02d}/{self.symbol}"


class AwardRecord(ImmutableModel):
    """One entry of the award register: who received which title or form, for which year, by which decision.

    Names are kept as they were on the decision (the person may later change unit). The bonus is computed at
    issue from the coefficient and the base salary in force on the decision date (empty for external
    decisions recorded without their amounts).
    """

    decision = models.ForeignKey(
        Decision, verbose_name=_("quyết định"), on_delete=models.PROTECT, related_name="records"
    )
    order = models.PositiveSmallIntegerField(_("số thứ tự"))
    person = models.ForeignKey(
        "org.Person",
        verbose_name=_("cá nhân"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="award_records",
    )
    unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("tập thể"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="award_records",
    )
    subject_name = models.CharField(_("tên cá nhân, tập thể"), max_length=255)
    unit_name = models.CharField(_("đơn vị"), max_length=255, blank=True)
    award_code = models.CharField(_("mã danh hiệu, hình thức"), max_length=60)
    award_name = models.CharField(_("danh hiệu, hình thức"), max_length=255)
    award_kind = models.CharField(_("loại"), max_length=10, choices=AwardKind.choices)
    first_year = models.PositiveSmallIntegerField(_("từ năm"))
    year = models.PositiveSmallIntegerField(_("năm thành tích"))
    coefficient = models.DecimalField(_("hệ số"), max_digits=6, decimal_places=2, null=True, blank=True)
    base_salary = models.PositiveIntegerField(_("mức lương cơ sở"), null=True, blank=True)
    bonus = models.PositiveBigIntegerField(_("tiền thưởng (đồng)"), null=True, blank=True)
    bonus_note = models.CharField(_("ghi chú tiền thưởng"), max_length=500, blank=True)

    objects: ClassVar[models.Manager[AwardRecord]] = ImmutableQuerySet.as_manager()

    class Meta:
        verbose_name = _("sổ khen thưởng")
        verbose_name_plural = _("sổ khen thưởng")
        ordering = ["decision", "order"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False, unit__isnull=True)
                | Q(person__isnull=True, unit__isnull=False),
                name="award_record_one_subject",
            ),
            models.CheckConstraint(condition=Q(first_year__lte=models.F("year")), name="award_record_period"),
            models.UniqueConstraint(fields=["decision", "order"], name="award_record_order"),
        ]
        indexes = [
            models.Index(fields=["person", "year"], name="award_record_person"),
            models.Index(fields=["unit", "year"], name="award_record_unit"),
            models.Index(fields=["award_code", "year"], name="award_record_award"),
        ]

    def __str__(self) -> str:
        return f"{self.subject_name}: {self.award_name} {self.year}"

    @property
    def period(self) -> str:
        return str(self.year) if self.first_year == self.year else f"{self.first_year}–{self.year}"


class Cancellation(ImmutableModel):
    """A register entry cancelled by a correcting decision (which refers to the decision that made it)."""

    decision = models.ForeignKey(
        Decision,
        verbose_name=_("quyết định đính chính"),
        on_delete=models.PROTECT,
        related_name="cancellations",
    )
    record = models.OneToOneField(
        AwardRecord, verbose_name=_("mục bị hủy"), on_delete=models.PROTECT, related_name="cancellation"
    )

    objects: ClassVar[models.Manager[Cancellation]] = ImmutableQuerySet.as_manager()

    class Meta:
        verbose_name = _("mục bị hủy bỏ")
        verbose_name_plural = _("mục bị hủy bỏ")

    def __str__(self) -> str:
        return f"{self.record} — {self.decision}"


class InitiativeUse(ImmutableModel):
    """An initiative used as the basis of a register entry: it counts once, for one title or one form
    (Công văn 5007/BNV-TĐKT năm 2023, mục III.5.c).

    Written with the entry when a decision is issued (:func:`tdkt.awards.services.decisions.issue_decision`),
    never changed. The use stands as long as the entry does: a correction that cancels the entry frees the
    initiative from the correction's date.
    """

    initiative = models.ForeignKey(
        "awards.Initiative", verbose_name=_("sáng kiến"), on_delete=models.PROTECT, related_name="uses"
    )
    record = models.ForeignKey(
        AwardRecord,
        verbose_name=_("làm căn cứ cho"),
        on_delete=models.PROTECT,
        related_name="initiative_uses",
    )

    objects: ClassVar[models.Manager[InitiativeUse]] = ImmutableQuerySet.as_manager()

    class Meta:
        verbose_name = _("sáng kiến đã dùng làm căn cứ khen thưởng")
        verbose_name_plural = _("sáng kiến đã dùng làm căn cứ khen thưởng")
        constraints = [
            models.UniqueConstraint(fields=["initiative", "record"], name="initiative_use_once_per_record")
        ]

    def __str__(self) -> str:
        return f"{self.initiative} — {self.record}"
