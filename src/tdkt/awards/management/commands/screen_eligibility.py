"""``tdkt screen-eligibility --year Y``: year-end screening of the province, a block or a unit.

Prints the number of people per award and status; ``--output FILE.csv`` also writes one row per person and award
found eligible or needing review (UTF-8 with a byte order mark, so that Excel reads the Vietnamese). Invalid
input stops the command with one line on standard error and a non-zero exit code.
"""

from __future__ import annotations

import csv
import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from tdkt import rules, vn
from tdkt.awards.screening import (
    individual_awards,
    people_of_block,
    people_of_province,
    people_of_unit,
    screen,
    sorted_found,
)
from tdkt.org.models import EmulationBlock, Person, Unit
from tdkt.rules import Status
from tdkt.rules.codes import STATUS_NAMES


class Command(BaseCommand):
    help = (
        "Rà soát điều kiện khen thưởng cá nhân cuối năm (toàn tỉnh, một khối, cụm hoặc một đơn vị): in số người "
        "theo từng danh hiệu, hình thức và kết quả; --output ghi danh sách người đủ điều kiện hoặc cần xem xét "
        "ra tệp CSV."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, required=True, help="Năm xét.")
        parser.add_argument("--as-of", help="Ngày tính đến, dạng YYYY-MM-DD (mặc định: hôm nay).")
        scope = parser.add_mutually_exclusive_group()
        scope.add_argument("--unit", type=int, help="Mã (id) đơn vị: chỉ người của đơn vị này.")
        scope.add_argument(
            "--block", type=int, help="Mã (id) khối, cụm: người của các đơn vị thành viên năm xét."
        )
        parser.add_argument(
            "--award",
            action="append",
            metavar="CODE",
            help="Mã danh hiệu, hình thức (lặp lại được; mặc định: mọi danh hiệu, hình thức cá nhân được tính).",
        )
        parser.add_argument(
            "--workers", type=int, default=1, help="Số tiến trình xét song song (toàn tỉnh, khối)."
        )
        parser.add_argument("--output", help="Tệp CSV ghi danh sách người đủ điều kiện hoặc cần xem xét.")

    def handle(self, *args: Any, **options: Any) -> None:
        year: int = options["year"]
        text = options["as_of"]
        try:
            as_of = datetime.date.fromisoformat(text) if text else timezone.localdate()
        except ValueError:
            raise CommandError(f"Ngày tính đến không hợp lệ: {text} (cần dạng YYYY-MM-DD)") from None
        if year > as_of.year:
            raise CommandError(f"Năm xét {year} sau năm của ngày tính đến {vn.short_date(as_of)}")
        if options["workers"] < 1:
            raise CommandError("Số tiến trình (--workers) phải từ 1 trở lên")
        try:
            known = dict(individual_awards(as_of))
        except rules.NoRulesetInForce:
            raise CommandError(f"Không có bộ quy tắc nào áp dụng vào ngày {vn.short_date(as_of)}") from None
        codes = list(dict.fromkeys(options["award"] or known))
        unknown = [code for code in codes if code not in known]
        if unknown:
            raise CommandError(
                f"Danh hiệu, hình thức không được tính cho cá nhân theo bộ quy tắc áp dụng: {', '.join(unknown)}"
            )
        if options["unit"] is not None:
            unit = Unit.objects.filter(pk=options["unit"]).first()
            if unit is None:
                raise CommandError(f"Không có đơn vị mã {options['unit']}")
            people, scope = people_of_unit(unit), unit.name
        elif options["block"] is not None:
            block = EmulationBlock.objects.filter(pk=options["block"]).first()
            if block is None:
                raise CommandError(f"Không có khối, cụm mã {options['block']}")
            people, scope = people_of_block(block, year), block.name
        else:
            people, scope = people_of_province(), "toàn tỉnh"
        result = screen(
            people, year, as_of, codes, one_unit=options["unit"] is not None, workers=options["workers"]
        )
        self.stdout.write(
            f"Rà soát điều kiện khen thưởng năm {year}, tính đến ngày {vn.short_date(as_of)} — {scope}: "
            f"{result.total} người"
        )
        for code in codes:
            counts = result.counts[code]
            parts = ", ".join(
                f"{STATUS_NAMES[status.value].lower()} {counts[status.value]}" for status in Status
            )
            self.stdout.write(f"{known[code]} ({code}): {parts}")
        if options["output"]:
            rows = self._write(options["output"], people, result, known)
            self.stdout.write(f"Đã ghi {rows} dòng vào {options['output']}")

    def _write(self, path: str, people: Any, result: Any, names: dict[str, str]) -> int:
        ids = sorted_found(people, result)
        written = 0
        try:
            with open(path, "w", encoding="utf-8-sig", newline="") as out:
                writer = csv.writer(out)
                writer.writerow(
                    ["Mã cá nhân", "Họ và tên", "Đơn vị", "Mã danh hiệu", "Danh hiệu, hình thức", "Kết quả"]
                )
                for start in range(0, len(ids), 2000):
                    chunk = ids[start : start + 2000]
                    shown = Person.objects.select_related("unit").in_bulk(chunk)
                    for pk in chunk:
                        person = shown[pk]
                        for code, status in result.found[pk]:
                            writer.writerow(
                                [
                                    pk,
                                    person.full_name,
                                    person.unit.name,
                                    code,
                                    names[code],
                                    STATUS_NAMES[status.value],
                                ]
                            )
                            written += 1
        except OSError as exc:
            raise CommandError(f"Không ghi được tệp {path}: {exc.strerror or exc}") from None
        return written
