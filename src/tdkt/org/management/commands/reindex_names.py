"""Rebuild the name-search postings from the people (or just recount the dictionary's words)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tdkt.org.search import rebuild_name_index, refresh_word_counts


class Command(BaseCommand):
    help = "Dựng lại chỉ mục tìm kiếm theo tên (hoặc chỉ đếm lại số người mang mỗi từ)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--counts-only", action="store_true", help="Chỉ đếm lại, không dựng lại chỉ mục.")

    def handle(self, *args: Any, counts_only: bool = False, **options: Any) -> None:
        if counts_only:
            refresh_word_counts()
            self.stdout.write("Đã đếm lại số người mang mỗi từ trong tên.")
            return
        people = rebuild_name_index()
        self.stdout.write(f"Đã dựng lại chỉ mục tên của {people:,} người.".replace(",", "."))
