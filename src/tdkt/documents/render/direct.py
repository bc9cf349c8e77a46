"""A small direct PDF writer (pydyf + fontTools) for pages whose every element has a fixed place: certificates.

A certificate has a dozen lines of text in known places, a frame and a QR code. Laid out by WeasyPrint each sheet
costs tens of milliseconds of HTML and CSS machinery; a decision's thousand certificates would take a minute. Here
each line is measured with the font's own advance widths, placed, and written as PDF text operators, so a thousand
sheets take a few seconds. The fonts are the same local files the other renderers use, embedded once as subsets
(CID fonts with a ToUnicode map, so the text can be searched and copied, Vietnamese included).
"""

from __future__ import annotations

import io
import random
import string
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

import pydyf

from tdkt.documents import fonts

MM = 72 / 25.4
STYLES = ("regular", "bold", "italic", "bold italic")


@dataclass
class _Face:
    path: str
    cmap: dict[int, str]
    gids: dict[str, int]
    widths: list[int]
    units: int
    ascent: float
    descent: float
    bbox: tuple[int, int, int, int]
    italic_angle: float
    used: dict[int, str] = field(default_factory=dict)

    @classmethod
    def load(cls, path: str) -> _Face:
        from fontTools.ttLib import TTFont

        font = TTFont(path, lazy=True)
        cmap = font.getBestCmap()
        order = font.getGlyphOrder()
        gids = {name: gid for gid, name in enumerate(order)}
        metrics = font["hmtx"].metrics
        widths = [metrics[name][0] for name in order]
        head, hhea = font["head"], font["hhea"]
        face = cls(
            path=path,
            cmap=cmap,
            gids=gids,
            widths=widths,
            units=head.unitsPerEm,
            ascent=hhea.ascent / head.unitsPerEm,
            descent=hhea.descent / head.unitsPerEm,
            bbox=(head.xMin, head.yMin, head.xMax, head.yMax),
            italic_angle=float(font["post"].italicAngle),
        )
        font.close()
        return face

    def glyphs(self, text: str) -> list[int]:
        result = []
        for char in unicodedata.normalize("NFC", text):
            name = self.cmap.get(ord(char))
            gid = self.gids.get(name, 0) if name else 0
            if gid:
                self.used.setdefault(gid, char)
            result.append(gid)
        return result

    def width(self, text: str, size: float) -> float:
        total = 0
        for char in unicodedata.normalize("NFC", text):
            name = self.cmap.get(ord(char))
            total += self.widths[self.gids[name]] if name else self.units // 2
        return total / self.units * size


