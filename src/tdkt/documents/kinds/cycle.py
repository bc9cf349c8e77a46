"""The documents of a block's year, filled from the data the cycle apps keep: the pledge with its scoring table,
the invitation to a conference, its minutes, and the block's six-month or year-end report.

The callers (views, jobs, ``tdkt render-samples``) fetch the objects through the apps' ``*_for_user`` queries; the
builders here read only what belongs to the object they are given.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt import vn
from tdkt.documents.enums import DocumentType
from tdkt.documents.kinds.common import (
    balanced_lines,
    block_issuer,
    head_of,
    head_unit,
    in_vietnamese,
    join_names,
    paragraphs,
    unit_issuer,
)
from tdkt.documents.layout import (
    Authority,
    Block,
    Column,
    Document,
    Heading,
    Issuer,
    Paragraph,
    Row,
    RowKind,
    Signer,
    Table,
)
from tdkt.emulation.models import Pledge
from tdkt.emulation.queries import signing_board, table_snapshot, versions_of
from tdkt.emulation.scoring import format_points, outline
from tdkt.meetings.enums import Attendance, AttendeeRole, MeetingKind, MinutesState
from tdkt.meetings.models import Meeting
from tdkt.meetings.queries import agenda_of, attendance_summary, attendees_of, invited_units_of
from tdkt.org.enums import BlockKind
from tdkt.org.models import EmulationBlock, Unit
from tdkt.reports.models import BlockReport, BlockReportVersion
from tdkt.reports.queries import version_figures, version_sections

WEEKDAYS = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")
BLANK_NAME = "……………………"
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def _local_date(moment: datetime.datetime | None) -> datetime.date | None:
    return timezone.localdate(moment) if moment is not None else None


def _when(moment: datetime.datetime) -> str:
    """ "08 giờ 00, thứ Tư, ngày 17 tháng 6 năm 2020"."""
    local = timezone.localtime(moment)
    return f"{local:%H} giờ {local:%M}, {WEEKDAYS[local.weekday()]}, {vn.date_in_words(local.date())}"


def _block_head_signer(block: EmulationBlock, year: int, day: datetime.date) -> Signer:
    """ "TM. KHỐI THI ĐUA / KHỐI TRƯỞNG", signed by the head of the year's head unit."""
    unit = head_unit(block, year)
    head = head_of(unit, day) if unit is not None else None
    name = head[1].full_name if head is not None else BLANK_NAME
    head_title = "CỤM TRƯỞNG" if block.kind == BlockKind.CLUSTER else "KHỐI TRƯỞNG"
    return Signer(name=name, position=head_title, authority=((Authority.TM, _kind_name(block)),))


def _kind_name(block: EmulationBlock) -> str:
    """ "Khối thi đua" / "Cụm thi đua" — fixed Vietnamese, whatever the reader's interface language."""
    return "Cụm thi đua" if block.kind == BlockKind.CLUSTER else "Khối thi đua"


def _oversight(block: EmulationBlock) -> tuple[str, ...]:
    return (
        "Hội đồng Thi đua - Khen thưởng tỉnh (để báo cáo)",
        "Sở Nội vụ (Phòng Thi đua, khen thưởng)",
        "Các đơn vị thành viên " + _kind_name(block),
        "Lưu: VT",
    )


# --- Giao ước thi đua ---------------------------------------------------------------------------------------------


def _scoring_blocks(snapshot: dict[str, Any]) -> list[Block]:
    rows = []
    total = 0.0
    for row in outline(snapshot.get("criteria") or []):
        kind = RowKind.STRONG if row.depth == 1 else RowKind.NORMAL
        name = row.name + (f"\n({row.guidance})" if row.guidance else "")
        rows.append(Row((row.code, name, format_points(row.max_points)), kind))
        if row.depth == 1:
            total += float(row.max_points or 0)
    rows.append(Row(("", "Tổng cộng", format_points(str(total))), RowKind.TOTAL))
    blocks: list[Block] = [
        Table(
            (
                Column("TT", 15, "center"),
                Column("Nội dung tiêu chí", 120),
                Column("Điểm tối đa", 30, "center"),
            ),
            tuple(rows),
        )
    ]
    for key, cap_key, title in (
        ("bonus_items", "bonus_cap", "Điểm thưởng"),
        ("penalty_items", "penalty_cap", "Điểm trừ"),
    ):
        items = snapshot.get(key) or []
        if not items:
            continue
        blocks.append(
            Heading(f"{title} (tổng tối đa {format_points(snapshot.get(cap_key) or '0')} điểm)", level=3)
        )
        blocks.append(
            Table(
                (
                    Column("TT", 15, "center"),
                    Column("Nội dung", 96),
                    Column("Điểm mỗi lần", 27, "center"),
                    Column("Tối đa", 27, "center"),
                ),
                tuple(
                    Row((str(i["code"]), str(i["name"]), format_points(i["points"]), format_points(i["cap"])))
                    for i in items
                ),
            )
        )
    return blocks


