"""The JSON exchange format: the issue's example reads; each kind of bad input is named in one line."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from tdkt.rules import evaluate
from tdkt.rules.jsonio import InputError, parse_request, parse_request_text, verdicts_json

EXAMPLE: dict[str, Any] = {
    "as_of": "2025-12-05",
    "year": 2025,
    "subjects": [
        {
            "id": "p1",
            "kind": "individual",
            "gender": "female",
            "hold": False,
            "history": [
                {
                    "year": 2025,
                    "rating": "HTXSNV",
                    "months_worked": 12,
                    "titles": ["lao_dong_tien_tien"],
                    "awards": ["bang_khen_tinh"],
                    "initiatives": ["grassroots"],
                    "discipline": None,
                }
            ],
        },
        {
            "id": "u1",
            "kind": "collective",
            "members": {
                "total": 20,
                "rated_htnv_or_better": 20,
                "lao_dong_tien_tien": 15,
                "chien_si_thi_dua_co_so": 1,
                "disciplined_warning_or_above": 0,
            },
            "history": [{"year": 2025, "rating": "HTXSNV"}],
        },
    ],
}


def test_the_issues_example_reads_and_evaluates():
    request = parse_request(EXAMPLE)
    assert request.ruleset.id == "luat-06-2022+nd-152-2025"
    p1, u1 = request.subjects
    assert p1.history[0].initiatives[0].scope == "grassroots" and p1.gender == "female" and p1.holds == ()
    assert u1.history[0].members is not None and u1.history[0].members.lao_dong_tien_tien == 15
    results = [evaluate(s, request.year, request.as_of, ruleset=request.ruleset) for s in request.subjects]
    out = verdicts_json(request.ruleset, results)
    assert json.loads(json.dumps(out, ensure_ascii=False)) == out
    by_award = {v["award"]: v for v in out["results"][0]["verdicts"]}
    assert by_award["chien_si_thi_dua_co_so"]["status"] == "eligible"
    reason = by_award["chien_si_thi_dua_co_so"]["reasons"][0]
    assert set(reason) == {"met", "text", "citation", "basis", "confidence"}
    assert {v["award"]: v["status"] for v in out["results"][1]["verdicts"]}[
        "tap_the_lao_dong_tien_tien"
    ] == "eligible"


def test_holds_disciplines_leave_and_initiative_objects():
    data = copy.deepcopy(EXAMPLE)
    subject = data["subjects"][0]
    subject["hold"] = ["under_investigation"]
    record = subject["history"][0]
    record.update(
        months_worked=5,
        leave={"maternity": 7},
        initiatives=[
            {
                "scope": "provincial",
                "kind": "science_work",
                "used_for": "bang_khen_tinh",
                "used_year": 2024,
                "ref": "QĐ 12/QĐ-UBND",
            }
        ],
        discipline={"level": "reprimand", "from": "2025-02-01", "to": "2025-08-01"},
    )
    person = parse_request(data).subjects[0]
    assert person.holds == ("under_investigation",)
    assert person.history[0].leave == {"maternity": 7}
    assert person.history[0].initiatives[0].used_for == "bang_khen_tinh"
    assert person.history[0].initiatives[0].used_year == 2024
    record["initiatives"][0].pop("used_for")
    assert "used_year: chỉ ghi khi có used_for" in _error(data)
    record["initiatives"][0].update(used_for="bang_khen_tinh", used_year="2024")
    assert "used_year: phải là số nguyên" in _error(data)
    record["initiatives"][0]["used_year"] = 2024
    assert person.disciplines[0].level == "reprimand" and person.disciplines[0].end is not None
    subject["hold"] = True
    assert parse_request(data).subjects[0].holds == ("unspecified",)


def _error(data: Any) -> str:
    with pytest.raises(InputError) as caught:
        parse_request(data)
    message = str(caught.value)
    assert "\n" not in message
    return message


def _mutated(path: str, value: Any) -> dict[str, Any]:
    data = copy.deepcopy(EXAMPLE)
    target: Any = data
    keys = path.split(".")
    for key in keys[:-1]:
        target = target[int(key)] if key.isdigit() else target[key]
    last = keys[-1]
    if value is KeyError:
        del target[last]
    else:
        target[int(last) if last.isdigit() else last] = value
    return data


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (
            "subjects.0.history.0.rating",
            "HTT",
            'subjects[0].history[0].rating: mã xếp loại không hợp lệ: "HTT"',
        ),
        (
            "subjects.0.history.0.titles",
            ["lao_dong_gioi"],
            'subjects[0].history[0].titles[0]: mã danh hiệu thi đua không hợp lệ: "lao_dong_gioi"',
        ),
        (
            "subjects.0.history.0.awards",
            ["huy_chuong"],
            'subjects[0].history[0].awards[0]: mã hình thức khen thưởng không hợp lệ: "huy_chuong"',
        ),
        (
            "subjects.0.history.0.awards",
            ["lao_dong_tien_tien"],
            "subjects[0].history[0].awards[0]: 'lao_dong_tien_tien' là danh hiệu thi đua (đặt trong \"titles\")",
        ),
        ("subjects.0.history.0.year", 2026, "subjects[0].history[0].year: năm 2026 sau năm xét 2025"),
        (
            "subjects.0.history.0.months_worked",
            13,
            "subjects[0].history[0].months_worked: phải là số nguyên từ 0 đến 12",
        ),
        (
            "subjects.0.history.0.leave",
            {"maternity": 6},
            "subjects[0].history[0].leave: số tháng làm việc và nghỉ vượt quá 12",
        ),
        (
            "subjects.0.history.0.leave",
            {"holiday": 1},
            'subjects[0].history[0].leave: loại nghỉ không hợp lệ: "holiday"',
        ),
        (
            "subjects.0.history.0.initiatives",
            ["provincal"],
            'subjects[0].history[0].initiatives[0]: phạm vi sáng kiến không hợp lệ: "provincal"',
        ),
        (
            "subjects.0.history.0.discipline",
            {"level": "censure"},
            'subjects[0].history[0].discipline.level: hình thức kỷ luật không hợp lệ: "censure"',
        ),
        (
            "subjects.0.history.0.discipline",
            {"level": "warning", "from": "2025-05-01", "to": "2025-04-01"},
            "subjects[0].history[0].discipline.to: trước ngày bắt đầu",
        ),
        ("subjects.0.history.0.colour", "red", "subjects[0].history[0].colour: khóa không hợp lệ"),
        ("subjects.0.kind", "family", 'subjects[0].kind: loại đối tượng không hợp lệ: "family"'),
        ("subjects.0.hold", ["being_nice"], 'subjects[0].hold[0]: lý do tạm hoãn không hợp lệ: "being_nice"'),
        ("subjects.0.hold", "yes", "subjects[0].hold: phải là true, false hoặc danh sách lý do tạm hoãn"),
        ("subjects.0.gender", "f", 'subjects[0].gender: giới tính không hợp lệ: "f"'),
        ("subjects.0.history", KeyError, "subjects[0].history: thiếu trường bắt buộc"),
        ("subjects.1.id", "p1", "subjects[1].id: mã đối tượng 'p1' bị lặp"),
        (
            "subjects.1.members.lao_dong_tien_tien",
            21,
            "subjects[1].members.lao_dong_tien_tien: lớn hơn tổng số thành viên",
        ),
        ("subjects.1.history.0.year", 2024, "subjects[1].members: không có bản ghi năm 2025 trong history"),
        (
            "subjects.0.members",
            EXAMPLE["subjects"][1]["members"],
            "subjects[0].members: chỉ dành cho tập thể",
        ),
        ("as_of", "2025-13-01", "as_of: ngày không hợp lệ '2025-13-01' (cần YYYY-MM-DD)"),
        ("year", 2026, "year: năm xét 2026 sau ngày đánh giá 2025-12-05"),
        ("subjects", {}, "subjects: phải là danh sách"),
    ],
)
def test_invalid_input_is_named_in_one_line(path: str, value: Any, message: str):
    assert _error(_mutated(path, value)) == message


def test_a_date_before_any_ruleset_is_refused():
    data = {"as_of": "2023-12-31", "year": 2023, "subjects": []}
    assert _error(data) == "as_of: Không có bộ quy tắc nào có hiệu lực ngày 31/12/2023"


def test_a_duplicate_year_is_refused():
    data = copy.deepcopy(EXAMPLE)
    data["subjects"][0]["history"].append({"year": 2025, "rating": "HTTNV"})
    assert _error(data) == "subjects[0].history[1].year: năm 2025 bị lặp"


def test_malformed_json_is_refused_in_one_line():
    with pytest.raises(InputError, match=r"^JSON không hợp lệ \(dòng 1, cột \d+\): ") as caught:
        parse_request_text('{"as_of": "2025-12-05", "year": 2025,, }')
    assert "\n" not in str(caught.value)
    with pytest.raises(InputError, match="phải là một đối tượng JSON"):
        parse_request_text("[]")
