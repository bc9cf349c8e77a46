"""``tdkt bonus --award ID --subject individual|collective|household --date YYYY-MM-DD``: a bonus amount.

Coefficient (ruleset in force on the date) × base salary in force on the date, rounded up to 10,000 đồng; printed
in figures and in words, with how it was computed and the articles it rests on.

The base salaries are the rulesets' rows plus those a system administrator added (``AddedBaseSalary``) when a
database is configured and migrated; otherwise (a fresh checkout, no database yet) the command still answers from
the rulesets' rows alone and says so on standard error.
"""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError, connection

from tdkt.awards.models import AddedBaseSalary
from tdkt.awards.salaries import added_base_salaries
from tdkt.rules import BaseSalary, NoRulesetInForce, RulesetError, compute_bonus, ruleset_for
from tdkt.rules.codes import SUBJECT_KIND_NAMES, Confidence
from tdkt.vn import amount_in_figures, amount_in_words, short_date


def _decimal(value: Decimal) -> str:
    """0.3 → "0,3"; 702000.0 → "702.000" (Vietnamese separators)."""
    if value == value.to_integral_value():
        return amount_in_figures(int(value), None)
    whole, _, fraction = f"{value:f}".partition(".")
    return f"{amount_in_figures(int(whole), None)},{fraction}"


def _added_rows() -> tuple[BaseSalary, ...] | None:
    """The base salaries added in the database, or None when there is no usable database (not created, not
    migrated, unreachable). A missing SQLite file is not created by asking."""
    name = str(settings.DATABASES["default"].get("NAME") or "")
    in_memory = name == ":memory:" or "mode=memory" in name
    if connection.vendor == "sqlite" and not in_memory and not Path(name).exists():
        return None
    try:
        if AddedBaseSalary._meta.db_table not in connection.introspection.table_names():
            return None
        return added_base_salaries()
    except DatabaseError:
        return None


class Command(BaseCommand):
    help = (
        "Tính tiền thưởng của một danh hiệu thi đua, hình thức khen thưởng: hệ số × mức lương cơ sở có hiệu lực "
        "tại ngày quyết định, làm tròn lên hàng chục nghìn đồng."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--award", required=True, help="Mã danh hiệu, hình thức, ví dụ lao_dong_tien_tien."
        )
        parser.add_argument("--subject", required=True, choices=list(SUBJECT_KIND_NAMES), help="Đối tượng.")
        parser.add_argument("--date", required=True, help="Ngày quyết định khen thưởng, YYYY-MM-DD.")
        parser.add_argument(
            "--issuer", default=None, help="Người tặng, khi bộ quy tắc phân biệt (ví dụ commune_pc_chair)."
        )
        parser.add_argument("--json", action="store_true", help="In kết quả dạng JSON.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            day = datetime.date.fromisoformat(options["date"])
        except ValueError:
            raise CommandError(f"Ngày không hợp lệ: {options['date']!r} (cần YYYY-MM-DD)") from None
        added = _added_rows()
        try:
            ruleset = ruleset_for(day)
            bonus = compute_bonus(
                options["award"],
                options["subject"],
                day,
                issuer=options["issuer"],
                ruleset=ruleset,
                extra_base_salaries=added or (),
            )
        except (NoRulesetInForce, RulesetError) as exc:
            raise CommandError(str(exc)) from None
        except KeyError as exc:
            raise CommandError(str(exc.args[0])) from None
        if added is None:
            # after the computation, so that a refused request still answers with one line
            self.stderr.write(
                "Lưu ý: chưa có cơ sở dữ liệu đã cập nhật, chỉ dùng mức lương cơ sở của bộ quy tắc "
                "(không có các mức do quản trị hệ thống thêm)."
            )
        words = amount_in_words(bonus.amount)
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {
                        "award": bonus.award,
                        "subject": bonus.subject_kind,
                        "issuer": bonus.issuer,
                        "date": day.isoformat(),
                        "ruleset": bonus.ruleset,
                        "coefficient": str(bonus.coefficient),
                        "base_salary": bonus.base_salary.amount,
                        "base_salary_from": bonus.base_salary.effective_from.isoformat(),
                        "base_salary_citation": bonus.base_salary.cited.citation,
                        "raw": str(bonus.raw),
                        "amount": bonus.amount,
                        "words": words,
                        "citations": list(bonus.citations),
                    },
                    ensure_ascii=False,
                    indent=2,
                )
            )
            return
        base = bonus.base_salary
        row = ruleset.bonus_row(bonus.award, bonus.subject_kind, bonus.issuer)
        subject = SUBJECT_KIND_NAMES[bonus.subject_kind]
        lines = [
            f"{amount_in_figures(bonus.amount)} ({words})",
            f"{bonus.award_name}, {subject}, quyết định ngày {short_date(day)}: hệ số {_decimal(bonus.coefficient)} × "
            f"mức lương cơ sở {amount_in_figures(base.amount)} (từ {short_date(base.effective_from)}) = "
            f"{_decimal(bonus.raw)} đồng, làm tròn lên hàng chục nghìn đồng: {amount_in_figures(bonus.amount)}.",
            f"Căn cứ: {row.cited.citation} (hệ số); {base.cited.citation} (mức lương cơ sở); "
            f"{ruleset.bonus_rules['base'].cited.citation}; {ruleset.bonus_rules['rounding'].cited.citation} "
            f"(làm tròn). Bộ quy tắc: {ruleset.id}.",
        ]
        unsure = [
            f"{what} ({item.citation}, mức tin cậy {item.confidence})"
            for what, item in (
                ("hệ số", row.cited),
                ("mức lương cơ sở", base.cited),
                ("nguyên tắc tính", ruleset.bonus_rules["base"].cited),
                ("làm tròn", ruleset.bonus_rules["rounding"].cited),
            )
            if item.confidence != Confidence.VERIFIED
        ]
        if unsure:
            lines.append("Lưu ý, chưa đối chiếu văn bản gốc: " + "; ".join(unsure) + ".")
        self.stdout.write("\n".join(lines))
