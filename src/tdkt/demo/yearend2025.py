"""The demo block's year-end 2025 scoring: the 2025 pledge (copied from 2020's, signed in March), each unit's
self score with evidence, cross scoring by every other member, two discrepancies reconciled by the head (Sở Nội
vụ heads the block in 2025), and the closed round with its ranking. Every step goes through the services, dated
in 2025 where the service accepts a moment (``at=``).

The numbers are fictional and reproducible (a seeded generator): each unit has a level of achievement; its own
score is a little more generous than its peers', who differ among themselves by a point or so. Thanh tra tỉnh
claims almost full marks for its plan targets while its peers do not agree, and Văn phòng Đoàn ĐBQH và HĐND
tỉnh under-reports its advisory work: both are flagged and settled by the head with a recorded reason.

The ranking that results — Sở Tư pháp, Văn phòng UBND tỉnh, Sở Tài chính, Thanh tra tỉnh, Sở Nội vụ, Sở Kế
hoạch và Đầu tư, Văn phòng Đoàn ĐBQH và HĐND tỉnh — is the order the block's secret ballots of 10/12/2025 start
from (Sở Tư pháp put forward for the Flag, the next units for the Certificate of Merit).
"""

from __future__ import annotations

import datetime
import random
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile

from tdkt import vn
from tdkt.core.actors import SYSTEM
from tdkt.emulation import services as emulation
from tdkt.emulation.models import Pledge
from tdkt.org.models import EmulationBlock, Unit
from tdkt.scoring import services as scoring
from tdkt.scoring.enums import Formula, MarginUnit, ScoringMode, SheetKind
from tdkt.scoring.models import ScoringRound
from tdkt.scoring.queries import round_inputs, table_rows

YEAR = 2025
TZ = ZoneInfo("Asia/Ho_Chi_Minh")

#: Each unit's level of achievement in 2025 (share of the maximum its peers give, before noise).
LEVELS = {
    "STP": Decimal("0.945"),
    "VPUBND": Decimal("0.905"),
    "STC": Decimal("0.90"),
    "TTr": Decimal("0.91"),
    "SNV": Decimal("0.85"),
    "SKHĐT": Decimal("0.83"),
    "VPĐĐBQH": Decimal("0.80"),
}
#: Bonus and penalty items by unit: (kind, item code, points).
ADJUSTMENTS = {
    "VPUBND": [("bonus", "1", 2)],  # Bằng khen of the Prime Minister for its Covid-era work
    "SNV": [("bonus", "2", 1)],  # hosted the block's six-month review
    "VPĐĐBQH": [("penalty", "1", 1)],  # one report sent late
}
EVIDENCE = {
    "I › 1": "Báo cáo kết quả thực hiện nhiệm vụ chính trị năm 2025",
    "I › 2": "Danh mục văn bản tham mưu trình Tỉnh ủy, HĐND, UBND tỉnh năm 2025",
    "II › 1": "Kế hoạch thi đua năm 2025",
    "III": "Kết quả chỉ số cải cách hành chính năm 2025",
}


def _at(month: int, day: int, hour: int = 9) -> datetime.datetime:
    return datetime.datetime(YEAR, month, day, hour, tzinfo=TZ)


def _half(value: Decimal) -> Decimal:
    """Points in half-point steps, as scorers write them."""
    return (value * 2).quantize(Decimal(1), rounding=ROUND_HALF_UP) / 2


def _slug(title: str) -> str:
    return "-".join(vn.fold(title).split())[:60]


