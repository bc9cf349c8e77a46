"""Permission predicates for reports (django-rules).

Who is who is decided per block and year, from the yearly membership (``org.BlockMembership``) and the council's
follow-up assignment (``org.BlockFollowUp``) for the template's block and year:

* the block head: an officer or leader of the head unit or of the deputy unit (the deputy stands in for the head);
* the member units: every unit in the block that year; their officers and leaders comment on the draft;
* the council member who follows the block reads the units' submitted reports and the block's report.

The predicates take any object of this app (template, unit report, block report, round, comment) and find the
template it belongs to. Phases (submitted, circulated, final) are checked by the services, which refuse with a
message that says why.
"""

from __future__ import annotations

from typing import Any

import rules

from tdkt.core.rules import has_unit, is_system_admin, is_unit_leader, is_unit_officer
from tdkt.org.enums import MembershipRole
from tdkt.org.models import BlockFollowUp, BlockMembership
from tdkt.reports.enums import BlockReportStatus, UnitReportStatus
from tdkt.reports.models import (
    BlockReport,
    BlockReportVersion,
    Comment,
    CommentRound,
    ReportTemplate,
    UnitReport,
)

HEAD_ROLES = (MembershipRole.HEAD, MembershipRole.DEPUTY)


def template_of(obj: Any) -> ReportTemplate | None:
    """The template an object of this app belongs to (None for anything else)."""
    if isinstance(obj, ReportTemplate):
        return obj
    if isinstance(obj, UnitReport | BlockReport):
        return obj.template
    if isinstance(obj, BlockReportVersion | CommentRound):
        return obj.report.template
    if isinstance(obj, Comment):
        return obj.round.report.template
    return None


def _memberships(user: Any, obj: Any) -> Any:
    template = template_of(obj)
    if template is None or not has_unit(user):
        return None
    return BlockMembership.objects.filter(
        block_id=template.block_id, year=template.year, unit_id=user.unit_id
    )


may_act_for_unit = is_unit_officer | is_unit_leader


@rules.predicate
def is_block_head_for(user: Any, obj: Any) -> bool:
    """The user's unit heads (or is deputy of) the object's block in the template's year."""
    memberships = _memberships(user, obj)
    return memberships is not None and memberships.filter(role__in=HEAD_ROLES).exists()


@rules.predicate
def is_member_unit_of(user: Any, obj: Any) -> bool:
    """The user's unit is in the object's block that year, in any role."""
    memberships = _memberships(user, obj)
    return memberships is not None and memberships.exists()


@rules.predicate
def is_plain_member_of(user: Any, obj: Any) -> bool:
    """The user's unit is an ordinary member (neither head nor deputy) of the block that year."""
    memberships = _memberships(user, obj)
    return memberships is not None and memberships.filter(role=MembershipRole.MEMBER).exists()


@rules.predicate
def follows_block_of(user: Any, obj: Any) -> bool:
    """The user is the council member assigned to follow the object's block that year."""
    template = template_of(obj)
    person_id = getattr(user, "person_id", None)
    if template is None or person_id is None:
        return False
    return BlockFollowUp.objects.filter(
        block_id=template.block_id, year=template.year, council_member__person_id=person_id
    ).exists()


@rules.predicate
def is_own_unit_report(user: Any, obj: Any) -> bool:
    return isinstance(obj, UnitReport) and has_unit(user) and obj.unit_id == user.unit_id


@rules.predicate
def is_submitted(user: Any, obj: Any) -> bool:
    return isinstance(obj, UnitReport) and obj.status == UnitReportStatus.SUBMITTED


@rules.predicate
def is_circulated(user: Any, obj: Any) -> bool:
    """The block's report has been sent to the members: a comment round was opened on it, or it is final."""
    if not isinstance(obj, BlockReport) or obj.pk is None:
        return False
    return obj.status == BlockReportStatus.FINAL or obj.rounds.exists()


is_block_head = may_act_for_unit & is_block_head_for
oversees_block = is_system_admin | is_block_head | follows_block_of

# Templates: the block head adapts the template of their block; Phòng TĐKT sets any.
rules.add_perm("reports.view_reporttemplate", is_system_admin | is_member_unit_of | follows_block_of)
rules.add_perm("reports.add_reporttemplate", is_system_admin | is_block_head)
rules.add_perm("reports.change_reporttemplate", is_system_admin | is_block_head)
rules.add_perm("reports.delete_reporttemplate", is_system_admin)
rules.add_perm("reports.view_statusboard", is_system_admin | is_block_head)

# A unit's report: drafts stay inside the unit; once submitted, those who oversee the block read it.
rules.add_perm("reports.view_unitreport", (has_unit & is_own_unit_report) | (is_submitted & oversees_block))
rules.add_perm("reports.change_unitreport", may_act_for_unit & is_own_unit_report & is_member_unit_of)
rules.add_perm("reports.submit_unitreport", may_act_for_unit & is_own_unit_report & is_member_unit_of)
rules.add_perm("reports.return_unitreport", is_block_head)

# The block's report: the head compiles, edits, runs the rounds and finalises; members read what was circulated.
rules.add_perm("reports.compile_blockreport", is_block_head)
rules.add_perm("reports.view_blockreport", oversees_block | (is_member_unit_of & is_circulated))
rules.add_perm("reports.view_all_versions", oversees_block)
rules.add_perm("reports.change_blockreport", is_block_head)
rules.add_perm("reports.finalise_blockreport", is_block_head)
rules.add_perm("reports.open_commentround", is_block_head)
rules.add_perm("reports.close_commentround", is_block_head)
rules.add_perm("reports.add_comment", may_act_for_unit & is_plain_member_of)
rules.add_perm("reports.answer_comment", is_block_head)
