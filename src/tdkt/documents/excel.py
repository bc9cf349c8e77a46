"""Excel workbooks (openpyxl) laid out as officials print their lists: a title block, Vietnamese headers repeated
on every printed page and frozen on screen, Times New Roman, thin borders, money as "#,##0", A4 landscape fitted
to the page width.

:func:`workbook` takes plain rows, already visible to the user; the exports build them from the same queries as
their pages, in Vietnamese collation (people by tên, họ, đệm; units and titles by :func:`tdkt.vn.sort_key`):

* :func:`registrations_workbook`: a year's registrations (:func:`tdkt.emulation.queries.registration_export_rows`);
* :func:`round_scores_workbook` and :func:`ranking_workbook`: a closed scoring round's points per criterion and
  unit (self, cross, agreed, final) and its ranking (:mod:`tdkt.scoring.queries`);
* :func:`decision_workbook`: a decision's list of recipients with their bonus and the total;
* :func:`register_workbook`: the award register as :func:`tdkt.awards.queries.search_register` gives it;
* the statutory statistics form (:mod:`tdkt.documents.statistics`).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Case, QuerySet, Value, When
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from tdkt import vn
from tdkt.awards.models import AwardRecord, Decision
from tdkt.awards.queries import records_of
from tdkt.documents.layout import DEFAULT_FONT
from tdkt.emulation.queries import registration_export_rows
from tdkt.scoring.models import ScoringRound
from tdkt.scoring.queries import breakdown, final_scores_for_user, ranking_for_user, table_rows

THIN = Side(style="thin")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


MONEY = "#,##0"
POINTS = "0.00"


@dataclass(frozen=True)
class SheetColumn:
    title: str
    width: float  # Excel character widths
    wrap: bool = True
    number_format: str = ""  # MONEY, POINTS… ("" leaves Excel's General)


@dataclass(frozen=True)
class Sheet:
    name: str  # the tab's name (31 characters at most)
    title: str  # the upper-case title above the table
    columns: Sequence[SheetColumn]
    rows: Iterable[Sequence[Any]]
    subtitle: str = ""
    number_rows: bool = True  # a first "STT" column numbered 1, 2, 3…
    #: A bold last row ("Tổng cộng" and the sums), without a number.
    total: Sequence[Any] | None = None
    #: Lines under the table (notes, sources), in italics.
    notes: Sequence[str] = ()


def _font(size: float = 12, bold: bool = False, italic: bool = False) -> Font:
    return Font(name=DEFAULT_FONT, size=size, bold=bold, italic=italic)


def _write(sheet: Worksheet, spec: Sheet) -> None:
    columns = ([SheetColumn("STT", 6, False)] if spec.number_rows else []) + list(spec.columns)
    width = len(columns)
    sheet.title = spec.name[:31]
    sheet.cell(row=1, column=1, value=spec.title).font = _font(14, bold=True)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    sheet.cell(row=1, column=1).alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    header_row = 3
    if spec.subtitle:
        sheet.cell(row=2, column=1, value=spec.subtitle).font = _font(12, italic=True)
        sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
        sheet.cell(row=2, column=1).alignment = Alignment(horizontal="center")
        header_row = 4
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=header_row, column=index, value=column.title)
        cell.font = _font(12, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = BORDER
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    body_font = _font(12)
    number = 0
    for number, row in enumerate(spec.rows, start=1):
        values = [number, *row] if spec.number_rows else list(row)
        _row(sheet, header_row + number, values, columns, body_font, spec.number_rows)
    last = header_row + number
    if spec.total is not None:
        last += 1
        values = ["", *spec.total] if spec.number_rows else list(spec.total)
        _row(sheet, last, values, columns, _font(12, bold=True), False)
    for offset, note in enumerate(spec.notes, start=2):
        sheet.cell(row=last + offset, column=1, value=note).font = _font(11, italic=True)
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _row(
    sheet: Worksheet,
    at: int,
    values: Sequence[Any],
    columns: Sequence[SheetColumn],
    font: Font,
    numbered: bool,
) -> None:
    for index, (value, column) in enumerate(zip(values, columns, strict=True), start=1):
        cell = sheet.cell(row=at, column=index, value=value)
        cell.font = font
        cell.border = BORDER
        if column.number_format and isinstance(value, (int, float, Decimal)):
            cell.number_format = column.number_format
        cell.alignment = Alignment(
            vertical="top",
            wrap_text=column.wrap,
            horizontal="center" if index == 1 and numbered else None,
        )


def workbook(*sheets: Sheet) -> bytes:
    book = Workbook()
    first = book.active
    assert first is not None
    for i, spec in enumerate(sheets):
        _write(first if i == 0 else book.create_sheet(), spec)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def registrations_workbook(user: Any, year: int) -> bytes:
    """The year's registrations the user may see, one line per unit (its collective titles) and per person."""
    rows = registration_export_rows(user, year)
    return workbook(
        Sheet(
            name=f"Đăng ký thi đua {year}",
            title=f"DANH SÁCH ĐĂNG KÝ THI ĐUA NĂM {year}",
            subtitle=f"(Gồm {len({r.unit for r in rows})} đơn vị, {sum(1 for r in rows if r.person)} cá nhân)",
            columns=(
                SheetColumn("Đơn vị", 45),
                SheetColumn("Đối tượng", 12),
                SheetColumn("Họ và tên", 30),
                SheetColumn("Danh hiệu đăng ký", 50),
                SheetColumn("Trạng thái", 20),
            ),
            rows=[(r.unit, r.subject, r.person, r.titles, r.status) for r in rows],
        )
    )


