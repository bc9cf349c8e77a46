"""Time the name search (``tdkt.org.queries.search_people``) over a generated province.

Queries are drawn, reproducibly, from the names in the database and typed the way users type them: without
diacritics, whole or in part. Reports p50/p95/max per kind of query and overall, and the ratio to the target.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tdkt.settings")

import django

django.setup()

from tdkt import vn  # noqa: E402
from tdkt.accounts.models import User  # noqa: E402
from tdkt.core.enums import Role  # noqa: E402
from tdkt.org.models import Person, Unit  # noqa: E402
from tdkt.org.queries import search_people  # noqa: E402

TARGET_P95_MS = 10.0


def _user(username: str, role: str, unit: Unit | None) -> User:
    user, _ = User.objects.get_or_create(username=username, defaults={"role": role, "unit": unit})
    return user


def _queries(rng: random.Random, count: int) -> list[tuple[str, str]]:
    max_id = Person.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    names = []
    while len(names) < count:
        picked = (
            Person.objects.filter(pk__gte=rng.randint(1, max_id))
            .order_by("pk")
            .values_list("full_name", flat=True)
            .first()
        )
        if picked:
            names.append(vn.fold(picked).split())
    queries = []
    for words in names:
        roll = rng.random()
        if roll < 0.4:
            queries.append(("họ tên đầy đủ", " ".join(words)))
        elif roll < 0.6:
            queries.append(("họ + tên", f"{words[0]} {words[-1]}"))
        elif roll < 0.8:
            queries.append(("tên, gõ dở", words[-1][: max(2, len(words[-1]) - 1)]))
        elif roll < 0.9:
            queries.append(("chỉ họ", words[0]))
        else:
            queries.append(("không có", f"{words[-1]}x qz"))
    return queries


def _ms(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def measure(user: User, queries: list[tuple[str, str]]) -> dict[str, list[float]]:
    timings: dict[str, list[float]] = {}
    for _, query in queries[:20]:  # warm caches
        search_people(user, query)
    for kind, query in queries:
        started = time.perf_counter()
        search_people(user, query)
        timings.setdefault(kind, []).append(time.perf_counter() - started)
    return timings


def report(label: str, timings: dict[str, list[float]]) -> None:
    everything = [t for values in timings.values() for t in values]
    for kind, values in sorted(timings.items()):
        print(
            f"  {kind:<16} n={len(values):<4} p50={_ms(values, 0.5):6.2f} ms  p95={_ms(values, 0.95):6.2f} ms  "
            f"max={max(values) * 1000:7.2f} ms"
        )
    p95 = _ms(everything, 0.95)
    print(
        f"  {'TẤT CẢ':<16} n={len(everything):<4} p50={_ms(everything, 0.5):6.2f} ms  p95={p95:6.2f} ms  "
        f"mean={statistics.mean(everything) * 1000:.2f} ms  → p95/mục tiêu {TARGET_P95_MS:.0f} ms = "
        f"{p95 / TARGET_P95_MS:.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--queries", type=int, default=400)
    parser.add_argument("--label", default="")
    parser.add_argument("--count-only", action="store_true")
    args = parser.parse_args()
    if args.count_only:
        print(Person.objects.count())
        return
    rng = random.Random(2020)
    people = Person.objects.count()
    queries = _queries(rng, args.queries)
    busiest = Unit.objects.order_by("-pk").first()
    admin = _user("bench-admin", Role.SYSTEM_ADMIN, None)
    officer = _user("bench-officer", Role.UNIT_OFFICER, busiest)
    print(f"== search_names [{args.label}] {people:,} người, {len(queries)} truy vấn ==")
    print(" Phòng TĐKT (toàn tỉnh):")
    report(args.label, measure(admin, queries))
    print(f" Cán bộ đơn vị ({busiest.people.count():,} người trong đơn vị):")
    report(args.label, measure(officer, queries))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