@in_vietnamese
def pledge_document(pledge: Pledge) -> Document:
    """Giao ước thi đua of a block for a year: the targets, the scoring table as signed (the latest saved version
    once the pledge left the draft; the current table while it is a draft) and each member unit's signature."""
    block = pledge.block
    signed_version = None if pledge.is_draft else versions_of(pledge.table).first()
    snapshot = signed_version.snapshot if signed_version is not None else table_snapshot(pledge.table)
    board = signing_board(pledge)
    signed_days = [row.signature.signed_at for row in board if row.signature is not None]
    moment = pledge.locked_at or (max(signed_days) if signed_days and pledge.is_locked else None)
    day = _local_date(moment)
    body: list[Block] = [
        Paragraph(
            f"Thực hiện phong trào thi đua năm {pledge.year}, các đơn vị thành viên {block.name} thống nhất ký "
            f"kết giao ước thi đua năm {pledge.year} với những nội dung sau:"
        ),
        Heading("I. CHỈ TIÊU, NHIỆM VỤ THI ĐUA"),
        *(paragraphs(pledge.targets) or [Paragraph("(Chưa nhập chỉ tiêu.)", italic=True)]),
        Heading("II. TIÊU CHÍ VÀ THANG ĐIỂM CHẤM ĐIỂM THI ĐUA"),
        *_scoring_blocks(snapshot),
        Heading("III. TỔ CHỨC THỰC HIỆN"),
        Paragraph(
            "Các đơn vị thành viên cam kết tổ chức thực hiện tốt các nội dung giao ước; Khối trưởng theo dõi, tổng "
            "hợp kết quả, chấm điểm và báo cáo Hội đồng Thi đua - Khen thưởng tỉnh theo quy định./."
        ),
        Paragraph("ĐẠI DIỆN CÁC ĐƠN VỊ THÀNH VIÊN KÝ KẾT", bold=True, align="center", indent=False),
    ]
    reference_day = day or datetime.date(pledge.year, 1, 1)
    signers = []
    for row in board:
        head = head_of(row.unit, reference_day)
        title = head[0] if head is not None else "Thủ trưởng đơn vị"
        if row.signature is not None and row.signature.signer_name:
            name = row.signature.signer_name
        else:
            name = head[1].full_name if head is not None else BLANK_NAME
        signers.append(Signer(name=name, position=f"{row.unit.name}\n{title}"))
    return Document(
        issuer=block_issuer(block),
        type_code="",
        type_name="GIAO ƯỚC THI ĐUA",
        summary=f"Năm {pledge.year}",
        date=day,
        place=block.province.place_name,
        show_number=False,
        body=tuple(body),
        signers=tuple(signers),
        recipients=(*_oversight(block)[:2], "Lưu: VT"),
        draft=not pledge.is_locked,
        slug=f"giao-uoc-thi-dua-{pledge.year}",
    )


# --- Giấy mời và Biên bản hội nghị -----------------------------------------------------------------------------


def _council_issuer(meeting: Meeting) -> Issuer:
    province = meeting.host_unit.province
    return Issuer(
        name=balanced_lines("HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG TỈNH"),
        code="HĐTĐKT",
        parent=f"UBND {vn.clean(province.name).upper()}",
    )


def _host_signer(unit: Unit, day: datetime.date, meeting: Meeting) -> Signer:
    head = head_of(unit, day)
    if head is not None:
        return Signer(name=head[1].full_name, position=head[0])
    if meeting.chair is not None:
        return Signer(name=meeting.chair.full_name, position=(meeting.chair_title or "").split(",")[0])
    raise ValidationError(_("Chưa xác định được người ký giấy mời: đơn vị chủ trì chưa có thủ trưởng."))


