"""Báo cáo thành tích: the individual's and the collective's report filled from the histories and the register,
the unit's narrative written on the proposal's candidate (service, permission, audit), the downloads from the
candidate row and the record pages, for whoever sees them and nobody else."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from docx import Document as open_docx

from tdkt.awards import services
from tdkt.awards.enums import Action, InitiativeScope
from tdkt.core.actors import SYSTEM
from tdkt.core.models import AuditEntry
from tdkt.documents.kinds.achievements import (
    TO_COMPLETE,
    collective_report,
    individual_report,
    report_form,
)
from tdkt.documents.render import render
from tests.awards.conftest import YEAR, candidate

pytestmark = pytest.mark.django_db


def docx_text(content: bytes) -> str:
    document = open_docx(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


@pytest.fixture
def tuyet(world: Any, past: Any) -> Any:
    """Đặng Thị Ánh Tuyết: three years rated, CSTĐCS two years ago, an initiative recognised last year."""
    services.set_rating(SYSTEM, world.person_a, year=YEAR, rating="HTXSNV")
    services.add_initiative(
        SYSTEM,
        world.person_a,
        year=YEAR - 1,
        title="Số hóa hồ sơ khen thưởng của Sở",
        scope=InitiativeScope.GRASSROOTS,
        decision=services.DecisionRef(
            issuer_name="Sở Kế hoạch và Đầu tư",
            number=40,
            symbol="QĐ-SKHĐT",
            signed_on=datetime.date(YEAR - 1, 11, 20),
            signer_name="Lê Văn Giám",
        ),
    )
    return world.person_a


def test_the_form_numbers_are_data_with_their_confidence() -> None:
    individual, collective = report_form("individual"), report_form("collective")
    assert (
        individual.number == "Mẫu số 05" and individual.confidence == "U" and "152/2025" in individual.source
    )
    assert collective.number and collective.confidence == "U" and collective.subtitle.startswith("(Mẫu")


def test_the_individual_report_is_filled_from_the_data(world: Any, tuyet: Any) -> None:
    document = individual_report(tuyet, year=YEAR, award_code="chien_si_thi_dua_tinh")
    text = docx_text(render(document, "docx"))
    assert "BÁO CÁO THÀNH TÍCH" in text and "Chiến sĩ thi đua cấp tỉnh" in text
    assert "Đặng Thị Ánh Tuyết" in text and "Sở Kế hoạch và Đầu tư" in text
    # the three years CSTĐ tỉnh looks at, with their ratings
    for year in (YEAR - 2, YEAR - 1, YEAR):
        assert str(year) in text
    assert text.count("Hoàn thành xuất sắc nhiệm vụ") == 3
    # the register's title with its decision, and the initiative with the decision that recognised it
    assert "Chiến sĩ thi đua cơ sở" in text and "15/QĐ-SKHĐT" in text
    assert "Số hóa hồ sơ khen thưởng của Sở" in text and "40/QĐ-SKHĐT" in text
    assert "Không bị kỷ luật trong thời gian đề nghị khen thưởng." in text
    # the narrative is the unit's to write: marked for completion until it does
    assert TO_COMPLETE in text
    # the unit head certifies, the person reports
    assert "THỦ TRƯỞNG ĐƠN VỊ XÁC NHẬN, ĐỀ NGHỊ" in text and "NGƯỜI BÁO CÁO THÀNH TÍCH" in text
    assert render(document, "pdf").startswith(b"%PDF")


def test_the_collective_report(world: Any) -> None:
    services.set_unit_rating(SYSTEM, world.unit_a, year=YEAR, rating="HTXSNV")
    document = collective_report(
        world.unit_a, year=YEAR, award_code="tap_the_lao_dong_xuat_sac", achievements="Dòng 1\nDòng 2"
    )
    text = docx_text(render(document, "docx"))
    assert "Tập thể lao động xuất sắc" in text and "Tên tập thể đề nghị" in text
    assert "Hoàn thành xuất sắc nhiệm vụ" in text
    assert "Dòng 1" in text and "Dòng 2" in text and TO_COMPLETE not in text
    assert "THỦ TRƯỞNG ĐƠN VỊ" in text


def test_the_unit_writes_the_narrative_while_the_proposal_is_a_draft(
    world: Any, proposal: Any, staff: Any
) -> None:
    hung = candidate(proposal, staff.hung)
    with pytest.raises(PermissionDenied):
        services.write_achievements(world.users["officer_b"], hung, achievements="Không phải của tôi")
    with pytest.raises(PermissionDenied):
        services.write_achievements(world.users["admin"], hung, achievements="Phòng không viết thay")
    client = world.client("officer_a")
    response = client.post(
        reverse("awards:candidate_achievements", args=[proposal.pk, hung.pk]),
        {f"t{hung.pk}-achievements": "Chủ trì xây dựng phần mềm.\r\n\r\nHoàn thành 100% chỉ tiêu.  "},
    )
    assert response.status_code == 302
    hung.refresh_from_db()
    assert hung.achievements == "Chủ trì xây dựng phần mềm.\n\nHoàn thành 100% chỉ tiêu."
    entry = AuditEntry.objects.filter(action=Action.ACHIEVEMENTS_WRITTEN).get()
    assert entry.after == {"achievements": hung.achievements} and entry.before == {"achievements": ""}
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert reverse("documents:candidate_report", args=[hung.pk, "docx"]) in page
    assert reverse("awards:candidate_achievements", args=[proposal.pk, hung.pk]) in page
    text = docx_text(client.get(reverse("documents:candidate_report", args=[hung.pk, "docx"])).content)
    assert "Chủ trì xây dựng phần mềm." in text and "Phạm Văn Hùng" in text and TO_COMPLETE not in text
    services.submit_proposal(world.users["officer_a"], proposal)
    with pytest.raises(ValidationError):
        services.write_achievements(world.users["officer_a"], hung, achievements="Sửa sau khi gửi")


def test_who_downloads_a_candidate_s_report(world: Any, submitted: Any, staff: Any) -> None:
    hung = candidate(submitted, staff.hung)
    url = reverse("documents:candidate_report", args=[hung.pk, "pdf"])
    assert world.client("officer_a").get(url).content.startswith(b"%PDF")
    assert world.client("admin").get(url).status_code == 200  # Phòng TĐKT sees submitted proposals
    assert world.client("officer_b").get(url).status_code == 404
    assert world.client("anonymous").get(url).status_code == 302
    assert world.client("officer_a").get(url.replace(".pdf", ".odt")).status_code == 404
    # Phòng TĐKT appraises; it does not see the unit's form to write the narrative
    page = world.client("admin").get(submitted.get_absolute_url()).content.decode()
    assert url in page and reverse("awards:candidate_achievements", args=[submitted.pk, hung.pk]) not in page


def test_reports_from_the_record_pages(world: Any, tuyet: Any) -> None:
    person_url = reverse("documents:person_report", args=[tuyet.pk, "docx"])
    page = world.client("officer_a").get(reverse("awards:person_record", args=[tuyet.pk])).content.decode()
    assert person_url in page
    text = docx_text(world.client("officer_a").get(person_url, {"nam": YEAR}).content)
    assert "Chiến sĩ thi đua cơ sở" in text and "Đặng Thị Ánh Tuyết" in text
    asked = docx_text(
        world.client("admin").get(person_url, {"nam": YEAR, "danh-hieu": "chien_si_thi_dua_tinh"}).content
    )
    assert "Chiến sĩ thi đua cấp tỉnh" in asked
    assert world.client("officer_b").get(person_url).status_code == 404
    unit_url = reverse("documents:unit_report", args=[world.unit_a.pk, "pdf"])
    assert (
        unit_url
        in world.client("officer_a")
        .get(reverse("awards:unit_record", args=[world.unit_a.pk]))
        .content.decode()
    )
    assert world.client("officer_a").get(unit_url).content.startswith(b"%PDF")
    assert world.client("officer_b").get(unit_url).status_code == 404
