"""Normalising Vietnamese text: NFC for storage, a cleaned form for names, a folded form for search.

The same Vietnamese word reaches the system in more than one Unicode spelling: precomposed (NFC, what
Windows keyboards such as UniKey produce by default), decomposed (NFD, what macOS and some PDF exports
produce, and what UniKey's "Unicode tổ hợp" setting types), and with stray no-break or zero-width spaces
pasted from Word or web pages. Documents must use Unicode per TCVN 6909:2001 (Nghị định 30/2020/NĐ-CP,
Phụ lục I); stored text is its precomposed form, NFC ("Unicode dựng sẵn", also what the W3C Character Model
recommends), so equal names are equal strings. Searches compare :func:`fold` keys.
"""

from __future__ import annotations

import unicodedata
from typing import Final

#: Invisible characters that copy-paste from Word and web pages leaves inside names (zero width space, word
#: joiner, zero width no-break space / BOM). They mean nothing in a name, so :func:`clean` drops them. The
#: soft hyphen (U+00AD) is deliberately kept: in TCVN3 text it is the letter ư (see :mod:`tdkt.vn.legacy`).
INVISIBLE: Final = "\u200b\u2060\ufeff"
_DROP_INVISIBLE: Final = str.maketrans(dict.fromkeys(INVISIBLE))

#: Letters that fold to "d": đ/Đ (Vietnamese), and the look-alike eth ð/Ð that legacy data and careless
#: typing put in place of Đ (U+00D0 "Ð" is a different letter from U+0110 "Đ" but looks the same).
_FOLD_D: Final = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "Ð": "d"})


def nfc(s: str) -> str:
    """``s`` in Unicode Normalization Form C (precomposed), the form the system stores."""
    return unicodedata.normalize("NFC", s)


def clean(s: str) -> str:
    """NFC, invisible characters removed, whitespace runs collapsed to one space, ends stripped.

    Why: two records for "Nguyễn  Văn An" and "Nguyễn Văn An\u00a0" are the same person; names, titles and
    unit names are cleaned before they are stored. ``str.split()`` treats every Unicode space (no-break,
    ideographic, em space…) as whitespace.
    """
    return " ".join(nfc(s).translate(_DROP_INVISIBLE).split())


def _fold_step(s: str) -> str:
    decomposed = unicodedata.normalize("NFKD", s.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return nfc(" ".join(bare.translate(_FOLD_D).casefold().split()))


def fold(s: str) -> str:
    """Search key: case folded, every diacritic removed, đ → d, whitespace collapsed.

    ``fold("Đặng Thị Ánh Tuyết") == "dang thi anh tuyet"``. It accepts NFC and NFD input alike, because it
    decomposes first (NFKD, so compatibility forms such as full-width letters or the "ﬁ" ligature fold as
    well). It is idempotent: the folding step is repeated until nothing changes (one extra pass in practice;
    a few symbols such as "℡" decompose to upper-case letters that need a second case fold).
    """
    folded = _fold_step(s)
    for _ in range(8):
        again = _fold_step(folded)
        if again == folded:
            break
        folded = again
    return folded
