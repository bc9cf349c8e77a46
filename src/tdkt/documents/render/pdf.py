"""PDF from the document model: HTML and CSS laid out by WeasyPrint, in the font found on this machine.

The page (A4, the margins, the page number centred in the top margin from page 2 on) is CSS ``@page``; the header
is a two-column table like the Word file's, so both renderers place every element in the same cell. Text is
escaped here; nothing of the document is interpreted as markup.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from html import escape

from tdkt.documents import fonts, style
from tdkt.documents.layout import (
    MOTTO,
    NATIONAL_TITLE,
    Annex,
    Article,
    Block,
    Document,
    Heading,
    PageBreak,
    Paragraph,
    RowKind,
    SignatureSpace,
    Signer,
    Table,
    with_ending,
)

TYPE = style.TYPE
PAGE = style.PAGE


def font_face_css(family: fonts.FontFamily, name: str = "TDKT Serif") -> str:
    """@font-face rules pointing at the four local files of ``family``."""
    rules = []
    for css_style, weight, key in (
        ("normal", "normal", "regular"),
        ("normal", "bold", "bold"),
        ("italic", "normal", "italic"),
        ("italic", "bold", "bold italic"),
    ):
        rules.append(
            f"@font-face {{ font-family: '{name}'; src: url('{family.file(key).as_uri()}'); "
            f"font-style: {css_style}; font-weight: {weight}; }}"
        )
    return "\n".join(rules)


@functools.lru_cache(maxsize=4)
def _css(family: fonts.FontFamily) -> str:
    text_width = PAGE.text_width_mm
    return f"""
{font_face_css(family)}
@page {{
  size: {PAGE.width_mm}mm {PAGE.height_mm}mm;
  margin: {PAGE.top_mm}mm {PAGE.right_mm}mm {PAGE.bottom_mm}mm {PAGE.left_mm}mm;
  @top-center {{ content: counter(page); font-family: 'TDKT Serif'; font-size: {TYPE.page_number}pt;
                 vertical-align: middle; }}
}}
@page :first {{ @top-center {{ content: none; }} }}
html {{ font-family: 'TDKT Serif'; font-size: {TYPE.body}pt; line-height: 1.18; color: #000; }}
body {{ margin: 0; }}
p {{ margin: 0; }}
.c {{ text-align: center; }}
.b {{ font-weight: bold; }}
.i {{ font-style: italic; }}
.draft {{ text-align: right; font-weight: bold; font-size: {TYPE.draft_mark}pt; margin-bottom: 4pt; }}
table.head {{ width: {text_width}mm; border-collapse: collapse; table-layout: fixed; }}
table.head td {{ vertical-align: top; text-align: center; padding: 0; }}
table.head td.left {{ width: {style.HEADER_LEFT_MM}mm; }}
.parent {{ font-size: {TYPE.parent_body}pt; }}
.issuer {{ font-size: {TYPE.issuer}pt; font-weight: bold; }}
.national {{ font-size: {TYPE.national_title}pt; font-weight: bold; white-space: nowrap; }}
.motto {{ font-size: {TYPE.motto}pt; font-weight: bold; display: inline-block;
          border-bottom: 0.75pt solid #000; padding-bottom: 1pt; white-space: nowrap; }}
.rule {{ border-top: 0.75pt solid #000; margin: 3pt auto 0 auto; height: 0; }}
.number {{ font-size: {TYPE.number}pt; padding-top: 6pt !important; }}
.date {{ font-size: {TYPE.date_line}pt; font-style: italic; padding-top: 6pt !important; }}
.type-name {{ font-size: {TYPE.type_name}pt; font-weight: bold; text-align: center; margin-top: 18pt; }}
.summary {{ font-size: {TYPE.summary}pt; font-weight: bold; text-align: center; }}
.authority {{ font-size: {TYPE.authority_line}pt; font-weight: bold; text-align: center; margin: 12pt 0; }}
.kinh-gui {{ text-align: center; margin: 12pt 0; }}
.kinh-gui-list {{ margin: 0 0 6pt 55mm; }}
.basis {{ font-size: {TYPE.legal_bases}pt; font-style: italic; text-align: justify;
          text-indent: {style.INDENT_MM}mm; margin-bottom: {style.PARAGRAPH_AFTER_PT}pt; }}
.body {{ text-align: justify; text-indent: {style.INDENT_MM}mm; margin-bottom: {style.PARAGRAPH_AFTER_PT}pt; }}
.body.noindent {{ text-indent: 0; }}
.h1 {{ text-align: center; font-weight: bold; margin: 6pt 0; }}
.h2, .h3 {{ font-weight: bold; text-align: justify; text-indent: {style.INDENT_MM}mm; margin-bottom: 6pt; }}
.h4 {{ font-style: italic; text-align: justify; text-indent: {style.INDENT_MM}mm; margin-bottom: 6pt; }}
.gap {{ height: 6pt; }}
table.grid {{ border-collapse: separate; border-spacing: 0; border-left: 0.75pt solid #000;
              margin: 0 auto 6pt auto; table-layout: fixed; text-align: left; }}
table.grid th, table.grid td {{ border-right: 0.75pt solid #000; border-bottom: 0.75pt solid #000;
                                padding: 2pt 3pt; vertical-align: middle; }}
table.grid th {{ font-weight: bold; text-align: center; border-top: 0.75pt solid #000; }}
table.grid thead {{ display: table-header-group; }}
table.grid tr {{ page-break-inside: avoid; }}
table.grid tr.group td, table.grid tr.total td {{ font-weight: bold; }}
table.grid tr.subgroup td {{ font-weight: bold; font-style: italic; }}
.al-left {{ text-align: left; }} .al-center {{ text-align: center; }} .al-right {{ text-align: right; }}
.al-justify {{ text-align: justify; }}
table.sign {{ width: {text_width}mm; border-collapse: collapse; table-layout: fixed; margin-top: 6pt;
              page-break-inside: avoid; }}
table.sign td {{ vertical-align: top; padding: 0; }}
.recipients-label {{ font-size: {TYPE.recipients_label}pt; font-weight: bold; font-style: italic; margin-top: 6pt; }}
.recipients {{ font-size: {TYPE.recipients}pt; }}
.recipients-box {{ page-break-inside: avoid; }}
.signer {{ text-align: center; font-size: {TYPE.signer}pt; font-weight: bold; }}
.signer .space {{ height: {style.SIGNATURE_GAP_LINES * 1.18 * TYPE.signer}pt; }}
.signer .first {{ margin-top: 6pt; }}
.annex {{ page-break-before: always; }}
.annex-heading {{ font-size: {TYPE.annex_heading}pt; font-weight: bold; text-align: center; }}
.annex-title {{ font-size: {TYPE.annex_title}pt; font-weight: bold; text-align: center; }}
.annex-note {{ font-size: {TYPE.annex_note}pt; font-style: italic; text-align: center; }}
.page-break {{ page-break-after: always; }}
"""


def _text(value: str) -> str:
    return escape(value).replace("\n", "<br>")


def _rule(text_mm: float, fraction: float, box_mm: float) -> str:
    width = min(text_mm * fraction, box_mm)
    return f'<div class="rule" style="width:{width:.1f}mm"></div>'


class _Html:
    def __init__(self, document: Document, family: fonts.FontFamily) -> None:
        self.document = document
        self.family = family
        self.parts: list[str] = []

    def width(self, text: str, size: float, weight: str = "bold") -> float:
        return fonts.text_width_mm(text, self.family, size, weight)

    def header(self) -> None:
        doc = self.document
        out = self.parts
        if doc.draft:
            out.append('<p class="draft">DỰ THẢO</p>')
        left = [f'<p class="parent">{_text(line)}</p>' for line in doc.issuer.parent_lines]
        names = doc.issuer.name_lines
        left += [f'<p class="issuer">{_text(line)}</p>' for line in names]
        longest = max(names, key=len) if names else ""
        left.append(_rule(self.width(longest, TYPE.issuer), 0.4, style.HEADER_LEFT_MM))
        right = [f'<p class="national">{NATIONAL_TITLE}</p>', f'<p><span class="motto">{MOTTO}</span></p>']
        out.append('<table class="head"><tr>')
        out.append(f'<td class="left">{"".join(left)}</td><td class="right">{"".join(right)}</td></tr>')
        if doc.show_number:
            out.append(
                f'<tr><td class="left number">{_text(doc.number_line)}</td>'
                f'<td class="right date">{_text(doc.date_line)}</td></tr>'
            )
        else:
            out.append(f'<tr><td class="left"></td><td class="right date">{_text(doc.date_line)}</td></tr>')
        out.append("</table>")

    def title(self) -> None:
        doc = self.document
        out = self.parts
        first = True
        if doc.type_name:
            out.append(f'<p class="type-name">{_text(doc.type_name.upper())}</p>')
            first = False
        lines = [line for line in doc.summary.split("\n") if line.strip()]
        for line in lines:
            margin = ' style="margin-top:18pt"' if first else ""
            out.append(f'<p class="summary"{margin}>{_text(line)}</p>')
            first = False
        if lines or doc.type_name:
            longest = max(lines or [doc.type_name], key=len)
            out.append(_rule(self.width(longest, TYPE.summary), 0.35, PAGE.text_width_mm))
        if doc.authority_line:
            out.append(f'<p class="authority">{_text(doc.authority_line.upper())}</p>')
        if doc.addressees:
            if len(doc.addressees) == 1:
                out.append(f'<p class="kinh-gui">Kính gửi: {_text(with_ending(doc.addressees)[0])}</p>')
            else:
                out.append(
                    '<p class="kinh-gui" style="margin-bottom:0">Kính gửi:</p><div class="kinh-gui-list">'
                )
                out.extend(f"<p>- {_text(line)}</p>" for line in with_ending(doc.addressees))
                out.append("</div>")
        out.append('<div class="gap"></div>')
        for line in with_ending(doc.legal_bases):
            out.append(f'<p class="basis">{_text(line)}</p>')

    def blocks(self, blocks: Iterable[Block]) -> None:
        out = self.parts
        for block in blocks:
            if isinstance(block, Heading):
                level = min(max(block.level, 1), 4)
                text = block.text.upper() if level == 1 else block.text
                out.append(f'<p class="h{level}">{_text(text)}</p>')
            elif isinstance(block, Paragraph):
                classes = ["body", f"al-{block.align}"]
                if not block.indent or block.align != "justify":
                    classes.append("noindent")
                if block.bold:
                    classes.append("b")
                if block.italic:
                    classes.append("i")
                lead = f"<b>{_text(block.lead)}</b> " if block.lead else ""
                space = f' style="margin-top:{block.before}pt"' if block.before else ""
                out.append(f'<p class="{" ".join(classes)}"{space}>{lead}{_text(block.text)}</p>')
            elif isinstance(block, Article):
                lead = f"Điều {block.number}." + (f" {block.title}" if block.title else "")
                out.append(f'<p class="body"><b>{_text(lead)}</b> {_text(block.text)}</p>')
                out.extend(f'<p class="body">{_text(text)}</p>' for text in block.paragraphs)
            elif isinstance(block, Table):
                self.table(block)
            elif isinstance(block, PageBreak):
                out.append('<div class="page-break"></div>')
            elif isinstance(block, SignatureSpace):
                out.append(f'<div style="height:{block.lines * 1.18 * TYPE.body:.0f}pt"></div>')

    def table(self, table: Table) -> None:
        widths = [column.width_mm for column in table.columns]
        scale = min(1.0, PAGE.text_width_mm / sum(widths))
        out = self.parts
        out.append(
            f'<table class="grid" style="font-size:{table.font_size}pt;width:{sum(widths) * scale:.1f}mm">'
        )
        out.append("<colgroup>")
        out.extend(f'<col style="width:{w * scale:.1f}mm">' for w in widths)
        out.append("</colgroup><thead><tr>")
        out.extend(f"<th>{_text(column.title)}</th>" for column in table.columns)
        out.append("</tr></thead><tbody>")
        # left is the cells' default: most cells carry no class (a long list is smaller to parse and match)
        aligns = ["" if column.align == "left" else f' class="al-{column.align}"' for column in table.columns]
        span = len(widths)
        for row in table.rows:
            if row.kind in (RowKind.GROUP, RowKind.SUBGROUP):
                text = row.cells[0] if row.cells else ""
                out.append(f'<tr class="{row.kind.value}"><td colspan="{span}">{_text(text)}</td></tr>')
            else:
                cls = ' class="total"' if row.kind in (RowKind.TOTAL, RowKind.STRONG) else ""
                cells = "".join(
                    f"<td{align}>{_text(cell)}</td>" for cell, align in zip(row.cells, aligns, strict=True)
                )
                out.append(f"<tr{cls}>{cells}</tr>")
        out.append("</tbody></table>")

    def _signer_title(self, signer: Signer) -> str:
        lines = signer.lines
        parts = [f'<p class="{"first" if i == 0 else ""}">{_text(line)}</p>' for i, line in enumerate(lines)]
        return f'<div class="signer">{"".join(parts)}</div>'

    def _signer_name(self, signer: Signer) -> str:
        return f'<div class="signer"><div class="space"></div><p>{_text(signer.name)}</p></div>'

    def _signer(self, signer: Signer) -> str:
        return self._signer_title(signer) + self._signer_name(signer)

    def _recipients(self) -> str:
        lines = with_ending(self.document.recipients)
        if not lines:
            return ""
        items = "".join(f"<p>- {_text(line)}</p>" for line in lines)
        return f'<p class="recipients-label">Nơi nhận:</p><div class="recipients">{items}</div>'

    def signature(self) -> None:
        doc = self.document
        out = self.parts
        if len(doc.signers) == 1:
            out.append('<table class="sign"><tr>')
            out.append(
                f'<td style="width:45%">{self._recipients()}</td><td>{self._signer(doc.signers[0])}</td>'
            )
            out.append("</tr></table>")
            return
        out.append('<table class="sign">')
        # Titles and names in separate rows: the names of a pair stay level however the titles wrap.
        for start in range(0, len(doc.signers), 2):
            pair = doc.signers[start : start + 2]
            for part in (self._signer_title, self._signer_name):
                cells = "".join(f'<td style="width:50%">{part(s)}</td>' for s in pair)
                if len(pair) == 1:
                    cells += '<td style="width:50%"></td>'
                out.append(f"<tr>{cells}</tr>")
        out.append("</table>")
        if doc.recipients:
            out.append(f'<div class="recipients-box" style="width:45%">{self._recipients()}</div>')

    def annex(self, annex: Annex) -> None:
        out = self.parts
        out.append('<div class="annex">')
        if annex.heading:
            out.append(f'<p class="annex-heading">{_text(annex.heading)}</p>')
        for line in annex.title.split("\n"):
            out.append(f'<p class="annex-title">{_text(line.upper())}</p>')
        if annex.attached_to:
            out.append(f'<p class="annex-note">{_text(annex.attached_to)}</p>')
        first = annex.title.split("\n")[0].upper()
        out.append(_rule(self.width(first, TYPE.annex_title), 0.35, PAGE.text_width_mm))
        out.append('<div class="gap"></div>')
        self.blocks(annex.blocks)
        out.append("</div>")

    def build(self) -> str:
        self.header()
        self.title()
        self.blocks(self.document.body)
        self.signature()
        for annex in self.document.annexes:
            self.annex(annex)
        title = escape(self.document.summary or self.document.type_name)
        return (
            f'<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>{title}</title>'
            f"<style>{_css(self.family)}</style></head><body>{''.join(self.parts)}</body></html>"
        )


def document_html(document: Document) -> str:
    document.validate()
    return _Html(document, fonts.find_family(document.font)).build()


#: The few user-agent rules the markup above needs, in place of WeasyPrint's full HTML5 stylesheet: matching
#: every element (a 500-name list has ~2,500 cells) against hundreds of selectors it never uses cost a fifth
#: of a long decision's rendering time. The text and the pages come out the same.
USER_AGENT_CSS = """
html, body, div, p { display: block }
head, style, title, meta { display: none }
table { display: table; box-sizing: border-box; border-spacing: 2px; border-collapse: separate;
        text-indent: initial }
colgroup { display: table-column-group } col { display: table-column }
thead { display: table-header-group; vertical-align: middle }
tbody { display: table-row-group; vertical-align: middle }
tr { display: table-row; vertical-align: inherit }
td, th { display: table-cell; vertical-align: inherit }
th, b { font-weight: bold }
i { font-style: italic }
br::before { content: "\\A"; white-space: pre-line }
"""


@functools.lru_cache(maxsize=1)
def _user_agent() -> object:
    from weasyprint import CSS

    return CSS(string=USER_AGENT_CSS)


def html_to_pdf(html: str) -> bytes:
    """Lay out HTML (local files only) into PDF bytes."""
    from weasyprint import HTML

    class _Html(HTML):
        def _ua_stylesheets(self, forms: bool = False) -> list[object]:
            return [_user_agent()]

    pdf = _Html(string=html, base_url=None).write_pdf()
    assert pdf is not None
    return bytes(pdf)


def render_pdf(document: Document) -> bytes:
    """The document as PDF bytes. Raises ValidationError (Vietnamese) on bad input; writes nothing."""
    return html_to_pdf(document_html(document))
