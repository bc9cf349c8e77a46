"""Commendation forms: Giấy khen, Bằng khen tỉnh, Bằng khen Thủ tướng, Huân chương Lao động hạng Ba."""

from __future__ import annotations

from tdkt.rules import Status
from tests.rules.build import (
    BK_TINH,
    BK_TTG,
    CSTDCS,
    HCLD3,
    LDTT,
    YEAR,
    collective,
    cstdcs_years,
    failing,
    household,
    person,
    reasons,
    status,
    year,
)

ELIGIBLE, REVIEW, NOT = Status.ELIGIBLE, Status.NEEDS_REVIEW, Status.NOT_ELIGIBLE


# --- Giấy khen: good task completion, then an achievement someone must judge -----------------------------------


def test_giay_khen_needs_good_task_completion_then_a_judgment():
    assert status(person(year(YEAR, "HTTNV")), "giay_khen") is REVIEW
    assert status(person(year(YEAR, "HTNV")), "giay_khen") is NOT
    assert status(household(year(YEAR, None)), "giay_khen") is REVIEW


# --- Bằng khen tỉnh, point (d): two consecutive CSTĐCS, or two years HTXSNV with two initiatives -----------------


def test_bang_khen_tinh_after_two_consecutive_cstdcs():
    assert status(person(*cstdcs_years(2024, 2025)), BK_TINH) is ELIGIBLE
    assert status(person(*cstdcs_years(2023, 2025)), BK_TINH) is NOT  # 2024 missing


def test_bang_khen_tinh_with_two_years_htxsnv_and_two_initiatives():
    both = person(
        year(2024, "HTXSNV", initiatives=["grassroots"]), year(2025, "HTXSNV", initiatives=["grassroots"])
    )
    assert status(both, BK_TINH) is ELIGIBLE
    one = person(year(2024, "HTXSNV", initiatives=["grassroots"]), year(2025, "HTXSNV"))
    assert status(one, BK_TINH) is NOT
    assert any("1 phù hợp trong các năm 2024–2025" in t for t in failing(one, BK_TINH))
    not_consecutive = person(
        year(2024, "HTTNV", initiatives=["grassroots"]), year(2025, "HTXSNV", initiatives=["grassroots"])
    )
    assert status(not_consecutive, BK_TINH) is NOT


def test_bang_khen_tinh_counting_restarts_after_the_previous_one():
    history = [year(2024, "HTXSNV", titles=[LDTT, CSTDCS], awards=[BK_TINH]), *cstdcs_years(2025)]
    assert status(person(*history), BK_TINH) is NOT
    assert any(
        "đã được Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh năm 2024" in t
        for t in failing(person(*history), BK_TINH)
    )


def test_bang_khen_tinh_lists_the_routes_it_does_not_compute():
    texts = [r.text for r in reasons(person(year(YEAR)), BK_TINH) if r.basis == "dossier"]
    assert any(t.startswith("Trường hợp khác, xét theo hồ sơ thành tích") for t in texts)


# --- Bằng khen Thủ tướng, Điều 73(1)(b): Bằng khen tỉnh, then ≥ 5 consecutive years HTTNV+, 3 CSTĐCS ------------


def _after_bk_tinh(
    bk_year: int = 2020, *, cstdcs: tuple[int, ...] = (2021, 2023, 2025), rating: dict | None = None
):
    rating = rating or {}
    history = [year(bk_year, "HTXSNV", awards=[BK_TINH])]
    for y in range(bk_year + 1, YEAR + 1):
        titles = [LDTT, CSTDCS] if y in cstdcs else [LDTT]
        history.append(year(y, rating.get(y, "HTXSNV" if y in cstdcs else "HTTNV"), titles=titles))
    return history


def test_bang_khen_thu_tuong_after_five_years():
    assert status(person(*_after_bk_tinh()), BK_TTG) is ELIGIBLE