@in_vietnamese
def invitation_document(meeting: Meeting) -> Document:
    """Giấy mời (ND 30 Mẫu 1.7) to a conference: who is invited, when, where, the programme."""
    host = meeting.host_unit
    day = _local_date(meeting.invitations_sent_at)
    heading = host.name
    if meeting.block is not None and head_unit(meeting.block, meeting.year) == host:
        heading = f"{host.name}, Khối trưởng {meeting.block.name} năm {meeting.year}"
    units = list(invited_units_of(meeting))
    council = [a for a in attendees_of(meeting) if a.role == AttendeeRole.COUNCIL_MEMBER]
    body: list[Block] = [Paragraph(f"{heading} trân trọng kính mời:")]
    if council:
        names = join_names(
            f"Đồng chí {a.full_name}, {a.position_title}" if a.position_title else a.full_name
            for a in council
        )
        body.append(Paragraph(f"- {names};", indent=True))
    if units:
        body.append(
            Paragraph(
                "- Lãnh đạo và cán bộ phụ trách công tác thi đua, khen thưởng của các đơn vị: "
                + join_names(u.name for u in units)
                + "."
            )
        )
    body.append(Paragraph(f"Tới dự {meeting.title}.", indent=True))
    body.append(Paragraph(_when(meeting.starts_at) + ".", lead="Thời gian:"))
    body.append(Paragraph(vn.clean(meeting.venue) + ".", lead="Địa điểm:"))
    agenda = list(agenda_of(meeting))
    if agenda:
        body.append(Paragraph("", lead="Nội dung:"))
        body.extend(Paragraph(f"{i}. {item.title}.", indent=True) for i, item in enumerate(agenda, start=1))
    body.append(Paragraph("Rất mong các đồng chí quan tâm, tham dự đúng thời gian và thành phần./."))
    return Document(
        issuer=unit_issuer(host),
        type_code=DocumentType.GIAY_MOI.value,
        type_name="GIẤY MỜI",
        summary=f"Dự {meeting.title}",
        date=day,
        place=host.province.place_name,
        body=tuple(body),
        signers=(_host_signer(host, meeting.date, meeting),),
        recipients=("Như thành phần mời", "Lưu: VT"),
        draft=meeting.invitations_sent_at is None,
        slug="giay-moi",
    )


