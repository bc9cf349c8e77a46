"""Vietnamese collation: the pure-Python fallback on its own, and against ICU where PyICU is installed."""

from __future__ import annotations

import importlib
import random
import string
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tdkt import vn
from tdkt.vn import collation
from tdkt.vn.collation import CURRENCY_ORDER, PUNCTUATION_ORDER, fallback_sort_key, sort_key_str

# Typed by hand: the alphabet, and each vowel in the six tones ngang, huyền, hỏi, ngã, sắc, nặng.
ALPHABET = [
    "a",
    "ă",
    "â",
    "b",
    "c",
    "d",
    "đ",
    "e",
    "ê",
    "f",
    "g",
    "h",
    "i",
    "j",
    "k",
    "l",
    "m",
    "n",
    "o",
    "ô",
    "ơ",
    "p",
    "q",
    "r",
    "s",
    "t",
    "u",
    "ư",
    "v",
    "w",
    "x",
    "y",
    "z",
]
TONED = {
    "a": "aàảãáạ", "ă": "ăằẳẵắặ", "â": "âầẩẫấậ", "e": "eèẻẽéẹ", "ê": "êềểễếệ", "i": "iìỉĩíị",
    "o": "oòỏõóọ", "ô": "ôồổỗốộ", "ơ": "ơờởỡớợ", "u": "uùủũúụ", "ư": "ưừửữứự", "y": "yỳỷỹýỵ",
}  # fmt: skip
LETTER_FORMS = {base: TONED.get(base, base) for base in ALPHABET}  # every written form of each letter


def all_forms(base: str) -> list[str]:
    forms = list(LETTER_FORMS[base])
    return forms + [f.upper() for f in forms]


VI_LETTER = st.sampled_from([form for base in ALPHABET for form in all_forms(base)])
VI_TEXT = st.text(alphabet=VI_LETTER.map(str) | st.sampled_from(list(" -.,()/&'0123456789")), max_size=12)


def order(key: Callable[[str], Any], words: list[str]) -> list[str]:
    shuffled = words[:]
    random.Random(7).shuffle(shuffled)
    return sorted(shuffled, key=key)


KEYS = pytest.mark.parametrize(
    "key", [fallback_sort_key, vn.sort_key, sort_key_str], ids=["fallback", "default", "str"]
)


@KEYS
def test_alphabet_order(key: Callable[[str], Any]) -> None:
    words = [letter + "a" for letter in ALPHABET]
    assert order(key, words) == words


@KEYS
def test_tone_order_ngang_huyen_hoi_nga_sac_nang(key: Callable[[str], Any]) -> None:
    words = ["ma", "mà", "mả", "mã", "má", "mạ", "mă"]
    assert order(key, words) == words


@KEYS
def test_levels_primary_then_tones_then_case(key: Callable[[str], Any]) -> None:
    words = ["an", "An", "àn", "Àn", "án", "Án", "anh", "Anh", "ăn", "ân", "bà"]
    assert order(key, words) == words


@KEYS
def test_spaces_and_digits_sort_before_letters(key: Callable[[str], Any]) -> None:
    # "Lệ" is a prefix of "Lê An" at the primary level; digits compare one by one ("10A" < "9")
    words = ["Lê", "Lệ", "Lê An", "Lê Anh", "Lê Ánh", "Lêa", "Lớp 10A", "Lớp 9", "Lớp A"]
    assert order(key, words) == words


@KEYS
def test_unit_names(key: Callable[[str], Any]) -> None:
    units = [
        "Ban Dân tộc",
        "Bộ Chỉ huy Quân sự tỉnh",
        "Công an tỉnh",
        "Đài Phát thanh và Truyền hình",
        "Sở Giáo dục và Đào tạo",
        "Sở Kế hoạch và Đầu tư",
        "Sở Tài chính",
        "Sở Y tế",
        "Thanh tra tỉnh",
        "Ủy ban Mặt trận Tổ quốc",
        "Văn phòng Tỉnh ủy",
        "Văn phòng UBND tỉnh",
    ]
    assert order(key, units) == units


def test_plain_code_point_order_would_be_wrong() -> None:
    """Why the module exists: sorted() puts Đ after Z and Á after Y."""
    words = ["Anh", "Ánh", "Bình", "Đào", "Yến", "Zô"]
    assert sorted(words) != words
    assert vn.collate_sorted(reversed(words)) == words


def test_collate_sorted_with_key_and_reverse() -> None:
    people = [("Đào", 1), ("Anh", 2), ("Bình", 3)]
    assert vn.collate_sorted(people, key=lambda p: p[0]) == [("Anh", 2), ("Bình", 3), ("Đào", 1)]
    assert vn.collate_sorted(["a", "đ", "d"], reverse=True) == ["đ", "d", "a"]


