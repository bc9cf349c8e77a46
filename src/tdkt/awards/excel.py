"""Excel files of the awards app (openpyxl): reading a unit's history workbook with legacy text converted, the
downloadable template, and the register export.

Reading. Old provincial spreadsheets were typed in TCVN3 (.VnTime) or VNI fonts; openpyxl gives their text as
Western letters ("Ph¹m ThÞ Hoa"). Each text cell is converted to Unicode before anything else looks at it: a
cell whose font names a legacy encoding is converted with it (capitals fonts in upper case); any other cell that
contains only Latin-1 characters is converted with the encoding detected over its whole sheet
(:func:`tdkt.vn.detect_legacy_many`), so one short word is judged with its neighbours. A cell with a Vietnamese
letter outside Latin-1 is Unicode already and left as it is.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from tdkt import vn

PEOPLE, RATINGS, AWARDS, GUIDE = "Cán bộ", "Xếp loại", "Khen thưởng", "Hướng dẫn"

#: Each sheet's columns: (key, header). Headers are matched folded (no marks, any case).
COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    PEOPLE: (
        ("full_name", "Họ và tên"),
        ("gender", "Giới tính"),
        ("date_of_birth", "Ngày sinh"),
        ("email", "Thư điện tử"),
    ),
    RATINGS: (
        ("full_name", "Họ và tên"),
        ("date_of_birth", "Ngày sinh"),
        ("year", "Năm"),
        ("rating", "Xếp loại"),
        ("months_worked", "Số tháng công tác"),
        ("maternity", "Nghỉ thai sản (tháng)"),
        ("sick", "Nghỉ ốm (tháng)"),
        ("unpaid", "Nghỉ không lương (tháng)"),
        ("other", "Nghỉ khác (tháng)"),
        ("note", "Ghi chú"),
    ),
    AWARDS: (
        ("subject", "Đối tượng"),
        ("full_name", "Họ và tên"),
        ("date_of_birth", "Ngày sinh"),
        ("year", "Năm"),
        ("award", "Danh hiệu, hình thức"),
        ("decision", "Số, ký hiệu quyết định"),
        ("signed_on", "Ngày ký"),
        ("issuer", "Cơ quan ban hành"),
        ("signer", "Người ký"),
    ),
}
REQUIRED: dict[str, tuple[str, ...]] = {
    PEOPLE: ("full_name", "gender"),
    RATINGS: ("full_name", "year", "rating"),
    AWARDS: ("year", "award", "decision", "signed_on", "issuer"),
}
HEADER_ROW = 1
THIN = Side(style="thin")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


class WorkbookError(ValueError):
    """The file is not a workbook this app can read (the message says why, in Vietnamese)."""


@dataclass
class Row:
    sheet: str
    number: int
    values: dict[str, Any]

    def where(self) -> str:
        return _("Trang “%(sheet)s”, dòng %(row)s") % {"sheet": self.sheet, "row": self.number}


@dataclass
class ReadWorkbook:
    rows: dict[str, list[Row]] = field(default_factory=dict)
    converted: dict[str, str] = field(default_factory=dict)  # sheet → legacy encoding converted from
    problems: list[str] = field(default_factory=list)  # header problems (missing columns)


def _legacy_cell(cell: Any) -> tuple[vn.LegacyEncoding | None, bool]:
    font = getattr(cell, "font", None)
    name = getattr(font, "name", None) if font is not None else None
    return vn.font_encoding(name), vn.is_uppercase_font(name)


def _latin1(text: str) -> bool:
    return all(ord(ch) < 256 for ch in text)


def _convert_sheet(sheet: Any) -> tuple[list[list[Any]], vn.LegacyEncoding | None]:
    """The sheet's values with every legacy text cell converted to Unicode NFC, and the sheet's detected
    legacy encoding (None when its text is Unicode)."""
    grid = [list(row) for row in sheet.iter_rows()]
    texts = [c.value for row in grid for c in row if isinstance(c.value, str) and _legacy_cell(c)[0] is None]
    detected = vn.detect_legacy_many(t for t in texts if _latin1(t))
    sheet_encoding: vn.LegacyEncoding | None = detected if detected != "unicode" else None
    values: list[list[Any]] = []
    for row in grid:
        out = []
        for cell in row:
            value = cell.value
            if isinstance(value, str):
                encoding, upper = _legacy_cell(cell)
                if encoding is not None:
                    value = vn.to_unicode(value, encoding, uppercase=upper)
                elif sheet_encoding is not None and _latin1(value):
                    value = vn.to_unicode(value, sheet_encoding)
                value = vn.clean(value)
            out.append(value)
        values.append(out)
    return values, sheet_encoding


def _sheet_named(book: Any, name: str) -> Any:
    wanted = vn.fold(name)
    for sheet in book.worksheets:
        if vn.fold(vn.to_unicode(sheet.title)) == wanted:
            return sheet
    return None


def read_history_workbook(data: bytes) -> ReadWorkbook:
    """Read the three sheets (any of them may be missing or empty) into rows keyed by column."""
    try:
        book = load_workbook(io.BytesIO(data), read_only=False, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a non-workbook
        raise WorkbookError(_("Tệp không phải sổ tính Excel (.xlsx) đọc được.")) from exc
    result = ReadWorkbook()
    for name, columns in COLUMNS.items():
        sheet = _sheet_named(book, name)
        if sheet is None:
            continue
        grid, encoding = _convert_sheet(sheet)
        if encoding is not None:
            result.converted[name] = encoding
        if len(grid) < HEADER_ROW:
            continue
        headers = {vn.fold(str(v)): i for i, v in enumerate(grid[HEADER_ROW - 1]) if v not in (None, "")}
        positions: dict[str, int] = {}
        for key, header in columns:
            index = headers.get(vn.fold(header))
            if index is not None:
                positions[key] = index
        missing = [header for key, header in columns if key in REQUIRED[name] and key not in positions]
        if missing:
            result.problems.append(
                _("Trang “%(sheet)s” thiếu cột: %(columns)s.")
                % {"sheet": name, "columns": ", ".join(missing)}
            )
            continue
        rows: list[Row] = []
        for offset, line in enumerate(grid[HEADER_ROW:], start=HEADER_ROW + 1):
            values = {key: line[i] if i < len(line) else None for key, i in positions.items()}
            if all(v in (None, "") for v in values.values()):
                continue
            rows.append(Row(name, offset, values))
        result.rows[name] = rows
    if not result.rows and not result.problems:
        result.problems.append(
            _("Không thấy trang nào trong các trang “%(sheets)s”.") % {"sheets": "”, “".join(COLUMNS)}
        )
    return result


# --- cell values ---------------------------------------------------------------------------------------------


def as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return vn.short_date(value)
    return vn.clean(str(value))


def as_int(value: Any) -> int | None:
    """An integer cell ("12", 12, 12.0); None when empty; ValueError when not a whole number."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError(value)
        return int(value)
    return int(str(value).strip())


