"""Council vote thresholds per award, read from the law as data (``tdkt.rules``).

A council vote on an award the law regulates takes the threshold from the award's ``vote`` in the ruleset in force
on the date ("từ X% trở lên tổng số thành viên": a share of the whole roll, reached or passed) and the quorum
from the ruleset's council regulation. No threshold lives in code; a new ruleset changes them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from tdkt.ballots.tally import GE, parse_share
from tdkt.rules import NoRulesetInForce, Ruleset, default_rulesets, ruleset_for

#: The law's thresholds count approvals against all the council's members ("tổng số thành viên").
ROLL_BASE = "roll"


@dataclass(frozen=True)
class VoteRule:
    """The legal rule of a council vote on one award, as in force on a date."""

    award_code: str
    threshold: Decimal
    comparison: str
    base: str
    quorum: Decimal
    citation: str
    quorum_citation: str
    confidence: str
    ruleset: str

    @property
    def source(self) -> str:
        return f"{self.citation}; {self.quorum_citation}"


def _ruleset_on(on_date: datetime.date) -> Ruleset | None:
    try:
        return ruleset_for(on_date)
    except NoRulesetInForce:
        return None


def rule_for_award(award_code: str, on_date: datetime.date) -> VoteRule | None:
    """The council's vote rule for ``award_code`` on ``on_date``; ``None`` when no legal threshold applies (the
    session then states its own rule) or no ruleset covers the date."""
    ruleset = _ruleset_on(on_date)
    if ruleset is None or ruleset.council_quorum is None:
        return None
    award = ruleset.awards.get(award_code)
    if award is None or award.vote is None:
        return None
    vote, quorum = award.vote, ruleset.council_quorum
    return VoteRule(
        award_code=award_code,
        threshold=parse_share(f"{vote.share.numerator}/{vote.share.denominator}", GE),
        comparison=GE,
        base=ROLL_BASE,
        quorum=parse_share(f"{quorum.share.numerator}/{quorum.share.denominator}", GE),
        citation=vote.cited.citation,
        quorum_citation=quorum.cited.citation,
        confidence=vote.cited.confidence,
        ruleset=ruleset.id,
    )


def award_choices() -> list[tuple[str, str]]:
    """Award codes with their Vietnamese names (those a council votes on first), for the session form."""
    names: dict[str, tuple[bool, str]] = {}
    for ruleset in default_rulesets().items:
        for code, award in ruleset.awards.items():
            voted = award.vote is not None or names.get(code, (False, ""))[0]
            names[code] = (voted, award.name)
    return [
        (code, name) for code, (_, name) in sorted(names.items(), key=lambda item: (not item[1][0], item[0]))
    ]


def award_label(code: str) -> str:
    return dict(award_choices()).get(code, code)
