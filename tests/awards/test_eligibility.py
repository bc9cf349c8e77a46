"""From the history tables to the rules engine: every field of the engine's input comes from a recorded fact."""

from __future__ import annotations

import datetime

from tdkt import rules
from tdkt.awards import services
from tdkt.awards.eligibility import (
    evaluate_people,
    evaluate_units,
    person_subjects,
    unit_subjects,
    verdicts_for,
)
from tdkt.ballots import services as ballots
from tdkt.core.actors import SYSTEM
from tdkt.org import services as org_services
from tdkt.org.enums import Gender
from tdkt.rules import Status

from .conftest import YEAR

AS_OF = datetime.date(2025, 12, 20)


def ref(
    number: int, signed_on: datetime.date, issuer: str = "Sở Kế hoạch và Đầu tư", symbol: str = "QĐ-SKHĐT"
):
    return services.DecisionRef(issuer_name=issuer, number=number, symbol=symbol, signed_on=signed_on)


def test_a_persons_years_leave_titles_initiatives_discipline_and_holds(world):
    person = world.person_a
    services.set_rating(SYSTEM, person, year=2024, rating="HTXSNV", months_worked=6, leave={"maternity": 6})
    services.set_rating(SYSTEM, person, year=2025, rating="HTTNV")
    services.record_past_award(
        SYSTEM,
        person,
        award_code="chien_si_thi_dua_co_so",
        year=2024,
        decision=ref(3, datetime.date(2025, 1, 5)),
    )
    # signed after the evaluation date: not yet a fact on that date
    services.record_past_award(
        SYSTEM, person, award_code="bang_khen_tinh", year=2025, decision=ref(9, datetime.date(2026, 1, 5))
    )
    services.add_initiative(
        SYSTEM,
        person,
        year=2025,
        title="Số hóa hồ sơ thi đua",
        scope="grassroots",
        decision=ref(7, datetime.date(2025, 11, 1)),
    )
    services.add_discipline(
        SYSTEM, person, level="reprimand", start=datetime.date(2023, 1, 1), end=datetime.date(2023, 12, 31)
    )
    services.set_hold(SYSTEM, person, kind="under_investigation", start=datetime.date(2025, 12, 1))

    (subject,) = person_subjects([person], 2025, AS_OF)
    assert subject.kind == rules.SubjectKind.INDIVIDUAL and subject.gender == Gender.FEMALE
    by_year = {r.year: r for r in subject.history}
    assert by_year[2024].rating == "HTXSNV" and by_year[2024].months_worked == 6
    assert dict(by_year[2024].leave) == {"maternity": 6}
    assert by_year[2024].titles == {"chien_si_thi_dua_co_so"}
    assert by_year[2025].awards == frozenset()  # the 2026 decision is not known on 20/12/2025
    assert [(i.scope, i.ref) for i in by_year[2025].initiatives] == [("grassroots", "07/QĐ-SKHĐT")]
    assert [(d.level, d.start, d.end) for d in subject.disciplines] == [
        ("reprimand", datetime.date(2023, 1, 1), datetime.date(2023, 12, 31))
    ]
    assert subject.holds == ("under_investigation",)
    (later,) = person_subjects([person], 2025, datetime.date(2026, 2, 1))
    assert {r.year: r for r in later.history}[2025].awards == {"bang_khen_tinh"}


def test_maternity_leave_counts_as_work_through_the_engine(world):
    """Six months at work and six on maternity leave, rated HTTNV: Lao động tiên tiến (ND 152/2025, Điều 4(5))."""
    person = world.person_a
    services.set_rating(SYSTEM, person, year=2025, rating="HTTNV", months_worked=6, leave={"maternity": 6})
    other = org_services.create_person(
        SYSTEM, unit=world.unit_a, full_name="Trần Thị Mai", gender=Gender.FEMALE
    )
    services.set_rating(SYSTEM, other, year=2025, rating="HTTNV", months_worked=5, leave={"unpaid": 7})
    _, verdicts = verdicts_for(
        person_subjects([person, other], 2025, AS_OF), "lao_dong_tien_tien", 2025, AS_OF
    )
    assert verdicts[str(person.pk)].status == Status.ELIGIBLE
    assert verdicts[str(other.pk)].status == Status.NOT_ELIGIBLE


def test_a_cancelled_award_is_not_history(world, staff, decided):
    record = decided.records.get()
    (subject,) = person_subjects([staff.hung], YEAR, datetime.date.today() + datetime.timedelta(days=1))
    assert "chien_si_thi_dua_co_so" in subject.history[-1].titles
    services.issue_correction(
        world.users["admin"],
        decided,
        cancel=[record],
        reason="Nhầm người.",
        signed_on=decided.signed_on,
        signer_name="Nguyễn Văn Ký",
        signer_title="Giám đốc",
    )
    (subject,) = person_subjects([staff.hung], YEAR, datetime.date.today() + datetime.timedelta(days=1))
    assert "chien_si_thi_dua_co_so" not in subject.history[-1].titles


