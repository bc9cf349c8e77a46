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
from tdkt.demo.bulk import allocate_ids, insert_rows
from tdkt.org.enums import Gender
from tdkt.org.models import Person

#: Shares of each rating in a year, best first (a typical spread: most complete their duties well).
RATINGS = ((Rating.HTXSNV, 0.15), (Rating.HTTNV, 0.70), (Rating.HTNV, 0.12), (Rating.KHTNV, 0.03))
LDTT = ("lao_dong_tien_tien", "Lao động tiên tiến")
CSTDCS = ("chien_si_thi_dua_co_so", "Chiến sĩ thi đua cơ sở")


def _rating(rng: random.Random) -> str:
    roll, total = rng.random(), 0.0
    for rating, share in RATINGS:
        total += share
        if roll < total:
            return rating.value
    return Rating.HTTNV.value


def generate_histories(people: Sequence[Person], first_year: int, last_year: int, seed: int) -> int:
    """Write ``first_year``..``last_year`` of history for ``people`` (saved, with their unit); returns rows.

    Rows are plain tuples loaded by :mod:`tdkt.demo.bulk` (a million people are tens of millions of rows)."""
    rng = random.Random(f"{seed}:histories:{people[0].pk if people else 0}")
    rows = 0
    with transaction.atomic():
        years: list[tuple[int, int, int, str, int]] = []  # person, unit, year, rating, months
        leaves: list[int] = []  # index into years (6 months of maternity leave)
        titled: dict[tuple[int, int], list[tuple[Person, tuple[str, str]]]] = defaultdict(list)
        initiatives: list[tuple[Person, int]] = []
        disciplines: list[tuple[int, str, datetime.date, datetime.date, str]] = []
        female = Gender.FEMALE
        good = (Rating.HTXSNV, Rating.HTTNV)
        for person in people:
            pk, unit_id = person.pk, person.unit_id
            is_female = person.gender == female
            for year in range(first_year, last_year + 1):
                rating = _rating(rng)
                months = 12
                if is_female and rng.random() < 0.04:
                    leaves.append(len(years))
                    months = 6
                years.append((pk, unit_id, year, rating, months))
                if rating in good and rng.random() < 0.8:
                    titled[(unit_id, year)].append((person, LDTT))
                    if rating == Rating.HTXSNV and rng.random() < 0.35:
                        initiatives.append((person, year))
                        titled[(unit_id, year)].append((person, CSTDCS))
                if rating == Rating.KHTNV and rng.random() < 0.3:
                    start = datetime.date(year, rng.randint(2, 11), 1)
                    disciplines.append(
                        (
                            pk,
                            rng.choice([DisciplineLevel.REPRIMAND, DisciplineLevel.WARNING]).value,
                            start,
                            start + datetime.timedelta(days=365),
                            "Vi phạm quy chế làm việc (dữ liệu sinh)",
                        )
                    )
        year_ids = allocate_ids(PersonYear, len(years))
        insert_rows(
            PersonYear,
            ("id", "person_id", "unit_id", "year", "rating", "months_worked"),
            ((pk, *row) for pk, row in zip(year_ids, years, strict=True)),
        )
        insert_rows(
            Leave,
            ("person_year_id", "kind", "months"),
            ((year_ids[i], LeaveKind.MATERNITY.value, 6) for i in leaves),
        )
        insert_rows(Discipline, ("person_id", "level", "start", "end", "reason"), disciplines)
        rows += len(years) + len(leaves) + len(disciplines)

        units = {p.unit_id: p.unit for p in people}
        keys = sorted(titled)
        decision_ids = dict(zip(keys, allocate_ids(Decision, len(keys)), strict=True))
        insert_rows(
            Decision,
            (
                "id",
                "issuer_id",
                "issuer_name",
                "number",
                "year",
                "symbol",
                "signed_on",
                "signer_name",
                "signer_title",
                "kind",
                "summary",
                "external",
            ),
            (
                (
                    decision_ids[(unit_id, year)],
                    unit_id,
                    units[unit_id].name,
                    100 + year % 100,
                    year + 1,
                    f"QĐ-{units[unit_id].abbreviation or 'ĐV'}",
                    datetime.date(year + 1, 1, 15),
                    "",
                    "Thủ trưởng đơn vị",
                    DecisionKind.TITLE.value,
                    f"Công nhận danh hiệu thi đua năm {year} (dữ liệu sinh)",
                    True,
                )
                for unit_id, year in keys
            ),
        )
        records = insert_rows(
            AwardRecord,
            (
                "decision_id",
                "order",
                "person_id",
                "subject_name",
                "unit_name",
                "award_code",
                "award_name",
                "award_kind",
                "first_year",
                "year",
            ),
            (
                (
                    decision_ids[key],
                    order,
                    person.pk,
                    person.full_name,
                    units[key[0]].name,
                    code,
                    name,
                    AwardKind.TITLE.value,
                    key[1],
                    key[1],
                )
                for key in keys
                for order, (person, (code, name)) in enumerate(titled[key], start=1)
            ),
        )
        insert_rows(
            Initiative,
            ("person_id", "year", "title", "scope", "decision_id"),
            (
                (
                    person.pk,
                    year,
                    f"Sáng kiến cải tiến quy trình công tác năm {year}",
                    InitiativeScope.GRASSROOTS.value,
                    decision_ids[(person.unit_id, year)],
                )
                for person, year in initiatives
            ),
        )
        rows += len(keys) + records + len(initiatives)
    return rows
