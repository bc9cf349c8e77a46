"""What commendation asks of each user: Phòng TĐKT appraises submitted proposals, records the council's result
once its ballot is counted and issues the decisions; a unit corrects the proposals returned to it and sends its
drafts. A fixed number of queries per user whatever the number of proposals."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from tdkt.awards.enums import ProposalState
from tdkt.awards.models import Proposal
from tdkt.ballots.enums import SessionState
from tdkt.core.rules import is_system_admin, is_unit_leader, is_unit_officer
from tdkt.core.worklist import WorkItem, register


def _list(state: str) -> str:
    return reverse("awards:proposal_list") + f"?trang-thai={state}"


@register
def standing_office(user: Any) -> Iterator[WorkItem]:
    if not is_system_admin(user) or not getattr(user, "is_authenticated", False):
        return
    submitted = Proposal.objects.filter(state=ProposalState.SUBMITTED).count()
    if submitted:
        yield WorkItem(
            title=_("Thẩm định %(n)s tờ trình đề nghị khen thưởng") % {"n": submitted},
            url=_list(ProposalState.SUBMITTED),
            count=submitted,
            category="awards",
        )
    counted = Proposal.objects.filter(
        state=ProposalState.IN_COUNCIL, ballot__state=SessionState.COUNTED
    ).count()
    if counted:
        yield WorkItem(
            title=_("Ghi nhận kết quả Hội đồng cho %(n)s tờ trình") % {"n": counted},
            url=_list(ProposalState.IN_COUNCIL),
            count=counted,
            category="awards",
        )
    ready = Proposal.objects.filter(state=ProposalState.READY).count()
    if ready:
        yield WorkItem(
            title=_("Ban hành quyết định cho %(n)s tờ trình") % {"n": ready},
            url=_list(ProposalState.READY),
            count=ready,
            category="awards",
        )


@register
def unit_proposals(user: Any) -> Iterator[WorkItem]:
    if getattr(user, "unit_id", None) is None or not (is_unit_officer(user) or is_unit_leader(user)):
        return
    rows = Proposal.objects.filter(
        unit_id=user.unit_id, state__in=[ProposalState.DRAFT, ProposalState.RETURNED]
    ).order_by("-year", "pk")
    for proposal in rows[:20]:
        returned = proposal.state == ProposalState.RETURNED
        yield WorkItem(
            title=(_("Sửa và gửi lại: %(title)s") if returned else _("Hoàn thiện và gửi: %(title)s"))
            % {"title": proposal.title},
            url=proposal.get_absolute_url(),
            detail=proposal.return_reason if returned else "",
            category="awards",
        )
