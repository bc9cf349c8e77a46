"""Reading one ruleset file: a small strict schema that names the file and the item in every error."""

from __future__ import annotations

import datetime
import tomllib
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from itertools import pairwise
from typing import Any, Final

from tdkt.rules.codes import (
    MEMBER_FIELDS,
    RATING_RANK,
    SCOPE_NAMES,
    SUBJECT_KIND_NAMES,
    Confidence,
    InitiativeKind,
    LeaveKind,
)
from tdkt.rules.ruleset.model import (
    INFO_TYPES,
    RUN_TYPES,
    SCHEMA_VERSION,
    WINDOW_TYPES,
    Award,
    BaseSalary,
    BonusRow,
    Cited,
    ConditionSpec,
    Note,
    Principle,
    RatingCap,
    Route,
    Ruleset,
    RulesetError,
    VoteRule,
    condition_placeholders,
)

CONFIDENCES: Final = frozenset(c.value for c in Confidence)
KINDS: Final = frozenset(SUBJECT_KIND_NAMES)
AWARD_KINDS: Final = frozenset({"title", "form"})


class _Reader:
    """Reads one file's tables, collecting the path of each item for error messages."""

    def __init__(self, name: str) -> None:
        self.name = name

    def error(self, where: str, message: str) -> RulesetError:
        return RulesetError(f"{self.name}: {where}: {message}")

    def table(self, value: Any, where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.error(where, "phải là một bảng (table)")
        return value

    def keys(self, table: Mapping[str, Any], where: str, required: set[str], optional: set[str]) -> None:
        unknown = sorted(set(table) - required - optional)
        if unknown:
            raise self.error(where, f"khóa không hợp lệ: {', '.join(unknown)}")
        missing = sorted(k for k in required if k not in table)
        if missing:
            raise self.error(where, f"thiếu khóa: {', '.join(missing)}")

    def text(self, table: Mapping[str, Any], key: str, where: str, default: str | None = None) -> str:
        value = table.get(key, default)
        if not isinstance(value, str) or not value.strip():
            raise self.error(where, f"'{key}' phải là chuỗi không rỗng")
        return value

    def integer(
        self, table: Mapping[str, Any], key: str, where: str, low: int = 0, high: int = 10**12
    ) -> int:
        value = table.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise self.error(where, f"'{key}' phải là số nguyên từ {low} đến {high}")
        return value

    def date(self, table: Mapping[str, Any], key: str, where: str) -> datetime.date:
        value = table.get(key)
        if isinstance(value, datetime.datetime) or not isinstance(value, datetime.date):
            raise self.error(where, f"'{key}' phải là ngày (YYYY-MM-DD, không có giờ)")
        return value

    def decimal(self, table: Mapping[str, Any], key: str, where: str) -> Decimal:
        value = table.get(key)
        if not isinstance(value, str):
            raise self.error(where, f"'{key}' phải là số thập phân viết trong dấu nháy, ví dụ \"0.3\"")
        try:
            number = Decimal(value)
        except InvalidOperation:
            raise self.error(where, f"'{key}' không phải số thập phân: {value!r}") from None
        if not number.is_finite() or number <= 0:
            raise self.error(where, f"'{key}' phải lớn hơn 0")
        return number

    def strings(
        self, table: Mapping[str, Any], key: str, where: str, allowed: Iterable[str] | None = None
    ) -> list[str]:
        value = table.get(key)
        if not isinstance(value, list) or not value or not all(isinstance(v, str) and v for v in value):
            raise self.error(where, f"'{key}' phải là danh sách chuỗi không rỗng")
        if allowed is not None:
            allowed = set(allowed)
            bad = [v for v in value if v not in allowed]
            if bad:
                raise self.error(where, f"'{key}' có giá trị không hợp lệ: {', '.join(bad)}")
        if len(set(value)) != len(value):
            raise self.error(where, f"'{key}' có giá trị lặp")
        return value

    def cited(self, table: Mapping[str, Any], where: str) -> Cited:
        citation = table.get("citation")
        if not isinstance(citation, str) or not citation.strip():
            raise self.error(where, "thiếu trích dẫn điều khoản ('citation')")
        confidence = table.get("confidence")
        if confidence not in CONFIDENCES:
            raise self.error(where, "'confidence' phải là V, S hoặc U")
        note = table.get("note", "")
        source = table.get("source", "")
        if not isinstance(note, str) or not isinstance(source, str):
            raise self.error(where, "'note' và 'source' phải là chuỗi")
        if confidence != Confidence.VERIFIED and not note.strip():
            raise self.error(where, f"mức tin cậy {confidence} cần 'note' nói rõ điều chưa chắc chắn")
        return Cited(citation=citation, confidence=confidence, note=note, source=source)


def _rating(reader: _Reader, table: Mapping[str, Any], where: str, key: str = "rating") -> str:
    value = table.get(key)
    if value not in RATING_RANK:
        raise reader.error(where, f"'{key}' phải là một trong {', '.join(RATING_RANK)}")
    return str(value)


def _read_condition(reader: _Reader, raw: Any, where: str) -> ConditionSpec:
    table = reader.table(raw, where)
    kind = table.get("type")
    if kind not in _CONDITION_PARAMS:
        raise reader.error(where, f"loại điều kiện không hợp lệ: {kind!r}")
    params_spec = _CONDITION_PARAMS[kind]
    required = {k for k, (_, needed) in params_spec.items() if needed}
    optional = {k for k, (_, needed) in params_spec.items() if not needed}
    reader.keys(
        table, where, {"type", "text", "citation", "confidence"} | required, optional | {"note", "source"}
    )
    params: dict[str, Any] = {}
    for key, (read, _) in params_spec.items():
        if key in table:
            params[key] = read(reader, table, key, where)
    options: tuple[ConditionSpec, ...] = ()
    if kind == "any":
        params.pop("options", None)
        raw_options = table["options"]
        if not isinstance(raw_options, list) or len(raw_options) < 2:
            raise reader.error(where, "'options' cần ít nhất hai điều kiện")
        options = tuple(
            _read_condition(reader, option, f"{where}.options[{i}]") for i, option in enumerate(raw_options)
        )
        for i, option in enumerate(options):
            if option.type in WINDOW_TYPES | RUN_TYPES | INFO_TYPES | {"any", "judgment"}:
                raise reader.error(f"{where}.options[{i}]", f"'{option.type}' không dùng được trong 'any'")
            if option.type == "initiatives" and option.params.get("window") == "run":
                raise reader.error(f"{where}.options[{i}]", "trong 'any' chỉ dùng window = \"year\"")
    return ConditionSpec(
        type=kind,
        params=params,
        text=reader.text(table, "text", where),
        cited=reader.cited(table, where),
        options=options,
    )


def _p_rating(reader: _Reader, t: Mapping[str, Any], key: str, where: str) -> str:
    return _rating(reader, t, where, key)


def _p_count(reader: _Reader, t: Mapping[str, Any], key: str, where: str) -> int:
    return reader.integer(t, key, where, 0, 100)


def _p_positive(reader: _Reader, t: Mapping[str, Any], key: str, where: str) -> int:
    return reader.integer(t, key, where, 1, 100)


def _p_months(reader: _Reader, t: Mapping[str, Any], key: str, where: str) -> int:
    return reader.integer(t, key, where, 1, 12)


def _p_code(reader: _Reader, t: Mapping[str, Any], key: str, where: str) -> str:
    return reader.text(t, key, where)


def _p_codes(reader: _Reader, t: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    return tuple(reader.strings(t, key, where))


def _p_scope(reader: _Reader, t: Mapping[str, Any], key: str, where: str) -> str:
    value = t.get(key)
    if value not in SCOPE_NAMES:
        raise reader.error(where, f"'{key}' phải là một trong {', '.join(SCOPE_NAMES)}")
    return str(value)


def _p_window(reader: _Reader, t: Mapping[str, Any], key: str, where: str) -> str:
    value = t.get(key)
    if value not in ("year", "run"):
        raise reader.error(where, f'\'{key}\' phải là "year" hoặc "run"')
    return str(value)


def _p_kinds(reader: _Reader, t: Mapping[str, Any], key: str, where: str) -> frozenset[str]:
    return frozenset(reader.strings(t, key, where, [k.value for k in InitiativeKind]))


def _p_field(reader: _Reader, t: Mapping[str, Any], key: str, where: str) -> str:
    value = t.get(key)
    if value not in MEMBER_FIELDS or value == "total":
        raise reader.error(
            where, f"'{key}' phải là một trong {', '.join(f for f in MEMBER_FIELDS if f != 'total')}"
        )
    return str(value)


def _p_share(reader: _Reader, t: Mapping[str, Any], key: str, where: str) -> Fraction:
    value = reader.decimal(t, key, where)
    if value > 1:
        raise reader.error(where, f"'{key}' là tỷ lệ, không được lớn hơn 1")
    return Fraction(value)


def _p_options(reader: _Reader, t: Mapping[str, Any], key: str, where: str) -> None:
    return None  # read by _read_condition itself


_ParamReader = Callable[[_Reader, Mapping[str, Any], str, str], Any]
_CONDITION_PARAMS: Final[dict[str, dict[str, tuple[_ParamReader, bool]]]] = {
    "rating_min": {"rating": (_p_rating, True)},
    "months_min": {"months": (_p_months, True)},
    "standard": {"award": (_p_code, True)},
    "any": {"options": (_p_options, True)},
    "initiatives": {
        "scope": (_p_scope, True),
        "count": (_p_positive, True),
        "window": (_p_window, True),
        "kinds": (_p_kinds, True),
    },
    "title_chain": {"title": (_p_code, True), "count": (_p_positive, True), "step": (_p_positive, False)},
    "after_award": {"prior": (_p_codes, True), "years": (_p_positive, True), "rating": (_p_rating, True)},
    "titles_in_run": {"title": (_p_code, True), "count": (_p_positive, True)},
    "ratings_in_run": {"rating": (_p_rating, True), "count": (_p_positive, True)},
    "rating_run": {"rating": (_p_rating, True), "count": (_p_positive, True)},
    "members_share_min": {"field": (_p_field, True), "share": (_p_share, True)},
    "members_min": {"field": (_p_field, True), "count": (_p_positive, True)},
    "members_max": {"field": (_p_field, True), "count": (_p_count, True)},
    "leads_block": {},
    "judgment": {},
    "dossier": {},
}
CONDITION_TYPES: Final = frozenset(_CONDITION_PARAMS)


def _read_route(reader: _Reader, raw: Any, where: str, award_subjects: frozenset[str]) -> Route:
    table = reader.table(raw, where)
    reader.keys(
        table,
        where,
        {"id", "label", "subjects"} | {"citation", "confidence"},
        {"evaluated", "conditions", "note", "source"},
    )
    subjects = frozenset(reader.strings(table, "subjects", where, KINDS))
    if not subjects <= award_subjects:
        raise reader.error(where, "đối tượng của trường hợp phải thuộc đối tượng của danh hiệu, hình thức")
    evaluated = table.get("evaluated", True)
    if not isinstance(evaluated, bool):
        raise reader.error(where, "'evaluated' phải là true hoặc false")
    raw_conditions = table.get("conditions", [])
    if not isinstance(raw_conditions, list):
        raise reader.error(where, "'conditions' phải là danh sách")
    if evaluated and not raw_conditions:
        raise reader.error(where, "trường hợp được đánh giá cần ít nhất một điều kiện")
    if not evaluated and raw_conditions:
        raise reader.error(where, "trường hợp không đánh giá (evaluated = false) không có điều kiện")
    conditions = tuple(
        _read_condition(reader, c, f"{where}.conditions[{i}]") for i, c in enumerate(raw_conditions)
    )
    window = False
    for i, c in enumerate(conditions):
        needs_window = c.type in RUN_TYPES or (c.type == "initiatives" and c.params["window"] == "run")
        if needs_window and not window:
            raise reader.error(
                f"{where}.conditions[{i}]",
                f"'{c.type}' tính trong một khoảng năm: cần một điều kiện {', '.join(sorted(WINDOW_TYPES))} trước nó",
            )
        window = window or c.type in WINDOW_TYPES
    if sum(c.type in WINDOW_TYPES for c in conditions) > 1:
        raise reader.error(where, "mỗi trường hợp chỉ có một điều kiện xác định khoảng năm")
    return Route(
        id=reader.text(table, "id", where),
        label=reader.text(table, "label", where),
        subjects=subjects,
        evaluated=evaluated,
        conditions=conditions,
        cited=reader.cited(table, where),
    )


def _read_note(reader: _Reader, raw: Any, where: str, with_items: bool = False) -> Note:
    table = reader.table(raw, where)
    required = {"citation", "confidence"} | ({"items"} if with_items else {"label"})
    reader.keys(table, where, required, {"note", "source"})
    items = tuple(reader.strings(table, "items", where)) if with_items else ()
    label = "; ".join(items) if with_items else reader.text(table, "label", where)
    return Note(label=label, cited=reader.cited(table, where), items=items)


def _read_award(reader: _Reader, award_id: str, raw: Any) -> Award:
    where = f"awards.{award_id}"
    table = reader.table(raw, where)
    reader.keys(
        table,
        where,
        {"name", "kind", "subjects", "citation", "confidence"},
        {
            "period_years",
            "evaluated",
            "routes",
            "bonus",
            "vote",
            "decided_by",
            "dossier",
            "quota",
            "note",
            "source",
        },
    )
    kind = table.get("kind")
    if kind not in AWARD_KINDS:
        raise reader.error(where, '\'kind\' phải là "title" hoặc "form"')
    subjects = frozenset(reader.strings(table, "subjects", where, KINDS))
    period_years: int | None = None
    if kind == "title":
        period_years = reader.integer(table, "period_years", where, 1, 20)
    elif "period_years" in table:
        raise reader.error(where, "'period_years' chỉ dành cho danh hiệu thi đua")
    evaluated = table.get("evaluated", True)
    if not isinstance(evaluated, bool):
        raise reader.error(where, "'evaluated' phải là true hoặc false")
    raw_routes = table.get("routes", [])
    if not isinstance(raw_routes, list):
        raise reader.error(where, "'routes' phải là danh sách")
    routes = tuple(_read_route(reader, r, f"{where}.routes[{i}]", subjects) for i, r in enumerate(raw_routes))
    if len({r.id for r in routes}) != len(routes):
        raise reader.error(where, "mã trường hợp ('id') bị lặp")
    if evaluated:
        for subject in sorted(subjects):
            if not any(r.evaluated and subject in r.subjects for r in routes):
                raise reader.error(
                    where, f"không có trường hợp nào được đánh giá cho {SUBJECT_KIND_NAMES[subject]}"
                )
    elif routes:
        raise reader.error(where, "danh hiệu, hình thức không đánh giá (evaluated = false) không có 'routes'")
    raw_bonus = table.get("bonus", [])
    if not isinstance(raw_bonus, list):
        raise reader.error(where, "'bonus' phải là danh sách")
    bonus: list[BonusRow] = []
    for i, raw_row in enumerate(raw_bonus):
        row_where = f"{where}.bonus[{i}]"
        row = reader.table(raw_row, row_where)
        reader.keys(
            row, row_where, {"subject", "coefficient", "citation", "confidence"}, {"issuer", "note", "source"}
        )
        row_subject = row.get("subject")
        if row_subject not in subjects:
            raise reader.error(row_where, "'subject' phải thuộc đối tượng của danh hiệu, hình thức")
        issuer = reader.text(row, "issuer", row_where) if "issuer" in row else None
        bonus.append(
            BonusRow(
                subject=str(row_subject),
                coefficient=reader.decimal(row, "coefficient", row_where),
                issuer=issuer,
                cited=reader.cited(row, row_where),
            )
        )
    if len({(b.subject, b.issuer) for b in bonus}) != len(bonus):
        raise reader.error(where, "hệ số tiền thưởng bị lặp cho cùng đối tượng và người tặng")
    vote: VoteRule | None = None
    if "vote" in table:
        vote_where = f"{where}.vote"
        vt = reader.table(table["vote"], vote_where)
        reader.keys(vt, vote_where, {"share", "label", "citation", "confidence"}, {"note", "source"})
        vote = VoteRule(
            share=_p_share(reader, vt, "share", vote_where),
            label=reader.text(vt, "label", vote_where),
            cited=reader.cited(vt, vote_where),
        )
    quota = table.get("quota", "")
    if not isinstance(quota, str):
        raise reader.error(where, "'quota' phải là chuỗi")
    return Award(
        id=award_id,
        name=reader.text(table, "name", where),
        kind=str(kind),
        subjects=subjects,
        period_years=period_years,
        evaluated=evaluated,
        cited=reader.cited(table, where),
        routes=routes,
        bonus=tuple(bonus),
        vote=vote,
        decided_by=_read_note(reader, table["decided_by"], f"{where}.decided_by")
        if "decided_by" in table
        else None,
        dossier=_read_note(reader, table["dossier"], f"{where}.dossier", with_items=True)
        if "dossier" in table
        else None,
        quota=quota,
    )


def _check_references(reader: _Reader, awards: Mapping[str, Award]) -> tuple[str, ...]:
    """Every code a condition names exists and fits; returns the evaluated awards in dependency order."""
    depends: dict[str, set[str]] = {}
    for award in awards.values():
        needs: set[str] = set()
        for r_index, route in enumerate(award.routes):
            for c_index, spec in enumerate(route.conditions):
                where = f"awards.{award.id}.routes[{r_index}].conditions[{c_index}]"
                for s in (spec, *spec.options):
                    needs |= _check_condition(reader, s, award, route, awards, where)
                try:
                    spec.text.format_map(condition_placeholders(spec, award, awards))
                    for option in spec.options:
                        option.text.format_map(condition_placeholders(option, award, awards))
                except (KeyError, ValueError, IndexError) as exc:
                    raise reader.error(where, f"'text' dùng chỗ trống không có: {exc}") from None
        if award.evaluated:
            depends[award.id] = needs
    order: list[str] = []
    state: dict[str, int] = {}

    def visit(award_id: str, trail: tuple[str, ...]) -> None:
        if state.get(award_id) == 2:
            return
        if state.get(award_id) == 1:
            raise reader.error("awards", f"vòng phụ thuộc: {' → '.join((*trail, award_id))}")
        state[award_id] = 1
        for dep in sorted(depends.get(award_id, ())):
            if dep in depends:
                visit(dep, (*trail, award_id))
        state[award_id] = 2
        order.append(award_id)

    for award_id in depends:
        visit(award_id, ())
    return tuple(order)


def _check_condition(
    reader: _Reader, spec: ConditionSpec, award: Award, route: Route, awards: Mapping[str, Award], where: str
) -> set[str]:
    p = spec.params
    needs: set[str] = set()
    if spec.type == "standard":
        target = awards.get(p["award"])
        if target is None or not target.evaluated:
            raise reader.error(
                where, f"'award' không phải danh hiệu, hình thức được đánh giá: {p['award']!r}"
            )
        if not route.subjects <= target.subjects:
            raise reader.error(where, f"'{p['award']}' không áp dụng cho cùng đối tượng")
        needs.add(target.id)
    for key in ("title",):
        if key in p:
            target = awards.get(p[key])
            if target is None or target.kind != "title":
                raise reader.error(where, f"'{key}' không phải mã danh hiệu thi đua: {p[key]!r}")
            if target.evaluated and route.subjects <= target.subjects:
                needs.add(target.id)  # the title of the year considered may still be pending
    for prior in p.get("prior", ()):
        if prior not in awards:
            raise reader.error(where, f"'prior' có mã không tồn tại: {prior!r}")
    if spec.type in {"members_share_min", "members_min", "members_max", "leads_block"} and route.subjects != {
        "collective"
    }:
        raise reader.error(where, f"'{spec.type}' chỉ dùng cho tập thể")
    return needs


def _read_base_salaries(reader: _Reader, raw: Any) -> tuple[BaseSalary, ...]:
    if not isinstance(raw, list) or not raw:
        raise reader.error("base_salary", "cần ít nhất một mức lương cơ sở")
    rows: list[BaseSalary] = []
    for i, raw_row in enumerate(raw):
        where = f"base_salary[{i}]"
        row = reader.table(raw_row, where)
        reader.keys(row, where, {"from", "amount", "citation", "confidence"}, {"note", "source"})
        rows.append(
            BaseSalary(
                effective_from=reader.date(row, "from", where),
                amount=reader.integer(row, "amount", where, 1, 10**9),
                cited=reader.cited(row, where),
            )
        )
    for before, after in pairwise(rows):
        if after.effective_from <= before.effective_from:
            raise reader.error(
                "base_salary", "các mức lương cơ sở phải theo thứ tự ngày tăng dần, không trùng ngày"
            )
    return tuple(rows)


def parse_ruleset(text: str, name: str = "<ruleset>") -> Ruleset:
    """Parse and validate one ruleset file's text (``name`` only labels error messages)."""
    reader = _Reader(name)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise reader.error("TOML", str(exc)) from None
    reader.keys(
        data,
        "(gốc)",
        {
            "schema",
            "id",
            "name",
            "effective_from",
            "citation",
            "confidence",
            "hold",
            "discipline",
            "duplicate",
            "rating_cap",
            "counted_leave",
            "bonus",
            "base_salary",
            "awards",
        },
        {"effective_to", "notes", "note", "source", "principles"},
    )
    if data.get("schema") != SCHEMA_VERSION:
        raise reader.error("schema", f"phiên bản lược đồ phải là {SCHEMA_VERSION}")
    effective_from = reader.date(data, "effective_from", "effective_from")
    effective_to = reader.date(data, "effective_to", "effective_to") if "effective_to" in data else None
    if effective_to is not None and effective_to < effective_from:
        raise reader.error("effective_to", "ngày hết hiệu lực trước ngày có hiệu lực")
    notes = data.get("notes", [])
    if not isinstance(notes, list) or not all(isinstance(n, str) for n in notes):
        raise reader.error("notes", "phải là danh sách chuỗi")

    principles: list[Principle] = []
    for i, raw in enumerate(data.get("principles", [])):
        where = f"principles[{i}]"
        table = reader.table(raw, where)
        reader.keys(table, where, {"id", "label", "citation", "confidence"}, {"note", "source"})
        principles.append(
            Principle(
                reader.text(table, "id", where),
                reader.text(table, "label", where),
                reader.cited(table, where),
            )
        )

    hold = reader.table(data["hold"], "hold")
    reader.keys(hold, "hold", {"label", "kinds", "citation", "confidence"}, {"note", "source"})
    kinds = reader.table(hold["kinds"], "hold.kinds")
    if not kinds or not all(isinstance(v, str) and v for v in kinds.values()):
        raise reader.error("hold.kinds", "cần các mã tạm hoãn với mô tả")

    discipline = reader.table(data["discipline"], "discipline")
    reader.keys(
        discipline,
        "discipline",
        {"label", "partial_year_min_months", "citation", "confidence"},
        {"note", "source"},
    )
    duplicate = reader.table(data["duplicate"], "duplicate")
    reader.keys(duplicate, "duplicate", {"label", "citation", "confidence"}, {"note", "source"})

    cap = reader.table(data["rating_cap"], "rating_cap")
    reader.keys(
        cap,
        "rating_cap",
        {"leave_kinds", "from_months", "below_months", "cap", "citation", "confidence"},
        {"note", "source"},
    )
    leave_codes = [k.value for k in LeaveKind]
    rating_cap = RatingCap(
        leave_kinds=frozenset(reader.strings(cap, "leave_kinds", "rating_cap", leave_codes)),
        from_months=reader.integer(cap, "from_months", "rating_cap", 1, 12),
        below_months=reader.integer(cap, "below_months", "rating_cap", 1, 13),
        cap=_rating(reader, cap, "rating_cap", "cap"),
        cited=reader.cited(cap, "rating_cap"),
    )
    if rating_cap.below_months <= rating_cap.from_months:
        raise reader.error("rating_cap", "'below_months' phải lớn hơn 'from_months'")

    counted: dict[str, Cited] = {}
    if not isinstance(data["counted_leave"], list):
        raise reader.error("counted_leave", "phải là danh sách")
    for i, raw in enumerate(data["counted_leave"]):
        where = f"counted_leave[{i}]"
        table = reader.table(raw, where)
        reader.keys(table, where, {"kind", "citation", "confidence"}, {"note", "source"})
        kind = table["kind"]
        if kind not in leave_codes or kind in counted:
            raise reader.error(where, f"loại nghỉ không hợp lệ hoặc bị lặp: {kind!r}")
        counted[kind] = reader.cited(table, where)
    if set(counted) & rating_cap.leave_kinds:
        raise reader.error(
            "rating_cap", "một loại nghỉ không thể vừa được tính là thời gian công tác vừa hạ mức xếp loại"
        )

    bonus = reader.table(data["bonus"], "bonus")
    reader.keys(bonus, "bonus", {"base", "rounding", "same_period", "title_and_form"}, set())
    rounding = reader.table(bonus["rounding"], "bonus.rounding")
    reader.keys(rounding, "bonus.rounding", {"label", "step", "citation", "confidence"}, {"note", "source"})
    step = reader.integer(rounding, "step", "bonus.rounding", 1, 10**9)
    bonus_rules = {
        "base": _read_note(reader, bonus["base"], "bonus.base"),
        "rounding": Note(
            reader.text(rounding, "label", "bonus.rounding"), reader.cited(rounding, "bonus.rounding")
        ),
        "same_period": _read_note(reader, bonus["same_period"], "bonus.same_period"),
        "title_and_form": _read_note(reader, bonus["title_and_form"], "bonus.title_and_form"),
    }

    raw_awards = reader.table(data["awards"], "awards")
    awards = {award_id: _read_award(reader, award_id, raw) for award_id, raw in raw_awards.items()}
    order = _check_references(reader, awards)

    return Ruleset(
        id=reader.text(data, "id", "id"),
        name=reader.text(data, "name", "name"),
        effective_from=effective_from,
        effective_to=effective_to,
        cited=reader.cited(data, "(gốc)"),
        notes=tuple(notes),
        principles=tuple(principles),
        hold_label=reader.text(hold, "label", "hold"),
        hold_kinds=dict(kinds),
        hold=reader.cited(hold, "hold"),
        discipline_label=reader.text(discipline, "label", "discipline"),
        discipline_partial_year_min_months=reader.integer(
            discipline, "partial_year_min_months", "discipline", 1, 12
        ),
        discipline=reader.cited(discipline, "discipline"),
        duplicate_label=reader.text(duplicate, "label", "duplicate"),
        duplicate=reader.cited(duplicate, "duplicate"),
        rating_cap=rating_cap,
        counted_leave=counted,
        bonus_rules=bonus_rules,
        rounding_step=step,
        base_salaries=_read_base_salaries(reader, data["base_salary"]),
        awards=awards,
        order=order,
        path=name,
    )
