"""`tdkt render-samples`: every document type from the demo (loaded when the database is empty)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management import call_command


def test_render_samples_from_the_demo(db: Any, tmp_path: Path, settings: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    out = tmp_path / "mau"
    call_command("render_samples", str(out))
    names = sorted(p.name for p in out.iterdir())
    stems = {n.rsplit(".", 1)[0] for n in names if n.endswith(".docx")}
    assert stems == {
        "01-giao-uoc-thi-dua",
        "02-giay-moi-hoi-nghi",
        "03-bao-cao-so-ket",
        "04-bien-ban-hoi-nghi",
        "05-bien-ban-kiem-phieu",
        "06-to-trinh-khen-thuong",
        "07-quyet-dinh-khen-thuong",
        "10-bao-cao-thanh-tich-ca-nhan",
        "11-bao-cao-thanh-tich-tap-the",
    }
    assert {f"{s}.pdf" for s in stems} <= set(names)
    assert "08-bang-khen.pdf" in names and "09-bang-khen-in-phoi.pdf" in names
    assert all((out / n).stat().st_size > 1000 for n in names)
    assert not [n for n in names if n.endswith(".part")]