def test_a_collectives_members_are_counted_from_their_own_facts(world):
    unit = world.unit_b
    services.set_unit_rating(SYSTEM, unit, year=2025, rating="HTTNV")
    names = ["Ngô Văn An", "Đỗ Thị Bích", "Lý Văn Cường", "Hồ Thị Dung"]
    people = [org_services.create_person(SYSTEM, unit=unit, full_name=n, gender=Gender.MALE) for n in names]
    for person, rating in zip(people, ["HTXSNV", "HTTNV", "HTTNV", "KHTNV"], strict=True):
        services.set_rating(SYSTEM, person, year=2025, rating=rating)
    for number, person in enumerate(people[:3], start=1):
        services.record_past_award(
            SYSTEM,
            person,
            award_code="lao_dong_tien_tien",
            year=2025,
            decision=ref(number, datetime.date(2025, 12, 15), "Sở Tư pháp", "QĐ-STP"),
        )
    services.add_discipline(SYSTEM, people[3], level="warning", start=datetime.date(2025, 3, 1))
    (subject,) = unit_subjects([unit], 2025, AS_OF)
    record = subject.history[-1]
    assert record.rating == "HTTNV"
    assert record.members == rules.Members(
        total=4,
        rated_htnv_or_better=3,
        lao_dong_tien_tien=3,
        chien_si_thi_dua_co_so=0,
        disciplined_warning_or_above=1,
    )
    # 75 % LĐTT but one member disciplined at "cảnh cáo": not Tập thể lao động tiên tiến (Luật 06/2022, Điều 28)
    statuses = dict(evaluate_units([unit], 2025, AS_OF, awards=["tap_the_lao_dong_tien_tien"]))
    assert statuses[str(unit.pk)]["tap_the_lao_dong_tien_tien"] == Status.NOT_ELIGIBLE


def test_leading_the_block_is_read_from_the_blocks_counted_ballot(world):
    from tests.ballots.conftest import make_session

    session = make_session(world, award_code="co_thi_dua_tinh", threshold="1/2", quorum="0")
    session = ballots.set_candidates(
        world.users["block_head"],
        session,
        [ballots.CandidateInput(unit=world.unit_a), ballots.CandidateInput(unit=world.unit_b)],
    )
    ballots.open_session(world.users["block_head"], session)
    ballots.cast_ballot(world.users["officer_a"], session, [session.candidates.get(unit=world.unit_a).pk])
    ballots.cast_ballot(world.users["officer_b"], session, [session.candidates.get(unit=world.unit_a).pk])
    ballots.close_session(world.users["block_head"], session)
    subjects = {
        s.id: s
        for s in unit_subjects([world.unit_a, world.unit_b, world.unit_c], YEAR, datetime.date.today())
    }
    lead = {uid: {r.year: r.leads_block for r in s.history}.get(YEAR) for uid, s in subjects.items()}
    assert lead == {
        str(world.unit_a.pk): None,
        str(world.unit_b.pk): None,
        str(world.unit_c.pk): None,
    }  # not counted
    ballots.count_session(world.users["block_head"], session)
    subjects = {
        s.id: s
        for s in unit_subjects([world.unit_a, world.unit_b, world.unit_c], YEAR, datetime.date.today())
    }
    lead = {uid: {r.year: r.leads_block for r in s.history}.get(YEAR) for uid, s in subjects.items()}
    assert lead == {str(world.unit_a.pk): True, str(world.unit_b.pk): False, str(world.unit_c.pk): None}


def test_a_chain_of_three_titles_with_a_provincial_initiative_goes_to_judgment(world):
    """Chiến sĩ thi đua tỉnh: three consecutive CSTĐCS and a provincial initiative leave only the judgment
    "outstanding among the candidates" (needs_review); a missing year breaks the chain."""
    person = world.person_a
    for number, year in enumerate((2023, 2024, 2025), start=1):
        services.set_rating(SYSTEM, person, year=year, rating="HTXSNV")
        services.record_past_award(
            SYSTEM,
            person,
            award_code="chien_si_thi_dua_co_so",
            year=year,
            decision=ref(number, datetime.date(year, 12, 15)),
        )
    services.add_initiative(
        SYSTEM,
        person,
        year=2025,
        title="Phần mềm thi đua",
        scope="provincial",
        decision=ref(30, datetime.date(2025, 10, 1), "Ủy ban nhân dân tỉnh", "QĐ-UBND"),
    )
    statuses = dict(evaluate_people([person], 2025, AS_OF, awards=["chien_si_thi_dua_tinh"]))
    assert statuses[str(person.pk)]["chien_si_thi_dua_tinh"] == Status.NEEDS_REVIEW

    other = org_services.create_person(SYSTEM, unit=world.unit_a, full_name="Lâm Văn Tú", gender=Gender.MALE)
    for number, year in enumerate((2022, 2023, 2025), start=10):  # 2024 missing
        services.set_rating(SYSTEM, other, year=year, rating="HTXSNV")
        services.record_past_award(
            SYSTEM,
            other,
            award_code="chien_si_thi_dua_co_so",
            year=year,
            decision=ref(number, datetime.date(year, 12, 15)),
        )
    services.add_initiative(
        SYSTEM,
        other,
        year=2025,
        title="Cải cách hành chính",
        scope="provincial",
        decision=ref(31, datetime.date(2025, 10, 1), "Ủy ban nhân dân tỉnh", "QĐ-UBND"),
    )
    _, verdicts = verdicts_for(person_subjects([other], 2025, AS_OF), "chien_si_thi_dua_tinh", 2025, AS_OF)
    verdict = verdicts[str(other.pk)]
    assert verdict.status == Status.NOT_ELIGIBLE
    (failed,) = [r.text for r in verdict.reasons if r.met is False]
    assert "năm 2024 không có dữ liệu (chuỗi bị gián đoạn)" in failed


def test_reading_many_people_costs_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    people = [
        org_services.create_person(
            SYSTEM, unit=world.unit_a, full_name=f"Nguyễn Văn Số {i}", gender=Gender.MALE
        )
        for i in range(30)
    ]
    for person in people:
        services.set_rating(SYSTEM, person, year=2025, rating="HTTNV", months_worked=10, leave={"sick": 2})
    with django_assert_max_num_queries(7):
        subjects = person_subjects(people, 2025, AS_OF)
    assert len(subjects) == 30 and all(dict(s.history[0].leave) == {"sick": 2} for s in subjects)
