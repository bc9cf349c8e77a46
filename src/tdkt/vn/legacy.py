"""Text typed in the pre-Unicode Vietnamese font encodings TCVN3 (ABC) and VNI, converted to Unicode.

Provincial spreadsheets and documents from before ~2005 were typed with fonts that draw Vietnamese letters
in the places of Western ones. Excel stores the Western characters, so openpyxl reads a cell typed in
".VnTime" as "Céng hßa x· héi chñ nghÜa ViÖt Nam" and one typed in "VNI-Times" as "Coäng hoøa xaõ hoäi chuû
nghóa Vieät Nam". The text is the bytes of the legacy encoding decoded as Windows-1252 (identical to
Latin-1 here: neither encoding uses the bytes 0x80–0x9F for letters).

* TCVN3 (TCVN 5712:1993, the "VN3" table used by the ABC fonts .VnTime, .VnArial…) gives each lower-case
  letter one byte; upper case exists only for Ă Â Ê Ô Ơ Ư Đ. Other capitals were typed with the matching
  "H" font (.VnTimeH, .VnArialH), which draws the lower-case codes as capitals; the font name is the only
  record of that, hence :func:`font_encoding`, :func:`is_uppercase_font` and ``to_unicode(uppercase=...)``.
* VNI (VNI-Windows, the VNI-Times fonts) writes a vowel as the base letter followed by a mark character:
  "aù" = á, "eä" = ệ; a few letters are single characters: ñ = đ, ô = ơ, ö = ư, ó = ĩ, ò = ị, î = ỵ.

Sources of the tables: UniKey's VnConv library by Pham Kim Long, ``data.cpp`` (``SingleByteTables``
"TCVN3" and ``DoubleByteTables`` "VNI-WIN"), as in github.com/fcitx/fcitx5-unikey ``unikey/data.cpp``; the
TCVN3 letters (0xA1–0xFE) also agree with the TCVN 5712 table of GNU libiconv and XFree86
(``lcUniConv/tcvn.h``). The tests compare both tables with transcriptions of UniKey's, entry by entry.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Final, Literal

from tdkt.vn.letters import TONES, VIETNAMESE_LETTERS, VOWELS, split_letter
from tdkt.vn.text import nfc

Encoding = Literal["tcvn3", "vni", "unicode"]
LegacyEncoding = Literal["tcvn3", "vni"]
LEGACY_ENCODINGS: Final[tuple[LegacyEncoding, ...]] = ("tcvn3", "vni")

# --- TCVN3 ------------------------------------------------------------------------------------------------

#: TCVN3 (ABC) letters: each row is a Unicode letter in the six tones ngang, huyền, hỏi, ngã, sắc, nặng and
#: the TCVN3 characters for them (as Windows-1252 decodes the byte). Plain a e i o u y are ASCII in TCVN3.
TCVN3_ROWS: Final[tuple[tuple[str, str], ...]] = (
    ("aàảãáạ", "a\xb5\xb6\xb7\xb8\xb9"),
    ("ăằẳẵắặ", "\xa8\xbb\xbc\xbd\xbe\xc6"),
    ("âầẩẫấậ", "\xa9\xc7\xc8\xc9\xca\xcb"),
    ("eèẻẽéẹ", "e\xcc\xce\xcf\xd0\xd1"),
    ("êềểễếệ", "\xaa\xd2\xd3\xd4\xd5\xd6"),
    ("iìỉĩíị", "i\xd7\xd8\xdc\xdd\xde"),
    ("oòỏõóọ", "o\xdf\xe1\xe2\xe3\xe4"),
    ("ôồổỗốộ", "\xab\xe5\xe6\xe7\xe8\xe9"),
    ("ơờởỡớợ", "\xac\xea\xeb\xec\xed\xee"),
    ("uùủũúụ", "u\xef\xf1\xf2\xf3\xf4"),
    ("ưừửữứự", "\xad\xf5\xf6\xf7\xf8\xf9"),
    ("yỳỷỹýỵ", "y\xfa\xfb\xfc\xfd\xfe"),
    ("đĐĂÂÊÔƠƯ", "\xae\xa7\xa1\xa2\xa3\xa4\xa5\xa6"),
)

TCVN3_TO_UNICODE: Final[dict[str, str]] = {
    code: letter
    for letters, codes in TCVN3_ROWS
    for letter, code in zip(letters, codes, strict=True)
    if code != letter
}
_TCVN3_DECODE: Final = str.maketrans(TCVN3_TO_UNICODE)
_TCVN3_ENCODE: Final[dict[str, str]] = {
    letter: code for letters, codes in TCVN3_ROWS for letter, code in zip(letters, codes, strict=True)
}

# --- VNI --------------------------------------------------------------------------------------------------

#: VNI mark characters, by tone (ngang, huyền, hỏi, ngã, sắc, nặng), for plain vowels, for the circumflex
#: vowels â ê ô (written a/e/o + mark) and for ă (written a + mark). Lower case; the upper-case marks are
#: the Latin-1 capitals of these (0x20 lower), e.g. "AØ" = À, as UniKey's VNI-WIN table has them.
VNI_TONE_MARKS: Final = ("", "ø", "û", "õ", "ù", "ï")
VNI_CIRCUMFLEX_MARKS: Final = ("â", "à", "å", "ã", "á", "ä")
VNI_BREVE_MARKS: Final = ("ê", "è", "ú", "ü", "é", "ë")

#: How VNI writes each lower-case Vietnamese letter (tone order as above); i and ỵ use single characters.
VNI_ROWS: Final[tuple[tuple[str, tuple[str, ...]], ...]] = (
    ("aàảãáạ", tuple("a" + m for m in VNI_TONE_MARKS)),
    ("ăằẳẵắặ", tuple("a" + m for m in VNI_BREVE_MARKS)),
    ("âầẩẫấậ", tuple("a" + m for m in VNI_CIRCUMFLEX_MARKS)),
    ("eèẻẽéẹ", tuple("e" + m for m in VNI_TONE_MARKS)),
    ("êềểễếệ", tuple("e" + m for m in VNI_CIRCUMFLEX_MARKS)),
    ("iìỉĩíị", ("i", "ì", "æ", "ó", "í", "ò")),
    ("oòỏõóọ", tuple("o" + m for m in VNI_TONE_MARKS)),
    ("ôồổỗốộ", tuple("o" + m for m in VNI_CIRCUMFLEX_MARKS)),
    ("ơờởỡớợ", tuple("ô" + m for m in VNI_TONE_MARKS)),
    ("uùủũúụ", tuple("u" + m for m in VNI_TONE_MARKS)),
    ("ưừửữứự", tuple("ö" + m for m in VNI_TONE_MARKS)),
    ("yỳỷỹýỵ", ("y", "yø", "yû", "yõ", "yù", "î")),
    ("đ", ("ñ",)),
)


def _vni_encode_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for letters, codes in VNI_ROWS:
        for letter, code in zip(letters, codes, strict=True):
            table[letter] = code
            table[letter.upper()] = code.upper()
    return table


_VNI_ENCODE: Final[dict[str, str]] = _vni_encode_table()


def _vni_decode_table() -> dict[str, str]:
    table = {code: letter for letter, code in _VNI_ENCODE.items() if code != letter}
    for code, letter in list(table.items()):  # tolerate a mark typed in the other case: "Aø", "aØ"
        if len(code) == 2:
            table.setdefault(code[0] + code[1].swapcase(), letter)
    return table


VNI_TO_UNICODE: Final[dict[str, str]] = _vni_decode_table()


def _decode_vni(s: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(s):
        pair = VNI_TO_UNICODE.get(s[i : i + 2]) if i + 1 < len(s) else None
        if pair is not None:
            out.append(pair)
            i += 2
        else:
            out.append(VNI_TO_UNICODE.get(s[i], s[i]))
            i += 1
    return "".join(out)


# --- detection --------------------------------------------------------------------------------------------

#: Written Vietnamese syllables: an onset, then a vowel cluster that ends the syllable (open or with a glide)
#: or a vowel cluster followed by a final consonant. Written forms, not phonemes: "gi", "qu" are onsets.
_ONSETS: Final = (
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "th", "tr", "qu",
    "q", "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
)  # fmt: skip
_GLIDED: Final = (
    "oai|oay|oeo|uây|uôi|ươi|ươu|iêu|yêu|uya|uyu|ai|ao|au|ay|âu|ây|eo|êu|ia|iu|oi|ôi|ơi|ua|ui|ưa|ưi|ưu|ya"
)
_OPEN: Final = "a|e|ê|i|o|ô|ơ|u|ư|y|oa|oe|uê|uy|uơ"
_BEFORE_CH_NH: Final = "oa|uê|uy|a|ê|i"  # anh ách ênh ích oanh uynh
_BEFORE_NG_C: Final = "uyê|oa|oă|oe|uâ|uô|ươ|iê|yê|a|ă|â|e|o|ô|u|ư"  # ang ăng ương iêng (not loans: xoong)
_BEFORE_M_N_P_T: Final = "uyê|oa|oă|oe|uâ|uê|uy|iê|yê|uô|ươ|a|ă|â|e|ê|i|o|ô|ơ|u|ư"
_RHYME: Final = re.compile(
    rf"{_GLIDED}|{_OPEN}|(?:{_BEFORE_CH_NH})(?:ch|nh)|(?:{_BEFORE_NG_C})(?:ng|c)|(?:{_BEFORE_M_N_P_T})[mnpt]"
)
_FRONT_VOWELS: Final = frozenset("iêey")  # k, gh, ngh come before these only; c, g, ng never do


def _spelling_ok(onset: str, rhyme: str) -> bool:
    if onset == "q":  # "q" + "uynh": the u of "qu" also starts the rhyme
        return rhyme[0] == "u"
    front = rhyme[0] in _FRONT_VOWELS
    if onset in ("k", "gh", "ngh"):
        return front
    if onset in ("c", "ng") or (onset == "g" and rhyme[0] != "i"):
        return not front
    return True


def _tone_on_a_glide(bases: list[str], toned: int) -> bool:
    """A tone mark on a final i, u, o or y after another vowel ("caù", "keỏ", "maý") is misplaced: Vietnamese
    puts it on the main vowel (cáu, kẻo, máy). "uý" (thuý, quý) and "quí" are the exceptions: y, i are main."""
    if toned != len(bases) - 1 or toned == 0 or bases[toned] not in "iuoy" or bases[toned - 1] not in VOWELS:
        return False
    return not (bases[toned - 1] == "u" and (bases[toned] == "y" or bases[toned - 2 : toned] == ["q", "u"]))


def is_vietnamese_syllable(word: str) -> bool:
    """Whether ``word`` (NFC, any case) is spelled as one Vietnamese syllable with at most one tone mark.

    Used to judge a legacy decoding: real Vietnamese comes out as syllables, mis-decoded text does not. The
    check is on the written form (onset, vowel cluster, final consonant, spelling rules for c/k/g/gh/ng/ngh,
    a tone mark not on a final glide), not a dictionary: "khuya", "nghiêng", "quốc" pass; "céng", "nghóa",
    "vieät", "hµ", "caù" do not.
    """
    bases: list[str] = []
    toned: list[int] = []
    for i, ch in enumerate(word.lower()):
        letter = split_letter(ch)
        if letter is None or letter.base in "fjwz":
            return False
        bases.append(letter.base)
        if letter.tone:
            toned.append(i)
    if len(toned) > 1 or (toned and _tone_on_a_glide(bases, toned[0])):
        return False
    text = "".join(bases)
    return any(
        text.startswith(onset)
        and _RHYME.fullmatch(text[len(onset) :])
        and _spelling_ok(onset, text[len(onset) :])
        for onset in _ONSETS
    )


def _plainly_cased(word: str) -> bool:
    """Lower case, upper case or capitalised: a capital after a small letter ("xuÊt", "ViÖt") is a sign of
    TCVN3, whose lower-case letters ấ ệ ể… fall on Latin-1 capitals."""
    return word.islower() or word.isupper() or word[1:].islower() or len(word) == 1


#: Characters that make text Unicode for certain: Vietnamese letters outside Latin-1 (ă đ ơ ư ạ…ỹ) and the
#: combining tone marks of decomposed text. No legacy string read through Windows-1252 contains them.
_UNICODE_ONLY: Final = frozenset(ch for ch in VIETNAMESE_LETTERS if ord(ch) > 0xFF) | frozenset(TONES[1:])
_TCVN3_CHARS: Final = frozenset(ch for _, codes in TCVN3_ROWS for ch in codes if not ch.isascii())
_VNI_CHARS: Final = frozenset(
    ch for _, codes in VNI_ROWS for code in codes for ch in code + code.upper() if not ch.isascii()
)
_LEGACY_CHARS: Final = _TCVN3_CHARS | _VNI_CHARS
#: Characters only one of the two encodings uses ("¸" = á is TCVN3 only; "Â" as a circumflex mark is VNI only).
_EXCLUSIVE: Final[dict[LegacyEncoding, frozenset[str]]] = {
    "tcvn3": _TCVN3_CHARS - _VNI_CHARS,
    "vni": _VNI_CHARS - _TCVN3_CHARS,
}
#: Words: runs of anything but whitespace, ASCII digits and ASCII punctuation (legacy letters are non-ASCII).
_TOKEN: Final = re.compile(r"[^\s!-@\[-`{-~]+")


@dataclass
class _Evidence:
    """What decoding the words of some text as TCVN3 and as VNI would do to them."""

    unexplained: int = 0  # words with legacy characters that are not Vietnamese syllables as they stand
    # per encoding: such words that the decoding makes syllables, and syllables that it breaks
    gained: dict[LegacyEncoding, int] = field(default_factory=lambda: dict.fromkeys(LEGACY_ENCODINGS, 0))
    lost: dict[LegacyEncoding, int] = field(default_factory=lambda: dict.fromkeys(LEGACY_ENCODINGS, 0))
    exclusive: dict[LegacyEncoding, int] = field(default_factory=lambda: dict.fromkeys(LEGACY_ENCODINGS, 0))

    def add(self, word: str) -> None:
        if len(word) == 1 and not word.isalpha():
            return  # "«", "©" standing alone: no evidence either way (but "®·" is TCVN3 "đã")
        for encoding in LEGACY_ENCODINGS:
            self.exclusive[encoding] += sum(ch in _EXCLUSIVE[encoding] for ch in word)
        valid = is_vietnamese_syllable(word) and _plainly_cased(word)
        self.unexplained += not valid
        for encoding in LEGACY_ENCODINGS:
            decoded = _decode(word, encoding)
            if decoded != word:
                after = is_vietnamese_syllable(decoded)  # any case: the .VnTimeH fonts show all as capitals
                self.gained[encoding] += after and not valid
                self.lost[encoding] += valid and not after

    def decide(self) -> Encoding:
        """The encoding that fixes at least half of the broken words and fixes more than it breaks; between
        two such, the one with the larger net gain, then the one whose own characters occur more often (the
        bytes only one of the two encodings uses), then TCVN3, the usual encoding of state offices."""
        candidates: list[LegacyEncoding] = [
            encoding
            for encoding in LEGACY_ENCODINGS
            if 2 * self.gained[encoding] >= self.unexplained and self.gained[encoding] > self.lost[encoding]
        ]
        if not candidates:
            return "unicode"
        return max(candidates, key=self._strength)

    def _strength(self, encoding: LegacyEncoding) -> tuple[int, int]:
        return (self.gained[encoding] - self.lost[encoding], self.exclusive[encoding])


def _decode(s: str, encoding: LegacyEncoding) -> str:
    return s.translate(_TCVN3_DECODE) if encoding == "tcvn3" else _decode_vni(s)


def _evidence(texts: Iterable[str]) -> _Evidence:
    evidence = _Evidence()
    for text in texts:
        if text.isascii() or not _UNICODE_ONLY.isdisjoint(text):
            continue
        for word in _TOKEN.findall(text):
            if not _LEGACY_CHARS.isdisjoint(word):
                evidence.add(word)
    return evidence


def detect_legacy(s: str) -> Encoding:
    """Which encoding ``s`` was typed in: "tcvn3", "vni", or "unicode" (also for ASCII and other text).

    Text with a Vietnamese letter outside Latin-1 (ă, đ, ơ, ư, ạ…ỹ) or a combining tone mark is Unicode. Else
    each word that a decoding changes is tested: does it become a Vietnamese syllable where it was not one?
    An encoding is chosen when most of the words it changes become syllables and it makes more syllables than
    it breaks; otherwise the text is left as Unicode. English, French or German text does not pass that test,
    and correct Unicode Vietnamese never does (it is syllables already). A single short word can be truly
    ambiguous: decide over a whole column with :func:`detect_legacy_many`, or use the cell's font name.
    """
    return _evidence((s,)).decide()


def detect_legacy_many(texts: Iterable[str]) -> Encoding:
    """One decision for many strings (a column or a sheet), weighing the evidence of all of them together."""
    return _evidence(texts).decide()


def to_unicode(s: str, encoding: Encoding | None = None, *, uppercase: bool = False) -> str:
    """Convert TCVN3 or VNI text to Unicode NFC; ``encoding=None`` detects it with :func:`detect_legacy`.

    ``uppercase=True`` is for text in a TCVN3 capitals font (.VnTimeH…, see :func:`is_uppercase_font`),
    which shows every letter as a capital. Text that is already Unicode comes back NFC, otherwise unchanged.
    """
    chosen = detect_legacy(s) if encoding is None else encoding
    text = nfc(s) if chosen == "unicode" else nfc(_decode(s, chosen))
    return text.upper() if uppercase else text


def to_legacy(s: str, encoding: LegacyEncoding) -> str:
    """Unicode text in TCVN3 or VNI, as a legacy font would need it (for round-trip tests and exports).

    TCVN3 has no codes for toned capitals; they are written with the lower-case codes, as the ABC keyboard
    drivers did (the capitals font then shows them in upper case), so they decode to lower case.
    """
    text = nfc(s)
    if encoding == "vni":
        return "".join(_VNI_ENCODE.get(ch, ch) for ch in text)
    return "".join(_TCVN3_ENCODE.get(ch, _TCVN3_ENCODE.get(ch.lower(), ch)) for ch in text)


def font_encoding(font_name: str | None) -> LegacyEncoding | None:
    """The legacy encoding a font name implies: ".Vn…" fonts are TCVN3 (ABC), "VNI-…" fonts are VNI."""
    name = (font_name or "").strip().lower()
    if name.startswith(".vn"):
        return "tcvn3"
    if name.startswith("vni-") or name.startswith("vni "):
        return "vni"
    return None


def is_uppercase_font(font_name: str | None) -> bool:
    """Whether a TCVN3 font is a capitals font: the ABC set ends their names in "H" (.VnTimeH, .VnArialH)."""
    return font_encoding(font_name) == "tcvn3" and (font_name or "").strip().endswith("H")
