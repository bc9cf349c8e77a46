"""Dates as Vietnamese administrative documents write them.

The rule for the date line of a document (the "địa danh, ngày … tháng … năm …" line under the national
motto) is Nghị định 30/2020/NĐ-CP on công tác văn thư, Phụ lục I, Phần I, Mục II, khoản 4 (Địa danh và thời
gian ban hành văn bản): the date is written in full with Arabic numerals, and "đối với những số thể hiện ngày
nhỏ hơn 10 và tháng 1, 2 phải ghi thêm số 0 phía trước" — days below 10 and the months 1 and 2 get a leading
zero; months 3 to 12 do not. Example: "Hà Nội, ngày 05 tháng 02 năm 2025", "ngày 17 tháng 6 năm 2020".
"""

from __future__ import annotations

import datetime

from tdkt.vn.text import clean


def date_in_words(d: datetime.date) -> str:
    """Running-text form without leading zeros: "ngày 17 tháng 6 năm 2020" (in sentences and tables)."""
    return f"ngày {d.day} tháng {d.month} năm {d.year}"


def nd30_date(d: datetime.date, place: str | None = None) -> str:
    """The date line of an administrative document (Nghị định 30/2020/NĐ-CP, Phụ lục I, Mục II, khoản 4).

    Day < 10 and months 1–2 take a leading zero: "ngày 03 tháng 02 năm 2025", "ngày 05 tháng 12 năm 2025".
    With a place name (địa danh), it is followed by a comma: "Bắc Ninh, ngày 03 tháng 12 năm 2025". A place
    that is blank after cleaning is treated as no place.
    """
    month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
    line = f"ngày {d.day:02d} tháng {month} năm {d.year}"
    where = clean(place) if place is not None else ""
    return f"{where}, {line}" if where else line


def short_date(d: datetime.date) -> str:
    """dd/mm/yyyy, the numeric form used in tables and forms: "17/06/2020"."""
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"
