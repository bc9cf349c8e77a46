"""The organisation: province, units, people and their positions, blocks and clusters, the council.

Names are stored NFC. Each searchable name also keeps a folded key (no diacritics, đ→d, a leading space so that
``LIKE '% q%'`` finds a word prefix) and a Vietnamese collation key, both computed from the name on save: they are
indexes of the name, not facts of their own.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tdkt import vn
from tdkt.core.models import TimeStampedModel
from tdkt.org.enums import BlockKind, CouncilRole, Gender, MembershipRole, PositionLevel, UnitKind


def search_key(text: str) -> str:
    """Folded text with a leading space: ``LIKE '% dang thi%'`` then matches the start of any word."""
    return " " + vn.fold(text)


class NamedModel(TimeStampedModel):
    """A row with a Vietnamese name, its search key and its collation key."""

    name = models.CharField(_("tên"), max_length=255)
    name_search = models.CharField(max_length=260, editable=False, db_index=True)
    name_sort = models.CharField(max_length=1024, editable=False, db_index=True)

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.refresh_keys()
        super().save(*args, **kwargs)

    def refresh_keys(self) -> None:
        """Recompute the search and collation keys (bulk loaders call it, since bulk_create skips save)."""
        self.name = vn.clean(self.name)
        self.name_search = search_key(self.name)
        self.name_sort = vn.sort_key_str(self.name)

    def __str__(self) -> str:
        return self.name


class Province(NamedModel):
    """The province running the system (one row in a provincial install)."""

    place_name = models.CharField(
        _("địa danh"), max_length=100, help_text=_("Dùng trong dòng địa danh, ngày tháng của văn bản.")
    )
    abbreviation = models.CharField(_("viết tắt"), max_length=20)

    class Meta:
        verbose_name = _("tỉnh")
        verbose_name_plural = _("tỉnh")
        ordering = ["name_sort"]


class Unit(NamedModel):
    """An agency or unit (Sở, Ban, Văn phòng, xã/phường…)."""

    province = models.ForeignKey(
        Province, verbose_name=_("tỉnh"), on_delete=models.PROTECT, related_name="units"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    short_name = models.CharField(_("tên ngắn"), max_length=100, blank=True)
    abbreviation = models.CharField(
        _("ký hiệu viết tắt"), max_length=20, help_text=_("Dùng trong số, ký hiệu văn bản, ví dụ SKHĐT.")
    )
    kind = models.CharField(
        _("loại đơn vị"), max_length=30, choices=UnitKind.choices, default=UnitKind.DEPARTMENT
    )
    email = models.EmailField(_("thư điện tử"), blank=True)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["name_sort"]
        constraints = [
            models.UniqueConstraint(fields=["province", "abbreviation"], name="unit_abbreviation_unique"),
        ]

    @property
    def display_name(self) -> str:
        return self.short_name or self.name


class Person(TimeStampedModel):
    """A cadre, civil servant, public employee or worker, managed by one unit (đơn vị quản lý)."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị quản lý"), on_delete=models.PROTECT, related_name="people"
    )
    full_name = models.CharField(_("họ và tên"), max_length=150)
    family_name = models.CharField(_("họ"), max_length=50, editable=False)
    middle_name = models.CharField(_("tên đệm"), max_length=80, editable=False, blank=True)
    given_name = models.CharField(_("tên"), max_length=50, editable=False)
    name_search = models.CharField(max_length=160, editable=False)
    name_sort = models.CharField(max_length=1024, editable=False)
    gender = models.CharField(_("giới tính"), max_length=10, choices=Gender.choices)
    date_of_birth = models.DateField(_("ngày sinh"), null=True, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    is_active = models.BooleanField(_("đang công tác"), default=True)

    class Meta:
        verbose_name = _("cá nhân")
        verbose_name_plural = _("cá nhân")
        ordering = ["name_sort"]
        indexes = [
            # name_search rides along so that walking the sorted index filters names without reading rows.
            models.Index(fields=["name_sort", "name_search"], name="person_sort_search"),
            models.Index(fields=["unit", "name_sort"], name="person_unit_name_sort"),
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args: Any, **kwargs: Any) -> None:
        from tdkt.org.search import index_names

        indexed = self.name_search, self.name_sort
        self.refresh_keys()
        created = self._state.adding
        super().save(*args, **kwargs)
        if created or (self.name_search, self.name_sort) != indexed:
            index_names([self], replace=not created)

    def refresh_keys(self) -> None:
        """Split the name into họ/đệm/tên and recompute the search and collation keys (sorted by tên, họ, đệm)."""
        name = vn.split_name(self.full_name)
        self.full_name = name.full
        self.family_name, self.middle_name, self.given_name = name.ho, name.dem, name.ten
        self.name_search = search_key(name.full)
        self.name_sort = vn.name_sort_key_str(name)


class NameWord(models.Model):
    """A word that occurs in people's folded names, with about how many people carry it.

    The count only chooses which word of a query to start from (the rarest), so it may lag behind:
    ``tdkt.org.search.refresh_word_counts`` brings it up to date after bulk loads.
    """

    word = models.CharField(max_length=60, unique=True)
    people = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return self.word


class PersonNameWord(models.Model):
    """One word of one person's folded name: the posting list of the province-wide name search.

    The person's collation and search keys ride along, so that the search walks one index in Vietnamese order
    and checks the query's other words without reading the person rows (see ``tdkt.org.search``).
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    word = models.CharField(max_length=60)
    name_sort = models.CharField(max_length=1024)
    name_search = models.CharField(max_length=160)

    class Meta:
        indexes = [
            models.Index(fields=["word", "name_sort", "person", "name_search"], name="person_word_walk"),
        ]

    def __str__(self) -> str:
        return self.word


class Position(TimeStampedModel):
    """A position held in a unit over a period (Giám đốc, Chánh Văn phòng, chuyên viên…)."""

    person = models.ForeignKey(
        Person, verbose_name=_("cá nhân"), on_delete=models.CASCADE, related_name="positions"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="positions"
    )
    title = models.CharField(_("chức vụ"), max_length=150)
    level = models.CharField(
        _("cấp"), max_length=20, choices=PositionLevel.choices, default=PositionLevel.STAFF
    )
    handles_emulation = models.BooleanField(_("phụ trách công tác thi đua, khen thưởng"), default=False)
    start_date = models.DateField(_("từ ngày"))
    end_date = models.DateField(_("đến ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("chức vụ")
        verbose_name_plural = _("chức vụ")
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="position_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} — {self.unit.display_name}"


class EmulationBlock(NamedModel):
    """A block (khối: similar functions) or cluster (cụm: one territory) set up by the provincial council."""

    province = models.ForeignKey(
        Province, verbose_name=_("tỉnh"), on_delete=models.PROTECT, related_name="blocks"
    )
    kind = models.CharField(_("loại"), max_length=10, choices=BlockKind.choices, default=BlockKind.BLOCK)
    abbreviation = models.CharField(
        _("ký hiệu viết tắt"),
        max_length=20,
        help_text=_("Dùng trong ký hiệu văn bản của Khối, ví dụ KTĐTMTH."),
    )
    description = models.TextField(_("mô tả"), blank=True)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)

    class Meta:
        verbose_name = _("khối, cụm thi đua")
        verbose_name_plural = _("khối, cụm thi đua")
        ordering = ["kind", "name_sort"]


class BlockMembership(TimeStampedModel):
    """A unit's membership of a block for one emulation year, as head, deputy or member."""

    block = models.ForeignKey(
        EmulationBlock, verbose_name=_("khối, cụm"), on_delete=models.CASCADE, related_name="memberships"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="memberships"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    role = models.CharField(
        _("vai trò"), max_length=10, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )

    class Meta:
        verbose_name = _("thành viên khối, cụm")
        verbose_name_plural = _("thành viên khối, cụm")
        ordering = ["block", "-year", "role", "unit__name_sort"]
        constraints = [
            models.UniqueConstraint(fields=["block", "unit", "year"], name="membership_unique"),
            models.UniqueConstraint(
                fields=["block", "year"], condition=Q(role="head"), name="membership_one_head"
            ),
            models.UniqueConstraint(
                fields=["block", "year"], condition=Q(role="deputy"), name="membership_one_deputy"
            ),
        ]
        indexes = [models.Index(fields=["unit", "year"], name="membership_unit_year")]

    def __str__(self) -> str:
        return f"{self.unit.display_name} — {self.get_role_display()} {self.block.name} {self.year}"


class Council(TimeStampedModel):
    """The provincial Emulation-Commendation Council for one term."""

    province = models.ForeignKey(
        Province, verbose_name=_("tỉnh"), on_delete=models.PROTECT, related_name="councils"
    )
    name = models.CharField(_("tên"), max_length=255, default="Hội đồng Thi đua - Khen thưởng tỉnh")
    term = models.CharField(_("nhiệm kỳ"), max_length=20, help_text=_("Ví dụ 2016–2021."))
    start_date = models.DateField(_("từ ngày"))
    end_date = models.DateField(_("đến ngày"), null=True, blank=True)
    decision_ref = models.CharField(_("quyết định thành lập, kiện toàn"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("hội đồng thi đua - khen thưởng")
        verbose_name_plural = _("hội đồng thi đua - khen thưởng")
        ordering = ["-start_date"]

    def __str__(self) -> str:
        return f"{self.name} ({self.term})"


class CouncilMember(TimeStampedModel):
    """A person's seat on a council: chair, vice-chair, standing member, member or secretary."""

    council = models.ForeignKey(
        Council, verbose_name=_("hội đồng"), on_delete=models.CASCADE, related_name="members"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("cá nhân"), on_delete=models.PROTECT, related_name="council_seats"
    )
    role = models.CharField(
        _("vai trò"), max_length=20, choices=CouncilRole.choices, default=CouncilRole.MEMBER
    )
    title = models.CharField(_("chức vụ, đơn vị"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("thành viên hội đồng")
        verbose_name_plural = _("thành viên hội đồng")
        ordering = ["council", "role", "person__name_sort"]
        constraints = [models.UniqueConstraint(fields=["council", "person"], name="council_member_unique")]

    def __str__(self) -> str:
        return f"{self.person.full_name} — {self.get_role_display()}"


class BlockFollowUp(TimeStampedModel):
    """The council member who follows a block in a given year (Thành viên Hội đồng theo dõi Khối)."""

    block = models.ForeignKey(
        EmulationBlock, verbose_name=_("khối, cụm"), on_delete=models.CASCADE, related_name="followups"
    )
    council_member = models.ForeignKey(
        CouncilMember,
        verbose_name=_("thành viên hội đồng"),
        on_delete=models.PROTECT,
        related_name="followups",
    )
    year = models.PositiveSmallIntegerField(_("năm"))

    class Meta:
        verbose_name = _("phân công theo dõi khối, cụm")
        verbose_name_plural = _("phân công theo dõi khối, cụm")
        ordering = ["-year", "block__name_sort"]
        constraints = [models.UniqueConstraint(fields=["block", "year"], name="followup_one_per_block_year")]

    def __str__(self) -> str:
        return f"{self.council_member.person.full_name} theo dõi {self.block.name} ({self.year})"
