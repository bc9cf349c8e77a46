"""Fixtures of the scoring tests: a block of four member units (A head, D deputy, B and E members) with a signed
pledge, rounds in each phase, and helpers that fill sheets through the services.

Everything is made through the services (the system actor where a loader would act), so the fixtures take the
same paths as the pages and the API.
"""

from __future__ import annotations

import copy
import datetime
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

import pytest

from tdkt.core.actors import SYSTEM
from tdkt.core.enums import Role
from tdkt.emulation import services as emulation
from tdkt.emulation.models import Pledge
from tdkt.org import services as org_services
from tdkt.org.enums import MembershipRole
from tdkt.org.models import Unit
from tdkt.org.queries import current_year
from tdkt.scoring import services
from tdkt.scoring.enums import SheetKind
from tdkt.scoring.models import ScoreSheet, ScoringRound
from tdkt.scoring.queries import table_rows
from tests.conftest import make_user
from tests.emulation.conftest import SAMPLE_TREE

TODAY = datetime.date.today()


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def year() -> int:
    return current_year()


@pytest.fixture
def block4(world: Any, year: int) -> Any:
    """The world's block with two more members: D (deputy) and E; their officers, and B's leader."""
    for name, abbreviation, role, persona in (
        ("Sở Tài chính", "STC", MembershipRole.DEPUTY, "officer_d"),
        ("Thanh tra tỉnh", "TTr", MembershipRole.MEMBER, "officer_e"),
    ):
        unit = Unit(province=world.province, name=name, abbreviation=abbreviation)
        unit.save()
        org_services.set_membership(SYSTEM, block=world.block, unit=unit, year=year, role=role)
        world.users[persona] = make_user(f"canbo.{abbreviation.lower()}", Role.UNIT_OFFICER, unit)
        setattr(world, "unit_" + persona[-1], unit)
    world.users["leader_b"] = make_user("lanhdao.b", Role.UNIT_LEADER, world.unit_b)
    return world


@pytest.fixture
def tree() -> dict[str, Any]:
    return copy.deepcopy(SAMPLE_TREE)


@pytest.fixture
def signed_pledge(block4: Any, year: int, tree: dict[str, Any]) -> Pledge:
    pledge = emulation.create_pledge(
        SYSTEM, block=block4.block, year=year, targets="Hoàn thành xuất sắc nhiệm vụ."
    )
    emulation.set_scoring_table(SYSTEM, pledge, tree)
    emulation.open_for_signing(SYSTEM, pledge)
    for unit in (block4.unit_a, block4.unit_b, block4.unit_d, block4.unit_e):
        emulation.sign_pledge(SYSTEM, pledge, unit=unit, signer_name="Người ký")
    pledge.refresh_from_db()
    return pledge


def deadlines(days: int = 10) -> dict[str, datetime.date]:
    return {
        "self_deadline": TODAY + datetime.timedelta(days=days),
        "cross_deadline": TODAY + datetime.timedelta(days=2 * days),
    }


@pytest.fixture
def make_round(signed_pledge: Pledge) -> Callable[..., ScoringRound]:
    def make(**config: Any) -> ScoringRound:
        return services.create_round(SYSTEM, signed_pledge, **{**deadlines(), **config})

    return make


@pytest.fixture
def draft_round(make_round: Callable[..., ScoringRound]) -> ScoringRound:
    return make_round(margin="5", tie_rules=["group:I", "fewer_penalties"])


@pytest.fixture
def self_round(draft_round: ScoringRound) -> ScoringRound:
    return services.open_self_scoring(SYSTEM, draft_round)


def keys(scoring_round: ScoringRound) -> dict[str, str]:
    """Line keys by the row's code path ("I › 1 › 1.1", "bonus 1", "penalty 2")."""
    found = {}
    for row in table_rows(scoring_round):
        if row.takes_points:
            name = row.path if row.kind == "criterion" else f"{row.kind} {row.code}"
            found[name] = row.key
    return found


#: A full sheet by code path; values are fractions of each criterion's maximum.
def full_points(scoring_round: ScoringRound, fraction: str = "0.8", **extra: Any) -> dict[str, Any]:
    points: dict[str, Any] = {}
    for row in table_rows(scoring_round):
        if row.kind == "criterion":
            points[row.key] = (row.maximum * Decimal(fraction)).quantize(Decimal("0.01"))
    names = keys(scoring_round)
    for name, value in extra.items():
        points[names[name.replace("_", " ")]] = value
    return points


def fill(
    actor: Any, sheet: ScoreSheet, points: Mapping[str, Any], *, submit: bool = True, **kwargs: Any
) -> ScoreSheet:
    services.save_sheet(actor, sheet, points=points, **kwargs)
    if submit:
        services.submit_sheet(actor, sheet)
    sheet.refresh_from_db()
    return sheet


def self_sheet(scoring_round: ScoringRound, unit: Unit) -> ScoreSheet:
    return scoring_round.sheets.get(kind=SheetKind.SELF, unit=unit)


def peer_sheet(scoring_round: ScoringRound, scorer: Unit, unit: Unit) -> ScoreSheet:
    return scoring_round.sheets.get(kind=SheetKind.PEER, scorer_unit=scorer, unit=unit)


@pytest.fixture
def cross_round(self_round: ScoringRound, block4: Any) -> ScoringRound:
    """Every unit has submitted its self score (80 % everywhere); cross scoring is open."""
    for unit in (block4.unit_a, block4.unit_b, block4.unit_d, block4.unit_e):
        fill(SYSTEM, self_sheet(self_round, unit), full_points(self_round))
    return services.open_cross_scoring(SYSTEM, self_round)


def score_all_peers(scoring_round: ScoringRound, fraction: str = "0.8") -> None:
    for sheet in scoring_round.sheets.filter(kind=SheetKind.PEER):
        fill(SYSTEM, sheet, full_points(scoring_round, fraction))
