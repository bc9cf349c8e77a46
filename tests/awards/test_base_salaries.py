"""Base salaries a system administrator adds: who may, what is refused, and that every bonus computed afterwards
(decisions, ``tdkt bonus``, the ruleset page, the API) reads them with the rulesets' rows."""

from __future__ import annotations

import datetime
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tdkt import rules
from tdkt.awards import services
from tdkt.awards.enums import Action, Confidence
from tdkt.awards.models import AddedBaseSalary, ChangedBaseSalaryError
from tdkt.awards.services.decisions import price
from tdkt.awards.services.history import new_record
from tdkt.core.models import AuditEntry

from .conftest import issue
from .test_commands import SRC

PERSONAS = ("admin", "officer_a", "leader_a", "viewer_a", "council")
NEXT = datetime.date(2027, 1, 1)  # a made-up rise after the rulesets' last row (01/07/2026)


def add(actor, effective_from=NEXT, amount=2_800_000, **extra):
    values = {
        "citation": "Nghị định 999/2026/NĐ-CP, Điều 3",
        "confidence": Confidence.SECONDARY,
        "note": "Thử nghiệm: chưa đối chiếu văn bản gốc.",
        **extra,
    }
    return services.add_base_salary(actor, effective_from=effective_from, amount=amount, **values)


def messages(error: ValidationError) -> str:
    return " ".join(error.messages)


# --- the service ----------------------------------------------------------------------------------------------


def test_only_a_system_administrator_adds_a_base_salary(world):
    for persona in PERSONAS[1:]:
        with pytest.raises(PermissionDenied):
            add(world.users[persona])
    assert not AddedBaseSalary.objects.exists()
    row = add(world.users["admin"])
    assert (row.effective_from, row.amount, row.added_by) == (NEXT, 2_800_000, world.users["admin"])
    entry = AuditEntry.objects.get(action=Action.BASE_SALARY_ADDED)
    assert entry.actor == world.users["admin"] and "2.800.000 đồng từ 01/01/2027" in entry.summary


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"amount": 0}, "phải lớn hơn 0 đồng"),
        ({"amount": -2_340_000}, "phải lớn hơn 0 đồng"),
        ({"amount": 2_340_000.5}, "phải là số nguyên đồng"),
        ({"amount": 25_300_000_000}, "quá lớn"),
        (
            {"effective_from": datetime.date(2024, 7, 1)},
            "Bộ quy tắc luat-06-2022+nd-98-2023 đã có mức lương cơ sở 2.340.000 đồng từ ngày 01/07/2024 "
            "(Nghị định 73/2024/NĐ-CP, Điều 3(2))",
        ),
        (
            {"effective_from": datetime.date(2026, 7, 1)},
            "đã có mức lương cơ sở 2.530.000 đồng từ ngày 01/07/2026",
        ),
        (
            {"effective_from": datetime.date(2023, 7, 1)},
            "Không có bộ quy tắc nào có hiệu lực ngày 01/07/2023",
        ),
        ({"effective_from": "2027-01-01"}, "Cần nhập ngày áp dụng"),
        ({"citation": "  "}, "Cần nhập căn cứ pháp lý"),
        ({"confidence": "X"}, "Chọn mức tin cậy V, S hoặc U"),
        ({"confidence": "U", "note": ""}, "Mức tin cậy khác V cần ghi chú"),
    ],
)
def test_what_is_refused(world, values, message):
    with pytest.raises(ValidationError) as caught:
        add(world.users["admin"], **values)
    assert message in messages(caught.value)
    assert not AddedBaseSalary.objects.exists()


def test_a_date_already_added_is_refused_and_a_row_is_never_edited(world):
    row = add(world.users["admin"])
    with pytest.raises(ValidationError) as caught:
        add(world.users["admin"], amount=2_900_000)
    assert "Đã có mức lương cơ sở 2.800.000 đồng từ ngày 01/01/2027" in messages(caught.value)
    row.amount = 2_900_000
    with pytest.raises(ChangedBaseSalaryError):
        row.save()
    verified = add(world.users["admin"], effective_from=datetime.date(2027, 7, 1), confidence="V", note="")
    assert verified.note == "" and AddedBaseSalary.objects.count() == 2


# --- what computes bonuses -------------------------------------------------------------------------------------


def priced(person, day: datetime.date) -> tuple[int | None, int | None]:
    (record,) = [new_record(person, "lao_dong_tien_tien", 2026)]
    price([record], day)
    return record.base_salary, record.bonus