def as_date(value: Any) -> datetime.date | None:
    """A date cell, or dd/mm/yyyy (also dd-mm-yyyy, dd.mm.yyyy, yyyy-mm-dd) text; ValueError when not a date."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    for fmt in ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


# --- writing -------------------------------------------------------------------------------------------------


def _header(sheet: Any, headers: Sequence[str], row: int = 1) -> None:
    for column, header in enumerate(headers, start=1):
        cell = sheet.cell(row=row, column=column, value=header)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = BORDER
        sheet.column_dimensions[get_column_letter(column)].width = max(14, min(40, len(header) + 6))
    sheet.freeze_panes = sheet.cell(row=row + 1, column=1)


def template_workbook(award_names: Iterable[str], unit_name: str = "") -> bytes:
    """The import template: the three sheets with their headers and one example row each, and a guide."""
    book = Workbook()
    guide = book.active
    assert guide is not None
    guide.title = GUIDE
    lines = [
        _("MẪU NHẬP LỊCH SỬ THI ĐUA, KHEN THƯỞNG") + (f" — {unit_name}" if unit_name else ""),
        "",
        _("Trang “Cán bộ”: mỗi dòng một người (giới tính: Nam hoặc Nữ; ngày sinh dd/mm/yyyy)."),
        _(
            "Trang “Xếp loại”: mỗi dòng một người một năm. Xếp loại: HTXSNV, HTTNV, HTNV, KHTNV (để trống nếu không xếp loại)."
        ),
        _(
            "Số tháng công tác không gồm thời gian nghỉ; nghỉ thai sản ghi ở cột riêng (được tính là thời gian công tác)."
        ),
        _("Trang “Khen thưởng”: Đối tượng là Cá nhân (ghi họ tên, ngày sinh) hoặc Tập thể (chính đơn vị)."),
        _("Số, ký hiệu quyết định ghi như trên văn bản, ví dụ 1520/QĐ-UBND; ngày ký dd/mm/yyyy."),
        _(
            "Người được nhận diện bằng họ tên và ngày sinh trong đơn vị; người chưa có sẽ được thêm từ trang “Cán bộ”."
        ),
        _("Văn bản gõ bằng phông TCVN3 (.VnTime) hoặc VNI được tự động chuyển sang Unicode."),
        _("Tệp chỉ được ghi khi mọi dòng đều hợp lệ; nếu có lỗi, danh sách lỗi ghi rõ trang và dòng."),
        "",
        _("Danh hiệu, hình thức (ghi đúng tên):"),
        *[f"- {name}" for name in award_names],
    ]
    for i, line in enumerate(lines, start=1):
        guide.cell(row=i, column=1, value=line)
    guide.cell(row=1, column=1).font = Font(bold=True, size=13)
    guide.column_dimensions["A"].width = 110
    examples: dict[str, list[Any]] = {
        PEOPLE: ["Nguyễn Thị Hoa", "Nữ", "12/03/1985", ""],
        RATINGS: ["Nguyễn Thị Hoa", "12/03/1985", 2024, "HTXSNV", 12, None, None, None, None, ""],
        AWARDS: [
            "Cá nhân",
            "Nguyễn Thị Hoa",
            "12/03/1985",
            2024,
            "Chiến sĩ thi đua cơ sở",
            "15/QĐ-SNV",
            "20/12/2024",
            "Sở Nội vụ",
            "",
        ],
    }
    for name, columns in COLUMNS.items():
        sheet = book.create_sheet(name)
        _header(sheet, [header for _key, header in columns])
        for column, value in enumerate(examples[name], start=1):
            sheet.cell(row=2, column=column, value=value)
        if name == RATINGS:
            choice = DataValidation(type="list", formula1='"HTXSNV,HTTNV,HTNV,KHTNV"', allow_blank=True)
            sheet.add_data_validation(choice)
            choice.add("D2:D5000")
        if name == PEOPLE:
            choice = DataValidation(type="list", formula1='"Nam,Nữ"', allow_blank=False)
            sheet.add_data_validation(choice)
            choice.add("B2:B5000")
        if name == AWARDS:
            choice = DataValidation(type="list", formula1='"Cá nhân,Tập thể"', allow_blank=True)
            sheet.add_data_validation(choice)
            choice.add("A2:A5000")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def table_workbook(
    title: str, sheet_name: str, headers: Sequence[str], rows: Iterable[Sequence[Any]], widths: Sequence[int]
) -> bytes:
    """One sheet: a bold centred title, Vietnamese headers on row 3, bordered rows, frozen header."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = sheet_name[:31]
    sheet.cell(row=1, column=1, value=title).font = Font(bold=True, size=13)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
    sheet.cell(row=1, column=1).alignment = Alignment(horizontal="center")
    _header(sheet, headers, row=3)
    count = 0
    for count, values in enumerate(rows, start=1):
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=3 + count, column=column, value=value)
            cell.alignment = Alignment(vertical="top", wrap_text=True)
            cell.border = BORDER
            if isinstance(value, int) and column > 1:
                cell.number_format = "#,##0"
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.print_title_rows = "3:3"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
