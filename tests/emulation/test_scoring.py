"""The scoring table's structure: parsing with Vietnamese messages, the outline, comparing versions."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tdkt.emulation import scoring


def _messages(raw):
    with pytest.raises(ValidationError) as caught:
        scoring.parse_table(raw)
    return caught.value.messages


def test_a_valid_table_parses_with_its_total(tree):
    spec = scoring.parse_table(tree)
    assert spec.total == Decimal(100)
    assert [node.code for node in spec.criteria] == ["I", "II"]
    assert spec.criteria[0].children[0].children[1].max_points == Decimal(20)
    assert spec.penalty_items[0].points == Decimal("0.5")  # "0,5" is read with the Vietnamese decimal comma
    assert spec.bonus_cap == Decimal(5)


def test_a_parent_must_equal_the_sum_of_its_children(tree):
    tree["criteria"][0]["children"][0]["children"][1]["max_points"] = 15
    messages = _messages(tree)
    assert (
        "Tiêu chí I › 1: điểm tối đa (30) phải bằng tổng điểm tối đa của các tiêu chí con (25)." in messages
    )


def test_every_problem_is_listed_at_once(tree):
    tree["criteria"][1]["children"][0]["name"] = ""
    tree["criteria"][1]["children"][1]["max_points"] = "mười"
    messages = _messages(tree)
    assert "Tiêu chí II › 3 chưa có nội dung." in messages
    assert any("“mười” không hợp lệ" in message for message in messages)


def test_three_levels_at_most(tree):
    tree["criteria"][0]["children"][0]["children"][0]["children"] = [
        {"code": "1.1.1", "name": "Quá sâu", "max_points": 10}
    ]
    assert any("chỉ có ba cấp" in message for message in _messages(tree))


def test_sibling_codes_are_unique(tree):
    tree["criteria"][1]["children"][1]["code"] = "3"
    assert "Số thứ tự “3” bị trùng trong cùng một cấp (II)." in _messages(tree)


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ({"code": "9", "name": "Thưởng", "points": 3, "cap": 2}, "không được nhỏ hơn số điểm mỗi lần"),
        ({"code": "9", "name": "Thưởng", "points": 1, "cap": 6}, "vượt tổng tối đa của bảng (5)"),
        ({"code": "9", "name": "Thưởng", "points": 0, "cap": 1}, "số điểm “0” không hợp lệ"),
        ({"code": "9", "name": "Thưởng", "points": "1.234", "cap": 2}, "số điểm “1.234” không hợp lệ"),
        ({"code": "1", "name": "Trùng số", "points": 1, "cap": 1}, "số thứ tự “1” bị trùng"),
    ],
)
def test_bonus_items_need_points_and_a_cap_within_the_tables(tree, item, expected):
    tree["bonus_items"].append(item)
    assert any(expected in message for message in _messages(tree))


def test_snapshot_keeps_points_exact_and_round_trips(tree):
    snap = scoring.snapshot(scoring.parse_table(tree))
    assert snap["penalty_items"][0]["points"] == "0.5"
    assert snap["criteria"][1]["children"][1]["guidance"] == "Nộp muộn trừ 1 điểm."
    assert scoring.snapshot(scoring.parse_table(snap)) == snap


def test_outline_and_back(tree):
    snap = scoring.snapshot(scoring.parse_table(tree))
    rows = scoring.outline(snap["criteria"])
    assert [(row.depth, row.code) for row in rows] == [
        (1, "I"),
        (2, "1"),
        (3, "1.1"),
        (3, "1.2"),
        (2, "2"),
        (1, "II"),
        (2, "3"),
        (2, "4"),
    ]
    rebuilt = scoring.tree_from_outline([row.__dict__ for row in rows])
    assert scoring.snapshot(scoring.parse_table({**snap, "criteria": rebuilt})) == snap


def test_an_outline_row_needs_a_parent_one_level_up():
    with pytest.raises(ValidationError) as caught:
        scoring.tree_from_outline([{"depth": 1, "code": "I"}, {"depth": 3, "code": "1.1"}])
    assert "Dòng 2 (1.1): cấp 3 không có tiêu chí cấp trên ngay trước nó." in caught.value.messages


def test_compare_lines_up_added_removed_and_changed(tree):
    old = scoring.snapshot(scoring.parse_table(tree))
    tree["criteria"][0]["children"][1]["name"] = "Cải cách hành chính"
    tree["criteria"][1]["children"].pop()
    tree["criteria"][1]["children"].append({"code": "5", "name": "Nhân rộng điển hình", "max_points": 15})
    tree["bonus_cap"] = 4
    new = scoring.snapshot(scoring.parse_table(tree))
    rows = {(row.section, row.key): row for row in scoring.compare(old, new)}
    assert rows[("criteria", ("I", "2"))].status == "changed"
    assert rows[("criteria", ("II", "4"))].status == "removed"
    assert rows[("criteria", ("II", "5"))].status == "added"
    assert rows[("criteria", ("I", "1", "1.1"))].status == "same"
    assert rows[("bonus_cap", ())].left == {"points": "5"} and rows[("bonus_cap", ())].right == {
        "points": "4"
    }
    assert scoring.format_points(Decimal("2.50")) == "2,5"
