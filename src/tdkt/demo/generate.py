"""A synthetic province: realistic Vietnamese names and dated position histories, reproducible from a seed.

Used by the demo (a few hundred people) and by benchmarks (up to millions). Rows are written with bulk_create in
batches, so the keys that ``save()`` would compute are computed here through ``refresh_keys()``.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from django.db import connection, transaction

from tdkt.demo.bulk import allocate_ids, insert_rows
from tdkt.demo.histories import generate_histories
from tdkt.demo.names import FAMILY_NAMES, GIVEN_NAMES, MIDDLE_NAMES, STAFF_TITLES
from tdkt.org.enums import Gender, PositionLevel, UnitKind
from tdkt.org.models import NameWord, Person, PersonNameWord, Position, Province, Unit
from tdkt.org.search import name_words, refresh_word_counts

BATCH = 5000
PERSON_COLUMNS = (
    "id",
    "unit_id",
    "full_name",
    "family_name",
    "middle_name",
    "given_name",
    "name_search",
    "name_sort",
    "gender",
    "date_of_birth",
)
KEYS = ("full_name", "family_name", "middle_name", "given_name", "name_search", "name_sort")


def index_new_names(people: Sequence[Person]) -> None:
    """The word postings of newly saved people and any new dictionary words: what
    ``tdkt.org.search.index_names(people, replace=False)`` writes, loaded in bulk."""
    words: set[str] = set()

    def postings() -> Iterator[tuple[int, str, str, str]]:
        for person in people:
            for word in name_words(person.name_search):
                words.add(word)
                yield person.pk, word, person.name_sort, person.name_search

    insert_rows(PersonNameWord, ("person_id", "word", "name_sort", "name_search"), postings())
    known = set(NameWord.objects.filter(word__in=words).values_list("word", flat=True))
    # A new word starts at zero, as in index_names: the counts are refreshed after the load.
    NameWord.objects.bulk_create(
        [NameWord(word=word) for word in sorted(words - known)], ignore_conflicts=True
    )


class WeightedChoice:
    """Draws from (value, weight) pairs with a given random source; cumulative weights make it O(log n)."""

    def __init__(self, pairs: Sequence[tuple[str, int]]) -> None:
        self.values = [value for value, _ in pairs]
        total = 0
        self.cumulative: list[int] = []
        for _, weight in pairs:
            total += weight
            self.cumulative.append(total)

    def __call__(self, rng: random.Random) -> str:
        return rng.choices(self.values, cum_weights=self.cumulative)[0]


_FAMILY = WeightedChoice(FAMILY_NAMES)
_MIDDLE = {gender: WeightedChoice(pairs) for gender, pairs in MIDDLE_NAMES.items()}
_GIVEN = {gender: WeightedChoice(pairs) for gender, pairs in GIVEN_NAMES.items()}
_TITLE = WeightedChoice(STAFF_TITLES)


def random_person_name(rng: random.Random, gender: str) -> str:
    return f"{_FAMILY(rng)} {_MIDDLE[gender](rng)} {_GIVEN[gender](rng)}"


def _random_date(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.date:
    return start + datetime.timedelta(days=rng.randrange(max(1, (end - start).days)))


@dataclass
class GenerationResult:
    units: int
    people: int
    positions: int
    history_rows: int = 0


# Communes and public-service units of the synthetic province, named from fictional place names.
_PLACE_WORDS = (
    "Vân",
    "Tân",
    "Bình",
    "Hòa",
    "Phú",
    "Long",
    "An",
    "Thạnh",
    "Đông",
    "Tây",
    "Nam",
    "Bắc",
    "Hưng",
    "Lộc",
    "Phước",
    "Sơn",
    "Thủy",
    "Lâm",
    "Mỹ",
    "Xuân",
    "Quảng",
    "Đức",
    "Hải",
    "Ninh",
    "Trung",
    "Thượng",
    "Hạ",
)


def ensure_units(province: Province, count: int, rng: random.Random) -> list[Unit]:
    """Return ``count`` active units of the province, adding fictional communes and schools when short."""
    units = list(Unit.objects.filter(province=province, is_active=True).order_by("pk"))
    existing_abbrs = set(Unit.objects.filter(province=province).values_list("abbreviation", flat=True))
    parent = next((u for u in units if u.kind == UnitKind.PEOPLES_COMMITTEE), None)
    new_units: list[Unit] = []
    serial = 0
    while len(units) + len(new_units) < count:
        serial += 1
        place = f"{rng.choice(_PLACE_WORDS)} {rng.choice(_PLACE_WORDS)}"
        kind = UnitKind.COMMUNE if serial % 3 else UnitKind.PUBLIC_SERVICE
        name = (
            f"Ủy ban nhân dân xã {place}"
            if kind == UnitKind.COMMUNE
            else f"Trường Trung học phổ thông {place}"
        )
        abbreviation = f"{'X' if kind == UnitKind.COMMUNE else 'THPT'}{serial:04d}"
        if abbreviation in existing_abbrs:
            continue
        unit = Unit(province=province, parent=parent, name=name, abbreviation=abbreviation, kind=kind)
        unit.refresh_keys()
        new_units.append(unit)
    Unit.objects.bulk_create(new_units, batch_size=BATCH)
    return units + new_units


def _people(
    rng: random.Random, units: list[Unit], count: int, first_year: int, last_year: int
) -> Iterator[tuple[Person, list[Position]]]:
    window_start = datetime.date(first_year, 1, 1)
    window_end = datetime.date(last_year, 12, 31)
    # The keys depend on the name only, and names repeat (a few thousand family × middle × given names are
    # drawn): split and collate each name once.
    keys: dict[str, tuple[str, ...]] = {}
    for _ in range(count):
        gender = Gender.FEMALE if rng.random() < 0.52 else Gender.MALE
        unit = rng.choice(units)
        born = _random_date(rng, datetime.date(1965, 1, 1), datetime.date(2000, 12, 31))
        person = Person(
            unit=unit,
            full_name=random_person_name(rng, gender),
            gender=gender,
            date_of_birth=born
            if rng.random() > 0.03
            else None,  # a few records lack a birth date, as in life
        )
        known = keys.get(person.full_name)
        if known is None:
            name = person.full_name
            person.refresh_keys()
            keys[name] = tuple(getattr(person, k) for k in KEYS)
        else:
            for k, value in zip(KEYS, known, strict=True):
                setattr(person, k, value)
        joined = max(
            born.replace(year=born.year + 22, day=min(born.day, 28)),
            _random_date(rng, window_start - datetime.timedelta(days=3650), window_end),
        )
        if joined > window_end:
            joined = window_end - datetime.timedelta(days=rng.randrange(30, 365))
        title = _TITLE(rng)
        positions = [Position(unit=unit, title=title, level=PositionLevel.STAFF, start_date=joined)]
        roll = rng.random()
        if roll < 0.25 and joined.year < last_year:
            # A promotion or a transfer later in the window: the first position ends the day before.
            moved = _random_date(rng, max(joined + datetime.timedelta(days=365), window_start), window_end)
            if moved > joined:
                positions[0].end_date = moved - datetime.timedelta(days=1)
                if roll < 0.05:
                    new_unit = rng.choice(units)
                    person.unit = new_unit
                    positions.append(Position(unit=new_unit, title=title, start_date=moved))
                else:
                    positions.append(
                        Position(
                            unit=unit,
                            title="Phó Trưởng phòng" if roll < 0.15 else "Chuyên viên chính",
                            level=PositionLevel.DIVISION_HEAD if roll < 0.15 else PositionLevel.STAFF,
                            start_date=moved,
                        )
                    )
        yield person, positions


def generate(
    *,
    people: int,
    years: int,
    seed: int = 2020,
    last_year: int | None = None,
    province: Province | None = None,
    units: int | None = None,
    progress: Callable[[int], None] | None = None,
    histories: bool = True,
) -> GenerationResult:
    """Add ``people`` synthetic people with ``years`` years of positions and history (ratings, leave, titles by
    their units' decisions, initiatives, some discipline: ``tdkt.demo.histories``) to the province.

    The same seed on the same database state gives the same people, names and dates. The demo passes
    ``histories=False``: its people's records come from the units' workbooks (``tdkt.demo.awards``).
    """
    # Separate streams, so that the people drawn do not depend on how many units had to be created first.
    unit_rng, people_rng = random.Random(f"{seed}:units"), random.Random(f"{seed}:people")
    last_year = last_year or datetime.date.today().year
    first_year = last_year - years + 1
    if province is None:
        province = Province.objects.order_by("pk").first()
    if province is None:
        province = Province(name="Tỉnh Vân Lĩnh", place_name="Vân Lĩnh", abbreviation="VL")
        province.save()
    wanted_units = units or max(20, min(500, people // 100))
    unit_list = ensure_units(province, wanted_units, unit_rng)
    made_people = made_positions = history_rows = 0
    # Years are rated after they end: histories run up to last year at most.
    history_to = min(last_year, datetime.date.today().year - 1)
    batch: list[tuple[Person, list[Position]]] = []

    def flush() -> None:
        nonlocal made_people, made_positions, history_rows
        with transaction.atomic():
            if connection.vendor == "postgresql":
                # Generated data can be generated again: no need to wait for each batch to reach the disk.
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL synchronous_commit TO OFF")
            created = [p for p, _ in batch]
            for person, pk in zip(created, allocate_ids(Person, len(created)), strict=True):
                person.pk = pk
            insert_rows(
                Person,
                PERSON_COLUMNS,
                (
                    (*(getattr(p, c) for c in PERSON_COLUMNS[:-2]), str(p.gender), p.date_of_birth)
                    for p in created
                ),
            )
            positions = [
                (
                    person.pk,
                    position.unit_id,
                    position.title,
                    str(position.level),
                    position.start_date,
                    position.end_date,
                )
                for person, person_positions in batch
                for position in person_positions
            ]
            insert_rows(
                Position, ("person_id", "unit_id", "title", "level", "start_date", "end_date"), positions
            )
            for person in created:
                person._state.adding = False
            index_new_names(created)
            if histories and history_to >= first_year:
                history_rows += generate_histories(created, first_year, history_to, seed)
        made_people += len(batch)
        made_positions += len(positions)
        batch.clear()
        if progress is not None:
            progress(made_people)

    if connection.vendor == "sqlite":
        # Random inserts into the name and history indexes of a file of gigabytes: a larger page cache for this
        # connection (the default is 2 MB) keeps their inner pages in memory.
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size = -262144")
    for item in _people(people_rng, unit_list, people, first_year, last_year):
        batch.append(item)
        if len(batch) >= BATCH:
            flush()
    if batch:
        flush()
    refresh_word_counts()
    return GenerationResult(
        units=len(unit_list), people=made_people, positions=made_positions, history_rows=history_rows
    )
