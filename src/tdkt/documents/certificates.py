"""Certificates (Bằng khen, Giấy khen, Chiến sĩ thi đua…) over plain data: a whole decision as one PDF.

Two modes:

* **design**: the full certificate on plain paper, landscape A4 — frame, national title, the awarding authority,
  "TẶNG" / "CÔNG NHẬN DANH HIỆU", the award's name, the recipient, the achievement, the decision and the
  signature, with a QR code of the verification address;
* **blank** (phôi): only the variable text (and the QR code) at calibrated positions, for the pre-printed blanks
  provinces order from the printer. Positions are data (``data/certificates.json``, or the file named by
  ``TDKT_CERTIFICATE_LAYOUTS``), with a whole-sheet offset to correct a printer's feed; ``outline=True`` prints a
  calibration sheet with each field's box drawn.

Sheets are written by the small direct PDF writer (:mod:`tdkt.documents.render.direct`), not laid out as HTML:
every element has a fixed place, and a thousand sheets must print in seconds. The QR code is drawn as vector
squares from segno's matrix (what an SVG of it would hold), so it stays sharp at any print resolution.

:func:`tdkt.documents.kinds.records.certificate_items` fills :class:`CertificateData` from an issued decision,
each with the address of its public verification page (``/xac-minh/<code>/``, :class:`~tdkt.documents.models.
CertificateCode`); the samples and the benchmark fill it by hand.
"""

from __future__ import annotations

import datetime
import functools
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from tdkt import vn
from tdkt.documents import fonts
from tdkt.documents.layout import DEFAULT_FONT, MOTTO, NATIONAL_TITLE, Signer
from tdkt.documents.render.direct import MM, Canvas, FontSet, write_pdf

LAYOUTS = Path(__file__).parent / "data" / "certificates.json"
BLANK_FIELDS = (
    "recipient",
    "details",
    "achievement",
    "decision",
    "register",
    "date_line",
    "signer",
    "signer_name",
)


@dataclass(frozen=True)
class CertificateData:
    recipient: str
    achievement: str  # "Đã có thành tích xuất sắc …"
    issuer_line: str  # the awarding authority: "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH VÂN LĨNH"
    decision_number: str  # "05/QĐ-UBND"
    decision_date: datetime.date | None
    place: str
    signer: Signer
    verification_url: str
    award: str = ""  # defaults to the design's award name
    collective: bool = False
    honorific: str = ""  # "Ông", "Bà" (empty: the name alone)
    details: str = ""  # position and unit, or the body a collective belongs to
    register_number: str = ""  # số vào sổ


@dataclass(frozen=True)
class Design:
    key: str
    award: str
    verb: str
    accent: str
    frame: str


@dataclass(frozen=True)
class BlankField:
    x: float
    y: float
    w: float
    size: float = 14
    bold: bool = False
    italic: bool = False
    align: str = "center"


@dataclass(frozen=True)
class BlankLayout:
    fields: dict[str, BlankField]
    offset_x_mm: float = 0
    offset_y_mm: float = 0
    qr: BlankField | None = None


@functools.lru_cache(maxsize=4)
def _layouts(path: str) -> dict[str, Any]:
    return dict(json.loads(Path(path).read_text(encoding="utf-8")))


def _layout_file() -> str:
    return str(getattr(settings, "TDKT_CERTIFICATE_LAYOUTS", "") or LAYOUTS)


def design_for(key: str) -> Design:
    designs = _layouts(_layout_file())["designs"]
    if key not in designs:
        raise ValidationError(
            _("Không có mẫu bằng, giấy khen “%(key)s” (có: %(keys)s).")
            % {"key": key, "keys": ", ".join(designs)}
        )
    return Design(key=key, **designs[key])


def blank_layout(key: str, offset_x_mm: float | None = None, offset_y_mm: float | None = None) -> BlankLayout:
    """The calibrated positions for ``key``'s blank, with the sheet offset overridden if given."""
    blanks = _layouts(_layout_file()).get("blanks", {})
    if key not in blanks:
        raise ValidationError(_("Chưa có số đo phôi cho mẫu “%(key)s”.") % {"key": key})
    raw = blanks[key]
    fields = {name: BlankField(**spec) for name, spec in raw["fields"].items() if name != "qr"}
    qr = BlankField(**raw["fields"]["qr"]) if "qr" in raw["fields"] else None
    return BlankLayout(
        fields=fields,
        offset_x_mm=raw.get("offset_x_mm", 0) if offset_x_mm is None else offset_x_mm,
        offset_y_mm=raw.get("offset_y_mm", 0) if offset_y_mm is None else offset_y_mm,
        qr=qr,
    )


