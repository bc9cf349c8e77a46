"""The register of document numbers and the batch-rendering jobs.

A number is taken only when a document is issued (:func:`tdkt.documents.services.issue_number`): drafts print
"Số:    /QĐ-…". Each issuer keeps its own series per document type and year, as the văn thư's register of outgoing
documents does (Nghị định 30/2020/NĐ-CP Art. 15 and Phụ lục I, Phần II, khoản 3 a: numbered from 01 each year;
councils using the agency's seal keep their own series).
"""

from __future__ import annotations

import datetime
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tdkt.core.models import TimeStampedModel
from tdkt.documents.enums import DocumentType, JobKind, JobState
from tdkt.org.models import EmulationBlock, Unit


class NumberRegister(models.Model):
    """One series: an issuer (a unit, or a block issuing in its own name), a document type, a year, and the last
    number taken. The row is locked while a number is taken, so two issues never get the same number."""

    unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị ban hành"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    block = models.ForeignKey(
        EmulationBlock,
        verbose_name=_("khối, cụm ban hành"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    issuer_code = models.CharField(_("ký hiệu cơ quan ban hành"), max_length=20)
    type_code = models.CharField(_("loại văn bản"), max_length=5, choices=DocumentType.choices)
    year = models.PositiveSmallIntegerField(_("năm"))
    last_number = models.PositiveIntegerField(_("số đã cấp gần nhất"), default=0)

    class Meta:
        verbose_name = _("sổ đăng ký số văn bản")
        verbose_name_plural = _("sổ đăng ký số văn bản")
        ordering = ["-year", "issuer_code", "type_code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(unit__isnull=False, block__isnull=True)
                | Q(unit__isnull=True, block__isnull=False),
                name="number_register_one_issuer",
            ),
            models.UniqueConstraint(
                fields=["unit", "type_code", "year"],
                condition=Q(unit__isnull=False),
                name="number_register_unit_unique",
            ),
            models.UniqueConstraint(
                fields=["block", "type_code", "year"],
                condition=Q(block__isnull=False),
                name="number_register_block_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.type_code}-{self.issuer_code} {self.year}: {self.last_number}"


class IssuedNumber(models.Model):
    """A number taken for an issued document: the line of the register of outgoing documents."""

    register = models.ForeignKey(
        NumberRegister, verbose_name=_("sổ"), on_delete=models.PROTECT, related_name="numbers"
    )
    number = models.PositiveIntegerField(_("số"))
    symbol = models.CharField(_("số, ký hiệu"), max_length=60)
    issued_on = models.DateField(_("ngày ban hành"))
    summary = models.CharField(_("trích yếu nội dung"), max_length=500)
    signer_name = models.CharField(_("người ký"), max_length=150, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người lấy số"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("lấy số lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("số văn bản đã cấp")
        verbose_name_plural = _("số văn bản đã cấp")
        ordering = ["register", "number"]
        constraints = [models.UniqueConstraint(fields=["register", "number"], name="issued_number_unique")]

    def __str__(self) -> str:
        return self.symbol


class DocumentJob(TimeStampedModel):
    """A batch rendered in the background (a year's documents of a block, a decision's certificates): who asked,
    how far it has got, and the file when it is done."""

    kind = models.CharField(_("loại"), max_length=30, choices=JobKind.choices)
    state = models.CharField(
        _("trạng thái"), max_length=10, choices=JobState.choices, default=JobState.QUEUED
    )
    title = models.CharField(_("nội dung"), max_length=300)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người yêu cầu"), on_delete=models.CASCADE, related_name="+"
    )
    params = models.JSONField(_("tham số"), default=dict)
    total = models.PositiveIntegerField(_("tổng số"), default=0)
    done = models.PositiveIntegerField(_("đã xong"), default=0)
    file = models.FileField(_("tệp kết quả"), upload_to="documents/jobs/%Y/", max_length=255, blank=True)
    filename = models.CharField(_("tên tệp"), max_length=255, blank=True)
    error = models.TextField(_("lỗi"), blank=True)
    started_at = models.DateTimeField(_("bắt đầu lúc"), null=True, blank=True)
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("việc tạo văn bản hàng loạt")
        verbose_name_plural = _("việc tạo văn bản hàng loạt")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["requested_by", "-created_at"], name="document_job_user_recent")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("documents:job", args=[self.pk])

    @property
    def percent(self) -> int:
        if self.state == JobState.DONE:
            return 100
        return int(self.done * 100 / self.total) if self.total else 0

    @property
    def is_finished(self) -> bool:
        return self.state in (JobState.DONE, JobState.FAILED)

    @property
    def expires_at(self) -> datetime.datetime | None:
        """When the file stops being offered: ``TDKT_JOB_FILES_DAYS`` after the job finished."""
        if self.finished_at is None:
            return None
        return self.finished_at + datetime.timedelta(days=settings.TDKT_JOB_FILES_DAYS)

    @property
    def is_expired(self) -> bool:
        expires = self.expires_at
        return self.state == JobState.DONE and expires is not None and timezone.now() >= expires


class CertificateCode(models.Model):
    """The code a certificate's QR carries: ``/xac-minh/<code>/`` on the public portal shows the award it stands
    for. Random (128 bits, URL-safe) and stored, not derived: it reveals nothing (no sequential id), cannot be
    guessed or forged, stays the same when the certificate is printed again, and does not depend on the
    server's secret key (rotating the key must not void every certificate ever printed). Made the first time a
    decision's certificates are printed (:func:`tdkt.documents.services.certificate_codes`)."""

    record = models.OneToOneField(
        "awards.AwardRecord",
        verbose_name=_("mục sổ khen thưởng"),
        on_delete=models.PROTECT,
        related_name="certificate_code",
    )
    code = models.CharField(_("mã xác minh"), max_length=32, unique=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    objects: ClassVar[models.Manager[CertificateCode]] = models.Manager()

    class Meta:
        verbose_name = _("mã xác minh bằng khen")
        verbose_name_plural = _("mã xác minh bằng khen")

    def __str__(self) -> str:
        return self.code
