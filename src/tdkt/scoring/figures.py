"""The round's two charts, ready to embed: the ranking, and one unit's points by criteria group.

Each returns standalone SVG markup (:mod:`tdkt.scoring.charts`): the pages put it inline, the ``.svg`` views
serve it as a file, and the documents (Word, PDF) of the block's dossier can place the same string. Callers
pass only what the user may see (the ranking after the close; a breakdown the user may read).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.utils.translation import gettext as _

from tdkt.scoring import charts
from tdkt.scoring.models import ScoringRound
from tdkt.scoring.queries import Breakdown, RankedUnit, table_rows, table_total


def ranking_svg(
    scoring_round: ScoringRound, ranked: Sequence[RankedUnit], *, highlight_unit_id: int | None = None
) -> str:
    """Bars of the final scores, best first, on the scale of the table's total plus its bonus cap."""
    scale = table_total(table_rows(scoring_round)) + scoring_round.pledge.table.bonus_cap
    bars = [
        charts.Bar(
            label=f"{entry.rank}. {entry.unit.display_name}",
            value=entry.final_score,
            highlight=entry.unit.pk == highlight_unit_id,
        )
        for entry in ranked
    ]
    return charts.bar_chart(
        bars,
        title=_("Xếp hạng thi đua năm %(year)s") % {"year": scoring_round.year},
        ident=f"xep-hang-{scoring_round.pk}",
        scale=max(scale, max((entry.final_score for entry in ranked), default=Decimal(0))),
        description=scoring_round.block.name,
    )


def groups_svg(explained: Breakdown) -> str:
    """Bars of one unit's points in each criteria group, each on the group's maximum."""
    final = explained.final
    bars = [
        charts.Bar(label=f"{row.code}. {row.name}", value=points, maximum=row.maximum)
        for row, points in explained.groups
    ]
    return charts.bar_chart(
        bars,
        title=_("%(unit)s: điểm theo nhóm tiêu chí") % {"unit": final.unit.display_name},
        ident=f"nhom-{final.round_id}-{final.unit_id}",
        description=_("Tổng điểm %(total)s, xếp thứ %(rank)s")
        % {"total": charts.points_text(final.total), "rank": final.rank},
    )
