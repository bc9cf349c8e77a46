"""The seed block's commendation history, and its 2025 Emulation Flag carried to a decision.

Histories: every person of the block's seven units is rated each year from 2019 to the last finished year (some
women on maternity leave, a few not rated), the unit recognises its Lao động tiên tiến and Chiến sĩ thi đua cơ
sở and itself as Tập thể lao động tiên tiến by a decision of its head each December, and the provincial People's
Committee gave Bằng khen to those with two consecutive Chiến sĩ thi đua cơ sở titles in 2024. All of it goes in
the way a unit would bring its paper records: one Excel workbook per unit through the import
(:func:`tdkt.awards.services.import_history`), so the past decisions are recorded as external ones.

2025: the block head (Sở Nội vụ) proposes Sở Tư pháp — whom the block's ballot put forward — for the Emulation
Flag of the province; Phòng TĐKT appraises; the council votes on paper (9 of 9) on 18/12/2025; the chairman signs
the decision on 26/12/2025, numbered from the People's Committee's register, with the bonus at the base salary
in force that day. Every step goes through the services, dated in 2025.
"""

from __future__ import annotations

import datetime
import io
import random
from typing import Any
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from tdkt.awards import services
from tdkt.awards.excel import AWARDS, COLUMNS, RATINGS
from tdkt.awards.models import Decision
from tdkt.ballots import services as ballots
from tdkt.ballots.enums import VotingMode
from tdkt.core.actors import SYSTEM
from tdkt.org.enums import CouncilRole, Gender
from tdkt.org.models import CouncilMember, EmulationBlock, Person, Unit

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
FIRST_YEAR = 2019
#: The day the 2025 Flag decision is signed (the demo tells that story only once the day has passed).
FLAG_DECIDED = datetime.date(2025, 12, 26)
PROVINCE = "Ủy ban nhân dân tỉnh"
RATINGS_WEIGHTS = (("HTXSNV", 14), ("HTTNV", 68), ("HTNV", 14), ("KHTNV", 4))
LDTT = "Lao động tiên tiến"
CSTDCS = "Chiến sĩ thi đua cơ sở"
TTLDTT = "Tập thể lao động tiên tiến"
BANG_KHEN = "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"


def tiny_pdf(title: str) -> bytes:
    """A one-page PDF saying ``title`` in ASCII (a stand-in for a scanned submission)."""
    text = title.encode("ascii", "replace").decode()
    stream = f"BT /F1 14 Tf 72 760 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def _workbook(ratings: list[list[Any]], awards: list[list[Any]]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for name, rows in ((RATINGS, ratings), (AWARDS, awards)):
        sheet = book.create_sheet(name)
        sheet.append([header for _key, header in COLUMNS[name]])
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _rating(rng: random.Random) -> str:
    return rng.choices([r for r, _ in RATINGS_WEIGHTS], weights=[w for _, w in RATINGS_WEIGHTS])[0]


def _born(person: Person) -> str:
    return person.date_of_birth.strftime("%d/%m/%Y") if person.date_of_birth else ""


