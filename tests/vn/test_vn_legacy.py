"""TCVN3 (ABC) and VNI text to Unicode: the tables against their sources, real samples, round trips, detection."""

from __future__ import annotations

import random
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tdkt.vn import (
    LegacyEncoding,
    detect_legacy,
    detect_legacy_many,
    font_encoding,
    is_uppercase_font,
    is_vietnamese_syllable,
    to_legacy,
    to_unicode,
)

ENCODINGS: tuple[LegacyEncoding, ...] = ("tcvn3", "vni")

# --- the tables, checked against independent transcriptions of their sources --------------------------------

# UniKey VnConv data.cpp (github.com/fcitx/fcitx5-unikey, unikey/data.cpp), SingleByteTables "TCVN3": the file
# is stored in Mac OS Roman, so each TCVN3 byte shows there as the Mac Roman character below (0xCA, shown as a
# no-break space, is "ấ"). Order per vowel as in UniKey: sắc, huyền, hỏi, ngã, nặng; then the capitals.
UNIKEY_TCVN3_MAC_ROMAN = {
    "áàảãạ": "∏µ∂∑π",
    "âấầẩẫậ": "©\u00a0«»…À",
    "ăắằẳẵặ": "®æªºΩ∆",
    "đ": "Æ",
    "éèẻẽẹ": "–ÃŒœ—",
    "êếềểễệ": "™’“”‘÷",
    "íìỉĩị": "›◊ÿ‹ﬁ",
    "óòỏõọ": "„ﬂ·‚‰",
    "ôốồổỗộ": "´ËÂÊÁÈ",
    "ơớờởỡợ": "¨ÌÍÎÏÓ",
    "úùủũụ": "ÛÔÒÚÙ",
    "ưứừửữự": "≠¯ıˆ˜˘",
    "ýỳỷỹỵ": "˝˙˚¸˛",
    "ĂÂĐÊÔƠƯ": "°¢ß£§•¶",
}

# UniKey data.cpp, DoubleByteTables "VNI-WIN": one 16-bit word per letter, low byte the base character, high
# byte the mark (0 for none). Letter order as UniKey's UnicodeTable: capital then small, in the tones none,
# sắc, huyền, hỏi, ngã, nặng. Copied as numbers from the source.
UNIKEY_VNI_LETTERS = (
    "AaÁáÀàẢảÃãẠạ" "ÂâẤấẦầẨẩẪẫẬậ" "ĂăẮắẰằẲẳẴẵẶặ" "Đđ" "EeÉéÈèẺẻẼẽẸẹ" "ÊêẾếỀềỂểỄễỆệ" "IiÍíÌìỈỉĨĩỊị"
    "OoÓóÒòỎỏÕõỌọ" "ÔôỐốỒồỔổỖỗỘộ" "ƠơỚớỜờỞởỠỡỢợ" "UuÚúÙùỦủŨũỤụ" "ƯưỨứỪừỬửỮữỰự" "YyÝýỲỳỶỷỸỹỴỵ"
)  # fmt: skip
UNIKEY_VNI_WORDS = (
    0x0041, 0x0061, 0xD941, 0xF961, 0xD841, 0xF861, 0xDB41, 0xFB61, 0xD541, 0xF561, 0xCF41, 0xEF61,
    0xC241, 0xE261, 0xC141, 0xE161, 0xC041, 0xE061, 0xC541, 0xE561, 0xC341, 0xE361, 0xC441, 0xE461,
    0xCA41, 0xEA61, 0xC941, 0xE961, 0xC841, 0xE861, 0xDA41, 0xFA61, 0xDC41, 0xFC61, 0xCB41, 0xEB61,
    0x00D1, 0x00F1,
    0x0045, 0x0065, 0xD945, 0xF965, 0xD845, 0xF865, 0xDB45, 0xFB65, 0xD545, 0xF565, 0xCF45, 0xEF65,
    0xC245, 0xE265, 0xC145, 0xE165, 0xC045, 0xE065, 0xC545, 0xE565, 0xC345, 0xE365, 0xC445, 0xE465,
    0x0049, 0x0069, 0x00CD, 0x00ED, 0x00CC, 0x00EC, 0x00C6, 0x00E6, 0x00D3, 0x00F3, 0x00D2, 0x00F2,
    0x004F, 0x006F, 0xD94F, 0xF96F, 0xD84F, 0xF86F, 0xDB4F, 0xFB6F, 0xD54F, 0xF56F, 0xCF4F, 0xEF6F,
    0xC24F, 0xE26F, 0xC14F, 0xE16F, 0xC04F, 0xE06F, 0xC54F, 0xE56F, 0xC34F, 0xE36F, 0xC44F, 0xE46F,
    0x00D4, 0x00F4, 0xD9D4, 0xF9F4, 0xD8D4, 0xF8F4, 0xDBD4, 0xFBF4, 0xD5D4, 0xF5F4, 0xCFD4, 0xEFF4,
    0x0055, 0x0075, 0xD955, 0xF975, 0xD855, 0xF875, 0xDB55, 0xFB75, 0xD555, 0xF575, 0xCF55, 0xEF75,
    0x00D6, 0x00F6, 0xD9D6, 0xF9F6, 0xD8D6, 0xF8F6, 0xDBD6, 0xFBF6, 0xD5D6, 0xF5F6, 0xCFD6, 0xEFF6,
    0x0059, 0x0079, 0xD959, 0xF979, 0xD859, 0xF879, 0xDB59, 0xFB79, 0xD559, 0xF579, 0x00CE, 0x00EE,
)  # fmt: skip


