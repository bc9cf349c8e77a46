"""The ND 30 layout, read back: the Word file with python-docx, the PDF with pdftotext and pdffonts."""

from __future__ import annotations

import datetime
import io
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from docx import Document as open_docx
from docx.shared import Mm, Pt

from tdkt.documents import render
from tdkt.documents.kinds.awards import Recipient, decision
from tdkt.documents.layout import Article, Document, Issuer, Paragraph, Signer
from tests.documents.conftest import decision_data, needs_poppler, pdftotext

PEOPLE = [
    Recipient(name="Nguyễn Thị Hoa", unit="Sở Nội vụ", position="Chuyên viên", amount=3_510_000),
    Recipient(name="Trần Văn Bảo", unit="Sở Nội vụ", position="Giám đốc", amount=3_510_000, rank=0),
    Recipient(name="Phòng Thi đua, khen thưởng", collective=True, unit="Sở Nội vụ", amount=7_020_000),
]


def _runs(paragraph: Any) -> list[Any]:
    return [run for run in paragraph.runs if run.text.strip()]


def _size(paragraph: Any) -> float:
    sizes = {run.font.size.pt for run in _runs(paragraph)}
    assert len(sizes) == 1, (paragraph.text, sizes)
    return sizes.pop()


def _all_paragraphs(docx: Any) -> list[Any]:
    found = list(docx.paragraphs)
    for table in docx.tables:
        for row in table.rows:
            for cell in row.cells:
                found.extend(cell.paragraphs)
    return found


def _find(docx: Any, text: str) -> Any:
    for paragraph in _all_paragraphs(docx):
        if paragraph.text.strip() == text:
            return paragraph
    raise AssertionError(f"{text!r} not in the document")


@pytest.fixture
def docx_file() -> Any:
    return open_docx(io.BytesIO(render.render(decision(decision_data(PEOPLE)), "docx")))


def test_page_is_a4_with_nd30_margins(docx_file: Any) -> None:
    section = docx_file.sections[0]

    def mm(length: Any) -> float:  # Word stores twips: 15 mm comes back as 14.99 mm
        return round(length / Mm(1), 1)

    assert (mm(section.page_width), mm(section.page_height)) == (210, 297)
    assert 20 <= mm(section.top_margin) <= 25 and 20 <= mm(section.bottom_margin) <= 25
    assert 30 <= mm(section.left_margin) <= 35
    assert 15 <= mm(section.right_margin) <= 20
    assert docx_file.styles["Normal"].font.name == "Times New Roman"


def test_page_numbers_from_page_two_centred_at_top(docx_file: Any) -> None:
    section = docx_file.sections[0]
    assert section.different_first_page_header_footer
    assert not section.first_page_header.paragraphs[0].text
    header = section.header.paragraphs[0]
    assert 'w:instr="PAGE"' in header._p.xml
    assert header.alignment == 1  # centre


def test_header_elements_have_the_decree_sizes_and_styles(docx_file: Any) -> None:
    national = _find(docx_file, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert 12 <= _size(national) <= 13 and all(run.bold for run in _runs(national))
    motto = _find(docx_file, "Độc lập - Tự do - Hạnh phúc")
    assert 13 <= _size(motto) <= 14 and all(run.bold for run in _runs(motto))
    assert "w:bottom" in motto._p.xml  # the line under the motto
    for line in ("ỦY BAN NHÂN DÂN", "TỈNH THỬ NGHIỆM"):
        issuer = _find(docx_file, line)
        assert 12 <= _size(issuer) <= 13 and all(run.bold for run in _runs(issuer))
    number = _find(docx_file, "Số: 05/QĐ-UBND")
    assert _size(number) == 13 and not any(run.italic for run in _runs(number))
    date = _find(docx_file, "Thử Nghiệm, ngày 03 tháng 02 năm 2025")
    assert 13 <= _size(date) <= 14 and all(run.italic for run in _runs(date))
    # number and date sit on one line: the same row of the header table
    header = docx_file.tables[0]
    assert header.rows[1].cells[0].text.strip() == "Số: 05/QĐ-UBND"
    assert header.rows[1].cells[1].text.strip() == "Thử Nghiệm, ngày 03 tháng 02 năm 2025"
    kind = _find(docx_file, "QUYẾT ĐỊNH")
    assert 13 <= _size(kind) <= 14 and all(run.bold for run in _runs(kind))
    summary = _find(docx_file, "Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh")
    assert all(run.bold for run in _runs(summary))
    basis = _find(docx_file, "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022.")
    assert all(run.italic for run in _runs(basis))


def test_signer_block_and_recipients(docx_file: Any) -> None:
    for line in ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lê Văn Tám"):
        paragraph = _find(docx_file, line)
        assert 13 <= _size(paragraph) <= 14 and all(run.bold for run in _runs(paragraph))
    label = _find(docx_file, "Nơi nhận:")
    assert _size(label) == 12 and all(run.bold and run.italic for run in _runs(label))
    assert _size(_find(docx_file, "- Như Điều 3;")) == 11
    assert _find(docx_file, "- Lưu: VT, SNV.").alignment == 0  # flush left
    # "Nơi nhận" and the signer's authority share the row of the signature table
    signature = next(t for t in docx_file.tables if "Nơi nhận:" in t.rows[0].cells[0].text)
    assert "KT. CHỦ TỊCH" in signature.rows[0].cells[1].text


def test_draft_number_is_blank_and_small_numbers_take_a_zero() -> None:
    draft = decision(decision_data(PEOPLE, number=None, date=None))
    assert draft.number_line.startswith("Số: ") and draft.number_line.endswith("/QĐ-UBND")
    assert not any(ch.isdigit() for ch in draft.number_line)
    assert decision(decision_data(PEOPLE, number=7)).number_text == "07/QĐ-UBND"
    assert decision(decision_data(PEOPLE, number=123)).number_text == "123/QĐ-UBND"


@needs_poppler
def test_pdf_has_the_vietnamese_text_in_the_local_font_only(tmp_path: Path) -> None:
    pdf = render.render(decision(decision_data(PEOPLE)), "pdf")
    text = " ".join(pdftotext(pdf, tmp_path).split())
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 05/QĐ-UBND",
        "Thử Nghiệm, ngày 03 tháng 02 năm 2025",
        "Nơi nhận:",
        "KT. CHỦ TỊCH",
        "Phòng Thi đua, khen thưởng",
        "Mười bốn triệu không trăm bốn mươi nghìn đồng",
    ):
        assert expected in text
    (tmp_path / "f.pdf").write_bytes(pdf)
    fonts = subprocess.run(["pdffonts", str(tmp_path / "f.pdf")], capture_output=True, text=True, check=True)
    names = [line.split()[0] for line in fonts.stdout.splitlines()[2:]]
    assert names and all("TDKT-Serif" in name for name in names), names  # no fallback font for any letter


