"""Base models, the append-only audit log, notices and the registers that number documents."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        abstract = True


class AppendOnlyError(Exception):
    """Raised on an attempt to change or remove an audit entry."""


class AuditQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("Nhật ký hệ thống chỉ được ghi thêm.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Nhật ký hệ thống chỉ được ghi thêm.")


class AuditEntry(models.Model):
    """Who did what, when, to which object, with the state before and after.

    Written only by :func:`tdkt.core.audit.log_action`, called from service functions. Rows are never updated
    (the ORM refuses, and a database trigger refuses updates too, see migration 0002).
    """

    at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_label = models.CharField(_("người thực hiện (tên lúc ghi)"), max_length=200, blank=True)
    # A named action ("pledge_signed", "report_submitted"…): each app names its own in its enums.py.
    action = models.CharField(_("hành động"), max_length=60, db_index=True)
    object_type = models.CharField(_("loại đối tượng"), max_length=100, blank=True)
    object_id = models.CharField(_("mã đối tượng"), max_length=64, blank=True)
    object_repr = models.CharField(_("đối tượng"), max_length=300, blank=True)
    summary = models.CharField(_("tóm tắt"), max_length=500, blank=True)
    before = models.JSONField(_("trước"), null=True, blank=True)
    after = models.JSONField(_("sau"), null=True, blank=True)

    objects: ClassVar[models.Manager[AuditEntry]] = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = _("mục nhật ký")
        verbose_name_plural = _("nhật ký hệ thống")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.actor_label} {self.action} {self.object_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("Nhật ký hệ thống chỉ được ghi thêm.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Nhật ký hệ thống chỉ được ghi thêm.")


class Notice(models.Model):
    """A notice to one user, shown in the app (and sent by e-mail when the user has an address)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhận"),
        on_delete=models.CASCADE,
        related_name="notices",
    )
    title = models.CharField(_("tiêu đề"), max_length=255)
    body = models.TextField(_("nội dung"), blank=True)
    url = models.CharField(_("liên kết"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notice_recipient_unread")]

    def __str__(self) -> str:
        return self.title


class NumberSeries(models.Model):
    """One numbering register (sổ đăng ký văn bản): the last number given for an issuer, a kind and a year.

    Written only by :func:`tdkt.core.numbering.take_number`, inside the transaction that issues the document, so a
    number is never lost (a rolled-back issue rolls the counter back) nor given twice (the row is locked).
    """

    issuer = models.CharField(_("cơ quan ban hành"), max_length=100)
    kind = models.CharField(_("loại văn bản"), max_length=20)
    year = models.PositiveSmallIntegerField(_("năm"))
    last = models.PositiveIntegerField(_("số cuối đã cấp"), default=0)

    class Meta:
        verbose_name = _("sổ đăng ký số văn bản")
        verbose_name_plural = _("sổ đăng ký số văn bản")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "kind", "year"], name="number_series_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.issuer} {self.year}: {self.last}"
