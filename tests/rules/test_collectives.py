"""Collective titles and forms (Luật 06/2022/QH15, Điều 25–28, 74; BN86 as the provincial mirror)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tdkt.rules import Status, Subject
from tests.rules.build import (
    BK_TINH,
    TTLDTT,
    TTLDXS,
    YEAR,
    collective,
    failing,
    household,
    members,
    status,
    year,
)

ELIGIBLE, REVIEW, NOT = Status.ELIGIBLE, Status.NEEDS_REVIEW, Status.NOT_ELIGIBLE


def unit(rating: str = "HTTNV", **counts: int) -> Subject:
    return collective(year(YEAR, rating, members=members(**counts)))


# --- Tập thể lao động tiên tiến, Điều 28(1): HTTNV, ≥ 70 % LĐTT, nobody disciplined at warning or above ----------


def test_tap_the_lao_dong_tien_tien_at_exactly_seventy_percent():
    assert status(unit(total=10, ldtt=7), TTLDTT) is ELIGIBLE
    assert status(unit(total=20, ldtt=14), TTLDTT) is ELIGIBLE
    assert status(unit(total=20, ldtt=13), TTLDTT) is NOT
    assert status(unit(total=100, ldtt=69), TTLDTT) is NOT
    assert any("13/20 (65%)" in t for t in failing(unit(total=20, ldtt=13), TTLDTT))


@given(total=st.integers(1, 5000), data=st.data())
def test_tap_the_lao_dong_tien_tien_share_is_exact(total: int, data: st.DataObject) -> None:
    ldtt = data.draw(st.integers(0, total))
    expected = ELIGIBLE if 10 * ldtt >= 7 * total else NOT
    assert status(unit(total=total, ldtt=ldtt, cstdcs=0), TTLDTT) is expected


def test_tap_the_lao_dong_tien_tien_no_member_disciplined_at_warning_or_above():
    assert status(unit(warned=1), TTLDTT) is NOT
    assert any("cảnh cáo" in t for t in failing(unit(warned=1), TTLDTT))


def test_tap_the_lao_dong_tien_tien_needs_good_completion_and_member_figures():
    assert status(unit("HTNV"), TTLDTT) is NOT
    assert status(collective(year(YEAR, "HTTNV")), TTLDTT) is NOT
    assert any("không có số liệu thành viên" in t for t in failing(collective(year(YEAR, "HTTNV")), TTLDTT))


# --- Tập thể lao động xuất sắc, Điều 27(1): HTXSNV, 100 % HTNV+, ≥ 70 % LĐTT, ≥ 1 CSTĐCS ---------------------------


def test_tap_the_lao_dong_xuat_sac():
    assert status(unit("HTXSNV"), TTLDXS) is ELIGIBLE
    assert status(unit("HTTNV"), TTLDXS) is NOT
    assert status(unit("HTXSNV", htnv=19), TTLDXS) is NOT
    assert status(unit("HTXSNV", ldtt=13), TTLDXS) is NOT
    assert status(unit("HTXSNV", cstdcs=0), TTLDXS) is NOT


# --- Flags: leading the block is a fact once the block has voted; the rest is judgment ----------------------------


def test_flags_follow_the_block_and_stay_a_judgment():
    for flag in ("co_thi_dua_tinh", "co_thi_dua_chinh_phu"):
        assert status(collective(year(YEAR, "HTXSNV", leads_block=True)), flag) is REVIEW
        assert status(collective(year(YEAR, "HTXSNV", leads_block=None)), flag) is REVIEW
        assert status(collective(year(YEAR, "HTXSNV", leads_block=False)), flag) is NOT


# --- Bằng khen tỉnh for a collective: two years HTXSNV, or Tập thể lao động xuất sắc ---------------------------------


def test_bang_khen_tinh_collective_after_two_years_htxsnv():
    assert status(collective(year(2024, "HTXSNV"), year(2025, "HTXSNV")), BK_TINH) is ELIGIBLE
    assert status(collective(year(2024, "HTTNV"), year(2025, "HTXSNV")), BK_TINH) is NOT


def test_bang_khen_tinh_collective_with_the_excellent_collective_title():
    two = collective(year(2024, "HTTNV", titles=[TTLDXS]), year(2025, "HTTNV", titles=[TTLDXS]))
    assert status(two, BK_TINH) is ELIGIBLE
    # one title only: the wording is ambiguous, so it goes to review rather than yes or no
    one = collective(year(2024, "HTTNV"), year(2025, "HTTNV", titles=[TTLDXS]))
    assert status(one, BK_TINH) is REVIEW


def test_household_forms_are_judged_on_the_dossier():
    assert status(household(), BK_TINH) is REVIEW
    assert status(household(), "bang_khen_thu_tuong") is REVIEW
