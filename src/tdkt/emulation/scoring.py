"""The structure of a scoring table, as plain data: parse and check it, turn it into a snapshot, compare two.

A table travels as one nested structure, the same for the services, the API, the versions' snapshots and the
copy from last year::

    {
        "criteria": [
            {"code": "I", "name": "…", "max_points": "60", "guidance": "", "children": [
                {"code": "1", "name": "…", "max_points": "30", "children": [
                    {"code": "1.1", "name": "…", "max_points": "10"}, …]}, …]}, …],
        "bonus_items": [{"code": "1", "name": "…", "points": "1", "cap": "3"}, …],
        "penalty_items": [{"code": "1", "name": "…", "points": "2", "cap": "10"}, …],
        "bonus_cap": "5",
        "penalty_cap": "10",
    }

Points are decimals with at most two places (a comma is read as the decimal separator, as Vietnamese writes
them) and are stored in snapshots as canonical strings, so that JSON never rounds them.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from tdkt import vn

MAX_DEPTH = 3
MAX_POINTS = Decimal("999999.99")
CODE_LENGTH = 20
NAME_LENGTH = 500


@dataclass
class Node:
    code: str
    name: str
    max_points: Decimal
    guidance: str = ""
    children: list[Node] = field(default_factory=list)


@dataclass
class Item:
    code: str
    name: str
    points: Decimal
    cap: Decimal


@dataclass
class TableSpec:
    criteria: list[Node]
    bonus_items: list[Item]
    penalty_items: list[Item]
    bonus_cap: Decimal
    penalty_cap: Decimal

    @property
    def total(self) -> Decimal:
        return sum((node.max_points for node in self.criteria), Decimal(0))


def format_points(value: Decimal | str | int | None) -> str:
    """10.00 → "10", 2.50 → "2,5" (Vietnamese decimal comma)."""
    if value is None or value == "":
        return ""
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    return canonical(number).replace(".", ",")


def canonical(value: Decimal) -> str:
    """The snapshot form of a number: "10", "2.5" (no trailing zeros, dot as separator)."""
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def parse_points(value: Any) -> Decimal | None:
    """A number of points from user input or JSON, or None when it is not a valid one."""
    if isinstance(value, bool) or value is None:
        return None
    text = str(value).strip().replace(" ", "").replace(",", ".")
    if not text:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    if not number.is_finite() or number < 0 or number > MAX_POINTS:
        return None
    if number != number.quantize(Decimal("0.01")):
        return None
    return number.quantize(Decimal("0.01"))


class _Errors:
    def __init__(self) -> None:
        self.messages: list[str] = []

    def add(self, message: str) -> None:
        if message not in self.messages:
            self.messages.append(message)

    def raise_if_any(self) -> None:
        if self.messages:
            raise ValidationError(self.messages)


def _text(value: Any, limit: int) -> str:
    return vn.clean(str(value or ""))[:limit] if value is not None else ""


def _where(path: Sequence[str]) -> str:
    return " › ".join(path)


def _parse_node(raw: Any, path: list[str], depth: int, errors: _Errors) -> Node | None:
    if not isinstance(raw, Mapping):
        errors.add(_("Tiêu chí ở vị trí %(where)s không đúng cấu trúc.") % {"where": _where(path) or "1"})
        return None
    code = _text(raw.get("code"), CODE_LENGTH + 1)
    name = _text(raw.get("name"), NAME_LENGTH + 1)
    here = [*path, code or "?"]
    label = _where(here)
    if not code:
        errors.add(_("Tiêu chí “%(name)s” chưa có số thứ tự.") % {"name": name or label})
    elif len(code) > CODE_LENGTH:
        errors.add(_("Số thứ tự “%(code)s” dài quá 20 ký tự.") % {"code": code})
    if not name:
        errors.add(_("Tiêu chí %(where)s chưa có nội dung.") % {"where": label})
    elif len(name) > NAME_LENGTH:
        errors.add(_("Nội dung tiêu chí %(where)s dài quá 500 ký tự.") % {"where": label})
    max_points = parse_points(raw.get("max_points"))
    if max_points is None:
        errors.add(
            _(
                "Tiêu chí %(where)s: điểm tối đa “%(value)s” không hợp lệ (số không âm, tối đa hai chữ số thập phân)."
            )
            % {"where": label, "value": raw.get("max_points", "")}
        )
    elif max_points == 0:
        errors.add(_("Tiêu chí %(where)s: điểm tối đa phải lớn hơn 0.") % {"where": label})
    raw_children = raw.get("children") or []
    if not isinstance(raw_children, list):
        errors.add(_("Tiêu chí %(where)s: danh sách tiêu chí con không đúng cấu trúc.") % {"where": label})
        raw_children = []
    if raw_children and depth >= MAX_DEPTH:
        errors.add(
            _("Bảng chấm điểm chỉ có ba cấp (nhóm, tiêu chí, tiêu chí con): %(where)s có thêm cấp con.")
            % {"where": label}
        )
        raw_children = []
    children = _parse_nodes(raw_children, here, depth + 1, errors)
    node = Node(
        code=code,
        name=name,
        max_points=max_points or Decimal(0),
        guidance=vn.clean(str(raw.get("guidance") or "")),
        children=children,
    )
    if children and max_points is not None:
        total = sum((child.max_points for child in children), Decimal(0))
        if total != max_points:
            errors.add(
                _(
                    "Tiêu chí %(where)s: điểm tối đa (%(max)s) phải bằng tổng điểm tối đa của các tiêu chí con "
                    "(%(sum)s)."
                )
                % {"where": label, "max": format_points(max_points), "sum": format_points(total)}
            )
    return node


def _parse_nodes(raw: Iterable[Any], path: list[str], depth: int, errors: _Errors) -> list[Node]:
    nodes = [node for item in raw if (node := _parse_node(item, path, depth, errors)) is not None]
    seen: set[str] = set()
    for node in nodes:
        if node.code and node.code in seen:
            errors.add(
                _("Số thứ tự “%(code)s” bị trùng trong cùng một cấp (%(where)s).")
                % {"code": node.code, "where": _where(path) or _("cấp nhóm")}
            )
        seen.add(node.code)
    return nodes


def _kind_label(kind: str) -> str:
    return _("Điểm thưởng") if kind == "bonus" else _("Điểm trừ")


def _parse_items(raw: Any, kind: str, errors: _Errors) -> list[Item]:
    if raw in (None, ""):
        return []
    if not isinstance(raw, list):
        errors.add(_("%(kind)s: danh sách không đúng cấu trúc.") % {"kind": _kind_label(kind)})
        return []
    items: list[Item] = []
    seen: set[str] = set()
    for position, entry in enumerate(raw, start=1):
        label = _kind_label(kind)
        if not isinstance(entry, Mapping):
            errors.add(_("%(kind)s, mục %(n)s: không đúng cấu trúc.") % {"kind": label, "n": position})
            continue
        code = _text(entry.get("code"), CODE_LENGTH + 1)
        name = _text(entry.get("name"), NAME_LENGTH + 1)
        where = code or str(position)
        if not code:
            errors.add(_("%(kind)s, mục %(n)s: chưa có số thứ tự.") % {"kind": label, "n": position})
        elif len(code) > CODE_LENGTH:
            errors.add(_("Số thứ tự “%(code)s” dài quá 20 ký tự.") % {"code": code})
        elif code in seen:
            errors.add(_("%(kind)s: số thứ tự “%(code)s” bị trùng.") % {"kind": label, "code": code})
        seen.add(code)
        if not name:
            errors.add(_("%(kind)s %(code)s: chưa có nội dung.") % {"kind": label, "code": where})
        elif len(name) > NAME_LENGTH:
            errors.add(_("%(kind)s %(code)s: nội dung dài quá 500 ký tự.") % {"kind": label, "code": where})
        points = parse_points(entry.get("points"))
        cap = parse_points(entry.get("cap"))
        if points is None or points == 0:
            errors.add(
                _(
                    "%(kind)s %(code)s: số điểm “%(value)s” không hợp lệ (số dương, tối đa hai chữ số thập phân)."
                )
                % {"kind": label, "code": where, "value": entry.get("points", "")}
            )
        if cap is None:
            errors.add(
                _("%(kind)s %(code)s: mức tối đa “%(value)s” không hợp lệ.")
                % {"kind": label, "code": where, "value": entry.get("cap", "")}
            )
        elif points is not None and cap < points:
            errors.add(
                _("%(kind)s %(code)s: mức tối đa (%(cap)s) không được nhỏ hơn số điểm mỗi lần (%(points)s).")
                % {"kind": label, "code": where, "cap": format_points(cap), "points": format_points(points)}
            )
        items.append(Item(code=code, name=name, points=points or Decimal(0), cap=cap or Decimal(0)))
    return items


def _parse_cap(raw: Any, message: str, errors: _Errors) -> Decimal:
    if raw in (None, ""):
        return Decimal(0)
    value = parse_points(raw)
    if value is None:
        errors.add(message % {"value": raw})
        return Decimal(0)
    return value


def parse_table(raw: Any) -> TableSpec:
    """Check a table structure and return it parsed; raise one ValidationError listing every problem.

    A parent's maximum must equal the sum of its children's maxima; bonus and penalty items need a positive
    number of points and a cap not below it, and no item may be capped above the table's total cap.
    """
    errors = _Errors()
    if isinstance(raw, list):
        raw = {"criteria": raw}
    if not isinstance(raw, Mapping):
        raise ValidationError(_("Bảng chấm điểm không đúng cấu trúc."))
    raw_criteria = raw.get("criteria") or []
    if not isinstance(raw_criteria, list):
        errors.add(_("Danh sách tiêu chí không đúng cấu trúc."))
        raw_criteria = []
    criteria = _parse_nodes(raw_criteria, [], 1, errors)
    bonus_cap = _parse_cap(
        raw.get("bonus_cap"), _("Tổng điểm thưởng tối đa “%(value)s” không hợp lệ."), errors
    )
    penalty_cap = _parse_cap(
        raw.get("penalty_cap"), _("Tổng điểm trừ tối đa “%(value)s” không hợp lệ."), errors
    )
    bonus_items = _parse_items(raw.get("bonus_items"), "bonus", errors)
    penalty_items = _parse_items(raw.get("penalty_items"), "penalty", errors)
    for kind, items, table_cap in (
        ("bonus", bonus_items, bonus_cap),
        ("penalty", penalty_items, penalty_cap),
    ):
        for item in items:
            if item.cap > table_cap:
                errors.add(
                    _("%(kind)s %(code)s: mức tối đa (%(cap)s) vượt tổng tối đa của bảng (%(total)s).")
                    % {
                        "kind": _kind_label(kind),
                        "code": item.code,
                        "cap": format_points(item.cap),
                        "total": format_points(table_cap),
                    }
                )
    errors.raise_if_any()
    return TableSpec(criteria, bonus_items, penalty_items, bonus_cap, penalty_cap)


def _node_snapshot(node: Node) -> dict[str, Any]:
    data: dict[str, Any] = {"code": node.code, "name": node.name, "max_points": canonical(node.max_points)}
    if node.guidance:
        data["guidance"] = node.guidance
    if node.children:
        data["children"] = [_node_snapshot(child) for child in node.children]
    return data


def _item_snapshot(item: Item) -> dict[str, Any]:
    return {
        "code": item.code,
        "name": item.name,
        "points": canonical(item.points),
        "cap": canonical(item.cap),
    }


def snapshot(spec: TableSpec) -> dict[str, Any]:
    """The JSON form of a parsed table (what versions store and the API returns)."""
    return {
        "criteria": [_node_snapshot(node) for node in spec.criteria],
        "bonus_items": [_item_snapshot(item) for item in spec.bonus_items],
        "penalty_items": [_item_snapshot(item) for item in spec.penalty_items],
        "bonus_cap": canonical(spec.bonus_cap),
        "penalty_cap": canonical(spec.penalty_cap),
    }


def empty_snapshot() -> dict[str, Any]:
    return snapshot(TableSpec([], [], [], Decimal(0), Decimal(0)))


# --- the outline: the tree as rows, the way the editing page shows it -----------------------------------------


@dataclass(frozen=True)
class OutlineRow:
    depth: int
    code: str
    name: str
    max_points: str
    guidance: str = ""
    path: tuple[str, ...] = ()


def outline(
    criteria: Sequence[Mapping[str, Any]], path: tuple[str, ...] = (), depth: int = 1
) -> list[OutlineRow]:
    """The criteria of a snapshot as rows in printed order, each with its depth and its path of codes."""
    rows: list[OutlineRow] = []
    for node in criteria:
        here = (*path, str(node.get("code", "")))
        rows.append(
            OutlineRow(
                depth=depth,
                code=str(node.get("code", "")),
                name=str(node.get("name", "")),
                max_points=str(node.get("max_points", "")),
                guidance=str(node.get("guidance", "")),
                path=here,
            )
        )
        rows.extend(outline(node.get("children") or [], here, depth + 1))
    return rows


def tree_from_outline(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Rebuild the nested criteria from rows with a depth (1 group, 2 criterion, 3 sub-criterion): each row
    hangs under the nearest row above it that is one level higher."""
    roots: list[dict[str, Any]] = []
    stack: list[dict[str, Any]] = []
    for number, row in enumerate(rows, start=1):
        depth = int(row.get("depth") or 1)
        if depth < 1 or depth > MAX_DEPTH or depth > len(stack) + 1:
            raise ValidationError(
                _("Dòng %(row)s (%(code)s): cấp %(depth)s không có tiêu chí cấp trên ngay trước nó.")
                % {"row": number, "code": row.get("code") or "?", "depth": depth}
            )
        node = {
            "code": row.get("code", ""),
            "name": row.get("name", ""),
            "max_points": row.get("max_points", ""),
            "guidance": row.get("guidance", ""),
            "children": [],
        }
        del stack[depth - 1 :]
        (stack[-1]["children"] if stack else roots).append(node)
        stack.append(node)
    return roots


