"""Which initiatives a candidate's eligibility rests on — an initiative counts once, for one title or one form
(Công văn 5007/BNV-TĐKT năm 2023, mục III.5.c).

The rules engine never counts an initiative already used for another award (or another year of the same award):
:func:`tdkt.awards.eligibility.person_subjects` reads the uses standing on the evaluation date into
``rules.Initiative.used_for`` / ``used_year``. This module asks the engine two further questions about one person
and one award, by evaluating the person's history with some initiatives taken out or freed — nothing here
re-implements a criterion:

* **relied on** — the smallest set of the person's unused initiatives the verdict needs: taking any of them out
  lowers the verdict. The most valuable initiatives (widest scope, then newest) are tried first, so that they are
  kept free for later, higher awards. These are marked used when a decision gives the award
  (:func:`tdkt.awards.services.decisions.issue_decision`).
* **reused** — initiatives already used for another award whose use lowers the verdict: were they free, the
  candidate would do better. A proposal that needs them is flagged at appraisal and refused at issue.

A verdict the engine does not compute (an award judged on the dossier), or a verdict of "not eligible" with every
initiative counted, marks nothing: the engine cannot say that an initiative was the basis.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from tdkt import rules
from tdkt.awards.models import Initiative, InitiativeUse
from tdkt.rules import Status
from tdkt.rules.codes import SCOPE_NAMES

RANK = {Status.NOT_ELIGIBLE: 0, Status.NEEDS_REVIEW: 1, Status.ELIGIBLE: 2}
SCOPE_RANK = {scope: i for i, scope in enumerate(SCOPE_NAMES)}

Key = tuple[int, int]  # (year, position in the year's record)


@dataclass
class Basis:
    """The initiatives behind one person's verdict for one award."""

    relied: list[Initiative] = field(default_factory=list)
    reused: list[tuple[Initiative, InitiativeUse]] = field(default_factory=list)
    used_elsewhere: list[tuple[Initiative, InitiativeUse]] = field(default_factory=list)


def _rows(person_ids: list[int], year: int, as_of: datetime.date) -> dict[int, dict[int, list[Initiative]]]:
    """The people's initiatives recognised up to ``year`` by decisions signed by ``as_of``: by person, by year
    (id order). One query."""
    found: dict[int, dict[int, list[Initiative]]] = defaultdict(lambda: defaultdict(list))
    for row in Initiative.objects.filter(
        person_id__in=person_ids, year__lte=year, decision__signed_on__lte=as_of
    ).order_by("person_id", "year", "pk"):
        found[row.person_id][row.year].append(row)
    return found


def _standing_uses(person_ids: list[int], year: int, as_of: datetime.date) -> dict[int, InitiativeUse]:
    """The uses standing on ``as_of`` of those initiatives, by initiative id. One query."""
    uses = (
        InitiativeUse.objects.filter(
            initiative__person_id__in=person_ids,
            initiative__year__lte=year,
            record__decision__signed_on__lte=as_of,
        )
        .exclude(record__cancellation__decision__signed_on__lte=as_of)
        .select_related("record__decision")
        .order_by("record__decision__signed_on", "pk")
    )
    found: dict[int, InitiativeUse] = {}
    for use in uses:
        found.setdefault(use.initiative_id, use)
    return found


def _with(
    subject: rules.Subject, change: Callable[[Key, rules.Initiative], rules.Initiative | None]
) -> rules.Subject:
    history = []
    for record in subject.history:
        kept = []
        for i, ini in enumerate(record.initiatives):
            new = change((record.year, i), ini)
            if new is not None:
                kept.append(new)
        history.append(dataclasses.replace(record, initiatives=tuple(kept)))
    return dataclasses.replace(subject, history=tuple(history))


