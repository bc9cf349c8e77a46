"""Phone-width walk through the shell in Debian's chromium (Playwright, no browser download)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = Path(__file__).resolve().parents[2] / "test-results"


@pytest.fixture
def page(live_server):
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(
            "Debian's chromium is missing: run `make browser` (the Makefile installs it for `make test`)."
        )
    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls are still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        context = browser.new_context(viewport={"width": 375, "height": 740}, locale="vi-VN")
        page = context.new_page()
        page.requests = []  # type: ignore[attr-defined]
        page.console_errors = []  # type: ignore[attr-defined]
        page.on("request", lambda request: page.requests.append(request.url))  # type: ignore[attr-defined]
        page.on("console", lambda msg: msg.type == "error" and page.console_errors.append(msg.text))  # type: ignore[attr-defined]
        yield page
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_officer_signs_in_and_searches_on_a_phone(world, live_server, page):
    SHOTS.mkdir(exist_ok=True)
    page.goto(live_server.url + "/")
    assert "/dang-nhap/" in page.url
    assert no_horizontal_scroll(page)
    page.fill("input[name=username]", "canbo.a")
    page.fill("input[name=password]", "x")
    page.click("form.stack button[type=submit]")
    page.screenshot(path=str(SHOTS / "after-login.png"), full_page=True)
    page.wait_for_selector("#work-title")
    page.screenshot(path=str(SHOTS / "home-phone.png"), full_page=True)
    assert "Phân công cán bộ phụ trách thi đua" in page.content()
    assert no_horizontal_scroll(page)

    # The menu is folded on a phone and opens with the ☰ toggle.
    nav_link = page.locator(".mainnav a", has_text="Khối, cụm thi đua")
    assert not nav_link.is_visible()
    page.click(".nav-toggle-label")
    assert nav_link.is_visible()

    # Search as you type, without diacritics, answered by an HTMX fragment.
    page.goto(live_server.url + "/tim-kiem/")
    page.fill("form.inline input[type=search]", "dang thi anh tuyet")
    page.wait_for_selector("#results >> text=Đặng Thị Ánh Tuyết", timeout=5000)
    assert no_horizontal_scroll(page)
    page.screenshot(path=str(SHOTS / "search-phone.png"), full_page=True)

    assert all(url.startswith(live_server.url) for url in page.requests), page.requests  # type: ignore[attr-defined]
    assert page.console_errors == []  # type: ignore[attr-defined]  (a CSP violation would show here)
