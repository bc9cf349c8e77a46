"""A ruleset as the "Bộ quy tắc đang áp dụng" page reads it: each title and form with its routes, criteria as
text with their citations and confidence, the council's vote, the bonus coefficients. Nothing is computed here
that the ruleset does not say; condition texts are filled from their parameters as the evaluator fills them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tdkt import rules
from tdkt.rules.codes import SUBJECT_KIND_NAMES
from tdkt.rules.ruleset import Cited, ConditionSpec, condition_placeholders


@dataclass(frozen=True)
class Line:
    """One criterion (or an option of "one of"), with where it is written."""

    text: str
    cited: Cited
    options: tuple[Line, ...] = ()


@dataclass(frozen=True)
class RouteOutline:
    label: str
    subjects: str
    evaluated: bool
    cited: Cited
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class BonusLine:
    subject: str
    issuer: str
    coefficient: str
    cited: Cited


@dataclass(frozen=True)
class AwardOutline:
    id: str
    name: str
    kind: str
    subjects: str
    cited: Cited
    routes: tuple[RouteOutline, ...]
    bonus: tuple[BonusLine, ...]
    vote: rules.VoteRule | None
    decided_by: str = ""
    notes: tuple[str, ...] = field(default=())


def _subjects(codes: frozenset[str]) -> str:
    order = list(SUBJECT_KIND_NAMES)
    return ", ".join(SUBJECT_KIND_NAMES[c] for c in sorted(codes, key=order.index) if c in SUBJECT_KIND_NAMES)


def _line(spec: ConditionSpec, award: rules.Award, ruleset: rules.Ruleset) -> Line:
    try:
        text = spec.text.format_map(condition_placeholders(spec, award, ruleset.awards))
    except (KeyError, ValueError):  # the loader refuses such texts; show the raw text rather than fail
        text = spec.text
    return Line(text, spec.cited, tuple(_line(option, award, ruleset) for option in spec.options))


def _coefficient(value: object) -> str:
    return str(value).rstrip("0").rstrip(".").replace(".", ",") if "." in str(value) else str(value)


def outline(ruleset: rules.Ruleset) -> list[AwardOutline]:
    """Titles first, then forms, in the file's order."""
    out = []
    for award in ruleset.awards.values():
        routes = tuple(
            RouteOutline(
                route.label,
                _subjects(route.subjects),
                route.evaluated,
                route.cited,
                tuple(_line(spec, award, ruleset) for spec in route.conditions),
            )
            for route in award.routes
        )
        bonus = tuple(
            BonusLine(
                SUBJECT_KIND_NAMES.get(row.subject, row.subject),
                row.issuer or "",
                _coefficient(row.coefficient),
                row.cited,
            )
            for row in award.bonus
        )
        out.append(
            AwardOutline(
                award.id,
                award.name,
                award.kind,
                _subjects(award.subjects),
                award.cited,
                routes,
                bonus,
                award.vote,
                award.decided_by.label if award.decided_by is not None else "",
            )
        )
    out.sort(key=lambda a: a.kind != "title")
    return out
