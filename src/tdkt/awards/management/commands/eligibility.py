"""``tdkt eligibility --input FILE.json``: verdicts with reasons, as JSON on standard output.

The input and output formats are in docs/eligibility-json.md. Invalid input stops the command with one line on
standard error naming the problem, and a non-zero exit code.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tdkt.rules import RulesetError, evaluate
from tdkt.rules.jsonio import InputError, parse_request_text, verdicts_json


class Command(BaseCommand):
    help = (
        "Xét điều kiện danh hiệu thi đua, hình thức khen thưởng cho các đối tượng trong tệp JSON; in kết luận và "
        "lý do (kèm căn cứ điều khoản) dưới dạng JSON (xem docs/eligibility-json.md)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--input", required=True, help="Tệp JSON đầu vào ('-' để đọc từ đầu vào chuẩn).")

    def handle(self, *args: Any, **options: Any) -> None:
        path = options["input"]
        try:
            text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            raise CommandError(f"Không đọc được tệp {path}: {reason}") from None
        try:
            request = parse_request_text(text)
        except InputError as exc:
            raise CommandError(f"Dữ liệu vào không hợp lệ: {exc}") from None
        except RulesetError as exc:
            raise CommandError(f"Bộ quy tắc không hợp lệ: {exc}") from None
        results = [
            evaluate(s, request.year, request.as_of, ruleset=request.ruleset) for s in request.subjects
        ]
        self.stdout.write(json.dumps(verdicts_json(request.ruleset, results), ensure_ascii=False, indent=2))