def test_a_decision_after_the_date_uses_the_added_row_and_one_before_does_not(world, staff):
    add(world.users["admin"])
    assert priced(staff.hung, datetime.date(2026, 12, 31)) == (2_530_000, 760_000)  # the ruleset's row
    assert priced(staff.hung, NEXT) == (2_800_000, 840_000)  # 0.3 × 2,800,000
    assert priced(staff.hung, datetime.date(2027, 3, 1)) == (2_800_000, 840_000)


def test_an_issued_decision_uses_a_row_added_for_an_earlier_day(world, staff, ready):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    if yesterday == datetime.date(2026, 7, 1):  # the ruleset's own date: nothing to add
        pytest.skip("yesterday is a ruleset's base salary date")
    add(world.users["admin"], effective_from=yesterday, amount=3_000_000)
    decision = issue(world, ready)
    (record,) = decision.records.all()
    assert (record.base_salary, record.bonus) == (3_000_000, 3_000_000)  # Chiến sĩ thi đua cơ sở: 1.0 ×


def test_a_row_is_withdrawn_only_while_no_decision_can_have_used_it(world, staff, ready):
    admin = world.users["admin"]
    unused = add(admin)  # 01/01/2027: no decision signed since
    with pytest.raises(PermissionDenied):
        services.withdraw_base_salary(world.users["officer_a"], unused)
    services.withdraw_base_salary(admin, unused)
    assert not AddedBaseSalary.objects.exists()
    assert AuditEntry.objects.filter(action=Action.BASE_SALARY_WITHDRAWN).exists()

    today = timezone.localdate()
    used = add(admin, effective_from=today - datetime.timedelta(days=3))
    decision = issue(world, ready)
    with pytest.raises(ValidationError) as caught:
        services.withdraw_base_salary(admin, used)
    assert f"Quyết định số {decision.reference}" in messages(caught.value)
    assert AddedBaseSalary.objects.filter(pk=used.pk).exists()


