"""Bonus amounts: coefficient × base salary on the decision date, rounded up to 10,000 đồng; same-period rule."""

from __future__ import annotations

import datetime
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tdkt.rules import (
    BaseSalary,
    Grant,
    NoRulesetInForce,
    compute_bonus,
    default_rulesets,
    payments,
    round_up,
)
from tdkt.rules.ruleset import Cited


def day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def test_lao_dong_tien_tien_on_20_december_2025():
    bonus = compute_bonus("lao_dong_tien_tien", "individual", day("2025-12-20"))
    assert (bonus.coefficient, bonus.base_salary.amount, bonus.raw, bonus.amount) == (
        Decimal("0.3"),
        2_340_000,
        Decimal("702000.0"),
        710_000,
    )
    assert bonus.ruleset == "luat-06-2022+nd-152-2025"
    assert "Nghị định 152/2025/NĐ-CP, Điều 49(2)" in bonus.citations


# The legal brief's worked amounts (§2.6), at 2,340,000 and at 2,530,000 (from 01/07/2026).
WORKED = [
    ("lao_dong_tien_tien", "individual", 710_000, 760_000),
    ("chien_si_thi_dua_co_so", "individual", 2_340_000, 2_530_000),
    ("chien_si_thi_dua_tinh", "individual", 7_020_000, 7_590_000),
    ("chien_si_thi_dua_toan_quoc", "individual", 10_530_000, 11_390_000),
    ("tap_the_lao_dong_tien_tien", "collective", 1_880_000, 2_030_000),
    ("tap_the_lao_dong_xuat_sac", "collective", 3_510_000, 3_800_000),
    ("co_thi_dua_tinh", "collective", 18_720_000, 20_240_000),
    ("co_thi_dua_chinh_phu", "collective", 28_080_000, 30_360_000),
    ("bang_khen_tinh", "individual", 3_510_000, 3_800_000),
    ("bang_khen_thu_tuong", "individual", 8_190_000, 8_860_000),
    ("huan_chuong_lao_dong_hang_ba", "individual", 10_530_000, 11_390_000),
]


@pytest.mark.parametrize(("award", "subject", "at_234", "at_253"), WORKED)
def test_the_briefs_worked_amounts(award: str, subject: str, at_234: int, at_253: int):
    assert compute_bonus(award, subject, day("2026-06-30")).amount == at_234
    assert compute_bonus(award, subject, day("2026-07-01")).amount == at_253


@pytest.mark.parametrize(
    ("date", "base", "amount"),
    [
        ("2024-01-01", 1_800_000, 540_000),  # Nghị định 24/2023 until 30/06/2024
        ("2024-06-30", 1_800_000, 540_000),
        ("2024-07-01", 2_340_000, 710_000),  # Nghị định 73/2024
        ("2025-06-30", 2_340_000, 710_000),
        ("2025-07-01", 2_340_000, 710_000),  # new decree, same base salary
        ("2026-06-30", 2_340_000, 710_000),
        ("2026-07-01", 2_530_000, 760_000),  # Nghị định 161/2026 [S]
    ],
)
def test_the_base_salary_in_force_on_each_date(date: str, base: int, amount: int):
    bonus = compute_bonus("lao_dong_tien_tien", "individual", day(date))
    assert (bonus.base_salary.amount, bonus.amount) == (base, amount)


def test_no_bonus_before_2024():
    with pytest.raises(NoRulesetInForce):
        compute_bonus("lao_dong_tien_tien", "individual", day("2023-12-31"))


def test_the_commune_chairs_giay_khen_changed_on_1_july_2025():
    assert (
        compute_bonus("giay_khen", "individual", day("2025-06-30"), issuer="commune_pc_chair").amount
        == 360_000
    )
    assert (
        compute_bonus("giay_khen", "individual", day("2025-07-01"), issuer="commune_pc_chair").amount
        == 710_000
    )
    assert compute_bonus("giay_khen", "individual", day("2025-06-30")).amount == 710_000
    with pytest.raises(KeyError, match="tập thể do 'commune_pc_chair'"):
        compute_bonus("giay_khen", "collective", day("2025-06-30"), issuer="commune_pc_chair")


def test_households_are_priced_only_from_1_july_2025():
    assert compute_bonus("giay_khen", "household", day("2025-07-01")).amount == 1_060_000  # 0.45 × 2,340,000
    with pytest.raises(KeyError, match="hộ gia đình"):
        compute_bonus("giay_khen", "household", day("2025-06-30"))


