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
import gc
import multiprocessing
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.db import connection, connections
from django.db.models import F, Max, Min, Q

from tdkt import rules
from tdkt.awards.enums import AwardKind, DisciplineLevel, Rating
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
from tdkt.rules.history import EMPTY

#: Ratings that complete the year's tasks (members "rated HTNV or better").
COMPLETED = (Rating.HTXSNV, Rating.HTTNV, Rating.HTNV)
#: Disciplinary measures from "cảnh cáo" up (Luật 06/2022/QH15, Điều 28: none in a Tập thể lao động tiên tiến).
WARNING_OR_ABOVE = tuple(DisciplineLevel.values[DisciplineLevel.values.index(DisciplineLevel.WARNING) :])
#: The block's ballot that says which member leads it: the one for the Emulation Flag of the province.
LEADING_AWARD = "co_thi_dua_tinh"
CHUNK = 2000
#: People per id range of a province-wide batch (one read per table per range).
BIG_CHUNK = 20_000


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
class _Year:  # a collective's year while its facts are gathered
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


#: A person-year as one integer, computed by the database (no tuple to build and hash per row): years are
#: below ``YEARS``.
YEARS = 10_000
_YEAR_KEY = F("person_id") * YEARS + F("year")


class _Interned:
    """Shared values for one batch: most person-years are alike (a year, a rating, twelve months, one of a few
    title sets), so each is built once and shared. The evaluator treats records as immutable."""

    __slots__ = ("codes", "records")

    def __init__(self) -> None:
        self.codes: dict[tuple[str, ...] | None, frozenset[str]] = {None: EMPTY, (): EMPTY}
        self.records: dict[tuple[Any, ...], YearRecord] = {}

    def codes_of(self, codes: tuple[str, ...] | None) -> frozenset[str]:
        found = self.codes.get(codes)
        if found is None:
            found = self.codes[codes] = frozenset(codes or ())
        return found


