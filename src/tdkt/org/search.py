"""Name search without diacritics over a province's people, fast on both databases.

Semantics: every word of the query starts a word of the name ("dang tuyet" finds "Đặng Thị Ánh Tuyết"); results
are the first matches in Vietnamese order by tên, họ, đệm.

Plan: a user scoped to one unit searches that unit's rows through the (unit, name_sort) index. A province-wide
search on PostgreSQL is left to the planner, which has a pg_trgm GIN index for rare words and the name_sort
b-tree for common ones. SQLite has no such planner help, so a province-wide search there first asks the FTS5
index (migration org 0002) for the matching ids; when there are few, it sorts just those; when there are many
(a common word such as "nguyen"), walking the name_sort index finds the first matches after a few rows.
"""

from __future__ import annotations

import re
from typing import Any

from django.db import connection
from django.db.models import Q, QuerySet

from tdkt import vn
from tdkt.core.rules import is_council_member, is_system_admin
from tdkt.org.models import Person

# Above this many candidates, walking the sorted index is cheaper than sorting the candidates.
FTS_CANDIDATE_CAP = 2000


def word_prefix_filter(field: str, query: str) -> Q:
    """Each folded query word must start a word of ``field`` (a key stored with a leading space)."""
    words = vn.fold(query).split()
    if not words:
        return Q(pk__in=[])
    condition = Q()
    for word in words:
        condition &= Q(**{f"{field}__contains": " " + word})
    return condition


def _fts_candidates(query: str) -> list[int] | None:
    """Ids whose name matches every word prefix, or None when there are more than the cap."""
    tokens = re.findall(r"[a-z0-9]+", vn.fold(query))
    if not tokens:
        return []
    match = " ".join(f'"{token}"*' for token in tokens)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rowid FROM org_person_fts WHERE org_person_fts MATCH %s LIMIT %s",
            [match, FTS_CANDIDATE_CAP + 1],
        )
        ids = [row[0] for row in cursor.fetchall()]
    return None if len(ids) > FTS_CANDIDATE_CAP else ids


def search_people_in(
    people: QuerySet[Person], query: str, limit: int, *, province_wide: bool
) -> list[Person]:
    """The first ``limit`` people of ``people`` whose names match ``query``, in Vietnamese order."""
    condition = word_prefix_filter("name_search", query)
    ordered = people.filter(condition).order_by("name_sort", "pk")
    if province_wide and connection.vendor == "sqlite":
        candidates = _fts_candidates(query)
        if candidates is not None:
            ordered = ordered.filter(pk__in=candidates)
    # Pick the ids on the person table alone: a join (e.g. the unit, for display) would let SQLite's planner
    # start from the other table and sort every match instead of walking the sorted index.
    ids = list(ordered.values_list("pk", flat=True)[:limit])
    found = people.in_bulk(ids)
    return [found[pk] for pk in ids]


def is_province_wide(user: Any) -> bool:
    """Whether the user's visible people are the whole province (no unit filter narrows the search)."""
    return bool(is_system_admin(user) or is_council_member(user))
