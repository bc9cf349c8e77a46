"""Synthetic histories for generated people: yearly ratings, leave, titles by external decisions, initiatives,
a little discipline — the shape of a real province's records, for scale tests of eligibility and statistics.

Each unit issues one decision a year recognising its Lao động tiên tiến and Chiến sĩ thi đua cơ sở (as a unit head
does, Luật 06/2022/QH15, Điều 74), recorded as external decisions; rows are written in bulk. Reproducible: the
same seed and the same people give the same histories.
"""

from __future__ import annotations

import datetime
import random
from collections import defaultdict
from collections.abc import Sequence

from django.db import transaction

from tdkt.awards.enums import AwardKind, DecisionKind, DisciplineLevel, InitiativeScope, LeaveKind, Rating
from tdkt.awards.models import AwardRecord, Decision, Discipline, Initiative, Leave, PersonYear
from tdkt.org.enums import Gender
from tdkt.org.models import Person

BATCH = 2000
#: Shares of each rating in a year, best first (a typical spread: most complete their duties well).
RATINGS = ((Rating.HTXSNV, 0.15), (Rating.HTTNV, 0.70), (Rating.HTNV, 0.12), (Rating.KHTNV, 0.03))
LDTT = ("lao_dong_tien_tien", "Lao động tiên tiến")
CSTDCS = ("chien_si_thi_dua_co_so", "Chiến sĩ thi đua cơ sở")


def _rating(rng: random.Random) -> str:
    roll, total = rng.random(), 0.0
    for rating, share in RATINGS:
        total += share
        if roll < total:
            return rating
    return Rating.HTTNV


def generate_histories(people: Sequence[Person], first_year: int, last_year: int, seed: int) -> int:
    """Write ``first_year``..``last_year`` of history for ``people`` (saved, with their unit); returns rows."""
    rng = random.Random(f"{seed}:histories:{people[0].pk if people else 0}")
    by_unit: dict[int, list[Person]] = defaultdict(list)
    for person in people:
        by_unit[person.unit_id].append(person)
    rows = 0
    with transaction.atomic():
        years: list[PersonYear] = []
        leaves: list[tuple[int, int, int]] = []  # index into years, kind months
        titled: dict[tuple[int, int], list[tuple[Person, tuple[str, str]]]] = defaultdict(list)
        initiatives: list[tuple[Person, int]] = []
        disciplines: list[Discipline] = []
        for person in people:
            for year in range(first_year, last_year + 1):
                rating = _rating(rng)
                months = 12
                if person.gender == Gender.FEMALE and rng.random() < 0.04:
                    leaves.append((len(years), 6, 0))
                    months = 6
                years.append(
                    PersonYear(
                        person=person, unit_id=person.unit_id, year=year, rating=rating, months_worked=months
                    )
                )
                if rating in (Rating.HTXSNV, Rating.HTTNV) and rng.random() < 0.8:
                    titled[(person.unit_id, year)].append((person, LDTT))
                    if rating == Rating.HTXSNV and rng.random() < 0.35:
                        initiatives.append((person, year))
                        titled[(person.unit_id, year)].append((person, CSTDCS))
                if rating == Rating.KHTNV and rng.random() < 0.3:
                    start = datetime.date(year, rng.randint(2, 11), 1)
                    disciplines.append(
                        Discipline(
                            person=person,
                            level=rng.choice([DisciplineLevel.REPRIMAND, DisciplineLevel.WARNING]),
                            start=start,
                            end=start + datetime.timedelta(days=365),
                            reason="Vi phạm quy chế làm việc (dữ liệu sinh)",
                        )
                    )
        PersonYear.objects.bulk_create(years, batch_size=BATCH)
        Leave.objects.bulk_create(
            [Leave(person_year=years[i], kind=LeaveKind.MATERNITY, months=m) for i, m, _ in leaves],
            batch_size=BATCH,
        )
        Discipline.objects.bulk_create(disciplines, batch_size=BATCH)
        rows += len(years) + len(leaves) + len(disciplines)

        units = {p.unit_id: p.unit for p in people}
        decisions: dict[tuple[int, int], Decision] = {}
        for unit_id, year in sorted(titled):
            unit = units[unit_id]
            decisions[(unit_id, year)] = Decision(
                issuer=unit,
                issuer_name=unit.name,
                number=100 + year % 100,
                year=year + 1,
                symbol=f"QĐ-{unit.abbreviation or 'ĐV'}",
                signed_on=datetime.date(year + 1, 1, 15),
                signer_name="",
                signer_title="Thủ trưởng đơn vị",
                kind=DecisionKind.TITLE,
                summary=f"Công nhận danh hiệu thi đua năm {year} (dữ liệu sinh)",
                external=True,
            )
        Decision.objects.bulk_create(list(decisions.values()), batch_size=BATCH)
        records: list[AwardRecord] = []
        for key, entries in sorted(titled.items()):
            decision = decisions[key]
            for order, (person, (code, name)) in enumerate(entries, start=1):
                records.append(
                    AwardRecord(
                        decision=decision,
                        order=order,
                        person=person,
                        subject_name=person.full_name,
                        unit_name=units[key[0]].name,
                        award_code=code,
                        award_name=name,
                        award_kind=AwardKind.TITLE,
                        first_year=key[1],
                        year=key[1],
                    )
                )
        AwardRecord.objects.bulk_create(records, batch_size=BATCH)
        Initiative.objects.bulk_create(
            [
                Initiative(
                    person=person,
                    year=year,
                    title=f"Sáng kiến cải tiến quy trình công tác năm {year}",
                    scope=InitiativeScope.GRASSROOTS,
                    decision=decisions[(person.unit_id, year)],
                )
                for person, year in initiatives
            ],
            batch_size=BATCH,
        )
        rows += len(decisions) + len(records) + len(initiatives)
    return rows