@contextmanager
def _cursor_rows(queryset: Any) -> Iterator[Iterable[tuple[Any, ...]]]:
    """A ``values_list`` queryset's rows straight from the driver's cursor, with no per-row conversion: for
    columns the drivers return as they are (integers, strings) over a province's millions of rows."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        yield cursor.cursor


def _person_histories(
    who: Callable[[str], Q], year: int, as_of: datetime.date, interned: _Interned
) -> tuple[dict[int, tuple[YearRecord, ...]], dict[int, tuple[rules.Discipline, ...]], dict[int, list[str]]]:
    """Every person's records up to ``year`` (as known on ``as_of``) for the people ``who`` selects, read in one
    pass per table; their disciplines and the holds active on ``as_of``.

    Title codes are gathered by (person, year) first, and the rarer facts (forms, leave, initiatives) beside
    them; the rating rows, in person and year order, then become records, shared through ``interned`` when
    they are alike (no leave, no initiative)."""
    titles: dict[int, tuple[str, ...]] = {}  # by person-year key (_YEAR_KEY)
    forms: dict[int, tuple[str, ...]] = {}
    title_kind = AwardKind.TITLE.value
    with _cursor_rows(
        in_force_records(as_of)
        .filter(who("person_id"), year__lte=year)
        .order_by()
        .annotate(key=_YEAR_KEY)
        .values_list("key", "award_code", "award_kind")
    ) as rows:
        get = titles.get
        for key, code, kind in rows:
            if kind == title_kind:
                found = get(key)
                titles[key] = (code,) if found is None else (*found, code)
            else:
                forms[key] = (*forms.get(key, ()), code)
    leave: dict[int, dict[str, int]] = defaultdict(dict)
    for person_id, y, kind, months in Leave.objects.filter(
        who("person_year__person_id"), person_year__year__lte=year
    ).values_list("person_year__person_id", "person_year__year", "kind", "months"):
        leave[person_id * YEARS + y][kind] = months
    initiatives: dict[int, list[rules.Initiative]] = defaultdict(list)
    used = initiative_uses(who("initiative__person_id"), year, as_of)
    for pk, person_id, y, scope, kind, number, symbol in Initiative.objects.filter(
        who("person_id"), year__lte=year, decision__signed_on__lte=as_of
    ).values_list("pk", "person_id", "year", "scope", "kind", "decision__number", "decision__symbol"):
        used_for, used_year = used.get(pk, (None, None))
        initiatives[person_id * YEARS + y].append(
            rules.Initiative(
                scope=scope, kind=kind, ref=f"{number:02d}/{symbol}", used_for=used_for, used_year=used_year
            )
        )
    special = {*leave, *initiatives}  # years whose record is their own

    codes_of = interned.codes_of
    alike = interned.records
    histories: dict[int, list[YearRecord]] = {}
    current: list[YearRecord] = []
    current_id = None
    pop_titles = titles.pop
    with _cursor_rows(
        PersonYear.objects.filter(who("person_id"), year__lte=year)
        .order_by("person_id", "year")
        .annotate(key=_YEAR_KEY)
        .values_list("person_id", "key", "year", "rating", "months_worked")
    ) as rows:
        for person_id, key, y, rating, months in rows:
            if person_id != current_id:
                current = histories[person_id] = []
                current_id = person_id
            codes = pop_titles(key, None)
            other = forms.pop(key, None) if forms else None
            if special and key in special:
                current.append(
                    YearRecord(
                        year=y,
                        rating=rating or None,
                        months_worked=months,
                        leave=leave.get(key) or {},
                        titles=codes_of(codes),
                        awards=codes_of(other),
                        initiatives=tuple(initiatives.get(key, ())),
                    )
                )
                special.discard(key)
                continue
            shared = (y, rating, months, codes, other)
            record = alike.get(shared)
            if record is None:
                record = alike[shared] = YearRecord(
                    year=y,
                    rating=rating or None,
                    months_worked=months,
                    titles=codes_of(codes),
                    awards=codes_of(other),
                )
            current.append(record)
    # titles, forms or initiatives of a year with no rating row: a record of their own (not rated, no months
    # worked); leave always belongs to a rating row
    unsorted: set[int] = set()
    for key in {*titles, *forms, *(k for k in special if k in initiatives)}:
        person_id, y = divmod(key, YEARS)
        histories.setdefault(person_id, []).append(
            YearRecord(
                year=y,
                rating=None,
                months_worked=0,
                titles=codes_of(titles.get(key)),
                awards=codes_of(forms.get(key)),
                initiatives=tuple(initiatives.get(key, ())),
            )
        )
        unsorted.add(person_id)
    for person_id in unsorted:
        histories[person_id].sort(key=lambda r: r.year)
    disciplines: dict[int, list[rules.Discipline]] = defaultdict(list)
    for person_id, level, start, end in (
        Discipline.objects.filter(who("person_id"))
        .order_by("start")
        .values_list("person_id", "level", "start", "end")
    ):
        disciplines[person_id].append(rules.Discipline(level=level, start=start, end=end))
    return (
        {person_id: tuple(records) for person_id, records in histories.items()},
        {person_id: tuple(found) for person_id, found in disciplines.items()},
        _holds(who("person_id"), as_of),
    )


def _subjects(
    people: Iterable[tuple[int, str]],
    histories: dict[int, tuple[YearRecord, ...]],
    disciplines: dict[int, tuple[rules.Discipline, ...]],
    holds: dict[int, list[str]],
) -> list[Subject]:
    individual = SubjectKind.INDIVIDUAL
    no_holds: tuple[str, ...] = ()
    return [
        Subject(
            str(pk),
            individual,
            histories.get(pk, ()),
            disciplines.get(pk, ()),
            tuple(holds[pk]) if pk in holds else no_holds,
            gender or None,
        )
        for pk, gender in people
    ]


def person_subjects(
    people: Sequence[Person], year: int, as_of: datetime.date, interned: _Interned | None = None
) -> list[Subject]:
    """The engine's input for ``people`` (their history up to ``year``, as known on ``as_of``)."""
    ids = [p.pk for p in people]
    if not ids:
        return []
    found = _person_histories(_id_filter(ids), year, as_of, interned or _Interned())
    return _subjects(((p.pk, p.gender) for p in people), *found)


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


def _chunks(items: Sequence[Any], size: int | None = None) -> Iterator[Sequence[Any]]:
    size = size or CHUNK
    for start in range(0, len(items), size):
        yield items[start : start + size]


