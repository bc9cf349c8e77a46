"""The province-wide batch gives the statuses of the one-subject path, over a generated population.

The batch reads each table once per id range and shares alike year records between people; the one-subject
path reads one person and explains every award. Both must agree, person by person and award by award, and the
histories read must be the facts as the ORM gives them, one person at a time.
"""

from __future__ import annotations

import datetime

import pytest

from tdkt import rules
from tdkt.awards import eligibility, services
from tdkt.awards.eligibility import (
    all_verdicts,
    evaluate_people,
    evaluate_province,
    in_force_records,
    person_subjects,
)
from tdkt.awards.models import Discipline, Initiative, PersonYear
from tdkt.core.actors import SYSTEM
from tdkt.demo.generate import generate
from tdkt.org.models import Person

YEAR = 2025
AS_OF = datetime.date(2026, 1, 20)


def _population() -> list[Person]:
    generate(people=240, years=6, seed=11, last_year=YEAR, units=6)
    people = list(Person.objects.order_by("pk"))
    first, second, third = people[3], people[10], people[20]
    ref = services.DecisionRef(
        issuer_name="Ủy ban nhân dân tỉnh", number=5, symbol="QĐ-UBND", signed_on=datetime.date(2024, 2, 1)
    )
    # a form for a year the person has no rating row for; a form beside the titles of a rated year
    services.record_past_award(SYSTEM, first, award_code="bang_khen_tinh", year=2018, decision=ref)
    services.record_past_award(SYSTEM, second, award_code="bang_khen_tinh", year=2023, decision=ref)
    services.set_hold(SYSTEM, third, kind="under_investigation", start=datetime.date(2025, 12, 1))
    # a record signed after the evaluation date is not a fact yet
    later = services.DecisionRef(
        issuer_name="Ủy ban nhân dân tỉnh", number=9, symbol="QĐ-UBND", signed_on=datetime.date(2026, 3, 1)
    )
    services.record_past_award(SYSTEM, third, award_code="bang_khen_tinh", year=2025, decision=later)
    return people


def _reference_history(person: Person) -> tuple[rules.YearRecord, ...]:
    """The person's records built naively, one ORM object at a time."""
    years: dict[int, dict] = {}
    for row in PersonYear.objects.filter(person=person, year__lte=YEAR).prefetch_related("leaves"):
        years[row.year] = {
            "rating": row.rating or None,
            "months_worked": row.months_worked,
            "leave": {leave.kind: leave.months for leave in row.leaves.all()},
        }
    titles: dict[int, set[str]] = {}
    forms: dict[int, set[str]] = {}
    for record in in_force_records(AS_OF).filter(person=person, year__lte=YEAR):
        years.setdefault(record.year, {"rating": None, "months_worked": 0})
        (titles if record.award_kind == "title" else forms).setdefault(record.year, set()).add(
            record.award_code
        )
    ideas: dict[int, list[rules.Initiative]] = {}
    for initiative in Initiative.objects.filter(
        person=person, year__lte=YEAR, decision__signed_on__lte=AS_OF
    ).select_related("decision"):
        years.setdefault(initiative.year, {"rating": None, "months_worked": 0})
        ideas.setdefault(initiative.year, []).append(
            rules.Initiative(scope=initiative.scope, kind=initiative.kind, ref=initiative.decision.reference)
        )
    return tuple(
        rules.YearRecord(
            year=y,
            titles=frozenset(titles.get(y, ())),
            awards=frozenset(forms.get(y, ())),
            initiatives=tuple(ideas.get(y, ())),
            **years[y],
        )
        for y in sorted(years)
    )


@pytest.fixture
def small_ranges(monkeypatch: pytest.MonkeyPatch) -> None:
    """Several id ranges (and chunks) even for a small population."""
    monkeypatch.setattr(eligibility, "CHUNK", 50)
    monkeypatch.setattr(eligibility, "BIG_CHUNK", 70)


@pytest.mark.django_db
def test_the_batch_gives_the_one_subject_statuses_over_a_generated_population(small_ranges):
    people = _population()
    assert Discipline.objects.exists() and Initiative.objects.exists()
    batch = dict(evaluate_people(people, YEAR, AS_OF))
    province = dict(evaluate_province(YEAR, AS_OF))
    assert province == batch and len(batch) == len(people)
    seen: set[str] = set()
    for person in people:
        (subject,) = person_subjects([person], YEAR, AS_OF)
        assert subject.history == _reference_history(person), person.pk
        verdicts = all_verdicts(subject, YEAR, AS_OF)
        one = {v.award: v.status for v in verdicts.verdicts}
        assert batch[str(person.pk)] == one, person.pk
        seen.update(one.values())
    # the population exercises every status, not only the common "not eligible"
    assert seen == set(rules.Status)
    # only the awards asked for
    some = dict(evaluate_province(YEAR, AS_OF, ["lao_dong_tien_tien"]))
    assert some == {pk: {"lao_dong_tien_tien": s["lao_dong_tien_tien"]} for pk, s in batch.items()}


@pytest.mark.django_db(transaction=True)
def test_workers_give_the_serial_results_in_the_same_order(small_ranges):
    """On PostgreSQL the ranges go to two forked processes with their own connections; on the in-memory SQLite
    test database they cannot open it, and the batch stays in this process."""
    _population()
    serial = list(evaluate_province(YEAR, AS_OF))
    assert list(evaluate_province(YEAR, AS_OF, workers=2)) == serial
    women = Person.objects.filter(gender="female")
    assert list(evaluate_province(YEAR, AS_OF, people=women, workers=2)) == [
        row for row in serial if int(row[0]) in set(women.values_list("pk", flat=True))
    ]
