"""Fixtures of the emulation tests: a scoring table, pledges in each phase, a leader for unit B, registrations.

Everything is made through the services (with the system actor where a loader would act), so the fixtures
exercise the same paths as the pages.
"""

from __future__ import annotations

import copy
import datetime
from typing import Any

import pytest

from tdkt.core.actors import SYSTEM
from tdkt.core.enums import Role
from tdkt.emulation import services
from tdkt.emulation.enums import CollectiveTitle, IndividualTitle
from tdkt.emulation.models import Pledge, Registration
from tdkt.org import services as org_services
from tdkt.org.enums import Gender
from tdkt.org.queries import current_year
from tests.conftest import make_user

SAMPLE_TREE: dict[str, Any] = {
    "criteria": [
        {
            "code": "I",
            "name": "Thực hiện nhiệm vụ chính trị, chuyên môn",
            "max_points": 60,
            "children": [
                {
                    "code": "1",
                    "name": "Hoàn thành các chỉ tiêu, nhiệm vụ được giao",
                    "max_points": 30,
                    "children": [
                        {"code": "1.1", "name": "Chỉ tiêu kinh tế - xã hội", "max_points": 10},
                        {"code": "1.2", "name": "Nhiệm vụ tham mưu", "max_points": 20},
                    ],
                },
                {"code": "2", "name": "Cải cách hành chính, chuyển đổi số", "max_points": 30},
            ],
        },
        {
            "code": "II",
            "name": "Tổ chức phong trào thi đua, công tác khen thưởng",
            "max_points": 40,
            "children": [
                {"code": "3", "name": "Đăng ký, ký kết giao ước thi đua", "max_points": "25"},
                {
                    "code": "4",
                    "name": "Báo cáo đúng hạn",
                    "max_points": "15",
                    "guidance": "Nộp muộn trừ 1 điểm.",
                },
            ],
        },
    ],
    "bonus_items": [{"code": "1", "name": "Được tặng Cờ thi đua của Chính phủ", "points": 2, "cap": 4}],
    "penalty_items": [
        {"code": "1", "name": "Nộp báo cáo muộn", "points": "0,5", "cap": 2},
        {"code": "2", "name": "Cán bộ bị kỷ luật", "points": 1, "cap": 3},
    ],
    "bonus_cap": 5,
    "penalty_cap": 5,
}


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def year() -> int:
    return current_year()


@pytest.fixture
def tree() -> dict[str, Any]:
    return copy.deepcopy(SAMPLE_TREE)


@pytest.fixture
def leader_b(world: Any) -> Any:
    user = make_user("lanhdao.b", Role.UNIT_LEADER, world.unit_b)
    world.users["leader_b"] = user
    return user


@pytest.fixture
def draft_pledge(world: Any, year: int, tree: dict[str, Any]) -> Pledge:
    pledge = services.create_pledge(
        SYSTEM,
        block=world.block,
        year=year,
        targets="Hoàn thành xuất sắc nhiệm vụ chính trị năm.",
        signing_deadline=datetime.date(year, 12, 31),
    )
    services.set_scoring_table(SYSTEM, pledge, tree)
    pledge.refresh_from_db()
    return pledge


@pytest.fixture
def open_pledge(draft_pledge: Pledge) -> Pledge:
    return services.open_for_signing(SYSTEM, draft_pledge)


@pytest.fixture
def signed_pledge(open_pledge: Pledge, world: Any) -> Pledge:
    services.sign_pledge(world.users["officer_a"], open_pledge)
    services.sign_pledge(world.users["officer_b"], open_pledge)
    open_pledge.refresh_from_db()
    return open_pledge


@pytest.fixture
def staff_b(world: Any) -> list[Any]:
    """Unit B's staff list: Nguyễn Văn Bình (from the world) and three more, one of them no longer working."""
    people = [world.person_b]
    for name, gender in (("Trần Thị An", Gender.FEMALE), ("Lê Văn Cường", Gender.MALE)):
        people.append(org_services.create_person(SYSTEM, unit=world.unit_b, full_name=name, gender=gender))
    gone = org_services.create_person(
        SYSTEM, unit=world.unit_b, full_name="Phạm Văn Đã Nghỉ", gender=Gender.MALE
    )
    org_services.update_person(SYSTEM, gone, is_active=False)
    people.append(gone)
    return people


@pytest.fixture
def registration_b(world: Any, year: int, staff_b: list[Any]) -> Registration:
    """Unit B's draft registration, made by its emulation officer."""
    return services.create_registration(
        world.users["officer_b"],
        unit=world.unit_b,
        year=year,
        collective_titles=[CollectiveTitle.TAP_THE_LAO_DONG_XUAT_SAC],
        people={
            staff_b[0]: [IndividualTitle.LAO_DONG_TIEN_TIEN, IndividualTitle.CHIEN_SI_THI_DUA_CO_SO],
            staff_b[1].pk: [IndividualTitle.LAO_DONG_TIEN_TIEN],
        },
    )


@pytest.fixture
def submitted_b(registration_b: Registration, world: Any) -> Registration:
    return services.submit_registration(world.users["officer_b"], registration_b)
