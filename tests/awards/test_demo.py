"""The demo tells the seed block's commendation story: years of ratings and titles from the units' past
decisions, and the 2025 Emulation Flag carried from the block head's proposal through the council to a
numbered decision in the register."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from tdkt.awards.enums import ProposalState
from tdkt.awards.models import AwardRecord, Decision, Leave, PersonYear, Proposal
from tdkt.demo.world import SEED_BLOCK_UNITS, load_demo


@pytest.fixture
def demo(db):
    return load_demo(people=60)


def test_the_seed_blocks_people_have_years_of_history(demo):
    seed_units = [abbreviation for _, _, abbreviation, _ in SEED_BLOCK_UNITS]
    years = PersonYear.objects.filter(unit__abbreviation__in=seed_units)
    assert set(years.values_list("year", flat=True)) == set(range(2019, datetime.date.today().year))
    assert years.values("person").distinct().count() >= 7 * 3
    assert Leave.objects.filter(kind="maternity").exists()
    external = Decision.objects.filter(external=True)
    assert external.filter(symbol="QĐ-STP", year=2024).exists()
    assert AwardRecord.objects.filter(award_code="lao_dong_tien_tien").count() > 50
    assert (
        AwardRecord.objects.filter(award_code="tap_the_lao_dong_tien_tien", unit__abbreviation="SNV").count()
        >= 6
    )


def test_the_2025_flag_is_decided_and_in_the_register(demo, settings):
    proposal = Proposal.objects.get(year=2025, award_code="co_thi_dua_tinh")
    assert proposal.state == ProposalState.DECIDED and proposal.unit.abbreviation == "SNV"
    assert proposal.ballot.tally.lines.get().votes == proposal.ballot.roll.count() == 9
    decision = proposal.decisions.get()
    assert decision.reference == "01/QĐ-UBND" and decision.signed_on == datetime.date(2025, 12, 26)
    record = decision.records.get()
    assert (record.subject_name, record.bonus) == ("Sở Tư pháp", 18_720_000)  # 8.0 × 2,340,000
    client = Client()
    client.post(reverse("login"), {"username": "hoidong", "password": settings.TDKT_DEMO_PASSWORD})
    page = client.get(reverse("awards:register"), {"q": "tu phap", "nam": 2025}).content.decode()
    assert "Cờ thi đua của Ủy ban nhân dân tỉnh" in page and "01/QĐ-UBND" in page
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "Đã có quyết định" in page
