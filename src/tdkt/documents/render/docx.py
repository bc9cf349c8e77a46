"""Word (.docx) from the document model, with python-docx.

Officials edit the Word file before it is signed, so it is built the way a careful văn thư builds one by hand: real
paragraphs and tables (no text boxes), the header as a borderless two-column table so that the number and the date
stay on one line, the lines under the motto, the issuer and the summary as paragraph borders narrowed by indents
to the length the decree asks for, a page number field in a header that page one does not show, and the header row
of long tables repeated on every page. Table rows are written straight as WordprocessingML, which keeps a list of
hundreds of names fast.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph

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

ALIGN = {
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}
_JC = {"justify": "both", "center": "center", "left": "left", "right": "right"}
TYPE = style.TYPE


def _half_points(size: float) -> str:
    return str(round(size * 2))


class _Writer:
    def __init__(self, document: Document, family: fonts.FontFamily | None) -> None:
        self.document = document
        self.family = family  # for measuring line lengths; None when no font is installed at all
        self.font = document.font
        self.docx = new_docx()
        self._setup()

    # --- set-up ---------------------------------------------------------------------------------------------

    def _setup(self) -> None:
        normal = self.docx.styles["Normal"]
        normal.font.name = self.font
        normal.font.size = Pt(TYPE.body)
        r_pr = normal.element.get_or_add_rPr()
        fonts_el = r_pr.find(qn("w:rFonts"))
        if fonts_el is None:
            fonts_el = OxmlElement("w:rFonts")
            r_pr.insert(0, fonts_el)
        for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts_el.set(qn(attribute), self.font)
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), "vi-VN")
        r_pr.append(lang)
        normal.paragraph_format.space_after = Pt(0)
        normal.paragraph_format.space_before = Pt(0)
        normal.paragraph_format.line_spacing = style.LINE_SPACING
        section = self.docx.sections[0]
        page = style.PAGE
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(page.width_mm), Mm(page.height_mm)
        section.top_margin, section.bottom_margin = Mm(page.top_mm), Mm(page.bottom_mm)
        section.left_margin, section.right_margin = Mm(page.left_mm), Mm(page.right_mm)
        section.header_distance = Mm(page.header_mm)
        section.footer_distance = Mm(page.header_mm)
        # Page numbers centred in the top margin, from page 2 on (Phụ lục I, Phần I, khoản 5).
        section.different_first_page_header_footer = True
        number = section.header.paragraphs[0]
        number.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self._field(number, "PAGE", TYPE.page_number)

    def _field(self, paragraph: DocxParagraph, instruction: str, size: float) -> None:
        field = OxmlElement("w:fldSimple")
        field.set(qn("w:instr"), instruction)
        run = OxmlElement("w:r")
        r_pr = OxmlElement("w:rPr")
        sz = OxmlElement("w:sz")
        sz.set(qn("w:val"), _half_points(size))
        r_pr.append(sz)
        run.append(r_pr)
        text = OxmlElement("w:t")
        text.text = "2"
        run.append(text)
        field.append(run)
        paragraph._p.append(field)

    # --- small pieces ---------------------------------------------------------------------------------------

    def _para(
        self,
        container: object,
        text: str = "",
        *,
        size: float = TYPE.body,
        bold: bool = False,
        italic: bool = False,
        align: str = "center",
        indent: bool = False,
        after: float = 0,
        before: float = 0,
        lead: str = "",
    ) -> DocxParagraph:
        paragraph = self._new_paragraph(container)
        paragraph.alignment = ALIGN[align]
        fmt = paragraph.paragraph_format
        fmt.space_after = Pt(after)
        fmt.space_before = Pt(before)
        if indent:
            fmt.first_line_indent = Mm(style.INDENT_MM)
        if lead:
            run = paragraph.add_run(lead + (" " if text else ""))
            run.bold, run.italic, run.font.size = True, italic, Pt(size)
        if text:
            run = paragraph.add_run(text)
            run.bold, run.italic, run.font.size = bold, italic, Pt(size)
        return paragraph

    def _new_paragraph(self, container: object) -> DocxParagraph:
        if isinstance(container, _Cell):
            first = container.paragraphs[0]
            if not first.text and not first.runs and not getattr(container, "_used", False):
                container._used = True  # type: ignore[attr-defined]
                return first
            return container.add_paragraph()
        return self.docx.add_paragraph()

    def _rule(self, paragraph: DocxParagraph, text_mm: float, box_mm: float, fraction: float = 1.0) -> None:
        """A solid line under ``paragraph``: a bottom border narrowed by indents to ``fraction`` of the text's
        length, centred in a box of ``box_mm`` (the cell or the text width)."""
        length = min(text_mm * fraction, box_mm)
        side = max((box_mm - length) / 2, 0)
        fmt = paragraph.paragraph_format
        fmt.left_indent = Mm(side)
        fmt.right_indent = Mm(side)
        p_pr = paragraph._p.get_or_add_pPr()
        borders = OxmlElement("w:pBdr")
        bottom = OxmlElement("w:bottom")
        bottom.set(qn("w:val"), "single")
        bottom.set(qn("w:sz"), "6")
        bottom.set(qn("w:space"), "1")
        bottom.set(qn("w:color"), "000000")
        borders.append(bottom)
        p_pr.append(borders)

    def _rule_paragraph(
        self, container: object, text: str, size: float, box_mm: float, fraction: float
    ) -> None:
        rule = self._para(container, "", size=4)
        self._rule(rule, self._width(text, size, "bold"), box_mm, fraction)

    def _width(self, text: str, size: float, weight: str) -> float:
        if self.family is None:
            return len(text) * size * 0.5 * 25.4 / 72
        return fonts.text_width_mm(text, self.family, size, weight)

    def _borderless_table(self, widths_mm: Iterable[float], rows: int = 1) -> object:
        widths = list(widths_mm)
        table = self.docx.add_table(rows=rows, cols=len(widths))
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        self._fixed_layout(table)
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = Mm(width)
        for column, width in zip(table.columns, widths, strict=True):
            column.width = Mm(width)
        return table

    @staticmethod
    def _fixed_layout(table: object) -> None:
        tbl_pr = table._tbl.tblPr  # type: ignore[attr-defined]
        layout = OxmlElement("w:tblLayout")
        layout.set(qn("w:type"), "fixed")
        tbl_pr.append(layout)

    # --- the parts of the document ---------------------------------------------------------------------------

    def header(self) -> None:
        doc = self.document
        if doc.draft:
            self._para(self.docx, "DỰ THẢO", size=TYPE.draft_mark, bold=True, align="right", after=4)
        left_mm = style.HEADER_LEFT_MM
        right_mm = style.PAGE.text_width_mm - left_mm
        table = self._borderless_table((left_mm, right_mm), rows=2 if doc.show_number else 1)
        left, right = table.rows[0].cells  # type: ignore[attr-defined]
        for line in doc.issuer.parent_lines:
            self._para(left, line, size=TYPE.parent_body)
        name_lines = doc.issuer.name_lines
        for line in name_lines:
            self._para(left, line, size=TYPE.issuer, bold=True)
        longest = max(name_lines, key=len) if name_lines else ""
        self._rule_paragraph(left, longest, TYPE.issuer, left_mm, 0.4)
        self._para(right, NATIONAL_TITLE, size=TYPE.national_title, bold=True)
        motto = self._para(right, MOTTO, size=TYPE.motto, bold=True)
        self._rule(motto, self._width(MOTTO, TYPE.motto, "bold"), right_mm)
        if doc.show_number:
            number_cell, date_cell = table.rows[1].cells  # type: ignore[attr-defined]
            self._para(number_cell, doc.number_line, size=TYPE.number, before=6)
            self._para(date_cell, doc.date_line, size=TYPE.date_line, italic=True, before=6)
        else:
            self._para(right, doc.date_line, size=TYPE.date_line, italic=True, before=6)

    def title(self) -> None:
        doc = self.document
        width = style.PAGE.text_width_mm
        before = 18.0
        if doc.type_name:
            self._para(self.docx, doc.type_name.upper(), size=TYPE.type_name, bold=True, before=before)
            before = 0
        summary_lines = [line for line in doc.summary.split("\n") if line.strip()]
        for line in summary_lines:
            self._para(self.docx, line, size=TYPE.summary, bold=True, before=before)
            before = 0
        if summary_lines or doc.type_name:
            longest = max(summary_lines or [doc.type_name], key=len)
            self._rule_paragraph(self.docx, longest, TYPE.summary, width, 0.35)
        if doc.authority_line:
            self._para(
                self.docx,
                doc.authority_line.upper(),
                size=TYPE.authority_line,
                bold=True,
                before=12,
                after=12,
            )
        if doc.addressees:
            self._addressees(doc.addressees)
        if doc.legal_bases:
            for line in with_ending(doc.legal_bases):
                self._para(
                    self.docx,
                    line,
                    size=TYPE.legal_bases,
                    italic=True,
                    align="justify",
                    indent=True,
                    after=style.PARAGRAPH_AFTER_PT,
                )
        else:
            self._para(self.docx, "", size=6)

    def _addressees(self, addressees: tuple[str, ...]) -> None:
        if len(addressees) == 1:
            self._para(
                self.docx, with_ending(addressees)[0], lead="Kính gửi:", align="center", before=12, after=12
            )
            return
        self._para(self.docx, "Kính gửi:", align="center", before=12)
        for line in with_ending(addressees):
            paragraph = self._para(self.docx, "- " + line, align="left", after=0)
            paragraph.paragraph_format.left_indent = Mm(55)
        self._para(self.docx, "", size=6)

    def blocks(self, blocks: Iterable[Block]) -> None:
        for block in blocks:
            if isinstance(block, Heading):
                self._heading(block)
            elif isinstance(block, Paragraph):
                self._para(
                    self.docx,
                    block.text,
                    bold=block.bold,
                    italic=block.italic,
                    align=block.align,
                    indent=block.indent and block.align == "justify",
                    after=style.PARAGRAPH_AFTER_PT,
                    before=block.before,
                    lead=block.lead,
                )
            elif isinstance(block, Article):
                self._article(block)
            elif isinstance(block, Table):
                self._table(block)
            elif isinstance(block, PageBreak):
                self.docx.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            elif isinstance(block, SignatureSpace):
                for _ in range(block.lines):
                    self._para(self.docx, "")

    def _heading(self, heading: Heading) -> None:
        if heading.level == 1:
            self._para(self.docx, heading.text.upper(), bold=True, align="center", before=6, after=6)
        elif heading.level == 4:
            self._para(self.docx, heading.text, italic=True, align="justify", indent=True, after=6)
        else:
            self._para(self.docx, heading.text, bold=True, align="justify", indent=True, after=6)

    def _article(self, article: Article) -> None:
        lead = f"Điều {article.number}."
        if article.title:
            lead = f"{lead} {article.title}"
        self._para(
            self.docx, article.text, lead=lead, align="justify", indent=True, after=style.PARAGRAPH_AFTER_PT
        )
        for text in article.paragraphs:
            self._para(self.docx, text, align="justify", indent=True, after=style.PARAGRAPH_AFTER_PT)

    def _table(self, table: Table) -> None:
        widths = [column.width_mm for column in table.columns]
        scale = min(1.0, style.PAGE.text_width_mm / sum(widths))
        widths = [w * scale for w in widths]
        docx_table = self.docx.add_table(rows=0, cols=len(widths))
        docx_table.style = self.docx.styles["Table Grid"]
        docx_table.alignment = WD_TABLE_ALIGNMENT.CENTER
        docx_table.autofit = False
        self._fixed_layout(docx_table)
        grid = docx_table._tbl.tblGrid
        for col, width in zip(grid.findall(qn("w:gridCol")), widths, strict=True):
            col.set(qn("w:w"), str(int(Mm(width).twips)))
        tbl = docx_table._tbl
        size = _half_points(table.font_size)
        header = self._tr([c.title for c in table.columns], widths, ["center"] * len(widths), size, bold=True)
        tr_pr = OxmlElement("w:trPr")
        tbl_header = OxmlElement("w:tblHeader")
        tr_pr.append(tbl_header)
        header.insert(0, tr_pr)
        tbl.append(header)
        aligns = [column.align for column in table.columns]
        for row in table.rows:
            if row.kind in (RowKind.GROUP, RowKind.SUBGROUP):
                tbl.append(
                    self._tr(
                        [row.cells[0] if row.cells else ""],
                        [sum(widths)],
                        ["left"],
                        size,
                        bold=True,
                        italic=row.kind == RowKind.SUBGROUP,
                        span=len(widths),
                    )
                )
            else:
                tbl.append(
                    self._tr(
                        list(row.cells),
                        widths,
                        aligns,
                        size,
                        bold=row.kind in (RowKind.TOTAL, RowKind.STRONG),
                    )
                )
        self._para(self.docx, "", size=6)

    @staticmethod
    def _tr(
        cells: list[str],
        widths: list[float],
        aligns: list[str],
        size: str,
        *,
        bold: bool = False,
        italic: bool = False,
        span: int = 1,
    ) -> Any:
        tr = OxmlElement("w:tr")
        for text, width, align in zip(cells, widths, aligns, strict=True):
            tc = OxmlElement("w:tc")
            tc_pr = OxmlElement("w:tcPr")
            tc_w = OxmlElement("w:tcW")
            tc_w.set(qn("w:w"), str(int(Mm(width).twips)))
            tc_w.set(qn("w:type"), "dxa")
            tc_pr.append(tc_w)
            if span > 1:
                grid_span = OxmlElement("w:gridSpan")
                grid_span.set(qn("w:val"), str(span))
                tc_pr.append(grid_span)
            v_align = OxmlElement("w:vAlign")
            v_align.set(qn("w:val"), "center")
            tc_pr.append(v_align)
            tc.append(tc_pr)
            for line in text.split("\n") or [""]:
                p = OxmlElement("w:p")
                p_pr = OxmlElement("w:pPr")
                spacing = OxmlElement("w:spacing")
                spacing.set(qn("w:before"), "40")
                spacing.set(qn("w:after"), "40")
                p_pr.append(spacing)
                jc = OxmlElement("w:jc")
                jc.set(qn("w:val"), _JC[align])
                p_pr.append(jc)
                p.append(p_pr)
                r = OxmlElement("w:r")
                r_pr = OxmlElement("w:rPr")
                if bold:
                    r_pr.append(OxmlElement("w:b"))
                if italic:
                    r_pr.append(OxmlElement("w:i"))
                sz = OxmlElement("w:sz")
                sz.set(qn("w:val"), size)
                r_pr.append(sz)
                r.append(r_pr)
                t = OxmlElement("w:t")
                t.set(qn("xml:space"), "preserve")
                t.text = line
                r.append(t)
                p.append(r)
                tc.append(p)
            tr.append(tc)
        return tr

    def signature(self) -> None:
        doc = self.document
        width = style.PAGE.text_width_mm
        if len(doc.signers) == 1:
            left_mm = width * 0.45
            table = self._borderless_table((left_mm, width - left_mm))
            left, right = table.rows[0].cells  # type: ignore[attr-defined]
            self._recipients(left)
            self._signer(right, doc.signers[0])
            return
        columns = 2 if len(doc.signers) > 1 else 1
        pairs = (len(doc.signers) + columns - 1) // columns
        # Each pair takes two rows, titles then names: the names stay level however the titles wrap.
        table = self._borderless_table([width / columns] * columns, rows=2 * pairs)
        for index, signer in enumerate(doc.signers):
            pair, column = divmod(index, columns)
            titles = table.rows[2 * pair].cells[column]  # type: ignore[attr-defined]
            names = table.rows[2 * pair + 1].cells[column]  # type: ignore[attr-defined]
            self._signer_title(titles, signer)
            self._signer_name(names, signer)
            if pair < pairs - 1:
                self._para(names, "")
        if doc.recipients:
            holder = self._borderless_table((width * 0.45, width * 0.55))
            self._recipients(holder.rows[0].cells[0])  # type: ignore[attr-defined]

    def _recipients(self, cell: _Cell) -> None:
        lines = with_ending(self.document.recipients)
        if not lines:
            self._para(cell, "", size=TYPE.recipients)
            return
        self._para(
            cell, "Nơi nhận:", size=TYPE.recipients_label, bold=True, italic=True, align="left", before=6
        )
        for line in lines:
            self._para(cell, "- " + line, size=TYPE.recipients, align="left")

    def _signer_title(self, cell: _Cell, signer: Signer) -> None:
        for i, line in enumerate(signer.lines):
            self._para(cell, line, size=TYPE.signer, bold=True, before=6 if i == 0 else 0)

    def _signer_name(self, cell: _Cell, signer: Signer) -> None:
        for _ in range(style.SIGNATURE_GAP_LINES):
            self._para(cell, "", size=TYPE.signer)
        self._para(cell, signer.name, size=TYPE.signer, bold=True)

    def _signer(self, cell: _Cell, signer: Signer) -> None:
        self._signer_title(cell, signer)
        self._signer_name(cell, signer)

    def annex(self, annex: Annex) -> None:
        self.docx.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        if annex.heading:
            self._para(self.docx, annex.heading, size=TYPE.annex_heading, bold=True)
        for line in annex.title.split("\n"):
            self._para(self.docx, line.upper(), size=TYPE.annex_title, bold=True)
        if annex.attached_to:
            self._para(self.docx, annex.attached_to, size=TYPE.annex_note, italic=True)
        self._rule_paragraph(
            self.docx, annex.title.split("\n")[0].upper(), TYPE.annex_title, style.PAGE.text_width_mm, 0.35
        )
        self._para(self.docx, "", size=6)
        self.blocks(annex.blocks)

    def build(self) -> bytes:
        self.header()
        self.title()
        self.blocks(self.document.body)
        self.signature()
        for annex in self.document.annexes:
            self.annex(annex)
        core = self.docx.core_properties
        core.title = self.document.summary or self.document.type_name
        core.author = self.document.issuer.name_lines[0] if self.document.issuer.name_lines else ""
        core.language = "vi-VN"
        buffer = io.BytesIO()
        self.docx.save(buffer)
        return buffer.getvalue()


def render_docx(document: Document) -> bytes:
    """The document as .docx bytes. Raises ValidationError (Vietnamese) on bad input; writes nothing."""
    document.validate()
    try:
        family: fonts.FontFamily | None = fonts.find_family(document.font)
    except Exception:
        if document.font.strip().lower() != "times new roman":
            raise
        family = None  # Word has Times New Roman even when the server has no font to measure with
    return _Writer(document, family).build()
