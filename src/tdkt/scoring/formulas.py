"""The final score of a unit in a scoring round, and the ranking, as pure functions over plain data.

No Django here (an import-linter contract keeps it so): the services gather the inputs from the database, call
:func:`compute` and store both the inputs (:func:`inputs_to_json`) and the result; anyone can later call
``compute(inputs_from_json(stored))`` and get the same numbers, which is what the breakdown page explains.

A scoring table has *lines*: its leaf criteria (points up to the criterion's maximum), its bonus items (added)
and its penalty items (deducted). A *sheet* gives points to every line: the unit's own (self scoring) and those of
its scorers (cross scoring: the other member units, or the review panel). Formulas, per line:

``mean``          the mean of the peer sheets;
``trimmed_mean``  the mean of the peer sheets left after dropping the sheet with the highest total and the one
                  with the lowest (only with three sheets or more; ties are broken by the scorer's key, so the
                  choice is reproducible). Whole sheets are dropped, not single lines, as block regulations say
                  ("loại bỏ phiếu có tổng điểm cao nhất và thấp nhất"), so the lines still add up to the total;
``panel``         the mean of the review panel's sheets (the same arithmetic as ``mean``, over the panel);
``weighted``      ``self_weight × self + peer_weight × mean of the peer sheets`` (weights are data of the round).

Where the block head reconciled a discrepancy with an agreed number of points, that number replaces the line's
result (``overrides``). Every line is rounded half-up to hundredths and the total is the sum of the rounded
lines, so a printed breakdown always adds up.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal, localcontext
from typing import Any

CENT = Decimal("0.01")
ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)

MEAN = "mean"
TRIMMED_MEAN = "trimmed_mean"
PANEL = "panel"
WEIGHTED = "weighted"
FORMULAS = (MEAN, TRIMMED_MEAN, PANEL, WEIGHTED)
#: Trimming needs this many sheets: with fewer, the trimmed mean is the plain mean.
TRIM_MINIMUM = 3

CRITERION = "criterion"
BONUS = "bonus"
PENALTY = "penalty"
LINE_KINDS = (CRITERION, BONUS, PENALTY)

POINTS = "points"
PERCENT = "percent"

#: Tie rules, applied in the order the round lists them when two totals are equal.
FEWER_PENALTIES = "fewer_penalties"
MORE_BONUS = "more_bonus"
GROUP_PREFIX = "group:"


class FormulaError(ValueError):
    """The inputs cannot give a result (no peer sheet counted, an unknown formula, bad weights)."""


@dataclass(frozen=True)
class Line:
    """One line of the table: ``key`` is stable (``c<criterion id>``, ``b<item id>``, ``p<item id>``), ``group``
    is the code of the criteria group a criterion belongs to, ``maximum`` its maximum (or the item's cap)."""

    key: str
    kind: str
    group: str = ""
    maximum: Decimal = ZERO
    label: str = ""


@dataclass(frozen=True)
class PeerSheet:
    """A submitted cross-scoring sheet: ``scorer`` is a stable key of who scored (``u<unit id>``,
    ``p<person id>``), ``values`` the points per line key (a line left out counts 0)."""

    scorer: str
    values: Mapping[str, Decimal]


@dataclass(frozen=True)
class Inputs:
    formula: str
    lines: tuple[Line, ...]
    self_values: Mapping[str, Decimal] | None
    peers: tuple[PeerSheet, ...]
    self_weight: Decimal = ZERO
    peer_weight: Decimal = ONE
    overrides: Mapping[str, Decimal] = field(default_factory=dict)


@dataclass(frozen=True)
class Result:
    values: dict[str, Decimal]
    """The final points of each line (after overrides)."""
    peer_part: dict[str, Decimal]
    """The mean of the counted peer sheets per line (what self scores are compared with), rounded."""
    counted: tuple[str, ...]
    dropped: tuple[str, ...]
    criteria_total: Decimal
    bonus_total: Decimal
    penalty_total: Decimal
    total: Decimal
    groups: dict[str, Decimal]


def cents(value: Decimal) -> Decimal:
    """Round half-up to hundredths (how points are printed and stored)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def sheet_total(values: Mapping[str, Decimal], lines: Sequence[Line]) -> Decimal:
    """Criteria and bonus points minus penalty points of one sheet (exact: entries have two decimals)."""
    total = ZERO
    for line in lines:
        value = values.get(line.key, ZERO)
        total += -value if line.kind == PENALTY else value
    return total


def counted_sheets(
    formula: str, peers: Sequence[PeerSheet], lines: Sequence[Line]
) -> tuple[list[PeerSheet], list[PeerSheet]]:
    """The peer sheets the formula counts and those it drops (trimmed mean: one highest, one lowest total)."""
    if formula != TRIMMED_MEAN or len(peers) < TRIM_MINIMUM:
        return list(peers), []
    ordered = sorted(peers, key=lambda sheet: (sheet_total(sheet.values, lines), sheet.scorer))
    lowest, highest = ordered[0], ordered[-1]
    return ordered[1:-1], [highest, lowest]


def _check(inputs: Inputs) -> None:
    if inputs.formula not in FORMULAS:
        raise FormulaError(f"unknown formula {inputs.formula!r}")
    weights = (inputs.self_weight, inputs.peer_weight)
    if inputs.formula == WEIGHTED and (min(weights) < 0 or sum(weights) != ONE):
        raise FormulaError("weights must be non-negative and add up to 1")
    if not inputs.peers:
        raise FormulaError("no peer sheet")


def compute(inputs: Inputs) -> Result:
    """The final points of every line and the totals (see the module docstring for each formula)."""
    _check(inputs)
    counted, dropped = counted_sheets(inputs.formula, inputs.peers, inputs.lines)
    own = inputs.self_values or {}
    values: dict[str, Decimal] = {}
    peer_part: dict[str, Decimal] = {}
    # A fixed context: the result must not depend on the caller's decimal settings.
    with localcontext() as context:
        context.prec = 28
        context.rounding = ROUND_HALF_EVEN
        count = Decimal(len(counted))
        for line in inputs.lines:
            mean = sum((sheet.values.get(line.key, ZERO) for sheet in counted), ZERO) / count
            peer_part[line.key] = cents(mean)
            if inputs.formula == WEIGHTED:
                raw = inputs.self_weight * own.get(line.key, ZERO) + inputs.peer_weight * mean
            else:
                raw = mean
            values[line.key] = (
                cents(inputs.overrides[line.key]) if line.key in inputs.overrides else cents(raw)
            )
    criteria_total = sum((values[line.key] for line in inputs.lines if line.kind == CRITERION), ZERO)
    bonus_total = sum((values[line.key] for line in inputs.lines if line.kind == BONUS), ZERO)
    penalty_total = sum((values[line.key] for line in inputs.lines if line.kind == PENALTY), ZERO)
    groups: dict[str, Decimal] = {}
    for line in inputs.lines:
        if line.kind == CRITERION:
            groups[line.group] = groups.get(line.group, ZERO) + values[line.key]
    return Result(
        values=values,
        peer_part=peer_part,
        counted=tuple(sheet.scorer for sheet in counted),
        dropped=tuple(sheet.scorer for sheet in dropped),
        criteria_total=criteria_total,
        bonus_total=bonus_total,
        penalty_total=penalty_total,
        total=criteria_total + bonus_total - penalty_total,
        groups=groups,
    )


def margin_limit(maximum: Decimal, margin: Decimal, unit: str) -> Decimal:
    """The largest difference between self and peer points that is not flagged, for a line of ``maximum``."""
    if unit == PERCENT:
        return cents(maximum * margin / HUNDRED)
    return margin


def discrepancies(inputs: Inputs, result: Result, margin: Decimal, unit: str) -> list[str]:
    """Keys of the criteria where the self score and the peers' mean differ by more than the margin (none when
    the unit submitted no self score)."""
    if inputs.self_values is None:
        return []
    flagged = []
    for line in inputs.lines:
        if line.kind != CRITERION:
            continue
        own = inputs.self_values.get(line.key, ZERO)
        if abs(own - result.peer_part[line.key]) > margin_limit(line.maximum, margin, unit):
            flagged.append(line.key)
    return flagged


# --- stored form ------------------------------------------------------------------------------------------------


def _number(value: Any) -> Decimal:
    return Decimal(str(value))


def _values(mapping: Mapping[str, Decimal]) -> dict[str, str]:
    return {key: str(value) for key, value in mapping.items()}


def inputs_to_json(inputs: Inputs) -> dict[str, Any]:
    """The inputs as JSON-able data (numbers as strings, so that nothing is rounded on the way)."""
    return {
        "formula": inputs.formula,
        "self_weight": str(inputs.self_weight),
        "peer_weight": str(inputs.peer_weight),
        "lines": [
            {
                "key": line.key,
                "kind": line.kind,
                "group": line.group,
                "max": str(line.maximum),
                "label": line.label,
            }
            for line in inputs.lines
        ],
        "self": None if inputs.self_values is None else _values(inputs.self_values),
        "peers": [{"scorer": sheet.scorer, "values": _values(sheet.values)} for sheet in inputs.peers],
        "overrides": _values(inputs.overrides),
    }


def inputs_from_json(data: Mapping[str, Any]) -> Inputs:
    own = data.get("self")
    return Inputs(
        formula=str(data["formula"]),
        lines=tuple(
            Line(
                key=str(line["key"]),
                kind=str(line["kind"]),
                group=str(line.get("group", "")),
                maximum=_number(line.get("max", "0")),
                label=str(line.get("label", "")),
            )
            for line in data["lines"]
        ),
        self_values=None if own is None else {key: _number(value) for key, value in own.items()},
        peers=tuple(
            PeerSheet(
                scorer=str(sheet["scorer"]),
                values={key: _number(value) for key, value in sheet["values"].items()},
            )
            for sheet in data["peers"]
        ),
        self_weight=_number(data.get("self_weight", "0")),
        peer_weight=_number(data.get("peer_weight", "1")),
        overrides={key: _number(value) for key, value in (data.get("overrides") or {}).items()},
    )


def result_to_json(result: Result) -> dict[str, Any]:
    return {
        "values": _values(result.values),
        "peer_part": _values(result.peer_part),
        "counted": list(result.counted),
        "dropped": list(result.dropped),
        "criteria_total": str(result.criteria_total),
        "bonus_total": str(result.bonus_total),
        "penalty_total": str(result.penalty_total),
        "total": str(result.total),
        "groups": _values(result.groups),
    }


def result_from_json(data: Mapping[str, Any]) -> Result:
    return Result(
        values={key: _number(value) for key, value in data["values"].items()},
        peer_part={key: _number(value) for key, value in data["peer_part"].items()},
        counted=tuple(data["counted"]),
        dropped=tuple(data["dropped"]),
        criteria_total=_number(data["criteria_total"]),
        bonus_total=_number(data["bonus_total"]),
        penalty_total=_number(data["penalty_total"]),
        total=_number(data["total"]),
        groups={key: _number(value) for key, value in data["groups"].items()},
    )


# --- ranking ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RankEntry:
    """What the ranking needs of a unit: its total, its group totals, its bonus and penalty points, and ``order``
    (its place among units the rules cannot separate: the Vietnamese collation key of its name)."""

    key: str
    total: Decimal
    groups: Mapping[str, Decimal] = field(default_factory=dict)
    bonus: Decimal = ZERO
    penalty: Decimal = ZERO
    order: str = ""


@dataclass(frozen=True)
class Ranked:
    key: str
    rank: int
    tied: bool
    """Shares its rank with another unit (equal total and equal on every tie rule)."""
    decided_by: str
    """The tie rule that placed it below the unit above it with the same total ("" when the totals differ)."""


def rule_group(rule: str) -> str | None:
    """The group code of a ``group:<code>`` rule, else None."""
    return rule[len(GROUP_PREFIX) :] if rule.startswith(GROUP_PREFIX) else None


def is_rule(rule: str) -> bool:
    return rule in (FEWER_PENALTIES, MORE_BONUS) or bool(rule_group(rule))


def _tie_value(entry: RankEntry, rule: str) -> Decimal:
    """Smaller is better (sorting ascending)."""
    group = rule_group(rule)
    if group is not None:
        return -entry.groups.get(group, ZERO)
    if rule == FEWER_PENALTIES:
        return entry.penalty
    if rule == MORE_BONUS:
        return -entry.bonus
    raise FormulaError(f"unknown tie rule {rule!r}")


def rank(entries: Iterable[RankEntry], rules: Sequence[str]) -> list[Ranked]:
    """Order units by total (highest first), then by each tie rule in turn; units equal on all of them share a
    rank (1, 2, 2, 4) and are listed in ``order``."""

    def sort_key(entry: RankEntry) -> tuple[Decimal, ...]:
        return (-entry.total, *(_tie_value(entry, rule) for rule in rules))

    ordered = sorted(entries, key=lambda entry: (sort_key(entry), entry.order, entry.key))
    keys = [sort_key(entry) for entry in ordered]
    ranked: list[Ranked] = []
    for index, entry in enumerate(ordered):
        same_as_previous = index > 0 and keys[index] == keys[index - 1]
        same_as_next = index + 1 < len(ordered) and keys[index] == keys[index + 1]
        position = ranked[-1].rank if same_as_previous else index + 1
        decided_by = ""
        if index > 0 and not same_as_previous and keys[index][0] == keys[index - 1][0]:
            decided_by = next(
                rule
                for rule, mine, theirs in zip(rules, keys[index][1:], keys[index - 1][1:], strict=True)
                if mine != theirs
            )
        ranked.append(Ranked(entry.key, position, same_as_previous or same_as_next, decided_by))
    return ranked
