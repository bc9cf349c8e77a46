"""What ballots ask of each user: a vote to cast (the unit's or the council seat's), and for the manager the
next step of each session (open, close, count). Two queries per user whatever the number of sessions."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext as _

from tdkt.ballots.enums import SessionState, VotingMode
from tdkt.ballots.models import BallotSession
from tdkt.ballots.queries import managed_sessions_filter, voter_filter
from tdkt.core.worklist import WorkItem, register


@register
def votes_to_cast(user: Any) -> Iterator[WorkItem]:
    votes = voter_filter(user)
    if votes is None:
        return
    sessions = (
        BallotSession.objects.filter(
            votes, state=SessionState.OPEN, mode=VotingMode.ELECTRONIC, roll__has_voted=False
        )
        .distinct()
        .order_by("pk")
    )
    for session in sessions:
        yield WorkItem(
            title=_("Bỏ phiếu kín: %(question)s") % {"question": session.question},
            detail=_("Mỗi đơn vị, thành viên bỏ một phiếu."),
            url=session.get_absolute_url(),
            category="ballot",
        )


@register
def manager_duties(user: Any) -> Iterator[WorkItem]:
    managed = managed_sessions_filter(user)
    if managed is None:
        return
    steps = {
        SessionState.DRAFT: _("Mở bỏ phiếu"),
        SessionState.OPEN: _("Kết thúc bỏ phiếu khi đã đủ phiếu"),
        SessionState.CLOSED: _("Kiểm phiếu, lập biên bản kiểm phiếu"),
    }
    sessions = BallotSession.objects.filter(managed, state__in=list(steps)).order_by("pk")
    for session in sessions:
        yield WorkItem(
            title=session.question,
            detail=str(steps[SessionState(session.state)]),
            url=session.get_absolute_url(),
            category="ballot",
        )
