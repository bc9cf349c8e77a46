"""A secret ballot drawn up from a closed round's ranking (issue 4: "candidates — default: the ranking")."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tdkt.ballots import services as ballot_services
from tdkt.ballots.enums import VotingMode
from tdkt.ballots.models import BallotSession
from tdkt.core.audit import log_action
from tdkt.scoring.enums import Action, RoundState
from tdkt.scoring.models import ScoringRound
from tdkt.scoring.queries import ranking
from tdkt.scoring.services._common import locked_round, require_perm


@transaction.atomic
def ballot_from_ranking(
    actor: Any,
    scoring_round: ScoringRound,
    *,
    question: str,
    award_code: str = "",
    mode: str = VotingMode.ELECTRONIC,
    max_choices: int = 1,
    threshold: Any = None,
    threshold_comparison: str | None = None,
    threshold_base: str | None = None,
    quorum: Any = None,
    rule_source: str = "",
) -> BallotSession:
    """Draw up a draft ballot of the round's block and year whose candidates are the round's ranking, best first.

    Block head (or deputy) and Phòng TĐKT, as for any block ballot (403 otherwise); only after the close (422).
    The rule fields are those of :func:`tdkt.ballots.services.create_session`, which validates them.
    """
    require_perm(
        actor,
        "scoring.ballot_from_ranking",
        scoring_round,
        _("Chỉ Khối trưởng, Khối phó hoặc Phòng TĐKT lập phiên bỏ phiếu của Khối."),
    )
    scoring_round = locked_round(scoring_round)
    if scoring_round.state != RoundState.CLOSED:
        raise ValidationError(_("Chỉ lập phiên bỏ phiếu từ kết quả xếp hạng sau khi kết thúc chấm điểm."))
    block, year = scoring_round.pledge.block, scoring_round.pledge.year
    ranked = ranking(block, year)
    if not ranked:
        raise ValidationError(_("Đợt chấm điểm chưa có kết quả xếp hạng."))
    session = ballot_services.create_session(
        actor,
        question=question,
        year=year,
        block=block,
        award_code=award_code,
        mode=mode,
        max_choices=max_choices,
        threshold=threshold,
        threshold_comparison=threshold_comparison,
        threshold_base=threshold_base,
        quorum=quorum,
        rule_source=rule_source,
        candidates=[ballot_services.CandidateInput(unit=entry.unit) for entry in ranked],
    )
    log_action(
        actor,
        Action.BALLOT_FROM_RANKING,
        scoring_round,
        after={"ballot_session": session.pk, "candidates": [entry.unit.name for entry in ranked]},
    )
    return session
