"""The home page's work queue for scoring, and pages that cost the same number of queries for a block of four
units as for a block of eight (no N+1 over units, sheets or lines)."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tdkt.core.actors import SYSTEM
from tdkt.core.worklist import pending_work
from tdkt.emulation import services as emulation
from tdkt.org import services as org_services
from tdkt.org.enums import MembershipRole
from tdkt.org.models import EmulationBlock, Unit
from tdkt.scoring import services
from tdkt.scoring.enums import SheetKind
from tests.scoring.conftest import deadlines, fill, full_points, keys, self_sheet


def titles(user):
    return [item.title for item in pending_work(user)]


def test_each_member_is_asked_for_its_sheets_and_the_head_for_the_discrepancies(world, self_round, year):
    assert f"Tự chấm điểm thi đua năm {year}" in titles(world.users["officer_b"])
    fill(world.users["officer_b"], self_sheet(self_round, world.unit_b), full_points(self_round))
    assert f"Tự chấm điểm thi đua năm {year}" not in titles(world.users["officer_b"])
    for unit in (world.unit_a, world.unit_d, world.unit_e):
        fill(SYSTEM, self_sheet(self_round, unit), full_points(self_round))
    services.open_cross_scoring(SYSTEM, self_round)
    assert f"Chấm chéo thi đua năm {year}: 3 phiếu chưa nộp" in titles(world.users["leader_b"])
    assert not any("Chấm chéo" in t for t in titles(world.users["viewer_a"]))
    names = keys(self_round)
    for sheet in self_round.sheets.filter(kind=SheetKind.PEER):
        points = full_points(self_round)
        if sheet.unit_id == world.unit_b.pk:
            points[names["I › 2"]] = 10
        fill(SYSTEM, sheet, points)
    assert "Xử lý 1 chênh lệch điểm" in titles(world.users["officer_a"])
    assert "Xử lý 1 chênh lệch điểm" in titles(world.users["officer_d"])
    assert not any("chênh lệch" in t for t in titles(world.users["officer_b"]))


def _closed_round(world, year, tree, units):
    block = EmulationBlock(
        province=world.province, name=f"Cụm thi đua {len(units)} đơn vị", abbreviation=f"C{len(units)}"
    )
    block.save()
    for i, unit in enumerate(units):
        role = MembershipRole.HEAD if i == 0 else MembershipRole.MEMBER
        org_services.set_membership(SYSTEM, block=block, unit=unit, year=year, role=role)
    pledge = emulation.create_pledge(SYSTEM, block=block, year=year, targets="Chỉ tiêu")
    emulation.set_scoring_table(SYSTEM, pledge, tree)
    emulation.open_for_signing(SYSTEM, pledge)
    for unit in units:
        emulation.sign_pledge(SYSTEM, pledge, unit=unit, signer_name="Người ký")
    scoring_round = services.create_round(
        SYSTEM, pledge, tie_rules=["group:I"], margin="100", margin_unit="percent", **deadlines()
    )
    services.open_self_scoring(SYSTEM, scoring_round)
    for unit in units:
        fill(SYSTEM, self_sheet(scoring_round, unit), full_points(scoring_round))
    services.open_cross_scoring(SYSTEM, scoring_round)
    for sheet in scoring_round.sheets.filter(kind=SheetKind.PEER):
        fill(SYSTEM, sheet, full_points(scoring_round, "0.7"))
    services.close_scoring(SYSTEM, scoring_round)
    return scoring_round


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_pages_cost_the_same_for_four_units_as_for_eight(world, year, tree):
    def units(prefix, count):
        made = []
        for i in range(count):
            unit = Unit(
                province=world.province, name=f"Ủy ban nhân dân xã {prefix}{i}", abbreviation=f"{prefix}{i}"
            )
            unit.save()
            made.append(unit)
        return made

    small = _closed_round(world, year, tree, units("N", 4))
    large = _closed_round(world, year, tree, units("L", 8))
    admin = world.client("admin")
    for name in ("round_detail", "flags", "ranking"):
        assert _count(admin, reverse(f"scoring:{name}", args=[small.pk])) == _count(
            admin, reverse(f"scoring:{name}", args=[large.pk])
        ), name
    first_small = small.final_scores.order_by("rank").first()
    first_large = large.final_scores.order_by("rank").first()
    assert _count(admin, reverse("scoring:breakdown", args=[small.pk, first_small.unit_id])) == _count(
        admin, reverse("scoring:breakdown", args=[large.pk, first_large.unit_id])
    )
