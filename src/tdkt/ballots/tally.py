"""The arithmetic of a count, as plain Python (no Django): who reached the threshold, whether the quorum held,
who is put forward. Shares are exact: a count is compared with ``share × total`` in Decimal, never with a
rounded percentage, so 8 of 10 meets "≥ 80 %" and 7 of 9 does not.

Definitions (docs/ballots.md):

* the **base** of the threshold is the roll (all voters with the right to vote, the law's "tổng số thành viên")
  or the ballots received (those who voted);
* the **quorum** is met when those present (electronically: those who voted) are at least ``quorum × roll``;
* a candidate **reaches** the threshold when ``votes ≥ threshold × base`` (or ``>`` for "trên");
* with *k* seats (choose up to *k*), reached candidates are put forward by votes; candidates tied across the
  last seat are marked ``tied`` (a further round decides), those beyond it ``over_seats``; when the quorum fails
  nobody is put forward (``no_quorum``).
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction

PLACES = Decimal("0.000001")
GE, GT = "ge", "gt"
ROLL, VOTING = "roll", "voting"
ELECTED, TIED, OVER_SEATS, NO_QUORUM, NOT_REACHED = (
    "elected",
    "tied",
    "over_seats",
    "no_quorum",
    "not_reached",
)


@dataclass(frozen=True)
class Rule:
    threshold: Decimal
    comparison: str = GE
    base: str = ROLL
    quorum: Decimal = Decimal(0)
    seats: int = 1


@dataclass(frozen=True)
class Counts:
    roll: int
    present: int
    received: int  # ballots returned: valid + invalid
    votes: Mapping[Hashable, int]  # candidate → votes, in ballot order


@dataclass(frozen=True)
class Line:
    key: Hashable
    votes: int
    share: Decimal
    reached: bool
    outcome: str


@dataclass(frozen=True)
class Result:
    base: int
    quorum_met: bool
    lines: tuple[Line, ...]

    @property
    def elected(self) -> list[Hashable]:
        return [line.key for line in self.lines if line.outcome == ELECTED]


def meets(count: int, total: int, share: Decimal, comparison: str = GE) -> bool:
    """``count ≥ share × total`` (or ``>``), exactly."""
    bound = share * total
    return count >= bound if comparison == GE else count > bound


def base_of(rule: Rule, counts: Counts) -> int:
    return counts.roll if rule.base == ROLL else counts.received


def quorum_met(rule: Rule, counts: Counts) -> bool:
    return counts.roll > 0 and meets(counts.present, counts.roll, rule.quorum, GE)


def share_of(votes: int, base: int) -> Decimal:
    """The share shown in the minutes, rounded half up to six places (the decision uses :func:`meets`)."""
    if base <= 0:
        return Decimal(0).quantize(PLACES)
    return (Decimal(votes) / Decimal(base)).quantize(PLACES, rounding=ROUND_HALF_UP)


def evaluate(rule: Rule, counts: Counts) -> Result:
    base = base_of(rule, counts)
    quorum = quorum_met(rule, counts)
    reached = {
        key: base > 0 and meets(votes, base, rule.threshold, rule.comparison)
        for key, votes in counts.votes.items()
    }
    reached_votes = [votes for key, votes in counts.votes.items() if reached[key]]
    lines = []
    for key, votes in counts.votes.items():
        if not reached[key]:
            outcome = NOT_REACHED
        elif not quorum:
            outcome = NO_QUORUM
        else:
            above = sum(1 for other in reached_votes if other > votes)
            tied = sum(1 for other in reached_votes if other == votes)
            if above + tied <= rule.seats:
                outcome = ELECTED
            elif above < rule.seats:
                outcome = TIED
            else:
                outcome = OVER_SEATS
        lines.append(Line(key, votes, share_of(votes, base), reached[key], outcome))
    return Result(base=base, quorum_met=quorum, lines=tuple(lines))


def parse_share(text: str | Decimal | int | float, comparison: str = GE) -> Decimal:
    """A share typed by a person or read from the rules data: ``0,8``, ``0.8``, ``80%``, ``80 %`` or ``2/3``.

    A fraction that six decimal places cannot hold (2/3) is rounded so that the comparison stays exact for
    rolls below 500,000: down for "≥" (0.666666), up for ">" (0.666667). Raises ``ValueError``.
    """
    if isinstance(text, float):
        text = repr(text)
    raw = str(text).strip().replace(" ", "").replace(",", ".")
    try:
        if raw.endswith("%"):
            value = Fraction(Decimal(raw[:-1])) / 100
        elif "/" in raw:
            numerator, denominator = raw.split("/", 1)
            value = Fraction(int(numerator), int(denominator))
        else:
            value = Fraction(Decimal(raw))
    except (InvalidOperation, ValueError, ZeroDivisionError):
        raise ValueError(raw) from None
    if not 0 <= value <= 1:
        raise ValueError(raw)
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    rounding = ROUND_FLOOR if comparison == GE else ROUND_CEILING
    return exact.quantize(PLACES, rounding=rounding)
