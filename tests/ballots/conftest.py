"""A block with enough member units to vote, and ballot sessions in each state, on top of the shared ``world``.

The block (head: unit A) gets seven more member units D…J, each with an emulation officer account
(``canbo.d``…); unit B gets a leader (``lanhdao.b``) besides its officer, so two accounts can try to cast B's one
vote. Everything is made through the services.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from tdkt.accounts.models import User
from tdkt.ballots import services
from tdkt.ballots.models import BallotSession
from tdkt.core.actors import SYSTEM
from tdkt.core.enums import Role
from tdkt.org import services as org_services
from tdkt.org.enums import MembershipRole
from tdkt.org.models import Unit
from tdkt.org.queries import current_year
from tests.conftest import make_user

EXTRA_UNITS = (
    ("Sở Tài chính", "STC", "d"),
    ("Thanh tra tỉnh", "TTr", "e"),
    ("Sở Nội vụ", "SNV", "f"),
    ("Văn phòng Ủy ban nhân dân tỉnh", "VPUBND", "g"),
    ("Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh", "VPĐĐBQH", "h"),
    ("Sở Ngoại vụ", "SNgV", "i"),
    ("Ban Dân tộc", "BDT", "j"),
)


@dataclass
class Voters:
    """The voting units of the block in ballot order (unit → the account that votes for it)."""

    accounts: dict[int, User]

    def account(self, unit: Unit) -> User:
        return self.accounts[unit.pk]


@pytest.fixture
def voters(world: Any) -> Voters:
    year = current_year()
    accounts = {world.unit_a.pk: world.users["officer_a"], world.unit_b.pk: world.users["officer_b"]}
    for name, abbreviation, letter in EXTRA_UNITS:
        unit = Unit(province=world.province, name=name, abbreviation=abbreviation)
        unit.save()
        org_services.set_membership(
            SYSTEM, block=world.block, unit=unit, year=year, role=MembershipRole.MEMBER
        )
        accounts[unit.pk] = make_user(f"canbo.{letter}", Role.UNIT_OFFICER, unit)
    world.users["leader_b"] = make_user("lanhdao.b", Role.UNIT_LEADER, world.unit_b)
    return Voters(accounts)


def make_session(world: Any, **extra: Any) -> BallotSession:
    values: dict[str, Any] = {
        "question": "Đề nghị tặng Cờ thi đua của Ủy ban nhân dân tỉnh",
        "year": current_year(),
        "block": world.block,
        "max_choices": 1,
        "threshold": "1/2",
        "threshold_comparison": "gt",
        "threshold_base": "roll",
        "quorum": "2/3",
        "rule_source": "Quy chế hoạt động của Khối, Điều 9",
    }
    values.update(extra)
    return services.create_session(world.users["block_head"], **values)


@pytest.fixture
def draft(world: Any, voters: Voters) -> BallotSession:
    return make_session(world)


@pytest.fixture
def opened(world: Any, draft: BallotSession) -> BallotSession:
    return services.open_session(world.users["block_head"], draft)


def candidate_ids(session: BallotSession) -> list[int]:
    return list(session.candidates.order_by("order").values_list("pk", flat=True))
