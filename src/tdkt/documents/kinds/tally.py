"""Biên bản kiểm phiếu: the vote count of a council or a block, over plain data.

:mod:`tdkt.documents.kinds.records` fills :class:`TallyData` from a counted ballot session (the samples fill it
by hand); whether a candidate passes is the
rules engine's verdict (the vote threshold is law: ND 152/2025 Art. 59, as data in the rulesets), given here as
``result`` with the rule's text in ``rule``. This module checks that the counts add up and lays them out (ND 30
Mẫu 1.9, biên bản)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from tdkt import vn
from tdkt.documents.enums import DocumentType
from tdkt.documents.layout import Block, Column, Document, Heading, Issuer, Paragraph, Row, Signer, Table


@dataclass(frozen=True)
class TallyCandidate:
    name: str
    votes: int
    unit: str = ""
    result: str = ""  # "Đạt" / "Không đạt", the rules engine's verdict


@dataclass(frozen=True)
class TallyData:
    issuer: Issuer
    subject: str  # "bầu Cờ thi đua của Ủy ban nhân dân tỉnh năm 2024"
    held_at: datetime.datetime
    venue: str
    place: str
    committee: tuple[tuple[str, str], ...]  # (name, role in the counting committee)
    members_total: int
    members_present: int
    ballots_issued: int
    ballots_received: int
    ballots_valid: int
    candidates: tuple[TallyCandidate, ...]
    signers: tuple[Signer, ...]
    rule: str = ""  # the threshold as the ruleset states it, with its article
    number: int | None = None
    draft: bool = False
    committee_note: str = (
        ""  # said instead of the committee's list (an electronic ballot counted by the system)
    )
    base_total: int | None = None  # what the shares are of (default: the members); e.g. those present
    base_label: str = "tổng số thành viên"


def _percent(votes: int, base: int) -> str:
    if base <= 0:
        return ""
    return f"{votes * 100 / base:.2f}".replace(".", ",") + "%"


def _check(data: TallyData) -> None:
    errors: list[str] = []
    if not data.candidates:
        errors.append(_("Biên bản kiểm phiếu chưa có danh sách được bỏ phiếu."))
    if data.members_present > data.members_total:
        errors.append(_("Số thành viên có mặt lớn hơn tổng số thành viên."))
    if data.ballots_received > data.ballots_issued:
        errors.append(_("Số phiếu thu vào lớn hơn số phiếu phát ra."))
    if data.ballots_valid > data.ballots_received:
        errors.append(_("Số phiếu hợp lệ lớn hơn số phiếu thu vào."))
    for candidate in data.candidates:
        if candidate.votes < 0 or candidate.votes > data.ballots_valid:
            errors.append(
                _("Số phiếu của %(name)s (%(votes)s) phải từ 0 đến số phiếu hợp lệ (%(valid)s).")
                % {"name": candidate.name, "votes": candidate.votes, "valid": data.ballots_valid}
            )
    if not data.signers:
        errors.append(_("Biên bản chưa có người ký (Trưởng ban kiểm phiếu, thư ký)."))
    if errors:
        raise ValidationError(errors)


def tally(data: TallyData) -> Document:
    _check(data)
    at = data.held_at
    invalid = data.ballots_received - data.ballots_valid
    venue = f", tại {vn.clean(data.venue)}" if vn.clean(data.venue) else ""
    base = data.members_total if data.base_total is None else data.base_total
    body: list[Block] = [
        Paragraph(
            f"Hôm nay, vào lúc {at:%H} giờ {at:%M}, {vn.date_in_words(at.date())}{venue}, "
            f"Ban Kiểm phiếu tiến hành kiểm phiếu {vn.clean(data.subject)}."
        ),
        Heading("I. THÀNH PHẦN BAN KIỂM PHIẾU", level=2),
        *(Paragraph(f"- {vn.clean(name)}, {vn.clean(role)};", indent=True) for name, role in data.committee),
        *((Paragraph(vn.clean(data.committee_note)),) if data.committee_note else ()),
        Heading("II. KẾT QUẢ KIỂM PHIẾU", level=2),
        Paragraph(f"- Tổng số thành viên: {data.members_total}; có mặt: {data.members_present}."),
        Paragraph(f"- Số phiếu phát ra: {data.ballots_issued}; số phiếu thu vào: {data.ballots_received}."),
        Paragraph(f"- Số phiếu hợp lệ: {data.ballots_valid}; số phiếu không hợp lệ: {invalid}."),
        Paragraph("- Kết quả cụ thể:"),
        Table(
            (
                Column("STT", 13, "center"),
                Column("Tập thể, cá nhân", 62),
                Column("Số phiếu đồng ý", 26, "center"),
                Column(f"Tỷ lệ so với {vn.clean(data.base_label)}", 34, "center"),
                Column("Kết quả", 30, "center"),
            ),
            tuple(
                Row(
                    (
                        str(i),
                        vn.clean(c.name) + (f"\n{vn.clean(c.unit)}" if c.unit else ""),
                        str(c.votes),
                        _percent(c.votes, base),
                        vn.clean(c.result),
                    )
                )
                for i, c in enumerate(data.candidates, start=1)
            ),
        ),
    ]
    if data.rule:
        body.append(Paragraph(vn.clean(data.rule), italic=True))
    body.append(
        Paragraph(
            "Biên bản kết thúc lúc … giờ … cùng ngày, đã được đọc lại cho các thành viên Ban Kiểm phiếu "
            "và thống nhất ký tên./."
        )
    )
    return Document(
        issuer=data.issuer,
        type_code=DocumentType.BIEN_BAN.value,
        type_name="BIÊN BẢN",
        summary=f"Kiểm phiếu {vn.clean(data.subject)}",
        date=at.date(),
        place=data.place,
        number=data.number,
        body=tuple(body),
        signers=data.signers,
        draft=data.draft,
        slug="bien-ban-kiem-phieu",
    )
