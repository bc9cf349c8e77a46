"""Excel workbooks (openpyxl) laid out as officials print their lists: a title block, Vietnamese headers repeated
on every printed page, Times New Roman, thin borders, A4 landscape fitted to the page width.

:func:`workbook` takes plain rows, already visible to the user and in order; :func:`registrations_workbook` is the
registrations of a year as :func:`tdkt.emulation.queries.registration_export_rows` gives them to that user (the same
visibility as the pages), by unit then person in Vietnamese alphabetical order.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from tdkt.documents.layout import DEFAULT_FONT
from tdkt.emulation.queries import registration_export_rows

THIN = Side(style="thin")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


@dataclass(frozen=True)
class SheetColumn:
    title: str
    width: float  # Excel character widths
    wrap: bool = True


@dataclass(frozen=True)
class Sheet:
    name: str  # the tab's name (31 characters at most)
    title: str  # the upper-case title above the table
    columns: Sequence[SheetColumn]
    rows: Iterable[Sequence[Any]]
    subtitle: str = ""
    number_rows: bool = True  # a first "STT" column numbered 1, 2, 3…


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
    for number, row in enumerate(spec.rows, start=1):
        values = [number, *row] if spec.number_rows else list(row)
        for index, (value, column) in enumerate(zip(values, columns, strict=True), start=1):
            cell = sheet.cell(row=header_row + number, column=index, value=value)
            cell.font = body_font
            cell.border = BORDER
            cell.alignment = Alignment(
                vertical="top",
                wrap_text=column.wrap,
                horizontal="center" if index == 1 and spec.number_rows else None,
            )
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


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