@in_vietnamese
def minutes_document(meeting: Meeting) -> Document:
    """Biên bản hội nghị (ND 30 Mẫu 1.9): time, place, chair, secretary, who attended, the programme and the text
    of the minutes; signed by the secretary and the chair."""
    minutes = meeting.current_minutes
    if minutes is None:
        raise ValidationError(_("Hội nghị chưa có biên bản."))
    lines = [line for line in (vn.clean(raw) for raw in minutes.body.splitlines())]
    outline_kept = bool(lines) and lines[0].upper() == "BIÊN BẢN"
    body: list[Block] = []
    if outline_kept:
        # The secretary kept the outline the system drafted: it already says when, where and who.
        rest = [line for line in lines[1:] if line and line != vn.clean(meeting.title)]
        for line in rest:
            if line.isupper():
                body.append(Heading(line))
            else:
                body.append(Paragraph(line, indent=not line.startswith("-")))
    else:
        attendees = list(attendees_of(meeting))
        summary = attendance_summary(attendees)
        body.append(Paragraph(_when(meeting.starts_at) + ".", lead="Thời gian:"))
        body.append(Paragraph(vn.clean(meeting.venue) + ".", lead="Địa điểm:"))
        if meeting.chair is not None:
            chair = meeting.chair.full_name + (f", {meeting.chair_title}" if meeting.chair_title else "")
            body.append(Paragraph(chair + ".", lead="Chủ trì:"))
        if meeting.secretary is not None:
            body.append(Paragraph(meeting.secretary.full_name + ".", lead="Thư ký:"))
        body.append(Paragraph((summary.counts() or "không ghi nhận") + ".", lead="Thành phần tham dự:"))
        for attendee in attendees:
            if attendee.status != Attendance.PRESENT:
                continue
            unit = "" if attendee.role == AttendeeRole.COUNCIL_MEMBER else attendee.unit_name
            details = ", ".join(part for part in (attendee.position_title, unit) if part)
            body.append(Paragraph(f"- {attendee.full_name}" + (f", {details}" if details else "") + ";"))
        agenda = list(agenda_of(meeting))
        if agenda:
            body.append(Heading("I. CHƯƠNG TRÌNH HỘI NGHỊ"))
            body.extend(Paragraph(f"{i}. {item.title}.") for i, item in enumerate(agenda, start=1))
        body.append(Heading("II. NỘI DUNG HỘI NGHỊ" if agenda else "NỘI DUNG HỘI NGHỊ"))
        body.extend(paragraphs(minutes.body))
    if meeting.ends_at is not None:
        end = timezone.localtime(meeting.ends_at)
        body.append(Paragraph(f"Hội nghị kết thúc vào lúc {end:%H} giờ {end:%M} cùng ngày./."))
    else:
        body.append(Paragraph("Biên bản được thông qua tại Hội nghị và các bên thống nhất ký tên./."))
    signers = []
    if meeting.secretary is not None:
        signers.append(Signer(name=meeting.secretary.full_name, position="THƯ KÝ"))
    if meeting.chair is not None:
        signers.append(Signer(name=meeting.chair.full_name, position="CHỦ TRÌ"))
    if meeting.block is None or meeting.kind == MeetingKind.COUNCIL_SESSION:
        issuer = _council_issuer(meeting)
        recipients: tuple[str, ...] = ("Thành viên Hội đồng", "Lưu: VT")
    else:
        issuer = block_issuer(meeting.block)
        recipients = ("Các đơn vị thành viên Khối", "Lưu: VT")
    return Document(
        issuer=issuer,
        type_code=DocumentType.BIEN_BAN.value,
        type_name="BIÊN BẢN",
        summary=meeting.title,
        date=meeting.date,
        place=meeting.host_unit.province.place_name,
        body=tuple(body),
        signers=tuple(signers),
        recipients=recipients,
        draft=minutes.state == MinutesState.DRAFT,
        slug="bien-ban-hoi-nghi",
    )


# --- Báo cáo sơ kết / tổng kết ---------------------------------------------------------------------------------


@in_vietnamese
def block_report_document(report: BlockReport, version: BlockReportVersion) -> Document:
    """Báo cáo sơ kết (6 months) or tổng kết (year) of a block (ND 30 Mẫu 1.4): each section of the template
    under its Roman-numbered heading, the figures added up from the units' reports, signed by the block head."""
    template = report.template
    block = template.block
    moment = report.finalised_at if report.final_version_id == version.pk else version.created_at
    day = _local_date(moment) or datetime.date.today()
    body: list[Block] = []
    sections = version_sections(version)
    for i, view in enumerate(sections):
        body.append(Heading(f"{ROMAN[i % len(ROMAN)]}. {view.section.title.upper()}"))
        body.extend(paragraphs(view.text) or [Paragraph("(Chưa có nội dung.)", italic=True)])
    figures = version_figures(version)
    if figures:
        body.append(Heading(f"{ROMAN[len(sections) % len(ROMAN)]}. SỐ LIỆU TỔNG HỢP"))
        body.append(
            Table(
                (
                    Column("STT", 13, "center"),
                    Column("Chỉ tiêu", 100),
                    Column("Tổng số", 25, "center"),
                    Column("Số đơn vị báo cáo", 27, "center"),
                ),
                tuple(
                    Row((str(i), f.indicator.name, f"{f.value:,}".replace(",", "."), str(f.unit_count)))
                    for i, f in enumerate(figures, start=1)
                ),
            )
        )
    body.append(Paragraph(f"Trên đây là {template.title[0].lower()}{template.title[1:]} của {block.name}./."))
    period = template.period_label
    return Document(
        issuer=block_issuer(block),
        type_code=DocumentType.BAO_CAO.value,
        type_name="BÁO CÁO",
        summary=f"Kết quả thực hiện phong trào thi đua, công tác khen thưởng {period}",
        date=day,
        place=block.province.place_name,
        body=tuple(body),
        signers=(_block_head_signer(block, template.year, day),),
        recipients=_oversight(block),
        draft=not (report.is_final and report.final_version_id == version.pk),
        slug=f"bao-cao-{template.period}-{template.year}",
    )
