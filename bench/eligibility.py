"""Time batch eligibility (``tdkt.awards.eligibility.evaluate_people``) over a generated province.

Every person's statuses for every title and form of the ruleset in force, read from the history tables chunk by
chunk and evaluated by the pure engine; compared with one plain SQL scan of the same history rows (the floor any
batch that reads them must pay). Targets: 50,000 people in under 2 s; 1,000,000 in under 60 s. Measured in this
process and with worker processes (``--workers 1,2``); the machine is shared, so the load average and the CPU
seconds are printed beside the wall seconds.
"""

from __future__ import annotations

import argparse
import datetime
import gc
import os
import resource
import sys
import time
from collections import Counter

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tdkt.settings")

import django

django.setup()

from django.db import connection  # noqa: E402

from tdkt.awards.eligibility import evaluate_province  # noqa: E402
from tdkt.awards.models import AwardRecord, PersonYear  # noqa: E402
from tdkt.org.models import Person  # noqa: E402


def target_seconds(people: int) -> float:
    """The issue's targets: 2 s for a province of 50,000; 60 s for 1,000,000 (interpolated between)."""
    return 2.0 if people <= 50_000 else 60.0


def plain_scan() -> tuple[float, int]:
    """Read every history row the batch reads (years, register entries), with no evaluation."""
    started = time.perf_counter()
    rows = 0
    with connection.cursor() as cursor:
        for model, columns in (
            (PersonYear, "person_id, year, rating, months_worked"),
            (AwardRecord, "person_id, year, award_code, award_kind"),
        ):
            cursor.execute(f"SELECT {columns} FROM {model._meta.db_table}")
            while chunk := cursor.fetchmany(10_000):
                rows += len(chunk)
    return time.perf_counter() - started, rows


def measure(year: int, as_of: datetime.date, workers: int) -> tuple[float, float, int, Counter[str]]:
    """Wall and CPU seconds (this process and its workers) of the batch, people evaluated, statuses."""
    statuses: Counter[str] = Counter()
    evaluated = 0
    gc.collect()
    started, cpu = time.perf_counter(), _cpu()
    for _, verdicts in evaluate_province(year, as_of, workers=workers):
        evaluated += 1
        statuses.update(verdicts.values())
    return time.perf_counter() - started, _cpu() - cpu, evaluated, statuses


def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--label", default="")
    parser.add_argument("--year", type=int, default=datetime.date.today().year - 1)
    parser.add_argument("--count-only", action="store_true")
    parser.add_argument(
        "--workers",
        default="1,2",
        help="worker processes to measure with, comma-separated (1: in this process)",
    )
    args = parser.parse_args()
    if args.count_only:
        print(PersonYear.objects.values("person_id").distinct().count())
        return
    as_of = datetime.date(args.year + 1, 1, 20)
    scan_seconds, rows = plain_scan()
    people = Person.objects.count()
    target = target_seconds(people)
    print(f"== eligibility [{args.label}] {people:,} người, năm {args.year}, ngày xét {as_of:%d/%m/%Y} ==")
    print(f"  tải máy (uptime): {' '.join(f'{x:.2f}' for x in os.getloadavg())}; {os.cpu_count()} lõi")
    print(f"  quét SQL thuần {rows:,} dòng lịch sử: {scan_seconds:.2f} s")
    for workers in (int(w) for w in args.workers.split(",")):
        seconds, cpu, evaluated, statuses = measure(args.year, as_of, workers)
        print(
            f"  xét toàn tỉnh, {workers} tiến trình: {seconds:.2f} s (CPU {cpu:.2f} s; {evaluated / seconds:,.0f} "
            f"người/s) → gấp {seconds / scan_seconds:.1f} lần quét thuần; mục tiêu {target:.0f} s: "
            f"{seconds / target:.2f}"
        )
        print("    " + ", ".join(f"{status}: {count:,}" for status, count in sorted(statuses.items())))
        sys.stdout.flush()
    print(f"  tải máy sau khi đo: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