def qr_matrix(url: str) -> list[list[int]]:
    """The verification URL as a QR code's modules (error correction M: survives a scuffed print), with the
    quiet zone of two modules around it."""
    import segno

    qr = segno.make(url, error="m", micro=False)
    return [[1 if module else 0 for module in row] for row in qr.matrix_iter(scale=1, border=2)]


def _check(items: Sequence[CertificateData]) -> None:
    if not items:
        raise ValidationError(_("Không có bằng, giấy khen nào để in."))
    errors: list[str] = []
    for i, item in enumerate(items, start=1):
        if not vn.clean(item.recipient):
            errors.append(_("Bằng thứ %(n)s chưa có tên người, tập thể được khen.") % {"n": i})
        if not vn.clean(item.signer.name) or not item.signer.lines:
            errors.append(_("Bằng thứ %(n)s chưa có người ký (chức vụ và họ tên).") % {"n": i})
        if not item.verification_url.startswith(("http://", "https://")):
            errors.append(_("Bằng thứ %(n)s chưa có địa chỉ xác minh hợp lệ.") % {"n": i})
    if errors:
        raise ValidationError(errors[:20])


def _date_line(item: CertificateData) -> str:
    if item.decision_date is None:
        return f"{vn.clean(item.place)}, ngày    tháng    năm"
    return vn.nd30_date(item.decision_date, item.place)


def _decision_line(item: CertificateData) -> str:
    when = vn.short_date(item.decision_date) if item.decision_date else "…"
    return f"Quyết định số {item.decision_number} ngày {when}"


def _recipient(item: CertificateData) -> str:
    name = vn.clean(item.recipient)
    return f"{item.honorific} {name}".strip() if item.honorific else name


#: Landscape A4, in millimetres.
SHEET_W, SHEET_H = 297.0, 210.0
CENTRE = SHEET_W / 2
Progress = Callable[[int], None]


def _design_page(canvas: Canvas, item: CertificateData, design: Design) -> None:
    """The full certificate: double frame, national title and motto, authority, verb, award, recipient,
    achievement; the decision and QR code bottom left, the date and signature bottom right."""
    canvas.rect(9, 9, SHEET_W - 18, SHEET_H - 18, line_mm=0.7, color=design.frame)
    canvas.rect(10.6, 10.6, SHEET_W - 21.2, SHEET_H - 21.2, line_mm=0.7, color=design.frame)
    canvas.rect(14, 14, SHEET_W - 28, SHEET_H - 28, line_mm=0.35, color=design.frame)
    canvas.text(NATIONAL_TITLE, CENTRE, 21, 13, style="bold")
    canvas.text(MOTTO, CENTRE, 27, 13, style="bold", underline=True)
    top = canvas.paragraph(vn.clean(item.issuer_line).upper(), 30, 38, SHEET_W - 60, 16, style="bold")
    canvas.text(design.verb, CENTRE, top + 1.5, 15, style="bold")
    award = (item.award or design.award).upper()
    canvas.text(
        award, CENTRE, top + 9, _fitting(canvas, award, 40, SHEET_W - 40), style="bold", color=design.accent
    )
    top = canvas.paragraph(_recipient(item), 30, top + 27, SHEET_W - 60, 26, style="bold")
    if item.details:
        top = canvas.paragraph(vn.clean(item.details), 30, top + 1, SHEET_W - 60, 16)
    canvas.paragraph(vn.clean(item.achievement), 45, top + 3, SHEET_W - 90, 15, style="italic")
    left_centre = 72.0
    canvas.text(_decision_line(item), left_centre, 157, 12)
    if item.register_number:
        canvas.text(f"Số vào sổ: {item.register_number}", left_centre, 163, 12)
    canvas.qr(qr_matrix(item.verification_url), left_centre - 12, 169, 24)
    right_centre = 215.0
    canvas.text(_date_line(item), right_centre, 146, 14, style="italic")
    top = 153.0
    for line in item.signer.lines:
        canvas.text(line, right_centre, top, 14, style="bold")
        top += 6
    canvas.text(vn.clean(item.signer.name), right_centre, 184, 14, style="bold")


