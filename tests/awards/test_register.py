"""The award register: search by name without diacritics, by year, title and unit; each user sees what the
people rule allows; the Excel export has Vietnamese headers and Vietnamese order."""

from __future__ import annotations

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tdkt import vn
from tdkt.awards import services
from tdkt.awards.queries import register_order, search_register
from tdkt.core.actors import SYSTEM
from tdkt.org import services as org_services
from tdkt.org.enums import Gender

NAMES = ("Trần Văn Ân", "Nguyễn Thị Ánh", "Lê Văn An", "Phạm Đức Bảo", "Đỗ Thị Ấn")


def ref(number: int, year: int, issuer: str = "Sở Kế hoạch và Đầu tư", symbol: str = "QĐ-SKHĐT"):
    return services.DecisionRef(
        issuer_name=issuer, number=number, symbol=symbol, signed_on=datetime.date(year, 12, 20)
    )


@pytest.fixture
def entries(world):
    people = [
        org_services.create_person(SYSTEM, unit=world.unit_a, full_name=n, gender=Gender.MALE) for n in NAMES
    ]
    for i, person in enumerate(people):
        services.record_past_award(
            SYSTEM, person, award_code="lao_dong_tien_tien", year=2024, decision=ref(1, 2024)
        )
        if i % 2 == 0:
            services.record_past_award(
                SYSTEM, person, award_code="chien_si_thi_dua_co_so", year=2023, decision=ref(2, 2023)
            )
    services.record_past_award(
        SYSTEM,
        world.person_b,
        award_code="bang_khen_tinh",
        year=2024,
        decision=ref(5, 2024, "Ủy ban nhân dân tỉnh", "QĐ-UBND"),
    )
    services.record_past_award(
        SYSTEM, world.unit_a, award_code="tap_the_lao_dong_tien_tien", year=2024, decision=ref(3, 2024)
    )
    return people


def names(records) -> list[str]:
    return [r.subject_name for r in records]


def test_search_by_name_without_diacritics(world, entries):
    admin = world.users["admin"]
    assert set(names(search_register(admin, query="an"))) == {
        "Trần Văn Ân",
        "Lê Văn An",
        "Nguyễn Thị Ánh",
        "Đỗ Thị Ấn",
    }
    assert set(names(search_register(admin, query="tran an"))) == {"Trần Văn Ân"}
    assert set(names(search_register(admin, query="DO THI"))) == {"Đỗ Thị Ấn"}
    assert names(search_register(admin, query="binh")) == ["Nguyễn Văn Bình"]
    assert names(search_register(admin, query="ke hoach")) == [
        "Sở Kế hoạch và Đầu tư"
    ]  # a collective by name
    assert search_register(admin, query="zzz").count() == 0


def test_filters_by_year_award_and_unit(world, entries):
    admin = world.users["admin"]
    assert search_register(admin, year=2023).count() == 3
    assert search_register(admin, award_code="bang_khen_tinh").get().subject_name == "Nguyễn Văn Bình"
    assert search_register(admin, unit_id=world.unit_b.pk).count() == 1
    assert (
        search_register(admin, unit_id=world.unit_a.pk).count() == 9
    )  # 8 people's entries and the unit's own


@pytest.mark.parametrize(
    ("persona", "count"),
    [("admin", 10), ("council", 10), ("officer_a", 9), ("viewer_a", 9), ("officer_b", 1), ("officer_c", 0)],
)
def test_each_user_sees_the_register_the_people_rule_allows(world, entries, persona, count):
    assert search_register(world.users[persona]).count() == count


def test_the_page_lists_and_pages_in_vietnamese_order(world, entries):
    page = world.client("admin").get(reverse("awards:register"), {"q": "thi", "nam": 2024}).content.decode()
    assert "Nguyễn Thị Ánh" in page and "Đỗ Thị Ấn" in page and "Trần Văn Ân" not in page
    ordered = [r.subject_name for r in register_order(search_register(world.users["admin"], year=2024))]
    # individuals by tên, họ, đệm in Vietnamese order, then the collective
    assert ordered == [*sorted([*NAMES, "Nguyễn Văn Bình"], key=vn.name_sort_key), "Sở Kế hoạch và Đầu tư"]
    assert ordered[:6] == [
        "Lê Văn An",
        "Nguyễn Thị Ánh",
        "Trần Văn Ân",
        "Đỗ Thị Ấn",
        "Phạm Đức Bảo",
        "Nguyễn Văn Bình",
    ]


def test_the_export_has_vietnamese_headers_and_vietnamese_order(world, entries):
    # the register's old address still answers: it hands over to the documents app's export, filters kept
    old = world.client("officer_a").get(reverse("awards:register_export"), {"nam": 2024})
    assert old.status_code == 302 and old["Location"] == reverse("documents:register_export") + "?nam=2024"
    response = world.client("officer_a").get(old["Location"])
    assert response.status_code == 200 and "so-khen-thuong.xlsx" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == "SỔ KHEN THƯỞNG"
    assert [c.value for c in sheet[4]][:4] == ["STT", "Họ và tên, tập thể", "Đơn vị", "Danh hiệu, hình thức"]
    assert sheet.freeze_panes == "A5"
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=5)]
    body, total = rows[:-1], rows[-1]
    people = [row[1] for row in body[:-1]]
    assert people == sorted(NAMES, key=vn.name_sort_key)  # An, Ánh, Ân, Ấn, Bảo: by tên, then họ
    assert body[-1][1] == "Sở Kế hoạch và Đầu tư"  # collectives after individuals
    assert (
        body[0][0] == 1
        and body[0][3] == "Lao động tiên tiến"
        and body[0][5] == "01/QĐ-SKHĐT"
        and body[0][6] == "20/12/2024"
    )
    assert len(body) == 6  # officer A does not see unit B's entry
    assert total[1] == "Tổng cộng" and total[-1] == sum(row[-1] or 0 for row in body)


def test_register_pages_cost_the_same_for_one_or_many_rows(world, entries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = world.client("admin")
    client.get(reverse("awards:register"))  # warm the session and the caches
    with CaptureQueriesContext(connection) as one:
        page = client.get(reverse("awards:register"), {"q": "binh"}).content.decode()
    assert page.count("<tr>") == 2  # the header and one row
    with CaptureQueriesContext(connection) as many:
        page = client.get(reverse("awards:register")).content.decode()
    assert page.count("<tr>") == 11
    assert len(one.captured_queries) == len(many.captured_queries) <= 8
