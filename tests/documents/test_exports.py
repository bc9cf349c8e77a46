"""Excel exports of scoring and awards, opened again with openpyxl: Vietnamese headers, Vietnamese collation
("Đ" after "D", "Ư" after "U", people by tên, họ, đệm), frozen header, money formats, totals; each download
permission-checked like its page."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tdkt import vn
from tdkt.awards import services as awards
from tdkt.core.actors import SYSTEM
from tdkt.org import services as org_services
from tdkt.org.enums import Gender
from tdkt.scoring import services as scoring
from tdkt.scoring.enums import SheetKind
from tests.awards.conftest import YEAR
from tests.scoring.conftest import fill, full_points

pytestmark = pytest.mark.django_db

#: Given names whose code-point order is not the Vietnamese order: Dũng < Đức < Em, Uyên < Ưng < Vân.
NAMES = ("Trần Văn Em", "Lê Văn Đức", "Phạm Thị Vân", "Hoàng Thị Ưng", "Ngô Văn Dũng", "Bùi Thị Uyên")
VIETNAMESE_ORDER = [
    "Ngô Văn Dũng",
    "Lê Văn Đức",
    "Trần Văn Em",
    "Bùi Thị Uyên",
    "Hoàng Thị Ưng",
    "Phạm Thị Vân",
]


def sheets(response: Any) -> Any:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return load_workbook(io.BytesIO(response.content))


def body_rows(sheet: Any, header_row: int = 4) -> list[list[Any]]:
    return [list(row) for row in sheet.iter_rows(min_row=header_row + 1, values_only=True)]


def test_the_collation_is_not_code_point_order() -> None:
    assert (
        sorted(NAMES, key=vn.name_sort_key) == VIETNAMESE_ORDER != sorted(NAMES, key=lambda n: n.split()[-1])
    )


# --- scoring ----------------------------------------------------------------------------------------------------


@pytest.fixture
def closed_round(cross_round: Any) -> Any:
    for sheet in cross_round.sheets.filter(kind=SheetKind.PEER):
        fill(SYSTEM, sheet, full_points(cross_round, "0.75"))
    scoring.close_scoring(SYSTEM, cross_round)
    return cross_round


def test_round_scores_and_ranking(world: Any, closed_round: Any) -> None:
    scores_url = reverse("documents:round_scores", args=[closed_round.pk])
    ranking_url = reverse("documents:round_ranking", args=[closed_round.pk])
    assert scores_url in world.client("officer_a").get(closed_round.get_absolute_url()).content.decode()
    assert (
        ranking_url
        in world.client("officer_b").get(reverse("scoring:ranking", args=[closed_round.pk])).content.decode()
    )
    book = sheets(world.client("admin").get(scores_url))
    matrix, detail = book.worksheets
    assert matrix.title == "Điểm theo tiêu chí" and matrix.freeze_panes == "A5"
    header = [c.value for c in matrix[4]]
    units = header[3:]
    assert header[:3] == ["Mã", "Tiêu chí", "Điểm tối đa"]
    # Sở Kế hoạch và Đầu tư, Sở Tài chính, Sở Tư pháp, Thanh tra tỉnh: Vietnamese order
    assert units == sorted(units, key=vn.sort_key) and len(units) == 4
    total_row = [c.value for c in matrix[matrix.max_row]]
    assert total_row[1] == "Tổng điểm"
    finals = {f.unit.display_name: f.total for f in closed_round.final_scores.select_related("unit")}
    assert [Decimal(str(v)) for v in total_row[3:]] == [finals[u] for u in units]
    assert [c.value for c in detail[4]] == [
        "STT",
        "Đơn vị",
        "Mã",
        "Tiêu chí",
        "Điểm tối đa",
        "Tự chấm",
        "Chấm chéo (bình quân)",
        "Thống nhất khi đối chiếu",
        "Điểm tính",
    ]
    lines = body_rows(detail)
    assert lines and all(row[5] is not None and row[6] is not None for row in lines)
    assert detail.cell(row=5, column=6).number_format == "0.00"
    # a member reads only its own breakdown (the breakdown page's rule)
    own = sheets(world.client("officer_b").get(scores_url))
    assert {row[1] for row in body_rows(own.worksheets[1])} == {world.unit_b.name}
    ranking = sheets(world.client("officer_b").get(ranking_url)).active
    assert [c.value for c in ranking[4]] == ["STT", "Xếp hạng", "Đơn vị", "Tổng điểm", "Ghi chú"]
    rows = body_rows(ranking)
    assert len(rows) == 4 and all(row[1] == 1 for row in rows)  # everyone 75 %: one shared rank
    assert [row[2] for row in rows] == sorted((row[2] for row in rows), key=vn.sort_key)
    assert rows[0][4] == "Đồng hạng"
    for url in (scores_url, ranking_url):
        assert world.client("officer_c").get(url).status_code == 404
        assert world.client("anonymous").get(url).status_code == 302


def test_no_scores_before_the_close(world: Any, cross_round: Any) -> None:
    assert (
        world.client("admin").get(reverse("documents:round_scores", args=[cross_round.pk])).status_code == 404
    )
    assert (
        world.client("admin").get(reverse("documents:round_ranking", args=[cross_round.pk])).status_code
        == 404
    )


# --- awards -----------------------------------------------------------------------------------------------------


@pytest.fixture
def listed(world: Any) -> Any:
    """Six people of unit A with Lao động tiên tiến by one external decision, and the unit's own title."""
    ref = awards.DecisionRef(
        issuer_name="Sở Kế hoạch và Đầu tư",
        number=3,
        symbol="QĐ-SKHĐT",
        signed_on=datetime.date(YEAR - 1, 12, 20),
        signer_name="Lê Văn Giám",
    )
    record = None
    for name in NAMES:
        person = org_services.create_person(SYSTEM, unit=world.unit_a, full_name=name, gender=Gender.MALE)
        record = awards.record_past_award(
            SYSTEM, person, award_code="lao_dong_tien_tien", year=YEAR - 1, decision=ref
        )
    awards.record_past_award(
        SYSTEM, world.unit_a, award_code="tap_the_lao_dong_tien_tien", year=YEAR - 1, decision=ref
    )
    assert record is not None
    return record.decision


