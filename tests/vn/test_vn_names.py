"""Splitting Vietnamese names into họ, đệm, tên, and sorting people by tên, họ, đệm."""

from __future__ import annotations

import random
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tdkt.vn import COMPOUND_SURNAMES, PersonName, name_sort_key, name_sort_key_str, split_name
from tdkt.vn.collation import fallback_sort_key


@pytest.mark.parametrize(
    ("full", "ho", "dem", "ten"),
    [
        ("Nguyễn Văn An", "Nguyễn", "Văn", "An"),
        ("Đặng Thị Ánh Tuyết", "Đặng", "Thị Ánh", "Tuyết"),
        ("Lê Na", "Lê", "", "Na"),
        ("Tôn Nữ Thị Hà", "Tôn Nữ", "Thị", "Hà"),
        ("Tôn Thất Thuyết", "Tôn Thất", "", "Thuyết"),
        ("Tôn Thất Minh Quang", "Tôn Thất", "Minh", "Quang"),
        ("Tôn Đức Thắng", "Tôn", "Đức", "Thắng"),
        ("Công Tằng Tôn Nữ Thị Bích Ngọc", "Công Tằng Tôn Nữ", "Thị Bích", "Ngọc"),
        ("Âu Dương Lân", "Âu Dương", "", "Lân"),
        ("Nguyễn Phúc An", "Nguyễn", "Phúc", "An"),  # Phúc is a middle name here, not the royal "Nguyễn Phúc"
        ("Tôn Nữ", "Tôn", "", "Nữ"),  # a compound never swallows the given name
        ("TÔN NỮ THỊ HÀ", "TÔN NỮ", "THỊ", "HÀ"),
        ("nguyễn thị minh khai", "nguyễn", "thị minh", "khai"),
    ],
)
def test_split_name(full: str, ho: str, dem: str, ten: str) -> None:
    assert split_name(full) == PersonName(ho=ho, dem=dem, ten=ten, full=full)


def test_one_word_name_is_a_given_name_only() -> None:
    assert split_name(" Bình ") == PersonName(ho="", dem="", ten="Bình", full="Bình")


def test_split_name_cleans_the_text() -> None:
    name = split_name(unicodedata.normalize("NFD", "  Trần\u00a0 Thị   Ngọc  Ánh "))
    assert name == PersonName(ho="Trần", dem="Thị Ngọc", ten="Ánh", full="Trần Thị Ngọc Ánh")
    assert unicodedata.is_normalized("NFC", name.ten)


def test_split_name_rejects_an_empty_name() -> None:
    with pytest.raises(ValueError):
        split_name(" \u200b ")


def test_compound_surnames_can_be_replaced() -> None:
    assert split_name("Nguyễn Phước Bửu Lộc", compound_surnames=("Nguyễn Phước",)).ho == "Nguyễn Phước"
    assert split_name("Tôn Nữ Thị Hà", compound_surnames=()).ho == "Tôn"


def test_person_name_is_frozen() -> None:
    name = split_name("Lê Văn Bình")
    with pytest.raises(AttributeError):
        name.ten = "An"  # type: ignore[misc]


def test_default_compound_surnames_are_clean_two_words_or_more() -> None:
    for surname in COMPOUND_SURNAMES:
        assert surname == unicodedata.normalize("NFC", " ".join(surname.split()))
        assert len(surname.split()) >= 2


WORDS = st.sampled_from(
    [
        "Nguyễn",
        "Lê",
        "Tôn",
        "Nữ",
        "Thất",
        "Thị",
        "Văn",
        "Hà",
        "An",
        "Ánh",
        "Bình",
        "Âu",
        "Dương",
        "Công",
        "Tằng",
        "Huyền",
        "Lai",
        "Tư",
        "Mã",
    ]
)


@given(st.lists(WORDS, min_size=1, max_size=6))
def test_the_parts_make_up_the_name(words: list[str]) -> None:
    name = split_name(" ".join(words))
    assert " ".join(part for part in (name.ho, name.dem, name.ten) if part) == name.full == " ".join(words)
    assert name.ten == words[-1]
    assert (name.ho == "") == (len(words) == 1)


def test_people_sort_by_ten_then_ho_then_dem() -> None:
    people = ["Trần Thị Bình", "Lê Văn Bình", "Nguyễn Văn An", "Lê Thị Bình", "Đỗ Ánh", "Vũ An"]
    expected = ["Nguyễn Văn An", "Vũ An", "Đỗ Ánh", "Lê Thị Bình", "Lê Văn Bình", "Trần Thị Bình"]
    assert sorted(people, key=name_sort_key) == expected
    assert sorted(people, key=name_sort_key_str) == expected


def test_a_given_name_with_another_tone_is_another_name() -> None:
    """Everyone called An comes before everyone called Án, whatever the family name."""
    people = ["Bùi Án", "Trần An", "Âu An", "Vũ Án"]
    assert sorted(people, key=name_sort_key) == ["Âu An", "Trần An", "Bùi Án", "Vũ Án"]
    assert sorted(people, key=name_sort_key_str) == ["Âu An", "Trần An", "Bùi Án", "Vũ Án"]


def test_name_sort_key_accepts_a_split_name() -> None:
    assert name_sort_key(split_name("Lê Văn Bình")) == name_sort_key("Lê Văn Bình")
    assert name_sort_key_str(split_name("Lê Văn Bình")) == name_sort_key_str("Lê Văn Bình")


NAME_WORD = st.sampled_from(
    [
        "An",
        "Án",
        "Ân",
        "Anh",
        "Bình",
        "Bính",
        "Lê",
        "Lệ",
        "Nguyễn",
        "Thị",
        "Văn",
        "Đào",
        "Dao",
        "Tôn",
        "Nữ",
        "Hà",
        "Hạ",
        "Ha",
    ]
)


@given(st.lists(NAME_WORD, min_size=1, max_size=4), st.lists(NAME_WORD, min_size=1, max_size=4))
def test_name_string_key_orders_as_the_part_keys(a: list[str], b: list[str]) -> None:
    def parts(words: list[str]) -> tuple[object, ...]:
        name = split_name(" ".join(words))
        return tuple(fallback_sort_key(p)[:3] for p in (name.ten, name.ho, name.dem))

    sa, sb = name_sort_key_str(" ".join(a)), name_sort_key_str(" ".join(b))
    assert (parts(a) < parts(b)) == (sa < sb)
    assert (parts(a) == parts(b)) == (sa == sb)


def test_name_keys_sort_a_shuffled_list_back() -> None:
    names = [
        "Nguyễn Văn An", "Trần An", "Lê Thị Ánh", "Phạm Văn Bình", "Tôn Nữ Thị Bình", "Đặng Văn Dũng",
        "Đỗ Đức Dũng", "Hoàng Thị Hà", "Lê Thu Hà", "Bùi Hạ", "Vũ Minh Đức",
    ]  # fmt: skip
    expected = [
        "Nguyễn Văn An", "Trần An", "Lê Thị Ánh", "Phạm Văn Bình", "Tôn Nữ Thị Bình", "Đặng Văn Dũng",
        "Đỗ Đức Dũng", "Vũ Minh Đức", "Hoàng Thị Hà", "Lê Thu Hà", "Bùi Hạ",
    ]  # fmt: skip
    shuffled = names[:]
    random.Random(3).shuffle(shuffled)
    assert sorted(shuffled, key=name_sort_key) == expected
    assert sorted(shuffled, key=name_sort_key_str) == expected
