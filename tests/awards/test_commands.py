"""``tdkt eligibility`` and ``tdkt bonus``: through call_command, and as processes for their exit codes."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

import tdkt
from tests.rules.test_jsonio import EXAMPLE

SRC = str(Path(tdkt.__file__).resolve().parent.parent)


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TDKT_")}
    env.update(PYTHONPATH=SRC, DJANGO_SETTINGS_MODULE="tdkt.test_settings", PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "tdkt", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def call(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.fixture
def example(tmp_path: Path) -> Path:
    path = tmp_path / "input.json"
    path.write_text(json.dumps(EXAMPLE, ensure_ascii=False), encoding="utf-8")
    return path


# --- eligibility ---------------------------------------------------------------------------------------------------


def test_eligibility_prints_verdicts_as_json(example: Path):
    out = json.loads(call("eligibility", "--input", str(example)))
    assert out["ruleset"] == "luat-06-2022+nd-152-2025"
    assert [r["id"] for r in out["results"]] == ["p1", "u1"]
    verdicts = {v["award"]: v for v in out["results"][0]["verdicts"]}
    assert verdicts["chien_si_thi_dua_co_so"]["status"] == "eligible"
    assert verdicts["chien_si_thi_dua_tinh"]["status"] == "not_eligible"
    assert all({"met", "text", "citation"} <= set(r) for v in verdicts.values() for r in v["reasons"])
    assert "Điều 23(2)" in " ".join(r["citation"] for r in verdicts["chien_si_thi_dua_co_so"]["reasons"])
    collective = {v["award"]: v["status"] for v in out["results"][1]["verdicts"]}
    assert collective["tap_the_lao_dong_tien_tien"] == "eligible"
    assert collective["co_thi_dua_tinh"] == "needs_review"


def test_eligibility_refuses_invalid_input_with_one_line(tmp_path: Path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({**EXAMPLE, "year": 2024}), encoding="utf-8")
    with pytest.raises(CommandError, match=r"subjects\[0\]\.history\[0\]\.year: năm 2025 sau năm xét 2024"):
        call("eligibility", "--input", str(bad))
    with pytest.raises(CommandError, match="Không đọc được tệp"):
        call("eligibility", "--input", str(tmp_path / "missing.json"))


def test_eligibility_as_a_process(example: Path, tmp_path: Path):
    ok = run("eligibility", "--input", str(example))
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["ruleset"] == "luat-06-2022+nd-152-2025"

    cases = {
        "malformed.json": ('{"as_of": "2025-12-05",', "JSON không hợp lệ"),
        "rating.json": (
            json.dumps(_with_rating("HTT")),
            'subjects[0].history[0].rating: mã xếp loại không hợp lệ: "HTT"',
        ),
        "award.json": (
            json.dumps(_with_title("chien_si_thi_dua")),
            'mã danh hiệu thi đua không hợp lệ: "chien_si_thi_dua"',
        ),
        "future.json": (json.dumps({**EXAMPLE, "year": 2024}), "năm 2025 sau năm xét 2024"),
    }
    for name, (body, message) in cases.items():
        path = tmp_path / name
        path.write_text(body, encoding="utf-8")
        result = run("eligibility", "--input", str(path))
        assert result.returncode != 0, name
        assert result.stdout == "", name
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and message in lines[0], (name, result.stderr)


def test_eligibility_reads_standard_input():
    result = run("eligibility", "--input", "-", stdin=json.dumps(EXAMPLE))
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)["results"]) == 2


def _with_rating(rating: str) -> dict:
    data = json.loads(json.dumps(EXAMPLE))
    data["subjects"][0]["history"][0]["rating"] = rating
    return data


def _with_title(title: str) -> dict:
    data = json.loads(json.dumps(EXAMPLE))
    data["subjects"][0]["history"][0]["titles"] = [title]
    return data


# --- bonus ---------------------------------------------------------------------------------------------------------


def test_bonus_for_lao_dong_tien_tien_on_20_december_2025(db):
    out = call("bonus", "--award", "lao_dong_tien_tien", "--subject", "individual", "--date", "2025-12-20")
    first = out.splitlines()[0]
    assert first == "710.000 đồng (Bảy trăm mười nghìn đồng)"
    assert "hệ số 0,3 × mức lương cơ sở 2.340.000 đồng (từ 01/07/2024) = 702.000 đồng" in out
    assert "Nghị định 152/2025/NĐ-CP, Điều 50" in out and "Nghị định 152/2025/NĐ-CP, Điều 49(2)" in out


@pytest.mark.parametrize(
    ("date", "amount"),
    [("2024-06-30", 540_000), ("2024-07-01", 710_000), ("2025-12-20", 710_000), ("2026-07-01", 760_000)],
)
def test_bonus_uses_the_base_salary_in_force_on_each_date(db, date: str, amount: int):
    out = json.loads(
        call("bonus", "--award", "lao_dong_tien_tien", "--subject", "individual", "--date", date, "--json")
    )
    assert out["amount"] == amount
    assert out["words"].endswith("đồng")


def test_bonus_flags_what_is_not_verified(db):
    # households: 1.5 × the individual 1.5 [S]; base salary of Nghị định 161/2026 [S]
    out = call("bonus", "--award", "bang_khen_tinh", "--subject", "household", "--date", "2026-07-01")
    assert out.splitlines()[0] == "5.700.000 đồng (Năm triệu bảy trăm nghìn đồng)"
    assert (
        "Lưu ý, chưa đối chiếu văn bản gốc" in out
        and "Nghị định 161/2026/NĐ-CP, Điều 3(2), mức tin cậy S" in out
    )
    verified = call(
        "bonus", "--award", "chien_si_thi_dua_co_so", "--subject", "individual", "--date", "2025-12-20"
    )
    assert "Lưu ý" not in verified


def test_bonus_refuses_what_it_cannot_price(db):
    with pytest.raises(CommandError, match="không có hệ số tiền thưởng Giấy khen cho hộ gia đình"):
        call("bonus", "--award", "giay_khen", "--subject", "household", "--date", "2025-06-30")
    with pytest.raises(CommandError, match="Không có bộ quy tắc nào có hiệu lực ngày 31/12/2023"):
        call("bonus", "--award", "giay_khen", "--subject", "individual", "--date", "2023-12-31")


def test_bonus_as_a_process():
    ok = run("bonus", "--award", "lao_dong_tien_tien", "--subject", "individual", "--date", "2025-12-20")
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.startswith("710.000 đồng (Bảy trăm mười nghìn đồng)\n")
    for args, message in (
        (
            ("--award", "lao_dong", "--subject", "individual", "--date", "2025-12-20"),
            "không có danh hiệu, hình thức 'lao_dong'",
        ),
        (
            ("--award", "lao_dong_tien_tien", "--subject", "individual", "--date", "20/12/2025"),
            "Ngày không hợp lệ",
        ),
    ):
        result = run("bonus", *args)
        assert result.returncode != 0 and result.stdout == ""
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and message in lines[0], result.stderr


def test_bonus_runs_on_a_fresh_checkout_without_a_secret_key():
    """Production settings (no TDKT_DEBUG, no TDKT_SECRET_KEY): the law commands still answer."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TDKT_") and k != "DJANGO_SETTINGS_MODULE"}
    env.update(PYTHONPATH=SRC, PYTHONIOENCODING="utf-8")
    args = ["bonus", "--award", "lao_dong_tien_tien", "--subject", "individual", "--date", "2025-12-20"]
    done = subprocess.run(
        [sys.executable, "-m", "tdkt", *args], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("710.000 đồng (Bảy trăm mười nghìn đồng)")
    migrations = subprocess.run(
        [sys.executable, "-m", "tdkt", "makemigrations", "--check", "--dry-run"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert migrations.returncode == 0, migrations.stderr
    refused = subprocess.run(
        [sys.executable, "-m", "tdkt", "check"], capture_output=True, text=True, env=env, timeout=120
    )
    assert refused.returncode == 2 and "TDKT_SECRET_KEY" in refused.stderr
