"""Histories: dated facts about people and collectives, from which eligibility is computed.

Nothing here is a flag ("eligible", "in a chain"): a rating is the rating given, a leave the months taken, a hold
the reason and its dates. Titles and awards are not here either: they are the award register
(:class:`tdkt.awards.models.decisions.AwardRecord`), each tied to the decision that made it.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from tdkt.awards.enums import DisciplineLevel, InitiativeKind, InitiativeScope, LeaveKind, Rating
from tdkt.core.models import TimeStampedModel


class PersonYear(TimeStampedModel):
    """One year of a person's work: the rating given (empty when not rated) and the months actually worked.

    ``unit`` is the unit that rated the person that year (a person who moved keeps each year's unit), so a
    collective's members in a past year are the people it rated then. ``months_worked`` excludes leave, which is
    recorded by kind in :class:`Leave`; which kinds count as work is the ruleset's business.
    """

    person = models.ForeignKey(
        "org.Person", verbose_name=_("cá nhân"), on_delete=models.CASCADE, related_name="award_years"
    )
    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("đơn vị đánh giá"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    rating = models.CharField(_("xếp loại"), max_length=10, choices=Rating.choices, blank=True)
    months_worked = models.PositiveSmallIntegerField(
        _("số tháng công tác"), default=12, validators=[MaxValueValidator(12)]
    )
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("xếp loại năm của cá nhân")
        verbose_name_plural = _("xếp loại năm của cá nhân")
        ordering = ["person", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["person", "year"], name="person_year_unique"),
            models.CheckConstraint(condition=Q(months_worked__lte=12), name="person_year_months"),
        ]
        indexes = [models.Index(fields=["unit", "year"], name="person_year_unit")]

    def __str__(self) -> str:
        return f"{self.person} {self.year}: {self.rating or '—'}"


class Leave(models.Model):
    """Months of leave of one kind in a person's year (nghỉ thai sản, nghỉ ốm…)."""

    person_year = models.ForeignKey(PersonYear, on_delete=models.CASCADE, related_name="leaves")
    kind = models.CharField(_("loại nghỉ"), max_length=30, choices=LeaveKind.choices)
    months = models.PositiveSmallIntegerField(_("số tháng"), validators=[MaxValueValidator(12)])

    class Meta:
        verbose_name = _("thời gian nghỉ")
        verbose_name_plural = _("thời gian nghỉ")
        constraints = [
            models.UniqueConstraint(fields=["person_year", "kind"], name="leave_kind_once"),
            models.CheckConstraint(condition=Q(months__gte=1, months__lte=12), name="leave_months"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.months}"


class UnitYear(TimeStampedModel):
    """A collective's rating for a year (the Party organisation's rating or the superior's assessment)."""

    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("tập thể"), on_delete=models.CASCADE, related_name="award_years"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    rating = models.CharField(_("xếp loại"), max_length=10, choices=Rating.choices)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("xếp loại năm của tập thể")
        verbose_name_plural = _("xếp loại năm của tập thể")
        ordering = ["unit", "-year"]
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="unit_year_unique")]

    def __str__(self) -> str:
        return f"{self.unit} {self.year}: {self.rating}"


class Initiative(TimeStampedModel):
    """An initiative (or scientific work, or combat ingenuity) recognised at a scope by a decision."""

    person = models.ForeignKey(
        "org.Person", verbose_name=_("tác giả"), on_delete=models.CASCADE, related_name="initiatives"
    )
    year = models.PositiveSmallIntegerField(_("năm công nhận"))
    title = models.CharField(_("tên sáng kiến"), max_length=500)
    kind = models.CharField(
        _("loại"), max_length=20, choices=InitiativeKind.choices, default=InitiativeKind.INITIATIVE
    )
    scope = models.CharField(_("phạm vi ảnh hưởng"), max_length=20, choices=InitiativeScope.choices)
    decision = models.ForeignKey(
        "awards.Decision",
        verbose_name=_("quyết định công nhận"),
        on_delete=models.PROTECT,
        related_name="initiatives",
    )

    class Meta:
        verbose_name = _("sáng kiến")
        verbose_name_plural = _("sáng kiến")
        ordering = ["person", "-year", "pk"]
        indexes = [models.Index(fields=["person", "year"], name="initiative_person_year")]

    def __str__(self) -> str:
        return self.title


class Discipline(TimeStampedModel):
    """A disciplinary measure with its period (achievements count again from the end of the period)."""

    person = models.ForeignKey(
        "org.Person", verbose_name=_("cá nhân"), on_delete=models.CASCADE, related_name="disciplines"
    )
    level = models.CharField(_("hình thức kỷ luật"), max_length=30, choices=DisciplineLevel.choices)
    start = models.DateField(_("từ ngày"))
    end = models.DateField(_("đến ngày"), null=True, blank=True)
    decision_ref = models.CharField(_("quyết định kỷ luật"), max_length=255, blank=True)
    reason = models.CharField(_("lý do"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("kỷ luật")
        verbose_name_plural = _("kỷ luật")
        ordering = ["person", "-start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")), name="discipline_end_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_level_display()}"


class Hold(TimeStampedModel):
    """A reason not to award or propose a person or a collective for now (chưa xét khen thưởng): under
    disciplinary review, investigation, inspection with signs of violation, a complaint being verified….

    ``kind`` is a code of the ruleset's hold table (Nghị định 152/2025/NĐ-CP, Điều 4(4)); a hold is active from
    ``start`` until ``end`` (open while ``end`` is empty).
    """

    person = models.ForeignKey(
        "org.Person",
        verbose_name=_("cá nhân"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="award_holds",
    )
    unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("tập thể"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="award_holds",
    )
    kind = models.CharField(_("trường hợp"), max_length=60)
    start = models.DateField(_("từ ngày"))
    end = models.DateField(_("đến ngày"), null=True, blank=True)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("trường hợp chưa xét khen thưởng")
        verbose_name_plural = _("trường hợp chưa xét khen thưởng")
        ordering = ["-start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False, unit__isnull=True)
                | Q(person__isnull=True, unit__isnull=False),
                name="hold_one_subject",
            ),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")), name="hold_end_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person or self.unit}: {self.kind}"
