"""Quyết định khen thưởng with 500 names, both ways; the list's order; the total in figures and in words."""

from __future__ import annotations

import io
import random
import re
from pathlib import Path

from docx import Document as open_docx
from hypothesis import given
from hypothesis import strategies as st

from tdkt import vn
from tdkt.documents import render
from tdkt.documents.kinds.awards import Recipient, award_list, decision, total_in_words
from tdkt.documents.layout import RowKind, format_amount
from tests.documents.conftest import decision_data, needs_poppler, pdftotext

FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương")
MIDDLE = ("Văn", "Thị", "Minh", "Thu", "Đức", "Ngọc", "Hữu", "Thanh", "Quốc", "Thùy")
GIVEN = ("An", "Ánh", "Bình", "Chi", "Dũng", "Đạt", "Giang", "Hà", "Hải", "Khánh", "Lan", "Long", "Ân", "Yến")
UNITS = ("Sở Y tế", "Sở Tư pháp", "Văn phòng Ủy ban nhân dân tỉnh", "Ủy ban nhân dân xã Vân Sơn", "Sở Nội vụ")


def five_hundred(seed: int = 7) -> list[Recipient]:
    rng = random.Random(seed)
    people = [
        Recipient(
            name=f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)} {i}",
            unit=rng.choice(UNITS),
            position=rng.choice(("Giám đốc", "Phó Giám đốc", "Chuyên viên")),
            rank=rng.choice((0, 1, 100)),
            amount=rng.choice((710_000, 3_510_000)),
        )
        for i in range(480)
    ]
    collectives = [
        Recipient(
            name=f"Phòng {rng.choice(GIVEN)} số {i}",
            collective=True,
            unit=rng.choice(UNITS),
            amount=7_020_000,
        )
        for i in range(20)
    ]
    return people + collectives


def test_list_is_grouped_and_ordered_as_officials_expect() -> None:
    recipients = five_hundred()
    listing = award_list(tuple(recipients))
    rows = listing.table.rows
    assert rows[0].kind == RowKind.GROUP and rows[0].cells[0] == "I. TẬP THỂ (20)"
    people_group = next(i for i, r in enumerate(rows) if r.cells[0].startswith("II. CÁ NHÂN"))
    collectives = [r for r in rows[1:people_group]]
    assert [int(r.cells[0]) for r in collectives] == list(range(1, 21))
    # people: unit by unit in Vietnamese order, within a unit by seniority then tên-họ-đệm
    units = [r.cells[0] for r in rows if r.kind == RowKind.SUBGROUP]
    assert units == sorted(set(UNITS), key=vn.sort_key)
    by_name = {r.name: r for r in recipients}
    current: list[Recipient] = []
    numbers = []
    for row in rows[people_group + 1 :]:
        if row.kind == RowKind.SUBGROUP or row.kind == RowKind.TOTAL:
            keys = [(r.rank, vn.name_sort_key(r.name)) for r in current]
            assert keys == sorted(keys)
            current = []
            continue
        numbers.append(int(row.cells[0]))
        current.append(by_name[row.cells[1]])
    assert numbers == list(range(1, 481))
    assert rows[-1].kind == RowKind.TOTAL
    assert rows[-1].cells[3] == format_amount(sum(r.amount for r in recipients))


def _words_total(text: str) -> tuple[int, str]:
    flat = " ".join(text.split())
    found = re.findall(r"Tổng số tiền thưởng: ([\d.]+) đồng \(Bằng chữ: ([^)]+)\)", flat)
    assert found, "no total line"
    figures, words = found[-1]
    return int(figures.replace(".", "")), words


def test_500_recipients_render_to_word_complete_and_ordered() -> None:
    recipients = five_hundred()
    content = render.render(decision(decision_data(recipients)), "docx")
    docx = open_docx(io.BytesIO(content))
    listing = docx.tables[-1]
    names = [row.cells[1].text for row in listing.rows if row.cells[0].text.isdigit()]
    assert len(names) == 500 and set(names) == {r.name for r in recipients}
    expected = [r.cells[1] for r in award_list(tuple(recipients)).table.rows if r.cells[0].isdigit()]
    assert names == expected
    total = sum(r.amount for r in recipients)
    figures, words = _words_total("\n".join(p.text for p in docx.paragraphs))
    assert figures == total and words == vn.amount_in_words(total)
    assert listing.rows[0]._tr.xml.count("w:tblHeader") == 1  # the header row repeats on every page


@needs_poppler
def test_500_recipients_render_to_pdf_complete_and_ordered(tmp_path: Path) -> None:
    recipients = five_hundred()
    pdf = render.render(decision(decision_data(recipients)), "pdf")
    text = pdftotext(pdf, tmp_path)
    expected = [r.cells[1] for r in award_list(tuple(recipients)).table.rows if r.cells[0].isdigit()]
    positions = [text.find(name) for name in expected]
    assert all(p >= 0 for p in positions), "a name is missing from the PDF"
    assert positions == sorted(positions)
    total = sum(r.amount for r in recipients)
    figures, words = _words_total(text)
    assert figures == total and words == vn.amount_in_words(total)


@given(st.lists(st.integers(min_value=0, max_value=50_000_000), min_size=1, max_size=30))
def test_total_in_words_always_matches_the_figures(amounts: list[int]) -> None:
    recipients = tuple(Recipient(name=f"Người {i}", amount=a) for i, a in enumerate(amounts))
    listing = award_list(recipients)
    assert listing.total == sum(amounts)
    line = total_in_words(listing.total)
    assert line == f"{format_amount(sum(amounts))} đồng (Bằng chữ: {vn.amount_in_words(sum(amounts))})"


def test_a_decision_without_amounts_has_no_money_column() -> None:
    listing = award_list((Recipient(name="Nguyễn Văn A"),))
    assert [c.title for c in listing.table.columns][-1] == "Chức vụ, đơn vị công tác"
    document = decision(decision_data([Recipient(name="Nguyễn Văn A")]))
    assert [a.number for a in document.body if hasattr(a, "number")] == [1, 2]
    assert "Như Điều 2" in document.recipients
