"""Name search without diacritics over a province's people, fast on both databases.

Semantics: every word of the query starts a word of the name ("dang tuyet" finds "Đặng Thị Ánh Tuyết"); results
are the first matches in Vietnamese order by tên, họ, đệm.

Plan. A user scoped to one unit searches that unit's rows through the (unit, name_sort) index: a unit has at most
a few thousand people. A province-wide search uses the word postings (``PersonNameWord``: one row per word of
each name, indexed by word then collation key):

1. each query word is expanded through the dictionary of name words (``NameWord``) to the words it starts;
   a query word that starts no word means no result, at once;
2. the query word with the fewest people (the dictionary keeps approximate counts) drives: for each of its
   expansions the index is walked in Vietnamese order, keeping the postings whose name also has the other query
   words (checked on the posting's copy of the search key), and stopping after ``limit`` of them;
3. the walks are merged (a person found by two expansions counts once) and the first ``limit`` kept.

A walk touches about ``limit`` ÷ (share of the driver's people that also match the other words) index entries, so
it is short unless the other words are common in general but rare beside the driver. A one- or two-letter query
that expands to many words walks the people's own (name_sort, name_search) index instead, where such prefixes are
dense.

The postings are kept in step by ``Person.save`` and by bulk loaders through ``index_names``; a person deleted
takes its postings along (foreign key cascade).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from tdkt import vn
from tdkt.core.rules import is_council_member, is_system_admin
from tdkt.org.models import NameWord, Person, PersonNameWord

# A driver word expanding to more words than this walks the people's own index instead (dense short prefixes).
MAX_EXPANSIONS = 16


def query_words(query: str) -> list[str]:
    """The folded, distinct words of a query, longest first (a longer word is the more selective filter)."""
    return sorted(set(vn.fold(query).split()), key=lambda word: (-len(word), word))


def word_prefix_filter(field: str, query: str) -> Q:
    """Each folded query word must start a word of ``field`` (a key stored with a leading space)."""
    words = query_words(query)
    if not words:
        return Q(pk__in=[])
    condition = Q()
    for word in words:
        condition &= Q(**{f"{field}__contains": " " + word})
    return condition


def name_words(name_search: str) -> list[str]:
    return sorted(set(name_search.split()))


def index_names(people: Sequence[Person], *, replace: bool = True) -> None:
    """Write the word postings of saved people (and any new dictionary words); ``replace`` drops the old ones."""
    if not people:
        return
    with transaction.atomic():
        if replace:
            PersonNameWord.objects.filter(person__in=[p.pk for p in people]).delete()
        postings = [
            PersonNameWord(person_id=p.pk, word=word, name_sort=p.name_sort, name_search=p.name_search)
            for p in people
            for word in name_words(p.name_search)
        ]
        PersonNameWord.objects.bulk_create(postings, batch_size=2000)
        words = {posting.word for posting in postings}
        known = set(NameWord.objects.filter(word__in=words).values_list("word", flat=True))
        # A new word starts at zero: the rarest, which it is until the counts are refreshed.
        NameWord.objects.bulk_create(
            [NameWord(word=word) for word in sorted(words - known)], ignore_conflicts=True
        )


def refresh_word_counts() -> None:
    """Recount the people carrying each dictionary word (after bulk loads; the search only uses it to plan)."""
    with transaction.atomic():
        counted = (
            PersonNameWord.objects.filter(word=OuterRef("word"))
            .order_by()
            .values("word")
            .annotate(n=Count("*"))
            .values("n")
        )
        NameWord.objects.update(people=Coalesce(Subquery(counted), 0))
        NameWord.objects.filter(people=0).delete()  # no posting carries it any more


def rebuild_name_index(batch: int = 5000) -> int:
    """Rebuild every posting and the dictionary from the people (recovery, or after raw SQL edits)."""
    with transaction.atomic():
        PersonNameWord.objects.all().delete()
        NameWord.objects.all().delete()
        done = 0
        last = 0
        while True:
            chunk = list(
                Person.objects.filter(pk__gt=last)
                .order_by("pk")
                .only("pk", "name_search", "name_sort")[:batch]
            )
            if not chunk:
                break
            index_names(chunk, replace=False)
            done += len(chunk)
            last = chunk[-1].pk
        refresh_word_counts()
    return done


@dataclass(frozen=True)
class _Expansion:
    word: str
    words: tuple[str, ...]
    people: int


def _expand(words: Iterable[str]) -> list[_Expansion]:
    expansions = []
    for word in words:
        rows = list(NameWord.objects.filter(word__startswith=word).values_list("word", "people"))
        expansions.append(_Expansion(word, tuple(w for w, _ in rows), sum(n for _, n in rows)))
    return expansions


def _walk_postings(driver: _Expansion, others: Sequence[str], limit: int) -> list[int]:
    """Merge one ordered, filtered, limited walk of the postings per expansion of the driver word."""
    table = connection.ops.quote_name(PersonNameWord._meta.db_table)
    like = "name_search LIKE %s ESCAPE '\\'"
    conditions = "".join(f" AND {like}" for _ in others)
    patterns = ["% " + connection.ops.prep_for_like_query(word) + "%" for word in others]
    part = (
        f"SELECT * FROM (SELECT person_id, name_sort FROM {table} WHERE word = %s{conditions} "
        f"ORDER BY name_sort, person_id LIMIT %s) AS w{{n}}"
    )
    sql = " UNION ".join(part.format(n=n) for n in range(len(driver.words)))
    sql = f"SELECT person_id FROM ({sql}) AS found ORDER BY name_sort, person_id LIMIT %s"
    params: list[Any] = []
    for word in driver.words:
        params += [word, *patterns, limit]
    params.append(limit)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def _province_ids(people: QuerySet[Person], query: str, limit: int) -> list[int]:
    expansions = _expand(query_words(query))
    if not expansions or any(not e.words for e in expansions):
        return []
    walkable = [e for e in expansions if len(e.words) <= MAX_EXPANSIONS]
    if not walkable:
        ordered = people.filter(word_prefix_filter("name_search", query)).order_by("name_sort", "pk")
        return list(ordered.values_list("pk", flat=True)[:limit])
    driver = min(walkable, key=lambda e: (e.people, len(e.words)))
    others = [e.word for e in expansions if e is not driver]
    return _walk_postings(driver, others, limit)


def search_people_in(
    people: QuerySet[Person], query: str, limit: int, *, province_wide: bool
) -> list[Person]:
    """The first ``limit`` people of ``people`` whose names match ``query``, in Vietnamese order.

    ``province_wide`` says that ``people`` is every person of the province (no filter to respect).
    """
    if province_wide:
        ids = _province_ids(people, query, limit)
    else:
        # Pick the ids on the person table alone: a join (e.g. the unit, for display) would let SQLite's planner
        # start from the other table and sort every match instead of walking the sorted index.
        ordered = people.filter(word_prefix_filter("name_search", query)).order_by("name_sort", "pk")
        ids = list(ordered.values_list("pk", flat=True)[:limit])
    found = people.in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def is_province_wide(user: Any) -> bool:
    """Whether the user's visible people are the whole province (no unit filter narrows the search)."""
    return bool(is_system_admin(user) or is_council_member(user))
