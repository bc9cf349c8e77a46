"""Bonus amounts: coefficient × the base salary in force on the decision date, rounded up.

Nghị định 152/2025/NĐ-CP, Điều 49 (the ruleset's ``[bonus]`` tables carry the exact citations): the base is the
base salary in force on the date of the award decision; the product is rounded **up** to the ruleset's step
(10,000 đồng); of several titles for the same period only the highest is paid, titles for different periods and
forms are each paid. All arithmetic is exact (decimals and fractions, no floating point).
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from tdkt.rules.codes import SUBJECT_KIND_NAMES
from tdkt.rules.ruleset import BaseSalary, Ruleset, ruleset_for


@dataclass(frozen=True)
class Bonus:
    """One computed bonus and everything needed to show how it was computed."""

    award: str
    award_name: str
    subject_kind: str
    issuer: str | None
    on: datetime.date
    ruleset: str
    coefficient: Decimal
    base_salary: BaseSalary
    raw: Decimal  # coefficient × base salary, before rounding
    amount: int  # rounded up to the step
    step: int
    citations: tuple[str, ...]


def round_up(raw: Decimal | Fraction | int, step: int) -> int:
    """The smallest multiple of ``step`` that is ≥ ``raw`` (exact for decimals and fractions)."""
    if step <= 0:
        raise ValueError("step must be positive")
    return math.ceil(Fraction(raw) / step) * step


def compute_bonus(
    award: str,
    subject_kind: str,
    on: datetime.date,
    *,
    issuer: str | None = None,
    ruleset: Ruleset | None = None,
    extra_base_salaries: Iterable[BaseSalary] = (),
) -> Bonus:
    """The bonus for ``award`` given to a ``subject_kind`` by a decision dated ``on``.

    The coefficient comes from the ruleset in force on ``on`` (or ``ruleset``), the base salary from its rows
    plus ``extra_base_salaries`` (rows an administrator added). Raises KeyError for an award or subject kind
    the ruleset does not price, :class:`~tdkt.rules.ruleset.NoRulesetInForce` for a date no ruleset covers.
    """
    rs = ruleset or ruleset_for(on)
    row = rs.bonus_row(award, subject_kind, issuer)
    base = rs.base_salary_on(on, extra_base_salaries)
    raw = row.coefficient * base.amount
    rules = rs.bonus_rules
    return Bonus(
        award=award,
        award_name=rs.award(award).name,
        subject_kind=subject_kind,
        issuer=issuer,
        on=on,
        ruleset=rs.id,
        coefficient=row.coefficient,
        base_salary=base,
        raw=raw,
        amount=round_up(raw, rs.rounding_step),
        step=rs.rounding_step,
        citations=(
            row.cited.citation,
            base.cited.citation,
            rules["base"].cited.citation,
            rules["rounding"].cited.citation,
        ),
    )


@dataclass(frozen=True)
class Grant:
    """An award a decision gives one subject, with the years of achievement it rewards."""

    award: str
    subject_kind: str
    first_year: int
    last_year: int
    issuer: str | None = None


@dataclass(frozen=True)
class Payment:
    grant: Grant
    bonus: Bonus
    paid: int  # the amount actually paid: bonus.amount, or 0 when a higher title covers the same period
    reason: str  # why not paid (empty when paid)
    citation: str


def payments(
    grants: Sequence[Grant],
    on: datetime.date,
    *,
    ruleset: Ruleset | None = None,
    extra_base_salaries: Iterable[BaseSalary] = (),
) -> list[Payment]:
    """What one subject is paid for the grants of a decision (or decisions) dated ``on``.

    Titles for the same period: only the highest is paid (Nghị định 152/2025/NĐ-CP, Điều 49). "Highest" is
    the one with the largest amount, which Điều 49(3) ties to the higher title. Titles for different periods,
    every form, and a title with a form, are each paid.
    """
    rs = ruleset or ruleset_for(on)
    extra = tuple(extra_base_salaries)
    computed = [
        (
            grant,
            compute_bonus(
                grant.award,
                grant.subject_kind,
                on,
                issuer=grant.issuer,
                ruleset=rs,
                extra_base_salaries=extra,
            ),
        )
        for grant in grants
    ]
    best: dict[tuple[int, int], tuple[Grant, Bonus]] = {}
    for grant, bonus in computed:
        if rs.award(grant.award).kind != "title":
            continue
        period = (grant.first_year, grant.last_year)
        if period not in best or bonus.amount > best[period][1].amount:
            best[period] = (grant, bonus)
    rule = rs.bonus_rules["same_period"]
    out: list[Payment] = []
    for grant, bonus in computed:
        period = (grant.first_year, grant.last_year)
        if rs.award(grant.award).kind == "title" and best[period][0] is not grant:
            higher = best[period][1].award_name
            reason = (
                f"Cùng thời gian đạt ({_period(period)}) với danh hiệu {higher} của "
                f"{SUBJECT_KIND_NAMES.get(grant.subject_kind, grant.subject_kind)}: chỉ nhận tiền thưởng "
                "của danh hiệu cao nhất"
            )
            out.append(Payment(grant, bonus, 0, reason, rule.cited.citation))
        else:
            out.append(Payment(grant, bonus, bonus.amount, "", ""))
    return out


def _period(period: tuple[int, int]) -> str:
    return str(period[0]) if period[0] == period[1] else f"{period[0]}–{period[1]}"