@needs_poppler
def test_pdf_numbers_pages_from_two_at_the_top(tmp_path: Path) -> None:
    pdf = render.render(decision(decision_data(PEOPLE)), "pdf")
    first = pdftotext(pdf, tmp_path, "-f", "1", "-l", "1").strip()
    second = pdftotext(pdf, tmp_path, "-f", "2", "-l", "2").strip()
    assert first.startswith("ỦY BAN NHÂN DÂN")
    assert second.splitlines()[0].strip() == "2"


def _letter(**changes: Any) -> Document:
    values: dict[str, Any] = {
        "issuer": Issuer(name="Sở Nội vụ", code="SNV", parent="UBND TỈNH THỬ NGHIỆM"),
        "type_code": "",
        "type_name": "THÔNG BÁO",
        "summary": "Kết quả",
        "date": datetime.date(2025, 3, 4),
        "place": "Thử Nghiệm",
        "signers": (Signer(name="Trần Văn Bảo", position="Giám đốc"),),
        "body": (Article(1, "Nội dung."), Paragraph("Đoạn văn.")),
    }
    values.update(changes)
    return Document(**values)


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_missing_signer_is_refused_and_nothing_is_written(tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"out.{fmt}"
    with pytest.raises(ValidationError) as refused:
        render.write(_letter(signers=()), target)
    assert "chưa có người ký" in " ".join(refused.value.messages)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_unknown_font_is_refused_and_nothing_is_written(tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"out.{fmt}"
    with pytest.raises(ValidationError) as refused:
        render.write(_letter(font="Phông Không Có"), target)
    assert "Không tìm thấy phông chữ “Phông Không Có”" in refused.value.messages[0]
    assert list(tmp_path.iterdir()) == []


def test_decision_without_recipients_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as refused:
        render.write(decision(decision_data([])), tmp_path / "qd.pdf")
    assert "chưa có tập thể, cá nhân nào" in refused.value.messages[0]
    assert list(tmp_path.iterdir()) == []


def test_decision_without_signer_is_refused() -> None:
    with pytest.raises(ValidationError, match="chưa có người ký"):
        decision(decision_data(PEOPLE, signer=None))


def test_an_existing_file_survives_a_failed_render(tmp_path: Path) -> None:
    target = tmp_path / "out.docx"
    render.write(_letter(), target)
    before = target.read_bytes()
    with pytest.raises(ValidationError):
        render.write(_letter(signers=()), target)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["out.docx"]


def test_recipient_and_legal_basis_lines_end_as_the_decree_says(docx_file: Any) -> None:
    assert _find(docx_file, "- Như Điều 3;")
    assert _find(docx_file, "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022.")


def test_sizes_are_points_not_twips(docx_file: Any) -> None:
    assert docx_file.styles["Normal"].font.size == Pt(14)


def test_long_issuer_names_are_balanced_over_two_lines() -> None:
    from tdkt.documents.kinds.common import balanced_lines

    assert balanced_lines("Khối thi đua các cơ quan tham mưu tổng hợp tỉnh") == (
        "KHỐI THI ĐUA CÁC CƠ QUAN\nTHAM MƯU TỔNG HỢP TỈNH"
    )
    assert balanced_lines("Hội đồng Thi đua - Khen thưởng tỉnh") == "HỘI ĐỒNG THI ĐUA\nKHEN THƯỞNG TỈNH"
    assert balanced_lines("Sở Nội vụ") == "SỞ NỘI VỤ"


def test_the_command_takes_its_hyphenated_name(db: Any, capsys: Any) -> None:
    from tdkt.__main__ import main

    with pytest.raises(SystemExit):
        main(["tdkt", "render-samples", "--help"])
    assert "OUTDIR" in capsys.readouterr().out
