"""The JSON exchange format of ``tdkt eligibility`` (schema: docs/eligibility-json.md).

:func:`parse_request` turns the decoded JSON into typed subjects, checking every field against the ruleset in
force; any problem raises :class:`InputError` whose message is one line naming the place (``subjects[0].
history[1].rating``) and the problem. :func:`verdicts_json` turns verdicts back into JSON-ready data.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from tdkt.rules.codes import (
    DISCIPLINE_NAMES,
    INITIATIVE_KIND_NAMES,
    LEAVE_NAMES,
    MEMBER_FIELDS,
    RATING_RANK,
    SCOPE_NAMES,
    SubjectKind,
)
from tdkt.rules.evaluator import SubjectVerdicts
from tdkt.rules.history import Discipline, Initiative, Members, Subject, YearRecord
from tdkt.rules.ruleset import NoRulesetInForce, Ruleset, Rulesets, default_rulesets
from tdkt.vn.text import nfc

GENDERS = ("male", "female")


class InputError(ValueError):
    """Invalid input: the message is one line naming where and what."""


@dataclass(frozen=True)
class Request:
    as_of: datetime.date
    year: int
    ruleset: Ruleset
    subjects: tuple[Subject, ...]


def _fail(where: str, message: str) -> InputError:
    return InputError(f"{where}: {message}" if where else message)


def _obj(value: Any, where: str, required: set[str], optional: set[str]) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise _fail(where, "phải là một đối tượng JSON")
    unknown = sorted(set(value) - required - optional)
    if unknown:
        raise _fail(f"{where}.{unknown[0]}" if where else unknown[0], "khóa không hợp lệ")
    missing = sorted(required - set(value))
    if missing:
        raise _fail(f"{where}.{missing[0]}" if where else missing[0], "thiếu trường bắt buộc")
    return value


def _int(value: Any, where: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise _fail(where, f"phải là số nguyên từ {low} đến {high}")
    return value


def _date(value: Any, where: str) -> datetime.date:
    if not isinstance(value, str):
        raise _fail(where, "phải là ngày dạng YYYY-MM-DD")
    try:
        return datetime.date.fromisoformat(value) if len(value) == 10 else _bad_date()
    except ValueError:
        raise _fail(where, f"ngày không hợp lệ {value!r} (cần YYYY-MM-DD)") from None


def _bad_date() -> datetime.date:
    raise ValueError


def _code(value: Any, where: str, allowed: Mapping[str, Any] | Sequence[str], what: str) -> str:
    if not isinstance(value, str) or value not in allowed:
        raise _fail(where, f"{what} không hợp lệ: {json.dumps(value, ensure_ascii=False)}")
    return value


def _codes(value: Any, where: str, ruleset: Ruleset, kind: str) -> frozenset[str]:
    if not isinstance(value, list):
        raise _fail(where, "phải là danh sách mã")
    what = "mã danh hiệu thi đua" if kind == "title" else "mã hình thức khen thưởng"
    codes: set[str] = set()
    for i, code in enumerate(value):
        here = f"{where}[{i}]"
        if not isinstance(code, str) or code not in ruleset.awards:
            raise _fail(here, f"{what} không hợp lệ: {json.dumps(code, ensure_ascii=False)}")
        if ruleset.awards[code].kind != kind:
            other = (
                'danh hiệu thi đua (đặt trong "titles")'
                if kind == "form"
                else 'hình thức khen thưởng (đặt trong "awards")'
            )
            raise _fail(here, f"'{code}' là {other}")
        codes.add(code)
    return frozenset(codes)


def _initiative(value: Any, where: str, ruleset: Ruleset) -> Initiative:
    if isinstance(value, str):
        return Initiative(scope=_code(value, where, SCOPE_NAMES, "phạm vi sáng kiến"))
    obj = _obj(value, where, {"scope"}, {"kind", "used_for", "used_year", "ref"})
    used_for = obj.get("used_for")
    if used_for is not None and (not isinstance(used_for, str) or used_for not in ruleset.awards):
        raise _fail(
            f"{where}.used_for",
            f"mã danh hiệu, hình thức không hợp lệ: {json.dumps(used_for, ensure_ascii=False)}",
        )
    used_year = obj.get("used_year")
    if used_year is not None:
        if used_for is None:
            raise _fail(f"{where}.used_year", "chỉ ghi khi có used_for")
        used_year = _int(used_year, f"{where}.used_year", 1900, 2100)
    ref = obj.get("ref", "")
    if not isinstance(ref, str):
        raise _fail(f"{where}.ref", "phải là chuỗi")
    return Initiative(
        scope=_code(obj["scope"], f"{where}.scope", SCOPE_NAMES, "phạm vi sáng kiến"),
        kind=_code(obj.get("kind", "initiative"), f"{where}.kind", INITIATIVE_KIND_NAMES, "loại sáng kiến"),
        used_for=used_for,
        ref=nfc(ref),
        used_year=used_year,
    )


def _members(value: Any, where: str) -> Members:
    obj = _obj(value, where, set(MEMBER_FIELDS), set())
    counts = {k: _int(obj[k], f"{where}.{k}", 0, 10_000_000) for k in MEMBER_FIELDS}
    for key, count in counts.items():
        if key != "total" and count > counts["total"]:
            raise _fail(f"{where}.{key}", "lớn hơn tổng số thành viên")
    return Members(**counts)


def _discipline(value: Any, where: str, year: int) -> Discipline:
    obj = _obj(value, where, {"level"}, {"from", "to"})
    level = _code(obj["level"], f"{where}.level", DISCIPLINE_NAMES, "hình thức kỷ luật")
    start = _date(obj["from"], f"{where}.from") if obj.get("from") is not None else datetime.date(year, 1, 1)
    end = _date(obj["to"], f"{where}.to") if obj.get("to") is not None else None
    if end is not None and end < start:
        raise _fail(f"{where}.to", "trước ngày bắt đầu")
    return Discipline(level=level, start=start, end=end)


_RECORD_KEYS = {
    "rating",
    "months_worked",
    "leave",
    "titles",
    "awards",
    "initiatives",
    "discipline",
    "members",
    "leads_block",
}


def _record(
    value: Any, where: str, year: int, kind: str, ruleset: Ruleset
) -> tuple[YearRecord, Discipline | None]:
    obj = _obj(value, where, {"year"}, _RECORD_KEYS)
    rec_year = _int(obj["year"], f"{where}.year", 1945, 2200)
    if rec_year > year:
        raise _fail(f"{where}.year", f"năm {rec_year} sau năm xét {year}")
    rating = obj.get("rating")
    if rating is not None:
        rating = _code(rating, f"{where}.rating", RATING_RANK, "mã xếp loại")
    months = _int(obj.get("months_worked", 12), f"{where}.months_worked", 0, 12)
    leave: dict[str, int] = {}
    if obj.get("leave") is not None:
        raw_leave = obj["leave"]
        if not isinstance(raw_leave, dict):
            raise _fail(f"{where}.leave", "phải là đối tượng {loại nghỉ: số tháng}")
        for key, months_off in raw_leave.items():
            _code(key, f"{where}.leave", LEAVE_NAMES, "loại nghỉ")
            leave[key] = _int(months_off, f"{where}.leave.{key}", 0, 12)
        if months + sum(leave.values()) > 12:
            raise _fail(f"{where}.leave", "số tháng làm việc và nghỉ vượt quá 12")
    initiatives = obj.get("initiatives") or []
    if not isinstance(initiatives, list):
        raise _fail(f"{where}.initiatives", "phải là danh sách")
    members = None
    if obj.get("members") is not None:
        if kind != SubjectKind.COLLECTIVE:
            raise _fail(f"{where}.members", "chỉ dành cho tập thể")
        members = _members(obj["members"], f"{where}.members")
    leads_block = obj.get("leads_block")
    if leads_block is not None:
        if not isinstance(leads_block, bool):
            raise _fail(f"{where}.leads_block", "phải là true, false hoặc null")
        if kind != SubjectKind.COLLECTIVE:
            raise _fail(f"{where}.leads_block", "chỉ dành cho tập thể")
    discipline = None
    if obj.get("discipline") is not None:
        discipline = _discipline(obj["discipline"], f"{where}.discipline", rec_year)
    record = YearRecord(
        year=rec_year,
        rating=rating,
        months_worked=months,
        leave=leave,
        titles=_codes(obj.get("titles") or [], f"{where}.titles", ruleset, "title"),
        awards=_codes(obj.get("awards") or [], f"{where}.awards", ruleset, "form"),
        initiatives=tuple(
            _initiative(v, f"{where}.initiatives[{i}]", ruleset) for i, v in enumerate(initiatives)
        ),
        members=members,
        leads_block=leads_block,
    )
    return record, discipline


def _subject(value: Any, where: str, year: int, ruleset: Ruleset) -> Subject:
    obj = _obj(value, where, {"id", "kind", "history"}, {"gender", "hold", "members"})
    subject_id = obj["id"]
    if not isinstance(subject_id, str | int) or isinstance(subject_id, bool) or str(subject_id) == "":
        raise _fail(f"{where}.id", "phải là chuỗi hoặc số")
    kind = SubjectKind(_code(obj["kind"], f"{where}.kind", [k.value for k in SubjectKind], "loại đối tượng"))
    gender = obj.get("gender")
    if gender is not None:
        gender = _code(gender, f"{where}.gender", GENDERS, "giới tính")
    hold = obj.get("hold", False)
    holds: tuple[str, ...]
    if hold is None or hold is False:
        holds = ()
    elif hold is True:
        holds = ("unspecified",)
    elif isinstance(hold, list) and hold:
        holds = tuple(
            _code(h, f"{where}.hold[{i}]", ruleset.hold_kinds, "lý do tạm hoãn") for i, h in enumerate(hold)
        )
    else:
        raise _fail(f"{where}.hold", "phải là true, false hoặc danh sách lý do tạm hoãn")
    history = obj["history"]
    if not isinstance(history, list):
        raise _fail(f"{where}.history", "phải là danh sách")
    records: list[YearRecord] = []
    disciplines: list[Discipline] = []
    seen: set[int] = set()
    for i, raw in enumerate(history):
        record, discipline = _record(raw, f"{where}.history[{i}]", year, kind, ruleset)
        if record.year in seen:
            raise _fail(f"{where}.history[{i}].year", f"năm {record.year} bị lặp")
        seen.add(record.year)
        records.append(record)
        if discipline is not None:
            disciplines.append(discipline)
    if obj.get("members") is not None:
        if kind != SubjectKind.COLLECTIVE:
            raise _fail(f"{where}.members", "chỉ dành cho tập thể")
        members = _members(obj["members"], f"{where}.members")
        for i, record in enumerate(records):
            if record.year == year:
                if record.members is not None and record.members != members:
                    raise _fail(f"{where}.members", f"khác với history[{i}].members của năm {year}")
                record.members = members
                break
        else:
            raise _fail(f"{where}.members", f"không có bản ghi năm {year} trong history")
    return Subject(
        id=str(subject_id),
        kind=kind,
        history=tuple(sorted(records, key=lambda r: r.year)),
        disciplines=tuple(disciplines),
        holds=holds,
        gender=gender,
    )


def parse_request(data: Any, rulesets: Rulesets | None = None) -> Request:
    """Check and convert a decoded request; raises :class:`InputError` naming the first problem."""
    obj = _obj(data, "", {"as_of", "year", "subjects"}, set())
    as_of = _date(obj["as_of"], "as_of")
    year = _int(obj["year"], "year", 1945, 2200)
    if year > as_of.year:
        raise _fail("year", f"năm xét {year} sau ngày đánh giá {as_of.isoformat()}")
    try:
        ruleset = (rulesets or default_rulesets()).for_date(as_of)
    except NoRulesetInForce as exc:
        raise _fail("as_of", str(exc)) from None
    subjects = obj["subjects"]
    if not isinstance(subjects, list):
        raise _fail("subjects", "phải là danh sách")
    parsed = tuple(_subject(s, f"subjects[{i}]", year, ruleset) for i, s in enumerate(subjects))
    ids: set[str] = set()
    for i, subject in enumerate(parsed):
        if subject.id in ids:
            raise _fail(f"subjects[{i}].id", f"mã đối tượng {subject.id!r} bị lặp")
        ids.add(subject.id)
    return Request(as_of=as_of, year=year, ruleset=ruleset, subjects=parsed)


def parse_request_text(text: str, rulesets: Rulesets | None = None) -> Request:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"JSON không hợp lệ (dòng {exc.lineno}, cột {exc.colno}): {exc.msg}") from None
    return parse_request(data, rulesets)


def verdicts_json(ruleset: Ruleset, results: Sequence[SubjectVerdicts]) -> dict[str, Any]:
    """The output document: ``{"ruleset": …, "results": [{"id", "verdicts": [{"award", "status", "reasons"}]}]}``."""
    return {
        "ruleset": ruleset.id,
        "results": [
            {
                "id": result.id,
                "verdicts": [
                    {
                        "award": verdict.award,
                        "status": verdict.status.value,
                        "reasons": [
                            {
                                "met": reason.met,
                                "text": reason.text,
                                "citation": reason.citation,
                                "basis": str(reason.basis),
                                "confidence": reason.confidence,
                            }
                            for reason in verdict.reasons
                        ],
                    }
                    for verdict in result.verdicts
                ],
            }
            for result in results
        ],
    }
