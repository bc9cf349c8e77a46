"""The page and the type of each element, per Nghị định 30/2020/NĐ-CP, Phụ lục I (Phần I.I page set-up; Phần II
and the table of Phần IV for each element). Where the decree gives a range the value chosen is noted; both renderers
read these numbers, so Word and PDF agree."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageSetup:
    """A4 portrait; margins top/bottom 20–25 mm, left 30–35 mm, right 15–20 mm (Phần I, khoản 3)."""

    width_mm: float = 210
    height_mm: float = 297
    top_mm: float = 20
    bottom_mm: float = 20
    left_mm: float = 30
    right_mm: float = 15
    #: the page number sits in the top margin (Phần I, khoản 5), this far from the paper's edge
    header_mm: float = 10

    @property
    def text_width_mm(self) -> float:
        return self.width_mm - self.left_mm - self.right_mm


@dataclass(frozen=True)
class Type:
    """Sizes in points. Ranges of the decree in comments; the value is the one most offices use."""

    national_title: float = 12  # 12–13, upright, bold, upper case
    motto: float = 13  # 13–14, upright, bold, underlined by a line as long as it
    parent_body: float = 12  # 12–13, upright, upper case, not bold
    issuer: float = 12  # 12–13, upright, bold, upper case; line 1/3–1/2 of its length under it
    number: float = 13  # 13, upright
    date_line: float = 14  # 13–14, italic
    type_name: float = 14  # 13–14, bold, upper case
    summary: float = 14  # 13–14, bold
    authority_line: float = 14  # the issuing authority under a decision's summary, bold, upper case
    addressees: float = 14  # "Kính gửi:" 13–14
    legal_bases: float = 14  # 13–14, italic
    body: float = 14  # 13–14
    signer: float = 14  # 13–14, bold, upper case (authority and position); the name bold
    recipients_label: float = 12  # "Nơi nhận:" 12, bold italic
    recipients: float = 11  # 11
    page_number: float = 13  # 13–14
    annex_heading: float = 14  # "Phụ lục I" 14 bold
    annex_title: float = 14  # 13–14 bold upper case
    annex_note: float = 14  # "(Kèm theo …)" 13–14 italic
    table: float = 13
    draft_mark: float = 13


PAGE = PageSetup()
TYPE = Type()
#: first-line indent of body paragraphs: 1 cm or 1.27 cm (Phần II, khoản 6 a)
INDENT_MM = 12.7
#: space after a body paragraph, at least 6 pt; single line spacing (up to 1.5 allowed)
PARAGRAPH_AFTER_PT = 6
LINE_SPACING = 1.0
#: the header's left cell (issuer, number) and right cell (national title, date) widths, of the text width
HEADER_LEFT_MM = 68
#: lines left blank for the signature and seal between the position and the name
SIGNATURE_GAP_LINES = 4
