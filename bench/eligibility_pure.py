"""Throughput of the pure evaluator (tdkt.rules), without a database.

Builds synthetic histories in memory (ten years per person, ratings, titles, awards, initiatives, leave,
discipline and holds in plausible proportions, one collective per hundred people), then times:

* building the typed records (what a database reader will also pay);
* ``evaluate_many`` — statuses of every award for every subject (the batch path);
* ``evaluate`` — verdicts with reasons, on a sample (the path a page or ``tdkt eligibility`` uses).

It prints subjects per second and the projection for 1,000,000 people. The target for the whole batch
(database reads included) is 1,000,000 people in under 60 s on this 2-core machine, so the pure part must stay
well under that. Usage: ``python bench/eligibility_pure.py [--people 200000] [--years 10] [--seed 2025]``.
"""

from __future__ import annotations

import argparse
import datetime
import gc
import os
import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from tdkt.rules import (
    Discipline,
    Initiative,
    Members,
    Subject,
    SubjectKind,
    YearRecord,
    evaluate,
    evaluate_many,
    ruleset_for,
)

YEAR = 2025
AS_OF = datetime.date(2025, 12, 5)
LDTT, CSTDCS, CSTD_TINH = "lao_dong_tien_tien", "chien_si_thi_dua_co_so", "chien_si_thi_dua_tinh"
RATINGS = ["HTXSNV"] * 15 + ["HTTNV"] * 70 + ["HTNV"] * 12 + ["KHTNV"] * 3 + [None] * 2


def person(rng: random.Random, index: int, years: int) -> Subject:
    records = []
    chain = 0
    for y in range(YEAR - years + 1, YEAR + 1):
        if rng.random() < 0.02:
            chain = 0
            continue  # a year missing from the records
        rating = rng.choice(RATINGS)
        initiatives: tuple[Initiative, ...] = ()
        if rng.random() < 0.12:
            initiatives = (Initiative(scope="provincial" if rng.random() < 0.1 else "grassroots"),)
        leave = {"maternity": 6} if rng.random() < 0.02 else ({"sick": 4} if rng.random() < 0.01 else {})
        months = 12 - sum(leave.values())
        titles: set[str] = set()
        awards: set[str] = set()
        if y < YEAR and rating in ("HTXSNV", "HTTNV"):
            titles.add(LDTT)
            if rating == "HTXSNV" or initiatives:
                titles.add(CSTDCS)
                chain += 1
                if chain == 3 and rng.random() < 0.3:
                    titles.add(CSTD_TINH)
                    chain = 0
            else:
                chain = 0
            if rng.random() < 0.04:
                awards.add("bang_khen_tinh")
            elif rng.random() < 0.005:
                awards.add("bang_khen_thu_tuong")
        records.append(
            YearRecord(
                year=y,
                rating=rating,
                months_worked=months,
                leave=leave,
                titles=frozenset(titles),
                awards=frozenset(awards),
                initiatives=initiatives,
            )
        )
    disciplines: tuple[Discipline, ...] = ()
    if rng.random() < 0.01:
        start = datetime.date(rng.randint(YEAR - years + 1, YEAR), rng.randint(1, 12), 1)
        disciplines = (Discipline("reprimand", start, start + datetime.timedelta(days=182)),)
    holds = ("under_investigation",) if rng.random() < 0.002 else ()
    return Subject(f"p{index}", SubjectKind.INDIVIDUAL, tuple(records), disciplines, holds)


