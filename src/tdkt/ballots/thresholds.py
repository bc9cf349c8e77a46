"""Council vote thresholds per award, read from data — TEMPORARY.

``tdkt.rules`` (the pure rules engine with versioned rulesets) is being written in parallel; until it lands,
:func:`rule_for_award` reads the small file ``data/council_votes.json`` shipped with this app (thresholds, base,
quorum, each with its article citation and a confidence note, from the legal brief §2.5). The lead will make this
function ask ``tdkt.rules`` instead; nothing else in the app reads the file. No threshold lives in code.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from tdkt.ballots.tally import parse_share

DATA_FILE = Path(__file__).resolve().parent / "data" / "council_votes.json"


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


@cache
def _data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    return data


def _ruleset_on(on_date: datetime.date) -> dict[str, Any] | None:
    for ruleset in _data()["rulesets"]:
        start = datetime.date.fromisoformat(ruleset["effective_from"])
        end = ruleset["effective_to"] and datetime.date.fromisoformat(ruleset["effective_to"])
        if start <= on_date and (not end or on_date <= end):
            return dict(ruleset)
    return None


def rule_for_award(award_code: str, on_date: datetime.date) -> VoteRule | None:
    """The council's vote rule for ``award_code`` on ``on_date``; ``None`` when no legal threshold applies (the
    session then states its own rule) or no ruleset covers the date."""
    ruleset = _ruleset_on(on_date)
    if ruleset is None:
        return None
    for vote in ruleset["votes"]:
        if award_code in vote["awards"]:
            quorum = ruleset["quorum"]
            return VoteRule(
                award_code=award_code,
                threshold=parse_share(vote["threshold"], vote["comparison"]),
                comparison=vote["comparison"],
                base=vote["base"],
                quorum=parse_share(quorum["share"]),
                citation=vote["citation"],
                quorum_citation=quorum["citation"],
                confidence=vote["confidence"],
                ruleset=ruleset["id"],
            )
    return None


def award_choices() -> list[tuple[str, str]]:
    """Award codes with their Vietnamese names, for the session form."""
    return list(_data()["award_labels"].items())


def award_label(code: str) -> str:
    labels: dict[str, str] = _data()["award_labels"]
    return labels.get(code, code)
