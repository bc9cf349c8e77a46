"""Slugs: Vietnamese titles folded to hyphenated ASCII, unique with a numeric suffix, stable once public."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import URLPattern

from tdkt.core.actors import SYSTEM
from tdkt.portal import services, urls
from tdkt.portal.models import RESERVED_SLUGS, Category, make_slug
from tests.portal.conftest import SEED_TITLE


def test_slug_from_the_seed_title():
    assert make_slug(SEED_TITLE) == "hoi-nghi-so-ket-phong-trao-thi-dua-khen-thuong-06-thang-dau-nam-2020"


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Đại hội Thi đua yêu nước tỉnh lần thứ VII", "dai-hoi-thi-dua-yeu-nuoc-tinh-lan-thu-vii"),
        ("  Khối thi đua – các cơ quan  tham mưu  ", "khoi-thi-dua-cac-co-quan-tham-muu"),
        ("Covid -19: “Ứng phó” & phòng chống", "covid-19-ung-pho-phong-chong"),
        ("", "bai-viet"),
        ("!!!", "bai-viet"),
    ],
)
def test_slug_folds_vietnamese_and_drops_punctuation(title, slug):
    assert make_slug(title) == slug


def test_long_titles_are_cut_at_a_word():
    slug = make_slug("Phong trào thi đua khen thưởng " * 20, max_length=48)
    assert len(slug) <= 48
    assert set(slug.split("-")) <= {
        "phong",
        "trao",
        "thi",
        "dua",
        "khen",
        "thuong",
    }  # no half word ("khen-thu")


def test_a_taken_slug_gets_a_numeric_suffix(make_article):
    first = make_article()
    second = make_article()
    third = make_article(publish=False)
    assert first.slug == "hoi-nghi-so-ket-phong-trao-thi-dua-khen-thuong-06-thang-dau-nam-2020"
    assert second.slug == first.slug + "-2"
    assert third.slug == first.slug + "-3"


def test_slug_follows_the_title_until_first_published(make_article):
    article = make_article("Bản tin nháp", publish=False)
    assert article.slug == "ban-tin-nhap"
    article = services.update_article(SYSTEM, article, title="Hội nghị ký kết giao ước thi đua")
    assert article.slug == "hoi-nghi-ky-ket-giao-uoc-thi-dua"
    article = services.publish_article(SYSTEM, article)
    article = services.unpublish_article(SYSTEM, article)
    article = services.update_article(SYSTEM, article, title="Hội nghị ký kết giao ước thi đua năm 2021")
    assert article.slug == "hoi-nghi-ky-ket-giao-uoc-thi-dua"  # the public address does not move


def test_a_retitled_draft_does_not_collide_with_itself(make_article):
    article = make_article("Tin ngắn", publish=False)
    article = services.update_article(SYSTEM, article, title="Tin ngắn", summary="Tóm tắt mới.")
    assert article.slug == "tin-ngan"


def test_category_slug_comes_from_its_name(db):
    category = Category(name="Gương  điển hình tiên tiến")
    category.full_clean()
    category.save()
    assert category.slug == "guong-dien-hinh-tien-tien"
    assert category.name == "Gương điển hình tiên tiến"


@pytest.mark.parametrize("slug", sorted(RESERVED_SLUGS))
def test_a_category_cannot_take_a_reserved_address(db, slug):
    with pytest.raises(ValidationError, match="dùng riêng"):
        Category(name="Chuyên mục thử", slug=slug).full_clean()


def test_every_fixed_portal_address_is_reserved():
    fixed = {
        str(pattern.pattern).split("/", 1)[0]
        for pattern in urls.urlpatterns
        if isinstance(pattern, URLPattern)
        and str(pattern.pattern)
        and not str(pattern.pattern).startswith("<")
    }
    assert fixed == RESERVED_SLUGS
