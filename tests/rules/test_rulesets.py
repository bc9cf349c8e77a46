"""The rulesets as data: what the files say (against the legal brief) and what the loader refuses."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from decimal import Decimal
from fractions import Fraction
from importlib import resources
from pathlib import Path

import pytest

from tdkt.rules import RulesetError, Rulesets, default_rulesets, load_rulesets, parse_ruleset, ruleset_for
from tdkt.rules.ruleset import Cited, Ruleset

ND98 = "luat-06-2022+nd-98-2023"
ND152 = "luat-06-2022+nd-152-2025"
THE_TWELVE = (
    "lao_dong_tien_tien",
    "chien_si_thi_dua_co_so",
    "chien_si_thi_dua_tinh",
    "chien_si_thi_dua_toan_quoc",
    "tap_the_lao_dong_tien_tien",
    "tap_the_lao_dong_xuat_sac",
    "co_thi_dua_tinh",
    "co_thi_dua_chinh_phu",
    "giay_khen",
    "bang_khen_tinh",
    "bang_khen_thu_tuong",
    "huan_chuong_lao_dong_hang_ba",
)
FOLDER = Path(str(resources.files("tdkt.rules") / "rulesets"))


def day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def test_the_shipped_rulesets_and_their_periods():
    rulesets = default_rulesets()
    assert [(r.id, r.effective_from, r.effective_to) for r in rulesets] == [
        (ND98, day("2024-01-01"), day("2025-06-30")),
        (ND152, day("2025-07-01"), None),
    ]


@pytest.mark.parametrize(
    ("date", "expected"),
    [("2024-01-01", ND98), ("2025-06-30", ND98), ("2025-07-01", ND152), ("2030-01-01", ND152)],
)
def test_the_ruleset_in_force_on_a_date(date: str, expected: str):
    assert ruleset_for(day(date)).id == expected


@pytest.mark.parametrize("ruleset_id", [ND98, ND152])
def test_each_ruleset_evaluates_the_twelve_awards(ruleset_id: str):
    ruleset = default_rulesets().get(ruleset_id)
    assert set(THE_TWELVE) <= set(ruleset.order)


def _cited_items(ruleset: Ruleset) -> Iterator[tuple[str, Cited]]:
    yield "ruleset", ruleset.cited
    yield "hold", ruleset.hold
    yield "discipline", ruleset.discipline
    yield "duplicate", ruleset.duplicate
    yield "rating_cap", ruleset.rating_cap.cited
    yield from (("counted_leave", c) for c in ruleset.counted_leave.values())
    yield from ((f"bonus.{k}", n.cited) for k, n in ruleset.bonus_rules.items())
    yield from (("base_salary", b.cited) for b in ruleset.base_salaries)
    for award in ruleset.awards.values():
        yield award.id, award.cited
        yield from ((f"{award.id}.bonus", b.cited) for b in award.bonus)
        for extra in (award.vote, award.decided_by, award.dossier):
            if extra is not None:
                yield award.id, extra.cited
        for route in award.routes:
            yield f"{award.id}.{route.id}", route.cited
            for c in route.conditions:
                yield f"{award.id}.{route.id}.{c.type}", c.cited
                yield from ((f"{award.id}.{route.id}.any", o.cited) for o in c.options)


@pytest.mark.parametrize("ruleset_id", [ND98, ND152])
def test_every_item_is_cited_and_every_doubt_is_explained(ruleset_id: str):
    items = list(_cited_items(default_rulesets().get(ruleset_id)))
    assert len(items) > 150
    for where, cited in items:
        assert isinstance(cited, Cited)
        assert cited.citation.strip(), where
        assert cited.confidence in {"V", "S", "U"}, where
        if cited.confidence != "V":
            assert cited.note.strip(), where


# --- What the data says, checked against the legal brief ---------------------------------------------------------


def _coefficients(ruleset_id: str) -> dict[tuple[str, str], Decimal]:
    ruleset = default_rulesets().get(ruleset_id)
    return {
        (a.id, b.subject): b.coefficient for a in ruleset.awards.values() for b in a.bonus if b.issuer is None
    }


@pytest.mark.parametrize("ruleset_id", [ND98, ND152])
def test_bonus_coefficients_from_the_brief(ruleset_id: str):
    # titles: Nghị định 152/2025, Điều 50 = Nghị định 98/2023, Điều 54 [V]; forms: Điều 54, orders: Điều 51
    expected = {
        ("lao_dong_tien_tien", "individual"): "0.3",
        ("chien_si_thi_dua_co_so", "individual"): "1.0",
        ("chien_si_thi_dua_tinh", "individual"): "3.0",
        ("chien_si_thi_dua_toan_quoc", "individual"): "4.5",
        ("tap_the_lao_dong_tien_tien", "collective"): "0.8",
        ("tap_the_lao_dong_xuat_sac", "collective"): "1.5",
        ("co_thi_dua_tinh", "collective"): "8.0",
        ("co_thi_dua_chinh_phu", "collective"): "12.0",
        ("giay_khen", "individual"): "0.3",
        ("giay_khen", "collective"): "0.6",
        ("bang_khen_tinh", "individual"): "1.5",
        ("bang_khen_tinh", "collective"): "3.0",
        ("bang_khen_thu_tuong", "individual"): "3.5",
        ("bang_khen_thu_tuong", "collective"): "7.0",
        ("huan_chuong_lao_dong_hang_ba", "individual"): "4.5",
        ("huan_chuong_lao_dong_hang_ba", "collective"): "9.0",
    }
    coefficients = _coefficients(ruleset_id)
    assert {k: coefficients[k] for k in expected} == {k: Decimal(v) for k, v in expected.items()}


def test_household_amounts_exist_only_under_nghi_dinh_152():
    assert _coefficients(ND152)[("giay_khen", "household")] == Decimal("0.45")
    assert _coefficients(ND152)[("bang_khen_tinh", "household")] == Decimal("2.25")
    assert not any(kind == "household" for _, kind in _coefficients(ND98))


def test_the_commune_chairs_giay_khen_under_nghi_dinh_98():
    nd98 = default_rulesets().get(ND98)
    assert nd98.bonus_row("giay_khen", "individual", "commune_pc_chair").coefficient == Decimal("0.15")
    assert default_rulesets().get(ND152).bonus_row(
        "giay_khen", "individual", "commune_pc_chair"
    ).coefficient == Decimal("0.3")


@pytest.mark.parametrize("ruleset_id", [ND98, ND152])
def test_vote_thresholds_of_all_council_members(ruleset_id: str):
    ruleset = default_rulesets().get(ruleset_id)
    shares = {a.id: a.vote.share for a in ruleset.awards.values() if a.vote is not None}
    assert shares == {
        "chien_si_thi_dua_co_so": Fraction(4, 5),
        "chien_si_thi_dua_tinh": Fraction(9, 10),
        "chien_si_thi_dua_toan_quoc": Fraction(9, 10),
        "co_thi_dua_tinh": Fraction(4, 5),
        "co_thi_dua_chinh_phu": Fraction(4, 5),
    }
    # the article is Nghị định 98/2023, Điều 30(7) in both; only verified while Nghị định 98 was in force
    confidence = {a.vote.cited.confidence for a in ruleset.awards.values() if a.vote is not None}
    assert confidence == ({"V"} if ruleset_id == ND98 else {"S"})


def test_vote_threshold_is_exact():
    vote = default_rulesets().get(ND152).award("chien_si_thi_dua_tinh").vote
    assert vote is not None
    assert vote.passes(9, 10) and vote.passes(18, 20) and not vote.passes(17, 19) and not vote.passes(8, 10)
    flag = default_rulesets().get(ND152).award("co_thi_dua_tinh").vote
    assert flag is not None and flag.passes(4, 5) and not flag.passes(11, 14)
    with pytest.raises(ValueError):
        vote.passes(11, 10)


def test_base_salaries_with_their_dates():
    nd98, nd152 = default_rulesets().get(ND98), default_rulesets().get(ND152)
    assert [(b.effective_from, b.amount, b.cited.confidence) for b in nd98.base_salaries] == [
        (day("2023-07-01"), 1_800_000, "S"),
        (day("2024-07-01"), 2_340_000, "V"),
    ]
    assert [(b.effective_from, b.amount, b.cited.confidence) for b in nd152.base_salaries] == [
        (day("2024-07-01"), 2_340_000, "V"),
        (day("2026-07-01"), 2_530_000, "S"),
    ]


def test_the_seventy_percent_of_tap_the_lao_dong_tien_tien():
    route = default_rulesets().get(ND152).award("tap_the_lao_dong_tien_tien").routes[0]
    share = next(c for c in route.conditions if c.type == "members_share_min")
    assert share.params["share"] == Fraction(7, 10) and share.cited.citation.startswith(
        "Luật 06/2022/QH15, Điều 28(1)"
    )


def test_unverified_law_is_marked_so():
    nd152 = default_rulesets().get(ND152)
    hcld = nd152.award("huan_chuong_lao_dong_hang_ba").routes[0]
    assert next(c for c in hcld.conditions if c.type == "ratings_in_run").cited.confidence == "U"
    assert nd152.award("co_thi_dua_tinh").cited.confidence == "S"  # Điều 26 wording not found
    assert nd152.base_salaries[-1].cited.confidence == "S"  # Nghị định 161/2026 seen only in third-party code


# --- The loader refuses bad files ----------------------------------------------------------------------------------


@pytest.fixture
def text() -> str:
    return (FOLDER / "luat-06-2022_nd-152-2025.toml").read_text(encoding="utf-8")


def test_a_shipped_file_parses_on_its_own(text: str):
    assert parse_ruleset(text, "nd152.toml").id == ND152


def _refused(text: str, match: str) -> None:
    with pytest.raises(RulesetError, match=match):
        parse_ruleset(text, "x.toml")


def test_an_unknown_key_is_refused(text: str):
    _refused(
        text.replace(
            'period_years = 1\ncitation = "Luật 06/2022/QH15, Điều 24"',
            'period_year = 1\ncitation = "Luật 06/2022/QH15, Điều 24"',
        ),
        "khóa không hợp lệ: period_year",
    )
    _refused(
        text.replace(
            'type = "rating_min"\nrating = "HTTNV"', 'type = "rating_min"\nrating = "HTTNV"\nminimum = 3', 1
        ),
        "khóa không hợp lệ: minimum",
    )


def test_a_missing_citation_is_refused(text: str):
    _refused(
        text.replace(
            'coefficient = "0.3"\ncitation = "Nghị định 152/2025/NĐ-CP, Điều 50"', 'coefficient = "0.3"', 1
        ),
        "lao_dong_tien_tien.bonus\\[0\\]: thiếu khóa: citation",
    )
    _refused(
        text.replace('citation = "Luật 06/2022/QH15, Điều 24(1)(a)"', 'citation = " "', 1), "thiếu trích dẫn"
    )


def test_an_uncertain_item_needs_a_note(text: str):
    _refused(
        text.replace(
            'confidence = "S"\nnote = "Seen only in several independent 2026 code repositories',
            'confidence = "S"\nsource = "Seen only in several independent 2026 code repositories',
            1,
        ),
        "cần 'note'",
    )


def test_a_bad_confidence_or_condition_is_refused(text: str):
    _refused(text.replace('confidence = "V"', 'confidence = "maybe"', 1), "'confidence' phải là V, S hoặc U")
    _refused(
        text.replace('type = "months_min"', 'type = "months_at_least"', 1), "loại điều kiện không hợp lệ"
    )
    _refused(
        text.replace(
            'title = "chien_si_thi_dua_co_so"\ncount = 3', 'title = "chien_si_thi_du_co_so"\ncount = 3', 1
        ),
        "không phải mã danh hiệu",
    )
    _refused(
        text.replace(
            'text = "Thời gian công tác được tính trong năm từ {months} tháng trở lên"',
            'text = "Từ {month} tháng"',
            1,
        ),
        "chỗ trống",
    )
    _refused(text.replace('coefficient = "0.3"', "coefficient = 0.3", 1), "trong dấu nháy")


def test_a_run_condition_needs_its_window(text: str):
    _refused(
        text.replace(
            'type = "after_award"\nprior = ["bang_khen_tinh"]',
            'type = "rating_min"\nprior = ["bang_khen_tinh"]',
            1,
        ),
        "khóa không hợp lệ",
    )
    broken = text.replace(
        'type = "title_chain"\ntitle = "chien_si_thi_dua_co_so"\ncount = 3',
        'type = "titles_in_run"\ntitle = "chien_si_thi_dua_co_so"\ncount = 3',
        1,
    )
    _refused(broken, "cần một điều kiện")


def test_a_dependency_cycle_is_refused(text: str):
    cyclic = text.replace(
        'type = "rating_min"\nrating = "HTTNV"\ntext = "Được đánh giá, xếp loại từ {rating} trở lên"',
        'type = "standard"\naward = "chien_si_thi_dua_co_so"\ntext = "Đạt tiêu chuẩn {award}"',
        1,
    )
    _refused(cyclic, "vòng phụ thuộc")


def _with(text: str, **replacements: str) -> Ruleset:
    for old, new in replacements.items():
        assert old in text
        text = text.replace(old, new, 1)
    return parse_ruleset(text, "variant.toml")


def test_overlapping_periods_are_refused(tmp_path: Path, text: str):
    nd98 = (FOLDER / "luat-06-2022_nd-98-2023.toml").read_text(encoding="utf-8")
    overlapping = nd98.replace("effective_to = 2025-06-30", "effective_to = 2025-07-01")
    (tmp_path / "a.toml").write_text(overlapping, encoding="utf-8")
    (tmp_path / "b.toml").write_text(text, encoding="utf-8")
    with pytest.raises(RulesetError, match="chồng lấn"):
        load_rulesets([tmp_path / "a.toml", tmp_path / "b.toml"])
    open_ended = nd98.replace("effective_to = 2025-06-30\n", "")
    with pytest.raises(RulesetError, match="chồng lấn"):
        Rulesets((parse_ruleset(open_ended, "a"), parse_ruleset(text, "b")))
    with pytest.raises(RulesetError, match="ngày hết hiệu lực trước"):
        parse_ruleset(nd98.replace("effective_to = 2025-06-30", "effective_to = 2023-06-30"), "a")


def test_base_salaries_must_agree_and_cover_the_period(text: str):
    nd98 = parse_ruleset((FOLDER / "luat-06-2022_nd-98-2023.toml").read_text(encoding="utf-8"), "a")
    other = _with(text, **{"from = 2024-07-01\namount = 2340000": "from = 2024-07-01\namount = 2340001"})
    with pytest.raises(RulesetError, match="khác nhau"):
        Rulesets((nd98, other))
    late = _with(text, **{"from = 2024-07-01\namount = 2340000": "from = 2025-08-01\namount = 2340000"})
    with pytest.raises(RulesetError, match="không có mức lương cơ sở"):
        Rulesets((late,))


def test_a_new_ruleset_is_a_data_file(tmp_path: Path, text: str):
    # a later decree: only the data changes; the loader picks it by date, ending the earlier one the day before
    current = text.replace(
        "effective_from = 2025-07-01", "effective_from = 2025-07-01\neffective_to = 2027-02-28"
    )
    later = (
        text.replace('id = "luat-06-2022+nd-152-2025"', 'id = "thu-nghiem-2027"')
        .replace("effective_from = 2025-07-01", "effective_from = 2027-03-01")
        .replace(
            'coefficient = "0.3"\ncitation = "Nghị định 152/2025/NĐ-CP, Điều 50"',
            'coefficient = "0.35"\ncitation = "Nghị định giả định, Điều 1"',
            1,
        )
    )
    for name, body in (("a.toml", current), ("b.toml", later)):
        (tmp_path / name).write_text(body, encoding="utf-8")
    rulesets = load_rulesets(sorted(tmp_path.glob("*.toml")))
    assert rulesets.for_date(day("2027-02-28")).id == ND152
    assert rulesets.for_date(day("2027-03-01")).bonus_row(
        "lao_dong_tien_tien", "individual"
    ).coefficient == Decimal("0.35")
