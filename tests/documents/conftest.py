"""A small year of the world's block, made through the services: heads appointed, the pledge signed, a held
meeting with draft minutes, the block's six-month report compiled and finalised; and award data as plain lists.
"""

from __future__ import annotations

import datetime
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from tdkt.core.actors import SYSTEM
from tdkt.documents.kinds.awards import DecisionData, Recipient
from tdkt.documents.kinds.common import unit_issuer
from tdkt.documents.layout import Authority, Issuer, Signer
from tdkt.emulation import services as emulation
from tdkt.emulation.models import Pledge
from tdkt.meetings import services as meetings
from tdkt.meetings.enums import Attendance, MeetingKind
from tdkt.meetings.models import Meeting
from tdkt.org import services as org_services
from tdkt.org.enums import PositionLevel
from tdkt.org.queries import current_year
from tdkt.reports import services as reports
from tdkt.reports.enums import PeriodKind
from tdkt.reports.models import BlockReport
from tests.awards.conftest import (  # noqa: F401  (the awards fixtures: proposals, a council vote, a decision)
    decided,
    in_council,
    past,
    proposal,
    ready,
    staff,
    submitted,
)
from tests.ballots.conftest import voters  # noqa: F401  (the block's voting units)
from tests.emulation.conftest import SAMPLE_TREE
from tests.scoring.conftest import (  # noqa: F401
    block4,
    cross_round,
    draft_round,
    make_round,
    self_round,
    signed_pledge,
    tree,
)
from tests.scoring.conftest import year as year

SINCE = datetime.date(2020, 1, 1)


def pdftotext(pdf: bytes, tmp_path: Path, *args: str) -> str:
    source = tmp_path / "in.pdf"
    source.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", *args, str(source), "-"], capture_output=True, check=True, text=True
    ).stdout


needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="cần poppler-utils (make doctools) để đọc lại PDF"
)


@dataclass
class Cycle:
    pledge: Pledge
    meeting: Meeting
    report: BlockReport


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def cycle(world: Any) -> Cycle:
    year = current_year()
    director_a = org_services.create_person(SYSTEM, unit=world.unit_a, full_name="Trần Văn An", gender="male")
    org_services.appoint(SYSTEM, director_a, title="Giám đốc", level=PositionLevel.HEAD, start_date=SINCE)
    org_services.appoint(SYSTEM, world.person_b, title="Giám đốc", level=PositionLevel.HEAD, start_date=SINCE)
    org_services.appoint(
        SYSTEM,
        world.person_a,
        title="Chánh Văn phòng",
        level=PositionLevel.DIVISION_HEAD,
        start_date=SINCE,
        handles_emulation=True,
    )
    pledge = emulation.create_pledge(
        SYSTEM, block=world.block, year=year, targets="Hoàn thành xuất sắc nhiệm vụ."
    )
    emulation.set_scoring_table(SYSTEM, pledge, SAMPLE_TREE)
    emulation.open_for_signing(SYSTEM, pledge)
    emulation.sign_pledge(SYSTEM, pledge, unit=world.unit_a, signer_name="Trần Văn An")
    emulation.sign_pledge(SYSTEM, pledge, unit=world.unit_b, signer_name="Nguyễn Văn Bình")
    pledge.refresh_from_db()
    meeting = meetings.create_meeting(
        SYSTEM,
        kind=MeetingKind.MIDYEAR_REVIEW,
        block=world.block,
        year=year,
        host_unit=world.unit_a,
        venue="Hội trường tầng 3, Sở Kế hoạch và Đầu tư",
        starts_at=timezone.now() - datetime.timedelta(days=1),
        chair=director_a,
        chair_title="Giám đốc Sở Kế hoạch và Đầu tư, Khối trưởng",
        secretary=world.person_a,
    )
    meetings.add_agenda_item(SYSTEM, meeting, title="Báo cáo kết quả công tác thi đua 6 tháng đầu năm")
    meetings.invite(SYSTEM, meeting)
    meeting = meetings.mark_held(SYSTEM, meeting)
    meetings.record_attendance(
        SYSTEM, meeting, {pk: Attendance.PRESENT for pk in meeting.attendees.values_list("pk", flat=True)}
    )
    meetings.save_minutes(SYSTEM, meeting, "Hội nghị thống nhất phương hướng, nhiệm vụ 6 tháng cuối năm.")
    template = reports.create_template(
        SYSTEM,
        block=world.block,
        year=year,
        period=PeriodKind.SIX_MONTHS,
        submission_deadline=timezone.localdate() + datetime.timedelta(days=10),
    )
    for unit in (world.unit_a, world.unit_b):
        unit_report = reports.start_unit_report(SYSTEM, template, unit)
        texts = {section: f"Kết quả của {unit.name}." for section in template.sections.all()}
        reports.save_unit_report(SYSTEM, unit_report, texts, {i: 2 for i in template.indicators.all()})
        reports.submit_unit_report(SYSTEM, unit_report)
    report = reports.compile_block_report(SYSTEM, template)
    report = reports.finalise_block_report(SYSTEM, report)
    return Cycle(pledge, Meeting.objects.get(pk=meeting.pk), BlockReport.objects.get(pk=report.pk))


def committee_issuer() -> Issuer:
    return Issuer(name="ỦY BAN NHÂN DÂN\nTỈNH THỬ NGHIỆM", code="UBND")


def deputy_chair() -> Signer:
    return Signer(name="Lê Văn Tám", position="PHÓ CHỦ TỊCH", authority=((Authority.KT, "CHỦ TỊCH"),))


def decision_data(recipients: list[Recipient], **changes: Any) -> DecisionData:
    values: dict[str, Any] = {
        "issuer": committee_issuer(),
        "authority_line": "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH THỬ NGHIỆM",
        "authority_short": "Chủ tịch Ủy ban nhân dân tỉnh",
        "award": "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        "reason": "đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2024",
        "recipients": tuple(recipients),
        "signer": deputy_chair(),
        "place": "Thử Nghiệm",
        "date": datetime.date(2025, 2, 3),
        "number": 5,
        "legal_bases": ("Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022",),
        "executors": ("Chánh Văn phòng Ủy ban nhân dân tỉnh", "Giám đốc Sở Nội vụ"),
        "fund": "Quỹ thi đua, khen thưởng tỉnh",
        "distribution": ("Như Điều 3", "Lưu: VT, SNV"),
    }
    values.update(changes)
    return DecisionData(**values)


__all__ = [
    "Cycle",
    "committee_issuer",
    "decision_data",
    "deputy_chair",
    "needs_poppler",
    "pdftotext",
    "unit_issuer",
]
