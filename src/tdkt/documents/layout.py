"""The one document model: an administrative document as Nghị định 30/2020/NĐ-CP lays it out, as plain data.

Every document type (a decision, a report, minutes, an invitation…) is built as a :class:`Document`; the two
renderers (:mod:`tdkt.documents.render.docx`, :mod:`tdkt.documents.render.pdf`) turn that one model into Word and
PDF, so that both always carry the same components in the same places (ND 30 Art. 8 and Phụ lục I, Phần IV):

    ┌ (2) governing body / issuing body ──┐  ┌ (1) national title / motto ─────────┐
    │ (3) Số: 05/QĐ-UBND                  │  │ (4) Vân Lĩnh, ngày 03 tháng 02 năm … │
    (5a) TYPE NAME / summary — (authority line) — (9a) Kính gửi — legal bases — (6) body
    (9b) Nơi nhận … (left)                          (7a) TM. / KT. … (7b) name (right)
    annexes ("Phụ lục", "Danh sách kèm theo …")

The text of a document is Vietnamese whatever the reader's interface language: ND 30 Art. 8 fixes its wording, so
the fixed words here ("Nơi nhận:", "Số:", the national title) are constants, not translatable strings. Messages
to the user (what is missing) go through gettext.

Nothing here touches the database: the document types fill these dataclasses from the apps' data, and plain
callers (the awards app, the ballots app) can fill them from their own.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TypeAlias

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from tdkt import vn

#: Quốc hiệu and Tiêu ngữ (ND 30 Phụ lục I, Phần II, khoản 1).
NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
DEFAULT_FONT = "Times New Roman"


class Authority(enum.StrEnum):
    """How the signer signs (ND 30 Phụ lục I, Phần II, khoản 7 b): on behalf of a collective body, for the head
    as a deputy, by order, acting, by authorisation."""

    TM = "TM."
    KT = "KT."
    TL = "TL."
    Q = "Q."
    TUQ = "TUQ."


@dataclass(frozen=True)
class Issuer:
    """Cell (2): the issuing body and, above it, its governing body (cơ quan chủ quản), e.g. "UBND TỈNH VÂN
    LĨNH" / "SỞ NỘI VỤ". ``name`` may have two lines ("ỦY BAN NHÂN DÂN\\nTỈNH VÂN LĨNH"). ``code`` is the
    issuer's part of the symbol (UBND, SNV, KTMTH)."""

    name: str
    code: str
    parent: str = ""

    @property
    def name_lines(self) -> list[str]:
        return [vn.clean(line).upper() for line in self.name.split("\n") if vn.clean(line)]

    @property
    def parent_lines(self) -> list[str]:
        return [vn.clean(line).upper() for line in self.parent.split("\n") if vn.clean(line)]


# --- body blocks ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    """A heading of the body. Level 1: "Phần"/"Chương" style, centred, bold, upper case (ND 30 Phụ lục I,
    Phần II, khoản 6 b); level 2: "I. …" bold, flush with the body; level 3: "1. …" bold; level 4: italic."""

    text: str
    level: int = 2


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of the body: justified, first line indented (ND 30 Phụ lục I, Phần II, khoản 6 a)."""

    text: str
    bold: bool = False
    italic: bool = False
    align: str = "justify"  # justify, center, left, right
    indent: bool = True
    #: A run at the start of the paragraph in bold (e.g. "Thời gian:" or "Điều 1.").
    lead: str = ""
    before: float = 0  # extra space above, in points


@dataclass(frozen=True)
class Article:
    """ "Điều N." in bold, then its text; later paragraphs below it (ND 30 Phụ lục I, Phần II, khoản 6 b)."""

    number: int
    text: str
    paragraphs: tuple[str, ...] = ()
    title: str = ""  # a bold title after "Điều N." (regulations); individual decisions have none


@dataclass(frozen=True)
class Column:
    title: str
    width_mm: float
    align: str = "left"  # left, center, right


class RowKind(enum.StrEnum):
    NORMAL = "normal"
    GROUP = "group"  # "I. TẬP THỂ": bold, spanning every column
    SUBGROUP = "subgroup"  # a unit's name over its people: bold italic, spanning every column
    STRONG = "strong"  # a bold line (a group of criteria)
    TOTAL = "total"  # bold


@dataclass(frozen=True)
class Row:
    cells: tuple[str, ...]
    kind: RowKind = RowKind.NORMAL


@dataclass(frozen=True)
class Table:
    """A table with a header row repeated on every page; ``font_size`` in points (13 by default)."""

    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    font_size: float = 13


@dataclass(frozen=True)
class SignatureSpace:
    """Blank lines left for hand signatures inside the body (e.g. "Đại diện các đơn vị ký kết")."""

    lines: int = 4


@dataclass(frozen=True)
class PageBreak:
    pass


Block: TypeAlias = Heading | Paragraph | Article | Table | PageBreak | SignatureSpace


# --- signature, recipients, annexes ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Signer:
    """Cells (7a)/(7b): authority lines, the signer's own position, and the name (no academic titles).

    ``authority`` pairs a form with whom it is signed for, e.g. ((TM, "ỦY BAN NHÂN DÂN"), (KT, "CHỦ TỊCH")) with
    ``position`` "PHÓ CHỦ TỊCH"; a head signing in their own name has no authority, only the position
    ("GIÁM ĐỐC"); an acting head is ((Q, "GIÁM ĐỐC"),) with no position. A ``caption`` (biên bản: "THƯ KÝ",
    "CHỦ TRÌ") is printed as the position when there is none.
    """

    name: str
    position: str = ""
    authority: tuple[tuple[Authority, str], ...] = ()

    @property
    def lines(self) -> list[str]:
        lines = [f"{form.value} {vn.clean(whom).upper()}" for form, whom in self.authority]
        lines += [vn.clean(line).upper() for line in self.position.split("\n") if vn.clean(line)]
        return lines


