"""Vietnamese personal names: họ (family name), tên đệm (middle name) and tên (given name).

A Vietnamese full name is written family name first: "Nguyễn Văn An" is họ Nguyễn, đệm Văn, tên An.
Lists of people (danh sách khen thưởng, giấy khen, hồ sơ) are put in order by tên, then họ, then đệm,
because the given name is what a person is called by.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from tdkt.vn.collation import PART_SEPARATOR, SortKey, sort_key, sort_key_str
from tdkt.vn.text import clean

#: Family names of more than one word. Kept short on purpose: each entry must be a family name in practice
#: and must not collide with a common surname + middle-name pair, or ordinary names would be split wrongly.
#:
#: * Tôn Thất and the Tôn Nữ family of names: the Nguyễn Phúc royal lineage, whose descendants carry them as
#:   their family name (Tôn Thất for men; Tôn Nữ and the generational forms Công Tôn Nữ, Công Tằng Tôn Nữ,
#:   Công Huyền Tôn Nữ, Tằng Tôn Nữ, Huyền Tôn Nữ, Lai Huyền Tôn Nữ for women).
#: * Âu Dương and Tư Mã: Sino-Vietnamese two-syllable family names (欧阳, 司马) borne by Vietnamese families.
#:
#: Deliberately left out: "Nguyễn Phúc"/"Nguyễn Phước" (Phúc and Phước are among the most common middle names,
#: so "Nguyễn Phúc An" is usually họ Nguyễn, đệm Phúc), and "Công Tôn" on its own (Công is a middle name too).
#: Callers with other needs pass their own tuple to :func:`split_name`. Longer entries win over shorter ones.
COMPOUND_SURNAMES: Final[tuple[str, ...]] = (
    "Tôn Thất",
    "Tôn Nữ",
    "Công Tôn Nữ",
    "Công Tằng Tôn Nữ",
    "Công Huyền Tôn Nữ",
    "Tằng Tôn Nữ",
    "Huyền Tôn Nữ",
    "Lai Huyền Tôn Nữ",
    "Âu Dương",
    "Tư Mã",
)


@dataclass(frozen=True, slots=True)
class PersonName:
    """A full name split into họ, đệm, tên; ``full`` is the cleaned full name (NFC, single spaces)."""

    ho: str
    dem: str
    ten: str
    full: str


def _surname_length(words: list[str], compound_surnames: Iterable[str]) -> int:
    """How many leading words form the family name: the longest compound that leaves a given name, else 1."""
    folded = [w.casefold() for w in words]
    best = 1
    for surname in compound_surnames:
        parts = clean(surname).casefold().split()
        if best < len(parts) < len(words) and folded[: len(parts)] == parts:
            best = len(parts)
    return best


def split_name(full: str, compound_surnames: Iterable[str] = COMPOUND_SURNAMES) -> PersonName:
    """Split a full name: họ = first word (or a compound family name), tên = last word, đệm = in between.

    "Tôn Nữ Thị Hà" → họ "Tôn Nữ", đệm "Thị", tên "Hà"; "Lê Na" → họ "Lê", đệm "", tên "Na"; a one-word name
    is a tên only. The text is cleaned (NFC, whitespace collapsed); the spelling and capitals are kept as
    given. Raises ValueError for a name with no word in it.
    """
    text = clean(full)
    if not text:
        raise ValueError("empty name")
    words = text.split(" ")
    if len(words) == 1:
        return PersonName(ho="", dem="", ten=text, full=text)
    n = _surname_length(words, tuple(compound_surnames))
    return PersonName(ho=" ".join(words[:n]), dem=" ".join(words[n:-1]), ten=words[-1], full=text)


def _as_name(name: str | PersonName) -> PersonName:
    return name if isinstance(name, PersonName) else split_name(name)


def name_sort_key(name: str | PersonName) -> tuple[SortKey, SortKey, SortKey]:
    """Key for sorting people the Vietnamese way: by tên, then họ, then đệm, each in Vietnamese collation.

    "Nguyễn Văn An" < "Lê Văn Bình" < "Trần Thị Bình" (An < Bình; for the same tên Bình, Lê < Trần). Each
    part is compared whole (with its tones) before the next: everyone called "An" comes before everyone
    called "Án", whatever their family names.
    """
    parts = _as_name(name)
    return (sort_key(parts.ten), sort_key(parts.ho), sort_key(parts.dem))


def name_sort_key_str(name: str | PersonName, max_length: int | None = 1024) -> str:
    """The string form of :func:`name_sort_key`, for a database column (see :func:`sort_key_str`).

    The parts' keys are joined by a separator that sorts below every key symbol, so the column orders by tên,
    then họ, then đệm, exactly as :func:`name_sort_key` does with the pure-Python collation.
    """
    parts = _as_name(name)
    key = PART_SEPARATOR.join(
        sort_key_str(part, max_length=None) for part in (parts.ten, parts.ho, parts.dem)
    )
    return key if max_length is None else key[:max_length]
