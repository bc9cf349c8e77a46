from __future__ import annotations

import datetime
import unicodedata

import pytest
from django.core.exceptions import ValidationError

from tdkt.core.actors import SYSTEM
from tdkt.org import services as org_services
from tdkt.org.enums import MembershipRole
from tdkt.org.models import Person, Position
from tdkt.org.queries import council_members, current_year


def test_person_name_is_stored_nfc_split_and_folded(world):
    decomposed = unicodedata.normalize("NFD", "  Tôn Nữ   Thị Hà ")
    person = org_services.create_person(SYSTEM, unit=world.unit_a, full_name=decomposed, gender="female")
    person.refresh_from_db()
    assert person.full_name == unicodedata.normalize("NFC", "Tôn Nữ Thị Hà")
    assert (person.family_name, person.middle_name, person.given_name) == ("Tôn Nữ", "Thị", "Hà")
    assert person.name_search == " ton nu thi ha"


def test_people_sort_by_given_name_then_family_name(world):
    for name in ("Trần Văn Bình", "Lê Thị Bình", "Nguyễn Văn An", "Phạm Văn Ân", "Vũ Đức Ấn"):
        org_services.create_person(SYSTEM, unit=world.unit_c, full_name=name, gender="male")
    names = list(
        Person.objects.filter(unit=world.unit_c)
        .exclude(full_name="Lê Minh Châu")
        .order_by("name_sort")
        .values_list("full_name", flat=True)
    )
    assert names == ["Nguyễn Văn An", "Phạm Văn Ân", "Vũ Đức Ấn", "Lê Thị Bình", "Trần Văn Bình"]


def test_appoint_closes_the_previous_position(world):
    first = org_services.appoint(
        SYSTEM, world.person_a, title="Chuyên viên", start_date=datetime.date(2018, 1, 1)
    )
    org_services.appoint(
        SYSTEM, world.person_a, title="Phó Chánh Văn phòng", start_date=datetime.date(2021, 3, 1)
    )
    first.refresh_from_db()
    assert first.end_date == datetime.date(2021, 2, 28)
    assert Position.objects.filter(person=world.person_a, end_date__isnull=True).count() == 1


def test_one_head_per_block_and_year(world):
    with pytest.raises(ValidationError, match="Khối trưởng"):
        org_services.set_membership(
            SYSTEM, block=world.block, unit=world.unit_b, year=current_year(), role=MembershipRole.HEAD
        )
    assert world.block.memberships.get(unit=world.unit_b, year=current_year()).role == MembershipRole.MEMBER


def test_a_unit_is_in_one_block_per_year(world):
    from tdkt.org.models import EmulationBlock

    other = EmulationBlock(
        province=world.province, name="Khối thi đua các cơ quan kinh tế", abbreviation="KKT"
    )
    other.save()
    with pytest.raises(ValidationError):
        org_services.set_membership(SYSTEM, block=other, unit=world.unit_a, year=current_year())


def test_followup_must_fall_in_the_council_term(world):
    seat = world.council.members.first()
    with pytest.raises(ValidationError):
        org_services.assign_followup(SYSTEM, block=world.block, council_member=seat, year=2019)


def test_council_members_in_official_order(world):
    from tdkt.org.enums import CouncilRole
    from tdkt.org.models import CouncilMember

    for name, role in (
        ("Hoàng Văn Thư", CouncilRole.SECRETARY),
        ("Phan Văn Chủ", CouncilRole.CHAIR),
        ("Bùi Thị Phó", CouncilRole.VICE_CHAIR),
    ):
        person = org_services.create_person(SYSTEM, unit=world.unit_c, full_name=name, gender="male")
        CouncilMember(council=world.council, person=person, role=role).save()
    roles = [m.role for m in council_members(world.council)]
    assert roles == ["chair", "vice_chair", "member", "secretary"]
