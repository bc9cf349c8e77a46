"""Dates in words and the date line of Nghị định 30/2020/NĐ-CP, Phụ lục I."""

from __future__ import annotations

import datetime
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tdkt.vn import date_in_words, nd30_date, short_date


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (datetime.date(2020, 6, 17), "ngày 17 tháng 6 năm 2020"),
        (datetime.date(2025, 2, 3), "ngày 3 tháng 2 năm 2025"),
        (datetime.date(2025, 12, 5), "ngày 5 tháng 12 năm 2025"),
        (datetime.date(2026, 1, 31), "ngày 31 tháng 1 năm 2026"),
    ],
)
def test_date_in_words(d: datetime.date, expected: str) -> None:
    assert date_in_words(d) == expected


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (datetime.date(2025, 2, 3), "ngày 03 tháng 02 năm 2025"),
        (datetime.date(2020, 6, 17), "ngày 17 tháng 6 năm 2020"),
        (datetime.date(2025, 12, 5), "ngày 05 tháng 12 năm 2025"),
        (datetime.date(2026, 1, 5), "ngày 05 tháng 01 năm 2026"),
        (datetime.date(2019, 6, 29), "ngày 29 tháng 6 năm 2019"),
        (datetime.date(2024, 3, 9), "ngày 09 tháng 3 năm 2024"),
        (datetime.date(2024, 10, 10), "ngày 10 tháng 10 năm 2024"),
        (datetime.date(2024, 2, 29), "ngày 29 tháng 02 năm 2024"),
    ],
)
def test_nd30_date(d: datetime.date, expected: str) -> None:
    assert nd30_date(d) == expected


def test_nd30_date_with_place() -> None:
    assert nd30_date(datetime.date(2025, 12, 3), "Bắc Ninh") == "Bắc Ninh, ngày 03 tháng 12 năm 2025"
    assert nd30_date(datetime.date(2020, 1, 5), "  Hà   Nội ") == "Hà Nội, ngày 05 tháng 01 năm 2020"
    assert nd30_date(datetime.date(2020, 1, 5), "   ") == "ngày 05 tháng 01 năm 2020"


def test_nd30_date_accepts_a_datetime() -> None:
    assert nd30_date(datetime.datetime(2025, 2, 3, 23, 59)) == "ngày 03 tháng 02 năm 2025"


def test_short_date() -> None:
    assert short_date(datetime.date(2020, 6, 17)) == "17/06/2020"
    assert short_date(datetime.date(2025, 12, 5)) == "05/12/2025"


ND30 = re.compile(r"ngày (\d\d) tháng (\d\d?) năm (\d+)")


@given(st.dates())
def test_nd30_date_pads_days_below_10_and_months_1_and_2_only(d: datetime.date) -> None:
    match = ND30.fullmatch(nd30_date(d))
    assert match is not None
    day, month, year = match.groups()
    assert (int(day), int(month), int(year)) == (d.day, d.month, d.year)
    assert len(day) == 2
    assert len(month) == (2 if d.month <= 2 else len(str(d.month)))


@given(st.dates())
def test_date_in_words_has_no_leading_zeros(d: datetime.date) -> None:
    match = re.fullmatch(r"ngày ([1-9]\d?) tháng ([1-9]\d?) năm ([1-9]\d*)", date_in_words(d))
    assert match is not None
    assert tuple(map(int, match.groups())) == (d.day, d.month, d.year)


@given(st.dates())
def test_short_date_round_trips(d: datetime.date) -> None:
    assert datetime.datetime.strptime(short_date(d), "%d/%m/%Y").date() == d
