"""Downloads from the pledge, meeting and block report pages: the same visibility as the pages (persona matrix),
the Excel of registrations, and a render error sending the user back with the reason."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.urls import reverse
from docx import Document as open_docx
from openpyxl import load_workbook

from tdkt.core.actors import SYSTEM
from tdkt.emulation.queries import registration_export_rows
from tdkt.meetings import services as meetings
from tests.documents.conftest import Cycle

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _get(world: Any, persona: str, name: str, pk: int, fmt: str = "docx") -> Any:
    return world.client(persona).get(reverse(f"documents:{name}", args=[pk, fmt]))


@pytest.mark.parametrize(
    ("persona", "status"),
    [("officer_a", 200), ("officer_b", 200), ("council", 200), ("admin", 200), ("officer_c", 404)],
)
def test_pledge_download_follows_the_pledge_page(world: Any, cycle: Cycle, persona: str, status: int) -> None:
    page = world.client(persona).get(cycle.pledge.get_absolute_url())
    response = _get(world, persona, "pledge", cycle.pledge.pk)
    assert page.status_code == response.status_code == status
    if status == 200:
        assert response["Content-Type"] == DOCX
        text = "\n".join(p.text for p in open_docx(io.BytesIO(response.content)).paragraphs)
        assert "GIAO ƯỚC THI ĐUA" in text
        assert reverse("documents:pledge", args=[cycle.pledge.pk, "pdf"]) in page.content.decode()


def test_anonymous_is_sent_to_login(world: Any, cycle: Cycle) -> None:
    response = _get(world, "anonymous", "pledge", cycle.pledge.pk)
    assert response.status_code == 302 and reverse("login") in response["Location"]


@pytest.mark.parametrize(
    ("persona", "status"), [("officer_a", 200), ("officer_b", 200), ("council", 200), ("officer_c", 404)]
)
def test_invitation_download_follows_the_meeting_page(
    world: Any, cycle: Cycle, persona: str, status: int
) -> None:
    assert world.client(persona).get(cycle.meeting.get_absolute_url()).status_code == status
    response = _get(world, persona, "invitation", cycle.meeting.pk, "pdf")
    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")


def test_draft_minutes_only_for_those_who_write_them(world: Any, cycle: Cycle) -> None:
    assert _get(world, "officer_a", "minutes", cycle.meeting.pk).status_code == 200  # organiser
    assert _get(world, "officer_b", "minutes", cycle.meeting.pk).status_code == 403  # member: draft
    assert _get(world, "officer_c", "minutes", cycle.meeting.pk).status_code == 404
    page = world.client("officer_b").get(cycle.meeting.get_absolute_url()).content.decode()
    assert reverse("documents:minutes", args=[cycle.meeting.pk, "docx"]) not in page
    meetings.approve_minutes(SYSTEM, cycle.meeting)
    response = _get(world, "officer_b", "minutes", cycle.meeting.pk)
    assert response.status_code == 200
    text = "\n".join(p.text for p in open_docx(io.BytesIO(response.content)).paragraphs)
    assert "BIÊN BẢN" in text and "Hội nghị thống nhất phương hướng" in text


@pytest.mark.parametrize(
    ("persona", "status"), [("officer_a", 200), ("officer_b", 200), ("council", 200), ("officer_c", 404)]
)
def test_block_report_download_follows_the_report_page(
    world: Any, cycle: Cycle, persona: str, status: int
) -> None:
    url = reverse("reports:block_report", args=[cycle.report.pk])
    assert world.client(persona).get(url).status_code == status
    response = _get(world, persona, "block_report", cycle.report.pk)
    assert response.status_code == status
    if status == 200:
        docx = open_docx(io.BytesIO(response.content))
        text = "\n".join(p.text for p in docx.paragraphs)
        assert "BÁO CÁO" in text and "Kết quả của Sở Kế hoạch và Đầu tư." in text
        assert "TM. KHỐI THI ĐUA" in "\n".join(c.text for t in docx.tables for r in t.rows for c in r.cells)


def test_unknown_format_is_404(world: Any, cycle: Cycle) -> None:
    assert _get(world, "officer_a", "pledge", cycle.pledge.pk, "exe").status_code == 404


def test_a_document_that_cannot_be_made_sends_back_the_reason(world: Any) -> None:
    import datetime

    from django.utils import timezone

    from tdkt.meetings.enums import MeetingKind

    meeting = meetings.create_meeting(
        SYSTEM,
        kind=MeetingKind.MIDYEAR_REVIEW,
        block=world.block,
        year=world.block.memberships.first().year,
        host_unit=world.unit_a,
        venue="Hội trường",
        starts_at=timezone.now() + datetime.timedelta(days=3),
    )
    client = world.client("officer_a")
    response = client.get(reverse("documents:invitation", args=[meeting.pk, "pdf"]))
    assert response.status_code == 302 and response["Location"] == meeting.get_absolute_url()
    page = client.get(response["Location"]).content.decode()
    assert "Chưa xác định được người ký giấy mời" in page


def test_registrations_excel_has_the_pages_rows_in_vietnamese_order(world: Any) -> None:
    from tdkt.emulation import services as emulation
    from tdkt.emulation.enums import IndividualTitle
    from tdkt.org.queries import current_year

    year = current_year()
    for persona, unit, person in (
        ("officer_a", world.unit_a, world.person_a),
        ("officer_b", world.unit_b, world.person_b),
    ):
        registration = emulation.create_registration(
            world.users[persona],
            unit=unit,
            year=year,
            collective_titles=[],
            people={person: [IndividualTitle.LAO_DONG_TIEN_TIEN]},
        )
        emulation.submit_registration(world.users[persona], registration)
    response = world.client("admin").get(reverse("documents:registrations"), {"nam": year})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == f"DANH SÁCH ĐĂNG KÝ THI ĐUA NĂM {year}"
    assert [c.value for c in sheet[4]] == [
        "STT",
        "Đơn vị",
        "Đối tượng",
        "Họ và tên",
        "Danh hiệu đăng ký",
        "Trạng thái",
    ]
    units = [row[1] for row in sheet.iter_rows(min_row=5, values_only=True)]
    expected = [r.unit for r in registration_export_rows(world.users["admin"], year)]
    assert units == expected and units[0] == "Sở Kế hoạch và Đầu tư" and units[-1] == "Sở Tư pháp"
    assert sheet["B5"].font.name == "Times New Roman"
    # a unit sees only its own unit's lines; someone outside the scope is refused
    own = load_workbook(
        io.BytesIO(world.client("officer_b").get(reverse("documents:registrations"), {"nam": year}).content)
    ).active
    assert {row[1] for row in own.iter_rows(min_row=5, values_only=True)} == {"Sở Tư pháp"}
    assert world.client("anonymous").get(reverse("documents:registrations")).status_code == 302
