"""Vietnamese alphabetical order (collation).

Plain code-point order is wrong for Vietnamese: it puts "Đ" (U+0110) after "Z" and "Ánh" (U+00C1) after
"Yến". The order used here is CLDR's "vi" collation, the one ICU implements (and with it browsers'
``Intl.Collator`` and PostgreSQL's ICU collations):

* primary: the alphabet a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y, with f j w z in their
  Latin places; spaces, then punctuation, then symbols, then digits sort before letters (CLDR root order,
  "non-ignorable": a space is a character, so "Lê An" < "Lê Anh" < "Lêa");
* secondary: tone marks, ngang < huyền < hỏi < ngã < sắc < nặng (CLDR ``common/collation/vi.xml``, rule
  ``&̀<<̉<<̃<<́<<̣``), compared left to right over the whole string;
* tertiary: case, lower before upper.

Each level is compared over the whole string before the next one is looked at, as ICU does: "an" < "Án"
< "anh" (primary a-n is a prefix of a-n-h, so tone and case do not matter there).

:func:`sort_key` uses PyICU when it is installed (``ICU_AVAILABLE``) and the pure-Python
:func:`fallback_sort_key` otherwise; the tests check that the two agree on names, unit names and random
Vietnamese strings. :func:`sort_key_str` is a *string* key for a database column: it always comes from the
pure-Python rules, so a key stored by a machine with PyICU equals the key stored by one without it.
"""

from __future__ import annotations

import functools
import threading
import unicodedata
from collections.abc import Callable, Iterable
from typing import Any, Final, TypeAlias, TypeVar

from tdkt.vn.letters import ALPHABET, SHAPES, TONES, split_letter
from tdkt.vn.text import nfc

try:
    import icu as _icu  # PyICU, optional

    ICU_AVAILABLE: bool = True
except ImportError:  # pragma: no cover - depends on the machine
    _icu = None
    ICU_AVAILABLE = False

T = TypeVar("T")

#: Whitespace, punctuation and general symbols in CLDR root collation order, then the currency signs: the
#: order of DUCET ``allkeys.txt`` and of ICU 72's "vi" collator, from which these strings were read and
#: against which the tests check them. Compatibility variants (no-break space, "…" = "...") go through NFKD.
PUNCTUATION_ORDER: Final = (
    "\t\n\x0b\x0c\r _-\u2010\u2012\u2013\u2014\u2015,;:!¡?¿.·'\u2018\u2019\u201a\u2039\u203a"
    '"\u201c\u201d\u201e«»()[]{}§¶@*/\\&#%\u2020\u2021\u2022\u2032`´^¯¨¸°©®+±÷×<=>¬|¦~\u2212'
)
CURRENCY_ORDER: Final = "¤¢$£¥€"

#: Secondary weights of combining marks. Tone marks come first in the "vi" order; other marks (for foreign
#: names) follow in DUCET's relative order; marks not listed sort after these by code point.
_MARK_WEIGHTS: Final[dict[str, int]] = {
    **{tone: i for i, tone in enumerate(TONES) if tone},
    "\u0306": 6,  # breve (ĕ; on "a" it makes the letter ă instead)
    "\u0302": 7,  # circumflex
    "\u030c": 8,  # caron
    "\u030a": 9,  # ring above
    "\u0308": 10,  # diaeresis
    "\u030b": 11,  # double acute
    "\u0307": 12,  # dot above
    "\u0304": 13,  # macron
    "\u0327": 14,  # cedilla
    "\u0328": 15,  # ogonek
    "\u031b": 16,  # horn (on o/u it makes the letters ơ/ư instead)
}
_VARIANT_WEIGHT: Final = 20
#: Foreign letters that CLDR root sorts as secondary variants of Latin letters ("d" < "ð" < "đ", "ss" < "ß",
#: "ae" < "æ"). Keys are lower case; the upper-case forms (Ð, ẞ, Æ…) differ at the tertiary level.
_VARIANTS: Final[dict[str, str]] = {"ð": "d", "ø": "o", "ł": "l", "ħ": "h", "ß": "ss", "æ": "ae", "œ": "oe"}
_UNKNOWN_MARK_BASE: Final = 100

# Primary weight bands. A primary weight is ``band * 2**21 + code_point`` (the code point only in the escape
# bands, for characters no table lists), so that integer order equals the order of sort_key_str's tokens.
_PUNCT_BASE: Final = 1
_SYMBOL_ESCAPE: Final = 100  # other punctuation and symbols: after the known ones, before currency signs
_CURRENCY_BASE: Final = 101
_CURRENCY_ESCAPE: Final = 120  # other currency signs
_DIGIT_BASE: Final = 200
_LETTER_BASE: Final = 300
_OTHER_LETTER_ESCAPE: Final = 400  # letters of other scripts, after z
_ESCAPES: Final = (_SYMBOL_ESCAPE, _CURRENCY_ESCAPE, _OTHER_LETTER_ESCAPE)
_CP_BITS: Final = 21