def bonus(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("bonus", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_tdkt_bonus_reads_the_added_rows(world):
    args = ("--award", "lao_dong_tien_tien", "--subject", "individual", "--date")
    out, err = bonus(*args, "2027-02-01")
    assert out.startswith("760.000 đồng") and err == ""
    add(world.users["admin"])
    out, err = bonus(*args, "2027-02-01")
    assert out.splitlines()[0] == "840.000 đồng (Tám trăm bốn mươi nghìn đồng)"
    assert "mức lương cơ sở 2.800.000 đồng (từ 01/01/2027)" in out
    assert "Nghị định 999/2026/NĐ-CP, Điều 3 (mức lương cơ sở)" in out
    assert "Nghị định 999/2026/NĐ-CP, Điều 3, mức tin cậy S" in out  # flagged: not verified
    data = json.loads(bonus(*args, "2027-02-01", "--json")[0])
    assert (data["base_salary"], data["base_salary_from"]) == (2_800_000, "2027-01-01")
    assert data["base_salary_citation"] == "Nghị định 999/2026/NĐ-CP, Điều 3"
    out, _err = bonus(*args, "2025-12-20")
    assert out.startswith("710.000 đồng (Bảy trăm mười nghìn đồng)")


def test_tdkt_bonus_without_a_database_uses_the_rulesets_and_says_so(tmp_path: Path):
    missing = tmp_path / "none.sqlite3"
    env = {k: v for k, v in os.environ.items() if not k.startswith("TDKT_") and k != "DJANGO_SETTINGS_MODULE"}
    env.update(PYTHONPATH=SRC, PYTHONIOENCODING="utf-8", TDKT_DATABASE_URL=f"sqlite:///{missing}")
    args = ["bonus", "--award", "lao_dong_tien_tien", "--subject", "individual", "--date", "2025-12-20"]
    done = subprocess.run(
        [sys.executable, "-m", "tdkt", *args], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("710.000 đồng (Bảy trăm mười nghìn đồng)\n")
    assert "chỉ dùng mức lương cơ sở của bộ quy tắc" in done.stderr
    assert not missing.exists()  # asking did not create a database


# --- the page ------------------------------------------------------------------------------------------------


def test_the_ruleset_page_is_the_system_administrators(world):
    url = reverse("awards:ruleset")
    for persona in PERSONAS[1:]:
        assert world.client(persona).get(url).status_code == 403
        posted = world.client(persona).post(url, {"effective_from": "2027-01-01", "amount": "2800000"})
        assert posted.status_code == 403
    anonymous = world.client("anonymous").get(url)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith(reverse("login"))
    assert not AddedBaseSalary.objects.exists()
    assert world.client("admin").get(url).status_code == 200
    nav = world.client("admin").get(reverse("awards:register")).content.decode()
    assert f'href="{url}"' in nav
    assert f'href="{url}"' not in world.client("officer_a").get(reverse("awards:register")).content.decode()


def test_the_page_shows_the_ruleset_in_force_with_its_citations(world):
    client = world.client("admin")
    page = client.get(reverse("awards:ruleset"), {"ngay": "2025-12-20"}).content.decode()
    assert "Luật Thi đua, khen thưởng số 06/2022/QH15 và Nghị định 152/2025/NĐ-CP" in page
    assert "từ 01/07/2025" in page
    assert "Chiến sĩ thi đua cơ sở" in page and "Luật 06/2022/QH15, Điều 23(2)" in page
    assert "Nghị định 152/2025/NĐ-CP, Điều 50" in page  # bonus coefficients
    assert "Công văn 5007/BNV-TĐKT năm 2023, mục III.5.c" in page
    assert ">S</abbr>" in page and ">V</abbr>" in page
    # base salaries: the one in force on the chosen day is marked, the other rulesets listed with their periods
    assert "đang áp dụng ngày 20/12/2025" in page
    assert "01/01/2024 – 30/06/2025" in page
    before = client.get(reverse("awards:ruleset"), {"ngay": "2025-06-30"}).content.decode()
    assert "Nghị định 98/2023/NĐ-CP" in before and "đang áp dụng ngày 30/06/2025" in before
    none = client.get(reverse("awards:ruleset"), {"ngay": "2020-01-01"}).content.decode()
    assert "Không có bộ quy tắc nào có hiệu lực ngày 01/01/2020" in none


def test_adding_and_withdrawing_through_the_page(world):
    client = world.client("admin")
    url = reverse("awards:ruleset")
    form = {
        "effective_from": "2027-01-01",
        "amount": "2800000",
        "citation": "Nghị định 999/2026/NĐ-CP, Điều 3",
        "confidence": "S",
        "note": "",
    }
    refused = client.post(url, form)
    assert refused.status_code == 200 and "Mức tin cậy khác V cần ghi chú" in refused.content.decode()
    done = client.post(url, {**form, "note": "Chưa có văn bản gốc."}, follow=True)
    page = done.content.decode()
    assert "Đã thêm mức lương cơ sở 2.800.000 đồng từ 01/01/2027" in page
    assert "2.800.000" in page and "đang áp dụng ngày 01/01/2027" in page and "Quản trị hệ thống thêm" in page
    row = AddedBaseSalary.objects.get()
    assert (
        world.client("officer_a").post(reverse("awards:base_salary_withdraw", args=[row.pk])).status_code
        == 403
    )
    client.post(reverse("awards:base_salary_withdraw", args=[row.pk]))
    assert not AddedBaseSalary.objects.exists()


# --- the API -------------------------------------------------------------------------------------------------

API = "/api/v1/awards/base-salaries/"


def test_the_api_lists_and_adds_through_the_same_service(world):
    payload = {
        "effective_from": "2027-01-01",
        "amount": 2_800_000,
        "citation": "Nghị định 999/2026/NĐ-CP, Điều 3",
        "confidence": "V",
    }
    for persona in PERSONAS[1:]:
        client = world.client(persona)
        assert client.get(API).status_code == 403
        assert client.post(API, json.dumps(payload), content_type="application/json").status_code == 403
    assert world.client("anonymous").get(API).status_code == 401
    admin = world.client("admin")
    created = admin.post(API, json.dumps(payload), content_type="application/json")
    assert created.status_code == 201
    body = created.json()
    assert (body["amount"], body["source"], body["added_by"], body["in_force"]) == (
        2_800_000,
        "added",
        "admin",
        True,
    )
    again = admin.post(API, json.dumps(payload), content_type="application/json")
    assert again.status_code == 422 and "Đã có mức lương cơ sở" in json.dumps(
        again.json(), ensure_ascii=False
    )
    rows = admin.get(API, {"on": "2026-12-31"}).json()
    assert [r["amount"] for r in rows][-3:] == [2_340_000, 2_530_000, 2_800_000]
    assert [r["amount"] for r in rows if r["in_force"]] == [2_530_000]
    assert {r["source"] for r in rows} == {"luat-06-2022+nd-98-2023", "luat-06-2022+nd-152-2025", "added"}
    row_id = body["id"]
    assert world.client("officer_a").delete(f"{API}{row_id}").status_code == 403
    assert admin.delete(f"{API}{row_id}").status_code == 204
    assert not AddedBaseSalary.objects.exists()


def test_confidence_codes_are_the_rules_codes():
    assert set(Confidence.values) == {c.value for c in rules.Confidence}
