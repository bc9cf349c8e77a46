"""The web shell: anonymous users see only the login and the portal; each persona sees its own pending work."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tdkt.core.actors import SYSTEM
from tdkt.org import services as org_services
from tdkt.org.enums import PositionLevel

SIGNED_IN_PAGES = ["home", "web:unit_list", "web:block_list", "web:council", "web:search"]


@pytest.mark.parametrize("name", SIGNED_IN_PAGES)
def test_anonymous_users_are_sent_to_login(world, name):
    response = world.client("anonymous").get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", ["login", "portal:index"])
def test_anonymous_users_see_login_and_portal(world, name):
    response = world.client("anonymous").get(reverse(name))
    assert response.status_code == 200
    assert '<html lang="vi">' in response.content.decode()


def test_admin_site_is_for_phong_tdkt_only(world):
    assert world.client("admin").get(reverse("admin:org_person_changelist")).status_code == 200
    assert world.client("officer_a").get(reverse("admin:org_person_changelist")).status_code == 302


def test_admin_search_is_accent_insensitive(world):
    response = world.client("admin").get(reverse("admin:org_person_changelist"), {"q": "Dang Thi Anh Tuyet"})
    assert "Đặng Thị Ánh Tuyết" in response.content.decode()


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("admin", "Khối phó"),  # the block has no deputy yet
        ("officer_a", "Phân công cán bộ phụ trách thi đua"),
        ("leader_a", "Phân công cán bộ phụ trách thi đua"),
        ("block_head", "Khối trưởng Khối thi đua các cơ quan tham mưu tổng hợp tỉnh"),
        ("council", "Theo dõi Khối thi đua các cơ quan tham mưu tổng hợp tỉnh"),
        ("officer_b", "Bổ sung ngày sinh"),
    ],
)
def test_home_lists_each_personas_pending_work(world, persona, expected):
    if persona == "officer_b":
        org_services.create_person(SYSTEM, unit=world.unit_b, full_name="Hồ Thị Lan", gender="female")
    response = world.client(persona).get(reverse("home"))
    assert response.status_code == 200
    assert expected in response.content.decode()


def test_pending_work_disappears_when_done(world):
    org_services.appoint(
        SYSTEM,
        world.person_a,
        title="Chánh Văn phòng",
        level=PositionLevel.DIVISION_HEAD,
        start_date=world.council.start_date,
        handles_emulation=True,
    )
    page = world.client("officer_a").get(reverse("home")).content.decode()
    assert "Phân công cán bộ phụ trách thi đua" not in page


def test_search_without_diacritics(world):
    response = world.client("officer_a").get(reverse("web:search"), {"q": "dang thi anh tuyet"})
    assert "Đặng Thị Ánh Tuyết" in response.content.decode()
    response = world.client("officer_a").get(reverse("web:search"), {"q": "ke hoach"})
    assert "Sở Kế hoạch và Đầu tư" in response.content.decode()


def test_search_htmx_returns_only_the_results_fragment(world):
    response = world.client("officer_a").get(reverse("web:search"), {"q": "tuyet"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "Đặng Thị Ánh Tuyết" in body
    assert "<html" not in body


def test_pages_fetch_nothing_from_outside_and_send_a_strict_csp(world):
    response = world.client("officer_a").get(reverse("home"))
    body = response.content.decode()
    assert not re.search(r'(src|href)="(https?:)?//', body), "no external asset may be referenced"
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "<script>" not in body and "style=" not in body


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_staff_list_query_count_does_not_grow_with_rows(world):
    client = world.client("officer_a")
    url = reverse("web:unit_detail", args=[world.unit_a.pk])
    few = _queries(client, url)
    for i in range(40):
        person = org_services.create_person(
            SYSTEM, unit=world.unit_a, full_name=f"Nguyễn Văn Người{i}", gender="male"
        )
        org_services.appoint(SYSTEM, person, title="Chuyên viên", start_date=world.council.start_date)
    assert _queries(client, url) == few


def test_block_and_unit_lists_query_count_does_not_grow(world):
    from tdkt.org.models import EmulationBlock, Unit

    client = world.client("officer_a")
    blocks_before = _queries(client, reverse("web:block_list"))
    units_before = _queries(client, reverse("web:unit_list"))
    for i in range(20):
        unit = Unit(
            province=world.province,
            name=f"Ủy ban nhân dân xã Số {i}",
            abbreviation=f"X{i}",
            parent=world.unit_c,
        )
        unit.save()
        block = EmulationBlock(province=world.province, name=f"Cụm thi đua số {i}", abbreviation=f"C{i}")
        block.save()
        org_services.set_membership(SYSTEM, block=block, unit=unit, year=world.block.memberships.first().year)
    assert _queries(client, reverse("web:block_list")) == blocks_before
    assert _queries(client, reverse("web:unit_list")) == units_before


def test_english_is_the_second_locale(world):
    client = world.client("officer_a")
    client.cookies["django_language"] = "en"
    body = client.get(reverse("home")).content.decode()
    assert '<html lang="en">' in body


def test_vietnamese_whatever_the_browser_prefers(world):
    response = world.client("anonymous").get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="vi">' in response.content.decode()
    assert response["Content-Language"] == "vi"
