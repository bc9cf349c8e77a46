"""Vietnamese language rules for the system, as a pure layer (standard library only; PyICU optional).

* :mod:`tdkt.vn.text` — NFC, cleaning, folding for search;
* :mod:`tdkt.vn.collation` — Vietnamese alphabetical order (ICU when installed, a checked fallback otherwise);
* :mod:`tdkt.vn.names` — họ / đệm / tên, and sorting people by tên;
* :mod:`tdkt.vn.dates` — dates in words and the date line of Nghị định 30/2020/NĐ-CP;
* :mod:`tdkt.vn.money` — amounts in figures and in words for decisions and payment lists;
* :mod:`tdkt.vn.legacy` — TCVN3 (ABC) and VNI text from old spreadsheets, to Unicode.

No Django here: the web layers import this package, never the other way round.
"""

from tdkt.vn.collation import (
    ICU_AVAILABLE,
    FallbackKey,
    SortKey,
    collate_sorted,
    fallback_sort_key,
    icu_sort_key,
    sort_key,
    sort_key_str,
)
from tdkt.vn.dates import date_in_words, nd30_date, short_date
from tdkt.vn.legacy import (
    Encoding,
    LegacyEncoding,
    detect_legacy,
    detect_legacy_many,
    font_encoding,
    is_uppercase_font,
    is_vietnamese_syllable,
    to_legacy,
    to_unicode,
)
from tdkt.vn.money import ZeroTens, amount_in_figures, amount_in_words, number_in_words
from tdkt.vn.names import COMPOUND_SURNAMES, PersonName, name_sort_key, name_sort_key_str, split_name
from tdkt.vn.text import clean, fold, nfc

__all__ = [
    "COMPOUND_SURNAMES",
    "ICU_AVAILABLE",
    "Encoding",
    "FallbackKey",
    "LegacyEncoding",
    "PersonName",
    "SortKey",
    "ZeroTens",
    "amount_in_figures",
    "amount_in_words",
    "clean",
    "collate_sorted",
    "date_in_words",
    "detect_legacy",
    "detect_legacy_many",
    "fallback_sort_key",
    "fold",
    "font_encoding",
    "icu_sort_key",
    "is_uppercase_font",
    "is_vietnamese_syllable",
    "name_sort_key",
    "name_sort_key_str",
    "nd30_date",
    "nfc",
    "number_in_words",
    "short_date",
    "sort_key",
    "sort_key_str",
    "split_name",
    "to_legacy",
    "to_unicode",
]
