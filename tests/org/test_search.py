"""The province-wide name search returns exactly what a plain scan would, in Vietnamese order."""

from __future__ import annotations

import random
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tdkt import vn
from tdkt.demo.generate import generate
from tdkt.org.models import NameWord, Person, PersonNameWord, Unit
from tdkt.org.search import (
    MAX_EXPANSIONS,
    query_words,
    rebuild_name_index,
    refresh_word_counts,
    search_people_in,
)

pytestmark = pytest.mark.django_db


def reference(query: str, limit: int = 20) -> list[int]:
    """The answer by brute force: every query word starts some word of the name; order by collation key, id."""
    words = query_words(query)
    if not words:
        return []
    rows = Person.objects.values_list("pk", "name_search", "name_sort")
    hits = [
        (name_sort, pk)
        for pk, name_search, name_sort in rows
        if all(any(w.startswith(q) for w in name_search.split()) for q in words)
    ]
    return [pk for _, pk in sorted(hits)[:limit]]


def found(query: str, limit: int = 20) -> list[int]:
    return [p.pk for p in search_people_in(Person.objects.all(), query, limit, province_wide=True)]


@pytest.fixture
def province(db):
    generate(people=600, years=2, seed=7, units=5)
    return Person.objects.all()


def queries_from_names(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    names = [vn.fold(n).split() for n in Person.objects.values_list("full_name", flat=True)]
    queries = ["a", "n", "th", "ng", "nguyen", "thi", "van", "qz", "nguyen qz", "xx yy", "", "   "]
    for _ in range(count):
        words = rng.choice(names)
        kind = rng.randrange(5)
        if kind == 0:
            queries.append(" ".join(words))
        elif kind == 1:
            queries.append(f"{words[0]} {words[-1]}")
        elif kind == 2:
            queries.append(words[-1][: rng.randint(1, len(words[-1]))])
        elif kind == 3:
            queries.append(
                " ".join(w[: rng.randint(1, len(w))] for w in rng.sample(words, min(2, len(words))))
            )
        else:
            queries.append(f"{words[-1]} {rng.choice(names)[0]}")  # two common words, maybe never together
    return queries


@pytest.mark.parametrize("limit", [1, 7, 20])
def test_every_query_matches_the_plain_scan(province, limit):
    for query in queries_from_names(limit, 80):
        assert found(query, limit) == reference(query, limit), query


def test_short_prefixes_that_expand_to_many_words_still_answer_right(province):
    expansions = {w: NameWord.objects.filter(word__startswith=w).count() for w in "abcdefghiklmnopqrstuvxy"}
    # The province is big enough that some letter starts more words than the postings walk takes on.
    assert max(expansions.values()) > MAX_EXPANSIONS
    for query in expansions:
        assert found(query) == reference(query)
        assert found(query + " " + query) == reference(query + " " + query)


def test_a_renamed_person_is_found_by_the_new_name_only(province, world):
    person = world.person_a
    assert person.pk in found("dang tuyet")
    person.full_name = "Hoàng Văn Khải"
    person.save()
    assert person.pk not in found("dang tuyet")
    assert person.pk in found("hoang khai")
    assert found("khai hoang") == reference("khai hoang")


def test_a_word_nobody_had_is_found_before_the_counts_are_refreshed(province, world):
    person = Person.objects.create(unit=world.unit_a, full_name="Lò Thị Xuyến", gender="female")
    assert NameWord.objects.get(word="xuyen").people == 0
    assert found("xuyen") == [person.pk]
    assert found("lo xuy") == [person.pk]
    refresh_word_counts()
    assert NameWord.objects.get(word="xuyen").people == 1


def test_deleting_a_person_drops_the_postings(province, world):
    person = Person.objects.create(unit=world.unit_a, full_name="Lò Thị Xuyến", gender="female")
    person.delete()
    assert not PersonNameWord.objects.filter(person_id=person.pk).exists()
    assert found("xuyen") == []
    refresh_word_counts()
    assert not NameWord.objects.filter(word="xuyen").exists()


def test_counts_and_rebuild_agree_with_the_people(province):
    refresh_word_counts()
    expected: dict[str, int] = {}
    for name_search in Person.objects.values_list("name_search", flat=True):
        for word in set(name_search.split()):
            expected[word] = expected.get(word, 0) + 1
    assert dict(NameWord.objects.values_list("word", "people")) == expected
    before = {q: found(q) for q in queries_from_names(3, 20)}
    PersonNameWord.objects.filter(word="thi").delete()  # damage, as a raw SQL edit might
    assert rebuild_name_index(batch=97) == Person.objects.count()
    assert dict(NameWord.objects.values_list("word", "people")) == expected
    assert {q: found(q) for q in before} == before


def test_a_search_costs_a_few_queries(province):
    with CaptureQueriesContext(connection) as queries:
        found("nguyen thi anh")
    assert len(queries) <= 5  # one dictionary look-up per word, the walk, the people


def test_a_unit_scoped_search_never_uses_other_units_people(province):
    unit = Unit.objects.filter(people__isnull=False).order_by("pk").first()
    scoped = Person.objects.filter(unit=unit)
    for query in queries_from_names(11, 30):
        got = [p.pk for p in search_people_in(scoped, query, 20, province_wide=False)]
        expected = [pk for pk in reference(query, 10_000) if scoped.filter(pk=pk).exists()][:20]
        assert got == expected, query


def test_the_reindex_command_repairs_the_postings(province):
    before = found("nguyen thi")
    PersonNameWord.objects.filter(word__in=["nguyen", "thi"]).delete()
    assert found("nguyen thi") != before
    out = StringIO()
    call_command("reindex_names", stdout=out)
    assert found("nguyen thi") == before
    assert "600" in out.getvalue().replace(".", "")
    NameWord.objects.update(people=0)
    call_command("reindex_names", "--counts-only", stdout=out)
    assert NameWord.objects.get(word="nguyen").people == len(reference("nguyen", 10_000))