def collective(rng: random.Random, index: int, years: int) -> Subject:
    records = []
    for y in range(YEAR - years + 1, YEAR + 1):
        total = rng.randint(5, 60)
        ldtt = rng.randint(total // 2, total)
        records.append(
            YearRecord(
                year=y,
                rating=rng.choice(["HTXSNV", "HTTNV", "HTTNV", "HTNV"]),
                members=Members(
                    total, total - rng.randint(0, 1), ldtt, rng.randint(0, 3), rng.randint(0, 1) // 1
                ),
                leads_block=rng.random() < 0.1 if y == YEAR else None,
                titles=frozenset({"tap_the_lao_dong_tien_tien"})
                if y < YEAR and ldtt * 10 >= total * 7
                else frozenset(),
            )
        )
    return Subject(f"u{index}", SubjectKind.COLLECTIVE, tuple(records))


class Clock:
    """Wall and CPU seconds: the machine is shared, so CPU time is the figure that compares across runs."""

    def __enter__(self) -> Clock:
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall, self.cpu = time.perf_counter() - self.wall, time.process_time() - self.cpu


def line(label: str, clock: Clock, count: int, extra: str = "") -> str:
    project = 1_000_000 / count * clock.cpu
    return (
        f"  {label:<20} {clock.wall:7.2f} s wall {clock.cpu:7.2f} s CPU   {count / clock.cpu:>9,.0f} subjects/CPU-s"
        f"   1,000,000: {project:5.1f} CPU-s{extra}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=200_000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--sample", type=int, default=20_000, help="subjects explained with reasons")
    parser.add_argument(
        "--gc", choices=["on", "off"], default="off", help="pause the cyclic GC while building"
    )
    args = parser.parse_args()
    rng = random.Random(args.seed)
    ruleset = ruleset_for(AS_OF)

    # The synthetic facts are drawn first; building the typed records from them is what a database reader pays.
    with Clock() as drawn:
        subjects = [
            collective(rng, i, args.years) if i % 100 == 99 else person(rng, i, args.years)
            for i in range(args.people)
        ]
    rows = sum(len(s.history) for s in subjects)
    raw = [
        (
            s.id,
            s.kind,
            [
                (
                    r.year,
                    r.rating,
                    r.months_worked,
                    r.leave,
                    r.titles,
                    r.awards,
                    r.initiatives,
                    r.members,
                    r.leads_block,
                )
                for r in s.history
            ],
            s.disciplines,
            s.holds,
        )
        for s in subjects
    ]
    del subjects
    # Millions of live objects make the cyclic garbage collector rescan them again and again; records hold no
    # cycles, so a bulk loader should pause it (the awards app's batch does the same).
    if args.gc == "off":
        gc.disable()
    with Clock() as built:
        subjects = [
            Subject(sid, kind, tuple([YearRecord(*r) for r in records]), disciplines, holds)
            for sid, kind, records, disciplines, holds in raw
        ]
    del raw
    if args.gc == "off":
        gc.freeze()  # the records are long-lived: move them out of the collector's sight
        gc.enable()

    list(
        evaluate_many(subjects[:100], YEAR, AS_OF, ruleset=ruleset)
    )  # compile the ruleset outside the timing
    counts: Counter[str] = Counter()
    with Clock() as batch:
        for _, statuses in evaluate_many(subjects, YEAR, AS_OF, ruleset=ruleset):
            counts.update(statuses.values())

    sample = subjects[: args.sample]
    with Clock() as explained:
        reasons = sum(
            len(v.reasons) for s in sample for v in evaluate(s, YEAR, AS_OF, ruleset=ruleset).verdicts
        )

    print(
        f"tdkt.rules, {ruleset.id}: {args.people:,} subjects, {rows:,} yearly records, Python {sys.version.split()[0]}"
    )
    print(
        f"  (drawing the synthetic facts took {drawn.wall:.1f} s; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)"
    )
    print(line("build records", built, args.people))
    print(line("evaluate_many", batch, args.people, f"   ({len(ruleset.order)} awards, statuses only)"))
    print(line("evaluate + reasons", explained, len(sample), f"   ({reasons:,} reasons)"))
    total = sum(counts.values())
    print("  verdicts: " + ", ".join(f"{k} {v / total:.1%}" for k, v in sorted(counts.items())))


if __name__ == "__main__":
    main()