def _sample_pdf(title: str) -> bytes:
    """A one-page PDF with the title (enough for a demo download; generated, no external file)."""
    text = vn.fold(title).replace("(", "").replace(")", "")
    stream = f"BT /F1 14 Tf 60 760 Td ({text}) Tj ET".encode("ascii", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _pledge_2025(block: EmulationBlock, members: list[Unit]) -> Pledge:
    """The 2025 pledge, drawn up from 2020's and signed by every member at the March conference."""
    source = Pledge.objects.filter(block=block, year__lt=YEAR).order_by("-year").first()
    if source is None:
        raise RuntimeError(
            "The 2025 round builds on an earlier pledge of the block (load the 2020 story first)."
        )
    pledge = emulation.copy_pledge_from(
        SYSTEM, source, YEAR, signing_deadline=datetime.date(YEAR, 3, 31), at=_at(2, 18)
    )
    emulation.update_pledge(
        SYSTEM,
        pledge,
        title=pledge.title,
        targets="Hoàn thành xuất sắc nhiệm vụ chính trị năm 2025; tham mưu kịp thời việc sắp xếp tổ chức bộ máy; "
        "100% đơn vị đăng ký thi đua; nộp báo cáo đúng hạn; tham gia đầy đủ các hoạt động của Khối.",
        signing_deadline=datetime.date(YEAR, 3, 31),
    )
    emulation.open_for_signing(SYSTEM, pledge, at=_at(3, 4))
    for unit in members:
        head = unit.positions.filter(level="head", end_date__isnull=True).select_related("person").first()
        emulation.sign_pledge(
            SYSTEM, pledge, unit=unit, signer_name=head.person.full_name if head else "", at=_at(3, 14, 10)
        )
    pledge.refresh_from_db()
    return pledge


def _points(rows: list, level: Decimal, rng: random.Random, spread: Decimal) -> dict[str, Decimal]:
    points = {}
    for row in rows:
        if row.kind != "criterion":
            continue
        share = level + Decimal(rng.randint(-100, 100)) / 100 * spread
        points[row.key] = min(row.maximum, max(Decimal(0), _half(row.maximum * share)))
    return points


def load_2025_round(block: EmulationBlock, units: dict[str, Unit]) -> ScoringRound:
    rng = random.Random(YEAR)
    members = [m.unit for m in block.memberships.filter(year=YEAR).select_related("unit").order_by("pk")]
    pledge = _pledge_2025(block, members)
    scoring_round = scoring.create_round(
        SYSTEM,
        pledge,
        mode=ScoringMode.PEER,
        formula=Formula.TRIMMED_MEAN,
        margin="15",
        margin_unit=MarginUnit.PERCENT,
        tie_rules=["group:I", "fewer_penalties"],
        self_deadline=datetime.date(YEAR, 11, 28),
        cross_deadline=datetime.date(YEAR, 12, 5),
    )
    scoring.open_self_scoring(SYSTEM, scoring_round, at=_at(11, 12))
    rows = table_rows(scoring_round)
    by_path = {row.path: row for row in rows}
    criteria = {row.path: row.criterion for row in rows if row.criterion is not None}
    items = {(row.kind, row.code): row for row in rows if row.item is not None}

    def adjustments(unit: Unit) -> dict[str, int]:
        return {
            items[(kind, code)].key: points for kind, code, points in ADJUSTMENTS.get(unit.abbreviation, [])
        }

    # Self scores: a little more generous than the peers will be, with notes and evidence.
    for day, unit in enumerate(members):
        sheet = scoring_round.sheets.get(kind=SheetKind.SELF, unit=unit)
        level = LEVELS[unit.abbreviation] + Decimal("0.03")
        points = {**_points(rows, level, rng, Decimal("0.02")), **adjustments(unit)}
        notes = {}
        if unit.abbreviation == "TTr":
            points[by_path["I › 1"].key] = Decimal(39)
            notes[by_path["I › 1"].key] = "Hoàn thành 12/12 chỉ tiêu theo kế hoạch thanh tra năm 2025."
        if unit.abbreviation == "VPĐĐBQH":
            points[by_path["I › 2"].key] = Decimal(12)
            notes[by_path["I › 2"].key] = "Đơn vị tự đánh giá thận trọng do thay đổi nhân sự lãnh đạo."
        when = _at(11, 18 + day % 7, 15)
        scoring.save_sheet(
            SYSTEM, sheet, points=points, notes=notes, note="Đơn vị đã tự chấm theo hướng dẫn.", at=when
        )
        site = f"https://{vn.fold(unit.abbreviation).replace(' ', '').lower()}.vanlinh.gov.vn"
        for path, title in EVIDENCE.items():
            scoring.add_evidence_link(
                SYSTEM,
                sheet,
                criteria[path],
                url=f"{site}/tai-lieu/{YEAR}/{_slug(title)}",
                title=title,
                at=when,
            )
        if unit.abbreviation == "SNV":
            upload = SimpleUploadedFile(
                "bao-cao-tong-ket-2025.pdf",
                _sample_pdf("Bao cao tong ket cong tac thi dua 2025"),
                "application/pdf",
            )
            scoring.add_evidence_file(
                SYSTEM,
                sheet,
                criteria["II › 1"],
                upload=upload,
                title="Báo cáo tổng kết 2025",
                at=when,
            )
        scoring.submit_sheet(SYSTEM, sheet, at=when)

    # Cross scoring: every member scores the six others.
    scoring.open_cross_scoring(SYSTEM, scoring_round, at=_at(11, 29))
    for index, sheet in enumerate(
        scoring_round.sheets.filter(kind=SheetKind.PEER)
        .select_related("unit")
        .order_by("scorer_unit_id", "unit_id")
    ):
        unit = sheet.unit
        points = {**_points(rows, LEVELS[unit.abbreviation], rng, Decimal("0.03")), **adjustments(unit)}
        if unit.abbreviation == "TTr":
            points[by_path["I › 1"].key] = _half(Decimal(32) + Decimal(rng.randint(0, 2)) / 2)
        if unit.abbreviation == "VPĐĐBQH":
            points[by_path["I › 2"].key] = Decimal(rng.choice(["16", "16.5", "17"]))
        when = _at(12, 1 + index % 4, 8 + index % 8)
        scoring.save_sheet(SYSTEM, sheet, points=points, at=when)
        scoring.submit_sheet(SYSTEM, sheet, at=when)

    # The head (Sở Nội vụ) settles the discrepancies with a recorded reason, then closes.
    reasons: dict[str, tuple[str, Decimal | None]] = {
        "TTr": (
            "Đối chiếu báo cáo: còn 1/12 cuộc thanh tra chuyển sang năm 2026; thống nhất lấy điểm chấm chéo.",
            None,
        ),
        "VPĐĐBQH": ("Minh chứng đủ 48 văn bản tham mưu đúng hạn; Khối thống nhất 16 điểm.", Decimal(16)),
    }
    for flag in round_inputs(scoring_round).flags:
        reason, agreed = reasons.get(
            flag.unit.abbreviation, ("Khối thống nhất lấy điểm chấm chéo theo công thức.", None)
        )
        assert flag.row.criterion is not None
        scoring.reconcile(
            SYSTEM,
            scoring_round,
            flag.unit,
            flag.row.criterion,
            reason=reason,
            points=agreed,
            at=_at(12, 5, 9),
        )
    scoring.close_scoring(SYSTEM, scoring_round, at=_at(12, 5, 16))
    scoring_round.refresh_from_db()
    return scoring_round
