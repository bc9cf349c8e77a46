"""The work queue: what the emulation cycle asks of each persona, with due dates from the rows."""

from __future__ import annotations

import datetime

from django.urls import reverse

from tdkt.core.worklist import pending_work
from tdkt.emulation import services


def _titles(user, prefix=""):
    return {item.title: item for item in pending_work(user) if item.category in ("pledge", "registration")}


def test_members_are_asked_to_sign_until_they_have(world, year, open_pledge, leader_b):
    deadline = datetime.date(year, 12, 31)
    for persona in ("officer_a", "leader_a", "officer_b", "leader_b"):
        item = _titles(world.users[persona])[f"Ký giao ước thi đua năm {year}"]
        assert item.due == deadline and item.url == open_pledge.get_absolute_url()
    for persona in ("viewer_a", "officer_c", "admin", "council"):
        assert f"Ký giao ước thi đua năm {year}" not in _titles(world.users[persona])
    services.sign_pledge(world.users["officer_b"], open_pledge)
    assert f"Ký giao ước thi đua năm {year}" not in _titles(leader_b)


def test_block_head_sees_the_signing_progress_while_open(world, year, open_pledge):
    item = _titles(world.users["block_head"])["Giao ước: 0/2 đơn vị đã ký"]
    assert item.count == 2 and item.due == datetime.date(year, 12, 31) and item.url.endswith("#ky-ket")
    services.sign_pledge(world.users["officer_b"], open_pledge)
    assert "Giao ước: 1/2 đơn vị đã ký" in _titles(world.users["block_head"])
    assert not any(title.startswith("Giao ước:") for title in _titles(world.users["officer_b"]))
    services.sign_pledge(world.users["officer_a"], open_pledge)  # the last signature locks it
    assert not any(title.startswith("Giao ước:") for title in _titles(world.users["block_head"]))


def test_nothing_to_sign_while_the_pledge_is_a_draft(world, year, draft_pledge):
    assert not _titles(world.users["block_head"]).keys() & {
        f"Ký giao ước thi đua năm {year}",
        "Giao ước: 0/2 đơn vị đã ký",
    }


def test_officer_is_asked_to_register_with_the_years_deadline(world, year, staff_b):
    item = _titles(world.users["officer_b"])[f"Đăng ký thi đua năm {year}"]
    assert item.due is None and item.url == reverse("emulation:registration_mine") + f"?nam={year}"
    services.set_registration_period(world.users["admin"], year=year, deadline=datetime.date(year, 2, 28))
    registration = services.create_registration(
        world.users["officer_b"],
        unit=world.unit_b,
        year=year,
        collective_titles=["tap_the_lao_dong_tien_tien"],
    )
    item = _titles(world.users["officer_b"])[f"Đăng ký thi đua năm {year}"]
    assert (
        item.due == datetime.date(year, 2, 28)
        and item.detail == "Đăng ký đang soạn, chưa trình lãnh đạo duyệt."
    )
    services.submit_registration(world.users["officer_b"], registration)
    assert f"Đăng ký thi đua năm {year}" not in _titles(world.users["officer_b"])
    assert f"Đăng ký thi đua năm {year}" not in _titles(world.users["leader_a"])  # leaders decide, not draft


def test_leader_is_asked_to_decide_and_a_return_goes_back_to_the_officer(world, year, submitted_b, leader_b):
    services.set_registration_period(world.users["admin"], year=year, deadline=datetime.date(year, 3, 1))
    item = _titles(leader_b)["Duyệt đăng ký thi đua"]
    assert item.due == datetime.date(year, 3, 1) and item.url == submitted_b.get_absolute_url()
    assert "Duyệt đăng ký thi đua" not in _titles(world.users["leader_a"])
    services.return_registration(leader_b, submitted_b, reason="Bổ sung cá nhân")
    assert "Duyệt đăng ký thi đua" not in _titles(leader_b)
    assert _titles(world.users["officer_b"])[f"Đăng ký thi đua năm {year}"].detail == (
        "Lãnh đạo đã trả lại: Bổ sung cá nhân"
    )


def test_home_page_shows_the_items(world, year, open_pledge):
    body = world.client("officer_b").get(reverse("home")).content.decode()
    assert f"Ký giao ước thi đua năm {year}" in body and f"Đăng ký thi đua năm {year}" in body
