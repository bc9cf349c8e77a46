"""Amounts in words for official documents, checked against the reading rules and a strict parser."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tdkt.vn import ZeroTens, amount_in_figures, amount_in_words, number_in_words

UNITS = {"một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9}


def parse_group(words: list[str], full: bool) -> int:
    """Read a group below 1000, rejecting every spelling the reading rules forbid.

    ``full``: a higher group was read, so the hundreds must be said (with "không trăm" for 0).
    """
    value, i = 0, 0
    if len(words) >= 2 and words[1] == "trăm":
        digit = 0 if words[0] == "không" else UNITS[words[0]]
        value, i = digit * 100, 2
    elif full:
        raise ValueError(f"hundreds missing in a full group: {words}")
    rest = words[i:]
    if not rest:
        return value
    if rest[0] in ("lẻ", "linh"):
        assert value or full, "lẻ needs a hundreds before it"
        assert len(rest) == 2 and rest[1] in UNITS, rest
        assert rest[1] != "mốt" and rest[1] != "lăm"
        return value + UNITS[rest[1]]
    if rest[0] == "mười":
        tens, tail = 10, rest[1:]
    elif len(rest) >= 2 and rest[1] == "mươi":
        assert rest[0] in UNITS and rest[0] != "một", rest
        tens, tail = UNITS[rest[0]] * 10, rest[2:]
    else:
        assert not value and not full, f"a units digit after hundreds needs lẻ: {words}"
        assert len(rest) == 1 and rest[0] in UNITS, rest
        return UNITS[rest[0]]
    if not tail:
        return value + tens
    assert len(tail) == 1, tail
    unit = tail[0]
    if unit == "mốt":
        assert tens >= 20, "mốt only after mươi"
        return value + tens + 1
    if unit == "lăm":
        return value + tens + 5
    assert unit in UNITS and unit != "năm", f"5 after mười/mươi is lăm: {words}"
    assert not (unit == "một" and tens >= 20), "1 after mươi is mốt"
    return value + tens + UNITS[unit]


def parse_below_billion(words: list[str], full: bool) -> int:
    total = 0
    for unit, scale in (("triệu", 1_000_000), ("nghìn", 1000)):
        if unit in words:
            at = words.index(unit)
            total += parse_group(words[:at], full) * scale
            words, full = words[at + 1 :], True
    if words:
        total += parse_group(words, full)
    return total


def parse(text: str) -> int:
    """Words back to the number: blocks split at the last "tỷ", recursively, as the words were built."""
    words = text.split(" ")
    if words == ["không"]:
        return 0
    if "tỷ" in words:
        at = len(words) - 1 - words[::-1].index("tỷ")
        high, low = words[:at], words[at + 1 :]
        return parse(" ".join(high)) * 10**9 + (parse_below_billion(low, True) if low else 0)
    return parse_below_billion(words, False)


def test_the_examples_of_the_brief() -> None:
    assert amount_in_words(2_340_000) == "Hai triệu ba trăm bốn mươi nghìn đồng"
    assert amount_in_words(1_005_000) == "Một triệu không trăm lẻ năm nghìn đồng"
    assert amount_in_words(1_005_000, capitalize=False) == "một triệu không trăm lẻ năm nghìn đồng"
    assert amount_in_words(0) == "Không đồng"


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (1, "một"),
        (5, "năm"),
        (10, "mười"),
        (11, "mười một"),
        (14, "mười bốn"),
        (15, "mười lăm"),
        (20, "hai mươi"),
        (21, "hai mươi mốt"),
        (24, "hai mươi bốn"),
        (25, "hai mươi lăm"),
        (55, "năm mươi lăm"),
        (91, "chín mươi mốt"),
        (100, "một trăm"),
        (101, "một trăm lẻ một"),
        (105, "một trăm lẻ năm"),
        (110, "một trăm mười"),
        (111, "một trăm mười một"),
        (115, "một trăm mười lăm"),
        (121, "một trăm hai mươi mốt"),
        (1000, "một nghìn"),
        (1001, "một nghìn không trăm lẻ một"),
        (1010, "một nghìn không trăm mười"),
        (1015, "một nghìn không trăm mười lăm"),
        (1100, "một nghìn một trăm"),
        (10_000, "mười nghìn"),
        (15_000, "mười lăm nghìn"),
        (21_000, "hai mươi mốt nghìn"),
        (105_000, "một trăm lẻ năm nghìn"),
        (1_000_000, "một triệu"),
        (1_050_000, "một triệu không trăm năm mươi nghìn"),
        (1_000_005, "một triệu không trăm lẻ năm"),
        (1_000_500, "một triệu năm trăm"),
        (1_001_000, "một triệu không trăm lẻ một nghìn"),
        (2_000_300_000, "hai tỷ ba trăm nghìn"),
        (2_000_030_000, "hai tỷ không trăm ba mươi nghìn"),
        (1_000_000_000, "một tỷ"),
        (1_000_000_005, "một tỷ không trăm lẻ năm"),
        (
            1_234_567_891,
            "một tỷ hai trăm ba mươi bốn triệu năm trăm sáu mươi bảy nghìn tám trăm chín mươi mốt",
        ),
        (10**12, "một nghìn tỷ"),
        (1_001_000_000_000, "một nghìn không trăm lẻ một tỷ"),
        (5_000_000_000_001, "năm nghìn tỷ không trăm lẻ một"),
        (10**15, "một triệu tỷ"),
        (10**18, "một tỷ tỷ"),
    ],
)
def test_tricky_cases(n: int, words: str) -> None:
    assert number_in_words(n) == words
    assert amount_in_words(n, currency=None, capitalize=False) == words


def test_linh_variant() -> None:
    assert number_in_words(105, zero_tens="linh") == "một trăm linh năm"
    assert amount_in_words(1_005_000, zero_tens="linh") == "Một triệu không trăm linh năm nghìn đồng"


def test_currency_and_capitalisation() -> None:
    assert amount_in_words(21, currency="USD") == "Hai mươi mốt USD"
    assert amount_in_words(0, currency=None) == "Không"
    assert amount_in_words(1_000_000, capitalize=False) == "một triệu đồng"


def test_bad_input() -> None:
    with pytest.raises(ValueError):
        amount_in_words(-1)
    with pytest.raises(TypeError):
        amount_in_words(True)
    with pytest.raises(TypeError):
        amount_in_words(1.5)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        number_in_words(5, zero_tens="linh lẻ")  # type: ignore[arg-type]


def test_the_parser_rejects_the_forms_the_rules_forbid() -> None:
    for wrong in (
        "mười năm",
        "hai mươi một",
        "hai mươi năm",
        "một mươi",
        "một trăm năm",
        "một triệu năm nghìn",
    ):
        with pytest.raises((AssertionError, ValueError)):
            parse(wrong)


@given(st.integers(min_value=0, max_value=10**15))
def test_words_read_back_to_the_number(n: int) -> None:
    assert parse(number_in_words(n)) == n


@given(st.integers(min_value=0, max_value=10**18))
def test_words_follow_the_reading_rules(n: int) -> None:
    words = number_in_words(n).split(" ")
    text = f" {' '.join(words)} "
    assert "tư" not in words
    for forbidden in (
        " mười năm ",
        " mươi năm ",
        " mươi một ",
        " lẻ mốt ",
        " lẻ lăm ",
        " một mươi ",
        " không mươi ",
    ):
        assert forbidden not in text, (n, text)
    for i, word in enumerate(words):
        if word == "không" and n:
            assert words[i + 1] == "trăm", text
        if word == "mốt":
            assert words[i - 1] == "mươi", text
        if word == "lăm":
            assert words[i - 1] in ("mười", "mươi"), text


ZERO_TENS: tuple[ZeroTens, ...] = ("lẻ", "linh")


@given(st.integers(min_value=0, max_value=10**15), st.sampled_from(ZERO_TENS))
def test_amount_is_capitalised_number_words_plus_currency(n: int, zero_tens: ZeroTens) -> None:
    words = number_in_words(n, zero_tens=zero_tens)
    amount = amount_in_words(n, zero_tens=zero_tens)
    assert amount == words[0].upper() + words[1:] + " đồng"
    assert parse(words) == n


@pytest.mark.parametrize(
    ("n", "figures"),
    [
        (0, "0 đồng"),
        (710_000, "710.000 đồng"),
        (2_340_000, "2.340.000 đồng"),
        (1_000_000_000, "1.000.000.000 đồng"),
    ],
)
def test_amount_in_figures_groups_thousands_with_dots(n: int, figures: str) -> None:
    assert amount_in_figures(n) == figures
    assert amount_in_figures(n, None) == figures.removesuffix(" đồng")
