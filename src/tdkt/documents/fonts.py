"""Fonts for the PDFs, found on this machine (nothing is downloaded, DESIGN.md rule 8).

Nghị định 30/2020/NĐ-CP asks for Times New Roman (Phụ lục I, Phần I, khoản 2). Servers running Debian rarely have
it; Liberation Serif has the same metrics (it was drawn to replace Times New Roman line for line) and every
Vietnamese glyph, so a PDF set in it breaks lines and pages exactly where Word does with Times New Roman. The Word
files always name Times New Roman: the reader's Word has it.

Fonts are looked up in the system font folders (and ``TDKT_FONT_DIRS``) by reading each font file's own family and
style names and checking that it has the Vietnamese letters (fontTools), once per process. Liberation Serif 1.x
(Debian's fonts-liberation) has no Vietnamese; version 2 (fonts-liberation2) has.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from tdkt import vn

SYSTEM_FONT_DIRS = (
    "/usr/share/fonts",
    "/usr/local/share/fonts",
    "~/.local/share/fonts",
    "~/.fonts",
    "/Library/Fonts",
    "/System/Library/Fonts",
    "C:/Windows/Fonts",
)
#: Letters a font must have to set Vietnamese (precomposed, TCVN 6909:2001 / Unicode): without them the PDF would
#: fall back to another font for those letters. Liberation 1.x lacks them; Liberation 2 (fonts-liberation2) has them.
VIETNAMESE_SAMPLE = "ăâđêôơưĂÂĐÊÔƠƯàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"
#: Families that stand in for another one with the same metrics.
FALLBACKS = {"times new roman": ("liberation serif", "tinos")}
STYLES = ("regular", "bold", "italic", "bold italic")


@dataclass(frozen=True)
class FontFamily:
    """The four files of one family. ``name`` is the family found (Liberation Serif when Times New Roman is
    asked for and absent); ``requested`` is what the document asked for."""

    name: str
    requested: str
    regular: Path
    bold: Path
    italic: Path
    bold_italic: Path

    def file(self, style: str) -> Path:
        return {
            "regular": self.regular,
            "bold": self.bold,
            "italic": self.italic,
            "bold italic": self.bold_italic,
        }[style]


def _font_dirs() -> list[Path]:
    extra = [d for d in getattr(settings, "TDKT_FONT_DIRS", []) if d]
    return [Path(os.path.expanduser(d)) for d in (*extra, *SYSTEM_FONT_DIRS)]


def _style_of(subfamily: str) -> str | None:
    words = set(subfamily.lower().replace("-", " ").split())
    bold = "bold" in words
    italic = "italic" in words or "oblique" in words
    if words - {"bold", "italic", "oblique", "regular", "book", "normal", "roman"}:
        return None  # condensed, narrow, light…: not one of the four plain styles
    return {
        (False, False): "regular",
        (True, False): "bold",
        (False, True): "italic",
        (True, True): "bold italic",
    }[(bold, italic)]


@functools.lru_cache(maxsize=1)
def installed_fonts() -> dict[str, dict[str, Path]]:
    """{family (lower case): {style: file}} for every TrueType/OpenType font in the font folders that can set
    Vietnamese; when several files offer the same family and style, the first in folder order wins."""
    from fontTools.ttLib import TTFont, TTLibError

    found: dict[str, dict[str, Path]] = {}
    wanted = {ord(ch) for ch in VIETNAMESE_SAMPLE}
    for folder in _font_dirs():
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.suffix.lower() not in (".ttf", ".otf"):
                continue
            try:
                font = TTFont(path, lazy=True, fontNumber=0)
                names = font["name"]
                family = names.getBestFamilyName()
                subfamily = names.getBestSubFamilyName()
                covers = wanted <= set(font.getBestCmap() or {})
                font.close()
            except (TTLibError, OSError, KeyError, AssertionError):
                continue
            if not family or not subfamily or not covers:
                continue
            style = _style_of(str(subfamily))
            if style is not None:
                found.setdefault(str(family).lower(), {}).setdefault(style, path)
    return found


def find_family(requested: str) -> FontFamily:
    """The four styles of ``requested`` (or its metric-compatible stand-in); a clear error when absent."""
    wanted = vn.clean(requested).lower()
    fonts = installed_fonts()
    for name in (wanted, *FALLBACKS.get(wanted, ())):
        styles = fonts.get(name)
        if styles and all(style in styles for style in STYLES):
            return FontFamily(
                name=name.title(),
                requested=requested,
                regular=styles["regular"],
                bold=styles["bold"],
                italic=styles["italic"],
                bold_italic=styles["bold italic"],
            )
    if wanted in FALLBACKS:
        raise ValidationError(
            _(
                "Không tìm thấy phông chữ “%(font)s” (hoặc Liberation Serif 2 thay thế) có đủ chữ tiếng Việt trên máy "
                "chủ: cài gói fonts-liberation2 (make doctools) hoặc chép phông vào thư mục trong TDKT_FONT_DIRS."
            )
            % {"font": requested}
        )
    raise ValidationError(
        _(
            "Không tìm thấy phông chữ “%(font)s” có đủ chữ tiếng Việt trên máy chủ (cần đủ bốn kiểu: thường, đậm, "
            "nghiêng, đậm nghiêng)."
        )
        % {"font": requested}
    )


@functools.lru_cache(maxsize=8)
def _advance_widths(path: Path) -> tuple[dict[int, int], int]:
    from fontTools.ttLib import TTFont

    font = TTFont(path, lazy=True)
    cmap = font.getBestCmap()
    metrics = font["hmtx"].metrics
    units = font["head"].unitsPerEm
    widths = {code: metrics[glyph][0] for code, glyph in cmap.items() if glyph in metrics}
    font.close()
    return widths, units


def text_width_mm(text: str, family: FontFamily, size_pt: float, style: str = "regular") -> float:
    """How wide ``text`` is set in the font (the Word renderer sizes the lines under the header with it)."""
    import unicodedata

    widths, units = _advance_widths(family.file(style))
    total = 0
    for char in unicodedata.normalize("NFC", text):
        total += widths.get(ord(char), units // 2)
    return total / units * size_pt * 25.4 / 72