@contextmanager
def _no_gc() -> Iterator[None]:
    """No cyclic garbage collection while a chunk is built and evaluated: its hundreds of thousands of small,
    acyclic records would trigger collections that scan every live object, for nothing to free."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def evaluate_people(
    people: Sequence[Person], year: int, as_of: datetime.date, awards: Iterable[str] | None = None
) -> Iterator[tuple[str, dict[str, Status]]]:
    """Statuses for many people (a unit, a block, the province), read and evaluated chunk by chunk."""
    ruleset = rules.ruleset_for(as_of)
    wanted = list(awards) if awards is not None else None
    interned = _Interned()
    for chunk in _chunks(people):
        with _no_gc():
            found = list(
                rules.evaluate_many(
                    person_subjects(chunk, year, as_of, interned), year, as_of, ruleset=ruleset, awards=wanted
                )
            )
        yield from found


#: The statuses in the compact form workers send back (one byte per award).
_STATUSES = tuple(Status)
_STATUS_CODE = {status: code for code, status in enumerate(_STATUSES)}


def _evaluate_range(
    low: int,
    high: int,
    year: int,
    as_of: datetime.date,
    awards: list[str] | None,
    query: Any,
    interned: _Interned,
) -> list[tuple[str, dict[str, Status]]]:
    """Statuses of the people whose id is in ``low``..``high`` (and selected by ``query``, a Person queryset's
    query, if given: a query pickles to a worker without being run)."""
    selected = Person.objects.all()
    if query is not None:
        selected.query = query
    rows = list(selected.filter(pk__gte=low, pk__lte=high).order_by("pk").values_list("pk", "gender"))
    if not rows:
        return []

    def who(field: str) -> Q:
        return Q(**{f"{field}__gte": low, f"{field}__lte": high})

    with _no_gc():
        subjects = _subjects(rows, *_person_histories(who, year, as_of, interned))
        return list(
            rules.evaluate_many(subjects, year, as_of, ruleset=rules.ruleset_for(as_of), awards=awards)
        )


_worker_interned: _Interned | None = None


def _range_worker(
    task: tuple[int, int, int, datetime.date, list[str] | None, Any],
) -> tuple[list[int], tuple[str, ...], bytes]:
    """One id range in a worker process, packed: ids, the award order, one status byte per person and award."""
    global _worker_interned
    if _worker_interned is None:
        _worker_interned = _Interned()
        if connection.vendor == "postgresql":
            # The batch is already split over the machine's cores: PostgreSQL's own parallel workers for each
            # range's query would only add processes competing for them. (This process's own connection.)
            with connection.cursor() as cursor:
                cursor.execute("SET max_parallel_workers_per_gather = 0")
    found = _evaluate_range(*task, interned=_worker_interned)
    if not found:
        return [], (), b""
    order = tuple(found[0][1])
    codes = _STATUS_CODE
    packed = bytearray()
    for _, statuses in found:
        packed.extend(codes[statuses[a]] for a in order)
    return [int(pk) for pk, _ in found], order, bytes(packed)


def _can_fork() -> bool:
    """Workers read the database on their own connections: only committed data of a database they can open."""
    if connection.in_atomic_block or "fork" not in multiprocessing.get_all_start_methods():
        return False
    name = str(connection.settings_dict["NAME"])
    return not (connection.vendor == "sqlite" and (name == ":memory:" or "mode=memory" in name))


def evaluate_province(
    year: int,
    as_of: datetime.date,
    awards: Iterable[str] | None = None,
    *,
    people: Any = None,
    workers: int = 1,
) -> Iterator[tuple[str, dict[str, Status]]]:
    """Statuses for every person (or every person of ``people``, a queryset), in id order, read by id range.

    ``workers`` > 1 evaluates the ranges in that many processes, each with its own database connection; the
    results are those of the serial path, in the same order. Workers need committed data they can open
    themselves: inside a transaction, or on an in-memory SQLite database, the ranges are evaluated here.
    """
    wanted = list(awards) if awards is not None else None
    rules.ruleset_for(as_of)  # no ruleset in force: fail here, not in a worker
    selected = people if people is not None else Person.objects.all()
    query = people.query if people is not None else None
    bounds = selected.aggregate(low=Min("pk"), high=Max("pk"))
    if bounds["low"] is None:
        return
    low, high = bounds["low"], bounds["high"]
    parallel = workers > 1 and _can_fork()
    size = max(CHUNK, min(BIG_CHUNK, (high - low + 1) // (4 * workers) + 1)) if parallel else BIG_CHUNK
    ranges = [(start, min(start + size - 1, high)) for start in range(low, high + 1, size)]
    if not parallel:
        interned = _Interned()
        for start, end in ranges:
            yield from _evaluate_range(start, end, year, as_of, wanted, query, interned)
        return
    connections.close_all()  # the workers are forked: each opens its own connection, none shares ours
    context = multiprocessing.get_context("fork")
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
    try:
        tasks = [(start, end, year, as_of, wanted, query) for start, end in ranges]
        statuses = _STATUSES
        for ids, order, packed in pool.map(_range_worker, tasks):
            width = len(order)
            for i, pk in enumerate(ids):
                row = packed[i * width : (i + 1) * width]
                yield str(pk), {award: statuses[code] for award, code in zip(order, row, strict=True)}
    finally:
        pool.shutdown(cancel_futures=True)  # a caller that stops early does not wait for the other ranges


def evaluate_units(
    units: Sequence[Unit], year: int, as_of: datetime.date, awards: Iterable[str] | None = None
) -> Iterator[tuple[str, dict[str, Status]]]:
    ruleset = rules.ruleset_for(as_of)
    wanted = list(awards) if awards is not None else None
    for chunk in _chunks(units):
        yield from rules.evaluate_many(
            unit_subjects(chunk, year, as_of), year, as_of, ruleset=ruleset, awards=wanted
        )
