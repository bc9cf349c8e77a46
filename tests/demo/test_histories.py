"""Generated people get histories the eligibility batch can read: ratings per year, titles by decisions."""

from __future__ import annotations

import datetime

import pytest

from tdkt.awards.eligibility import evaluate_people
from tdkt.awards.models import AwardRecord, Decision, PersonYear
from tdkt.demo.generate import generate
from tdkt.org.models import Person

pytestmark = pytest.mark.django_db


def test_generated_people_have_histories_up_to_last_year():
    result = generate(people=120, years=4, seed=3, last_year=2025, units=4)
    assert result.people == 120 and result.history_rows > 0
    assert PersonYear.objects.count() == 120 * 4  # 2022..2025, each person each year
    assert set(PersonYear.objects.values_list("year", flat=True)) == {2022, 2023, 2024, 2025}
    titled = AwardRecord.objects.filter(award_code="lao_dong_tien_tien")
    assert titled.exists() and not titled.exclude(person__award_years__year=2022).filter(year=2022).exists()
    # every title rests on an external decision of the person's unit, signed after the year it recognises
    assert not Decision.objects.filter(external=False).exists()
    assert all(d.signed_on.year == d.year for d in Decision.objects.all())
    people = list(Person.objects.order_by("pk"))
    verdicts = dict(evaluate_people(people, 2025, datetime.date(2026, 1, 20)))
    assert len(verdicts) == 120
    assert any(v["lao_dong_tien_tien"] == "eligible" for v in verdicts.values())


def test_the_current_year_is_not_rated_yet():
    year = datetime.date.today().year
    generate(people=10, years=2, seed=3, last_year=year, units=2)
    assert set(PersonYear.objects.values_list("year", flat=True)) == {year - 1}


def test_no_histories_when_asked_not_to():
    result = generate(people=10, years=3, seed=3, last_year=2025, units=2, histories=False)
    assert result.history_rows == 0 and not PersonYear.objects.exists()
