"""Amounts in words ("bằng chữ") for Vietnamese official documents.

A decision on commendation states each bonus in figures and in words: "2.340.000 đồng (Hai triệu ba trăm
bốn mươi nghìn đồng)". The words follow the reading conventions of administrative and accounting documents:

* the digit words không một hai ba bốn năm sáu bảy tám chín; "bốn", never the colloquial "tư";
* 10–19 read "mười …" (11 mười một, 15 mười lăm); 20 and up read "… mươi";
* a units digit 1 after "mươi" is "mốt" (21 hai mươi mốt; but 11 mười một, 101 một trăm lẻ một);
* a units digit 5 after "mười"/"mươi" is "lăm" (15 mười lăm, 25 hai mươi lăm; but 105 một trăm lẻ năm);
* a zero tens digit before a non-zero units digit reads "lẻ" (or "linh", the other official variant):
  105 một trăm lẻ năm;
* a group of three digits that follows a higher group is read in full, with "không trăm" for a zero
  hundreds digit: 1.005.000 một triệu không trăm lẻ năm nghìn; 1.050.000 một triệu không trăm năm mươi nghìn;
* a group that is all zeros is not read at all, and its unit word is dropped; the next non-zero group is
  still read in full: 1.000.005 một triệu không trăm lẻ năm; 2.000.300.000 hai tỷ ba trăm nghìn;
  2.000.030.000 hai tỷ không trăm ba mươi nghìn (the long form "một triệu không nghìn không trăm lẻ năm" is
  not used: it adds words without removing any ambiguity, since the unit words already fix each group);
* group names nghìn, triệu, tỷ; above a tỷ they repeat: nghìn tỷ (10^12), triệu tỷ (10^15), tỷ tỷ (10^18).

``num2words`` gets several of these wrong ("tư", missing "không trăm"), so it is not used.
"""

from __future__ import annotations

from typing import Final, Literal

DIGITS: Final[tuple[str, ...]] = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_GROUPS: Final[tuple[str, ...]] = ("triệu", "nghìn", "")  # the three groups below a tỷ, highest first
_BILLION: Final = 10**9

ZeroTens = Literal["lẻ", "linh"]


def _units_after_tens(tens: int, units: int) -> str:
    """The units word after "mười"/"mươi": "mốt" for 1 after mươi, "lăm" for 5, else the digit word."""
    if units == 1 and tens >= 2:
        return "mốt"
    if units == 5:
        return "lăm"
    return DIGITS[units]


def _group_words(group: int, full: bool, zero_tens: ZeroTens) -> list[str]:
    """Words for 0 < group < 1000; ``full`` reads the hundreds even when 0 (a higher group was read)."""
    hundreds, rest = divmod(group, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if hundreds or full:
        words += [DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units and words:
            words.append(zero_tens)
        if units:
            words.append(DIGITS[units])
        return words
    words += ["mười"] if tens == 1 else [DIGITS[tens], "mươi"]
    if units:
        words.append(_units_after_tens(tens, units))
    return words


def _below_billion(n: int, full: bool, zero_tens: ZeroTens) -> list[str]:
    """Words for 0 < n < 10^9; all-zero groups are skipped, the group after a read one is read in full."""
    words: list[str] = []
    groups = (n // 1_000_000, n // 1000 % 1000, n % 1000)
    for group, name in zip(groups, _GROUPS, strict=True):
        if group == 0:
            continue
        words += _group_words(group, full, zero_tens)
        if name:
            words.append(name)
        full = True
    return words


def _number_words(n: int, zero_tens: ZeroTens) -> list[str]:
    """Words for n > 0: blocks of nine digits joined by "tỷ", so 10^12 is "một nghìn tỷ"."""
    high, low = divmod(n, _BILLION)
    if not high:
        return _below_billion(low, False, zero_tens)
    words = [*_number_words(high, zero_tens), "tỷ"]
    if low:
        words += _below_billion(low, True, zero_tens)
    return words


def number_in_words(n: int, zero_tens: ZeroTens = "lẻ") -> str:
    """A non-negative integer in lower-case words: 1_005_000 → "một triệu không trăm lẻ năm nghìn"."""
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"an int is needed, not {type(n).__name__}")
    if n < 0:
        raise ValueError("an amount in words cannot be negative")
    if zero_tens not in ("lẻ", "linh"):
        raise ValueError('zero_tens must be "lẻ" or "linh"')
    return " ".join(_number_words(n, zero_tens)) if n else DIGITS[0]


def amount_in_figures(n: int, currency: str | None = "đồng") -> str:
    """An amount in figures as Vietnamese documents write it: 2_340_000 → "2.340.000 đồng" (dots group thousands)."""
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"an int is needed, not {type(n).__name__}")
    figures = f"{n:,}".replace(",", ".")
    return f"{figures} {currency}" if currency else figures


def amount_in_words(
    n: int, currency: str | None = "đồng", capitalize: bool = True, *, zero_tens: ZeroTens = "lẻ"
) -> str:
    """An amount in words as written after the figures: 2_340_000 → "Hai triệu ba trăm bốn mươi nghìn đồng".

    ``currency`` is appended (None for none); ``capitalize`` upper-cases the first letter, as the words open
    the parenthesis "(Bằng chữ: …)"; ``zero_tens`` chooses "lẻ" or "linh" for a zero tens digit. 0 →
    "Không đồng". A negative amount raises ValueError (a debt is written as a positive amount, labelled).
    """
    text = number_in_words(n, zero_tens)
    if currency:
        text = f"{text} {currency}"
    return text[:1].upper() + text[1:] if capitalize else text
