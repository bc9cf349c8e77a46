"""Histories and proposals on top of the shared ``world``, made through the services.

Unit A (the block's head this year) has two more people: Phạm Văn Hùng, rated HTXSNV this year (eligible for
Chiến sĩ thi đua cơ sở), and Vũ Thị Lan, rated only HTNV (not eligible, the reason says why). Đặng Thị Ánh Tuyết
(``world.person_a``) has three years of history with past awards from an external decision.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tdkt.awards import services
from tdkt.awards.appraisal import dossier_items
from tdkt.awards.models import Candidate, Decision, Proposal
from tdkt.ballots import services as ballots
from tdkt.core.actors import SYSTEM
from tdkt.org import services as org_services
from tdkt.org.enums import Gender
from tdkt.org.models import Person
from tdkt.org.queries import current_year

YEAR = current_year()
PDF = b"%PDF-1.4\n% test\n"


def pdf(name: str = "to-trinh.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture(autouse=True)
def media_in_tmp(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@dataclass
class Staff:
    hung: Person
    lan: Person


@pytest.fixture
def staff(world: Any) -> Staff:
    hung = org_services.create_person(
        SYSTEM, unit=world.unit_a, full_name="Phạm Văn Hùng", gender=Gender.MALE
    )
    lan = org_services.create_person(SYSTEM, unit=world.unit_a, full_name="Vũ Thị Lan", gender=Gender.FEMALE)
    services.set_rating(SYSTEM, hung, year=YEAR, rating="HTXSNV")
    services.set_rating(SYSTEM, lan, year=YEAR, rating="HTNV")
    return Staff(hung, lan)


@pytest.fixture
def past(world: Any) -> Decision:
    """Đặng Thị Ánh Tuyết: three years rated, Chiến sĩ thi đua cơ sở two years ago by an external decision."""
    person = world.person_a
    for year, rating in ((YEAR - 3, "HTTNV"), (YEAR - 2, "HTXSNV"), (YEAR - 1, "HTXSNV")):
        services.set_rating(SYSTEM, person, year=year, rating=rating)
    record = services.record_past_award(
        SYSTEM,
        person,
        award_code="chien_si_thi_dua_co_so",
        year=YEAR - 2,
        decision=services.DecisionRef(
            issuer_name="Sở Kế hoạch và Đầu tư",
            number=15,
            symbol="QĐ-SKHĐT",
            signed_on=datetime.date(YEAR - 1, 1, 10),
            signer_name="Lê Văn Giám",
        ),
    )
    return record.decision


def make_proposal(world: Any, people: list[Person], award_code: str = "chien_si_thi_dua_co_so") -> Proposal:
    officer = world.users["officer_a"]
    proposal = services.create_proposal(officer, unit=world.unit_a, year=YEAR, award_code=award_code)
    services.set_candidates(officer, proposal, people=people)
    for item in dossier_items(proposal):
        services.add_dossier_file(officer, proposal, item=item, upload=pdf())
    return proposal


@pytest.fixture
def proposal(world: Any, staff: Staff) -> Proposal:
    """A draft proposal for Chiến sĩ thi đua cơ sở naming Hùng (eligible) and Lan (not), with a full dossier."""
    return make_proposal(world, [staff.hung, staff.lan])


@pytest.fixture
def submitted(world: Any, proposal: Proposal) -> Proposal:
    return services.submit_proposal(world.users["officer_a"], proposal)


def candidate(proposal: Proposal, person: Person) -> Candidate:
    return proposal.candidates.get(person=person)


@pytest.fixture
def in_council(world: Any, submitted: Proposal, staff: Staff) -> Proposal:
    admin = world.users["admin"]
    services.appraise_candidate(admin, candidate(submitted, staff.hung), accept=True)
    services.appraise_candidate(
        admin, candidate(submitted, staff.lan), accept=False, reason="Chưa đạt xếp loại."
    )
    return services.send_to_council(admin, submitted)


@pytest.fixture
def ready(world: Any, in_council: Proposal) -> Proposal:
    """The council (one member) approved Hùng; the result is recorded."""
    session = in_council.ballot
    assert session is not None
    ballot_candidate = session.candidates.get()
    ballots.cast_ballot(world.users["council"], session, [ballot_candidate.pk])
    ballots.close_session(world.users["admin"], session)
    ballots.count_session(world.users["admin"], session)
    return services.record_council_result(world.users["admin"], in_council)


def issue(world: Any, proposal: Proposal, signed_on: datetime.date | None = None) -> Decision:
    return services.issue_decision(
        world.users["admin"],
        proposal,
        issuer=world.unit_a,
        signed_on=signed_on or timezone.localdate(),
        signer_name="Nguyễn Văn Ký",
        signer_title="Giám đốc",
    )


@pytest.fixture
def decided(world: Any, ready: Proposal) -> Decision:
    return issue(world, ready)


def workbook_bytes(sheets: dict[str, list[list[Any]]], fonts: dict[str, str] | None = None) -> bytes:
    """A workbook with the given sheets (first row: headers); ``fonts`` sets a font name on a sheet's cells."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                cell = sheet.cell(row=r, column=c, value=value)
                if fonts and name in fonts and r > 1:
                    cell.font = Font(name=fonts[name])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