def _basis(
    subject: rules.Subject,
    by_year: dict[int, list[Initiative]],
    uses: dict[int, InitiativeUse],
    award_code: str,
    year: int,
    as_of: datetime.date,
    ruleset: rules.Ruleset,
    relied: bool,
) -> Basis:
    result = Basis()

    def status(candidate: rules.Subject) -> int:
        verdict = rules.evaluate(candidate, year, as_of, ruleset=ruleset, awards=[award_code]).verdict(
            award_code
        )
        return RANK[verdict.status]

    # The subject's initiatives, rebuilt from the rows so that each one is known by (year, position).
    subject = dataclasses.replace(
        subject,
        history=tuple(
            dataclasses.replace(
                record,
                initiatives=tuple(
                    rules.Initiative(
                        scope=row.scope,
                        kind=row.kind,
                        used_for=uses[row.pk].record.award_code if row.pk in uses else None,
                        used_year=uses[row.pk].record.year if row.pk in uses else None,
                    )
                    for row in by_year.get(record.year, [])
                ),
            )
            for record in subject.history
        ),
    )
    rows = {(y, i): row for y, year_rows in by_year.items() for i, row in enumerate(year_rows)}
    counted: list[Key] = []
    elsewhere: list[Key] = []
    for record in subject.history:
        for i, ini in enumerate(record.initiatives):
            key = (record.year, i)
            if ini.used_for is None:
                counted.append(key)
            elif (ini.used_for, ini.used_year) != (award_code, year):
                elsewhere.append(key)
    result.used_elsewhere = [(rows[k], uses[rows[k].pk]) for k in elsewhere]
    full = status(subject)

    if elsewhere:

        def free(keys: set[Key]) -> rules.Subject:
            return _with(
                subject,
                lambda k, ini: dataclasses.replace(ini, used_for=None, used_year=None) if k in keys else ini,
            )

        if status(free(set(elsewhere))) > full:
            alone = [k for k in elsewhere if status(free({k})) > full]
            result.reused = [(rows[k], uses[rows[k].pk]) for k in (alone or elsewhere)]

    if not relied or full == RANK[Status.NOT_ELIGIBLE] or not counted:
        return result
    kept = set(counted)

    # the most valuable first: widest scope, then the newest — they are the ones worth keeping free
    def only(keep: set[Key]) -> rules.Subject:
        return _with(subject, lambda k, ini: None if k in counted and k not in keep else ini)

    for key in sorted(counted, key=lambda k: (SCOPE_RANK.get(rows[k].scope, 0), k[0], k[1]), reverse=True):
        trial = kept - {key}
        if status(only(trial)) >= full:
            kept = trial
    result.relied = [rows[k] for k in sorted(kept)]
    return result


def bases_for(
    award_code: str,
    year: int,
    people: list[tuple[int, rules.Subject]],
    as_of: datetime.date,
    ruleset: rules.Ruleset,
    *,
    relied: bool = True,
) -> dict[int, Basis]:
    """The initiatives each person's verdict for ``award_code`` rests on (unless ``relied`` is False), and those
    already used elsewhere it would need; ``people``: (person id, subject built by person_subjects for ``year`` on
    ``as_of``). Two queries for any number of people; none when nobody has an initiative."""
    out = {person_id: Basis() for person_id, _subject in people}
    if award_code not in ruleset.evaluated_awards(rules.SubjectKind.INDIVIDUAL):
        return out
    with_initiatives = [
        (person_id, subject)
        for person_id, subject in people
        if any(record.initiatives for record in subject.history)
    ]
    if not with_initiatives:
        return out
    ids = [person_id for person_id, _subject in with_initiatives]
    rows = _rows(ids, year, as_of)
    uses = _standing_uses(ids, year, as_of)
    for person_id, subject in with_initiatives:
        out[person_id] = _basis(subject, rows[person_id], uses, award_code, year, as_of, ruleset, relied)
    return out


def use_text(initiative: Initiative, use: InitiativeUse) -> str:
    """“Title” (năm 2024) — đã dùng cho Chiến sĩ thi đua cơ sở năm 2024, Quyết định số 05/QĐ-UBND."""
    record = use.record
    return (
        f"“{initiative.title}” ({initiative.year}): {record.award_name} {record.period}, "
        f"Quyết định số {record.decision.reference}"
    )
