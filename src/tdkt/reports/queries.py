"""Reads of reports. Visibility is a named query: pages, the API and the work queue all use these.

* a unit's draft is seen only by its own unit; a submitted unit report also by Phòng TĐKT, the block head and
  the council member following the block;
* the block's report is seen by Phòng TĐKT, the block head and the follower at every stage, and by the member
  units once it has been circulated (a comment round was opened) — and then only the versions circulated to
  them and the final one.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import (
    CharField,
    Count,
    Exists,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.utils import timezone

from tdkt.core.enums import Role
from tdkt.core.rules import is_system_admin
from tdkt.org.enums import MembershipRole
from tdkt.org.models import BlockFollowUp, BlockMembership, EmulationBlock, Unit
from tdkt.reports.diff import Segment, diff_segments, segments_html
from tdkt.reports.enums import BlockReportStatus, BoardStatus, UnitReportStatus
from tdkt.reports.models import (
    BlockReport,
    BlockReportFigure,
    BlockReportText,
    BlockReportVersion,
    Comment,
    CommentRound,
    ReportIndicator,
    ReportSection,
    ReportTemplate,
    UnitReport,
    UnitReportText,
    UnitReportValue,
)
from tdkt.reports.rules import HEAD_ROLES

ACTING_ROLES = (Role.UNIT_OFFICER, Role.UNIT_LEADER)


def _signed_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def _membership_exists(user: Any, prefix: str, roles: tuple[str, ...] | None = None) -> Exists | None:
    """``EXISTS`` the user's unit is in the block of the row's template that year (``prefix`` leads to the
    template's block and year)."""
    if getattr(user, "unit_id", None) is None:
        return None
    memberships = BlockMembership.objects.filter(
        block_id=OuterRef(f"{prefix}block_id"), year=OuterRef(f"{prefix}year"), unit_id=user.unit_id
    )
    if roles is not None:
        memberships = memberships.filter(role__in=roles)
    return Exists(memberships)


def _head_exists(user: Any, prefix: str) -> Exists | None:
    if getattr(user, "role", None) not in ACTING_ROLES:
        return None
    return _membership_exists(user, prefix, HEAD_ROLES)


def _follower_exists(user: Any, prefix: str) -> Exists | None:
    if getattr(user, "person_id", None) is None:
        return None
    return Exists(
        BlockFollowUp.objects.filter(
            block_id=OuterRef(f"{prefix}block_id"),
            year=OuterRef(f"{prefix}year"),
            council_member__person_id=user.person_id,
        )
    )


def _any(*conditions: Any) -> Q:
    """OR of the conditions that apply; matches nothing when none does."""
    result = Q(pk__in=[])
    for condition in conditions:
        if condition is not None:
            result |= Q(condition)
    return result


# --- Templates ----------------------------------------------------------------------------------------------


def templates_for_user(user: Any) -> QuerySet[ReportTemplate]:
    """Templates of the blocks the user's unit belongs to that year, or follows; all for Phòng TĐKT."""
    templates = ReportTemplate.objects.select_related("block")
    if not _signed_in(user):
        return templates.none()
    if is_system_admin(user):
        return templates
    return templates.filter(_any(_membership_exists(user, ""), _follower_exists(user, "")))


def template_list_for_user(user: Any) -> QuerySet[ReportTemplate]:
    """The report list: each visible template with the user's unit's report status, the number of units that
    submitted, and whether the user heads the block — in a fixed number of queries whatever the rows."""
    templates = templates_for_user(user).select_related("block_report")
    unit_id = getattr(user, "unit_id", None)
    own_status: Any = Value(None, output_field=CharField())
    if unit_id is not None:
        own_status = Subquery(
            UnitReport.objects.filter(template_id=OuterRef("pk"), unit_id=unit_id).values("status")[:1]
        )
    head = _head_exists(user, "")
    member = _membership_exists(user, "")
    nothing = Exists(BlockMembership.objects.none())
    return templates.annotate(
        own_member=member if member is not None else nothing,
        own_status=own_status,
        submitted_count=Count(
            "unit_reports", filter=Q(unit_reports__status=UnitReportStatus.SUBMITTED), distinct=True
        ),
        user_heads=head if head is not None else nothing,
        report_visible=Exists(block_reports_for_user(user).filter(template_id=OuterRef("pk"))),
    ).order_by("-year", "period", "block__name_sort", "pk")


def blocks_for_new_template(user: Any) -> QuerySet[EmulationBlock]:
    """Blocks the user may set a report template up for: all active ones for Phòng TĐKT, else the blocks the
    user's unit heads (or is deputy of) this year or next (the service checks the exact year)."""
    blocks = EmulationBlock.objects.filter(is_active=True).order_by("kind", "name_sort")
    if not _signed_in(user):
        return blocks.none()
    if is_system_admin(user):
        return blocks
    if user.role not in ACTING_ROLES or user.unit_id is None:
        return blocks.none()
    year = timezone.localdate().year
    headed = BlockMembership.objects.filter(
        unit_id=user.unit_id, role__in=HEAD_ROLES, year__in=[year, year + 1]
    ).values("block_id")
    return blocks.filter(pk__in=headed)


def template_structure(template: ReportTemplate) -> tuple[list[ReportSection], list[ReportIndicator]]:
    return list(template.sections.all()), list(template.indicators.all())


# --- Unit reports -------------------------------------------------------------------------------------------


def unit_reports_for_user(user: Any) -> QuerySet[UnitReport]:
    """The user's own unit's reports in any state; submitted reports of the blocks the user oversees."""
    reports = UnitReport.objects.select_related("template__block", "unit", "submitted_by")
    if not _signed_in(user):
        return reports.none()
    own = Q(unit_id=user.unit_id) if user.unit_id is not None else None
    if is_system_admin(user):
        return reports.filter(_any(own, Q(status=UnitReportStatus.SUBMITTED)))
    oversee = _any(_head_exists(user, "template__"), _follower_exists(user, "template__"))
    return reports.filter(_any(own, Q(status=UnitReportStatus.SUBMITTED) & oversee))


def unit_report_of(template: ReportTemplate, unit_id: int) -> UnitReport:
    """The unit's report for the template, or a new unsaved draft (saved by the first ``save_unit_report``)."""
    report = UnitReport.objects.select_related("template__block", "unit").filter(
        template=template, unit_id=unit_id
    )
    return report.first() or UnitReport(
        template=template, unit=Unit.objects.get(pk=unit_id), status=UnitReportStatus.DRAFT
    )


@dataclass
class UnitReportContent:
    sections: list[tuple[ReportSection, str]]
    indicators: list[tuple[ReportIndicator, int | None]]


def unit_report_content(report: UnitReport) -> UnitReportContent:
    """The text under each section and the value of each indicator (blank when not filled yet)."""
    sections, indicators = template_structure(report.template)
    texts: dict[int, str] = {}
    values: dict[int, int] = {}
    if report.pk is not None:
        texts = dict(UnitReportText.objects.filter(report=report).values_list("section_id", "text"))
        values = dict(UnitReportValue.objects.filter(report=report).values_list("indicator_id", "value"))
    return UnitReportContent(
        sections=[(section, texts.get(section.pk, "")) for section in sections],
        indicators=[(indicator, values.get(indicator.pk)) for indicator in indicators],
    )


def member_units(template: ReportTemplate) -> QuerySet[BlockMembership]:
    """The block's memberships that year, in Vietnamese alphabetical order of the unit's name."""
    return (
        BlockMembership.objects.filter(block_id=template.block_id, year=template.year)
        .select_related("unit")
        .order_by("unit__name_sort", "unit_id")
    )


def is_member_unit(template: ReportTemplate, unit_id: int | None) -> bool:
    """The unit is in the template's block that year (so it owes a report)."""
    return unit_id is not None and member_units(template).filter(unit_id=unit_id).exists()


def submitted_reports(template: ReportTemplate) -> QuerySet[UnitReport]:
    """The submitted reports of the units that are members of the block that year, in the compile order."""
    members = member_units(template).values("unit_id")
    return (
        UnitReport.objects.filter(template=template, status=UnitReportStatus.SUBMITTED, unit_id__in=members)
        .select_related("unit")
        .order_by("unit__name_sort", "unit_id")
    )


@dataclass
class BoardRow:
    membership: BlockMembership
    report: UnitReport | None
    status: BoardStatus

    @property
    def unit(self) -> Unit:
        return self.membership.unit


def status_board(template: ReportTemplate, today: datetime.date | None = None) -> list[BoardRow]:
    """Each member unit with its report's state: not started, draft, submitted (on time or late), or late.
    Two queries whatever the number of units."""
    today = today or timezone.localdate()
    reports = {
        report.unit_id: report
        for report in UnitReport.objects.filter(template=template).select_related("submitted_by")
    }
    rows = []
    for membership in member_units(template):
        report = reports.get(membership.unit_id)
        if report is not None:
            report.template = template
            status = report.board_status(today)
        elif today > template.submission_deadline:
            status = BoardStatus.LATE
        else:
            status = BoardStatus.NOT_STARTED
        rows.append(BoardRow(membership, report, status))
    return rows


# --- The block's report -------------------------------------------------------------------------------------


def block_reports_for_user(user: Any) -> QuerySet[BlockReport]:
    """Block reports the user may read: all stages for those who oversee the block, circulated ones (a round was
    opened, or final) for the member units."""
    reports = BlockReport.objects.select_related(
        "template__block", "current_version", "final_version", "finalised_by"
    )
    if not _signed_in(user):
        return reports.none()
    if is_system_admin(user):
        return reports
    circulated = Q(status=BlockReportStatus.FINAL) | Q(
        Exists(CommentRound.objects.filter(report=OuterRef("pk")))
    )
    member = _membership_exists(user, "template__")
    return reports.filter(
        _any(
            _head_exists(user, "template__"),
            _follower_exists(user, "template__"),
            (Q(member) & circulated) if member is not None else None,
        )
    )


def versions_for_user(user: Any, report: BlockReport) -> QuerySet[BlockReportVersion]:
    """All versions for those who oversee the block; for the members only the versions circulated to them (a
    round was opened on them) and the final one."""
    versions = BlockReportVersion.objects.filter(report=report).select_related("author").order_by("-number")
    if user.has_perm("reports.view_all_versions", report):
        return versions
    circulated = Q(Exists(CommentRound.objects.filter(version=OuterRef("pk"))))
    if report.final_version_id is not None:
        circulated |= Q(pk=report.final_version_id)
    return versions.filter(circulated)


def displayed_version(user: Any, report: BlockReport) -> BlockReportVersion | None:
    """The version the user reads by default: the final one, else the latest the user may see."""
    versions = versions_for_user(user, report)
    if report.final_version_id is not None:
        final = versions.filter(pk=report.final_version_id).first()
        if final is not None:
            return final
    return versions.first()


@dataclass
class SectionView:
    section: ReportSection
    text: str
    comments: list[Comment] = field(default_factory=list)


def version_texts(version: BlockReportVersion) -> dict[int, str]:
    return dict(BlockReportText.objects.filter(version=version).values_list("section_id", "text"))


def version_sections(version: BlockReportVersion) -> list[SectionView]:
    """The version's text under each of the template's sections, in the template's order."""
    texts = version_texts(version)
    sections = ReportSection.objects.filter(template_id=version.report.template_id)
    return [SectionView(section, texts.get(section.pk, "")) for section in sections]


def version_figures(version: BlockReportVersion) -> list[BlockReportFigure]:
    return list(
        BlockReportFigure.objects.filter(version=version)
        .select_related("indicator")
        .order_by("indicator__position", "indicator_id")
    )


def rounds_of(report: BlockReport) -> list[CommentRound]:
    return list(
        CommentRound.objects.filter(report=report)
        .select_related("version", "opened_by", "closed_by")
        .annotate(
            comment_count=Count("comments"),
            unanswered_count=Count("comments", filter=Q(comments__answered_at__isnull=True)),
        )
        .order_by("-number")
    )


def open_round(report: BlockReport) -> CommentRound | None:
    return (
        CommentRound.objects.filter(report=report, closed_at__isnull=True).select_related("version").first()
    )


def comments_of(report: BlockReport) -> QuerySet[Comment]:
    """Every comment on the report with its author, unit, round and answer (one query)."""
    return (
        Comment.objects.filter(round__report=report)
        .select_related("author__person", "unit", "round__version", "answered_by__person", "section")
        .order_by("round__number", "created_at", "pk")
    )


def comments_of_reports(reports: QuerySet[BlockReport]) -> QuerySet[Comment]:
    """Comments on any of the given (visible) reports."""
    return Comment.objects.filter(round__report__in=reports).select_related("round__report", "section")


def sections_with_comments(version: BlockReportVersion, comments: list[Comment]) -> list[SectionView]:
    """The version's sections, each with the comments made on it (in every round), for the report page."""
    views = version_sections(version)
    by_section: dict[int, list[Comment]] = {}
    for comment in comments:
        by_section.setdefault(comment.section_id, []).append(comment)
    for view in views:
        view.comments = by_section.get(view.section.pk, [])
    return views


@dataclass
class SectionDiff:
    section: ReportSection
    old: str
    new: str
    segments: list[Segment]

    @property
    def changed(self) -> bool:
        return self.old != self.new

    @property
    def html(self) -> str:
        """The escaped text with ``<del>``/``<ins>`` marks (safe to insert in a page)."""
        return segments_html(self.segments)


def compare_versions(old: BlockReportVersion, new: BlockReportVersion) -> list[SectionDiff]:
    """Section by section, what changed from ``old`` to ``new`` (word-level difflib)."""
    old_texts, new_texts = version_texts(old), version_texts(new)
    diffs = []
    for section in ReportSection.objects.filter(template_id=new.report.template_id):
        before, after = old_texts.get(section.pk, ""), new_texts.get(section.pk, "")
        diffs.append(SectionDiff(section, before, after, diff_segments(before, after)))
    return diffs


# --- Who is told --------------------------------------------------------------------------------------------


def _acting_users() -> Any:
    return get_user_model().objects.filter(is_active=True, role__in=ACTING_ROLES)


def head_users(template: ReportTemplate) -> Any:
    """Officers and leaders of the block's head and deputy units that year."""
    units = BlockMembership.objects.filter(
        block_id=template.block_id, year=template.year, role__in=HEAD_ROLES
    ).values("unit_id")
    return _acting_users().filter(unit_id__in=units)


def commenting_users(template: ReportTemplate) -> Any:
    """Officers and leaders of the block's ordinary member units that year (those who comment on the draft)."""
    units = BlockMembership.objects.filter(
        block_id=template.block_id, year=template.year, role=MembershipRole.MEMBER
    ).values("unit_id")
    return _acting_users().filter(unit_id__in=units)


def unit_users(unit_id: int) -> Any:
    return _acting_users().filter(unit_id=unit_id)


def follower_users(template: ReportTemplate) -> Any:
    people = BlockFollowUp.objects.filter(block_id=template.block_id, year=template.year).values(
        "council_member__person_id"
    )
    return get_user_model().objects.filter(is_active=True, person_id__in=people)


# --- The work queue -----------------------------------------------------------------------------------------


def templates_to_submit(user: Any) -> QuerySet[ReportTemplate]:
    """Templates for which the user's unit still owes its report (not submitted, the block report not final)."""
    member = _membership_exists(user, "")
    if member is None:
        return ReportTemplate.objects.none()
    submitted = UnitReport.objects.filter(
        template_id=OuterRef("pk"), unit_id=user.unit_id, status=UnitReportStatus.SUBMITTED
    )
    final = BlockReport.objects.filter(template_id=OuterRef("pk"), status=BlockReportStatus.FINAL)
    returned = UnitReport.objects.filter(
        template_id=OuterRef("pk"), unit_id=user.unit_id, returned_at__isnull=False
    ).values("returned_reason")[:1]
    return (
        ReportTemplate.objects.filter(member)
        .exclude(Exists(submitted))
        .exclude(Exists(final))
        .select_related("block")
        .annotate(returned_reason=Subquery(returned))
    )


def templates_headed(user: Any) -> QuerySet[ReportTemplate]:
    """Templates of the blocks the user heads, not yet final, with what the work queue needs to know."""
    head = _head_exists(user, "")
    if head is None:
        return ReportTemplate.objects.none()
    members = BlockMembership.objects.filter(block_id=OuterRef("block_id"), year=OuterRef("year"))
    submitted = UnitReport.objects.filter(
        template_id=OuterRef("pk"), status=UnitReportStatus.SUBMITTED
    ).filter(
        Exists(
            BlockMembership.objects.filter(
                block_id=OuterRef("template__block_id"),
                year=OuterRef("template__year"),
                unit_id=OuterRef("unit_id"),
            )
        )
    )
    unanswered = Comment.objects.filter(round__report__template_id=OuterRef("pk"), answered_at__isnull=True)
    next_round_deadline = CommentRound.objects.filter(
        report__template_id=OuterRef("pk"), closed_at__isnull=True
    ).values("deadline")[:1]
    return (
        ReportTemplate.objects.filter(head)
        .exclude(block_report__status=BlockReportStatus.FINAL)
        .select_related("block", "block_report")
        .annotate(
            member_count=Subquery(
                members.values("block_id").annotate(n=Count("pk")).values("n")[:1],
            ),
            submitted_count=Subquery(
                submitted.values("template_id").annotate(n=Count("pk")).values("n")[:1],
            ),
            unanswered_count=Subquery(
                unanswered.values("round__report__template_id").annotate(n=Count("pk")).values("n")[:1],
            ),
            round_deadline=Subquery(next_round_deadline),
        )
    )


def rounds_awaiting_comment(user: Any) -> QuerySet[CommentRound]:
    """Open rounds on the blocks where the user's unit is an ordinary member and has not commented yet."""
    if getattr(user, "role", None) not in ACTING_ROLES:
        return CommentRound.objects.none()
    member = _membership_exists(user, "report__template__", (MembershipRole.MEMBER,))
    if member is None:
        return CommentRound.objects.none()
    commented = Comment.objects.filter(round_id=OuterRef("pk"), unit_id=user.unit_id)
    return (
        CommentRound.objects.filter(member, closed_at__isnull=True)
        .exclude(report__status=BlockReportStatus.FINAL)
        .exclude(Exists(commented))
        .select_related("report__template__block", "version")
    )