_TABLE_WEIGHTS: Final[dict[str, int]] = {
    **{ch: _PUNCT_BASE + i for i, ch in enumerate(PUNCTUATION_ORDER)},
    **{ch: _CURRENCY_BASE + i for i, ch in enumerate(CURRENCY_ORDER)},
}
_LETTER_INDEX: Final[dict[str, int]] = {ch: i for i, ch in enumerate(ALPHABET)}

#: One collation element: primary weight, secondary mark weights that follow it, tertiary weight.
Element: TypeAlias = tuple[int, tuple[int, ...], int]
#: The pure-Python key: primary, secondary and tertiary sequences, then the NFC text to break exact ties.
FallbackKey: TypeAlias = tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...], str]
SortKey: TypeAlias = bytes | FallbackKey

_LOWER, _UPPER, _COMPAT, _COMPAT_UPPER = 0, 1, 2, 3
_NO_PRIMARY: Final = -1


def _letter_primary(base: str) -> int:
    return (_LETTER_BASE + _LETTER_INDEX[base]) << _CP_BITS


def _is_mark(ch: str) -> bool:
    return unicodedata.category(ch) in ("Mn", "Mc", "Me")


def _mark_weight(mark: str) -> int:
    return _MARK_WEIGHTS.get(mark, _UNKNOWN_MARK_BASE + ord(mark))


def _with_marks(elements: tuple[Element, ...], marks: Iterable[str]) -> tuple[Element, ...]:
    """Marks add secondary weights to the last element before them (ICU gives each mark its own CE)."""
    weights = tuple(_mark_weight(m) for m in marks)
    if not elements or not weights:
        return elements
    primary, own, tertiary = elements[-1]
    return (*elements[:-1], (primary, own + weights, tertiary))


def _decomposed(decomposed: str) -> tuple[Element, ...]:
    """A character with a canonical decomposition: "ü", "ǘ", or a Greek or Cyrillic letter with accents."""
    base, marks = decomposed[0], list(decomposed[1:])
    letter = split_letter(base)
    if letter is None:
        return _with_marks(_char_elements(base), marks)
    name = letter.base
    for mark in marks:  # a shape mark makes a letter of its own (ă â ê ô ơ ư), wherever NFD ordered it
        shaped = SHAPES.get((name, mark))
        if shaped is not None:
            name = shaped
            marks.remove(mark)
            break
    return _with_marks(((_letter_primary(name), (), _UPPER if letter.upper else _LOWER),), marks)


@functools.lru_cache(maxsize=4096)
def _char_elements(ch: str) -> tuple[Element, ...]:
    """The collation elements of one character that is not a combining mark."""
    letter = split_letter(ch)
    if letter is not None:
        marks = (_mark_weight(letter.tone),) if letter.tone else ()
        return ((_letter_primary(letter.base), marks, _UPPER if letter.upper else _LOWER),)
    if ch in _TABLE_WEIGHTS:
        return ((_TABLE_WEIGHTS[ch] << _CP_BITS, (), _LOWER),)
    category = unicodedata.category(ch)
    if category in ("Cc", "Cf"):
        return ()  # completely ignorable, as in ICU (soft hyphen, zero width space, other controls)
    if category == "Nd":
        return (
            ((_DIGIT_BASE + unicodedata.decimal(ch)) << _CP_BITS, (), _LOWER if ch.isascii() else _COMPAT),
        )
    variant = _VARIANTS.get(ch.lower())
    if variant is not None:
        case = _UPPER if ch.isupper() else _LOWER
        first, *rest = (_letter_primary(letter) for letter in variant)
        return ((first, (_VARIANT_WEIGHT,), case), *((p, (), case) for p in rest))
    decomposed = unicodedata.normalize("NFD", ch)
    if decomposed != ch:
        return _decomposed(decomposed)
    compat = unicodedata.normalize("NFKD", ch)
    if compat != ch:  # "…" = "...", "²" = "2", no-break space = space: a tertiary difference
        return tuple((p, m, _COMPAT_UPPER if t == _UPPER else _COMPAT) for p, m, t in _elements_of(compat))
    return (_escaped(ch),)


def _escaped(ch: str) -> Element:
    """A character no table lists: by its class, then by code point (of its lower case, for a letter)."""
    if ch.isalpha():
        lower = ch.lower()
        code_point = ord(lower) if len(lower) == 1 else ord(ch)
        return ((_OTHER_LETTER_ESCAPE << _CP_BITS) + code_point, (), _UPPER if ch.isupper() else _LOWER)
    band = _CURRENCY_ESCAPE if unicodedata.category(ch) == "Sc" else _SYMBOL_ESCAPE
    return ((band << _CP_BITS) + ord(ch), (), _LOWER)


def _elements_of(chars: str) -> list[Element]:
    out: list[Element] = []
    for ch in chars:
        if not _is_mark(ch):
            out.extend(_char_elements(ch))
        elif out:  # a mark that did not compose (e.g. "q̃"): a secondary weight on what precedes it
            out[-1:] = _with_marks(tuple(out[-1:]), ch)
        else:  # a mark with nothing before it has a secondary weight only
            out.append((_NO_PRIMARY, (_mark_weight(ch),), _LOWER))
    return out