def test_nfd_input_sorts_as_nfc() -> None:
    import unicodedata

    for word in ["Nguyễn", "Ứng", "ệ"]:
        assert fallback_sort_key(unicodedata.normalize("NFD", word)) == fallback_sort_key(word)
        assert sort_key_str(unicodedata.normalize("NFD", word)) == sort_key_str(word)


def test_default_key_without_icu(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(collation, "ICU_AVAILABLE", False)
    assert vn.sort_key("Ánh") == fallback_sort_key("Ánh")
    assert vn.collate_sorted(["Đào", "Anh", "Dũng"]) == ["Anh", "Dũng", "Đào"]
    with pytest.raises(RuntimeError):
        vn.icu_sort_key("a")


def test_icu_available_says_whether_pyicu_imports() -> None:
    try:
        importlib.import_module("icu")
    except ImportError:
        assert not vn.ICU_AVAILABLE
    else:
        assert vn.ICU_AVAILABLE


# --- properties of the fallback ----------------------------------------------------------------------------


@st.composite
def differing_in_one_letter(draw: st.DrawFn) -> tuple[str, str, str, str]:
    """(prefix + x + tail1, prefix + y + tail2) with x before y in the alphabet (any tone, any case)."""
    i, j = sorted(draw(st.lists(st.integers(0, len(ALPHABET) - 1), min_size=2, max_size=2, unique=True)))
    x = draw(st.sampled_from(all_forms(ALPHABET[i])))
    y = draw(st.sampled_from(all_forms(ALPHABET[j])))
    prefix = draw(VI_TEXT)
    return prefix + x + draw(VI_TEXT), prefix + y + draw(VI_TEXT), x, y


@given(differing_in_one_letter())
def test_the_first_different_base_letter_decides(case: tuple[str, str, str, str]) -> None:
    low, high, _, _ = case
    assert fallback_sort_key(low) < fallback_sort_key(high)
    assert sort_key_str(low) < sort_key_str(high)


@st.composite
def differing_in_one_tone(draw: st.DrawFn) -> tuple[str, str]:
    """Same letters; one vowel carries a lower tone in the first string than in the second."""
    vowel = draw(st.sampled_from(sorted(TONED)))
    t1, t2 = sorted(draw(st.lists(st.integers(0, 5), min_size=2, max_size=2, unique=True)))
    upper = draw(st.booleans())
    a, b = TONED[vowel][t1], TONED[vowel][t2]
    if upper:
        a, b = a.upper(), b.upper()
    prefix, suffix = draw(VI_TEXT), draw(VI_TEXT)
    return prefix + a + suffix, prefix + b + suffix


@given(differing_in_one_tone())
def test_tones_order_ngang_huyen_hoi_nga_sac_nang(case: tuple[str, str]) -> None:
    low, high = case
    assert fallback_sort_key(low) < fallback_sort_key(high)
    assert sort_key_str(low) < sort_key_str(high)


@given(VI_TEXT)
def test_lower_case_sorts_before_upper_case(s: str) -> None:
    assume(s != s.upper())
    assert fallback_sort_key(s.lower()) < fallback_sort_key(s.upper())


@given(st.lists(VI_TEXT, min_size=3, max_size=3))
def test_fallback_is_a_total_order(words: list[str]) -> None:
    a, b, c = (fallback_sort_key(w) for w in words)
    assert (a == b) == (words[0] == words[1] or vn.nfc(words[0]) == vn.nfc(words[1]))
    if a <= b and b <= c:
        assert a <= c


@given(st.text(), st.text())
def test_string_key_orders_as_the_fallback_key(a: str, b: str) -> None:
    ka, kb = fallback_sort_key(a)[:3], fallback_sort_key(b)[:3]
    sa, sb = sort_key_str(a, max_length=None), sort_key_str(b, max_length=None)
    assert (ka < kb) == (sa < sb)
    assert (ka == kb) == (sa == sb)


@given(st.text())
def test_string_key_uses_only_lower_case_ascii_letters_and_digits(s: str) -> None:
    key = sort_key_str(s, max_length=None)
    assert set(key) <= set(string.digits + string.ascii_lowercase)
    assert "0" not in key  # reserved for joining the parts of a name key


def test_string_key_is_cut_at_max_length() -> None:
    long_name = "Ban Chỉ đạo phòng, chống tham nhũng, tiêu cực " * 12
    assert len(sort_key_str(long_name)) == 1024
    assert len(sort_key_str(long_name, max_length=None)) > 1024
    assert sort_key_str(long_name, max_length=50) == sort_key_str(long_name, max_length=None)[:50]


# --- against ICU -------------------------------------------------------------------------------------------

needs_icu = pytest.mark.skipif(not vn.ICU_AVAILABLE, reason="PyICU is not installed")

SURNAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Đào",
    "Đoàn",
    "Đinh",
    "Lương",
    "Tạ",
    "Ứng",
]
MIDDLE = [
    "Văn",
    "Thị",
    "Hữu",
    "Đức",
    "Minh",
    "Ngọc",
    "Thanh",
    "Thu",
    "Quốc",
    "Xuân",
    "Anh",
    "Bảo",
    "Thùy",
    "Kim",
    "Hồng",
    "Mạnh",
    "Đình",
    "Công",
    "Ánh",
    "Diệu",
]
GIVEN = [
    "An",
    "Anh",
    "Ánh",
    "Ân",
    "Bình",
    "Bích",
    "Cường",
    "Chi",
    "Dũng",
    "Dung",
    "Duy",
    "Đạt",
    "Điệp",
    "Giang",
    "Hà",
    "Hải",
    "Hạnh",
    "Hằng",
    "Hiếu",
    "Hòa",
    "Hoà",
    "Hùng",
    "Hương",
    "Khánh",
    "Lan",
    "Linh",
    "Loan",
    "Long",
    "Mai",
    "My",
    "Mỹ",
    "Nam",
    "Nga",
    "Ngân",
    "Nhung",
    "Oanh",
    "Phong",
    "Phúc",
    "Phương",
    "Quân",
    "Quang",
    "Sơn",
    "Tâm",
    "Thắng",
    "Thảo",
    "Trang",
    "Trung",
    "Tú",
    "Tuấn",
    "Uyên",
    "Vân",
    "Việt",
    "Xuân",
    "Yến",
]
UNITS = [
    "Sở Kế hoạch và Đầu tư",
    "Sở Tài chính",
    "Sở Nội vụ",
    "Văn phòng UBND tỉnh",
    "Văn phòng Tỉnh ủy",
    "Văn phòng Đoàn ĐBQH và HĐND tỉnh",
    "UBND huyện Yên Phong",
    "UBND thị xã Quế Võ",
    "UBND thành phố Bắc Ninh",
    "Trường THPT Lý Thái Tổ",
    "Trường THCS số 2",
    "Trường Tiểu học số 10",
    "Công an tỉnh",
    "Bộ Chỉ huy Quân sự tỉnh",
    "Sở Giáo dục và Đào tạo",
    "Sở Y tế",
    "Sở Lao động - Thương binh và Xã hội",
    "Ban Quản lý các khu công nghiệp",
    "Đài PT-TH tỉnh",
    "Hội Nông dân tỉnh",
    "Tỉnh đoàn",
    "Liên đoàn Lao động tỉnh",
    "Khối thi đua số 1",
    "Khối thi đua số 12",
    "Cụm thi đua (các huyện)",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Tư pháp",
    "Chi cục Thuế khu vực I",
    "Bệnh viện Đa khoa tỉnh",
    "Ủy ban MTTQ tỉnh",
]


