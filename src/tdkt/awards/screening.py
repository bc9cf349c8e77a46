"""Year-end screening: who of a unit, a block or the province qualifies for an award (statuses only).

The page "Rà soát điều kiện khen thưởng" and ``tdkt screen-eligibility`` share this: the people of a scope
(active people, managed by the unit, by the block's member units of the year, or anywhere), their statuses from
the batch path (:func:`evaluate_people` for a unit, :func:`evaluate_province` read by id range otherwise), the
counts per award and status, and the people found eligible or needing review. Reasons stay on the person's
record page (one subject at a time).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from tdkt import rules
from tdkt.awards.eligibility import evaluate_people, evaluate_province
from tdkt.awards.enums import SubjectKind
from tdkt.org.models import BlockMembership, EmulationBlock, Person, Unit
from tdkt.rules import Status

#: The statuses listed (the others are only counted).
LISTED = (Status.ELIGIBLE, Status.NEEDS_REVIEW)


def individual_awards(as_of: datetime.date) -> list[tuple[str, str]]:
    """(code, name) of the individual titles and forms the ruleset in force on ``as_of`` computes."""
    ruleset = rules.ruleset_for(as_of)
    return [(code, ruleset.awards[code].name) for code in ruleset.evaluated_awards(SubjectKind.INDIVIDUAL)]


def people_of_unit(unit: Unit) -> QuerySet[Person]:
    return Person.objects.filter(unit=unit, is_active=True)


def people_of_block(block: EmulationBlock, year: int) -> QuerySet[Person]:
    """The active people managed by the units that are members of the block in ``year``."""
    units = BlockMembership.objects.filter(block=block, year=year).values("unit_id")
    return Person.objects.filter(unit_id__in=units, is_active=True)


def people_of_province() -> QuerySet[Person]:
    return Person.objects.filter(is_active=True)


@dataclass
class Screening:
    awards: list[str]
    #: award code → status → number of people
    counts: dict[str, dict[str, int]]
    #: person id → [(award code, status)] for the statuses listed
    found: dict[int, list[tuple[str, Status]]] = field(default_factory=dict)
    total: int = 0


def screen(
    people: QuerySet[Person],
    year: int,
    as_of: datetime.date,
    awards: Iterable[str],
    *,
    one_unit: bool = False,
    workers: int = 1,
) -> Screening:
    """Statuses of ``people`` for ``awards``: a unit in chunks of people, a block or the province by id range
    (``workers`` > 1 only from the command: a web request never forks)."""
    wanted = list(awards)
    counts = {code: {status.value: 0 for status in Status} for code in wanted}
    result = Screening(wanted, counts)
    found: Any
    if one_unit:
        found = evaluate_people(list(people.order_by("pk")), year, as_of, wanted)
    else:
        found = evaluate_province(year, as_of, wanted, people=people, workers=workers)
    for subject_id, statuses in found:
        result.total += 1
        listed = []
        for code in wanted:
            status = statuses[code]
            counts[code][status.value] += 1
            if status in LISTED:
                listed.append((code, status))
        if listed:
            result.found[int(subject_id)] = listed
    return result


def sorted_found(people: QuerySet[Person], screening: Screening) -> list[int]:
    """The ids of the people found, in Vietnamese order of names (then id)."""
    found = screening.found
    ordered = people.order_by("name_sort", "pk").values_list("pk", flat=True)
    return [pk for pk in ordered.iterator(chunk_size=5000) if pk in found]
