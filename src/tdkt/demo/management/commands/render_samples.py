"""``tdkt render-samples OUTDIR``: every document type from the demo data, as .docx and .pdf, and the demo
decision's certificates (designed and on a blank), so that anyone can look at them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from tdkt.demo.world import demo_loaded, load_demo
from tdkt.documents import render
from tdkt.documents.certificates import render_certificates
from tdkt.documents.render import write_atomically
from tdkt.documents.samples import sample_certificates, samples


class Command(BaseCommand):
    help = "Tạo văn bản mẫu của mọi loại từ dữ liệu mẫu (.docx và .pdf) vào thư mục OUTDIR."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("outdir", help="Thư mục ghi văn bản mẫu (tạo mới nếu chưa có).")

    def handle(self, *args: Any, **options: Any) -> None:
        if not demo_loaded():
            self.stdout.write("Chưa có dữ liệu mẫu: đang nạp (tdkt demo)…")
            load_demo()
        outdir = Path(options["outdir"])
        written: list[Path] = []
        try:
            for sample in samples():
                document = sample.build()
                for fmt in render.FORMATS:
                    written.append(render.write(document, outdir / f"{sample.name}.{fmt}", fmt))
            design, items = sample_certificates()
            written.append(
                write_atomically(outdir / "08-bang-khen.pdf", lambda: render_certificates(items, design))
            )
            written.append(
                write_atomically(
                    outdir / "09-bang-khen-in-phoi.pdf",
                    lambda: render_certificates(items, design, blank=True, outline=True),
                )
            )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from None
        for path in written:
            self.stdout.write(str(path))
        self.stdout.write(self.style.SUCCESS(f"Đã tạo {len(written)} tệp trong {outdir}."))