class FontSet:
    """The four styles of a family, loaded once, embedded as subsets of the glyphs actually written."""

    def __init__(self, family: fonts.FontFamily) -> None:
        self.family = family
        self.faces = {style: _Face.load(str(family.file(style))) for style in STYLES}
        self.names = {style: f"F{i}" for i, style in enumerate(STYLES)}

    def width(self, text: str, size: float, style: str = "regular") -> float:
        return self.faces[style].width(text, size)

    def embed(self, pdf: pydyf.PDF) -> pydyf.Dictionary:
        from fontTools import subset
        from fontTools.ttLib import TTFont

        resources = pydyf.Dictionary()
        rng = random.Random(self.family.name)  # a stable subset tag: the same input gives the same file
        tag = "".join(rng.choice(string.ascii_uppercase) for _ in range(6))
        for style, face in self.faces.items():
            if not face.used:
                continue
            options = subset.Options()
            options.retain_gids = True
            options.notdef_outline = True
            options.name_IDs = ["*"]
            options.drop_tables += [
                "FFTM"
            ]  # FontForge's timestamp table: nothing to keep, fontTools cannot subset it
            font = TTFont(face.path)
            subsetter = subset.Subsetter(options)
            subsetter.populate(gids=sorted({0, *face.used}))
            subsetter.subset(font)
            buffer = io.BytesIO()
            font.save(buffer)
            data = buffer.getvalue()
            font_file = pydyf.Stream([data], pydyf.Dictionary({"Length1": len(data)}), compress=True)
            pdf.add_object(font_file)
            scale = 1000 / face.units
            base = f"/{tag}+TDKTSerif-{style.title().replace(' ', '')}"
            descriptor = pydyf.Dictionary(
                {
                    "Type": "/FontDescriptor",
                    "FontName": base,
                    "Flags": 32 | (64 if "italic" in style else 0),
                    "FontBBox": pydyf.Array([round(v * scale) for v in face.bbox]),
                    "ItalicAngle": face.italic_angle,
                    "Ascent": round(face.ascent * 1000),
                    "Descent": round(face.descent * 1000),
                    "CapHeight": round(face.ascent * 1000),
                    "StemV": 80,
                    "FontFile2": font_file.reference,
                }
            )
            pdf.add_object(descriptor)
            widths = pydyf.Array()
            for gid in sorted(face.used):
                widths.extend([gid, pydyf.Array([round(face.widths[gid] * scale)])])
            cid_font = pydyf.Dictionary(
                {
                    "Type": "/Font",
                    "Subtype": "/CIDFontType2",
                    "BaseFont": base,
                    "CIDSystemInfo": pydyf.Dictionary(
                        {
                            "Registry": pydyf.String("Adobe"),
                            "Ordering": pydyf.String("Identity"),
                            "Supplement": 0,
                        }
                    ),
                    "FontDescriptor": descriptor.reference,
                    "W": widths,
                    "DW": 500,
                    "CIDToGIDMap": "/Identity",
                }
            )
            pdf.add_object(cid_font)
            to_unicode = pydyf.Stream([_cmap(face.used)], compress=True)
            pdf.add_object(to_unicode)
            font_dict = pydyf.Dictionary(
                {
                    "Type": "/Font",
                    "Subtype": "/Type0",
                    "BaseFont": base,
                    "Encoding": "/Identity-H",
                    "DescendantFonts": pydyf.Array([cid_font.reference]),
                    "ToUnicode": to_unicode.reference,
                }
            )
            pdf.add_object(font_dict)
            resources[self.names[style]] = font_dict.reference
        return resources


def _cmap(used: dict[int, str]) -> bytes:
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        "/CMapName /Adobe-Identity-UCS def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        "<0000> <FFFF>",
        "endcodespacerange",
    ]
    items = sorted(used.items())
    for start in range(0, len(items), 100):
        chunk = items[start : start + 100]
        lines.append(f"{len(chunk)} beginbfchar")
        lines.extend(f"<{gid:04X}> <{char.encode('utf-16-be').hex().upper()}>" for gid, char in chunk)
        lines.append("endbfchar")
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines).encode("ascii")


def rgb(color: str) -> tuple[float, float, float]:
    value = color.lstrip("#")
    return (int(value[0:2], 16) / 255, int(value[2:4], 16) / 255, int(value[4:6], 16) / 255)


