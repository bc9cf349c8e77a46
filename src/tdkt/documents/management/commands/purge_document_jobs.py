"""`tdkt purge_document_jobs`: remove the batch jobs whose files have expired (TDKT_JOB_FILES_DAYS), with their
files. Run it daily (cron, a systemd timer); see docs/operations.md."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from tdkt.documents.services import purge_expired_jobs


class Command(BaseCommand):
    help = "Xóa các việc tạo văn bản hàng loạt đã hết hạn cùng tệp của chúng."

    def handle(self, *args: Any, **options: Any) -> None:
        removed = purge_expired_jobs()
        self.stdout.write(f"{removed}")
