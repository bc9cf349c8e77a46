"""History services: checks, permissions (the unit's officer for its own people, Phòng TĐKT for everyone), the
audit entry of each write, external decisions recorded once."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tdkt.awards import services
from tdkt.awards.enums import Action
from tdkt.awards.models import AwardRecord, Decision, Hold, PersonYear
from tdkt.core.actors import SYSTEM
from tdkt.core.models import AuditEntry

from .conftest import YEAR

REF = services.DecisionRef(
    issuer_name="Ủy ban nhân dân tỉnh", number=1520, symbol="QĐ-UBND", signed_on=datetime.date(2024, 12, 20)
)


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [
        ("admin", True),
        ("officer_a", True),
        ("leader_a", False),
        ("viewer_a", False),
        ("officer_b", False),
        ("council", False),
    ],
)
def test_who_keeps_a_persons_history(world, persona, allowed):
    actor = world.users[persona]
    if allowed:
        row = services.set_rating(actor, world.person_a, year=2024, rating="HTTNV")
        assert row.unit == world.unit_a
        assert AuditEntry.objects.filter(action=Action.RATING_SET, actor=actor).exists()
    else:
        with pytest.raises(PermissionDenied):
            services.set_rating(actor, world.person_a, year=2024, rating="HTTNV")
        assert not PersonYear.objects.exists()


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"rating": "XUATSAC"}, "không hợp lệ"),
        ({"rating": "HTTNV", "months_worked": 13}, "từ 0 đến 12"),
        ({"rating": "HTTNV", "months_worked": 8, "leave": {"maternity": 6}}, "vượt quá 12 tháng"),
        ({"rating": "HTTNV", "leave": {"holiday": 1}}, "Loại nghỉ"),
        ({"rating": "HTTNV", "year": YEAR + 1}, "chưa đến"),
    ],
)
def test_a_rating_is_checked_before_it_is_written(world, values, message):
    values = {"year": 2024, "months_worked": 12, **values}
    with pytest.raises(ValidationError) as error:
        services.set_rating(world.users["officer_a"], world.person_a, **values)
    assert message in " ".join(error.value.messages)
    assert not PersonYear.objects.exists()


def test_a_rating_is_replaced_with_its_leave(world):
    officer = world.users["officer_a"]
    services.set_rating(
        officer, world.person_a, year=2024, rating="HTTNV", months_worked=6, leave={"maternity": 6}
    )
    row = services.set_rating(
        officer, world.person_a, year=2024, rating="HTXSNV", months_worked=10, leave={"sick": 2}
    )
    assert PersonYear.objects.count() == 1
    assert {leave.kind: leave.months for leave in row.leaves.all()} == {"sick": 2}
    entry = AuditEntry.objects.filter(action=Action.RATING_SET).first()
    assert entry.before["rating"] == "HTTNV" and entry.after["rating"] == "HTXSNV"


def test_a_past_award_is_entered_once_under_its_external_decision(world, past):
    assert past.external and past.reference == "15/QĐ-SKHĐT"
    # a second person from the same decision: the decision is reused, the entry appended
    second = services.record_past_award(
        world.users["admin"],
        world.person_b,
        award_code="Chiến sĩ thi đua cơ sở",  # by name
        year=YEAR - 2,
        decision=services.DecisionRef(
            issuer_name="sở kế hoạch và đầu tư",
            number=15,
            symbol="QĐ-SKHĐT",
            signed_on=datetime.date(YEAR - 1, 1, 10),
        ),
    )
    assert second.decision == past and second.order == 2
    assert Decision.objects.count() == 1
    with pytest.raises(ValidationError, match="đã có Chiến sĩ thi đua cơ sở"):
        services.record_past_award(
            world.users["admin"],
            world.person_a,
            award_code="chien_si_thi_dua_co_so",
            year=YEAR - 2,
            decision=REF,
        )
    with pytest.raises(ValidationError, match="không dành cho tập thể"):
        services.record_past_award(
            world.users["admin"], world.unit_a, award_code="lao_dong_tien_tien", year=2024, decision=REF
        )
    with pytest.raises(ValidationError, match="Không có danh hiệu"):
        services.record_past_award(
            world.users["admin"], world.person_a, award_code="huy_chuong_vang", year=2024, decision=REF
        )
    with pytest.raises(PermissionDenied):
        services.record_past_award(
            world.users["officer_b"], world.person_a, award_code="bang_khen_tinh", year=2024, decision=REF
        )
    assert AwardRecord.objects.count() == 2


def test_holds_are_set_and_lifted(world):
    hold = services.set_hold(
        world.users["officer_a"],
        world.person_a,
        kind="under_discipline_review",
        start=datetime.date(2025, 3, 1),
    )
    assert hold.end is None
    with pytest.raises(ValidationError, match="không hợp lệ"):
        services.set_hold(
            world.users["officer_a"], world.person_a, kind="rumour", start=datetime.date(2025, 3, 1)
        )
    with pytest.raises(PermissionDenied):
        services.lift_hold(world.users["officer_b"], hold)
    services.lift_hold(world.users["admin"], hold, end=datetime.date(2025, 6, 30))
    assert Hold.objects.get().end == datetime.date(2025, 6, 30)
    with pytest.raises(ValidationError, match="đã kết thúc"):
        services.lift_hold(world.users["admin"], hold)
    unit_hold = services.set_hold(
        world.users["officer_a"], world.unit_a, kind="inspection_with_signs", start=datetime.date(2025, 3, 1)
    )
    assert unit_hold.unit == world.unit_a and unit_hold.person is None
    assert AuditEntry.objects.filter(action=Action.HOLD_SET).count() == 2
    assert AuditEntry.objects.filter(action=Action.HOLD_LIFTED).count() == 1


def test_initiatives_and_discipline(world):
    initiative = services.add_initiative(
        world.users["officer_a"],
        world.person_a,
        year=2024,
        title="  Số hóa   hồ sơ ",
        scope="grassroots",
        decision=REF,
    )
    assert initiative.title == "Số hóa hồ sơ" and initiative.decision.kind == "initiative"
    with pytest.raises(ValidationError, match="Phạm vi"):
        services.add_initiative(
            world.users["officer_a"], world.person_a, year=2024, title="X", scope="global", decision=REF
        )
    discipline = services.add_discipline(
        world.users["officer_a"],
        world.person_a,
        level="warning",
        start=datetime.date(2024, 5, 1),
        end=datetime.date(2025, 4, 30),
    )
    assert discipline.get_level_display() == "Cảnh cáo"
    with pytest.raises(ValidationError, match="sau ngày bắt đầu"):
        services.add_discipline(
            world.users["officer_a"],
            world.person_a,
            level="warning",
            start=datetime.date(2024, 5, 1),
            end=datetime.date(2024, 4, 1),
        )


def test_a_collectives_rating(world):
    services.set_unit_rating(world.users["officer_a"], world.unit_a, year=2024, rating="HTXSNV")
    with pytest.raises(PermissionDenied):
        services.set_unit_rating(world.users["officer_b"], world.unit_a, year=2024, rating="HTXSNV")
    with pytest.raises(ValidationError):
        services.set_unit_rating(SYSTEM, world.unit_a, year=2024, rating="")