def _elements(s: str) -> list[Element]:
    return _elements_of(nfc(s))


def fallback_sort_key(s: str) -> FallbackKey:
    """Pure-Python Vietnamese collation key (CLDR "vi" at tertiary strength, plus an exact tie-break).

    Why it exists: PyICU needs a compiled ICU and is optional. The key is three tuples compared one after the
    other, as ICU's sort key is three levels: primary weights, secondary weights (a 0 for each character,
    followed by the weight of each tone or accent mark on it), tertiary (case) weights. The NFC text at the
    end makes the order total, so sorting is deterministic even for strings ICU calls equal.
    """
    primary, secondary, tertiary = _levels(_elements(s))
    return (primary, secondary, tertiary, nfc(s))


def _levels(elements: list[Element]) -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]:
    primary = tuple(p for p, _, _ in elements if p != _NO_PRIMARY)
    secondary = tuple(w for p, marks, _ in elements for w in ((*marks,) if p == _NO_PRIMARY else (0, *marks)))
    tertiary = tuple(t for p, _, t in elements if p != _NO_PRIMARY)
    return primary, secondary, tertiary


_local = threading.local()


def _collator() -> Any:
    """One ICU collator per thread, so that no collator object is ever shared between threads."""
    collator = getattr(_local, "collator", None)
    if collator is None:
        assert _icu is not None
        collator = _icu.Collator.createInstance(_icu.Locale("vi"))
        _local.collator = collator
    return collator


def icu_sort_key(s: str) -> bytes:
    """ICU's sort key for the "vi" locale. Raises RuntimeError when PyICU is not installed."""
    if not ICU_AVAILABLE:
        raise RuntimeError("PyICU is not installed")
    key: bytes = _collator().getSortKey(s)
    return key


def sort_key(s: str) -> SortKey:
    """Key for sorting Vietnamese text in memory: ICU's if PyICU is installed, else :func:`fallback_sort_key`.

    Keys from one process are comparable with each other; never store them (use :func:`sort_key_str`).
    """
    return icu_sort_key(s) if ICU_AVAILABLE else fallback_sort_key(s)


def collate_sorted(
    iterable: Iterable[T], key: Callable[[T], str] | None = None, reverse: bool = False
) -> list[T]:
    """``sorted()``, Vietnamese alphabetical order; ``key`` picks the text to sort by (default: str(item))."""
    if key is None:
        return sorted(iterable, key=lambda item: sort_key(str(item)), reverse=reverse)
    text_of = key
    return sorted(iterable, key=lambda item: sort_key(text_of(item)), reverse=reverse)


# --- a string key for database columns -------------------------------------------------------------------

#: The symbols of sort_key_str, in code-point order. Lower-case ASCII letters and digits only, because a
#: database may order a column by a locale (glibc, ICU) rather than by code point, and for such strings all
#: of them agree with code-point order. "0" separates the parts of a name key, "1" separates levels.
_SYMBOLS: Final = "23456789abcdefghijklmnopqrstuvwxyz"
_RADIX: Final = len(_SYMBOLS)
LEVEL_SEPARATOR: Final = "1"
PART_SEPARATOR: Final = "0"
_COMMON: Final = _SYMBOLS[0]

#: Default length limit of sort_key_str, the length of the column it is stored in.
SORT_KEY_MAX_LENGTH: Final = 1024


def _digits(value: int, width: int) -> str:
    out = []
    for _ in range(width):
        value, digit = divmod(value, _RADIX)
        out.append(_SYMBOLS[digit])
    if value:
        raise ValueError("value too large for the key width")
    return "".join(reversed(out))


def _primary_token(weight: int) -> str:
    band, code_point = divmod(weight, 1 << _CP_BITS)
    token = _digits(band, 2)
    return token + _digits(code_point, 4) if band in _ESCAPES else token


def _mark_token(weight: int) -> str:
    if weight < _RADIX - 1:
        return _SYMBOLS[weight]
    return _SYMBOLS[-1] + _digits(weight, 4)


def sort_key_str(s: str, max_length: int | None = SORT_KEY_MAX_LENGTH) -> str:
    """A string whose plain (code-point or locale) order is the Vietnamese order, for a database column.

    ``ORDER BY name_sort`` then sorts as :func:`fallback_sort_key` does (without its exact tie-break). The
    key uses only ``0-9a-z``, so PostgreSQL orders it the same under the "C" collation and under glibc or ICU
    locale collations. Levels as in :func:`fallback_sort_key`, trailing default weights trimmed. A key longer
    than ``max_length`` is cut: strings that differ only beyond the cut then sort as equal (the limit is only
    reached by texts of several hundred characters).
    """
    primary, secondary, tertiary = _levels(_elements(s))
    key = LEVEL_SEPARATOR.join(
        (
            "".join(_primary_token(p) for p in primary),
            "".join(_mark_token(w) for w in secondary).rstrip(_COMMON),
            "".join(_SYMBOLS[t] for t in tertiary).rstrip(_COMMON),
        )
    )
    return key if max_length is None else key[:max_length]