class Canvas:
    """One page's content: text and shapes placed in millimetres from the top-left corner."""

    def __init__(self, fontset: FontSet, width_mm: float, height_mm: float) -> None:
        self.fontset = fontset
        self.width = width_mm * MM
        self.height = height_mm * MM
        self.ops: list[bytes] = []

    def _y(self, top_mm: float) -> float:
        return self.height - top_mm * MM

    def text(
        self,
        value: str,
        x_mm: float,
        top_mm: float,
        size: float,
        *,
        style: str = "regular",
        align: str = "center",
        width_mm: float = 0,
        color: str = "#000000",
        underline: bool = False,
    ) -> float:
        """A line whose box starts at ``top_mm``; ``x_mm`` is its left edge (``width_mm`` wide) or, with
        ``align`` centre and no width, its centre. Returns the line's width in mm."""
        face = self.fontset.faces[style]
        width = face.width(value, size)
        if align == "center":
            left = (x_mm + width_mm / 2) * MM - width / 2 if width_mm else x_mm * MM - width / 2
        elif align == "right":
            left = (x_mm + width_mm) * MM - width
        else:
            left = x_mm * MM
        baseline = self._y(top_mm) - face.ascent * size
        gids = "".join(f"{gid:04X}" for gid in face.glyphs(value))
        r, g, b = rgb(color)
        self.ops.append(
            f"BT {r:.3f} {g:.3f} {b:.3f} rg /{self.fontset.names[style]} {size:g} Tf "
            f"{left:.2f} {baseline:.2f} Td <{gids}> Tj ET".encode("ascii")
        )
        if underline:
            y = baseline + face.descent * size * 0.6
            self.ops.append(
                f"0 0 0 RG 0.6 w {left:.2f} {y:.2f} m {left + width:.2f} {y:.2f} l S".encode("ascii")
            )
        return width / MM

    def wrap(self, value: str, size: float, width_mm: float, style: str = "regular") -> list[str]:
        """Greedy line breaking at spaces to ``width_mm``."""
        words, lines, current = value.split(), [], ""
        for word in words:
            candidate = f"{current} {word}".strip()
            if current and self.fontset.width(candidate, size, style) > width_mm * MM:
                lines.append(current)
                current = word
            else:
                current = candidate
        if current:
            lines.append(current)
        return lines

    def paragraph(
        self,
        value: str,
        x_mm: float,
        top_mm: float,
        width_mm: float,
        size: float,
        *,
        style: str = "regular",
        align: str = "center",
        leading: float = 1.2,
        color: str = "#000000",
    ) -> float:
        """Wrapped lines from ``top_mm``; returns the top of the next line."""
        step = size * leading / MM
        for line in self.wrap(value, size, width_mm, style):
            self.text(line, x_mm, top_mm, size, style=style, align=align, width_mm=width_mm, color=color)
            top_mm += step
        return top_mm

    def rect(
        self, x_mm: float, top_mm: float, w_mm: float, h_mm: float, *, line_mm: float, color: str
    ) -> None:
        r, g, b = rgb(color)
        self.ops.append(
            f"{r:.3f} {g:.3f} {b:.3f} RG {line_mm * MM:.2f} w {x_mm * MM:.2f} {self._y(top_mm + h_mm):.2f} "
            f"{w_mm * MM:.2f} {h_mm * MM:.2f} re S".encode("ascii")
        )

    def qr(self, matrix: Iterable[Iterable[int]], x_mm: float, top_mm: float, size_mm: float) -> None:
        """A QR code as filled squares (vector), one rectangle per run of dark modules in a row."""
        rows = [list(row) for row in matrix]
        module = size_mm * MM / len(rows)
        left, top = x_mm * MM, self._y(top_mm)
        parts = ["0 0 0 rg"]
        for r, row in enumerate(rows):
            c = 0
            while c < len(row):
                if row[c]:
                    start = c
                    while c < len(row) and row[c]:
                        c += 1
                    parts.append(
                        f"{left + start * module:.2f} {top - (r + 1) * module:.2f} {(c - start) * module:.2f} "
                        f"{module:.2f} re"
                    )
                else:
                    c += 1
        parts.append("f")
        self.ops.append(" ".join(parts).encode("ascii"))


def write_pdf(fontset: FontSet, pages: list[Canvas], title: str = "") -> bytes:
    pdf = pydyf.PDF()
    contents = []
    for canvas in pages:
        stream = pydyf.Stream([b"\n".join(canvas.ops)], compress=True)
        pdf.add_object(stream)
        contents.append((canvas, stream))
    resources = pydyf.Dictionary({"Font": fontset.embed(pdf)})
    pdf.add_object(resources)
    for canvas, stream in contents:
        page = pydyf.Dictionary(
            {
                "Type": "/Page",
                "Parent": pdf.pages.reference,
                "MediaBox": pydyf.Array([0, 0, round(canvas.width, 2), round(canvas.height, 2)]),
                "Contents": stream.reference,
                "Resources": resources.reference,
            }
        )
        pdf.add_page(page)
    if title:
        pdf.info["Title"] = pydyf.String(title)
    pdf.info["Producer"] = pydyf.String("TĐKT")
    output = io.BytesIO()
    pdf.write(output, compress=True)
    return output.getvalue()