def realistic_names(count: int) -> list[str]:
    rng = random.Random(2025)
    names = {
        " ".join([rng.choice(SURNAMES), *rng.sample(MIDDLE, rng.randint(0, 2)), rng.choice(GIVEN)])
        for _ in range(count)
    }
    for name in list(names)[: count // 10]:
        names.add(name.upper())
    return sorted(names)


@needs_icu
def test_icu_and_fallback_agree_on_realistic_names_and_units() -> None:
    words = realistic_names(400) + UNITS + [u.lower() for u in UNITS]
    assert len(words) > 400
    assert order(vn.icu_sort_key, words) == order(fallback_sort_key, words)
    assert order(vn.icu_sort_key, words) == order(sort_key_str, words)


@needs_icu
def test_icu_orders_the_punctuation_tables_as_they_are_written() -> None:
    table = list(PUNCTUATION_ORDER + CURRENCY_ORDER)
    assert order(vn.icu_sort_key, table) == table
    assert order(vn.icu_sort_key, [*table, "0", "a"]) == [*table, "0", "a"]


ICU_ALPHABET = st.sampled_from(
    [form for base in ALPHABET for form in all_forms(base)]
    + list(string.digits + " -.,()/&'\"")
    + ["\u00a0", "…", "ü", "Ð", "ð", "ß", "æ", "²", "–", "“", "”"]
)


@needs_icu
@settings(max_examples=500)
@given(st.text(alphabet=ICU_ALPHABET, max_size=8), st.text(alphabet=ICU_ALPHABET, max_size=8))
def test_icu_and_fallback_agree_on_random_vietnamese_strings(a: str, b: str) -> None:
    icu_key_a, icu_key_b = vn.icu_sort_key(a), vn.icu_sort_key(b)
    assume(icu_key_a != icu_key_b)
    assert (icu_key_a < icu_key_b) == (fallback_sort_key(a) < fallback_sort_key(b))
