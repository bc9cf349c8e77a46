"""Quyết định khen thưởng with its "Danh sách kèm theo", and Tờ trình đề nghị khen thưởng, over plain data.

:mod:`tdkt.documents.kinds.records` fills :class:`Recipient`, :class:`DecisionData` and :class:`SubmissionData`
from the awards app's decisions and proposals (the samples and the benchmark fill them by hand); the amounts come
from the award register, priced by the rules engine at issue (ND 152/2025 Chapter VII: coefficient × base
salary, rounded up to ten thousand đồng), never from here. This module only lays them out:

* the list is grouped as officials print it: by award when a list holds more than one (in the order given), then
  "I. TẬP THỂ" then "II. CÁ NHÂN", the people under the name of their unit; units in Vietnamese alphabetical
  order, people by seniority within their unit (``rank``, 0 = head) and then by tên, họ, đệm
  (:func:`tdkt.vn.name_sort_key`);
* every amount is printed in figures with dots ("3.510.000"), the total in figures and in words
  (:func:`tdkt.vn.amount_in_words`), in Điều 2 and under the list.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from tdkt import vn
from tdkt.documents.enums import DocumentType
from tdkt.documents.kinds.common import count_text, join_names
from tdkt.documents.layout import (
    Annex,
    Article,
    Block,
    Column,
    Document,
    Issuer,
    Paragraph,
    Row,
    RowKind,
    Signer,
    Table,
    format_amount,
)


@dataclass(frozen=True)
class Recipient:
    """One line of the list: a collective (``collective``) or a person, with where they work and the bonus."""

    name: str
    collective: bool = False
    unit: str = ""  # people: their unit; collectives: the body they belong to ("" for a unit itself)
    position: str = ""  # people: their position
    amount: int = 0  # đồng
    rank: int = 100  # seniority inside the unit: 0 head, 1 deputy, 2 division head…, 100 staff
    award: str = ""  # only when one list holds several awards (a correction's additions): grouped by it


@dataclass(frozen=True)
class DecisionData:
    issuer: Issuer
    authority_line: str  # "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH VÂN LĨNH"
    authority_short: str  # "Chủ tịch Ủy ban nhân dân tỉnh" in "(Kèm theo Quyết định … của …)"
    award: str  # "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"
    reason: str  # "đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2024"
    recipients: tuple[Recipient, ...]
    signer: Signer | None
    place: str
    date: datetime.date | None = None
    number: int | None = None
    legal_bases: tuple[str, ...] = ()
    executors: tuple[str, ...] = ()  # those who carry it out (Điều 3)
    fund: str = ""  # "Quỹ thi đua, khen thưởng tỉnh"
    distribution: tuple[str, ...] = ("Như Điều 3", "Lưu: VT")
    draft: bool = False
    verb: str = "tặng"  # "công nhận danh hiệu" for a title (Chiến sĩ thi đua, Lao động tiên tiến…)
    summary: str = ""  # the trích yếu as issued; "Về việc <verb> <award>" by default


@dataclass(frozen=True)
class SubmissionData:
    issuer: Issuer
    issuer_label: str  # "Sở Nội vụ": the issuer as the body's sentences name it
    addressee: str  # "Chủ tịch Ủy ban nhân dân tỉnh"
    award: str
    reason: str
    recipients: tuple[Recipient, ...]
    signer: Signer | None
    place: str
    date: datetime.date | None = None
    number: int | None = None
    grounds: tuple[str, ...] = ()  # "Căn cứ …" paragraphs of the body
    review: str = ""  # what the council or the unit's meeting decided, with its vote
    distribution: tuple[str, ...] = ("Như trên", "Lưu: VT")
    draft: bool = False
    verb: str = "tặng"


@dataclass
class AwardList:
    table: Table
    collectives: int = 0
    people: int = 0
    total: int = 0
    amounts: bool = False
    units: list[str] = field(default_factory=list)


def _unit_key(unit: str) -> tuple[int, object]:
    return (0 if unit else 1, vn.sort_key(unit))


def award_list(recipients: tuple[Recipient, ...]) -> AwardList:
    """The "Danh sách kèm theo" table: collectives, then people grouped by unit, numbered, with a total row."""
    if not recipients:
        raise ValidationError(_("Danh sách khen thưởng chưa có tập thể, cá nhân nào."))
    for recipient in recipients:
        if not vn.clean(recipient.name):
            raise ValidationError(_("Một dòng của danh sách khen thưởng chưa có tên."))
        if recipient.amount < 0:
            raise ValidationError(
                _("Số tiền thưởng của %(name)s không được âm.") % {"name": vn.clean(recipient.name)}
            )
    amounts = any(r.amount for r in recipients)
    columns = [
        Column("STT", 13, "center"),
        Column("Tên tập thể, họ và tên cá nhân", 62 if amounts else 80),
        Column("Chức vụ, đơn vị công tác", 60 if amounts else 72),
    ]
    if amounts:
        columns.append(Column("Số tiền thưởng (đồng)", 30, "right"))

    def line(number: int, name: str, where: str, amount: int) -> Row:
        cells = [str(number), name, where]
        if amounts:
            cells.append(format_amount(amount))
        return Row(tuple(cells))

    rows: list[Row] = []
    awards = list(dict.fromkeys(vn.clean(r.award) for r in recipients))
    several = len(awards) > 1
    group = 0
    collectives_count = people_count = 0
    units: list[str] = []
    for award in awards:
        chosen = [r for r in recipients if vn.clean(r.award) == award] if several else list(recipients)
        collectives = sorted(
            (r for r in chosen if r.collective),
            key=lambda r: (_unit_key(vn.clean(r.unit)), vn.sort_key(r.name)),
        )
        people = [r for r in chosen if not r.collective]
        collectives_count += len(collectives)
        people_count += len(people)
        suffix = f" {award.upper()}" if several else ""
        if collectives:
            group += 1
            title = f"{_roman(group)}. TẬP THỂ{suffix} ({count_text(len(collectives))})"
            rows.append(Row((title,), RowKind.GROUP))
            for number, r in enumerate(collectives, start=1):
                rows.append(line(number, vn.clean(r.name), vn.clean(r.unit), r.amount))
        if people:
            group += 1
            rows.append(
                Row((f"{_roman(group)}. CÁ NHÂN{suffix} ({count_text(len(people))})",), RowKind.GROUP)
            )
            by_unit: dict[str, list[Recipient]] = defaultdict(list)
            for r in people:
                by_unit[vn.clean(r.unit)].append(r)
            number = 0
            for unit in sorted(by_unit, key=_unit_key):
                units.append(unit)
                if unit:
                    rows.append(Row((unit,), RowKind.SUBGROUP))
                for r in sorted(by_unit[unit], key=lambda r: (r.rank, vn.name_sort_key(r.name))):
                    number += 1
                    rows.append(line(number, vn.clean(r.name), vn.clean(r.position), r.amount))
    total = sum(r.amount for r in recipients)
    if amounts:
        counts = _counts(collectives_count, people_count)
        rows.append(Row(("", "Tổng cộng", counts, format_amount(total)), RowKind.TOTAL))
    table = Table(tuple(columns), tuple(rows))
    return AwardList(table, collectives_count, people_count, total, amounts, units)


def _roman(n: int) -> str:
    numerals = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = ""
    for value, letters in numerals:
        while n >= value:
            out += letters
            n -= value
    return out


def _counts(collectives: int, people: int) -> str:
    parts = []
    if collectives:
        parts.append(f"{count_text(collectives)} tập thể")
    if people:
        parts.append(f"{count_text(people)} cá nhân")
    return " và ".join(parts)


def total_in_words(total: int) -> str:
    return f"{format_amount(total)} đồng (Bằng chữ: {vn.amount_in_words(total)})"


def _attached(kind: str, document: Document, authority: str) -> str:
    day = vn.nd30_date(document.date) if document.date is not None else "ngày    tháng    năm"
    return f"(Kèm theo {kind} số {document.number_text} {day} của {authority})"


def decision(data: DecisionData) -> Document:
    """Quyết định khen thưởng (ND 30 Mẫu 1.2) with its list (Annex)."""
    if data.signer is None:
        raise ValidationError(_("Quyết định chưa có người ký: cần chức vụ và họ tên người ký."))
    listing = award_list(data.recipients)
    counts = _counts(listing.collectives, listing.people)
    award = vn.clean(data.award)
    verb = vn.clean(data.verb) or "tặng"
    articles: list[Block] = [
        Paragraph("QUYẾT ĐỊNH:", bold=True, align="center", indent=False, before=6),
        Article(
            1,
            f"{verb[:1].upper()}{verb[1:]} {award} cho {counts} (có danh sách kèm theo), "
            f"{vn.clean(data.reason).rstrip('.')}.",
        ),
    ]
    number = 2
    if listing.amounts:
        fund = f" từ {vn.clean(data.fund)}" if data.fund else ""
        articles.append(
            Article(
                number,
                f"Tiền thưởng kèm theo thực hiện theo quy định hiện hành, chi{fund}. "
                f"Tổng số tiền thưởng: {total_in_words(listing.total)}.",
            )
        )
        number += 1
    executors = join_names([*data.executors, "các tập thể, cá nhân có tên tại Điều 1"])
    articles.append(
        Article(number, f"{executors[:1].upper()}{executors[1:]} chịu trách nhiệm thi hành Quyết định này./.")
    )
    distribution = tuple(line.replace("Như Điều 3", f"Như Điều {number}") for line in data.distribution)
    document = Document(
        issuer=data.issuer,
        type_code=DocumentType.QUYET_DINH.value,
        type_name="QUYẾT ĐỊNH",
        summary=vn.clean(data.summary) or f"Về việc {verb} {award}",
        date=data.date,
        place=data.place,
        number=data.number,
        authority_line=data.authority_line,
        legal_bases=data.legal_bases,
        body=tuple(articles),
        signers=(data.signer,),
        recipients=distribution,
        draft=data.draft,
        slug="quyet-dinh-khen-thuong",
    )
    after_table: list[Block] = []
    if listing.amounts:
        after_table.append(
            Paragraph(f"Tổng số tiền thưởng: {total_in_words(listing.total)}.", italic=True, indent=False)
        )
    annex = Annex(
        title=f"DANH SÁCH\nTẬP THỂ, CÁ NHÂN ĐƯỢC {verb.upper()} {award.upper()}",
        attached_to=_attached("Quyết định", document, vn.clean(data.authority_short)),
        blocks=(listing.table, *after_table),
    )
    return _with_annex(document, annex)


def submission(data: SubmissionData) -> Document:
    """Tờ trình đề nghị khen thưởng (ND 30 Mẫu 1.4; ND 152/2025 Mẫu số 01) with its list."""
    if data.signer is None:
        raise ValidationError(_("Tờ trình chưa có người ký: cần chức vụ và họ tên người ký."))
    listing = award_list(data.recipients)
    counts = _counts(listing.collectives, listing.people)
    award = vn.clean(data.award)
    verb = vn.clean(data.verb) or "tặng"
    issuer_name = vn.clean(data.issuer_label)
    body: list[Block] = [Paragraph(vn.clean(g).rstrip(";.") + ";") for g in data.grounds]
    if data.review:
        body.append(Paragraph(vn.clean(data.review)))
    body.append(
        Paragraph(
            f"{issuer_name} kính trình {vn.clean(data.addressee)} xem xét, {verb} {award} cho {counts} "
            f"(có danh sách kèm theo), {vn.clean(data.reason).rstrip('.')}."
        )
    )
    if listing.amounts:
        body.append(Paragraph(f"Tổng số tiền thưởng đề nghị: {total_in_words(listing.total)}."))
    body.append(Paragraph(f"Kính trình {vn.clean(data.addressee)} xem xét, quyết định./."))
    document = Document(
        issuer=data.issuer,
        type_code=DocumentType.TO_TRINH.value,
        type_name="TỜ TRÌNH",
        summary=f"Về việc đề nghị {verb} {award}",
        date=data.date,
        place=data.place,
        number=data.number,
        addressees=(vn.clean(data.addressee),),
        body=tuple(body),
        signers=(data.signer,),
        recipients=data.distribution,
        draft=data.draft,
        slug="to-trinh-khen-thuong",
    )
    annex = Annex(
        title=f"DANH SÁCH\nĐỀ NGHỊ {verb.upper()} {award.upper()}",
        attached_to=_attached("Tờ trình", document, issuer_name),
        blocks=(listing.table,),
    )
    return _with_annex(document, annex)


def _with_annex(document: Document, annex: Annex) -> Document:
    from dataclasses import replace

    return replace(document, annexes=(*document.annexes, annex))