def vni_from_word(word: int) -> str:
    mark, base = divmod(word, 256)
    return chr(base) + (chr(mark) if mark else "")


def test_tcvn3_table_matches_unikey() -> None:
    for letters, mac in UNIKEY_TCVN3_MAC_ROMAN.items():
        for letter, shown in zip(letters, mac, strict=True):
            legacy = shown.encode("mac_roman").decode("latin-1")
            assert to_legacy(letter, "tcvn3") == legacy, letter
            assert to_unicode(legacy, "tcvn3") == letter, letter


def test_tcvn3_table_spot_checks_from_libiconv_tcvn_h() -> None:
    """GNU libiconv's TCVN 5712 table (tcvn.h): 0xB8 á, 0xB5 à, 0xAE đ, 0xA7 Đ, 0xAD ư, 0xF9 ự, 0xFE ỵ."""
    for byte, letter in [
        (0xB8, "á"),
        (0xB5, "à"),
        (0xAE, "đ"),
        (0xA7, "Đ"),
        (0xAD, "ư"),
        (0xF9, "ự"),
        (0xFE, "ỵ"),
    ]:
        assert to_unicode(chr(byte), "tcvn3") == letter


def test_vni_table_matches_unikey() -> None:
    assert len(UNIKEY_VNI_LETTERS) == len(UNIKEY_VNI_WORDS) == 12 * 12 + 2
    for letter, word in zip(UNIKEY_VNI_LETTERS, UNIKEY_VNI_WORDS, strict=True):
        assert to_legacy(letter, "vni") == vni_from_word(word), letter
        assert to_unicode(vni_from_word(word), "vni") == letter, letter


# --- real samples ------------------------------------------------------------------------------------------

