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


def test_award_samples_come_from_the_demo_records(db: Any, tmp_path: Path, settings: Any) -> None:
    from tdkt.documents.certificates import render_certificates
    from tdkt.documents.models import CertificateCode
    from tdkt.documents.samples import demo_decision, sample_certificates, samples
    from tests.documents.conftest import pdftotext

    settings.MEDIA_ROOT = tmp_path / "media"
    from tdkt.demo.world import load_demo

    load_demo()
    real = demo_decision()
    assert real is not None  # the demo's 2025 Emulation Flag, decided on 26/12/2025
    built = {sample.name: sample.build() for sample in samples()}
    assert built["07-quyet-dinh-khen-thuong"].number_text == real.reference
    assert built["06-to-trinh-khen-thuong"].issuer.code == real.proposal.unit.abbreviation  # type: ignore[union-attr]
    assert built["05-bien-ban-kiem-phieu"].issuer.code == "HĐTĐKT"  # the council's vote on the flag
    design, items = sample_certificates()
    assert [i.recipient for i in items] == [r.subject_name for r in real.records.all()]
    code = CertificateCode.objects.get(record__decision=real).code
    assert items[0].verification_url.endswith(f"/xac-minh/{code}/")
    text = pdftotext(render_certificates(items, design), tmp_path)
    assert real.reference in text and items[0].recipient in " ".join(text.split())
