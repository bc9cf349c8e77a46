"""Individual titles: each criterion with a case that passes and one that fails (Luật 06/2022/QH15, Điều 21–24)."""

from __future__ import annotations

from tdkt.rules import Initiative, Status
from tests.rules.build import (
    CSTD_TINH,
    CSTD_TQ,
    CSTDCS,
    LDTT,
    YEAR,
    cstdcs_years,
    failing,
    person,
    reasons,
    status,
    year,
)

ELIGIBLE, REVIEW, NOT = Status.ELIGIBLE, Status.NEEDS_REVIEW, Status.NOT_ELIGIBLE


# --- Lao động tiên tiến, Điều 24: rating HTTNV or better, 6 months counted, maternity counts -------------------


def test_lao_dong_tien_tien_needs_a_good_rating():
    assert status(person(year(YEAR, "HTTNV")), LDTT) is ELIGIBLE
    assert status(person(year(YEAR, "HTXSNV")), LDTT) is ELIGIBLE
    assert status(person(year(YEAR, "HTNV")), LDTT) is NOT
    assert status(person(year(YEAR, "KHTNV")), LDTT) is NOT
    assert any("hoàn thành nhiệm vụ" in t for t in failing(person(year(YEAR, "HTNV")), LDTT))


def test_lao_dong_tien_tien_needs_a_rating_and_a_record_for_the_year():
    assert status(person(year(YEAR, None)), LDTT) is NOT
    assert any("chưa có kết quả xếp loại" in t for t in failing(person(year(YEAR, None)), LDTT))
    assert status(person(year(YEAR - 1, "HTXSNV")), LDTT) is NOT
    assert status(person(), LDTT) is NOT


def test_lao_dong_tien_tien_needs_six_months_of_counted_work():
    assert status(person(year(YEAR, months=6)), LDTT) is ELIGIBLE
    assert status(person(year(YEAR, months=5)), LDTT) is NOT
    assert any("5 tháng được tính" in t for t in failing(person(year(YEAR, months=5)), LDTT))


def test_maternity_leave_counts_as_work():
    # five months at work and six on maternity leave: eleven months counted (Nghị định 152/2025, Điều 4(5))
    mother = person(year(YEAR, "HTTNV", months=5, leave={"maternity": 6}))
    assert status(mother, LDTT) is ELIGIBLE
    # the same months of sick leave do not count
    assert status(person(year(YEAR, "HTTNV", months=5, leave={"sick": 6})), LDTT) is NOT


def test_three_to_six_months_of_leave_cap_the_rating_at_htnv():
    # rated HTTNV with four months of sick leave: the rating cannot be above HTNV (Nghị định 90/2020, Điều 2)
    sick = person(year(YEAR, "HTTNV", months=8, leave={"sick": 4}))
    assert status(sick, LDTT) is NOT
    assert any("nghỉ 4 tháng" in t for t in failing(sick, LDTT))
    # two months of sick leave, or any months of maternity leave, leave the rating alone
    assert status(person(year(YEAR, "HTTNV", months=10, leave={"sick": 2})), LDTT) is ELIGIBLE
    assert status(person(year(YEAR, "HTTNV", months=8, leave={"maternity": 4})), LDTT) is ELIGIBLE


def test_training_counts_as_work():
    assert status(person(year(YEAR, "HTTNV", months=3, leave={"training": 9})), LDTT) is ELIGIBLE
    assert status(person(year(YEAR, "HTTNV", months=3, leave={"unpaid": 9})), LDTT) is NOT


# --- Chiến sĩ thi đua cơ sở, Điều 23: LĐTT standard and (HTXSNV or a grassroots initiative) ---------------------


def test_chien_si_thi_dua_co_so_with_htxsnv_needs_no_initiative():
    assert status(person(year(YEAR, "HTXSNV")), CSTDCS) is ELIGIBLE