def _fitting(canvas: Canvas, text: str, size: float, width_mm: float) -> float:
    """The largest size up to ``size`` at which ``text`` (bold) fits on one line ``width_mm`` wide: a long award
    name ("CỜ THI ĐUA CỦA ỦY BAN NHÂN DÂN TỈNH") shrinks rather than runs off the sheet."""
    width = canvas.fontset.width(text, size, "bold") / MM
    return size if width <= width_mm else size * width_mm / width


def _blank_page(canvas: Canvas, item: CertificateData, layout: BlankLayout, outline: bool) -> None:
    """Only the variable text, each field at its calibrated box (plus the sheet's offset), and the QR code."""
    values = {
        "recipient": _recipient(item),
        "details": vn.clean(item.details),
        "achievement": vn.clean(item.achievement),
        "decision": _decision_line(item),
        "register": f"Số vào sổ: {item.register_number}" if item.register_number else "",
        "date_line": _date_line(item),
        "signer": "\n".join(item.signer.lines),
        "signer_name": vn.clean(item.signer.name),
    }
    dx, dy = layout.offset_x_mm, layout.offset_y_mm
    for name in BLANK_FIELDS:
        spec = layout.fields.get(name)
        if spec is None:
            continue
        style = (
            "bold italic"
            if spec.bold and spec.italic
            else "bold"
            if spec.bold
            else "italic"
            if spec.italic
            else "regular"
        )
        top = spec.y + dy
        lines = [line for line in values[name].split("\n") if line]
        for line in lines:
            top = canvas.paragraph(line, spec.x + dx, top, spec.w, spec.size, style=style, align=spec.align)
        if outline:
            height = max(top - spec.y - dy, spec.size * 1.2 / MM)
            canvas.rect(spec.x + dx, spec.y + dy, spec.w, height, line_mm=0.15, color="#999999")
    if layout.qr is not None:
        canvas.qr(qr_matrix(item.verification_url), layout.qr.x + dx, layout.qr.y + dy, layout.qr.w)


def render_certificates(
    items: Sequence[CertificateData],
    design: str = "bang_khen_tinh",
    *,
    blank: bool = False,
    outline: bool = False,
    offset_x_mm: float | None = None,
    offset_y_mm: float | None = None,
    progress: Progress | None = None,
) -> bytes:
    """All the certificates as one PDF, one landscape A4 sheet each (``blank``: only the variable text, for
    pre-printed blanks; ``outline``: with each field's box drawn, to calibrate). ValidationError (Vietnamese) on
    bad input, before anything is produced. ``progress`` is called with the number of sheets done."""
    _check(items)
    chosen = design_for(design)
    layout = blank_layout(design, offset_x_mm, offset_y_mm) if blank else None
    fontset = _fontset()
    pages = []
    for i, item in enumerate(items, start=1):
        canvas = Canvas(fontset, SHEET_W, SHEET_H)
        if layout is not None:
            _blank_page(canvas, item, layout, outline)
        else:
            _design_page(canvas, item, chosen)
        pages.append(canvas)
        if progress is not None and (i % 50 == 0 or i == len(items)):
            progress(i)
    return write_pdf(fontset, pages, title=chosen.award)


def _fontset() -> FontSet:
    """A fresh set each time (it records the glyphs used by this PDF); the font files are parsed once."""
    return FontSet(fonts.find_family(DEFAULT_FONT))


def to_json(item: CertificateData) -> dict[str, Any]:
    """A certificate as JSON (a job's parameters)."""
    return {
        "recipient": item.recipient,
        "achievement": item.achievement,
        "issuer_line": item.issuer_line,
        "decision_number": item.decision_number,
        "decision_date": item.decision_date.isoformat() if item.decision_date else None,
        "place": item.place,
        "signer": {
            "name": item.signer.name,
            "position": item.signer.position,
            "authority": [[form.value, whom] for form, whom in item.signer.authority],
        },
        "verification_url": item.verification_url,
        "award": item.award,
        "collective": item.collective,
        "honorific": item.honorific,
        "details": item.details,
        "register_number": item.register_number,
    }


def from_json(data: dict[str, Any]) -> CertificateData:
    from tdkt.documents.layout import Authority

    signer = data["signer"]
    return CertificateData(
        **{
            **data,
            "decision_date": datetime.date.fromisoformat(data["decision_date"])
            if data.get("decision_date")
            else None,
            "signer": Signer(
                name=signer["name"],
                position=signer.get("position", ""),
                authority=tuple((Authority(form), whom) for form, whom in signer.get("authority", [])),
            ),
        }
    )
