"""The Vietnamese alphabet as data: base letters, tone marks and how a written letter splits into them.

Collation and the legacy-encoding validator reason about letters through this one table, so a letter is
never spelled two ways; the tests build their expectations independently of it.

Vietnamese writes a vowel as a base letter (a ă â e ê i o ô ơ u ư y) plus at most one of five tone
marks. The shapes ă â ê ô ơ ư and the consonant đ are letters of their own (they have their own
place in the alphabet); the tone marks are not.
"""

from __future__ import annotations

import unicodedata
from typing import Final, NamedTuple

GRAVE: Final = "\u0300"  # huyền
HOOK: Final = "\u0309"  # hỏi
TILDE: Final = "\u0303"  # ngã
ACUTE: Final = "\u0301"  # sắc
DOT_BELOW: Final = "\u0323"  # nặng

#: Tone marks in the order Vietnamese dictionaries and CLDR's "vi" collation rank them:
#: ngang (no mark) < huyền < hỏi < ngã < sắc < nặng (CLDR ``common/collation/vi.xml``: ``&̀<<̉<<̃<<́<<̣``).
TONES: Final[tuple[str, ...]] = ("", GRAVE, HOOK, TILDE, ACUTE, DOT_BELOW)
TONE_NAMES: Final[dict[str, str]] = {
    "": "ngang",
    GRAVE: "huyền",
    HOOK: "hỏi",
    TILDE: "ngã",
    ACUTE: "sắc",
    DOT_BELOW: "nặng",
}

#: The twelve vowel letters, in alphabetical order.
VOWELS: Final = "aăâeêioôơuưy"

#: The Vietnamese alphabet (29 letters) with the foreign letters f, j, w, z in their Latin places, as the
#: CLDR "vi" tailoring leaves them: a ă â b c d đ e ê (f) g h i (j) k l m n o ô ơ p q r s t u ư v (w) x y (z).
ALPHABET: Final = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"

#: Base letter + shape mark → the Vietnamese letter they spell (breve, circumflex, horn).
SHAPES: Final[dict[tuple[str, str], str]] = {
    ("a", "\u0306"): "ă",
    ("a", "\u0302"): "â",
    ("e", "\u0302"): "ê",
    ("o", "\u0302"): "ô",
    ("o", "\u031b"): "ơ",
    ("u", "\u031b"): "ư",
}


class Letter(NamedTuple):
    """A Vietnamese letter split into what the alphabet orders: base letter, tone mark, case."""

    base: str  # one of ALPHABET, lower case
    tone: str  # one of TONES
    upper: bool


def compose(base: str, tone: str = "", upper: bool = False) -> str:
    """The NFC letter for a base letter (from :data:`ALPHABET`), a tone mark and a case."""
    text = unicodedata.normalize("NFC", unicodedata.normalize("NFD", base) + tone)
    return text.upper() if upper else text


def _build_letters() -> dict[str, Letter]:
    table: dict[str, Letter] = {}
    for base in ALPHABET:
        tones = TONES if base in VOWELS else ("",)
        for tone in tones:
            for upper in (False, True):
                table[compose(base, tone, upper)] = Letter(base, tone, upper)
    return table


#: Every Vietnamese letter (NFC, both cases, all tones) → its parts; includes plain a–z.
LETTERS: Final[dict[str, Letter]] = _build_letters()

#: The 134 letters that make text Vietnamese rather than ASCII: 66 toned or shaped vowels and đ, both cases.
VIETNAMESE_LETTERS: Final[frozenset[str]] = frozenset(ch for ch in LETTERS if not ch.isascii())


def split_letter(ch: str) -> Letter | None:
    """The parts of a Vietnamese letter written as one NFC character, or None for anything else."""
    return LETTERS.get(ch)
