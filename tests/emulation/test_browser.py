"""Phone-width walk through the emulation pages in Debian's chromium: a member signs the pledge with HTMX,
registers its people with the multi-select, the block head follows the scope list — no horizontal scrolling,
nothing fetched from outside, no CSP violation."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from django.db import connections
from django.urls import reverse

from tdkt.emulation import services
from tdkt.emulation.models import PledgeSignature, Registration
from tests.web.test_browser import no_horizontal_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = Path(__file__).resolve().parents[2] / "test-results"


@pytest.fixture
def phone(live_server):
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail("Debian's chromium is missing: run `make browser`.")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
        )
        context = browser.new_context(viewport={"width": 375, "height": 740}, locale="vi-VN")
        page = context.new_page()
        page.requests = []  # type: ignore[attr-defined]
        page.console_errors = []  # type: ignore[attr-defined]
        page.on("request", lambda request: page.requests.append(request.url))  # type: ignore[attr-defined]
        page.on("console", lambda msg: msg.type == "error" and page.console_errors.append(msg.text))  # type: ignore[attr-defined]
        yield page
        browser.close()
        # The test's own ORM calls ran beside Playwright's event loop, on a connection of their own: close it,
        # or PostgreSQL refuses to drop the test database at the end of the run.
        connections.close_all()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def _sign_in(page, live_server, username):
    page.context.clear_cookies()
    page.goto(live_server.url + reverse("login"))
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "x")
    page.click("form.stack button[type=submit]")
    page.wait_for_selector("#work-title")


def test_member_signs_and_registers_on_a_phone(world, live_server, phone, open_pledge, staff_b):
    SHOTS.mkdir(exist_ok=True)
    _sign_in(phone, live_server, "canbo.b")
    assert "Ký giao ước thi đua năm" in phone.content()
    phone.goto(live_server.url + open_pledge.get_absolute_url())
    assert no_horizontal_scroll(phone)
    phone.click("#ky-ket button.primary")
    phone.wait_for_selector("#ky-ket >> text=Đơn vị đã ký giao ước.", timeout=5000)
    assert PledgeSignature.objects.filter(unit=world.unit_b).count() == 1
    assert "1/2" in phone.inner_text("#ky-ket h2")
    phone.screenshot(path=str(SHOTS / "emulation-pledge-phone.png"), full_page=True)

    phone.goto(live_server.url + reverse("emulation:registration_mine"))
    assert no_horizontal_scroll(phone)
    phone.check("input[value=tap_the_lao_dong_tien_tien]")
    phone.select_option("select[name=title_lao_dong_tien_tien]", [str(staff_b[0].pk), str(staff_b[1].pk)])
    phone.click("form.stack button.primary")
    phone.wait_for_selector("text=Đã lưu bản đăng ký", timeout=5000)
    assert "Trần Thị An" in phone.content() and no_horizontal_scroll(phone)
    phone.screenshot(path=str(SHOTS / "emulation-registration-phone.png"), full_page=True)
    assert Registration.objects.get().entries.count() == 3

    assert all(url.startswith(live_server.url) for url in phone.requests), phone.requests  # type: ignore[attr-defined]
    assert phone.console_errors == []  # type: ignore[attr-defined]


def test_block_head_reads_the_table_and_the_scope_on_a_phone(world, live_server, phone, draft_pledge, tree):
    tree["criteria"][0]["name"] = "Thực hiện nhiệm vụ chính trị"
    services.set_scoring_table(world.users["block_head"], draft_pledge, tree)
    SHOTS.mkdir(exist_ok=True)
    _sign_in(phone, live_server, "canbo.a")
    for url in (
        draft_pledge.get_absolute_url(),
        reverse("emulation:pledge_versions", args=[draft_pledge.pk]),
        reverse("emulation:pledge_compare", args=[draft_pledge.pk]) + "?a=1&b=2",
        reverse("emulation:pledge_table_edit", args=[draft_pledge.pk]),
        reverse("emulation:registration_scope"),
        reverse("emulation:pledge_list"),
    ):
        phone.goto(live_server.url + url)
        assert no_horizontal_scroll(phone), url
    phone.goto(live_server.url + reverse("emulation:pledge_table_edit", args=[draft_pledge.pk]))
    phone.screenshot(path=str(SHOTS / "emulation-table-editor-phone.png"), full_page=True)
    assert phone.console_errors == []  # type: ignore[attr-defined]
