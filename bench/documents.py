"""Documents benchmark: 1,000 certificates of one decision into one PDF (target ≤ 10 s) and a decision of 500
names to .docx and to PDF (target ≤ 2 s each), on this machine. Pure rendering: no database is needed.

    python bench/documents.py [--certificates 1000] [--names 500]
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tdkt.test_settings")

import django  # noqa: E402

django.setup()

from tdkt.documents import render  # noqa: E402
from tdkt.documents.certificates import CertificateData, render_certificates  # noqa: E402
from tdkt.documents.kinds.awards import DecisionData, Recipient, decision  # noqa: E402
from tdkt.documents.layout import Authority, Issuer, Signer  # noqa: E402

FAMILY = (
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
)
MIDDLE = ("Văn", "Thị", "Minh", "Thu", "Đức", "Ngọc", "Hữu", "Thanh", "Quốc", "Thùy", "Xuân", "Hoài")
GIVEN = (
    "An",
    "Ánh",
    "Bình",
    "Chi",
    "Dũng",
    "Đạt",
    "Giang",
    "Hà",
    "Hải",
    "Khánh",
    "Lan",
    "Long",
    "Nga",
    "Yến",
)
UNITS = tuple(f"Sở {name}" for name in ("Y tế", "Tư pháp", "Nội vụ", "Tài chính", "Xây dựng", "Công Thương"))
SIGNER = Signer(name="Lê Văn Tám", position="PHÓ CHỦ TỊCH", authority=((Authority.KT, "CHỦ TỊCH"),))
DAY = datetime.date(2025, 2, 3)


def people(n: int) -> list[Recipient]:
    rng = random.Random(2025)
    return [
        Recipient(
            name=f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}",
            unit=rng.choice(UNITS),
            position=rng.choice(("Giám đốc", "Phó Giám đốc", "Chuyên viên", "Trưởng phòng")),
            amount=3_510_000,
            rank=rng.choice((0, 1, 2, 100)),
        )
        for _ in range(n)
    ]


def certificates(n: int) -> list[CertificateData]:
    return [
        CertificateData(
            recipient=r.name,
            details=f"{r.position}, {r.unit}",
            achievement="Đã có thành tích xuất sắc trong thực hiện nhiệm vụ chính trị năm 2024",
            issuer_line="Chủ tịch Ủy ban nhân dân tỉnh Vân Lĩnh",
            decision_number="05/QĐ-UBND",
            decision_date=DAY,
            place="Vân Lĩnh",
            signer=SIGNER,
            verification_url=f"https://tdkt.example.gov.vn/xac-minh/{2025000000 + i}/",
            register_number=f"{i:04d}",
        )
        for i, r in enumerate(people(n), start=1)
    ]


def decision_of(n: int) -> DecisionData:
    return DecisionData(
        issuer=Issuer(name="ỦY BAN NHÂN DÂN\nTỈNH VÂN LĨNH", code="UBND"),
        authority_line="CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH VÂN LĨNH",
        authority_short="Chủ tịch Ủy ban nhân dân tỉnh",
        award="Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        reason="đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2024",
        recipients=tuple(people(n)),
        signer=SIGNER,
        place="Vân Lĩnh",
        date=DAY,
        number=5,
        legal_bases=("Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022",),
        executors=("Chánh Văn phòng Ủy ban nhân dân tỉnh", "Giám đốc Sở Nội vụ"),
    )


def timed(label: str, target: float, work: object) -> float:
    """Wall-clock time against the target, and the process's CPU time beside it: on a machine shared with
    other work the wall clock overstates what the rendering costs, the CPU time does not."""
    cpu, start = time.process_time(), time.perf_counter()
    result = work()  # type: ignore[operator]
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    size = len(result) if isinstance(result, bytes | bytearray) else 0
    print(
        f"{label:<44} {seconds:7.2f} s (CPU {cpu:5.2f} s)   mục tiêu ≤ {target:g} s   "
        f"tỷ lệ {seconds / target:5.2f}   ({size / 1e6:.1f} MB)"
    )
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--certificates", type=int, default=1000)
    parser.add_argument("--names", type=int, default=500)
    args = parser.parse_args()
    # warm up: font discovery and WeasyPrint's first import are one-off costs of a worker process
    render_certificates(certificates(1))
    render.render(decision(decision_of(3)), "pdf")
    items = certificates(args.certificates)
    timed(f"{args.certificates} bằng khen, một tệp PDF", 10, lambda: render_certificates(items))
    data = decision_of(args.names)
    timed(f"Quyết định {args.names} người → .docx", 2, lambda: render.render(decision(data), "docx"))
    timed(f"Quyết định {args.names} người → PDF", 2, lambda: render.render(decision(data), "pdf"))


if __name__ == "__main__":
    main()
