"""Draft news from a recorded conference: title, body and gallery from the meeting, then edited and published."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tdkt.core.actors import SYSTEM
from tdkt.core.images import sample_photo
from tdkt.meetings import services
from tdkt.portal.enums import ArticleState
from tdkt.portal.from_meeting import draft_article_from_meeting, news_title
from tdkt.portal.models import Article


def test_title_follows_the_published_form(world, locked):
    assert news_title(locked) == (
        f"Hội nghị Sơ kết phong trào thi đua khen thưởng 06 tháng đầu năm {locked.year} "
        "Khối thi đua các cơ quan tham mưu tổng hợp tỉnh"
    )


def test_draft_has_body_from_the_meeting_and_its_photos(world, locked):
    services.upload_photos(SYSTEM, locked, [(sample_photo((640, 480)), "Toàn cảnh Hội nghị")])
    article = draft_article_from_meeting(world.users["block_head"], locked)
    assert article.state == ArticleState.DRAFT
    assert article.author_unit == world.unit_a
    assert (
        f"Ngày {locked.date.day}/{locked.date.month}/{locked.date.year}, tại {locked.venue}" in article.body
    )
    assert "Thành viên Hội đồng Thi đua - Khen thưởng tỉnh theo dõi Khối" in article.body
    assert "02 đơn vị thành viên" in article.body  # units A and B were present
    assert [p.caption for p in article.photos.all()] == ["Toàn cảnh Hội nghị"]


def test_a_meeting_not_yet_held_cannot_be_drafted(world, planned):
    with pytest.raises(ValidationError):
        draft_article_from_meeting(world.users["admin"], planned)
    assert not Article.objects.exists()


@pytest.mark.parametrize(("persona", "status"), [("block_head", 302), ("officer_c", 404), ("viewer_a", 403)])
def test_draft_news_page_by_persona(world, locked, persona, status):
    response = world.client(persona).post(reverse("portal:draft_from_meeting", args=[locked.pk]))
    assert response.status_code == status
    assert Article.objects.exists() is (status == 302)
