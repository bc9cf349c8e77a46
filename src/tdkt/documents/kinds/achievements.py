"""Báo cáo thành tích: the achievement report of a person or a collective proposed for a title or a form, after
the forms of the Appendix of Nghị định 152/2025/NĐ-CP (the individual's, Mẫu số 05, and the collective's).

Everything the system knows is filled from the data: the identity, unit and position; the years considered with
their ratings; the titles and forms of the award register; the initiatives with the decisions that recognised
them; discipline. The achievement narrative itself (section II) is what the unit writes — the candidate's
``achievements`` text on the proposal, or, where there is none, a paragraph marked for completion. Fields the
system does not keep (quê quán, trình độ…) print as dotted lines to fill in by hand.

The form numbers and titles are data (``data/achievement_forms.json``) with their source and confidence: the
numbering of the Appendix is not verified (legal brief §2.7 [U]).
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db.models import Q

from tdkt import vn
from tdkt.awards import catalogue
from tdkt.awards.enums import AwardKind
from tdkt.awards.models import AwardRecord, Candidate, Discipline, Initiative, PersonYear, UnitYear
from tdkt.documents.kinds.common import head_of, in_vietnamese, paragraphs, unit_issuer
from tdkt.documents.layout import Block, Column, Document, Heading, Paragraph, Row, Signer, Table
from tdkt.org.models import Person, Position, Unit

FORMS = Path(__file__).resolve().parent.parent / "data" / "achievement_forms.json"
BLANK = "……………………………………………"
BLANK_NAME = "……………………"
#: Printed where the unit has not yet written its achievements: the officer completes it in Word.
TO_COMPLETE = (
    "[Phần này do đơn vị viết: quyền hạn, nhiệm vụ được giao; kết quả đạt được trong thời gian đề nghị khen "
    "thưởng; các biện pháp, giải pháp công tác, đổi mới sáng tạo. Nội dung này chưa được nhập trong hệ thống.]"
)


@dataclass(frozen=True)
class ReportForm:
    """One form of the Appendix, as ``data/achievement_forms.json`` describes it."""

    number: str
    title: str
    subtitle: str
    source: str
    confidence: str
    note: str = ""


def report_form(kind: str) -> ReportForm:
    """The form of an individual's (``individual``) or a collective's (``collective``) report."""
    data = json.loads(FORMS.read_text(encoding="utf-8"))[kind]
    return ReportForm(**{key: data.get(key, "") for key in ReportForm.__dataclass_fields__})


def _years(year: int, award_code: str) -> list[int]:
    """The years of achievement the title or form looks at (its period, at least the year itself)."""
    span = max(1, catalogue.period_years(award_code))
    return list(range(year - span + 1, year + 1))


def _summary(award_code: str, year: int) -> str:
    name = catalogue.award_name(award_code)
    if catalogue.award_kind(award_code) == AwardKind.TITLE:
        return f"Đề nghị công nhận danh hiệu “{name}” năm {year}"
    return f"Đề nghị tặng {name}"


def _decision_text(record_or_decision: Any) -> str:
    decision = getattr(record_or_decision, "decision", record_or_decision)
    return f"Quyết định số {decision.reference} ngày {decision.signed_on:%d/%m/%Y} của {vn.clean(decision.issuer_name)}"


def _award_tables(records: Sequence[AwardRecord]) -> list[Block]:
    """Section III: titles, then forms, each a table of year, name and the decision (the form's columns)."""
    blocks: list[Block] = []
    for number, (kind, label, column) in enumerate(
        (
            (
                AwardKind.TITLE,
                "Danh hiệu thi đua",
                "Số, ngày, tháng, năm của quyết định công nhận; cơ quan ban hành",
            ),
            (
                AwardKind.FORM,
                "Hình thức khen thưởng",
                "Số, ngày, tháng, năm của quyết định khen thưởng; cơ quan ban hành",
            ),
        ),
        start=1,
    ):
        blocks.append(Heading(f"{number}. {label}", level=3))
        rows = [r for r in records if r.award_kind == kind]
        if not rows:
            blocks.append(Paragraph("Chưa có.", italic=True))
            continue
        blocks.append(
            Table(
                (Column("Năm", 22, "center"), Column(label, 60), Column(column, 83)),
                tuple(Row((r.period, r.award_name, _decision_text(r))) for r in rows),
                font_size=12,
            )
        )
    return blocks


def _narrative(achievements: str) -> list[Block]:
    written = paragraphs(achievements)
    return list(written) if written else [Paragraph(TO_COMPLETE, italic=True)]


def _standing_records(records: Any, year: int) -> list[AwardRecord]:
    return list(
        records.filter(year__lte=year, cancellation__isnull=True)
        .select_related("decision")
        .order_by("year", "decision__signed_on", "decision_id", "order")
    )


def _position_of(person: Person, day: datetime.date) -> str:
    position = (
        Position.objects.filter(person=person, start_date__lte=day)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
        .order_by("-start_date", "pk")
        .first()
    )
    return position.title if position is not None else ""


def _head_signer(unit: Unit, day: datetime.date, caption: str) -> Signer:
    """A head certifying the report: the caption of the form, the head's title, the name (dotted when unknown)."""
    head = head_of(unit, day)
    if head is None:
        return Signer(name=BLANK_NAME, position=caption)
    return Signer(name=head[1].full_name, position=f"{caption}\n{head[0]}")


def _slug(text: str) -> str:
    """ "dang-thi-anh-tuyet": a file name without marks."""
    return "-".join("".join(ch if ch.isalnum() else " " for ch in vn.fold(text)).split()) or "x"


def _line(label: str, value: str) -> Paragraph:
    # flush left: a justified line would stretch a short label and its dotted blank across the page
    return Paragraph(f" {vn.clean(value) or BLANK}", lead=f"- {label}:", indent=True, align="left")


# --- the individual's report ---------------------------------------------------------------------------------


@in_vietnamese
def individual_report(person: Person, *, year: int, award_code: str, achievements: str = "") -> Document:
    """The report of a person proposed for ``award_code`` for ``year`` (Mẫu số 05 of ND 152 [U numbering])."""
    form = report_form("individual")
    unit = person.unit
    day = datetime.date(year, 12, 31)
    years = _years(year, award_code)
    ratings = {
        py.year: py for py in PersonYear.objects.filter(person=person, year__in=years).select_related("unit")
    }
    initiatives = list(
        Initiative.objects.filter(person=person, year__in=years)
        .select_related("decision")
        .order_by("year", "pk")
    )
    first = datetime.date(years[0], 1, 1)
    disciplines = list(
        Discipline.objects.filter(person=person, start__lte=day)
        .filter(Q(end__isnull=True) | Q(end__gte=first))
        .order_by("start")
    )
    records = _standing_records(AwardRecord.objects.filter(person=person), year)
    birth = f"{person.date_of_birth:%d/%m/%Y}" if person.date_of_birth else ""
    body: list[Block] = [
        Paragraph(form.subtitle, italic=True, align="center", indent=False),
        Heading("I. SƠ LƯỢC LÝ LỊCH"),
        _line("Họ và tên", person.full_name),
        _line("Sinh ngày, tháng, năm", birth),
        _line("Giới tính", person.get_gender_display()),
        _line("Quê quán", ""),
        _line("Trú quán", ""),
        _line("Đơn vị công tác", unit.name),
        _line("Chức vụ (Đảng, chính quyền, đoàn thể)", _position_of(person, day)),
        _line("Trình độ chuyên môn, nghiệp vụ", ""),
        _line("Học hàm, học vị, danh hiệu, giải thưởng", ""),
        Heading("II. THÀNH TÍCH ĐẠT ĐƯỢC"),
        Heading("1. Quyền hạn, nhiệm vụ được giao và thành tích đạt được", level=3),
        *_narrative(achievements),
        Heading("2. Kết quả đánh giá, xếp loại", level=3),
        Table(
            (
                Column("Năm", 22, "center"),
                Column("Kết quả đánh giá, xếp loại", 83),
                Column("Đơn vị đánh giá", 60),
            ),
            tuple(
                Row(
                    (
                        str(y),
                        ratings[y].get_rating_display() if y in ratings and ratings[y].rating else "Chưa có",
                        ratings[y].unit.name if y in ratings else "",
                    )
                )
                for y in years
            ),
            font_size=12,
        ),
        Heading("3. Sáng kiến, đề tài khoa học", level=3),
    ]
    if initiatives:
        body.append(
            Table(
                (
                    Column("Năm", 18, "center"),
                    Column("Tên sáng kiến, đề tài", 62),
                    Column("Phạm vi ảnh hưởng", 30),
                    Column("Quyết định công nhận", 55),
                ),
                tuple(
                    Row((str(i.year), i.title, i.get_scope_display(), _decision_text(i.decision)))
                    for i in initiatives
                ),
                font_size=12,
            )
        )
    else:
        body.append(
            Paragraph("Không có sáng kiến được công nhận trong thời gian đề nghị khen thưởng.", italic=True)
        )
    body.append(Heading("4. Kỷ luật", level=3))
    if disciplines:
        body.extend(
            Paragraph(
                f"- {d.get_level_display()} từ ngày {d.start:%d/%m/%Y}"
                + (f" đến ngày {d.end:%d/%m/%Y}" if d.end else "")
                + (f" ({d.decision_ref})" if d.decision_ref else "")
            )
            for d in disciplines
        )
    else:
        body.append(Paragraph("Không bị kỷ luật trong thời gian đề nghị khen thưởng."))
    body.append(Heading("III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG"))
    body.extend(_award_tables(records))
    return Document(
        issuer=unit_issuer(unit),
        type_code="BC",
        type_name="BÁO CÁO THÀNH TÍCH",
        summary=_summary(award_code, year),
        date=None,
        place=unit.province.place_name,
        show_number=False,
        body=tuple(body),
        signers=(
            _head_signer(unit, day, "Thủ trưởng đơn vị xác nhận, đề nghị"),
            Signer(name=person.full_name, position="Người báo cáo thành tích"),
        ),
        slug=f"bao-cao-thanh-tich-{_slug(person.full_name)}-{year}",
        meta={"form": form.number, "form_confidence": form.confidence, "form_source": form.source},
    )


# --- the collective's report ---------------------------------------------------------------------------------


@in_vietnamese
def collective_report(unit: Unit, *, year: int, award_code: str, achievements: str = "") -> Document:
    """The report of a collective proposed for ``award_code`` for ``year`` (the ND 152 collective form)."""
    form = report_form("collective")
    day = datetime.date(year, 12, 31)
    years = _years(year, award_code)
    ratings = {uy.year: uy for uy in UnitYear.objects.filter(unit=unit, year__in=years)}
    staff = PersonYear.objects.filter(unit=unit, year=year).count()
    records = _standing_records(AwardRecord.objects.filter(unit=unit), year)
    body: list[Block] = [
        Paragraph(form.subtitle, italic=True, align="center", indent=False),
        _line("Tên tập thể đề nghị", unit.name),
        Heading("I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH"),
        _line("Địa chỉ trụ sở", unit.address),
        _line("Thư điện tử", unit.email),
        _line("Cơ quan cấp trên trực tiếp", unit.parent.name if unit.parent is not None else ""),
        _line("Số người được đánh giá, xếp loại năm " + str(year), str(staff) if staff else ""),
        _line("Quá trình thành lập, chức năng, nhiệm vụ", ""),
        Heading("II. THÀNH TÍCH ĐẠT ĐƯỢC"),
        Heading("1. Kết quả thực hiện nhiệm vụ và các biện pháp đạt được thành tích", level=3),
        *_narrative(achievements),
        Heading("2. Kết quả đánh giá, xếp loại của tập thể", level=3),
        Table(
            (Column("Năm", 25, "center"), Column("Kết quả đánh giá, xếp loại", 140)),
            tuple(
                Row((str(y), ratings[y].get_rating_display() if y in ratings else "Chưa có")) for y in years
            ),
            font_size=12,
        ),
        Heading("III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG"),
        *_award_tables(records),
    ]
    signers = [_head_signer(unit, day, "Thủ trưởng đơn vị")]
    if unit.parent is not None:
        signers.insert(0, _head_signer(unit.parent, day, "Xác nhận của thủ trưởng đơn vị cấp trên trực tiếp"))
    return Document(
        issuer=unit_issuer(unit),
        type_code="BC",
        type_name="BÁO CÁO THÀNH TÍCH",
        summary=_summary(award_code, year),
        date=None,
        place=unit.province.place_name,
        show_number=False,
        body=tuple(body),
        signers=tuple(signers),
        slug=f"bao-cao-thanh-tich-{_slug(unit.abbreviation or unit.name)}-{year}",
        meta={"form": form.number, "form_confidence": form.confidence, "form_source": form.source},
    )


def candidate_report(candidate: Candidate) -> Document:
    """The report of a candidate of a proposal, with the narrative the unit wrote for it."""
    proposal = candidate.proposal
    if candidate.person is not None:
        return individual_report(
            candidate.person,
            year=proposal.year,
            award_code=proposal.award_code,
            achievements=candidate.achievements,
        )
    assert candidate.unit is not None
    return collective_report(
        candidate.unit,
        year=proposal.year,
        award_code=proposal.award_code,
        achievements=candidate.achievements,
    )
