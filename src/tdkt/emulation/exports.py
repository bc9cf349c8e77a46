"""The registrations of a user's scope as an Excel workbook (openpyxl). The rows come from
:func:`tdkt.emulation.queries.registration_export_rows`, so the export shows exactly what the pages show."""

from __future__ import annotations

import io
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from tdkt.emulation.queries import registration_export_rows

HEADER_ROW = 3
COLUMN_WIDTHS = (6, 45, 12, 30, 50, 20)


def registration_headers() -> list[str]:
    return [_("STT"), _("Đơn vị"), _("Đối tượng"), _("Họ và tên"), _("Danh hiệu đăng ký"), _("Trạng thái")]


def registrations_workbook(user: Any, year: int) -> bytes:
    """One sheet: a title, the Vietnamese headers on row 3, then one row per unit and per person."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _("Đăng ký thi đua %(year)s") % {"year": year}
    headers = registration_headers()
    sheet.cell(row=1, column=1, value=_("DANH SÁCH ĐĂNG KÝ THI ĐUA NĂM %(year)s") % {"year": year})
    sheet.cell(row=1, column=1).font = Font(bold=True, size=13)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
    sheet.cell(row=1, column=1).alignment = Alignment(horizontal="center")
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for column, header in enumerate(headers, start=1):
        cell = sheet.cell(row=HEADER_ROW, column=column, value=header)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = border
    for index, row in enumerate(registration_export_rows(user, year), start=1):
        values = [index, row.unit, row.subject, row.person, row.titles, row.status]
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=HEADER_ROW + index, column=column, value=value)
            cell.alignment = Alignment(vertical="top", wrap_text=True)
            cell.border = border
    for column, width in enumerate(COLUMN_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 1, column=1)
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
