"""The seed's story walked through the real pages in Debian's chromium at phone width, each step by the person
who does it (the acceptance test of issue 3):

a unit officer submits the six-month report → the block head compiles the consolidated report and circulates it →
a member unit comments → the head answers, closes the round and finalises → the conference is recorded (invitations,
held, agenda linked to the report and the pledge, roll call, photos, minutes) → the news is drafted from the
meeting, edited and published → an anonymous reader finds it on the public news page.

Only the ground is laid through the services (people and positions, the signed pledge, the report template and
the head unit's own submitted report); everything the story's people do happens in the browser. Each step asserts
what the person sees (state labels, messages, the published text); every page is checked for horizontal scrolling
at 375 px, and the run for CSP errors in the console and for requests leaving the server.
"""

from __future__ import annotations

import datetime
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.db import connections
from django.urls import reverse
from django.utils import timezone

from tdkt.core.actors import SYSTEM
from tdkt.core.images import sample_photo
from tdkt.demo.cycle2020 import SCORING_TABLE
from tdkt.emulation import services as emulation
from tdkt.emulation.models import Pledge
from tdkt.meetings.models import Meeting
from tdkt.org import services as org_services
from tdkt.org.enums import PositionLevel
from tdkt.portal.enums import ArticleState
from tdkt.portal.from_meeting import BLOCK_NEWS_CATEGORY_SLUG
from tdkt.portal.models import Article, Category
from tdkt.reports import services as reports
from tdkt.reports.enums import BlockReportStatus, PeriodKind
from tdkt.reports.models import BlockReport, ReportTemplate
from tests.web.test_browser import no_horizontal_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = Path(__file__).resolve().parents[2] / "test-results"
SINCE = datetime.date(2020, 1, 1)

COMMENT = "Đề nghị bổ sung kết quả tham mưu phòng, chống dịch Covid-19 của các đơn vị."
ANSWER = "Tiếp thu, đã bổ sung vào dự thảo."
EDITED = "Hội nghị đã thống nhất phương hướng, nhiệm vụ 6 tháng cuối năm của Khối."


@dataclass
class Story:
    template: ReportTemplate
    pledge: Pledge
    year: int


@pytest.fixture
def story(world: Any, settings: Any, tmp_path: Path) -> Story:
    """The ground the story stands on: the block's people and positions, its pledge signed in the first quarter,
    the six-month report template, and the head unit's own report already submitted."""
    settings.MEDIA_ROOT = tmp_path / "media"
    year = world.block.memberships.first().year

    def appoint(person: Any, title: str, level: str, *, emulation_work: bool = False) -> None:
        org_services.appoint(
            SYSTEM, person, title=title, level=level, start_date=SINCE, handles_emulation=emulation_work
        )

    director_a = org_services.create_person(SYSTEM, unit=world.unit_a, full_name="Trần Văn An", gender="male")
    appoint(director_a, "Giám đốc", PositionLevel.HEAD)
    appoint(world.person_a, "Chánh Văn phòng", PositionLevel.DIVISION_HEAD, emulation_work=True)
    appoint(world.person_b, "Giám đốc", PositionLevel.HEAD)
    officer_b = org_services.create_person(
        SYSTEM, unit=world.unit_b, full_name="Hoàng Thị Mai", gender="female"
    )
    appoint(officer_b, "Chuyên viên", PositionLevel.STAFF, emulation_work=True)
    for persona, person in (("officer_a", world.person_a), ("officer_b", officer_b)):
        account = world.users[persona]
        account.person = person
        account.save()

    pledge = emulation.create_pledge(
        SYSTEM, block=world.block, year=year, targets="Hoàn thành xuất sắc nhiệm vụ chính trị năm."
    )
    emulation.set_scoring_table(SYSTEM, pledge, SCORING_TABLE)
    emulation.open_for_signing(SYSTEM, pledge)
    for persona in ("officer_a", "officer_b"):
        emulation.sign_pledge(world.users[persona], pledge)

    today = timezone.localdate()
    template = reports.create_template(
        SYSTEM,
        block=world.block,
        year=year,
        period=PeriodKind.SIX_MONTHS,
        submission_deadline=today + datetime.timedelta(days=10),
        comment_deadline=today + datetime.timedelta(days=20),
    )
    own = reports.start_unit_report(world.users["officer_a"], template)
    reports.save_unit_report(
        world.users["officer_a"],
        own,
        {
            section.pk: f"Sở Kế hoạch và Đầu tư: {section.title.lower()}."
            for section in template.sections.all()
        },
        {indicator.pk: 2 for indicator in template.indicators.all()},
    )
    reports.submit_unit_report(world.users["officer_a"], own)
    Category.objects.get_or_create(
        slug=BLOCK_NEWS_CATEGORY_SLUG, defaults={"name": "Hoạt động các Khối thi đua", "order": 20}
    )
    return Story(template=template, pledge=Pledge.objects.get(pk=pledge.pk), year=year)