def test_unpriced_awards_and_kinds_are_refused():
    with pytest.raises(KeyError):
        compute_bonus("khong_co", "individual", day("2025-12-20"))
    with pytest.raises(KeyError, match="tập thể"):
        compute_bonus("lao_dong_tien_tien", "collective", day("2025-12-20"))


def test_a_base_salary_added_by_an_administrator_is_used_from_its_date():
    added = BaseSalary(day("2027-01-01"), 2_800_000, Cited("Nghị định giả định, Điều 3", "U", "thử nghiệm"))
    assert (
        compute_bonus(
            "lao_dong_tien_tien", "individual", day("2026-12-31"), extra_base_salaries=[added]
        ).amount
        == 760_000
    )
    assert (
        compute_bonus(
            "lao_dong_tien_tien", "individual", day("2027-01-01"), extra_base_salaries=[added]
        ).amount
        == 840_000
    )


@given(
    raw=st.fractions(min_value=0, max_value=10**9, max_denominator=1000),
    step=st.sampled_from([1, 1000, 10_000]),
)
def test_rounding_up_is_the_next_multiple(raw: Fraction, step: int) -> None:
    rounded = round_up(raw, step)
    assert rounded % step == 0
    assert raw <= rounded < raw + step


COEFFICIENTS = [
    (a.id, b.subject)
    for ruleset in default_rulesets()
    for a in ruleset.awards.values()
    for b in a.bonus
    if b.issuer is None
]


@given(
    pair=st.sampled_from(COEFFICIENTS), when=st.dates(datetime.date(2025, 7, 1), datetime.date(2030, 12, 31))
)
def test_every_amount_is_a_multiple_of_ten_thousand_at_least_the_product(
    pair: tuple[str, str], when: datetime.date
) -> None:
    award, subject = pair
    try:
        bonus = compute_bonus(award, subject, when)
    except KeyError:
        return  # priced only under the other ruleset
    assert bonus.amount % 10_000 == 0
    assert bonus.raw <= bonus.amount < bonus.raw + 10_000
    assert bonus.raw == bonus.coefficient * bonus.base_salary.amount


# --- Several awards at once (Nghị định 152/2025, Điều 49) ---------------------------------------------------------


def _paid(grants: list[Grant]) -> dict[str, int]:
    return {p.grant.award: p.paid for p in payments(grants, day("2025-12-20"))}


def test_titles_for_the_same_period_pay_only_the_highest():
    paid = _paid(
        [
            Grant("lao_dong_tien_tien", "individual", 2025, 2025),
            Grant("chien_si_thi_dua_co_so", "individual", 2025, 2025),
        ]
    )
    assert paid == {"lao_dong_tien_tien": 0, "chien_si_thi_dua_co_so": 2_340_000}
    paid = _paid(
        [
            Grant("tap_the_lao_dong_xuat_sac", "collective", 2025, 2025),
            Grant("co_thi_dua_tinh", "collective", 2025, 2025),
        ]
    )
    assert paid == {"tap_the_lao_dong_xuat_sac": 0, "co_thi_dua_tinh": 18_720_000}
    unpaid = next(
        p
        for p in payments(
            [
                Grant("lao_dong_tien_tien", "individual", 2025, 2025),
                Grant("chien_si_thi_dua_co_so", "individual", 2025, 2025),
            ],
            day("2025-12-20"),
        )
        if not p.paid
    )
    assert (
        "Chiến sĩ thi đua cơ sở" in unpaid.reason and unpaid.citation == "Nghị định 152/2025/NĐ-CP, Điều 49"
    )


def test_titles_for_different_periods_and_forms_are_each_paid():
    paid = _paid(
        [
            Grant("chien_si_thi_dua_co_so", "individual", 2025, 2025),
            Grant("chien_si_thi_dua_tinh", "individual", 2023, 2025),
        ]
    )
    assert paid == {"chien_si_thi_dua_co_so": 2_340_000, "chien_si_thi_dua_tinh": 7_020_000}
    paid = _paid(
        [
            Grant("chien_si_thi_dua_co_so", "individual", 2025, 2025),
            Grant("bang_khen_tinh", "individual", 2024, 2025),
        ]
    )
    assert paid == {"chien_si_thi_dua_co_so": 2_340_000, "bang_khen_tinh": 3_510_000}
