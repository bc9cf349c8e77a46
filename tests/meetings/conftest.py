"""A block with staff to invite, and meetings in each phase, on top of the shared ``world``.

Unit A (head of the block): a director and a deputy director (leaders), the head of office who handles emulation
work (officer), and a specialist who is not invited by default. Unit B (member): its director and its emulation
officer, whose account is ``officer_b``. The council member following the block is the ``council`` persona.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone

from tdkt.core.actors import SYSTEM
from tdkt.core.images import sample_photo
from tdkt.meetings import services
from tdkt.meetings.enums import Attendance, MeetingKind
from tdkt.meetings.models import Meeting
from tdkt.org import services as org_services
from tdkt.org.enums import PositionLevel
from tdkt.org.models import Person

SINCE = datetime.date(2020, 1, 1)


@dataclass
class Staff:
    director_a: Person
    deputy_a: Person
    officer_a: Person  # the shared world's person_a, head of office handling emulation
    specialist_a: Person
    director_b: Person  # the shared world's person_b
    officer_b: Person
    council: Person  # leader of unit C, council member following the block


def _appoint(person: Person, title: str, level: str, *, emulation: bool = False) -> None:
    org_services.appoint(
        SYSTEM, person, title=title, level=level, start_date=SINCE, handles_emulation=emulation
    )


def _person(world: Any, unit: Any, name: str, gender: str = "male") -> Person:
    return org_services.create_person(SYSTEM, unit=unit, full_name=name, gender=gender)


@pytest.fixture(autouse=True)
def media_in_tmp(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def staff(world: Any) -> Staff:
    director_a = _person(world, world.unit_a, "Trần Văn An")
    _appoint(director_a, "Giám đốc", PositionLevel.HEAD)
    deputy_a = _person(world, world.unit_a, "Phạm Thị Hoa", "female")
    _appoint(deputy_a, "Phó Giám đốc", PositionLevel.DEPUTY_HEAD)
    _appoint(world.person_a, "Chánh Văn phòng", PositionLevel.DIVISION_HEAD, emulation=True)
    specialist_a = _person(world, world.unit_a, "Lý Văn Đức")
    _appoint(specialist_a, "Chuyên viên", PositionLevel.STAFF)
    _appoint(world.person_b, "Giám đốc", PositionLevel.HEAD)
    officer_b = _person(world, world.unit_b, "Hoàng Thị Mai", "female")
    _appoint(officer_b, "Chuyên viên", PositionLevel.STAFF, emulation=True)
    account = world.users["officer_b"]
    account.person = officer_b
    account.save()
    council = world.users["council"].person
    return Staff(director_a, deputy_a, world.person_a, specialist_a, world.person_b, officer_b, council)


def schedule(
    world: Any, *, actor: Any = None, when: datetime.datetime | None = None, **extra: Any
) -> Meeting:
    """A six-month review of the world's block, hosted by unit A (the head)."""
    values: dict[str, Any] = {
        "kind": MeetingKind.MIDYEAR_REVIEW,
        "block": world.block,
        "year": world.block.memberships.first().year,
        "host_unit": world.unit_a,
        "venue": "Hội trường tầng 3, Sở Kế hoạch và Đầu tư",
        "starts_at": when or timezone.now() + datetime.timedelta(days=7),
    }
    values.update(extra)
    return services.create_meeting(actor or world.users["block_head"], **values)


@pytest.fixture
def planned(world: Any, staff: Staff) -> Meeting:
    """Scheduled for next week, invitations not sent yet."""
    return schedule(world)


@pytest.fixture
def held(world: Any, staff: Staff) -> Meeting:
    """Held yesterday, invitations sent beforehand, no roll call nor minutes yet."""
    meeting = schedule(world, when=timezone.now() - datetime.timedelta(days=1))
    services.invite(SYSTEM, meeting)
    return services.mark_held(SYSTEM, meeting)


@pytest.fixture
def locked(world: Any, held: Meeting) -> Meeting:
    """Held, everyone present, minutes approved and locked."""
    services.record_attendance(
        SYSTEM, held, {pk: Attendance.PRESENT for pk in held.attendees.values_list("pk", flat=True)}
    )
    services.save_minutes(SYSTEM, held, "Biên bản hội nghị sơ kết.")
    services.approve_minutes(SYSTEM, held)
    services.lock_minutes(SYSTEM, held)
    return Meeting.objects.get(pk=held.pk)


def photo_file(name: str = "hoi-nghi.jpg", size: tuple[int, int] = (800, 600)) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, sample_photo(size), content_type="image/jpeg")


# --- what an agenda item may link to ---------------------------------------------------------------------------


def make_pledge(block: Any, year: int) -> Any:
    from tdkt.emulation import services as emulation

    return emulation.create_pledge(SYSTEM, block=block, year=year)


def make_block_report(block: Any, year: int, units: list[Any]) -> Any:
    """A compiled (not circulated) six-month report of ``block`` for ``year``: every member in ``units`` submits
    a full report, then the block's draft is compiled."""
    from tdkt.org.enums import MembershipRole
    from tdkt.org.models import BlockMembership
    from tdkt.reports import services as reports
    from tdkt.reports.enums import PeriodKind

    for index, unit in enumerate(units):
        if not BlockMembership.objects.filter(block=block, year=year, unit=unit).exists():
            role = MembershipRole.HEAD if index == 0 else MembershipRole.MEMBER
            org_services.set_membership(SYSTEM, block=block, unit=unit, year=year, role=role)
    template = reports.create_template(
        SYSTEM,
        block=block,
        year=year,
        period=PeriodKind.SIX_MONTHS,
        submission_deadline=datetime.date(year, 12, 31),
    )
    for unit in units:
        report = reports.start_unit_report(SYSTEM, template, unit)
        reports.save_unit_report(
            SYSTEM,
            report,
            {section.pk: f"Nội dung của {unit.name}." for section in template.sections.all()},
            {indicator.pk: 1 for indicator in template.indicators.all()},
        )
        reports.submit_unit_report(SYSTEM, report)
    return reports.compile_block_report(SYSTEM, template)


@pytest.fixture
def pledge(world: Any) -> Any:
    """The block's pledge for the meetings' year (a draft)."""
    return make_pledge(world.block, world.block.memberships.first().year)


@pytest.fixture
def block_report(world: Any) -> Any:
    """The block's compiled six-month report for the meetings' year, not yet circulated to the members."""
    return make_block_report(world.block, world.block.memberships.first().year, [world.unit_a, world.unit_b])