# Hard-coded as they appear, read as Latin-1, in public repositories' tests and docs of Vietnamese converters
# (e.g. the iconv TCVN5712-1 test "Céng hßa x· héi chñ nghÜa ViÖt Nam", a Ministry of Finance decision of
# November 2002 "bé tµi chÝnh … Hµ néi, ngµy 22 th¸ng 11 n¨m 2002", and a court record from Bắc Giang).
TCVN3_SAMPLES = [
    ("Céng hßa x· héi chñ nghÜa ViÖt Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ("§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"),
    ("QuyÕt ®Þnh cña Bé tr\u00adëng Bé Tµi chÝnh", "Quyết định của Bộ trưởng Bộ Tài chính"),
    ("B¸o c¸o tµi chÝnh quý II n¨m 2008", "Báo cáo tài chính quý II năm 2008"),
    ("Hµ néi, ngµy 22 th¸ng 11 n¨m 2002", "Hà nội, ngày 22 tháng 11 năm 2002"),
    (
        "Toµ ¸n nh©n d©n céng hoµ x· héi chñ nghÜa viÖt nam",
        "Toà án nhân dân cộng hoà xã hội chủ nghĩa việt nam",
    ),
    ("TØnh b¾c giang §éc lËp - Tù do- H¹nh phóc", "Tỉnh bắc giang Độc lập - Tự do- Hạnh phúc"),
    ("B¶o Th¾ng", "Bảo Thắng"),
    ("B¸t X¸t", "Bát Xát"),
]
VNI_SAMPLES = [
    ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ("Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc"),
    ("COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("Chuoãi ñöa vaøo laø laø kieåu goõ VNI", "Chuỗi đưa vào là là kiểu gõ VNI"),
]


@pytest.mark.parametrize(("legacy", "unicode"), TCVN3_SAMPLES)
def test_tcvn3_samples(legacy: str, unicode: str) -> None:
    assert detect_legacy(legacy) == "tcvn3"
    assert to_unicode(legacy) == unicode
    assert to_unicode(legacy, "tcvn3") == unicode


@pytest.mark.parametrize(("legacy", "unicode"), VNI_SAMPLES)
def test_vni_samples(legacy: str, unicode: str) -> None:
    assert detect_legacy(legacy) == "vni"
    assert to_unicode(legacy) == unicode
    assert to_unicode(legacy, "vni") == unicode


def test_sentences_encoded_with_the_tables() -> None:
    khoi = "Khối thi đua các cơ quan tham mưu tổng hợp tỉnh"
    assert to_legacy(khoi, "tcvn3") == "Khèi thi ®ua c¸c c¬ quan tham m\u00adu tæng hîp tØnh"
    assert to_legacy(khoi, "vni") == "Khoái thi ñua caùc cô quan tham möu toång hôïp tænh"
    for text in (khoi, "Cộng hòa xã hội chủ nghĩa Việt Nam", "Sở Kế hoạch và Đầu tư tỉnh Bắc Ninh"):
        for encoding in ENCODINGS:
            legacy = to_legacy(text, encoding)
            assert detect_legacy(legacy) == encoding
            assert to_unicode(legacy) == text


def test_tcvn3_capitals_font() -> None:
    """A heading typed in .VnTimeH: lower-case codes that the font draws as capitals."""
    heading = "CéNG HOµ X· HéI CHñ NGHÜA VIÖT NAM"
    assert is_uppercase_font(".VnTimeH")
    assert detect_legacy(heading) == "tcvn3"
    assert to_unicode(heading, uppercase=True) == "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"


def test_vni_tolerates_a_mark_typed_in_the_other_case() -> None:
    assert to_unicode("Vieät NAm", "vni") == "Việt NAm"
    assert to_unicode("AØ", "vni") == to_unicode("Aø", "vni") == "À"


def test_result_is_nfc() -> None:
    assert unicodedata.is_normalized("NFC", to_unicode("Coäng hoøa", "vni"))
    assert to_unicode(unicodedata.normalize("NFD", "Việt Nam")) == "Việt Nam"


# --- round trips -------------------------------------------------------------------------------------------

VOWEL_ROWS = ["aàảãáạ", "ăằẳẵắặ", "âầẩẫấậ", "eèẻẽéẹ", "êềểễếệ", "iìỉĩíị",
              "oòỏõóọ", "ôồổỗốộ", "ơờởỡớợ", "uùủũúụ", "ưừửữứự", "yỳỷỹýỵ"]  # fmt: skip
LOWER = [ch for row in VOWEL_ROWS for ch in row if not ch.isascii()] + ["đ"]
ALL_LETTERS = LOWER + [ch.upper() for ch in LOWER]


def test_there_are_134_letters() -> None:
    assert len(set(ALL_LETTERS)) == 134


@pytest.mark.parametrize("letter", ALL_LETTERS)
def test_every_letter_round_trips_through_vni(letter: str) -> None:
    legacy = to_legacy(letter, "vni")
    assert legacy != letter or letter in "ìíÌÍ"  # VNI writes ì and í as Latin-1 does
    assert to_unicode(legacy, "vni") == letter


@pytest.mark.parametrize("letter", ALL_LETTERS)
def test_every_letter_round_trips_through_tcvn3_up_to_the_font_case(letter: str) -> None:
    """TCVN3 has capitals only for Ă Â Ê Ô Ơ Ư Đ; other capitals use the lower-case code and a capitals font."""
    legacy = to_legacy(letter, "tcvn3")
    assert len(legacy) == 1 and 0xA1 <= ord(legacy) <= 0xFE
    assert legacy != letter or letter == "ý"  # TCVN3 has ý where Latin-1 has it
    expected = letter if letter.islower() or letter in "ĂÂÊÔƠƯĐ" else letter.lower()
    assert to_unicode(legacy, "tcvn3") == expected
    assert to_unicode(legacy, "tcvn3", uppercase=letter.isupper()) == letter


def test_tcvn3_codes_are_distinct() -> None:
    codes = [to_legacy(letter, "tcvn3") for letter in LOWER + list("ĂÂÊÔƠƯĐ")]
    assert len(set(codes)) == len(codes) == 74


# --- detection ---------------------------------------------------------------------------------------------

UNICODE_TEXTS = [
    "Cộng hòa xã hội chủ nghĩa Việt Nam",
    "Khối thi đua các cơ quan tham mưu tổng hợp tỉnh",
    "Hà Nam", "Tây Ninh", "Phú Yên", "Cà Mau", "Bình Phú", "Thái Hòa", "Châu Thành", "Lâm Hà", "Hòa", "Thuý",
    "ĐẶNG THỊ ÁNH TUYẾT", unicodedata.normalize("NFD", "Nguyễn Văn An"),
    "Hello world", "The quick brown fox jumps over the lazy dog.", "",
    "Le café « crème » coûte trop cher à Paris, où l'été est chaud.",
    "Größe Straße Ärger Öl", "¿Qué tal? Año, niño, señor", "naïve façade résumé", "Zoë Brontë", "São Paulo",
    "© 2024 ® ™ € 100", "Tổng: 1.234.567 đồng (50%)",
]  # fmt: skip


@pytest.mark.parametrize("text", UNICODE_TEXTS)
def test_unicode_and_foreign_text_is_left_alone(text: str) -> None:
    assert detect_legacy(text) == "unicode"
    assert to_unicode(text) == unicodedata.normalize("NFC", text)


SENTENCE = (
    "khen thưởng thi đua tập thể cá nhân xuất sắc hoàn thành nhiệm vụ chiến sĩ lao động tiên tiến bằng giấy "
    "quyết định chủ tịch ủy ban nhân dân tỉnh huyện xã phường sở ban ngành đoàn thể năm tháng ngày số tiền"
)
SYLLABLES = SENTENCE.split(" ")
LATIN1_PLACES = "Hà Tây Phú Yên Bình Thái Hòa Châu Thành Lâm Sóc Trà Vinh Cà Mau Kiên Giang An Ninh"
LATIN1_SYLLABLES = LATIN1_PLACES.split(" ")  # Unicode words that use only Latin-1 letters


@given(st.lists(st.sampled_from(SYLLABLES + LATIN1_SYLLABLES), max_size=12))
def test_unicode_vietnamese_is_never_taken_for_legacy(words: list[str]) -> None:
    text = " ".join(words)
    assert detect_legacy(text) == "unicode"
    assert to_unicode(text) == text


@given(st.text(alphabet=st.characters(max_codepoint=0x7F)))
def test_ascii_is_never_taken_for_legacy(text: str) -> None:
    assert detect_legacy(text) == "unicode"
    assert to_unicode(text) == text


@given(st.lists(st.sampled_from(SYLLABLES), min_size=1, max_size=12), st.sampled_from(ENCODINGS))
def test_legacy_round_trip(words: list[str], encoding: LegacyEncoding) -> None:
    text = " ".join(words)
    assert to_unicode(to_legacy(text, encoding), encoding) == text


# Words whose legacy spelling, alone, is also a Unicode syllable or reads as the other encoding: TCVN3 "vô"
# (vụ) and "sè" (số) are Unicode words; VNI "só" (sĩ), "soá" (số) likewise, and VNI "chuû" (chủ) is TCVN3
# "chuỷ". Detection needs other words to decide those; every other word decides on its own.
AMBIGUOUS: dict[LegacyEncoding, set[str]] = {"tcvn3": {"vụ", "số"}, "vni": {"sĩ", "số", "chủ"}}


@given(st.sampled_from(ENCODINGS), st.data())
def test_detection_of_legacy_text(encoding: LegacyEncoding, data: st.DataObject) -> None:
    decisive = [w for w in SYLLABLES if w not in AMBIGUOUS[encoding] and to_legacy(w, encoding) != w]
    words = data.draw(st.lists(st.sampled_from(decisive), min_size=1, max_size=8))
    words += data.draw(st.lists(st.sampled_from(SYLLABLES), max_size=len(words) // 2))
    words = data.draw(st.permutations(words))
    legacy = to_legacy(" ".join(words), encoding)
    assert detect_legacy(legacy) == encoding
    assert to_unicode(legacy) == " ".join(words)


def test_detection_accuracy_on_sentences() -> None:
    """Sentences of 5 to 12 words, ambiguous words included: all detected (measured: errors start below 5)."""
    rng = random.Random(30)
    for _ in range(300):
        text = " ".join(rng.choice(SYLLABLES) for _ in range(rng.randint(5, 12)))
        for encoding in ENCODINGS:
            legacy = to_legacy(text, encoding)
            if legacy != text:
                assert detect_legacy(legacy) == encoding, legacy


def test_detect_over_a_column() -> None:
    column = ["sè", "cã", "Hµ néi", "B¾c Ninh", "2024"]
    assert detect_legacy("sè") == "unicode"  # a lone "số" in TCVN3 is also a Unicode syllable
    assert detect_legacy_many(column) == "tcvn3"
    assert detect_legacy_many(["Hà Nội", "Bắc Ninh", "số"]) == "unicode"


@pytest.mark.parametrize(
    ("word", "ok"),
    [
        ("khuya", True), ("nghiêng", True), ("quốc", True), ("quỳnh", True), ("người", True), ("gìn", True),
        ("thuở", True), ("huơ", True), ("khuỷu", True), ("quí", True), ("thuý", True), ("Nguyễn", True),
        ("céng", False), ("nghóa", False), ("vieät", False), ("hµ", False), ("caù", False), ("ce", False),
        ("ngi", False), ("kan", False), ("bỡnh", False), ("việtt", False), ("mấá", False), ("wifi", False),
    ],
)  # fmt: skip
def test_is_vietnamese_syllable(word: str, ok: bool) -> None:
    assert is_vietnamese_syllable(word) is ok


@pytest.mark.parametrize(
    ("font", "encoding", "upper"),
    [
        (".VnTime", "tcvn3", False),
        (".VnTimeH", "tcvn3", True),
        (" .VnArialH ", "tcvn3", True),
        (".VnArial Narrow", "tcvn3", False),
        ("VNI-Times", "vni", False),
        ("vni-helve", "vni", False),
        ("Times New Roman", None, False),
        ("Arial", None, False),
        (None, None, False),
    ],
)
def test_font_names(font: str | None, encoding: str | None, upper: bool) -> None:
    assert font_encoding(font) == encoding
    assert is_uppercase_font(font) is upper
