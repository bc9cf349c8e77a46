"""What a scoring round waits for from each user: the unit's self score, its cross-scoring sheets, and for the
block head the discrepancies to reconcile, with the round's deadlines as due dates."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tdkt.core.rules import is_council_member
from tdkt.core.worklist import WorkItem, register
from tdkt.org.models import BlockMembership
from tdkt.scoring.enums import RoundState, SheetKind, SheetStatus
from tdkt.scoring.models import ScoreSheet, ScoringRound
from tdkt.scoring.queries import HEAD_ROLES, acts_for_unit, round_inputs


def _scorer(user: Any) -> Q | None:
    found = Q(scorer_unit_id=user.unit_id) if acts_for_unit(user) else None
    if is_council_member(user) and user.person_id is not None:
        mine = Q(scorer_person_id=user.person_id)
        found = mine if found is None else found | mine
    return found


@register
def sheets_to_submit(user: Any) -> Iterator[WorkItem]:
    """Officers and leaders (and the council member on a panel): draft sheets whose phase is open."""
    scorer = _scorer(user)
    if scorer is None:
        return
    drafts = (
        ScoreSheet.objects.filter(scorer, status=SheetStatus.DRAFT)
        .filter(
            Q(kind=SheetKind.SELF, round__state=RoundState.SELF_SCORING)
            | Q(kind=SheetKind.PEER, round__state=RoundState.CROSS_SCORING)
        )
        .select_related("round__pledge__block", "unit")
        .order_by("round_id", "kind", "unit__name_sort")
    )
    peer: dict[int, list[ScoreSheet]] = {}
    for sheet in drafts:
        scoring_round = sheet.round
        if sheet.kind == SheetKind.SELF:
            yield WorkItem(
                title=_("Tự chấm điểm thi đua năm %(year)s") % {"year": scoring_round.year},
                detail=scoring_round.block.name,
                url=sheet.get_absolute_url(),
                due=scoring_round.self_deadline,
                category="scoring",
            )
        else:
            peer.setdefault(scoring_round.pk, []).append(sheet)
    for sheets in peer.values():
        scoring_round = sheets[0].round
        yield WorkItem(
            title=ngettext(
                "Chấm chéo thi đua năm %(year)s: %(count)s phiếu chưa nộp",
                "Chấm chéo thi đua năm %(year)s: %(count)s phiếu chưa nộp",
                len(sheets),
            )
            % {"year": scoring_round.year, "count": len(sheets)},
            detail=", ".join(sheet.unit.display_name for sheet in sheets),
            url=scoring_round.get_absolute_url(),
            due=scoring_round.cross_deadline,
            count=len(sheets),
            category="scoring",
        )


@register
def discrepancies_to_reconcile(user: Any) -> Iterator[WorkItem]:
    """Block head (and deputy): flagged criteria still to reconcile while cross scoring is open."""
    if not acts_for_unit(user):
        return
    heads = BlockMembership.objects.filter(
        block_id=OuterRef("pledge__block_id"),
        year=OuterRef("pledge__year"),
        unit_id=user.unit_id,
        role__in=HEAD_ROLES,
    )
    rounds = ScoringRound.objects.filter(Exists(heads), state=RoundState.CROSS_SCORING).select_related(
        "pledge__block"
    )
    for scoring_round in rounds:
        count = len(round_inputs(scoring_round).open_flags)
        if count:
            yield WorkItem(
                title=ngettext("Xử lý %(count)s chênh lệch điểm", "Xử lý %(count)s chênh lệch điểm", count)
                % {"count": count},
                detail=_("%(block)s năm %(year)s")
                % {"block": scoring_round.block.name, "year": scoring_round.year},
                url=scoring_round.get_absolute_url(),
                due=scoring_round.cross_deadline,
                count=count,
                category="scoring",
            )
