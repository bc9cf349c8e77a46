"""Proposals (hồ sơ đề nghị khen thưởng): a unit's — or a block head's, for the Flag — list of candidates for one
title or form in one year, with its dossier; Phòng TĐKT's appraisal of each candidate; the council's vote."""

from __future__ import annotations

import pathlib
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tdkt.awards.enums import Appraisal, ProposalState, SubjectKind
from tdkt.core.models import TimeStampedModel


class Proposal(TimeStampedModel):
    """A proposal for one title or form (``award_code``, a code of the rulesets) for ``year``.

    ``unit`` proposes (its officers and leaders write it); ``block`` is set when the unit proposes as the head
    of that block (the Emulation Flag of its member units). ``ballot`` is the council's secret ballot once the
    proposal is sent to the council.
    """

    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("đơn vị đề nghị"), on_delete=models.PROTECT, related_name="award_proposals"
    )
    block = models.ForeignKey(
        "org.EmulationBlock",
        verbose_name=_("khối, cụm đề nghị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="award_proposals",
    )
    year = models.PositiveSmallIntegerField(_("năm thành tích"))
    award_code = models.CharField(_("danh hiệu, hình thức đề nghị"), max_length=60)
    subject_kind = models.CharField(_("đối tượng"), max_length=12, choices=SubjectKind.choices)
    title = models.CharField(_("trích yếu"), max_length=500)
    state = models.CharField(
        _("trạng thái"), max_length=12, choices=ProposalState.choices, default=ProposalState.DRAFT
    )
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    return_reason = models.TextField(_("lý do trả lại"), blank=True)
    ballot = models.OneToOneField(
        "ballots.BallotSession",
        verbose_name=_("phiếu bầu của Hội đồng"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="award_proposal",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("tờ trình đề nghị khen thưởng")
        verbose_name_plural = _("tờ trình đề nghị khen thưởng")
        ordering = ["-year", "-pk"]
        indexes = [
            models.Index(fields=["unit", "year"], name="proposal_unit_year"),
            models.Index(fields=["state", "year"], name="proposal_state_year"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("awards:proposal_detail", args=[self.pk])


class Candidate(models.Model):
    """A person or a collective on a proposal, with Phòng TĐKT's appraisal and the council's result.

    ``findings`` keeps what the appraisal checked (the verdict re-run with its reasons, the dossier, holds, an
    earlier award for the same period) as it was at that moment, so the record shows why it was accepted or
    returned even after the history changes. ``council_votes``/``council_passed`` copy the council's tally.
    """

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="candidates")
    order = models.PositiveSmallIntegerField(_("số thứ tự"))
    person = models.ForeignKey(
        "org.Person",
        verbose_name=_("cá nhân"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="award_candidacies",
    )
    unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("tập thể"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="award_candidacies",
    )
    appraisal = models.CharField(
        _("thẩm định"), max_length=10, choices=Appraisal.choices, default=Appraisal.PENDING
    )
    appraisal_reason = models.TextField(_("ý kiến thẩm định"), blank=True)
    findings = models.JSONField(_("kết quả kiểm tra khi thẩm định"), null=True, blank=True)
    appraised_at = models.DateTimeField(_("thẩm định lúc"), null=True, blank=True)
    council_votes = models.PositiveIntegerField(_("số phiếu đồng ý của Hội đồng"), null=True, blank=True)
    council_passed = models.BooleanField(_("Hội đồng thông qua"), null=True, blank=True)
    #: The achievement narrative of the báo cáo thành tích (section II of the ND 152 forms), written by the
    #: proposing unit; the rest of the report (identity, ratings, awards, initiatives) is filled from the data.
    achievements = models.TextField(_("thành tích đạt được"), blank=True)

    class Meta:
        verbose_name = _("trường hợp đề nghị")
        verbose_name_plural = _("danh sách đề nghị")
        ordering = ["proposal", "order"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False, unit__isnull=True)
                | Q(person__isnull=True, unit__isnull=False),
                name="candidate_one_subject",
            ),
            models.UniqueConstraint(
                fields=["proposal", "person"], condition=Q(person__isnull=False), name="candidate_person_once"
            ),
            models.UniqueConstraint(
                fields=["proposal", "unit"], condition=Q(unit__isnull=False), name="candidate_unit_once"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        if self.person_id is not None and self.person is not None:
            return self.person.full_name
        return self.unit.name if self.unit is not None else ""

    @property
    def subject(self) -> models.Model:
        subject = self.person if self.person_id is not None else self.unit
        assert subject is not None
        return subject


def dossier_path(instance: DossierFile, filename: str) -> str:
    """Stored under a random name (the original, often Vietnamese, name is kept on the row for downloads)."""
    suffix = pathlib.Path(filename).suffix.lower()
    return f"awards/dossiers/{instance.proposal.year}/{uuid.uuid4().hex}{suffix}"


class DossierFile(TimeStampedModel):
    """A file of a proposal's dossier, filed under one item of the ruleset's dossier list (tờ trình, báo cáo
    thành tích, biên bản bình xét và kết quả bỏ phiếu, văn bản công nhận sáng kiến…). Filed for one candidate,
    or for the whole proposal (covering every candidate)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="files")
    candidate = models.ForeignKey(
        Candidate,
        verbose_name=_("trường hợp"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="files",
    )
    item = models.CharField(_("thành phần hồ sơ"), max_length=500)
    file = models.FileField(_("tệp"), upload_to=dossier_path, max_length=255)
    original_name = models.CharField(_("tên tệp gốc"), max_length=255)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("tệp hồ sơ")
        verbose_name_plural = _("hồ sơ")
        ordering = ["proposal", "created_at", "pk"]

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse("awards:dossier_file", args=[self.pk])
