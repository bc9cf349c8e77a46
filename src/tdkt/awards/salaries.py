"""The base salaries in force: the rulesets' rows plus the rows a system administrator added.

Everything that computes a bonus (issuing a decision, a correction that adds entries, ``tdkt bonus``, the ruleset
page) passes :func:`added_base_salaries` to :mod:`tdkt.rules` as ``extra_base_salaries``, so a salary rise
recorded here reaches every amount computed from then on.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from tdkt import rules
from tdkt.awards.models import AddedBaseSalary
from tdkt.rules.ruleset import Cited


def as_rule(row: AddedBaseSalary) -> rules.BaseSalary:
    """A recorded row in the form :mod:`tdkt.rules` reads."""
    return rules.BaseSalary(
        effective_from=row.effective_from,
        amount=row.amount,
        cited=Cited(citation=row.citation, confidence=row.confidence, note=row.note),
    )


def added_base_salaries() -> tuple[rules.BaseSalary, ...]:
    """The rows added by system administrators, oldest first (one query)."""
    return tuple(as_rule(row) for row in AddedBaseSalary.objects.order_by("effective_from"))


def shipped_base_salaries() -> dict[datetime.date, tuple[rules.BaseSalary, str]]:
    """The rulesets' rows by date, with the ruleset that carries each (the registry keeps them consistent)."""
    found: dict[datetime.date, tuple[rules.BaseSalary, str]] = {}
    for ruleset in rules.default_rulesets():
        for row in ruleset.base_salaries:
            found.setdefault(row.effective_from, (row, ruleset.id))
    return found


@dataclass(frozen=True)
class SalaryLine:
    """One base salary row as the ruleset page shows it."""

    salary: rules.BaseSalary
    source: str  # the ruleset's id, or "" for a row added here
    row: AddedBaseSalary | None
    in_force: bool


def salary_lines(day: datetime.date) -> list[SalaryLine]:
    """Every base salary row (rulesets' and added), oldest first, marking the one in force on ``day``."""
    added = list(AddedBaseSalary.objects.select_related("added_by").order_by("effective_from"))
    entries: list[tuple[rules.BaseSalary, str, AddedBaseSalary | None]] = [
        (row, ruleset_id, None) for row, ruleset_id in shipped_base_salaries().values()
    ]
    entries += [(as_rule(row), "", row) for row in added]
    entries.sort(key=lambda e: (e[0].effective_from, e[2] is not None))
    current = None
    for salary, _source, _row in entries:
        if salary.effective_from <= day:
            current = salary
    return [SalaryLine(salary, source, row, salary is current) for salary, source, row in entries]
