"""The year-end scoring walked through in Debian's chromium at phone width: the head sets up the round, members
score themselves (with evidence) and each other, the head reconciles the flagged criterion and closes scoring,
and everyone sees the ranking and its chart — no horizontal scrolling, nothing fetched from outside, no CSP
violation."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from tdkt.scoring.enums import RoundState, SheetKind
from tdkt.scoring.models import Evidence, Reconciliation, ScoringRound
from tdkt.scoring.queries import table_rows
from tests.emulation.test_browser import SHOTS, _sign_in
from tests.emulation.test_browser import phone as phone  # the fixture
from tests.web.test_browser import no_horizontal_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fill_sheet(page, rows, values, default_share=0.8):
    for row in rows:
        if row.takes_points:
            value = values.get(
                row.path, (row.maximum * 0 if row.kind != "criterion" else row.maximum * 8 / 10)
            )
            page.fill(f"input[name=points_{row.key}]", str(value).replace(".", ","))


def _goto(page, live_server, url):
    page.goto(live_server.url + url)
    assert no_horizontal_scroll(page), url


def test_members_score_the_head_reconciles_and_closes_everyone_sees_the_ranking(
    world,
    live_server,
    phone,
    signed_pledge,
):
    SHOTS.mkdir(exist_ok=True)
    today = datetime.date.today()

    # The head sets up the round and opens self scoring.
    _sign_in(phone, live_server, "canbo.a")
    _goto(phone, live_server, reverse("scoring:round_create"))
    phone.fill("input[name=margin]", "10")
    phone.fill("input[name=self_deadline]", str(today + datetime.timedelta(days=7)))
    phone.fill("input[name=cross_deadline]", str(today + datetime.timedelta(days=14)))
    phone.click("form.stack button.primary")
    phone.wait_for_selector("#open-self")
    scoring_round = ScoringRound.objects.get()
    rows = table_rows(scoring_round)
    phone.click("#open-self")
    phone.wait_for_selector("text=Đã mở tự chấm điểm.")

    # The head's unit scores itself.
    phone.click("a.own-self")
    phone.wait_for_selector("#sheet-status")
    _fill_sheet(phone, rows, {})
    phone.click("#submit-sheet")
    phone.wait_for_selector("text=Đã nộp phiếu: phiếu đã khóa.")

    # Unit B scores itself from its work queue, with a link as evidence, claiming 28/30 on criterion I › 2.
    _sign_in(phone, live_server, "canbo.b")
    phone.click("text=Tự chấm điểm thi đua năm")
    phone.wait_for_selector("#sheet-status")
    assert no_horizontal_scroll(phone)
    first = next(row for row in rows if row.path == "I › 1 › 1.1")
    section = f"#tieu-chi-{first.criterion.pk}"
    phone.click(f"{section} details summary")
    phone.fill(f"{section} input[name=title]", "Báo cáo kết quả năm")
    phone.fill(f"{section} input[name=url]", "https://vanlinh.gov.vn/bao-cao")
    phone.click(f"{section} details button[type=submit]")
    phone.wait_for_selector("text=Đã thêm minh chứng.")
    _fill_sheet(phone, rows, {"I › 2": "28"})
    phone.fill(f"textarea[name=note_{first.key}]", "Vượt 12% chỉ tiêu kế hoạch")
    phone.screenshot(path=str(SHOTS / "scoring-self-sheet-phone.png"), full_page=True)
    phone.click("#submit-sheet")
    phone.wait_for_selector("text=Đã nộp phiếu: phiếu đã khóa.")
    assert Evidence.objects.filter(sheet__unit=world.unit_b).count() == 1

    # The head locks self scoring and opens cross scoring, then scores B: 15/30 on criterion I › 2.
    _sign_in(phone, live_server, "canbo.a")
    _goto(phone, live_server, scoring_round.get_absolute_url())
    phone.click("#open-cross")
    phone.wait_for_selector("text=Đã khóa bản tự chấm điểm và mở chấm chéo.")
    phone.click("a.own-peer")
    phone.wait_for_selector("#sheet-status")
    assert "Báo cáo kết quả năm" in phone.content() and "Vượt 12% chỉ tiêu kế hoạch" in phone.content()
    assert "28" not in phone.inner_text("main")  # B's own points stay hidden from its scorer
    _fill_sheet(phone, rows, {"I › 2": "15"})
    phone.click("#submit-sheet")
    phone.wait_for_selector("text=Đã nộp phiếu: phiếu đã khóa.")

    # B scores the head's unit.
    _sign_in(phone, live_server, "canbo.b")
    _goto(phone, live_server, scoring_round.get_absolute_url())
    phone.click("a.own-peer")
    phone.wait_for_selector("#sheet-status")
    _fill_sheet(phone, rows, {})
    phone.click("#submit-sheet")
    phone.wait_for_selector("text=Đã nộp phiếu: phiếu đã khóa.")
    assert scoring_round.sheets.filter(kind=SheetKind.PEER, status="submitted").count() == 2

    # The head cannot close before reconciling; reconciles the flagged criterion with a reason, then closes.
    _sign_in(phone, live_server, "canbo.a")
    _goto(phone, live_server, scoring_round.get_absolute_url())
    phone.click("#close-round")
    phone.wait_for_selector("text=chênh lệch điểm chưa được Khối trưởng xử lý")
    phone.click("#flags-link")
    phone.wait_for_selector("#flags-title")
    assert no_horizontal_scroll(phone)
    flag = phone.locator("article.flag").first
    assert "Tự chấm 28, chấm chéo 15" in flag.inner_text()
    flag.locator("textarea[name=reason]").fill("Minh chứng chỉ chứng minh 20 điểm; Khối thống nhất 20 điểm.")
    flag.locator("input[name=points]").fill("20")
    phone.screenshot(path=str(SHOTS / "scoring-flags-phone.png"), full_page=True)
    flag.locator("button.primary").click()
    phone.wait_for_selector("text=Đã ghi nhận xử lý chênh lệch")
    assert Reconciliation.objects.get().points == 20
    _goto(phone, live_server, scoring_round.get_absolute_url())
    phone.click("#close-round")
    phone.wait_for_selector("text=Đã kết thúc chấm điểm và xếp hạng.")
    scoring_round.refresh_from_db()
    assert scoring_round.state == RoundState.CLOSED

    # Everyone sees the ranking and its chart; B its own breakdown.
    for username in ("canbo.b", "hoidong", "canbo.a"):
        _sign_in(phone, live_server, username)
        _goto(phone, live_server, reverse("scoring:ranking", args=[scoring_round.pk]))
        assert phone.locator("#ranking-table tbody tr").count() == 2
        chart = phone.locator("svg.chart")
        assert chart.count() == 1 and chart.bounding_box()["width"] <= 375
        if username == "canbo.b":
            phone.screenshot(path=str(SHOTS / "scoring-ranking-phone.png"), full_page=True)
            phone.click(f"#ranking-table >> text={world.unit_b.name}")
            phone.wait_for_selector("#lines-title")
            assert "điểm thống nhất 20" in phone.content() and no_horizontal_scroll(phone)
            phone.screenshot(path=str(SHOTS / "scoring-breakdown-phone.png"), full_page=True)

    assert all(url.startswith(live_server.url) for url in phone.requests)  # type: ignore[attr-defined]
    assert phone.console_errors == []  # type: ignore[attr-defined]
