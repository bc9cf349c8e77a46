"""Principles applied to every award: holds, discipline, no double award; rule changes on 01/01/2024, 01/07/2025."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tdkt.rules import (
    Discipline,
    NoRulesetInForce,
    Status,
    Subject,
    SubjectKind,
    YearRecord,
    evaluate,
    evaluate_many,
    ruleset_for,
)
from tdkt.rules.codes import RATING_RANK
from tests.rules.build import (
    AS_OF,
    BK_TINH,
    BK_TTG,
    CSTD_TINH,
    CSTDCS,
    LDTT,
    TTLDTT,
    YEAR,
    citations,
    collective,
    cstdcs_years,
    d,
    failing,
    members,
    person,
    reasons,
    status,
    year,
)

ELIGIBLE, REVIEW, NOT = Status.ELIGIBLE, Status.NEEDS_REVIEW, Status.NOT_ELIGIBLE
RANK = {NOT: 0, REVIEW: 1, ELIGIBLE: 2}


# --- Holds (Nghị định 152/2025, Điều 4(4)) -------------------------------------------------------------------------


def test_a_hold_bars_every_award():
    held = person(year(YEAR, "HTXSNV"), holds=["under_investigation"])
    result = evaluate(held, YEAR, AS_OF)
    assert {v.status for v in result.verdicts} == {NOT}
    assert any("đang bị điều tra" in t for t in failing(held, CSTDCS))
    assert status(collective(year(YEAR, "HTXSNV", members=members()), holds=["unspecified"]), TTLDTT) is NOT
    assert status(person(year(YEAR, "HTXSNV")), CSTDCS) is ELIGIBLE


# --- Discipline: achievements count from the end of the disciplinary period (Điều 4(4)) ----------------------------


def test_a_discipline_not_ended_bars_the_year():
    ongoing = person(year(YEAR, "HTTNV"), disciplines=[Discipline("reprimand", d("2025-03-01"), None)])
    assert status(ongoing, LDTT) is NOT
    running = person(
        year(YEAR, "HTTNV"), disciplines=[Discipline("reprimand", d("2025-09-01"), d("2026-03-01"))]
    )
    assert status(running, LDTT) is NOT
    assert any("chưa hết thời hạn" in t for t in failing(running, LDTT))


def test_a_discipline_ending_early_in_the_year_leaves_a_judgment():
    # ended 31/03/2025: nine whole months of 2025 follow — enough to consider, not enough to be sure
    early = person(
        year(YEAR, "HTTNV"), disciplines=[Discipline("reprimand", d("2024-10-01"), d("2025-03-31"))]
    )
    assert status(early, LDTT) is REVIEW
    # ended 15/08/2025: four whole months follow, under the six the ruleset asks for
    late = person(
        year(YEAR, "HTTNV"), disciplines=[Discipline("reprimand", d("2025-02-15"), d("2025-08-15"))]
    )
    assert status(late, LDTT) is NOT


def test_a_discipline_ended_before_the_year_does_not_bar_it():
    past = person(year(YEAR, "HTTNV"), disciplines=[Discipline("warning", d("2023-06-01"), d("2024-06-01"))])
    assert status(past, LDTT) is ELIGIBLE


def test_a_discipline_decided_after_the_evaluation_date_is_not_known_yet():
    later = person(year(YEAR, "HTTNV"), disciplines=[Discipline("warning", d("2026-01-10"), None)])
    assert status(later, LDTT) is ELIGIBLE
    assert status(later, LDTT, as_of=d("2026-01-20")) is NOT


def test_years_before_a_discipline_ends_do_not_count_in_a_chain():
    # CSTĐCS 2023–2025, but a discipline ran from 09/2023 to 03/2024: 2023 (and 2024, whose months after the end
    # are a judgment) cannot found a three-year chain that is simply "eligible"
    history = [*cstdcs_years(2023, 2024), year(2025, "HTXSNV", titles=[CSTDCS], initiatives=["provincial"])]
    disciplined = person(*history, disciplines=[Discipline("reprimand", d("2023-09-01"), d("2024-03-01"))])
    assert status(disciplined, CSTD_TINH) is NOT
    assert any("năm 2023 chưa được tính thành tích do kỷ luật" in t for t in failing(disciplined, CSTD_TINH))
    # a discipline in the middle of a five-year run breaks it for the Bằng khen Thủ tướng
    run = [year(2019, "HTXSNV", awards=[BK_TINH])]
    run += [year(y, "HTXSNV", titles=[LDTT, CSTDCS]) for y in range(2020, 2026)]
    assert status(person(*run), BK_TTG) is ELIGIBLE
    broken = person(*run, disciplines=[Discipline("reprimand", d("2021-05-01"), d("2021-11-01"))])
    assert status(broken, BK_TTG) is NOT


# --- The same title is not given twice for the same year (Luật 06/2022/QH15, Điều 5(2)) ---------------------------


def test_titles_put_to_the_council_show_its_threshold():
    vote = [r for r in reasons(person(year(YEAR, "HTXSNV")), CSTDCS) if "80%" in r.text]
    assert len(vote) == 1 and vote[0].met is None and vote[0].basis == "dossier"
    assert vote[0].citation.startswith("Nghị định 98/2023/NĐ-CP, Điều 30(7)")
    assert not [r for r in reasons(person(year(YEAR, "HTXSNV")), LDTT) if "bỏ phiếu" in r.text]


def test_a_title_already_given_for_the_year_is_not_given_again():
    already = person(year(YEAR, "HTXSNV", titles=[LDTT]))
    assert status(already, LDTT) is NOT
    assert status(already, CSTDCS) is ELIGIBLE  # the standard of LĐTT still holds for CSTĐCS


# --- Rule changes: no ruleset before 01/01/2024; Nghị định 98/2023 until 30/06/2025; Nghị định 152/2025 after ------


def test_no_ruleset_before_the_law_of_2022_took_effect():
    with pytest.raises(NoRulesetInForce):
        evaluate(person(year(2023, "HTXSNV")), 2023, d("2023-12-31"))


def test_the_ruleset_follows_the_evaluation_date():
    subject = person(year(2023, "HTXSNV"), year(2024, "HTXSNV"), year(2025, "HTXSNV"))
    assert evaluate(subject, 2023, d("2024-01-01")).ruleset == "luat-06-2022+nd-98-2023"
    assert evaluate(subject, 2024, d("2025-06-30")).ruleset == "luat-06-2022+nd-98-2023"
    assert evaluate(subject, 2024, d("2025-07-01")).ruleset == "luat-06-2022+nd-152-2025"
    assert evaluate(subject, 2025, d("2025-12-05")).ruleset == "luat-06-2022+nd-152-2025"


def test_from_2024_htxsnv_alone_makes_a_grassroots_fighter():
    # before 2024 (Nghị định 91/2017) an initiative was required; the year 2023 considered in January 2024 falls
    # under the new Law, which the evaluator applies — the ruleset in force on the evaluation date decides
    assert status(person(year(2023, "HTXSNV")), CSTDCS, y=2023, as_of=d("2024-01-15")) is ELIGIBLE


def test_principles_cite_the_decree_in_force():
    subject = person(year(2024, "HTTNV"), year(2025, "HTTNV"))
    before = citations(subject, LDTT, y=2024, as_of=d("2025-06-30"))
    after = citations(subject, LDTT, y=2024, as_of=d("2025-07-01"))
    assert "Nghị định 98/2023/NĐ-CP, Điều 4(4)" in before
    assert "Nghị định 152/2025/NĐ-CP, Điều 4(4)" in after
    assert not any("152/2025" in c for c in before)


def test_leave_counted_as_work_is_less_certain_after_the_circular_changed():
    # training leave: Thông tư 01/2024 [S] under Nghị định 98; whether Thông tư 15/2025 keeps it is unverified [U]
    subject = person(year(2025, "HTTNV", months=3, leave={"training": 9}))
    before = [r for r in reasons(subject, LDTT, as_of=d("2025-06-30")) if "đi đào tạo" in r.text]
    assert before and "Thông tư 01/2024/TT-BNV" in before[0].text
    assert ruleset_for(d("2025-06-30")).counted_leave["training"].confidence == "S"
    assert ruleset_for(d("2025-07-01")).counted_leave["training"].confidence == "U"


# --- Properties: more discipline, a hold, a lower rating never make anyone more eligible ----------------------------

RATINGS = ["HTXSNV", "HTTNV", "HTNV", "KHTNV", None]
TITLE_SETS = st.sampled_from([(), (LDTT,), (LDTT, CSTDCS), (LDTT, CSTDCS, CSTD_TINH)])


@st.composite
def histories(draw: st.DrawFn) -> Subject:
    first = draw(st.integers(2014, 2025))
    records = []
    for y in range(first, 2026):
        if y != 2025 and draw(st.integers(0, 9)) == 0:
            continue  # a missing year
        records.append(
            YearRecord(
                year=y,
                rating=draw(st.sampled_from(RATINGS)),
                months_worked=draw(st.sampled_from([12, 12, 12, 8, 4])),
                titles=frozenset(draw(TITLE_SETS)),
                awards=frozenset(draw(st.sampled_from([(), (), (BK_TINH,), (BK_TTG,)]))),
                initiatives=tuple(),
            )
        )
    return Subject(id="x", kind=SubjectKind.INDIVIDUAL, history=tuple(records))


def _statuses(subject: Subject) -> dict[str, Status]:
    return {v.award: v.status for v in evaluate(subject, YEAR, AS_OF).verdicts}


@settings(max_examples=150, deadline=None)
@given(
    subject=histories(),
    start=st.dates(datetime.date(2014, 1, 1), datetime.date(2025, 12, 1)),
    months=st.integers(1, 24),
)
def test_adding_a_discipline_never_makes_anyone_more_eligible(
    subject: Subject, start: datetime.date, months: int
) -> None:
    end = start + datetime.timedelta(days=30 * months)
    disciplined = Subject(subject.id, subject.kind, subject.history, (Discipline("reprimand", start, end),))
    before, after = _statuses(subject), _statuses(disciplined)
    assert all(RANK[after[a]] <= RANK[before[a]] for a in before), (before, after)


@settings(max_examples=100, deadline=None)
@given(subject=histories())
def test_a_hold_never_makes_anyone_more_eligible(subject: Subject) -> None:
    held = Subject(subject.id, subject.kind, subject.history, holds=("under_discipline_review",))
    assert set(_statuses(held).values()) == {NOT}


@settings(max_examples=150, deadline=None)
@given(subject=histories(), data=st.data())
def test_a_lower_rating_never_makes_anyone_more_eligible(subject: Subject, data: st.DataObject) -> None:
    index = data.draw(st.integers(0, len(subject.history) - 1))
    record = subject.history[index]
    if record.rating is None or record.rating == "KHTNV":
        return
    lower = data.draw(
        st.sampled_from([r for r in RATING_RANK if RATING_RANK[r] < RATING_RANK[record.rating]])
    )
    records = list(subject.history)
    records[index] = YearRecord(
        record.year, lower, record.months_worked, record.leave, record.titles, record.awards
    )
    before, after = _statuses(subject), _statuses(Subject(subject.id, subject.kind, tuple(records)))
    assert all(RANK[after[a]] <= RANK[before[a]] for a in before), (before, after)


@settings(max_examples=60, deadline=None)
@given(subjects=st.lists(histories(), min_size=1, max_size=8))
def test_the_batch_gives_the_statuses_of_the_explained_verdicts(subjects: list[Subject]) -> None:
    subjects = [Subject(f"s{i}", s.kind, s.history) for i, s in enumerate(subjects)]
    batch = dict(evaluate_many(subjects, YEAR, AS_OF))
    for subject in subjects:
        assert batch[subject.id] == _statuses(subject)


@settings(max_examples=100, deadline=None)
@given(subject=histories())
def test_every_verdict_is_explained(subject: Subject) -> None:
    for verdict in evaluate(subject, YEAR, AS_OF).verdicts:
        assert verdict.reasons and all(r.citation and r.text for r in verdict.reasons)
        if verdict.status is NOT:
            assert any(r.met is False for r in verdict.reasons)
        if verdict.status is REVIEW:
            assert any(r.met is None and r.basis == "judgment" for r in verdict.reasons)
