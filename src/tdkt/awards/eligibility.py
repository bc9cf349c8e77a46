"""From the history tables to the rules engine: one :class:`tdkt.rules.Subject` per person or collective.

Every field of the engine's input is read from a fact: a year's rating and months worked (:class:`PersonYear`)
with its leave by kind; titles and forms from the award register in force on the evaluation date (records of
decisions signed by then and not cancelled); initiatives with their scope; disciplinary periods; the holds
active on the evaluation date. A collective's members in a year are the people it rated that year, counted from
their own facts; whether it leads its block is the block's counted ballot for the Flag, when there is one.

Reads are batched: a list of people costs a fixed number of queries whatever its length, so a unit, a block or
the province goes through :func:`evaluate_people` / :func:`evaluate_units` in chunks.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from tdkt import rules
from tdkt.awards.enums import DisciplineLevel, Rating
from tdkt.awards.models import (
    AwardRecord,
    Discipline,
    Hold,
    Initiative,
    InitiativeUse,
    Leave,
    PersonYear,
    UnitYear,
)
from tdkt.ballots.enums import Outcome, RollKind, SessionState
from tdkt.ballots.models import TallyLine
from tdkt.org.models import BlockMembership, Person, Unit
from tdkt.rules import Reason, Status, Subject, SubjectKind, Verdict, YearRecord

#: Ratings that complete the year's tasks (members "rated HTNV or better").
COMPLETED = (Rating.HTXSNV, Rating.HTTNV, Rating.HTNV)
#: Disciplinary measures from "cảnh cáo" up (Luật 06/2022/QH15, Điều 28: none in a Tập thể lao động tiên tiến).
WARNING_OR_ABOVE = tuple(DisciplineLevel.values[DisciplineLevel.values.index(DisciplineLevel.WARNING) :])
#: The block's ballot that says which member leads it: the one for the Emulation Flag of the province.
LEADING_AWARD = "co_thi_dua_tinh"
CHUNK = 2000


def in_force_records(as_of: datetime.date) -> Any:
    """Register entries that stand on ``as_of``: their decision is signed by then and no correction signed by
    then cancels them."""
    return AwardRecord.objects.filter(decision__signed_on__lte=as_of).exclude(
        cancellation__decision__signed_on__lte=as_of
    )


def initiative_uses(filter_: Q, year: int, as_of: datetime.date) -> dict[int, tuple[str, int]]:
    """Initiatives already used as the basis of a register entry standing on ``as_of``: initiative id → (award
    code, year of the award). An initiative counts once (Công văn 5007/BNV-TĐKT năm 2023, mục III.5.c)."""
    uses = (
        InitiativeUse.objects.filter(
            filter_, initiative__year__lte=year, record__decision__signed_on__lte=as_of
        )
        .exclude(record__cancellation__decision__signed_on__lte=as_of)
        .order_by("record__decision__signed_on", "pk")
        .values_list("initiative_id", "record__award_code", "record__year")
    )
    found: dict[int, tuple[str, int]] = {}
    for initiative_id, code, award_year in uses:
        found.setdefault(initiative_id, (code, award_year))
    return found


def _holds(filter_: Q, as_of: datetime.date) -> dict[int, list[str]]:
    active = Hold.objects.filter(filter_, start__lte=as_of).filter(Q(end__isnull=True) | Q(end__gte=as_of))
    found: dict[int, list[str]] = defaultdict(list)
    for person_id, unit_id, kind in active.order_by("start", "pk").values_list(
        "person_id", "unit_id", "kind"
    ):
        found[person_id or unit_id].append(kind)
    return found


@dataclass
class _Year:
    rating: str | None = None
    months: int = 0
    leave: dict[str, int] | None = None
    titles: set[str] | None = None
    awards: set[str] | None = None
    initiatives: list[rules.Initiative] | None = None


def _record(year: int, y: _Year, **extra: Any) -> YearRecord:
    return YearRecord(
        year=year,
        rating=y.rating,
        months_worked=y.months,
        leave=y.leave or {},
        titles=frozenset(y.titles or ()),
        awards=frozenset(y.awards or ()),
        initiatives=tuple(y.initiatives or ()),
        **extra,
    )


def _add_records(years: dict[int, dict[int, _Year]], records: Iterable[tuple[int, int, str, str]]) -> None:
    for subject_id, year, code, kind in records:
        y = years[subject_id].setdefault(year, _Year())
        if kind == "title":
            y.titles = (y.titles or set()) | {code}
        else:
            y.awards = (y.awards or set()) | {code}


def _id_filter(ids: Sequence[int]) -> Callable[[str], Q]:
    """A filter on a person column for ``ids``: a range when they are dense (a province read in id order: no long
    parameter list to build and send), else the list. Rows of people in the range but not in ``ids`` are then read
    and ignored by the caller, who keys everything by the people it was given."""
    low, high = min(ids), max(ids)
    if high - low < 2 * len(ids):
        return lambda field: Q(**{f"{field}__gte": low, f"{field}__lte": high})
    return lambda field: Q(**{f"{field}__in": ids})


def person_subjects(people: Sequence[Person], year: int, as_of: datetime.date) -> list[Subject]:
    """The engine's input for ``people`` (their history up to ``year``, as known on ``as_of``)."""
    ids = [p.pk for p in people]
    if not ids:
        return []
    who = _id_filter(ids)
    years: dict[int, dict[int, _Year]] = defaultdict(dict)
    rows = PersonYear.objects.filter(who("person_id"), year__lte=year).values_list(
        "pk", "person_id", "year", "rating", "months_worked"
    )
    by_row: dict[int, _Year] = {}
    for pk, person_id, y, rating, months in rows:
        by_row[pk] = years[person_id][y] = _Year(rating=rating or None, months=months)
    for row_id, kind, months in Leave.objects.filter(
        who("person_year__person_id"), person_year__year__lte=year
    ).values_list("person_year_id", "kind", "months"):
        entry = by_row.get(row_id)
        if entry is None:  # a person of the id range who is not in ``people``
            continue
        entry.leave = {**(entry.leave or {}), kind: months}
    _add_records(
        years,
        in_force_records(as_of)
        .filter(who("person_id"), year__lte=year)
        .values_list("person_id", "year", "award_code", "award_kind"),
    )
    used = initiative_uses(who("initiative__person_id"), year, as_of)
    for pk, person_id, y, scope, kind, number, symbol in Initiative.objects.filter(
        who("person_id"), year__lte=year, decision__signed_on__lte=as_of
    ).values_list("pk", "person_id", "year", "scope", "kind", "decision__number", "decision__symbol"):
        entry = years[person_id].setdefault(y, _Year())
        used_for, used_year = used.get(pk, (None, None))
        entry.initiatives = [
            *(entry.initiatives or []),
            rules.Initiative(
                scope=scope,
                kind=kind,
                ref=f"{number:02d}/{symbol}",
                used_for=used_for,
                used_year=used_year,
            ),
        ]
    disciplines: dict[int, list[rules.Discipline]] = defaultdict(list)
    for person_id, level, start, end in (
        Discipline.objects.filter(who("person_id"))
        .order_by("start")
        .values_list("person_id", "level", "start", "end")
    ):
        disciplines[person_id].append(rules.Discipline(level=level, start=start, end=end))
    holds = _holds(who("person_id"), as_of)
    return [
        Subject(
            id=str(p.pk),
            kind=SubjectKind.INDIVIDUAL,
            history=tuple(_record(y, entry) for y, entry in sorted(years[p.pk].items())),
            disciplines=tuple(disciplines[p.pk]),
            holds=tuple(holds.get(p.pk, ())),
            gender=p.gender or None,
        )
        for p in people
    ]


