"""An initiative counts once, for one title or one form (Công văn 5007/BNV-TĐKT năm 2023, mục III.5.c): the
decision marks the initiatives a recipient's verdict rests on, the engine no longer counts them for another award,
the appraisal flags a proposal that needs one, and issuing refuses it."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.urls import reverse
from django.utils import timezone

from tdkt import rules
from tdkt.awards import services
from tdkt.awards.appraisal import check_candidates
from tdkt.awards.eligibility import person_subjects
from tdkt.awards.enums import Action
from tdkt.awards.initiatives import bases_for
from tdkt.awards.models import Decision, ImmutableError, InitiativeUse, Proposal
from tdkt.ballots import services as ballots
from tdkt.core.actors import SYSTEM
from tdkt.core.models import AuditEntry
from tdkt.org import services as org_services
from tdkt.org.enums import Gender
from tdkt.org.models import Person
from tdkt.rules import Status

from .conftest import YEAR, issue, make_proposal

CSTDCS, CSTD_TINH = "chien_si_thi_dua_co_so", "chien_si_thi_dua_tinh"


def recognised(person: Person, title: str, scope: str, number: int):
    return services.add_initiative(
        SYSTEM,
        person,
        year=YEAR,
        title=title,
        scope=scope,
        decision=services.DecisionRef(
            issuer_name="Sở Kế hoạch và Đầu tư",
            number=number,
            symbol="QĐ-SKHĐT",
            signed_on=datetime.date(YEAR, 3, 1),
        ),
    )


def someone(world, name: str, rating: str = "HTTNV", past_titles: bool = True) -> Person:
    """Rated ``rating`` this year; with Chiến sĩ thi đua cơ sở the two years before (a chain towards the
    province's title)."""
    person = org_services.create_person(SYSTEM, unit=world.unit_a, full_name=name, gender=Gender.MALE)
    services.set_rating(SYSTEM, person, year=YEAR, rating=rating)
    if past_titles:
        for i, y in enumerate((YEAR - 2, YEAR - 1)):
            services.set_rating(SYSTEM, person, year=y, rating="HTXSNV")
            services.record_past_award(
                SYSTEM,
                person,
                award_code=CSTDCS,
                year=y,
                decision=services.DecisionRef(
                    issuer_name="Sở Kế hoạch và Đầu tư",
                    number=40 + i,
                    symbol="QĐ-SKHĐT",
                    signed_on=datetime.date(y + 1, 1, 15),
                ),
            )
    return person


def appraised(world, people: list[Person], award: str) -> Proposal:
    admin = world.users["admin"]
    proposal = services.submit_proposal(world.users["officer_a"], make_proposal(world, people, award))
    for c in proposal.candidates.all():
        services.appraise_candidate(admin, c, accept=True)
    return proposal


def decide(world, proposal: Proposal) -> Decision:
    admin = world.users["admin"]
    proposal = services.send_to_council(admin, proposal)
    session = proposal.ballot
    ballots.cast_ballot(world.users["council"], session, [c.pk for c in session.candidates.all()])
    ballots.close_session(admin, session)
    ballots.count_session(admin, session)
    return issue(world, services.record_council_result(admin, proposal))


def used(person: Person) -> dict[str, tuple[str | None, int | None]]:
    (subject,) = person_subjects([person], YEAR, timezone.localdate())
    return {ini.ref: (ini.used_for, ini.used_year) for r in subject.history for ini in r.initiatives}


def test_the_decision_marks_the_initiative_the_title_rests_on_and_keeps_the_wider_one_free(world):
    quang = someone(world, "Trần Văn Quang")
    grassroots = recognised(quang, "Phần mềm quản lý hồ sơ", "grassroots", 11)
    provincial = recognised(quang, "Quy trình một cửa liên thông", "provincial", 12)
    decision = decide(world, appraised(world, [quang], CSTDCS))
    (record,) = decision.records.all()
    # rated HTTNV, the title needs one initiative (Luật Điều 23(2)): the grassroots one; the provincial one stays
    # free for Chiến sĩ thi đua tỉnh
    (use,) = InitiativeUse.objects.all()
    assert (use.initiative, use.record) == (grassroots, record)
    assert used(quang) == {"11/QĐ-SKHĐT": (CSTDCS, YEAR), "12/QĐ-SKHĐT": (None, None)}
    listed = world.client("officer_a").get(decision.get_absolute_url()).content.decode()
    assert "căn cứ sáng kiến “Phần mềm quản lý hồ sơ”" in listed
    assert "Quy trình một cửa liên thông" not in listed
    page = world.client("officer_a").get(reverse("awards:person_record", args=[quang.pk])).content.decode()
    assert f"đã dùng làm căn cứ: Chiến sĩ thi đua cơ sở {YEAR}" in page and decision.reference in page
    entry = AuditEntry.objects.get(action=Action.DECISION_ISSUED)
    assert entry.after["initiatives_used"] == [{"initiative": grassroots.pk, "record": record.pk}]
    # the use is part of the decision: never changed, and the database refuses an UPDATE too
    with pytest.raises(ImmutableError):
        use.save()
    with pytest.raises(ImmutableError):
        InitiativeUse.objects.filter(pk=use.pk).delete()
    with pytest.raises(DatabaseError), transaction.atomic():
        InitiativeUse._base_manager.filter(pk=use.pk).update(record=record)

    # the provincial title: the used initiative is listed, not needed, so the check passes
    proposal = make_proposal(world, [quang], CSTD_TINH)
    (check,) = check_candidates(proposal, list(proposal.candidates.all()))
    assert check.status != Status.NOT_ELIGIBLE
    (line,) = [c for c in check.checks if c.check == "initiative"]
    assert line.met is True and "“Phần mềm quản lý hồ sơ”" in line.text
    assert line.citation == "Công văn 5007/BNV-TĐKT năm 2023, mục III.5.c"
    assert provincial.uses.count() == 0


def test_an_initiative_not_needed_is_not_marked(world, staff):
    recognised(staff.hung, "Sổ tay nghiệp vụ", "grassroots", 13)  # Hùng is rated HTXSNV: enough on its own
    decide(world, appraised(world, [staff.hung], CSTDCS))
    assert not InitiativeUse.objects.exists()
    assert used(staff.hung) == {"13/QĐ-SKHĐT": (None, None)}


def test_a_proposal_needing_an_initiative_already_used_is_flagged_and_cannot_be_accepted(world):
    ruong = someone(world, "Lê Văn Ruộng")
    recognised(ruong, "Quy trình một cửa liên thông", "provincial", 14)
    first = decide(world, appraised(world, [ruong], CSTDCS))
    assert InitiativeUse.objects.count() == 1

    proposal = services.submit_proposal(world.users["officer_a"], make_proposal(world, [ruong], CSTD_TINH))
    candidate = proposal.candidates.get()
    (check,) = check_candidates(proposal, [candidate])
    assert check.status == Status.NOT_ELIGIBLE
    assert any("1 đã dùng làm căn cứ khen thưởng khác nên không tính" in r.text for r in check.failed_reasons)
    (line,) = [c for c in check.checks if c.check == "initiative"]
    assert line.met is False and line in check.blocking
    assert "đã được dùng làm căn cứ khen thưởng khác" in line.text
    assert f"Chiến sĩ thi đua cơ sở {YEAR}, Quyết định số {first.reference}" in line.text
    assert line.citation == "Công văn 5007/BNV-TĐKT năm 2023, mục III.5.c"
    with pytest.raises(ValidationError, match="đã được dùng làm căn cứ khen thưởng khác"):
        services.appraise_candidate(world.users["admin"], candidate, accept=True)


def test_issuing_refuses_an_initiative_used_since_the_appraisal_and_a_correction_frees_it(world):
    son = someone(world, "Phạm Văn Sơn")
    initiative = recognised(son, "Quy trình một cửa liên thông", "provincial", 15)
    # both proposals appraised while the initiative was free (the provincial title rests on this year's
    # Chiến sĩ thi đua cơ sở still to be decided: a judgment, not a failure)
    for_title = appraised(world, [son], CSTDCS)
    for_province = appraised(world, [son], CSTD_TINH)
    decision = decide(world, for_title)
    assert initiative.uses.get().record.decision == decision
    with pytest.raises(
        ValidationError, match="Phạm Văn Sơn: sáng kiến đã được dùng làm căn cứ khen thưởng khác"
    ):
        decide(world, for_province)
    assert not Decision.objects.filter(proposal=for_province).exists()

    # a correction cancelling the entry frees the initiative from its date
    (record,) = decision.records.all()
    services.issue_correction(
        world.users["admin"],
        decision,
        cancel=[record],
        reason="Ghi nhầm người được công nhận.",
        signed_on=timezone.localdate(),
        signer_name="Nguyễn Văn Ký",
        signer_title="Giám đốc",
    )
    assert used(son) == {"15/QĐ-SKHĐT": (None, None)}


def test_reading_the_initiatives_of_many_candidates_costs_two_queries(world, django_assert_num_queries):
    people = [someone(world, f"Nguyễn Văn Số {i}", past_titles=False) for i in range(6)]
    for i, person in enumerate(people):
        recognised(person, f"Sáng kiến {i}", "grassroots", 60 + i)
    as_of = timezone.localdate()
    subjects = person_subjects(people, YEAR, as_of)
    ruleset = rules.ruleset_for(as_of)
    with django_assert_num_queries(2):
        bases = bases_for(CSTDCS, YEAR, [(int(s.id), s) for s in subjects], as_of, ruleset)
    assert all(len(b.relied) == 1 and not b.reused for b in bases.values())
    nobody = [(int(s.id), s) for s in person_subjects([world.person_b], YEAR, as_of)]
    with django_assert_num_queries(0):  # nobody with an initiative: no query at all
        bases_for(CSTDCS, YEAR, nobody, as_of, ruleset)
