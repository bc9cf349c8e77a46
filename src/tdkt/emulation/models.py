"""Movements, pledges with their scoring tables, and registrations of target titles.

Deadlines (the pledge's signing deadline, the year's registration deadline) and caps (bonus and penalty caps of a
scoring table) are data on the rows, set by the people who run the cycle, never constants in code.
"""

from __future__ import annotations

import pathlib
import uuid
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tdkt.core.models import TimeStampedModel
from tdkt.emulation.enums import (
    EDITABLE_REGISTRATION_STATES,
    SHARED_REGISTRATION_STATES,
    AdjustmentKind,
    MovementKind,
    PledgeStatus,
    RegistrationStatus,
    title_label,
)
from tdkt.org.models import EmulationBlock, NamedModel, Person, Unit


class Movement(NamedModel):
    """A movement (phong trào thi đua): regular (yearly) or thematic (with its own dates), launched by documents.

    It applies to the whole province, or to chosen units and blocks (a block's members of the movement's year).
    """

    kind = models.CharField(_("loại phong trào"), max_length=20, choices=MovementKind.choices)
    year = models.PositiveSmallIntegerField(_("năm"))
    start_date = models.DateField(_("từ ngày"), null=True, blank=True)
    end_date = models.DateField(_("đến ngày"), null=True, blank=True)
    description = models.TextField(_("nội dung"), blank=True)
    province_wide = models.BooleanField(
        _("áp dụng toàn tỉnh"), default=False, help_text=_("Mọi cơ quan, đơn vị trong tỉnh thực hiện.")
    )
    units = models.ManyToManyField(
        Unit, verbose_name=_("đơn vị thực hiện"), blank=True, related_name="movements"
    )
    blocks = models.ManyToManyField(
        EmulationBlock, verbose_name=_("khối, cụm thực hiện"), blank=True, related_name="movements"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("phong trào thi đua")
        verbose_name_plural = _("phong trào thi đua")
        ordering = ["-year", "name_sort"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind=MovementKind.REGULAR) | Q(start_date__isnull=False, end_date__isnull=False),
                name="movement_thematic_has_dates",
            ),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="movement_end_after_start",
            ),
        ]

    def get_absolute_url(self) -> str:
        return reverse("emulation:movement_detail", args=[self.pk])


def movement_document_path(instance: MovementDocument, filename: str) -> str:
    """Stored under a random name (the original, often Vietnamese, name is kept on the row for downloads)."""
    suffix = pathlib.Path(filename).suffix.lower()
    return f"emulation/movements/{instance.movement.year}/{uuid.uuid4().hex}{suffix}"


