"""Phone-width walk through a secret ballot in Debian's chromium: the block head opens the ballot, the members
vote, the head closes it, counts, and reads the tally with the threshold outcome — no horizontal scrolling,
nothing fetched from outside, no CSP violation."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tdkt.ballots import services
from tdkt.ballots.models import Ballot, SealedBallot
from tests.emulation.test_browser import SHOTS, _sign_in
from tests.emulation.test_browser import phone as phone  # the fixture
from tests.web.test_browser import no_horizontal_scroll

from .conftest import make_session

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_head_opens_members_vote_head_closes_and_reads_the_tally(world, voters, live_server, phone):
    SHOTS.mkdir(exist_ok=True)
    session = make_session(
        world,
        candidates=[
            services.CandidateInput(unit=world.unit_b, note="Xếp thứ nhất"),
            services.CandidateInput(unit=world.unit_a, note="Xếp thứ hai"),
        ],
    )
    first, second = session.candidates.order_by("order")
    detail = live_server.url + session.get_absolute_url()

    _sign_in(phone, live_server, "canbo.a")
    phone.goto(live_server.url + reverse("ballots:edit", args=[session.pk]))
    assert no_horizontal_scroll(phone)
    phone.screenshot(path=str(SHOTS / "ballot-edit-phone.png"), full_page=True)
    phone.goto(detail)
    assert no_horizontal_scroll(phone)
    phone.click("#open-ballot")
    phone.wait_for_selector("text=Đã mở bỏ phiếu.")
    assert phone.inner_text("#session-state") == "Đang bỏ phiếu"

    # Six of the nine member units vote (quorum 2/3 of 9): five keep Sở Tư pháp, one Sở Kế hoạch và Đầu tư.
    for username, choice in [
        ("canbo.b", first),
        ("canbo.d", first),
        ("canbo.e", first),
        ("canbo.f", first),
        ("canbo.g", first),
        ("canbo.a", second),
    ]:
        _sign_in(phone, live_server, username)
        assert "Bỏ phiếu kín: " in phone.content()  # the home page asks for the vote
        phone.goto(detail)
        phone.click("#vote-link")
        phone.wait_for_selector("#ballot-choices")
        assert no_horizontal_scroll(phone)
        phone.check(f"#ballot-choices input[value='{choice.pk}']")
        if username == "canbo.b":
            phone.screenshot(path=str(SHOTS / "ballot-vote-phone.png"), full_page=True)
        phone.click("#cast-ballot")
        phone.wait_for_selector("text=Đã ghi nhận phiếu bầu")
        assert "đã bỏ phiếu." in phone.inner_text("#my-vote")
        assert "tally-lines" not in phone.content()  # nothing to count yet
    assert SealedBallot.objects.count() == 6 and not Ballot.objects.exists()

    _sign_in(phone, live_server, "canbo.a")
    phone.goto(detail)
    assert "Đã bỏ phiếu: 6/9" in phone.content()
    phone.click("#close-ballot")
    phone.wait_for_selector("text=Đã kết thúc bỏ phiếu.")
    phone.click("#count-ballot")
    phone.wait_for_selector("#tally-lines")
    assert no_horizontal_scroll(phone)
    phone.screenshot(path=str(SHOTS / "ballot-tally-phone.png"), full_page=True)
    facts = phone.inner_text("#tally-facts")
    assert "Đủ số người tham gia theo quy định" in facts
    rows = phone.locator("#tally-lines tbody tr")
    assert "Sở Tư pháp" in rows.nth(0).inner_text() and "Đạt, được đề nghị" in rows.nth(0).inner_text()
    assert "55,5556%" in rows.nth(0).inner_text()  # 5 of 9 on the roll, more than half
    assert "Không đạt tỷ lệ" in rows.nth(1).inner_text()
    assert Ballot.objects.count() == 6 and not SealedBallot.objects.exists()

    assert all(url.startswith(live_server.url) for url in phone.requests), phone.requests  # type: ignore[attr-defined]
    assert phone.console_errors == []  # type: ignore[attr-defined]