# --- comparing two versions -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DiffRow:
    """One line of a comparison: ``left``/``right`` are the line's values in each version (None if absent)."""

    section: str
    key: tuple[str, ...]
    depth: int
    left: Mapping[str, str] | None
    right: Mapping[str, str] | None

    @property
    def status(self) -> str:
        if self.left is None:
            return "added"
        if self.right is None:
            return "removed"
        return "same" if dict(self.left) == dict(self.right) else "changed"

    @property
    def code(self) -> str:
        return self.key[-1] if self.key else ""


def _lines(snap: Mapping[str, Any]) -> list[tuple[str, tuple[str, ...], int, dict[str, str]]]:
    lines: list[tuple[str, tuple[str, ...], int, dict[str, str]]] = []
    for row in outline(snap.get("criteria") or []):
        values = {"name": row.name, "points": format_points(row.max_points), "guidance": row.guidance}
        lines.append(("criteria", row.path, row.depth, values))
    for section in ("bonus_items", "penalty_items"):
        for item in snap.get(section) or []:
            values = {
                "name": str(item.get("name", "")),
                "points": format_points(item.get("points")),
                "cap": format_points(item.get("cap")),
            }
            lines.append((section, (str(item.get("code", "")),), 1, values))
    for section in ("bonus_cap", "penalty_cap"):
        lines.append((section, (), 1, {"points": format_points(snap.get(section) or "0")}))
    return lines


def compare(left: Mapping[str, Any], right: Mapping[str, Any]) -> list[DiffRow]:
    """Line up two snapshots: rows present in both (same or changed), removed from the left, added on the right.

    Lines are matched by their section and path of codes (group › criterion › sub-criterion), in printed order.
    """
    a, b = _lines(left), _lines(right)
    keys_a = [(section, key) for section, key, _depth, _values in a]
    keys_b = [(section, key) for section, key, _depth, _values in b]
    rows: list[DiffRow] = []
    matcher = difflib.SequenceMatcher(None, keys_a, keys_b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for (section, key, depth, va), (_s, _k, _d, vb) in zip(a[i1:i2], b[j1:j2], strict=True):
                rows.append(DiffRow(section, key, depth, va, vb))
            continue
        for section, key, depth, va in a[i1:i2]:
            rows.append(DiffRow(section, key, depth, va, None))
        for section, key, depth, vb in b[j1:j2]:
            rows.append(DiffRow(section, key, depth, None, vb))
    return rows