@pytest.fixture
def phone(live_server: Any) -> Any:
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
        context.set_default_timeout(10_000)
        page = context.new_page()
        page.requests = []  # type: ignore[attr-defined]
        page.console_errors = []  # type: ignore[attr-defined]
        page.on("request", lambda request: page.requests.append(request.url))  # type: ignore[attr-defined]
        page.on("console", lambda msg: msg.type == "error" and page.console_errors.append(msg.text))  # type: ignore[attr-defined]
        yield page
        browser.close()
        # The test's ORM calls ran beside Playwright's event loop on a connection of their own: close it, or
        # PostgreSQL refuses to drop the test database at the end of the run.
        connections.close_all()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


class Walk:
    """The browser, signed in as one person at a time; every page visited is checked at phone width."""

    def __init__(self, page: Any, live_server: Any) -> None:
        self.page, self.base = page, live_server.url
        self.visited: list[str] = []

    def sign_in(self, username: str) -> None:
        self.page.context.clear_cookies()
        self.page.goto(self.base + reverse("login"))
        self.page.fill("input[name=username]", username)
        self.page.fill("input[name=password]", "x")
        self.page.click("form.stack button[type=submit]")  # the language buttons are submits too
        self.page.wait_for_selector("#work-title")

    def go(self, path: str) -> None:
        self.page.goto(self.base + path)
        self.check()

    def click(self, selector: str) -> None:
        with self.page.expect_navigation():
            self.page.click(selector)
        self.check()

    def check(self) -> None:
        self.page.wait_for_load_state()
        url = self.page.url
        self.visited.append(url)
        if not no_horizontal_scroll(self.page):
            self.shot("overflow")
            wide = self.page.evaluate(
                "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > "
                "window.innerWidth + 1).map(e => e.tagName + '.' + e.className + '#' + (e.name || '') + ' '"
                " + Math.round(e.getBoundingClientRect().right)).slice(0, 15)"
            )
            raise AssertionError(f"{url} scrolls sideways: {wide}")

    def text(self, selector: str = "main") -> str:
        return str(self.page.inner_text(selector))

    def shot(self, name: str) -> None:
        SHOTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(SHOTS / f"story-{name}.png"), full_page=True)


