"""Base salaries (mức lương cơ sở) a system administrator adds after the rulesets were written.

The rulesets of :mod:`tdkt.rules` carry the base salaries known when they were written, each with its decree; a
new decree (a salary rise) is recorded here with its citation, and every bonus computed from then on reads the
files' rows plus these (Nghị định 152/2025/NĐ-CP, Điều 49(1): the base salary in force on the decision date).

A row is never edited. It may be withdrawn (deleted) only while no decision issued in the system since it was
added is signed on or after its date — once a bonus may have been computed from it, it stays, and a mistake is
corrected by a decision of correction and a later row (docs/awards.md).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tdkt.awards.enums import Confidence


class ChangedBaseSalaryError(Exception):
    """Raised on an attempt to edit a recorded base salary row."""


class AddedBaseSalary(models.Model):
    """Mức lương cơ sở from ``effective_from`` (until the next row, of the rulesets' or of this table)."""

    effective_from = models.DateField(_("áp dụng từ ngày"), unique=True)
    amount = models.PositiveBigIntegerField(_("mức lương cơ sở (đồng/tháng)"))
    citation = models.CharField(_("căn cứ pháp lý"), max_length=300)
    confidence = models.CharField(_("mức tin cậy"), max_length=1, choices=Confidence.choices)
    note = models.CharField(_("ghi chú về mức tin cậy"), max_length=500, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thêm"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    added_at = models.DateTimeField(_("thêm lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("mức lương cơ sở bổ sung")
        verbose_name_plural = _("mức lương cơ sở bổ sung")
        ordering = ["effective_from"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="added_base_salary_positive")]

    def __str__(self) -> str:
        return f"{self.amount:,} đồng từ {self.effective_from:%d/%m/%Y}".replace(",", ".")

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ChangedBaseSalaryError("Mức lương cơ sở đã ghi không được sửa.")
        super().save(*args, **kwargs)
