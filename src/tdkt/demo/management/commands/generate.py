"""``tdkt generate --people N --years Y [--seed S]``: a synthetic province for scale tests."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tdkt.demo.generate import generate


class Command(BaseCommand):
    help = "Sinh một tỉnh tổng hợp: tên người Việt thực tế và quá trình công tác, tái lập được với --seed."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--people", type=int, required=True)
        parser.add_argument("--years", type=int, default=10)
        parser.add_argument("--seed", type=int, default=2020)
        parser.add_argument(
            "--units", type=int, default=None, help="Số đơn vị (mặc định: người/100, tối đa 500)."
        )
        parser.add_argument("--last-year", type=int, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["people"] < 1 or options["people"] > 10_000_000:
            raise CommandError("--people phải từ 1 đến 10.000.000.")
        if not 1 <= options["years"] <= 50:
            raise CommandError("--years phải từ 1 đến 50.")
        started = time.perf_counter()
        verbosity = options["verbosity"]

        def progress(done: int) -> None:
            if verbosity > 1 or (verbosity == 1 and done % 100_000 == 0):
                self.stdout.write(f"  {done:,} người ({time.perf_counter() - started:.0f} s)")

        result = generate(
            people=options["people"],
            years=options["years"],
            seed=options["seed"],
            units=options["units"],
            last_year=options["last_year"],
            progress=progress,
        )
        self.stdout.write(
            f"Đã sinh {result.people:,} cá nhân, {result.positions:,} chức vụ, {result.history_rows:,} dòng lịch sử "
            f"thi đua, khen thưởng trong {result.units} đơn vị "
            f"({time.perf_counter() - started:.1f} s)."
        )
