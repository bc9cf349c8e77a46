"""Issue 4's whole year-end flow in Debian's chromium at phone width: members score, the head reconciles a
flagged criterion, closes scoring, draws up the ballot from the ranking, opens it, members vote, the head closes
and counts it and reads the tally with the threshold outcome — no horizontal scrolling, nothing fetched from
outside, no CSP violation.

Most sheets and two of the four votes go through the services (the same functions the pages call); unit B's
self score, the reconciliation, the close, the ballot from the ranking, its opening, two votes, the close and
the count go through the browser."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tdkt.ballots import services as ballots
from tdkt.ballots.enums import SessionState
from tdkt.ballots.models import Ballot, BallotSession
from tdkt.core.actors import SYSTEM
from tdkt.scoring import services
from tdkt.scoring.enums import RoundState, SheetKind
from tdkt.scoring.models import Reconciliation
from tdkt.scoring.queries import ranking, table_rows
from tests.ballots.test_browser import SHOTS, _sign_in
from tests.ballots.test_browser import phone as phone  # the fixture
from tests.emulation.test_browser_scoring import _fill_sheet
from tests.scoring.conftest import fill, full_points, keys, self_sheet
from tests.web.test_browser import no_horizontal_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _goto(page, live_server, url):
    page.goto(live_server.url + url)
    assert no_horizontal_scroll(page), url


def test_score_reconcile_close_ballot_from_the_ranking_vote_and_count(
    world, block4, live_server, phone, make_round
):
    SHOTS.mkdir(exist_ok=True)
    scoring_round = make_round(margin="10")
    rows = table_rows(scoring_round)
    criterion = keys(scoring_round)["I › 2"]  # 30 points at most
    services.open_self_scoring(SYSTEM, scoring_round)
    for unit in (world.unit_a, world.unit_d, world.unit_e):
        fill(SYSTEM, self_sheet(scoring_round, unit), full_points(scoring_round))

    # Member B scores itself in the browser, claiming 28/30 on criterion I › 2, and submits.
    _sign_in(phone, live_server, "canbo.b")
    _goto(phone, live_server, self_sheet(scoring_round, world.unit_b).get_absolute_url())
    _fill_sheet(phone, rows, {"I › 2": "28"})
    phone.click("#submit-sheet")
    phone.wait_for_selector("text=Đã nộp phiếu: phiếu đã khóa.")

    # Cross scoring: the peers give A 90 %, E 85 %, B 80 % but 15/30 on I › 2 (flagged), D 70 %.
    services.open_cross_scoring(SYSTEM, scoring_round)
    shares = {world.unit_a: "0.9", world.unit_e: "0.85", world.unit_b: "0.8", world.unit_d: "0.7"}
    for sheet in scoring_round.sheets.filter(kind=SheetKind.PEER).select_related("unit"):
        points = full_points(scoring_round, shares[sheet.unit])
        if sheet.unit == world.unit_b:
            points[criterion] = "15"
        fill(SYSTEM, sheet, points)

    # The head reconciles the flagged criterion in the browser, then closes scoring.
    _sign_in(phone, live_server, "canbo.a")
    _goto(phone, live_server, reverse("scoring:flags", args=[scoring_round.pk]))
    flags = phone.locator("article.flag")
    assert flags.count() == 1 and "Tự chấm 28" in flags.first.inner_text()
    flags.first.locator("textarea[name=reason]").fill("Minh chứng chỉ chứng minh 20 điểm; Khối thống nhất.")
    flags.first.locator("input[name=points]").fill("20")
    flags.first.locator("button.primary").click()
    phone.wait_for_selector("text=Đã ghi nhận xử lý chênh lệch")
    assert Reconciliation.objects.get().points == 20
    _goto(phone, live_server, scoring_round.get_absolute_url())
    phone.click("#close-round")
    phone.wait_for_selector("text=Đã kết thúc chấm điểm và xếp hạng.")
    scoring_round.refresh_from_db()
    assert scoring_round.state == RoundState.CLOSED
    ranked = [entry.unit for entry in ranking(world.block, scoring_round.pledge.year)]
    assert ranked == [world.unit_a, world.unit_e, world.unit_b, world.unit_d]

    # From the ranking page the head draws up the ballot: candidates = the ranking, in order.
    _goto(phone, live_server, reverse("scoring:ranking", args=[scoring_round.pk]))
    form = phone.locator("#ballot-from-ranking")
    form.locator("input[name=question]").fill("Đề nghị tặng Cờ thi đua của Ủy ban nhân dân tỉnh")
    form.locator("input[name=threshold]").fill("1/2")
    form.locator("select[name=threshold_comparison]").select_option("gt")
    form.locator("select[name=threshold_base]").select_option("roll")
    form.locator("input[name=quorum]").fill("2/3")
    form.locator("input[name=rule_source]").fill("Quy chế hoạt động của Khối, Điều 9")
    phone.screenshot(path=str(SHOTS / "scoring-ballot-from-ranking-phone.png"), full_page=True)
    form.locator("button.primary").click()
    phone.wait_for_selector("text=Đã lập phiên bỏ phiếu theo kết quả xếp hạng")
    session = BallotSession.objects.get()
    assert phone.url == live_server.url + session.get_absolute_url()
    listed = phone.locator("section[aria-labelledby=candidates-title] li").all_inner_texts()
    assert listed == [unit.name for unit in ranked]
    phone.click("#open-ballot")
    phone.wait_for_selector("text=Đã mở bỏ phiếu.")
    first, second = session.candidates.order_by("order", "pk")[:2]
    assert first.unit == world.unit_a and second.unit == world.unit_e

    # Two members vote in the browser; the head's and the deputy's units through the service.
    for username in ("canbo.b", "canbo.ttr"):
        _sign_in(phone, live_server, username)
        _goto(phone, live_server, session.get_absolute_url())
        phone.click("#vote-link")
        phone.wait_for_selector("#ballot-choices")
        assert no_horizontal_scroll(phone)
        phone.check(f"#ballot-choices input[value='{first.pk}']")
        phone.click("#cast-ballot")
        phone.wait_for_selector("text=Đã ghi nhận phiếu bầu")
    ballots.cast_ballot(world.users["officer_a"], session, [first.pk])
    ballots.cast_ballot(world.users["officer_d"], session, [second.pk])

    # The head closes and counts it and reads the tally: A 3 of 4 on the roll (> 1/2) is put forward.
    _sign_in(phone, live_server, "canbo.a")
    _goto(phone, live_server, session.get_absolute_url())
    assert "Đã bỏ phiếu: 4/4" in phone.content()
    phone.click("#close-ballot")
    phone.wait_for_selector("text=Đã kết thúc bỏ phiếu.")
    phone.click("#count-ballot")
    phone.wait_for_selector("#tally-lines")
    assert no_horizontal_scroll(phone)
    phone.screenshot(path=str(SHOTS / "scoring-ballot-tally-phone.png"), full_page=True)
    assert "Đủ số người tham gia theo quy định" in phone.inner_text("#tally-facts")
    lines = phone.locator("#tally-lines tbody tr")
    row_a = lines.filter(has_text=world.unit_a.name).inner_text()
    row_e = lines.filter(has_text=world.unit_e.name).inner_text()
    assert "75%" in row_a and "Đạt, được đề nghị" in row_a
    assert "25%" in row_e and "Không đạt tỷ lệ" in row_e
    session.refresh_from_db()
    assert session.state == SessionState.COUNTED and Ballot.objects.count() == 4

    assert all(url.startswith(live_server.url) for url in phone.requests), phone.requests  # type: ignore[attr-defined]
    assert phone.console_errors == []  # type: ignore[attr-defined]
