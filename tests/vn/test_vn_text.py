"""NFC, clean and fold: the forms Vietnamese text is stored, displayed and searched in."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from tdkt.vn import clean, fold, nfc

# Typed by hand, independently of tdkt.vn.letters: every Vietnamese letter and the ASCII letter it folds to.
FOLDS = {
    "a": "aàáảãạăằắẳẵặâầấẩẫậ",
    "d": "đ",
    "e": "eèéẻẽẹêềếểễệ",
    "i": "iìíỉĩị",
    "o": "oòóỏõọôồốổỗộơờớởỡợ",
    "u": "uùúủũụưừứửữự",
    "y": "yỳýỷỹỵ",
}

VIETNAMESE_TEXT = st.text(alphabet="".join(FOLDS.values()) + "".join(FOLDS.values()).upper() + " bcghklmnt")


def nfd(s: str) -> str:
    return unicodedata.normalize("NFD", s)


def test_nfc_composes_decomposed_input() -> None:
    assert nfd("Việt Nam") != "Việt Nam"
    assert nfc(nfd("Việt Nam")) == "Việt Nam"


def test_clean_collapses_whitespace_and_drops_invisible_characters() -> None:
    assert clean("  Nguyễn\u00a0\u00a0Văn\tAn\u200b \n") == "Nguyễn Văn An"
    assert clean(nfd("Đặng  Thị\u3000Ánh")) == "Đặng Thị Ánh"
    assert clean("\ufeffSở Y tế") == "Sở Y tế"
    assert clean("") == ""


def test_clean_keeps_the_soft_hyphen_which_is_a_letter_in_tcvn3() -> None:
    assert clean("tr\u00adëng") == "tr\u00adëng"


def test_fold_examples() -> None:
    assert fold("Đặng Thị Ánh Tuyết") == "dang thi anh tuyet"
    assert fold(nfd("Đặng Thị Ánh Tuyết")) == "dang thi anh tuyet"
    assert fold("  SỞ  KẾ HOẠCH VÀ ĐẦU TƯ ") == "so ke hoach va dau tu"
    assert fold("ÐẶNG") == "dang"  # U+00D0 eth, typed for Đ


def test_fold_maps_every_vietnamese_letter_in_both_cases_to_its_ascii_base() -> None:
    for base, letters in FOLDS.items():
        for letter in letters:
            assert fold(letter) == base, letter
            assert fold(letter.upper()) == base, letter.upper()
            assert fold(nfd(letter.upper())) == base, letter


@given(st.text())
def test_fold_is_idempotent(s: str) -> None:
    assert fold(fold(s)) == fold(s)


@given(st.text())
def test_fold_does_not_depend_on_the_normalization_form(s: str) -> None:
    assert fold(nfd(s)) == fold(s) == fold(nfc(s))


@given(st.text())
def test_fold_output_has_no_marks_no_capitals_and_single_spaces(s: str) -> None:
    folded = fold(s)
    assert not any(unicodedata.combining(ch) for ch in folded)
    assert folded == folded.casefold()
    assert folded == " ".join(folded.split())


@given(VIETNAMESE_TEXT)
def test_fold_of_vietnamese_text_is_ascii(s: str) -> None:
    assert fold(s).isascii()


@given(st.text())
def test_clean_is_idempotent_and_nfc(s: str) -> None:
    cleaned = clean(s)
    assert clean(cleaned) == cleaned
    assert unicodedata.is_normalized("NFC", cleaned)
    assert cleaned == cleaned.strip()