# --- scoring --------------------------------------------------------------------------------------------------


def _points(value: Decimal | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def round_scores_workbook(user: Any, scoring_round: ScoringRound) -> bytes:
    """A closed round's points: criterion × unit (the final points), then each unit's lines with the self
    points, the cross-scoring mean, the points agreed at reconciliation and the points counted. Only the units
    whose breakdown the user may read (:func:`tdkt.scoring.queries.final_scores_for_user`), in Vietnamese
    order; the scorers are not named."""
    rows = table_rows(scoring_round)
    finals = sorted(
        final_scores_for_user(user).filter(round=scoring_round).select_related("unit"),
        key=lambda final: vn.sort_key(final.unit.name),
    )
    explained = [breakdown(final, rows, named=False) for final in finals]
    block, year = scoring_round.pledge.block, scoring_round.pledge.year
    units = [SheetColumn(item.final.unit.display_name, 14, number_format=POINTS) for item in explained]
    matrix_rows = []
    for index, row in enumerate(rows):
        if not row.takes_points and row.depth != 1:
            continue
        values = [item.lines[index].final for item in explained]
        matrix_rows.append([row.code, row.name, _points(row.maximum) if row.takes_points else None, *values])
    matrix = Sheet(
        name="Điểm theo tiêu chí",
        title=f"BẢNG TỔNG HỢP ĐIỂM THI ĐUA NĂM {year}",
        subtitle=f"({block.name})",
        columns=(
            SheetColumn("Mã", 8),
            SheetColumn("Tiêu chí", 50),
            SheetColumn("Điểm tối đa", 10, number_format=POINTS),
            *units,
        ),
        rows=matrix_rows,
        number_rows=False,
        total=["", "Tổng điểm", None, *[item.final.total for item in explained]],
    )
    detail_rows = []
    for item in explained:
        for line in item.lines:
            if not line.row.takes_points:
                continue
            detail_rows.append(
                [
                    item.final.unit.name,
                    line.row.code,
                    line.row.name,
                    _points(line.row.maximum),
                    line.self_points,
                    line.peer_part,
                    line.agreed,
                    line.final,
                ]
            )
    detail = Sheet(
        name="Chi tiết",
        title=f"ĐIỂM TỰ CHẤM, CHẤM CHÉO VÀ ĐIỂM THỐNG NHẤT NĂM {year}",
        subtitle=f"({block.name})",
        columns=(
            SheetColumn("Đơn vị", 36),
            SheetColumn("Mã", 8),
            SheetColumn("Tiêu chí", 45),
            SheetColumn("Điểm tối đa", 10, number_format=POINTS),
            SheetColumn("Tự chấm", 10, number_format=POINTS),
            SheetColumn("Chấm chéo (bình quân)", 13, number_format=POINTS),
            SheetColumn("Thống nhất khi đối chiếu", 13, number_format=POINTS),
            SheetColumn("Điểm tính", 10, number_format=POINTS),
        ),
        rows=detail_rows,
    )
    return workbook(matrix, detail)


def ranking_workbook(user: Any, scoring_round: ScoringRound) -> bytes:
    """A closed round's ranking as the ranking page shows it to the user (ties share a rank, Vietnamese order)."""
    ranked = ranking_for_user(user, scoring_round)
    block, year = scoring_round.pledge.block, scoring_round.pledge.year
    return workbook(
        Sheet(
            name=f"Xếp hạng {year}",
            title=f"KẾT QUẢ XẾP HẠNG THI ĐUA NĂM {year}",
            subtitle=f"({block.name})",
            columns=(
                SheetColumn("Xếp hạng", 10),
                SheetColumn("Đơn vị", 50),
                SheetColumn("Tổng điểm", 12, number_format=POINTS),
                SheetColumn("Ghi chú", 40),
            ),
            rows=[
                [
                    entry.rank,
                    entry.unit.name,
                    entry.final_score,
                    ("Đồng hạng" if entry.tied else "")
                    + (f"Xếp trên nhờ: {entry.decided_by_label}" if entry.decided_by else ""),
                ]
                for entry in ranked
            ],
        )
    )


# --- awards ---------------------------------------------------------------------------------------------------


def _subject_key(record: AwardRecord) -> tuple[int, Any]:
    """Collectives first (by name), then people by tên, họ, đệm — each in Vietnamese collation."""
    if record.unit_id is not None:
        return (0, (vn.sort_key(record.subject_name),))
    return (1, vn.name_sort_key(record.subject_name))


def decision_workbook(decision: Decision) -> bytes:
    """A decision's list: who received which title or form, the coefficient, the base salary and the bonus,
    with the total of the entries that stand (a cancelled entry is listed, marked, and not added)."""
    records = sorted(records_of(decision), key=lambda r: (_subject_key(r), r.order))
    standing = [r for r in records if not hasattr(r, "cancellation")]
    total = sum(r.bonus or 0 for r in standing)
    return workbook(
        Sheet(
            name=decision.reference.replace("/", "-"),
            title=f"DANH SÁCH KHEN THƯỞNG KÈM THEO QUYẾT ĐỊNH SỐ {decision.reference}",
            subtitle=f"(ngày {decision.signed_on:%d/%m/%Y} của {decision.issuer_name})",
            columns=(
                SheetColumn("Họ và tên, tập thể", 32),
                SheetColumn("Đơn vị", 34),
                SheetColumn("Danh hiệu, hình thức", 30),
                SheetColumn("Năm", 10),
                SheetColumn("Hệ số", 8, number_format="0.0#"),
                SheetColumn("Mức lương cơ sở (đồng)", 14, number_format=MONEY),
                SheetColumn("Tiền thưởng (đồng)", 16, number_format=MONEY),
                SheetColumn("Ghi chú", 30),
            ),
            rows=[
                [
                    r.subject_name,
                    r.unit_name,
                    r.award_name,
                    r.period,
                    r.coefficient,
                    r.base_salary,
                    r.bonus,
                    f"Đã hủy bỏ theo Quyết định số {r.cancellation.decision.reference}"
                    if hasattr(r, "cancellation")
                    else r.bonus_note,
                ]
                for r in records
            ],
            total=["Tổng cộng", f"{len(standing)} trường hợp", "", "", None, None, total, ""],
            notes=(f"Bằng chữ: {vn.amount_in_words(total)}",) if total else (),
        )
    )


def register_order(records: QuerySet[AwardRecord]) -> QuerySet[AwardRecord]:
    """People by tên, họ, đệm, then collectives by name (Vietnamese collation keys of the database); each
    subject's awards newest first."""
    collective = Case(When(unit__isnull=False, then=Value(1)), default=Value(0))
    return records.annotate(collective=collective).order_by(
        "collective",
        "person__name_sort",
        "unit__name_sort",
        "-year",
        "decision__signed_on",
        "decision_id",
        "order",
    )


REGISTER_COLUMNS = (
    SheetColumn("Họ và tên, tập thể", 30),
    SheetColumn("Đơn vị", 36),
    SheetColumn("Danh hiệu, hình thức", 34),
    SheetColumn("Năm", 10),
    SheetColumn("Số, ký hiệu quyết định", 24),
    SheetColumn("Ngày ký", 12),
    SheetColumn("Cơ quan ban hành", 36),
    SheetColumn("Tiền thưởng (đồng)", 16, number_format=MONEY),
)


def register_workbook(records: QuerySet[AwardRecord]) -> bytes:
    """The award register entries given (already the user's, filtered as on the register page)."""
    rows = []
    total = 0
    for record in register_order(records).select_related("decision"):
        decision = record.decision
        total += record.bonus or 0
        rows.append(
            [
                record.subject_name,
                record.unit_name,
                record.award_name,
                record.period,
                decision.reference,
                decision.signed_on.strftime("%d/%m/%Y"),
                decision.issuer_name,
                record.bonus,
            ]
        )
    return workbook(
        Sheet(
            name="Sổ khen thưởng",
            title="SỔ KHEN THƯỞNG",
            subtitle=f"({len(rows)} mục)",
            columns=REGISTER_COLUMNS,
            rows=rows,
            total=["Tổng cộng", "", "", "", "", "", "", total],
        )
    )
