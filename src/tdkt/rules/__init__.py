"""The law as data, and the evaluator that applies it — pure Python (standard library and tdkt.vn only).

* :mod:`tdkt.rules.ruleset` — rulesets (``rulesets/*.toml``): titles and forms, criteria, vote thresholds,
  bonus coefficients, base salaries, each with its article citation; the validating loader;
  :func:`ruleset_for` picks the ruleset in force on a date;
* :mod:`tdkt.rules.history` — the facts given to the evaluator (:class:`Subject`, :class:`YearRecord`…);
* :mod:`tdkt.rules.evaluator` — :func:`evaluate` (verdicts with reasons) and :func:`evaluate_many` (statuses
  for a unit, a block or a province);
* :mod:`tdkt.rules.bonus` — :func:`compute_bonus` and the same-period rule (:func:`payments`);
* :mod:`tdkt.rules.jsonio` — the JSON exchange format of ``tdkt eligibility`` (docs/eligibility-json.md).

No Django here: the apps import this package, never the other way round.
"""

from tdkt.rules.bonus import Bonus, Grant, Payment, compute_bonus, payments, round_up
from tdkt.rules.codes import Basis, Confidence, Rating, Scope, Status, SubjectKind
from tdkt.rules.evaluator import Reason, SubjectVerdicts, Verdict, evaluate, evaluate_many
from tdkt.rules.history import Discipline, Initiative, Members, Subject, YearRecord
from tdkt.rules.ruleset import (
    Award,
    BaseSalary,
    NoRulesetInForce,
    Ruleset,
    RulesetError,
    Rulesets,
    VoteRule,
    default_rulesets,
    load_rulesets,
    parse_ruleset,
    ruleset_for,
)

__all__ = [
    "Award",
    "BaseSalary",
    "Basis",
    "Bonus",
    "Confidence",
    "Discipline",
    "Grant",
    "Initiative",
    "Members",
    "NoRulesetInForce",
    "Payment",
    "Rating",
    "Reason",
    "Ruleset",
    "RulesetError",
    "Rulesets",
    "Scope",
    "Status",
    "Subject",
    "SubjectKind",
    "SubjectVerdicts",
    "Verdict",
    "VoteRule",
    "YearRecord",
    "compute_bonus",
    "default_rulesets",
    "evaluate",
    "evaluate_many",
    "load_rulesets",
    "parse_ruleset",
    "payments",
    "round_up",
    "ruleset_for",
]
