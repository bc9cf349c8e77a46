"""Certificates (Bằng khen, Giấy khen, Chiến sĩ thi đua…) over plain data: a whole decision as one PDF.

Two modes:

* **design**: the full certificate on plain paper, landscape A4 — frame, national title, the awarding authority,
  "TẶNG" / "CÔNG NHẬN DANH HIỆU", the award's name, the recipient, the achievement, the decision and the
  signature, with a QR code of the verification address;
* **blank** (phôi): only the variable text (and the QR code) at calibrated positions, for the pre-printed blanks
  provinces order from the printer. Positions are data (``data/certificates.json``, or the file named by
  ``TDKT_CERTIFICATE_LAYOUTS``), with a whole-sheet offset to correct a printer's feed; ``outline=True`` prints a
  calibration sheet with each field's box drawn.

The awards app (not built yet) fills :class:`CertificateData` from a decision; the verification page of the
public portal waits for the award register — the URL is given by the caller.
"""

from __future__ import annotations

import base64
import datetime
import functools
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from tdkt import vn
from tdkt.documents import fonts
from tdkt.documents.layout import DEFAULT_FONT, MOTTO, NATIONAL_TITLE, Signer
from tdkt.documents.render.pdf import font_face_css, html_to_pdf

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
            _("Không có mẫu bằng, giấy khen “%(key)s” (có: %(keys)s).") % {"key": key, "keys": ", ".join(designs)}
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


def qr_data_uri(url: str) -> str:
    """The verification URL as a QR code (SVG, error correction M: survives a scuffed print)."""
    import segno

    qr = segno.make(url, error="m", micro=False)
    svg = qr.svg_inline(scale=1, border=2, dark="#000")
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


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


_BASE_CSS = """
{fonts}
@page {{ size: 297mm 210mm; margin: 0; }}
html {{ font-family: 'TDKT Serif'; color: #000; }}
body {{ margin: 0; }}
p {{ margin: 0; }}
.sheet {{ position: relative; width: 297mm; height: 210mm; page-break-after: always; overflow: hidden; }}
.sheet:last-child {{ page-break-after: auto; }}
"""

_DESIGN_CSS = """
.frame {{ position: absolute; left: 9mm; top: 9mm; right: 9mm; bottom: 9mm; border: 2.2mm double {frame}; }}
.inner {{ position: absolute; left: 14mm; top: 14mm; right: 14mm; bottom: 14mm; border: 0.4mm solid {frame};
          text-align: center; padding: 7mm 16mm 0 16mm; }}
.national {{ font-size: 13pt; font-weight: bold; }}
.motto {{ font-size: 13pt; font-weight: bold; display: inline-block; border-bottom: 0.6pt solid #000; }}
.authority {{ font-size: 16pt; font-weight: bold; margin-top: 6mm; }}
.verb {{ font-size: 15pt; font-weight: bold; margin-top: 2mm; }}
.award {{ font-size: 40pt; font-weight: bold; color: {accent}; margin-top: 1mm; letter-spacing: 1pt; }}
.recipient {{ font-size: 26pt; font-weight: bold; margin-top: 3mm; }}
.details {{ font-size: 16pt; margin-top: 1mm; }}
.achievement {{ font-size: 15pt; font-style: italic; margin: 3mm 10mm 0 10mm; }}
.foot {{ position: absolute; left: 16mm; right: 16mm; bottom: 8mm; height: 52mm; }}
.foot .left {{ position: absolute; left: 0; bottom: 0; width: 95mm; text-align: center; font-size: 12pt; }}
.foot .left img {{ width: 22mm; height: 22mm; margin-top: 2mm; }}
.foot .right {{ position: absolute; right: 0; top: 0; width: 115mm; text-align: center; }}
.foot .date {{ font-size: 14pt; font-style: italic; }}
.foot .signer {{ font-size: 14pt; font-weight: bold; }}
.foot .space {{ height: 21mm; }}
"""

_BLANK_CSS = """
.f {{ position: absolute; line-height: 1.15; }}
.f.outline {{ outline: 0.2mm dashed #999; }}
.qr {{ position: absolute; }}
"""


def _font_css() -> str:
    return font_face_css(fonts.find_family(DEFAULT_FONT))


