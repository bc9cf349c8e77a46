"""Commendation: histories, proposals, decisions and the award register (issue 5; models to come).

The law itself is not here: titles, criteria, thresholds, coefficients and base salaries live in the pure
rules engine (:mod:`tdkt.rules`, rulesets as data). This app will hold the facts the engine reads (ratings,
titles, awards, initiatives, discipline, holds, each tied to the decision that made it) and feed them to
:func:`tdkt.rules.evaluate_many`.
"""
