"""Certificates: one PDF for a whole list, the designed sheet and the blank (phôi) mode at calibrated offsets,
the QR code of the verification address."""

from __future__ import annotations

import datetime
import re
import subprocess
from pathlib import Path

import pytest
import segno
from django.core.exceptions import ValidationError

from tdkt.documents.certificates import (
    CertificateData,
    from_json,
    qr_matrix,
    render_certificates,
    to_json,
)
from tests.documents.conftest import deputy_chair, needs_poppler, pdftotext


def items(n: int) -> list[CertificateData]:
    return [
        CertificateData(
            recipient=f"Nguyễn Thị Ánh Tuyết {i}",
            details="Chuyên viên, Sở Nội vụ",
            achievement="Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2024",
            issuer_line="Chủ tịch Ủy ban nhân dân tỉnh Thử Nghiệm",
            decision_number="05/QĐ-UBND",
            decision_date=datetime.date(2025, 2, 3),
            place="Thử Nghiệm",
            signer=deputy_chair(),
            verification_url=f"https://tdkt.example.gov.vn/xac-minh/{1000 + i}/",
            register_number=f"{i:04d}",
        )
        for i in range(1, n + 1)
    ]


def _pages(pdf: bytes, tmp_path: Path) -> int:
    (tmp_path / "c.pdf").write_bytes(pdf)
    info = subprocess.run(
        ["pdfinfo", str(tmp_path / "c.pdf")], capture_output=True, text=True, check=True
    ).stdout
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info)
    assert size and float(size.group(1)) > float(size.group(2))  # landscape
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]


@needs_poppler
def test_a_whole_list_is_one_landscape_pdf_with_every_name(tmp_path: Path) -> None:
    pdf = render_certificates(items(12))
    assert _pages(pdf, tmp_path) == 12
    text = pdftotext(pdf, tmp_path)
    for i in range(1, 13):
        assert f"Nguyễn Thị Ánh Tuyết {i}" in text
    assert "BẰNG KHEN" in text and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Quyết định số 05/QĐ-UBND ngày 03/02/2025" in text
    assert "Thử Nghiệm, ngày 03 tháng 02 năm 2025" in text


@needs_poppler
def test_progress_is_reported_while_printing(tmp_path: Path) -> None:
    seen: list[int] = []
    pdf = render_certificates(items(120), progress=seen.append)
    assert seen == [50, 100, 120]
    assert _pages(pdf, tmp_path) == 120


def _x_of(pdf: bytes, tmp_path: Path, word: str) -> float:
    html = pdftotext(pdf, tmp_path, "-bbox", "-f", "1", "-l", "1")
    match = re.search(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>' + re.escape(word) + "</word>", html)
    assert match, word
    return float(match.group(1))


@needs_poppler
def test_blank_mode_prints_only_the_variable_text_at_the_offsets(tmp_path: Path) -> None:
    plain = render_certificates(items(2), blank=True)
    text = pdftotext(plain, tmp_path)
    assert "Nguyễn Thị Ánh Tuyết 1" in text and "Quyết định số 05/QĐ-UBND" in text
    assert "CỘNG HÒA" not in text and "BẰNG KHEN" not in text  # the blank has them printed already
    shifted = render_certificates(items(2), blank=True, offset_x_mm=10, offset_y_mm=0)
    moved = _x_of(shifted, tmp_path, "Thử") - _x_of(plain, tmp_path, "Thử")
    assert moved == pytest.approx(10 / 25.4 * 72, abs=0.5)  # 10 mm in points


@needs_poppler
def test_printed_qr_code_carries_the_verification_url(tmp_path: Path) -> None:
    """Rasterise the printed sheet and read the QR code's modules back where the design puts it."""
    from PIL import Image

    item = items(1)[0]
    (tmp_path / "c.pdf").write_bytes(render_certificates([item]))
    subprocess.run(
        ["pdftoppm", "-r", "300", "-png", "-singlefile", str(tmp_path / "c.pdf"), str(tmp_path / "p")],
        check=True,
    )
    image = Image.open(tmp_path / "p.png").convert("L")
    matrix = qr_matrix(item.verification_url)
    n = len(matrix)
    px = 300 / 25.4
    left, top, size = 60.0, 169.0, 24.0  # where the design prints it (mm)
    read = [
        [
            1
            if image.getpixel(
                (round((left + (c + 0.5) * size / n) * px), round((top + (r + 0.5) * size / n) * px))
            )
            < 128
            else 0
            for c in range(n)
        ]
        for r in range(n)
    ]
    assert read == matrix
    assert matrix == [
        [1 if m else 0 for m in row]
        for row in segno.make(item.verification_url, error="m").matrix_iter(scale=1, border=2)
    ]


def test_bad_certificates_are_refused() -> None:
    with pytest.raises(ValidationError, match="Không có bằng"):
        render_certificates([])
    bad = items(1)[0]
    from dataclasses import replace

    with pytest.raises(ValidationError) as refused:
        render_certificates([replace(bad, recipient=" ", verification_url="javascript:x")])
    assert len(refused.value.messages) == 2
    with pytest.raises(ValidationError, match="Không có mẫu"):
        render_certificates(items(1), design="khong-co")


def test_certificates_round_trip_through_json() -> None:
    for item in items(3):
        assert from_json(to_json(item)) == item