def _design_page(item: CertificateData, design: Design) -> str:
    signer_lines = "".join(f"<p>{escape(line)}</p>" for line in item.signer.lines)
    details = f'<p class="details">{escape(vn.clean(item.details))}</p>' if item.details else ""
    register = f"<p>Số vào sổ: {escape(item.register_number)}</p>" if item.register_number else ""
    return (
        '<section class="sheet"><div class="frame"></div><div class="inner">'
        f'<p class="national">{NATIONAL_TITLE}</p><p><span class="motto">{MOTTO}</span></p>'
        f'<p class="authority">{escape(vn.clean(item.issuer_line).upper())}</p>'
        f'<p class="verb">{escape(design.verb)}</p>'
        f'<p class="award">{escape((item.award or design.award).upper())}</p>'
        f'<p class="recipient">{escape(_recipient(item))}</p>{details}'
        f'<p class="achievement">{escape(vn.clean(item.achievement))}</p>'
        '<div class="foot"><div class="left">'
        f"<p>{escape(_decision_line(item))}</p>{register}"
        f'<img src="{qr_data_uri(item.verification_url)}" alt="">'
        '</div><div class="right">'
        f'<p class="date">{escape(_date_line(item))}</p><div class="signer">{signer_lines}'
        f'<div class="space"></div><p>{escape(vn.clean(item.signer.name))}</p></div>'
        "</div></div></div></section>"
    )


def _blank_page(item: CertificateData, layout: BlankLayout, outline: bool) -> str:
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
    parts = ['<section class="sheet">']
    for name in BLANK_FIELDS:
        spec = layout.fields.get(name)
        if spec is None or not values[name]:
            continue
        style = (
            f"left:{spec.x + layout.offset_x_mm:.2f}mm;top:{spec.y + layout.offset_y_mm:.2f}mm;width:{spec.w:.2f}mm;"
            f"font-size:{spec.size}pt;text-align:{spec.align};"
            f"font-weight:{'bold' if spec.bold else 'normal'};font-style:{'italic' if spec.italic else 'normal'}"
        )
        text = escape(values[name]).replace("\n", "<br>")
        parts.append(f'<div class="f{" outline" if outline else ""}" style="{style}">{text}</div>')
    if layout.qr is not None:
        q = layout.qr
        parts.append(
            f'<img class="qr" src="{qr_data_uri(item.verification_url)}" alt="" style="left:'
            f'{q.x + layout.offset_x_mm:.2f}mm;top:{q.y + layout.offset_y_mm:.2f}mm;width:{q.w}mm;height:{q.w}mm">'
        )
    parts.append("</section>")
    return "".join(parts)


def certificates_html(
    items: Sequence[CertificateData],
    design: str = "bang_khen_tinh",
    *,
    blank: bool = False,
    outline: bool = False,
    offset_x_mm: float | None = None,
    offset_y_mm: float | None = None,
    progress: Any = None,
) -> str:
    _check(items)
    chosen = design_for(design)
    head = _BASE_CSS.format(fonts=_font_css())
    if blank:
        layout = blank_layout(design, offset_x_mm, offset_y_mm)
        css = head + _BLANK_CSS.format()
        pages: Iterable[str] = (_blank_page(item, layout, outline) for item in items)
    else:
        css = head + _DESIGN_CSS.format(frame=chosen.frame, accent=chosen.accent)
        pages = (_design_page(item, chosen) for item in items)
    body = []
    for i, page in enumerate(pages, start=1):
        body.append(page)
        if progress is not None and i % 50 == 0:
            progress(i)
    return (
        f'<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>{escape(chosen.award)}</title>'
        f"<style>{css}</style></head><body>{''.join(body)}</body></html>"
    )


def render_certificates(
    items: Sequence[CertificateData],
    design: str = "bang_khen_tinh",
    *,
    blank: bool = False,
    outline: bool = False,
    offset_x_mm: float | None = None,
    offset_y_mm: float | None = None,
) -> bytes:
    """All the certificates as one PDF, one landscape A4 sheet each. ValidationError (Vietnamese) on bad input."""
    html = certificates_html(
        items, design, blank=blank, outline=outline, offset_x_mm=offset_x_mm, offset_y_mm=offset_y_mm
    )
    return html_to_pdf(html)


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
            "decision_date": datetime.date.fromisoformat(data["decision_date"]) if data.get("decision_date") else None,
            "signer": Signer(
                name=signer["name"],
                position=signer.get("position", ""),
                authority=tuple((Authority(form), whom) for form, whom in signer.get("authority", [])),
            ),
        }
    )


def render_certificates_in_chunks(
    items: Sequence[CertificateData],
    design: str = "bang_khen_tinh",
    *,
    blank: bool = False,
    chunk: int = 100,
    progress: Any = None,
) -> bytes:
    """The same PDF as :func:`render_certificates`, laid out ``chunk`` certificates at a time so that a job can
    report progress; WeasyPrint joins the pages of the chunks into one document."""
    from weasyprint import HTML

    _check(items)
    documents = []
    for start in range(0, len(items), chunk):
        part = items[start : start + chunk]
        documents.append(HTML(string=certificates_html(part, design, blank=blank), base_url=None).render())
        if progress is not None:
            progress(start + len(part))
    pages = [page for document in documents for page in document.pages]
    pdf = documents[0].copy(pages).write_pdf()
    assert pdf is not None
    return bytes(pdf)