def test_chien_si_thi_dua_co_so_with_httnv_needs_an_initiative():
    assert status(person(year(YEAR, "HTTNV", initiatives=["grassroots"])), CSTDCS) is ELIGIBLE
    assert status(person(year(YEAR, "HTTNV", initiatives=["provincial"])), CSTDCS) is ELIGIBLE
    assert status(person(year(YEAR, "HTTNV")), CSTDCS) is NOT
    # an initiative of an earlier year does not count for this one
    assert (
        status(person(year(YEAR - 1, "HTTNV", initiatives=["grassroots"]), year(YEAR, "HTTNV")), CSTDCS)
        is NOT
    )


def test_an_initiative_already_used_for_another_award_does_not_count():
    used = Initiative(scope="grassroots", used_for="bang_khen_tinh")
    assert status(person(year(YEAR, "HTTNV", initiatives=[used])), CSTDCS) is NOT
    reused_for_itself = Initiative(scope="grassroots", used_for=CSTDCS)
    assert status(person(year(YEAR, "HTTNV", initiatives=[reused_for_itself])), CSTDCS) is ELIGIBLE


def test_an_initiative_used_for_the_same_award_of_another_year_does_not_count():
    # recognised early in the year, it was the basis of last year's title: not again for this year's (CV 5007)
    last_year = Initiative(scope="grassroots", used_for=CSTDCS, used_year=YEAR - 1)
    subject = person(year(YEAR, "HTTNV", initiatives=[last_year]))
    assert status(subject, CSTDCS) is NOT
    assert any("1 đã dùng làm căn cứ khen thưởng khác nên không tính" in t for t in failing(subject, CSTDCS))
    # the title it was used for, looked at again, still counts it
    this_year = Initiative(scope="grassroots", used_for=CSTDCS, used_year=YEAR)
    assert status(person(year(YEAR, "HTTNV", initiatives=[this_year])), CSTDCS) is ELIGIBLE


def test_chien_si_thi_dua_co_so_needs_the_lao_dong_tien_tien_standard():
    # HTXSNV but only four months worked: fails the standard of Điều 24, hence Điều 23(1)
    short = person(year(YEAR, "HTXSNV", months=4))
    assert status(short, CSTDCS) is NOT
    texts = failing(short, CSTDCS)
    assert any(t.startswith("Đạt tiêu chuẩn danh hiệu Lao động tiên tiến") for t in texts)
    assert any(t.startswith("Tiêu chuẩn Lao động tiên tiến: Thời gian công tác") for t in texts)


# --- Chiến sĩ thi đua cấp tỉnh, Điều 22: three consecutive CSTĐCS, a provincial initiative, outstanding ---------


def test_cstd_tinh_after_three_consecutive_titles_needs_review():
    # 2023 and 2024 decided; 2025 meets the CSTĐCS standard but is not decided yet; a provincial initiative
    history = [*cstdcs_years(2023, 2024), year(2025, "HTXSNV", initiatives=["provincial"])]
    assert status(person(*history), CSTD_TINH) is REVIEW
    # with the 2025 title already decided, still a review: "outstanding among the candidates" is a judgment
    decided = [*cstdcs_years(2023, 2024), year(2025, "HTXSNV", titles=[CSTDCS], initiatives=["provincial"])]
    assert status(person(*decided), CSTD_TINH) is REVIEW


def test_cstd_tinh_a_missing_year_breaks_the_chain():
    history = [*cstdcs_years(2022, 2023), year(2025, "HTXSNV", titles=[CSTDCS], initiatives=["provincial"])]
    assert status(person(*history), CSTD_TINH) is NOT
    assert any("năm 2024 không có dữ liệu" in t for t in failing(person(*history), CSTD_TINH))


def test_cstd_tinh_a_year_without_the_title_breaks_the_chain():
    history = [
        *cstdcs_years(2022),
        year(2023, "HTTNV", titles=[LDTT]),
        *cstdcs_years(2024),
        year(2025, "HTXSNV", titles=[CSTDCS], initiatives=["provincial"]),
    ]
    assert status(person(*history), CSTD_TINH) is NOT
    assert any("năm 2023 không đạt Chiến sĩ thi đua cơ sở" in t for t in failing(person(*history), CSTD_TINH))