def test_the_seeds_story_through_the_pages(world, story, live_server, phone, tmp_path):
    walk = Walk(phone, live_server)
    template = story.template

    # 1. The member unit's emulation officer writes and submits the six-month report.
    walk.sign_in("canbo.b")
    walk.go(reverse("reports:template_detail", args=[template.pk]))
    walk.click("a:has-text('Báo cáo của đơn vị tôi')")
    for textarea in phone.locator("textarea[name^=section_]").all():
        textarea.fill(
            "Sở Tư pháp tổ chức phong trào thi đua cải cách hành chính, thẩm định văn bản đúng hạn."
        )
    for number in phone.locator("input[name^=indicator_]").all():
        number.fill("3")
    walk.click("button:has-text('Lưu bản nháp')")
    assert "Đã lưu báo cáo." in walk.text()
    walk.click("button:has-text('Nộp báo cáo cho Khối trưởng')")
    assert "Đã nộp báo cáo cho Khối trưởng." in walk.text()
    assert "Đã nộp" in walk.text("dl.facts")
    walk.shot("1-unit-report")

    # 2. The block head sees every report in, compiles the block's draft and circulates it for comments.
    walk.sign_in("canbo.a")
    walk.go(reverse("reports:status_board", args=[template.pk]))
    assert walk.text("table").count("Đã nộp") == 2
    walk.click("button:has-text('Tổng hợp')")
    assert "Đã tổng hợp báo cáo của Khối" in walk.text()
    assert "Dự thảo" in walk.text("main > p.muted")
    report = BlockReport.objects.get(template=template)
    walk.click("button:has-text('Mở vòng góp ý')")
    assert "Đang nhận góp ý đến hết ngày" in walk.text()
    walk.shot("2-compiled")

    # 3. The member unit comments on a section of the circulated draft.
    walk.sign_in("canbo.b")
    walk.go(reverse("reports:block_report", args=[report.pk]))
    phone.locator("form[action$='/gop-y/'] textarea[name=text]").first.fill(COMMENT)
    walk.click("form[action$='/gop-y/'] >> nth=0 >> button:has-text('Gửi góp ý')")
    assert "Đã gửi góp ý." in walk.text() and COMMENT in walk.text()

    # 4. The head answers the comment (in place, HTMX), closes the round and finalises the report.
    walk.sign_in("canbo.a")
    walk.go(reverse("reports:block_report", args=[report.pk]))
    comment = phone.locator("li[id^=y-kien-]").first
    comment.locator("input[name=kind][value=applied]").check()
    comment.locator("textarea[name=text]").fill(ANSWER)
    comment.locator("button:has-text('Gửi trả lời')").click()
    phone.wait_for_selector(f"li[id^=y-kien-] >> text={ANSWER}")
    assert "Tiếp thu" in walk.text("li[id^=y-kien-]")
    walk.check()
    walk.click("button:has-text('Đóng vòng góp ý')")
    walk.click("button:has-text('Hoàn thành và khóa báo cáo')")
    assert "Báo cáo đã hoàn thành và được khóa." in walk.text()
    assert "Đã hoàn thành" in walk.text("main > p.muted")
    report.refresh_from_db()
    assert report.status == BlockReportStatus.FINAL
    walk.shot("4-final")

    # 5. The conference: the head schedules it, sends the invitations, records that it was held, links the
    #    agenda to the report and the pledge, takes the roll call, uploads photos, writes and locks the minutes.
    walk.go(reverse("meetings:list"))
    walk.click("a:has-text('Lên lịch hội nghị')")
    phone.select_option("select[name=block]", str(world.block.pk))
    phone.fill("input[name=venue]", "Hội trường tầng 3, Sở Kế hoạch và Đầu tư")
    started = timezone.localtime(timezone.now() - datetime.timedelta(hours=2))
    phone.fill("input[name=starts_at]", started.strftime("%Y-%m-%dT%H:%M"))
    walk.click("button:has-text('Lên lịch')")
    assert "Đã lên lịch hội nghị với" in walk.text()
    meeting = Meeting.objects.get()
    walk.click("button:has-text('Gửi giấy mời')")
    assert "Đã gửi giấy mời tới" in walk.text()
    walk.go(meeting.get_absolute_url())
    walk.click("button:has-text('Ghi nhận đã tổ chức')")
    assert "Đã tổ chức" in walk.text("main > p.muted")

    walk.go(reverse("meetings:agenda", args=[meeting.pk]))
    phone.fill("input[name=title]", "Báo cáo kết quả công tác thi đua, khen thưởng 6 tháng đầu năm")
    phone.select_option("select[name=block_report]", str(report.pk))
    walk.click("button:has-text('Thêm vào chương trình')")
    phone.fill("input[name=title]", "Phương hướng, nhiệm vụ 6 tháng cuối năm")
    phone.select_option("select[name=pledge]", str(story.pledge.pk))
    walk.click("button:has-text('Thêm vào chương trình')")
    assert walk.text("#agenda-items").count("Báo cáo sơ kết 6 tháng đầu năm") == 1

    walk.go(reverse("meetings:attendance", args=[meeting.pk]))
    for radio in phone.locator("input[type=radio][value=present]").all():
        radio.check()
    walk.click("button:has-text('Lưu điểm danh')")
    assert "Đã lưu điểm danh. Tham dự: 1 thành viên Hội đồng" in walk.text()

    photo = tmp_path / "toan-canh.jpg"
    photo.write_bytes(sample_photo((800, 600)))
    walk.go(reverse("meetings:photos", args=[meeting.pk]))
    phone.set_input_files("input[name=anh-0-image]", str(photo))
    phone.fill("input[name=anh-0-caption]", "Toàn cảnh Hội nghị")
    walk.click("button:has-text('Tải lên')")
    assert "Đã tải lên 1 ảnh." in walk.text()

    walk.go(reverse("meetings:minutes", args=[meeting.pk]))
    assert "BIÊN BẢN" in phone.input_value("textarea[name=body]")  # drafted from what the system knows
    walk.click("button:has-text('Lưu dự thảo')")
    walk.click("button:has-text('Thông qua biên bản')")
    walk.click("button:has-text('Khóa biên bản')")
    assert "Đã khóa biên bản." in walk.text() and "Đã khóa" in walk.text("h2 .tag")

    walk.go(meeting.get_absolute_url())
    agenda = walk.text("section[aria-labelledby=agenda-title]")
    assert "Báo cáo sơ kết 6 tháng đầu năm" in agenda and story.pledge.title in agenda
    assert phone.locator(f"a[href='{reverse('reports:block_report', args=[report.pk])}']").count() == 1
    assert phone.locator(f"a[href='{story.pledge.get_absolute_url()}']").count() == 1
    assert "Tham dự: 1 thành viên Hội đồng" in walk.text("section[aria-labelledby=attendance-title]")
    # Moments are shown on the province's calendar day (the roll call ran "today" here, whatever UTC says).
    assert f"Đã gửi ngày {timezone.localdate():%d/%m/%Y}" in walk.text("dl.facts")
    assert phone.locator(".gallery img").count() == 1
    walk.shot("5-meeting")

    # 6. The host's office drafts the news from the meeting, edits it and publishes it.
    walk.click("button:has-text('Soạn tin từ hội nghị')")
    assert "Đã soạn bản nháp tin bài từ hội nghị" in walk.text()
    assert "Bản nháp" in walk.text("main")
    body = phone.input_value("textarea[name=body]")
    assert "Tham dự Hội nghị có Thành viên Hội đồng Thi đua - Khen thưởng tỉnh theo dõi Khối" in body
    phone.fill("textarea[name=body]", body + "\n\n" + EDITED)
    walk.click("form.stack >> button:has-text('Lưu')")
    assert "Đã lưu bài viết." in walk.text()
    walk.click("button:has-text('Đăng bài')")
    assert "Đã đăng bài viết lên cổng thông tin." in walk.text()
    article = Article.objects.get()
    assert article.state == ArticleState.PUBLISHED
    walk.shot("6-published")

    # 7. An anonymous reader finds the article on the public news page and reads it, photos included.
    phone.context.clear_cookies()
    walk.go(reverse("portal:index"))
    title = (
        f"Hội nghị Sơ kết phong trào thi đua khen thưởng 06 tháng đầu năm {story.year} "
        "Khối thi đua các cơ quan tham mưu tổng hợp tỉnh"
    )
    assert title in walk.text()
    walk.click(f"h2 a:has-text('{title}')")
    assert title in walk.text("h1") and EDITED in walk.text(".article-body")
    assert phone.locator(".gallery img").count() == 1
    assert phone.evaluate("document.querySelector('.gallery img').naturalWidth") > 0  # served to the public
    walk.shot("7-reader")

    assert all(url.startswith(live_server.url) for url in phone.requests), phone.requests  # type: ignore[attr-defined]
    assert phone.console_errors == []  # type: ignore[attr-defined]  (a CSP violation would show here)
    assert len(walk.visited) > 20