class MovementDocument(TimeStampedModel):
    """A launching document of a movement (kế hoạch, hướng dẫn, quyết định phát động…)."""

    movement = models.ForeignKey(
        Movement, verbose_name=_("phong trào"), on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("tên văn bản"), max_length=255)
    file = models.FileField(_("tệp"), upload_to=movement_document_path, max_length=255)
    original_name = models.CharField(_("tên tệp gốc"), max_length=255)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("văn bản phát động")
        verbose_name_plural = _("văn bản phát động")
        ordering = ["movement", "created_at", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("emulation:movement_document", args=[self.pk])


class Pledge(TimeStampedModel):
    """A block's pledge (giao ước thi đua) for one year: its targets and its scoring table, signed by each member.

    Only a draft can change. Opening it for signing freezes it; it becomes signed (locked for good) when every
    member unit has signed or when the block head locks it.
    """

    block = models.ForeignKey(
        EmulationBlock, verbose_name=_("khối, cụm"), on_delete=models.PROTECT, related_name="pledges"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    title = models.CharField(_("tên giao ước"), max_length=255)
    targets = models.TextField(_("chỉ tiêu, nhiệm vụ thi đua"), blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=PledgeStatus.choices, default=PledgeStatus.DRAFT
    )
    signing_deadline = models.DateField(_("hạn ký kết"), null=True, blank=True)
    copied_from = models.ForeignKey(
        "self",
        verbose_name=_("sao chép từ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="copies",
    )
    opened_at = models.DateTimeField(_("mở ký kết lúc"), null=True, blank=True)
    locked_at = models.DateTimeField(_("khóa lúc"), null=True, blank=True)
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("giao ước thi đua")
        verbose_name_plural = _("giao ước thi đua")
        ordering = ["-year", "block__name_sort"]
        constraints = [models.UniqueConstraint(fields=["block", "year"], name="pledge_one_per_block_year")]

    def __str__(self) -> str:
        return f"{self.title} — {self.block.name}"

    def get_absolute_url(self) -> str:
        return reverse("emulation:pledge_detail", args=[self.pk])

    @property
    def is_draft(self) -> bool:
        return self.status == PledgeStatus.DRAFT

    @property
    def is_locked(self) -> bool:
        return self.status == PledgeStatus.SIGNED


class ScoringTable(models.Model):
    """The pledge's scoring table (bảng chấm điểm): a tree of criteria with maximum points, bonus and penalty
    items with their caps. Each save of its structure while the pledge is a draft is a numbered version."""

    pledge = models.OneToOneField(
        Pledge, verbose_name=_("giao ước"), on_delete=models.CASCADE, related_name="table"
    )
    version = models.PositiveIntegerField(_("phiên bản"), default=0)
    bonus_cap = models.DecimalField(
        _("tổng điểm thưởng tối đa"), default=Decimal(0), max_digits=8, decimal_places=2
    )
    penalty_cap = models.DecimalField(
        _("tổng điểm trừ tối đa"), default=Decimal(0), max_digits=8, decimal_places=2
    )

    class Meta:
        verbose_name = _("bảng chấm điểm")
        verbose_name_plural = _("bảng chấm điểm")

    def __str__(self) -> str:
        return f"Bảng chấm điểm {self.pledge_id} (phiên bản {self.version})"


class Criterion(models.Model):
    """A node of the criteria tree: a group (depth 1), a criterion (2) or a sub-criterion (3).

    ``position`` is the node's place in the whole outline (pre-order), so ordering by it lists the tree as it
    is printed; a parent's maximum equals the sum of its children's (checked by the service).
    """

    table = models.ForeignKey(
        ScoringTable, verbose_name=_("bảng chấm điểm"), on_delete=models.CASCADE, related_name="criteria"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("thuộc"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    depth = models.PositiveSmallIntegerField(_("cấp"))
    position = models.PositiveIntegerField(_("thứ tự"))
    code = models.CharField(_("số thứ tự"), max_length=20)
    name = models.CharField(_("nội dung tiêu chí"), max_length=500)
    max_points = models.DecimalField(_("điểm tối đa"), max_digits=8, decimal_places=2)
    guidance = models.TextField(_("hướng dẫn chấm"), blank=True)

    class Meta:
        verbose_name = _("tiêu chí")
        verbose_name_plural = _("tiêu chí")
        ordering = ["table", "position"]
        constraints = [
            models.UniqueConstraint(fields=["table", "position"], name="criterion_position_unique"),
            models.CheckConstraint(condition=Q(depth__gte=1, depth__lte=3), name="criterion_depth_1_3"),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"


class ScoringItem(models.Model):
    """A bonus (điểm thưởng) or penalty (điểm trừ) item: points per occurrence, capped for the item."""

    table = models.ForeignKey(
        ScoringTable, verbose_name=_("bảng chấm điểm"), on_delete=models.CASCADE, related_name="items"
    )
    kind = models.CharField(_("loại"), max_length=10, choices=AdjustmentKind.choices)
    position = models.PositiveIntegerField(_("thứ tự"))
    code = models.CharField(_("số thứ tự"), max_length=20)
    name = models.CharField(_("nội dung"), max_length=500)
    points = models.DecimalField(_("số điểm mỗi lần"), max_digits=8, decimal_places=2)
    cap = models.DecimalField(_("tối đa"), max_digits=8, decimal_places=2)

    class Meta:
        verbose_name = _("mục điểm thưởng, điểm trừ")
        verbose_name_plural = _("mục điểm thưởng, điểm trừ")
        ordering = ["table", "kind", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["table", "kind", "position"], name="scoring_item_position_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"


class ScoringTableVersion(models.Model):
    """A saved version of a scoring table's structure, as JSON (the same shape the services take)."""

    table = models.ForeignKey(
        ScoringTable, verbose_name=_("bảng chấm điểm"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("phiên bản"))
    snapshot = models.JSONField(_("nội dung"))
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("lưu lúc"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("phiên bản bảng chấm điểm")
        verbose_name_plural = _("phiên bản bảng chấm điểm")
        ordering = ["table", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["table", "number"], name="scoring_table_version_unique")
        ]

    def __str__(self) -> str:
        return f"Phiên bản {self.number}"

    @property
    def criteria_count(self) -> int:
        def count(nodes: list[dict[str, Any]]) -> int:
            return sum(1 + count(node.get("children", [])) for node in nodes)

        return count(self.snapshot.get("criteria", []))


class PledgeSignature(models.Model):
    """A member unit's signature of the pledge: which unit, who signed for it, and when. One per unit."""

    pledge = models.ForeignKey(
        Pledge, verbose_name=_("giao ước"), on_delete=models.CASCADE, related_name="signatures"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="pledge_signatures"
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ký"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    signer_name = models.CharField(_("người ký (tên lúc ký)"), max_length=200)
    signed_at = models.DateTimeField(_("ký lúc"))

    class Meta:
        verbose_name = _("chữ ký giao ước")
        verbose_name_plural = _("chữ ký giao ước")
        ordering = ["pledge", "signed_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["pledge", "unit"], name="pledge_one_signature_per_unit")
        ]

    def __str__(self) -> str:
        return f"{self.unit.display_name} ký {self.pledge.title}"


class RegistrationPeriod(TimeStampedModel):
    """The registration of a year: its deadline, set by Phòng TĐKT (one row per year)."""

    year = models.PositiveSmallIntegerField(_("năm"), unique=True)
    deadline = models.DateField(_("hạn đăng ký thi đua"))
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("hạn đăng ký thi đua")
        verbose_name_plural = _("hạn đăng ký thi đua")
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"Đăng ký thi đua năm {self.year}: hạn {self.deadline:%d/%m/%Y}"


class Registration(TimeStampedModel):
    """A unit's registration (đăng ký thi đua) for one year: the titles it aims at as a collective and the titles
    each of its people aims at. The officer drafts and submits; the unit's leader approves or returns it."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="registrations"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    status = models.CharField(
        _("trạng thái"),
        max_length=20,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.DRAFT,
    )
    note = models.TextField(_("ghi chú"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(_("trình lúc"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người trình"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("duyệt, trả lại lúc"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người duyệt, trả lại"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    return_reason = models.TextField(_("lý do trả lại"), blank=True)

    class Meta:
        verbose_name = _("đăng ký thi đua")
        verbose_name_plural = _("đăng ký thi đua")
        ordering = ["-year", "unit__name_sort"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="registration_one_per_unit_year")
        ]

    def __str__(self) -> str:
        return f"Đăng ký thi đua năm {self.year} — {self.unit.display_name}"

    def get_absolute_url(self) -> str:
        return reverse("emulation:registration_detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_REGISTRATION_STATES

    @property
    def is_shared(self) -> bool:
        return self.status in SHARED_REGISTRATION_STATES


class RegistrationEntry(models.Model):
    """One registered title: of the unit itself (no person) or of one of its people."""

    registration = models.ForeignKey(
        Registration, verbose_name=_("đăng ký"), on_delete=models.CASCADE, related_name="entries"
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("cá nhân"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="registration_entries",
    )
    title = models.CharField(_("danh hiệu đăng ký"), max_length=40)

    class Meta:
        verbose_name = _("danh hiệu đăng ký")
        verbose_name_plural = _("danh hiệu đăng ký")
        ordering = ["registration", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "title"],
                condition=Q(person__isnull=True),
                name="registration_collective_title_unique",
            ),
            models.UniqueConstraint(
                fields=["registration", "person", "title"],
                condition=Q(person__isnull=False),
                name="registration_person_title_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.title_label

    @property
    def title_label(self) -> str:
        return title_label(self.title)
