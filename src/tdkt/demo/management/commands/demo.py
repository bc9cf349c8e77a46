"""``tdkt demo``: load the demo (first time) or reset it (``--reset``), then print the demo accounts."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from tdkt.demo.world import DemoSummary, demo_loaded, load_demo, reset_demo


class Command(BaseCommand):
    help = "Nạp (hoặc nạp lại với --reset) dữ liệu mẫu: tỉnh Vân Lĩnh hư cấu và Khối thi đua của bài báo gốc."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--reset", action="store_true", help="Xóa toàn bộ dữ liệu rồi nạp lại.")
        parser.add_argument(
            "--if-empty", action="store_true", help="Chỉ nạp khi cơ sở dữ liệu chưa có dữ liệu mẫu."
        )
        parser.add_argument("--people", type=int, default=300, help="Số cá nhân sinh thêm (mặc định 300).")
        parser.add_argument("--seed", type=int, default=2020)

    def handle(self, *args: Any, **options: Any) -> None:
        if demo_loaded() and not options["reset"]:
            if options["if_empty"]:
                self.stdout.write("Dữ liệu mẫu đã có sẵn.")
                self.stdout.write(accounts_text(None))
                return
            self.stderr.write("Dữ liệu mẫu đã có; dùng 'tdkt demo --reset' để nạp lại (xóa toàn bộ dữ liệu).")
            raise SystemExit(2)
        kwargs = {"people": options["people"], "seed": options["seed"]}
        summary = reset_demo(**kwargs) if options["reset"] else load_demo(**kwargs)
        self.stdout.write(
            self.style.SUCCESS(f"Đã nạp dữ liệu mẫu: {summary.province}, {summary.people} cá nhân.")
        )
        self.stdout.write(accounts_text(summary))


def accounts_text(summary: DemoSummary | None) -> str:
    from tdkt.accounts.models import User

    lines = [
        "",
        "Tài khoản mẫu (CHỈ DÙNG THỬ — không dùng khi chạy thật), mật khẩu chung: "
        + settings.TDKT_DEMO_PASSWORD,
    ]
    if summary is not None:
        rows = [(a.username, a.role, a.unit, a.note) for a in summary.accounts]
    else:
        users = User.objects.select_related("unit").order_by("pk")
        rows = [(u.username, u.get_role_display(), u.unit.display_name if u.unit else "", "") for u in users]
    width = max(len(r[0]) for r in rows) if rows else 10
    lines += [
        f"  {u.ljust(width)}  {role} — {unit}{' (' + note + ')' if note else ''}"
        for u, role, unit, note in rows
    ]
    return "\n".join(lines)
