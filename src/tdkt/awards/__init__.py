"""Commendation: histories, proposals, decisions and the award register (issue 5).

The law itself is not here: titles, criteria, thresholds, coefficients and base salaries live in the pure
rules engine (:mod:`tdkt.rules`, rulesets as data). This app holds the facts the engine reads — ratings, months
worked and leave, titles and awards (each tied to the decision that made it), initiatives, discipline, holds —
turns them into the engine's input (:mod:`tdkt.awards.eligibility`), and carries proposals through appraisal and
the council's vote to a numbered decision that writes the award register.
"""