def test_cstd_tinh_counting_restarts_after_the_previous_award():
    # CSTĐ tỉnh in 2023 (on 2021–2023): 2024 and 2025 are only two new titles
    history = [
        *cstdcs_years(2021, 2022),
        year(2023, "HTXSNV", titles=[CSTDCS, CSTD_TINH]),
        *cstdcs_years(2024),
        year(2025, "HTXSNV", titles=[CSTDCS], initiatives=["provincial"]),
    ]
    assert status(person(*history), CSTD_TINH) is NOT
    assert any(
        "đã được Chiến sĩ thi đua cấp tỉnh năm 2023" in t for t in failing(person(*history), CSTD_TINH)
    )
    # the previous award three years back leaves room for a new chain
    history = [
        year(2022, "HTXSNV", titles=[CSTDCS, CSTD_TINH]),
        *cstdcs_years(2023, 2024),
        year(2025, "HTXSNV", titles=[CSTDCS], initiatives=["provincial"]),
    ]
    assert status(person(*history), CSTD_TINH) is REVIEW


def test_cstd_tinh_needs_an_initiative_of_provincial_scope_within_the_chain():
    grassroots = [
        *cstdcs_years(2023, 2024),
        year(2025, "HTXSNV", titles=[CSTDCS], initiatives=["grassroots"]),
    ]
    assert status(person(*grassroots), CSTD_TINH) is NOT
    within = [year(2023, "HTXSNV", titles=[CSTDCS], initiatives=["provincial"]), *cstdcs_years(2024, 2025)]
    assert status(person(*within), CSTD_TINH) is REVIEW
    before = [year(2022, "HTXSNV", initiatives=["provincial"]), *cstdcs_years(2023, 2024, 2025)]
    assert status(person(*before), CSTD_TINH) is NOT


def test_cstd_tinh_the_title_of_the_year_counts_as_pending_only_if_its_standard_is_met():
    # 2025 rated HTTNV with a (provincial, hence also grassroots) initiative: CSTĐCS 2025 is eligible but not
    # decided, so the chain holds as a judgment
    history = [*cstdcs_years(2023, 2024), year(2025, "HTTNV", initiatives=["provincial"])]
    assert status(person(*history), CSTD_TINH) is REVIEW
    assert any("chưa có quyết định công nhận" in r.text for r in reasons(person(*history), CSTD_TINH))
    # 2025 rated HTTNV without an initiative: no CSTĐCS for 2025, no chain
    history = [*cstdcs_years(2023, 2024), year(2025, "HTTNV")]
    assert status(person(*history), CSTD_TINH) is NOT


# --- Chiến sĩ thi đua toàn quốc, Điều 21: two consecutive CSTĐ tỉnh, a national initiative --------------------


def _two_provincial_titles(first: int, second: int, scope: str = "national") -> list:
    years = []
    for y in range(first - 2, second + 1):
        titles = [CSTDCS] + ([CSTD_TINH] if y in (first, second) else [])
        years.append(year(y, "HTXSNV", titles=titles, initiatives=[scope] if y == second else []))
    return years


def test_cstd_toan_quoc_after_two_consecutive_provincial_titles_needs_review():
    assert status(person(*_two_provincial_titles(2022, 2025)), CSTD_TQ) is REVIEW


def test_cstd_toan_quoc_fails_when_the_provincial_titles_are_not_consecutive():
    assert status(person(*_two_provincial_titles(2021, 2025)), CSTD_TQ) is NOT


def test_cstd_toan_quoc_needs_a_national_initiative():
    assert status(person(*_two_provincial_titles(2022, 2025, scope="provincial")), CSTD_TQ) is NOT


def test_cstd_toan_quoc_counting_restarts_after_the_previous_award():
    history = _two_provincial_titles(2022, 2025)
    history[0] = year(2020, "HTXSNV", titles=[CSTDCS, CSTD_TQ])
    assert status(person(*history), CSTD_TQ) is NOT