@dataclass(frozen=True)
class Annex:
    """An appendix or an attached list after the signature, on a new page (ND 30 Phụ lục I, Phần II, khoản 10):
    "Phụ lục I" / "DANH SÁCH …" in bold, the title upper case bold, "(Kèm theo …)" italic, then its blocks."""

    title: str
    blocks: tuple[Block, ...]
    heading: str = ""  # "Phụ lục I"; empty for a list that carries its title only
    attached_to: str = ""  # "(Kèm theo Quyết định số 05/QĐ-UBND ngày 03 tháng 02 năm 2025 của …)"


# --- the document ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Document:
    """An administrative document. ``number`` is None until the document is issued: drafts print "Số:    /QĐ-…"
    with the space the văn thư fills in; ``show_number`` False leaves the number line out (agreements)."""

    issuer: Issuer
    type_code: str  # the ND 30 Phụ lục III abbreviation: QĐ, BC, BB, TTr, GM… ("" for a công văn)
    type_name: str  # QUYẾT ĐỊNH, BÁO CÁO… ("" for a công văn)
    summary: str  # trích yếu
    date: datetime.date | None
    place: str
    signers: tuple[Signer, ...]
    body: tuple[Block, ...] = ()
    number: int | None = None
    show_number: bool = True
    #: The issuing authority's line under the summary in a decision: "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …".
    authority_line: str = ""
    addressees: tuple[str, ...] = ()  # Kính gửi (9a)
    legal_bases: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()  # Nơi nhận (9b), each without its leading dash and ending
    annexes: tuple[Annex, ...] = ()
    #: Printed at the top right of page one as "DỰ THẢO" when the text is not final.
    draft: bool = False
    font: str = DEFAULT_FONT
    #: A short name for files: "quyet-dinh-05-QD-UBND".
    slug: str = "van-ban"
    meta: dict[str, str] = field(default_factory=dict)

    @property
    def symbol(self) -> str:
        """ "QĐ-UBND": type abbreviation and issuer joined by a hyphen, no spaces (Phụ lục I, Phần II, khoản 3)."""
        parts = [vn.clean(self.type_code), vn.clean(self.issuer.code)]
        return "-".join(part for part in parts if part)

    @property
    def number_text(self) -> str:
        """ "05/QĐ-UBND" (numbers below 10 take a leading zero), or "     /QĐ-UBND" for a draft."""
        if self.number is None:
            return "\u2002\u2002\u2002\u2002/" + self.symbol
        return f"{self.number:02d}/{self.symbol}"

    @property
    def number_line(self) -> str:
        return f"Số: {self.number_text}"

    @property
    def date_line(self) -> str:
        """The place and date line, "Vân Lĩnh, ngày 03 tháng 02 năm 2025" (ND 30 Phụ lục I, Phần II, khoản 4);
        an undated draft leaves the day and month blank."""
        if self.date is None:
            place = vn.clean(self.place)
            return f"{place}, ngày    tháng    năm" if place else "ngày    tháng    năm"
        return vn.nd30_date(self.date, self.place)

    def validate(self) -> None:
        """Raise one ValidationError listing everything that keeps this document from being rendered."""
        errors: list[str] = []
        if not self.issuer.name_lines:
            errors.append(_("Văn bản chưa có tên cơ quan ban hành."))
        if self.show_number and not self.issuer.code:
            errors.append(
                _("Văn bản chưa có ký hiệu viết tắt của cơ quan ban hành (dùng trong số, ký hiệu).")
            )
        if self.number is not None and self.number <= 0:
            errors.append(_("Số văn bản phải là số dương."))
        if not vn.clean(self.summary) and not vn.clean(self.type_name):
            errors.append(_("Văn bản chưa có tên loại hoặc trích yếu nội dung."))
        if not self.signers:
            errors.append(_("Văn bản chưa có người ký: cần chức vụ và họ tên người ký."))
        for signer in self.signers:
            if not vn.clean(signer.name):
                errors.append(_("Người ký chưa có họ và tên."))
            if not signer.lines:
                errors.append(
                    _("Người ký %(name)s chưa có chức vụ hoặc thẩm quyền ký.") % {"name": signer.name or "?"}
                )
        for block in self.all_blocks():
            if isinstance(block, Table):
                width = len(block.columns)
                for row in block.rows:
                    if (
                        row.kind in (RowKind.NORMAL, RowKind.STRONG, RowKind.TOTAL)
                        and len(row.cells) != width
                    ):
                        errors.append(
                            _("Một dòng của bảng có %(n)s ô, bảng có %(m)s cột.")
                            % {"n": len(row.cells), "m": width}
                        )
                        break
        if errors:
            raise ValidationError(errors)

    def all_blocks(self) -> list[Block]:
        blocks: list[Block] = list(self.body)
        for annex in self.annexes:
            blocks.extend(annex.blocks)
        return blocks


def with_ending(lines: Sequence[str], middle: str = ";", last: str = ".") -> list[str]:
    """Each line ends with ``middle`` and the last with ``last``, whatever the caller typed (ND 30: legal bases
    and recipients end with ";" and the last with ".")."""
    cleaned = [vn.clean(line).rstrip(";.,") for line in lines if vn.clean(line)]
    return [line + (last if i == len(cleaned) - 1 else middle) for i, line in enumerate(cleaned)]


def format_amount(amount: int) -> str:
    """ "2.340.000": dots between groups of three digits, as Vietnamese documents write money."""
    return vn.amount_in_figures(amount, currency=None)
