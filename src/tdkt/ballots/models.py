"""Secret ballots: a session (question, candidates, roll, rule, state), the sealed box while it is open, the
ballots written at close, and the tally for the vote-count minutes (biên bản kiểm phiếu).

Secrecy is in the schema (see ``docs/ballots.md``): a roll row says only *that* a voter voted (a boolean, no
time); a ballot has a random UUID, its session and its marks — no voter, no time, no sequence. While the session
is open, choices exist only as sealed (AES-GCM) blobs in :class:`SealedBallot`; at close they are unsealed,
shuffled and written as :class:`Ballot` rows in one transaction, and the sealed rows are deleted.
"""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tdkt.ballots.enums import Comparison, Outcome, RollKind, SessionState, ThresholdBase, VotingMode
from tdkt.core.models import TimeStampedModel

SHARE_VALIDATORS = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(1))]


class BallotSession(TimeStampedModel):
    """One secret ballot on one question. Its own timestamps (opened, closed, counted) are public facts of the
    session; casting a ballot never writes this row."""

    question = models.CharField(_("nội dung bỏ phiếu"), max_length=500)
    roll_kind = models.CharField(_("người bỏ phiếu"), max_length=10, choices=RollKind.choices)
    block = models.ForeignKey(
        "org.EmulationBlock",
        verbose_name=_("khối, cụm"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ballot_sessions",
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    council = models.ForeignKey(
        "org.Council",
        verbose_name=_("hội đồng"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ballot_sessions",
    )
    award_code = models.CharField(
        _("danh hiệu, hình thức"),
        max_length=60,
        blank=True,
        help_text=_("Mã danh hiệu, hình thức khen thưởng được đề nghị (ví dụ co_thi_dua_tinh)."),
    )
    mode = models.CharField(
        _("hình thức bỏ phiếu"), max_length=12, choices=VotingMode.choices, default=VotingMode.ELECTRONIC
    )
    max_choices = models.PositiveSmallIntegerField(
        _("số được chọn tối đa"), default=1, validators=[MinValueValidator(1)]
    )
    threshold = models.DecimalField(
        _("tỷ lệ phiếu đồng ý"), validators=SHARE_VALIDATORS, max_digits=7, decimal_places=6
    )
    threshold_comparison = models.CharField(
        _("so sánh"), max_length=2, choices=Comparison.choices, default=Comparison.GE
    )
    threshold_base = models.CharField(
        _("tính trên"), max_length=10, choices=ThresholdBase.choices, default=ThresholdBase.ROLL
    )
    quorum = models.DecimalField(
        _("số người tham gia tối thiểu (tỷ lệ trên danh sách)"),
        validators=SHARE_VALIDATORS,
        default=Decimal(0),
        max_digits=7,
        decimal_places=6,
    )
    rule_source = models.CharField(_("căn cứ"), max_length=500, blank=True)
    state = models.CharField(
        _("trạng thái"), max_length=10, choices=SessionState.choices, default=SessionState.DRAFT
    )
    manager_unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("đơn vị tổ chức bỏ phiếu"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Đơn vị Khối trưởng; trống: Phòng TĐKT (phiên họp Hội đồng)."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Random per session: with the server's secret it derives the key that seals this session's open box.
    seal_salt = models.UUIDField(default=uuid.uuid4, editable=False)
    opened_at = models.DateTimeField(_("mở lúc"), null=True, blank=True)
    closed_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("phiên bỏ phiếu")
        verbose_name_plural = _("phiên bỏ phiếu")
        ordering = ["-year", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(roll_kind="block", block__isnull=False, council__isnull=True))
                | Q(roll_kind="council", council__isnull=False, block__isnull=True),
                name="ballot_session_context",
            ),
            models.CheckConstraint(
                condition=Q(threshold__gt=0, threshold__lte=1), name="ballot_threshold_share"
            ),
            models.CheckConstraint(condition=Q(quorum__gte=0, quorum__lte=1), name="ballot_quorum_share"),
        ]

    def __str__(self) -> str:
        return self.question

    def get_absolute_url(self) -> str:
        return reverse("ballots:detail", args=[self.pk])

    @property
    def context_label(self) -> str:
        if self.block_id is not None and self.block is not None:
            return f"{self.block.name} năm {self.year}"
        if self.council is not None:
            return f"{self.council.name} ({self.council.term}), năm {self.year}"
        return str(self.year)


class Candidate(models.Model):
    """A name on the ballot: a unit, a person, or only a label (a proposal, a collective without a unit row)."""

    session = models.ForeignKey(BallotSession, on_delete=models.CASCADE, related_name="candidates")
    order = models.PositiveSmallIntegerField(_("thứ tự"))
    label = models.CharField(_("tên"), max_length=300)
    unit = models.ForeignKey("org.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(
        "org.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("người, đơn vị được bầu")
        verbose_name_plural = _("danh sách bầu")
        ordering = ["session", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["session", "order"], name="ballot_candidate_order")]

    def __str__(self) -> str:
        return self.label


class RollEntry(models.Model):
    """One voter on the roll: a member unit (its leader or emulation officer casts its one vote) or a council
    member. ``has_voted`` is all it records of the vote: no time, no choice."""

    session = models.ForeignKey(BallotSession, on_delete=models.CASCADE, related_name="roll")
    order = models.PositiveSmallIntegerField(_("thứ tự"))
    label = models.CharField(_("tên"), max_length=300)
    unit = models.ForeignKey("org.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(
        "org.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    has_voted = models.BooleanField(_("đã bỏ phiếu"), default=False)

    class Meta:
        verbose_name = _("người có quyền bỏ phiếu")
        verbose_name_plural = _("danh sách người có quyền bỏ phiếu")
        ordering = ["session", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "unit"], condition=Q(unit__isnull=False), name="ballot_roll_unit"
            ),
            models.UniqueConstraint(
                fields=["session", "person"], condition=Q(person__isnull=False), name="ballot_roll_person"
            ),
            models.CheckConstraint(
                condition=Q(unit__isnull=False) | Q(person__isnull=False), name="ballot_roll_voter"
            ),
        ]

    def __str__(self) -> str:
        return self.label


class SealedBallot(models.Model):
    """A choice while the session is open: AES-GCM ciphertext of fixed length under a key the database does not
    hold. No reference to a candidate (a foreign key check would lock the chosen candidates' rows and leave the
    voter's transaction id on them), none to the voter. Deleted at close."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    session = models.ForeignKey(BallotSession, on_delete=models.CASCADE, related_name="+")
    sealed = models.BinaryField()

    class Meta:
        verbose_name = _("phiếu đã niêm phong")
        verbose_name_plural = _("hòm phiếu đang niêm phong")

    def __str__(self) -> str:
        return str(_("phiếu đã niêm phong"))


class Ballot(models.Model):
    """A ballot after close: a random id and its session. No voter, no time, no sequence number; the rows of a
    session are written together, in shuffled order, in the closing transaction."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    session = models.ForeignKey(BallotSession, on_delete=models.CASCADE, related_name="ballots")

    class Meta:
        verbose_name = _("phiếu bầu")
        verbose_name_plural = _("phiếu bầu")

    def __str__(self) -> str:
        return str(_("phiếu bầu"))


class BallotMark(models.Model):
    """One name kept on a ballot (phiếu đồng ý cho người, đơn vị này)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="marks")
    candidate = models.ForeignKey(Candidate, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("lựa chọn trên phiếu")
        verbose_name_plural = _("lựa chọn trên phiếu")
        constraints = [models.UniqueConstraint(fields=["ballot", "candidate"], name="ballot_mark_once")]

    def __str__(self) -> str:
        return str(_("lựa chọn trên phiếu"))


class Tally(models.Model):
    """The count (kết quả kiểm phiếu), stored when the session is counted, with the rule it was judged by."""

    session = models.OneToOneField(BallotSession, on_delete=models.CASCADE, related_name="tally")
    mode = models.CharField(_("hình thức bỏ phiếu"), max_length=12, choices=VotingMode.choices)
    roll_count = models.PositiveIntegerField(_("số người có quyền bỏ phiếu"))
    present_count = models.PositiveIntegerField(_("số người có mặt, tham gia"))
    ballots_issued = models.PositiveIntegerField(_("số phiếu phát ra"))
    ballots_received = models.PositiveIntegerField(_("số phiếu thu vào"))
    ballots_valid = models.PositiveIntegerField(_("số phiếu hợp lệ"))
    ballots_invalid = models.PositiveIntegerField(_("số phiếu không hợp lệ"))
    max_choices = models.PositiveSmallIntegerField(_("số được chọn tối đa"))
    threshold = models.DecimalField(_("tỷ lệ phiếu đồng ý"), max_digits=7, decimal_places=6)
    threshold_comparison = models.CharField(_("so sánh"), max_length=2, choices=Comparison.choices)
    threshold_base = models.CharField(_("tính trên"), max_length=10, choices=ThresholdBase.choices)
    base_count = models.PositiveIntegerField(_("số dùng để tính tỷ lệ"))
    quorum = models.DecimalField(_("tỷ lệ tham gia tối thiểu"), max_digits=7, decimal_places=6)
    quorum_met = models.BooleanField(_("đủ số người tham gia"))
    rule_source = models.CharField(_("căn cứ"), max_length=500, blank=True)
    counted_at = models.DateTimeField(_("kiểm phiếu lúc"))
    counted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("kết quả kiểm phiếu")
        verbose_name_plural = _("kết quả kiểm phiếu")

    def __str__(self) -> str:
        return f"{_('Kết quả kiểm phiếu')}: {self.session}"


class TallyLine(models.Model):
    """Votes for one candidate, its share of the base, and its outcome."""

    tally = models.ForeignKey(Tally, on_delete=models.CASCADE, related_name="lines")
    candidate = models.ForeignKey(Candidate, on_delete=models.PROTECT, related_name="+")
    votes = models.PositiveIntegerField(_("số phiếu đồng ý"))
    share = models.DecimalField(_("tỷ lệ"), max_digits=9, decimal_places=6)
    reached = models.BooleanField(_("đạt tỷ lệ"))
    outcome = models.CharField(_("kết quả"), max_length=12, choices=Outcome.choices)

    class Meta:
        verbose_name = _("kết quả của một người, đơn vị")
        verbose_name_plural = _("kết quả từng người, đơn vị")
        ordering = ["tally", "candidate__order"]
        constraints = [models.UniqueConstraint(fields=["tally", "candidate"], name="tally_line_once")]

    def __str__(self) -> str:
        return f"{self.candidate}: {self.votes}"
