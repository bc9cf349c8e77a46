"""Pending work the organisation data asks of each role (start-of-year set-up and staff records)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tdkt.core.enums import Role
from tdkt.core.rules import is_system_admin
from tdkt.core.worklist import WorkItem, register
from tdkt.org.enums import MembershipRole
from tdkt.org.models import BlockFollowUp, BlockMembership, EmulationBlock, Person, Position, Unit
from tdkt.org.queries import blocks_followed_by, blocks_headed_by, current_year


def _emulation_officer_exists(unit_ref: Any) -> Exists:
    return Exists(Position.objects.filter(unit_id=unit_ref, handles_emulation=True, end_date__isnull=True))


@register
def provincial_setup(user: Any) -> Iterator[WorkItem]:
    """Phòng TĐKT: this year's blocks need a head, a deputy and a council member who follows them."""
    if not is_system_admin(user):
        return
    year = current_year()
    blocks = EmulationBlock.objects.filter(is_active=True).annotate(
        heads=Count("memberships", filter=Q(memberships__year=year, memberships__role=MembershipRole.HEAD)),
        deputies=Count(
            "memberships", filter=Q(memberships__year=year, memberships__role=MembershipRole.DEPUTY)
        ),
        followed=Exists(BlockFollowUp.objects.filter(block=OuterRef("pk"), year=year)),
    )
    for block in blocks:
        missing = []
        if not block.heads:
            missing.append(_("Khối trưởng"))
        if not block.deputies:
            missing.append(_("Khối phó"))
        if not block.followed:
            missing.append(_("thành viên Hội đồng theo dõi"))
        if missing:
            yield WorkItem(
                title=_("Kiện toàn %(block)s năm %(year)s") % {"block": block.name, "year": year},
                detail=_("Còn thiếu: %(missing)s.") % {"missing": ", ".join(missing)},
                url=reverse("web:block_detail", args=[block.pk]) + f"?nam={year}",
                category="setup",
            )


@register
def unit_records(user: Any) -> Iterator[WorkItem]:
    """Unit officers and leaders: the staff list must be complete before registrations and year-end review."""
    if user.unit_id is None or user.role not in (Role.UNIT_OFFICER, Role.UNIT_LEADER):
        return
    unit_url = reverse("web:unit_detail", args=[user.unit_id])
    if not Unit.objects.filter(pk=user.unit_id).filter(_emulation_officer_exists(OuterRef("pk"))).exists():
        yield WorkItem(
            title=_("Phân công cán bộ phụ trách thi đua, khen thưởng"),
            detail=_("Đơn vị chưa có người được giao phụ trách công tác thi đua, khen thưởng."),
            url=unit_url,
            category="records",
        )
    if user.role != Role.UNIT_OFFICER:
        return
    counts = Person.objects.filter(unit_id=user.unit_id, is_active=True).aggregate(
        no_birth=Count("pk", filter=Q(date_of_birth__isnull=True)),
        no_position=Count(
            "pk",
            filter=~Q(
                Exists(Position.objects.filter(person_id=OuterRef("pk"), end_date__isnull=True)),
            ),
        ),
    )
    if counts["no_birth"]:
        yield WorkItem(
            title=_("Bổ sung ngày sinh"),
            detail=ngettext(
                "%(count)s người trong danh sách chưa có ngày sinh.",
                "%(count)s người trong danh sách chưa có ngày sinh.",
                counts["no_birth"],
            )
            % {"count": counts["no_birth"]},
            url=unit_url + "?thieu=ngay-sinh",
            count=counts["no_birth"],
            category="records",
        )
    if counts["no_position"]:
        yield WorkItem(
            title=_("Cập nhật chức vụ"),
            detail=ngettext(
                "%(count)s người chưa có chức vụ hiện tại.",
                "%(count)s người chưa có chức vụ hiện tại.",
                counts["no_position"],
            )
            % {"count": counts["no_position"]},
            url=unit_url + "?thieu=chuc-vu",
            count=counts["no_position"],
            category="records",
        )


@register
def block_head_duties(user: Any) -> Iterator[WorkItem]:
    """Block head and deputy: member units without an emulation officer cannot take part in the cycle."""
    for membership in blocks_headed_by(user):
        year = membership.year
        members = BlockMembership.objects.filter(block_id=membership.block_id, year=year)
        lacking = members.exclude(_emulation_officer_exists(OuterRef("unit_id"))).count()
        yield WorkItem(
            title=_("%(role)s %(block)s năm %(year)s")
            % {"role": membership.get_role_display(), "block": membership.block.name, "year": year},
            detail=(
                ngettext(
                    "%(count)s đơn vị thành viên chưa có cán bộ phụ trách thi đua, khen thưởng.",
                    "%(count)s đơn vị thành viên chưa có cán bộ phụ trách thi đua, khen thưởng.",
                    lacking,
                )
                % {"count": lacking}
                if lacking
                else _("Các đơn vị thành viên đã có cán bộ phụ trách thi đua, khen thưởng.")
            ),
            url=reverse("web:block_detail", args=[membership.block_id]) + f"?nam={year}",
            count=lacking or None,
            category="block",
        )


@register
def council_followups(user: Any) -> Iterator[WorkItem]:
    """Council members: the blocks they follow this year."""
    if user.role != Role.COUNCIL_MEMBER:
        return
    for followup in blocks_followed_by(user):
        yield WorkItem(
            title=_("Theo dõi %(block)s năm %(year)s")
            % {"block": followup.block.name, "year": followup.year},
            detail=_("Thành viên Hội đồng được phân công theo dõi Khối."),
            url=reverse("web:block_detail", args=[followup.block_id]) + f"?nam={followup.year}",
            category="council",
        )
