"""Year-end screening: the page "Rà soát điều kiện khen thưởng" (who may screen what, the counts, the list in
Vietnamese order) and ``tdkt screen-eligibility`` (its counts, its CSV, its one-line errors)."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from tdkt import vn
from tdkt.awards import services, views
from tdkt.awards.eligibility import evaluate_people
from tdkt.core.actors import SYSTEM
from tdkt.org import services as org_services
from tdkt.org.enums import Gender
from tdkt.org.models import Person

from .conftest import YEAR

URL = reverse("awards:screening")
LDTT = "lao_dong_tien_tien"
#: Rated HTTNV this year in unit A besides Phạm Văn Hùng (HTXSNV): Lao động tiên tiến for each. In Vietnamese
#: order (by tên, then họ and đệm): Anh, Ân, Dũng, Đào, Hùng; by code points "Đào" would come last and "Ân"
#: after "Dũng".
NAMES = ("Nguyễn Thị Đào", "Trần Văn Dũng", "Lê Thị Ân", "Hoàng Văn Anh")
ORDER = ["Hoàng Văn Anh", "Lê Thị Ân", "Trần Văn Dũng", "Nguyễn Thị Đào", "Phạm Văn Hùng"]


@pytest.fixture
def rated(world, staff):
    for name in NAMES:
        person = org_services.create_person(SYSTEM, unit=world.unit_a, full_name=name, gender=Gender.FEMALE)
        services.set_rating(SYSTEM, person, year=YEAR, rating="HTTNV")
    # unit B: one more eligible person (another unit's, for the scopes)
    services.set_rating(SYSTEM, world.person_b, year=YEAR, rating="HTTNV")
    return staff


def get(world, persona, **params):
    return world.client(persona).get(URL, params)


def listed(response):
    page = response.content.decode()
    table = page.split('id="screening-people"', 1)[1].split("</table>", 1)[0]
    return re.findall(r'<a href="/khen-thuong/ca-nhan/\d+/\?nam=\d+">([^<]+)</a>', table)


def counts_of(response):
    page = response.content.decode()
    return {s: int(n) for s, n in re.findall(r'data-status="(\w+)">(\d+)<', page)}


def expected_counts(people, award=LDTT):
    found = Counter(s[award].value for _, s in evaluate_people(people, YEAR, timezone.localdate(), [award]))
    return {s: found.get(s, 0) for s in ("eligible", "needs_review", "not_eligible")}


# --- who may screen what -------------------------------------------------------------------------------------


def test_who_may_open_the_page(world):
    got = {}
    for persona in ("admin", "council", "officer_a", "leader_a", "viewer_a", "officer_b"):
        got[persona] = get(world, persona).status_code
    assert got == {p: 200 for p in got}
    anonymous = world.client("anonymous").get(URL)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith(reverse("login"))


def test_a_unit_user_screens_only_their_own_unit(world, rated):
    own = get(world, "officer_a", **{"danh-hieu": LDTT})
    assert sorted(listed(own)) == sorted(ORDER)  # unit A only, without Nguyễn Văn Bình of unit B
    assert get(world, "leader_a", **{"don-vi": world.unit_a.pk}).status_code == 200
    for persona in ("officer_a", "leader_a", "viewer_a"):
        assert get(world, persona, **{"don-vi": world.unit_b.pk}).status_code == 404
        assert get(world, persona, khoi=world.block.pk).status_code == 403
    # no choice of scope is offered to them
    assert 'name="don-vi"' not in own.content.decode()
    # the awards index links the page for those allowed
    assert URL in world.client("officer_a").get(reverse("awards:proposal_list")).content.decode()


def test_phong_tdkt_and_the_council_screen_any_unit_a_block_or_the_province(world, rated):
    for persona in ("admin", "council"):
        province = get(world, persona, **{"danh-hieu": LDTT})
        assert sorted(listed(province)) == sorted([*ORDER, "Nguyễn Văn Bình"])
        unit_b = get(world, persona, **{"danh-hieu": LDTT, "don-vi": world.unit_b.pk})
        assert listed(unit_b) == ["Nguyễn Văn Bình"]
        block = get(world, persona, **{"danh-hieu": LDTT, "khoi": world.block.pk})  # units A and B this year
        assert sorted(listed(block)) == sorted([*ORDER, "Nguyễn Văn Bình"])
        # the heading names the scope (the template's own "block" variable once shadowed the block's name)
        assert f"<h2>{world.block.name} — " in block.content.decode()
        assert "<h2>Toàn tỉnh — " in province.content.decode()
        assert f"<h2>{world.unit_b.name} — " in unit_b.content.decode()
        assert listed(get(world, persona, **{"danh-hieu": LDTT, "don-vi": world.unit_c.pk})) == []
    assert get(world, "admin", khoi=999_999).status_code == 404


# --- what the page shows -------------------------------------------------------------------------------------


def test_the_counts_are_those_of_evaluate_people_over_the_same_people(world, rated):
    province = get(world, "admin", **{"danh-hieu": LDTT})
    assert counts_of(province) == expected_counts(list(Person.objects.filter(is_active=True)))
    assert counts_of(province)["eligible"] == 6
    unit_a = get(world, "officer_a", **{"danh-hieu": "chien_si_thi_dua_co_so"})
    assert counts_of(unit_a) == expected_counts(
        list(Person.objects.filter(unit=world.unit_a)), "chien_si_thi_dua_co_so"
    )
    assert listed(unit_a) == ["Phạm Văn Hùng"]


def test_the_list_is_in_vietnamese_order_and_paginated(world, rated, monkeypatch):
    assert sorted(ORDER) != ORDER  # code-point order differs: the test can fail
    assert sorted(ORDER, key=vn.name_sort_key_str) == ORDER
    response = get(world, "officer_a", **{"danh-hieu": LDTT})
    assert listed(response) == ORDER
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    pages = [listed(get(world, "officer_a", **{"danh-hieu": LDTT, "trang": n})) for n in (1, 2, 3)]
    assert pages == [ORDER[:2], ORDER[2:4], ORDER[4:]]
    assert "trang=2" in get(world, "officer_a", **{"danh-hieu": LDTT}).content.decode()


def test_a_year_after_the_evaluation_date_is_refused_with_a_message(world, rated):
    response = get(world, "admin", **{"danh-hieu": LDTT, "nam": YEAR, "ngay": f"{YEAR - 1}-12-31"})
    assert response.status_code == 200
    assert "Năm xét không được sau năm của ngày tính đến." in response.content.decode()
    assert 'id="screening-result"' not in response.content.decode()


# --- the command ---------------------------------------------------------------------------------------------


def call(*args: str) -> str:
    out = io.StringIO()
    call_command("screen_eligibility", *args, stdout=out)
    return out.getvalue()


def test_the_command_counts_and_writes_the_csv(world, rated, tmp_path):
    today = timezone.localdate().isoformat()
    path = tmp_path / "ra-soat.csv"
    out = call("--year", str(YEAR), "--as-of", today, "--award", LDTT, "--output", str(path))
    expected = expected_counts(list(Person.objects.filter(is_active=True)))
    assert f"tính đến ngày {vn.short_date(timezone.localdate())} — toàn tỉnh: 9 người" in out
    assert (
        f"Lao động tiên tiến ({LDTT}): đủ điều kiện {expected['eligible']}, cần xem xét "
        f"{expected['needs_review']}, không đủ điều kiện {expected['not_eligible']}"
    ) in out
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["Mã cá nhân", "Họ và tên", "Đơn vị", "Mã danh hiệu", "Danh hiệu, hình thức", "Kết quả"]
    assert [r[1] for r in rows[1:]] == sorted([*ORDER, "Nguyễn Văn Bình"], key=vn.name_sort_key_str)
    hung = next(r for r in rows if r[1] == "Phạm Văn Hùng")
    assert hung == [
        str(rated.hung.pk),
        "Phạm Văn Hùng",
        world.unit_a.name,
        LDTT,
        "Lao động tiên tiến",
        "Đủ điều kiện",
    ]
    assert "Đã ghi 6 dòng" in out


def test_the_command_by_unit_and_block_and_every_award(world, rated, tmp_path):
    out = call("--year", str(YEAR), "--unit", str(world.unit_b.pk))
    assert f"{world.unit_b.name}: 1 người" in out
    assert out.count("\n") == 1 + 8  # the heading and each individual award the ruleset computes
    path = tmp_path / "khoi.csv"
    out = call("--year", str(YEAR), "--block", str(world.block.pk), "--output", str(path))
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    hung = [r[3:] for r in rows if r[1] == "Phạm Văn Hùng"]
    assert [r[0] for r in hung] == [LDTT, "chien_si_thi_dua_co_so", "giay_khen"]
    assert hung[-1][2] == "Cần xem xét"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--award", "khong_co"], "không được tính cho cá nhân"),
        (["--award", "co_thi_dua_tinh"], "không được tính cho cá nhân"),  # a collective's
        (["--unit", "999999"], "Không có đơn vị mã 999999"),
        (["--block", "999999"], "Không có khối, cụm mã 999999"),
        (["--as-of", "31/12/2025"], "Ngày tính đến không hợp lệ: 31/12/2025"),
        (["--as-of", f"{YEAR - 1}-12-31"], f"Năm xét {YEAR} sau năm của ngày tính đến"),
        (["--workers", "0"], "--workers"),
    ],
)
def test_the_command_refuses_bad_input_in_one_line(world, args, message):
    with pytest.raises(CommandError) as refused:
        call("--year", str(YEAR), *args)
    assert message in str(refused.value)
    assert "\n" not in str(refused.value)