def test_bang_khen_thu_tuong_needs_five_years_after_the_bang_khen_tinh():
    assert status(person(*_after_bk_tinh(2021, cstdcs=(2022, 2023, 2025))), BK_TTG) is NOT
    assert any(
        "mới có 4 năm liên tục" in t
        for t in failing(person(*_after_bk_tinh(2021, cstdcs=(2022, 2023, 2025))), BK_TTG)
    )


def test_bang_khen_thu_tuong_needs_a_prior_bang_khen_tinh():
    history = _after_bk_tinh()[1:]
    assert status(person(*history), BK_TTG) is NOT
    assert any(
        "chưa được tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh" in t
        for t in failing(person(*history), BK_TTG)
    )


def test_bang_khen_thu_tuong_every_year_must_be_rated_httnv_or_better():
    history = _after_bk_tinh(rating={2022: "HTNV"})
    assert status(person(*history), BK_TTG) is NOT
    assert any("năm 2022 xếp loại hoàn thành nhiệm vụ" in t for t in failing(person(*history), BK_TTG))


def test_bang_khen_thu_tuong_a_missing_year_breaks_the_run():
    history = [r for r in _after_bk_tinh() if r.year != 2024]
    assert status(person(*history), BK_TTG) is NOT
    assert any("năm 2024 không có dữ liệu" in t for t in failing(person(*history), BK_TTG))


def test_bang_khen_thu_tuong_needs_three_cstdcs_in_the_run():
    assert status(person(*_after_bk_tinh(cstdcs=(2021, 2025))), BK_TTG) is NOT


def test_bang_khen_thu_tuong_third_cstdcs_of_the_year_considered_may_be_pending():
    history = _after_bk_tinh(cstdcs=(2021, 2023))
    history[-1] = year(YEAR, "HTXSNV", titles=[LDTT])  # meets CSTĐCS in 2025, not yet decided
    assert status(person(*history), BK_TTG) is REVIEW


def test_bang_khen_thu_tuong_counting_restarts_after_the_previous_one():
    history = _after_bk_tinh(2015, cstdcs=(2016, 2018, 2021, 2023, 2025))
    assert status(person(*history), BK_TTG) is ELIGIBLE
    history[6] = year(
        2021, "HTXSNV", titles=[LDTT, CSTDCS], awards=[BK_TTG]
    )  # TTg in 2021: only 2022–2025 count
    assert status(person(*history), BK_TTG) is NOT


def test_bang_khen_thu_tuong_for_a_collective_is_not_computed():
    # the collective criteria of Điều 73 are unverified: a judgment, never a computed yes
    assert status(collective(year(YEAR, "HTXSNV")), BK_TTG) is REVIEW


# --- Huân chương Lao động hạng Ba, Điều 44(1)(e) -----------------------------------------------------------------


def _after_bk_ttg(htxsnv: bool = True):
    history = [year(2020, "HTXSNV", awards=[BK_TTG])]
    for y in range(2021, YEAR + 1):
        cstdcs = y in (2021, 2023, 2025)
        rating = "HTXSNV" if cstdcs and htxsnv else "HTTNV"
        history.append(
            year(
                y,
                rating,
                titles=[LDTT, CSTDCS] if cstdcs else [LDTT],
                initiatives=[] if htxsnv else ["grassroots"],
            )
        )
    return history


def test_huan_chuong_lao_dong_hang_ba_after_the_bang_khen_thu_tuong():
    assert status(person(*_after_bk_ttg()), HCLD3) is ELIGIBLE


def test_huan_chuong_lao_dong_hang_ba_needs_a_year_htxsnv_as_encoded():
    # the "≥ 1 year HTXSNV" element is marked unverified (U) in the ruleset, and applied
    assert status(person(*_after_bk_ttg(htxsnv=False)), HCLD3) is NOT
    unsure = [r for r in reasons(person(*_after_bk_ttg(htxsnv=False)), HCLD3) if r.confidence == "U"]
    assert any("hoàn thành xuất sắc nhiệm vụ" in r.text for r in unsure)


def test_huan_chuong_lao_dong_hang_ba_needs_a_prior_bang_khen_thu_tuong():
    assert status(person(*_after_bk_tinh()), HCLD3) is NOT