def _members(
    unit_ids: Sequence[int], year: int, as_of: datetime.date
) -> dict[tuple[int, int], rules.Members]:
    """Each collective's members per year: the people it rated that year, counted from their facts."""
    rated = list(
        PersonYear.objects.filter(unit_id__in=unit_ids, year__lte=year).values_list(
            "unit_id", "year", "person_id", "rating"
        )
    )
    person_ids = {person_id for _, _, person_id, _ in rated}
    titled: dict[tuple[int, int], set[str]] = defaultdict(set)
    for person_id, y, code in (
        in_force_records(as_of)
        .filter(
            person_id__in=person_ids,
            year__lte=year,
            award_code__in=["lao_dong_tien_tien", "chien_si_thi_dua_co_so"],
        )
        .values_list("person_id", "year", "award_code")
    ):
        titled[(person_id, y)].add(code)
    periods: dict[int, list[tuple[datetime.date, datetime.date | None]]] = defaultdict(list)
    for person_id, start, end in Discipline.objects.filter(
        person_id__in=person_ids, level__in=WARNING_OR_ABOVE, start__lte=as_of
    ).values_list("person_id", "start", "end"):
        periods[person_id].append((start, end))

    def disciplined(person_id: int, y: int) -> bool:
        first, last = datetime.date(y, 1, 1), datetime.date(y, 12, 31)
        return any(start <= last and (end is None or end >= first) for start, end in periods[person_id])

    counts: dict[tuple[int, int], list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    for unit_id, y, person_id, rating in rated:
        c = counts[(unit_id, y)]
        c[0] += 1
        c[1] += rating in COMPLETED
        c[2] += "lao_dong_tien_tien" in titled[(person_id, y)]
        c[3] += "chien_si_thi_dua_co_so" in titled[(person_id, y)]
        c[4] += disciplined(person_id, y)
    return {key: rules.Members(*c) for key, c in counts.items()}


def _leads_block(unit_ids: Sequence[int], year: int) -> dict[tuple[int, int], bool]:
    """Whether a unit leads its block in a year: the block's counted ballot for the Flag elected it (or not)."""
    lines = TallyLine.objects.filter(
        tally__session__roll_kind=RollKind.BLOCK,
        tally__session__state=SessionState.COUNTED,
        tally__session__award_code=LEADING_AWARD,
        tally__session__year__lte=year,
    ).values_list("tally__session__block_id", "tally__session__year", "candidate__unit_id", "outcome")
    elected: dict[tuple[int, int], set[int]] = defaultdict(set)
    voted: set[tuple[int, int]] = set()
    for block_id, y, unit_id, outcome in lines:
        voted.add((block_id, y))
        if outcome == Outcome.ELECTED and unit_id is not None:
            elected[(block_id, y)].add(unit_id)
    found: dict[tuple[int, int], bool] = {}
    for unit_id, block_id, y in BlockMembership.objects.filter(
        unit_id__in=unit_ids, year__lte=year
    ).values_list("unit_id", "block_id", "year"):
        if (block_id, y) in voted:
            found[(unit_id, y)] = found.get((unit_id, y), False) or unit_id in elected[(block_id, y)]
    return found


def unit_subjects(units: Sequence[Unit], year: int, as_of: datetime.date) -> list[Subject]:
    """The engine's input for collectives (their ratings, titles and awards, members and block lead)."""
    ids = [u.pk for u in units]
    years: dict[int, dict[int, _Year]] = defaultdict(dict)
    for unit_id, y, rating in UnitYear.objects.filter(unit_id__in=ids, year__lte=year).values_list(
        "unit_id", "year", "rating"
    ):
        years[unit_id][y] = _Year(rating=rating, months=12)
    _add_records(
        years,
        in_force_records(as_of)
        .filter(unit_id__in=ids, year__lte=year)
        .values_list("unit_id", "year", "award_code", "award_kind"),
    )
    members = _members(ids, year, as_of)
    leads = _leads_block(ids, year)
    for unit_id, y in list(members) + list(leads):
        years[unit_id].setdefault(y, _Year())
    holds = _holds(Q(unit_id__in=ids), as_of)
    return [
        Subject(
            id=str(u.pk),
            kind=SubjectKind.COLLECTIVE,
            history=tuple(
                _record(y, entry, members=members.get((u.pk, y)), leads_block=leads.get((u.pk, y)))
                for y, entry in sorted(years[u.pk].items())
            ),
            holds=tuple(holds.get(u.pk, ())),
        )
        for u in units
    ]


# --- verdicts ------------------------------------------------------------------------------------------------


def not_computed(ruleset: rules.Ruleset, award_code: str) -> Verdict:
    """The verdict shown for an award the ruleset lists but does not compute (a judgment on the dossier)."""
    award = ruleset.awards.get(award_code)
    citation = award.cited.citation if award is not None else ruleset.cited.citation
    return Verdict(
        award_code,
        Status.NEEDS_REVIEW,
        (
            Reason(
                None,
                "Bộ quy tắc không tính tự động danh hiệu, hình thức này: xét theo hồ sơ thành tích",
                citation,
                rules.Basis.DOSSIER,
            ),
        ),
    )


def verdicts_for(
    subjects: Sequence[Subject], award_code: str, year: int, as_of: datetime.date
) -> tuple[rules.Ruleset, dict[str, Verdict]]:
    """One award's verdict with its reasons for each subject, under the ruleset in force on ``as_of``."""
    ruleset = rules.ruleset_for(as_of)
    out: dict[str, Verdict] = {}
    for subject in subjects:
        if award_code in ruleset.evaluated_awards(subject.kind):
            out[subject.id] = rules.evaluate(
                subject, year, as_of, ruleset=ruleset, awards=[award_code]
            ).verdict(award_code)
        else:
            out[subject.id] = not_computed(ruleset, award_code)
    return ruleset, out


def all_verdicts(subject: Subject, year: int, as_of: datetime.date) -> rules.SubjectVerdicts:
    """Every award the ruleset computes for the subject's kind, with reasons (a person's or unit's record page)."""
    return rules.evaluate(subject, year, as_of)


def _chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def evaluate_people(
    people: Sequence[Person], year: int, as_of: datetime.date, awards: Iterable[str] | None = None
) -> Iterator[tuple[str, dict[str, Status]]]:
    """Statuses for many people (a unit, a block, the province), read and evaluated chunk by chunk."""
    ruleset = rules.ruleset_for(as_of)
    wanted = list(awards) if awards is not None else None
    for chunk in _chunks(people):
        yield from rules.evaluate_many(
            person_subjects(chunk, year, as_of), year, as_of, ruleset=ruleset, awards=wanted
        )


def evaluate_units(
    units: Sequence[Unit], year: int, as_of: datetime.date, awards: Iterable[str] | None = None
) -> Iterator[tuple[str, dict[str, Status]]]:
    ruleset = rules.ruleset_for(as_of)
    wanted = list(awards) if awards is not None else None
    for chunk in _chunks(units):
        yield from rules.evaluate_many(
            unit_subjects(chunk, year, as_of), year, as_of, ruleset=ruleset, awards=wanted
        )