def test_a_decision_s_list_in_vietnamese_order(world: Any, listed: Any) -> None:
    url = reverse("documents:decision_list", args=[listed.pk])
    assert url in world.client("officer_a").get(listed.get_absolute_url()).content.decode()
    sheet = sheets(world.client("officer_a").get(url)).active
    assert sheet["A1"].value == "DANH SÁCH KHEN THƯỞNG KÈM THEO QUYẾT ĐỊNH SỐ 03/QĐ-SKHĐT"
    assert [c.value for c in sheet[4]][:4] == ["STT", "Họ và tên, tập thể", "Đơn vị", "Danh hiệu, hình thức"]
    assert sheet.freeze_panes == "A5"
    rows = body_rows(sheet)
    names = [row[1] for row in rows[:-1]]
    assert names == ["Sở Kế hoạch và Đầu tư", *VIETNAMESE_ORDER]  # the collective, then people by tên
    assert rows[-1][1] == "Tổng cộng" and rows[-1][2] == "7 trường hợp"
    assert world.client("officer_c").get(url).status_code == 404


def test_a_decision_s_bonus_and_total(world: Any, decided: Any) -> None:
    sheet = sheets(world.client("admin").get(reverse("documents:decision_list", args=[decided.pk]))).active
    rows = body_rows(sheet)
    records = [row for row in rows if isinstance(row[0], int)]
    total = next(row for row in rows if row[1] == "Tổng cộng")
    bonuses = [row[7] for row in records]
    assert bonuses and all(isinstance(b, int) and b > 0 for b in bonuses)
    assert total[7] == sum(bonuses) == sum(r.bonus for r in decided.records.all())
    assert sheet.cell(row=5, column=8).number_format == "#,##0"
    assert sheet.cell(row=5 + len(records), column=8).font.bold
    words = [c.value for c in sheet["A"] if isinstance(c.value, str) and c.value.startswith("Bằng chữ")]
    assert words == [f"Bằng chữ: {vn.amount_in_words(sum(bonuses))}"]


def test_the_register_export_from_its_page(world: Any, listed: Any) -> None:
    page = world.client("officer_a").get(reverse("awards:register"), {"nam": YEAR - 1}).content.decode()
    assert reverse("documents:register_export") + "?nam=" in page
    sheet = sheets(
        world.client("officer_a").get(reverse("documents:register_export"), {"nam": YEAR - 1})
    ).active
    names = [row[1] for row in body_rows(sheet)[:-1]]
    assert names == [*VIETNAMESE_ORDER, "Sở Kế hoạch và Đầu tư"]  # people first in the register
    assert body_rows(sheet)[-1][1] == "Tổng cộng"
    other = sheets(
        world.client("officer_b").get(reverse("documents:register_export"), {"nam": YEAR - 1})
    ).active
    assert [row[1] for row in body_rows(other)] == ["Tổng cộng"]  # unit B sees none of unit A's entries
    assert world.client("anonymous").get(reverse("documents:register_export")).status_code == 302


# --- the statutory statistics -----------------------------------------------------------------------------------


def test_statistics_from_the_register(world: Any, listed: Any, decided: Any) -> None:
    from tdkt.documents import statistics

    stats = statistics.compute(world.users["admin"], YEAR - 1)
    by_code = {row.code: row for row in stats.rows}
    assert by_code["8"].values == {"collective": 0, "individual": 6, "total": 6, "bonus": 0}
    assert by_code["7"].values["collective"] == 1 and by_code["A"].group
    assert stats.total["total"] == 7
    this_year = statistics.compute(world.users["admin"], decided.signed_on.year)
    bonus = sum(r.bonus for r in decided.records.all())
    assert this_year.total["bonus"] >= bonus > 0
    url = reverse("documents:statistics")
    for persona, status in (("admin", 200), ("officer_a", 403), ("council", 403), ("anonymous", 302)):
        assert world.client(persona).get(url).status_code == status, persona
        assert world.client(persona).get(reverse("documents:statistics_export")).status_code == status, (
            persona
        )
    page = world.client("admin").get(url, {"nam": YEAR - 1}).content.decode()
    assert "Biểu 0602.N/BNV-TĐKT" in page and 'id="statistics-unverified"' in page
    assert url in world.client("admin").get(reverse("documents:index")).content.decode()
    sheet = sheets(
        world.client("admin").get(reverse("documents:statistics_export"), {"nam": YEAR - 1})
    ).active
    assert [c.value for c in sheet[4]] == [
        "Mã số",
        "Danh hiệu, hình thức",
        "Tập thể",
        "Cá nhân",
        "Tổng số",
        "Tiền thưởng (đồng)",
    ]
    rows = [list(r) for r in sheet.iter_rows(min_row=5, values_only=True)]
    total = next(r for r in rows if r[1] == "TỔNG CỘNG")
    assert total[2:6] == [1, 6, 7, 0]
    assert any(isinstance(r[0], str) and r[0].startswith("CHƯA ĐỐI CHIẾU") for r in rows)
