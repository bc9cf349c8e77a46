"""Rulesets: the law as versioned data, loaded and validated.

A ruleset is one TOML file in ``tdkt/rules/rulesets/`` covering a period (``effective_from`` … ``effective_to``):
the titles and forms with their criteria (routes of conditions), vote thresholds, bonus coefficients, base
salaries, rounding and the principles the evaluator applies. Every item carries its ``citation`` and a
``confidence`` (V / S / U, as in the legal brief) and, unless verified, a ``note`` saying what is uncertain.

* :mod:`.model` — the frozen dataclasses;
* :mod:`.loader` — :func:`parse_ruleset`: refuses unknown keys, missing citations, uncertain items without a
  note, unknown codes, placeholders a condition cannot fill, dependency cycles;
* :mod:`.registry` — :class:`Rulesets` (no overlapping periods, consistent base salaries) and
  :func:`ruleset_for`, the shipped ruleset in force on a date.

Changing the law is a new file plus its tests (docs/rules.md).
"""

from tdkt.rules.ruleset.loader import CONDITION_TYPES, parse_ruleset
from tdkt.rules.ruleset.model import (
    SCHEMA_VERSION,
    WINDOW_TYPES,
    Award,
    BaseSalary,
    BonusRow,
    Cited,
    ConditionSpec,
    NoRulesetInForce,
    Note,
    Principle,
    RatingCap,
    Route,
    Ruleset,
    RulesetError,
    VoteRule,
    condition_placeholders,
    share_text,
)
from tdkt.rules.ruleset.registry import Rulesets, default_rulesets, load_rulesets, ruleset_for

__all__ = [
    "CONDITION_TYPES",
    "SCHEMA_VERSION",
    "WINDOW_TYPES",
    "Award",
    "BaseSalary",
    "BonusRow",
    "Cited",
    "ConditionSpec",
    "NoRulesetInForce",
    "Note",
    "Principle",
    "RatingCap",
    "Route",
    "Ruleset",
    "RulesetError",
    "Rulesets",
    "VoteRule",
    "condition_placeholders",
    "default_rulesets",
    "load_rulesets",
    "parse_ruleset",
    "ruleset_for",
    "share_text",
]
