"""List pages cost the same number of queries for one row as for many (no N+1)."""

from __future__ import annotations

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tdkt.core.actors import SYSTEM
from tdkt.core.worklist import pending_work
from tdkt.emulation import services
from tdkt.emulation.enums import IndividualTitle, MovementKind
from tdkt.org import services as org_services
from tdkt.org.enums import Gender, MembershipRole
from tdkt.org.models import EmulationBlock, Unit


def _queries(client, url, **params):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params).status_code == 200
    return len(ctx.captured_queries)


def _more_blocks(world, year, count, tree):
    """More blocks, each with a head unit, a member unit, a pledge open for signing and submitted registrations."""
    for i in range(count):
        block = EmulationBlock(province=world.province, name=f"Cụm thi đua số {i}", abbreviation=f"C{i}")
        block.save()
        head = Unit(province=world.province, name=f"Ủy ban nhân dân xã Số {i}", abbreviation=f"X{i}")
        head.save()
        member = Unit(province=world.province, name=f"Ủy ban nhân dân phường Số {i}", abbreviation=f"P{i}")
        member.save()
        org_services.set_membership(SYSTEM, block=block, unit=head, year=year, role=MembershipRole.HEAD)
        org_services.set_membership(SYSTEM, block=block, unit=member, year=year)
        pledge = services.create_pledge(SYSTEM, block=block, year=year, targets="Chỉ tiêu")
        services.set_scoring_table(SYSTEM, pledge, tree)
        services.open_for_signing(SYSTEM, pledge)
        services.sign_pledge(SYSTEM, pledge, unit=member, signer_name="Người ký")
        services.create_movement(
            SYSTEM,
            name=f"Phong trào số {i}",
            kind=MovementKind.REGULAR,
            year=year,
            blocks=[block],
            units=[head],
        )
        person = org_services.create_person(
            SYSTEM, unit=member, full_name=f"Nguyễn Văn Số{i}", gender=Gender.MALE
        )
        for unit in (head, member):
            registration = services.create_registration(
                SYSTEM,
                unit=unit,
                year=year,
                collective_titles=["tap_the_lao_dong_tien_tien"],
                people={person: [IndividualTitle.LAO_DONG_TIEN_TIEN]} if unit == member else {},
            )
            services.submit_registration(SYSTEM, registration)


def test_movement_list(world, year, tree):
    services.create_movement(
        SYSTEM, name="Phong trào toàn tỉnh", kind=MovementKind.REGULAR, year=year, province_wide=True
    )
    client = world.client("admin")
    few = _queries(client, reverse("emulation:movement_list"))
    _more_blocks(world, year, 12, tree)
    assert _queries(client, reverse("emulation:movement_list")) == few


def test_pledge_list(world, year, draft_pledge, tree):
    client = world.client("council")
    few = _queries(client, reverse("emulation:pledge_list"), nam=year)
    _more_blocks(world, year, 12, tree)
    assert _queries(client, reverse("emulation:pledge_list"), nam=year) == few


def test_registration_scope_and_export(world, year, submitted_b, tree):
    client = world.client("admin")
    scope = _queries(client, reverse("emulation:registration_scope"), nam=year)
    export = _queries(client, reverse("documents:registrations"), nam=year)
    _more_blocks(world, year, 12, tree)
    assert _queries(client, reverse("emulation:registration_scope"), nam=year) == scope
    assert _queries(client, reverse("documents:registrations"), nam=year) == export


def test_pledge_detail_and_versions(world, year, open_pledge, tree):
    client = world.client("block_head")
    detail = _queries(client, reverse("emulation:pledge_detail", args=[open_pledge.pk]))
    for i in range(10):
        unit = Unit(province=world.province, name=f"Sở Thêm {i}", abbreviation=f"ST{i}")
        unit.save()
        org_services.set_membership(SYSTEM, block=world.block, unit=unit, year=year)
        services.sign_pledge(SYSTEM, open_pledge, unit=unit, signer_name=f"Người ký {i}")
    assert _queries(client, reverse("emulation:pledge_detail", args=[open_pledge.pk])) == detail


def test_versions_list(world, draft_pledge, tree):
    client = world.client("officer_b")
    few = _queries(client, reverse("emulation:pledge_versions", args=[draft_pledge.pk]))
    for i in range(10):
        tree["criteria"][0]["name"] = f"Nhóm I, lần sửa {i}"
        services.set_scoring_table(world.users["block_head"], draft_pledge, tree)
    assert _queries(client, reverse("emulation:pledge_versions", args=[draft_pledge.pk])) == few


def test_approvals_page(world, year, submitted_b, leader_b):
    client = world.client("leader_b")
    few = _queries(client, reverse("emulation:registration_approvals"))
    for offset in range(1, 6):
        registration = services.create_registration(
            SYSTEM,
            unit=world.unit_b,
            year=year - offset,
            collective_titles=["tap_the_lao_dong_tien_tien"],
            people={world.person_b: [IndividualTitle.LAO_DONG_TIEN_TIEN]},
        )
        services.submit_registration(SYSTEM, registration)
    assert _queries(client, reverse("emulation:registration_approvals")) == few


def test_work_queue_is_bounded(world, year, open_pledge, tree, leader_b):
    def count(user):
        with CaptureQueriesContext(connection) as ctx:
            pending_work(user)
        return len(ctx.captured_queries)

    before = {persona: count(world.users[persona]) for persona in ("officer_b", "leader_b", "block_head")}
    _more_blocks(world, year, 5, tree)
    for i in range(5):
        unit = Unit(province=world.province, name=f"Sở Khác {i}", abbreviation=f"SK{i}")
        unit.save()
        org_services.set_membership(SYSTEM, block=world.block, unit=unit, year=year)
    assert {persona: count(world.users[persona]) for persona in before} == before
    assert datetime.date(year, 12, 31) in {item.due for item in pending_work(world.users["block_head"])}
