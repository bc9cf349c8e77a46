"""Personas and a small world, reused by every test that touches permissions.

The world: a province with units A (head of the block this year) and B (a member), and C outside the block; a
council whose member follows the block. Personas are real users with real roles (no mocks).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from hypothesis import settings as hypothesis_settings

from tdkt.accounts.models import User
from tdkt.core.actors import SYSTEM
from tdkt.core.enums import Role
from tdkt.org import services as org_services
from tdkt.org.enums import BlockKind, CouncilRole, Gender, MembershipRole, PositionLevel
from tdkt.org.models import Council, CouncilMember, EmulationBlock, Person, Province, Unit
from tdkt.org.queries import current_year

# Property tests check what holds, not how fast: on a shared two-core machine running two test workers an example
# may take longer than hypothesis's 200 ms default deadline, which made correct code fail at random.
hypothesis_settings.register_profile("tdkt", deadline=None)
hypothesis_settings.load_profile("tdkt")


@dataclass
class World:
    province: Province
    unit_a: Unit
    unit_b: Unit
    unit_c: Unit
    block: EmulationBlock
    council: Council
    person_a: Person
    person_b: Person
    users: dict[str, User]

    def client(self, persona: str) -> Client:
        client = Client()
        if persona != "anonymous":
            client.force_login(self.users[persona])
        return client


def make_user(username: str, role: str, unit: Unit | None, person: Person | None = None) -> User:
    user = User(username=username, role=role, unit=unit, person=person, is_staff=role == Role.SYSTEM_ADMIN)
    user.set_password("x")
    user.save()
    return user


@pytest.fixture
def world(db: Any) -> World:
    year = current_year()
    province = Province(name="Tỉnh Thử Nghiệm", place_name="Thử Nghiệm", abbreviation="TN")
    province.save()
    units = []
    for name, abbreviation in (("Sở Kế hoạch và Đầu tư", "SKHĐT"), ("Sở Tư pháp", "STP"), ("Sở Y tế", "SYT")):
        unit = Unit(province=province, name=name, abbreviation=abbreviation)
        unit.save()
        units.append(unit)
    unit_a, unit_b, unit_c = units
    block = EmulationBlock(
        province=province,
        name="Khối thi đua các cơ quan tham mưu tổng hợp tỉnh",
        abbreviation="KTMTH",
        kind=BlockKind.BLOCK,
    )
    block.save()
    org_services.set_membership(SYSTEM, block=block, unit=unit_a, year=year, role=MembershipRole.HEAD)
    org_services.set_membership(SYSTEM, block=block, unit=unit_b, year=year, role=MembershipRole.MEMBER)
    person_a = org_services.create_person(
        SYSTEM, unit=unit_a, full_name="Đặng Thị Ánh Tuyết", gender=Gender.FEMALE
    )
    person_b = org_services.create_person(
        SYSTEM,
        unit=unit_b,
        full_name="Nguyễn Văn Bình",
        gender=Gender.MALE,
        date_of_birth=datetime.date(1980, 5, 1),
    )
    leader_c = org_services.create_person(SYSTEM, unit=unit_c, full_name="Lê Minh Châu", gender=Gender.FEMALE)
    org_services.appoint(
        SYSTEM, leader_c, title="Giám đốc", level=PositionLevel.HEAD, start_date=datetime.date(2020, 1, 1)
    )
    council = Council(province=province, term="2021–2026", start_date=datetime.date(2021, 7, 1))
    council.save()
    seat = CouncilMember(council=council, person=leader_c, role=CouncilRole.MEMBER, title="Giám đốc Sở Y tế")
    seat.save()
    org_services.assign_followup(SYSTEM, block=block, council_member=seat, year=year)
    users = {
        "admin": make_user("admin", Role.SYSTEM_ADMIN, None),
        "officer_a": make_user("canbo.a", Role.UNIT_OFFICER, unit_a),
        "leader_a": make_user("lanhdao.a", Role.UNIT_LEADER, unit_a),
        "viewer_a": make_user("xem.a", Role.VIEWER, unit_a),
        "officer_b": make_user("canbo.b", Role.UNIT_OFFICER, unit_b),
        "officer_c": make_user("canbo.c", Role.UNIT_OFFICER, unit_c),
        "council": make_user("hoidong", Role.COUNCIL_MEMBER, unit_c, leader_c),
    }
    users["block_head"] = users["officer_a"]  # unit A heads the block this year
    return World(province, unit_a, unit_b, unit_c, block, council, person_a, person_b, users)
