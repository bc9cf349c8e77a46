"""Portal fixtures: categories, articles in each state, small generated photos, and a throw-away media folder."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest

from tdkt.core.actors import SYSTEM
from tdkt.core.images import sample_photo
from tdkt.portal import services
from tdkt.portal.models import Article, Category

SEED_TITLE = "Hội nghị Sơ kết phong trào thi đua khen thưởng 06 tháng đầu năm 2020"
SEED_SUMMARY = (
    "Ngày 17/6/2020, tại Sở Kế hoạch và Đầu tư, Khối thi đua các cơ quan tham mưu tổng hợp tỉnh tổ chức "
    "Hội nghị Sơ kết phong trào thi đua khen thưởng 06 tháng đầu năm 2020."
)
SEED_BODY = (
    "Hội nghị tập trung đánh giá kết quả thực hiện nhiệm vụ công tác thi đua, khen thưởng 6 tháng đầu năm.\n\n"
    "Thảo luận tại Hội nghị, các đại biểu đã đóng góp nhiều ý kiến thiết thực để hoàn thiện nội dung của Báo cáo."
)


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Any) -> Any:
    """Photos are written to a folder of the test's own, never to the project's var/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def category(db: Any) -> Category:
    # Created by the portal's data migration; get_or_create keeps the fixture independent of it.
    found, _ = Category.objects.get_or_create(
        slug="tin-trong-tinh", defaults={"name": "Tin trong tỉnh", "order": 10}
    )
    return found


@pytest.fixture
def other_category(db: Any) -> Category:
    found, _ = Category.objects.get_or_create(
        slug="hoat-dong-cac-khoi-thi-dua", defaults={"name": "Hoạt động các Khối thi đua", "order": 20}
    )
    return found


def small_photo(color: str = "#b3261e") -> bytes:
    return sample_photo((64, 48), color)


@pytest.fixture
def make_article(world: Any, category: Category) -> Callable[..., Article]:
    """Draft (and optionally publish) an article of unit A, as the system, with ``photos`` small photos."""

    def make(
        title: str = SEED_TITLE,
        *,
        publish: bool = True,
        photos: int = 0,
        unit: Any = None,
        on: datetime.date | None = None,
        in_category: Category | None = None,
        summary: str = SEED_SUMMARY,
        body: str = SEED_BODY,
    ) -> Article:
        article = services.create_draft_article(
            SYSTEM,
            title=title,
            category=in_category or category,
            summary=summary,
            body=body,
            author_unit=unit or world.unit_a,
            author_line="Văn phòng Sở",
            photos=[(small_photo(), f"Ảnh {i + 1} tại Hội nghị") for i in range(photos)],
            published_on=on or datetime.date(2020, 6, 17),
        )
        if publish:
            article = services.publish_article(SYSTEM, article)
        return article

    return make


@pytest.fixture
def published(make_article: Callable[..., Article]) -> Article:
    return make_article(photos=2)


@pytest.fixture
def draft(make_article: Callable[..., Article]) -> Article:
    return make_article("Bản tin nháp về giao ước thi đua năm 2020", publish=False, photos=1)