def load_award_histories(units: dict[str, Unit], abbreviations: list[str], last_year: int, seed: int) -> int:
    """Import each unit's history workbook; returns the number of register entries written."""
    years = range(FIRST_YEAR, last_year)
    written = 0
    for abbreviation in abbreviations:
        unit = units[abbreviation]
        rng = random.Random(f"{seed}:awards:{abbreviation}")
        people = list(Person.objects.filter(unit=unit).order_by("pk"))
        ratings: list[list[Any]] = []
        awards: list[list[Any]] = []
        fighters: dict[int, set[int]] = {}
        for year in years:
            services.set_unit_rating(
                SYSTEM, unit, year=year, rating="HTXSNV" if rng.random() < 0.3 else "HTTNV"
            )
            number = rng.randint(120, 260)
            reference, signed = f"{number}/QĐ-{abbreviation}", f"20/12/{year}"
            issuer, signer = unit.name, ""
            for person in people:
                rating, worked, maternity, other = _rating(rng), 12, None, None
                if person.gender == Gender.FEMALE and rng.random() < 0.06:
                    worked, maternity = 6, 6  # maternity leave counts as work (Nghị định 152/2025, Điều 4(5))
                elif rng.random() < 0.02:
                    rating, worked, other = "", 4, 8  # under 6 months of work: not rated
                ratings.append(
                    [person.full_name, _born(person), year, rating, worked, maternity, None, None, other, ""]
                )
                if rating in ("HTXSNV", "HTTNV"):
                    awards.append(
                        [
                            "Cá nhân",
                            person.full_name,
                            _born(person),
                            year,
                            LDTT,
                            reference,
                            signed,
                            issuer,
                            signer,
                        ]
                    )
                if rating == "HTXSNV":
                    awards.append(
                        [
                            "Cá nhân",
                            person.full_name,
                            _born(person),
                            year,
                            CSTDCS,
                            reference,
                            signed,
                            issuer,
                            signer,
                        ]
                    )
                    fighters.setdefault(person.pk, set()).add(year)
            awards.append(["Tập thể", None, None, year, TTLDTT, reference, signed, issuer, signer])
        if last_year > 2024:
            twice = [p for p in people if {2023, 2024} <= fighters.get(p.pk, set())][:2]
            for person in twice:
                awards.append(
                    [
                        "Cá nhân",
                        person.full_name,
                        _born(person),
                        2024,
                        BANG_KHEN,
                        "2150/QĐ-UBND",
                        "26/12/2024",
                        PROVINCE,
                        "",
                    ]
                )
        report = services.import_history(SYSTEM, unit, _workbook(ratings, awards))
        written += report.awards
    return written


def _at(month: int, day: int, hour: int = 9) -> datetime.datetime:
    return datetime.datetime(2025, month, day, hour, tzinfo=TZ)


def load_2025_flag(block: EmulationBlock, units: dict[str, Unit]) -> Decision:
    """Sở Nội vụ (block head 2025) proposes Sở Tư pháp for the Emulation Flag; council; decision."""
    proposal = services.create_proposal(
        SYSTEM,
        unit=units["SNV"],
        block=block,
        year=2025,
        award_code="co_thi_dua_tinh",
        title="Đề nghị tặng Cờ thi đua của Ủy ban nhân dân tỉnh năm 2025 cho Sở Tư pháp",
    )
    services.set_candidates(SYSTEM, proposal, units=[units["STP"]])
    for name, title in (
        ("to-trinh-co-thi-dua-2025.pdf", "To trinh de nghi tang Co thi dua nam 2025"),
        ("bien-ban-binh-xet-khoi-2025.pdf", "Bien ban binh xet va ket qua bo phieu cua Khoi nam 2025"),
        ("bao-cao-thanh-tich-so-tu-phap-2025.pdf", "Bao cao thanh tich So Tu phap nam 2025"),
    ):
        upload = SimpleUploadedFile(name, tiny_pdf(title), content_type="application/pdf")
        services.add_dossier_file(SYSTEM, proposal, item=services.OTHER_ITEM, upload=upload)
    services.submit_proposal(SYSTEM, proposal, at=_at(12, 5))
    services.appraise_candidate(
        SYSTEM,
        proposal.candidates.get(),
        accept=True,
        reason="Dẫn đầu Khối theo kết quả bỏ phiếu ngày 10/12/2025; hồ sơ đầy đủ.",
    )
    services.send_to_council(SYSTEM, proposal, mode=VotingMode.PAPER, at=_at(12, 18, 14))
    proposal.refresh_from_db()
    session = proposal.ballot
    assert session is not None
    ballots.close_session(SYSTEM, session, at=_at(12, 18, 15))
    members = session.roll.count()
    ballots.enter_paper_counts(
        SYSTEM,
        session,
        present=members,
        issued=members,
        valid=members,
        invalid=0,
        votes={session.candidates.get().pk: members},
        at=_at(12, 18, 16),
    )
    services.record_council_result(SYSTEM, proposal)
    chair = CouncilMember.objects.filter(role=CouncilRole.CHAIR).order_by("-council__start_date").first()
    return services.issue_decision(
        SYSTEM,
        proposal,
        issuer=units["UBND"],
        signed_on=FLAG_DECIDED,
        signer_name=chair.person.full_name if chair else "",
        signer_title="CHỦ TỊCH",
    )
