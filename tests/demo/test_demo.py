"""The demo is the seed's world; every demo account signs in and sees its own pending work."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tdkt.demo.generate import generate
from tdkt.demo.world import SEED_BLOCK_NAME, load_demo, reset_demo
from tdkt.org.models import BlockMembership, EmulationBlock, Person
from tdkt.org.queries import current_year
from tdkt.portal.enums import ArticleState
from tdkt.portal.models import Article
from tdkt.vn import fold


@pytest.fixture
def demo(db):
    return load_demo(people=60)


def test_demo_reproduces_the_seed_block(demo):
    block = EmulationBlock.objects.get(name=SEED_BLOCK_NAME)
    members_2020 = BlockMembership.objects.filter(block=block, year=2020).select_related("unit")
    assert members_2020.count() == 7
    head = members_2020.get(role="head")
    assert head.unit.name == "Sở Kế hoạch và Đầu tư"
    assert block.followups.get(year=2020).council_member.title == "Chủ tịch Liên đoàn Lao động tỉnh"
    # last year's deputy heads this year
    for year in range(2020, 2026):
        deputy = BlockMembership.objects.get(block=block, year=year, role="deputy").unit_id
        assert BlockMembership.objects.get(block=block, year=year + 1, role="head").unit_id == deputy


DEMO_ACCOUNTS = [
    "admin",
    "hoidong",
    "xem",
    "canbo.skhdt",
    "lanhdao.skhdt",
    "canbo.vpubnd",
    "canbo.snv",
    "lanhdao.ttr",
]


def test_each_demo_account_signs_in_and_sees_its_home(demo, settings):
    # One demo for all the accounts (loading it is the slow part): each signs in on its own client.
    for username in DEMO_ACCOUNTS:
        client = Client()
        response = client.post(
            reverse("login"), {"username": username, "password": settings.TDKT_DEMO_PASSWORD}
        )
        assert response.status_code == 302, (username, response.content.decode()[:500])
        page = client.get(reverse("home")).content.decode()
        assert "Việc cần làm" in page, username


def test_this_years_block_head_sees_block_duties(demo, settings):
    head = BlockMembership.objects.get(block__name=SEED_BLOCK_NAME, year=current_year(), role="head").unit
    client = Client()
    client.post(
        reverse("login"),
        {"username": f"canbo.{fold(head.abbreviation)}", "password": settings.TDKT_DEMO_PASSWORD},
    )
    page = client.get(reverse("home")).content.decode()
    assert "Khối trưởng Khối thi đua các cơ quan tham mưu tổng hợp tỉnh năm" in page


def test_generation_is_reproducible_with_a_seed(db):
    generate(people=30, years=5, seed=7, last_year=2025, histories=False)
    first = list(Person.objects.order_by("pk").values_list("full_name", "gender", "date_of_birth"))
    Person.objects.all().delete()
    generate(people=30, years=5, seed=7, last_year=2025, histories=False)
    second = list(Person.objects.order_by("pk").values_list("full_name", "gender", "date_of_birth"))
    assert first == second and len(first) == 30


def test_demo_tells_the_seeds_2020_story(demo, client):
    from tdkt.emulation.models import Pledge
    from tdkt.meetings.models import Meeting
    from tdkt.portal.models import Article
    from tdkt.reports.models import BlockReport

    pledge = Pledge.objects.get(block__name=SEED_BLOCK_NAME, year=2020)
    assert pledge.signatures.count() == 7
    report = BlockReport.objects.get(template__block__name=SEED_BLOCK_NAME, template__year=2020)
    assert report.status == "final"
    meeting = Meeting.objects.get(block__name=SEED_BLOCK_NAME, year=2020)
    assert meeting.starts_at.date().isoformat() == "2020-06-17" and meeting.host_unit.abbreviation == "SKHĐT"
    assert meeting.photos.count() == 3
    agenda = list(meeting.agenda_items.order_by("order"))
    assert {item.pledge_id for item in agenda} == {None, pledge.pk}
    assert {item.block_report_id for item in agenda} == {None, report.pk}
    assert report.template.period == "six_months"
    article = Article.objects.get(state="published")
    assert article.title == (
        "Hội nghị Sơ kết phong trào thi đua khen thưởng 06 tháng đầu năm 2020 "
        "Khối thi đua các cơ quan tham mưu tổng hợp tỉnh"
    )
    front = client.get(reverse("portal:index")).content.decode()
    assert article.title in front
    assert "07 đơn vị thành viên" in article.body


@pytest.mark.django_db(transaction=True)
def test_reset_empties_and_loads_the_demo_again():
    load_demo(people=20)
    Person.objects.create(unit=Person.objects.first().unit, full_name="Người Thêm Vào", gender="male")
    reset_demo(people=20)
    assert EmulationBlock.objects.filter(name=SEED_BLOCK_NAME).count() == 1
    assert not Person.objects.filter(full_name="Người Thêm Vào").exists()
    assert Article.objects.filter(state=ArticleState.PUBLISHED).exists()  # the 2020 news, in its category
