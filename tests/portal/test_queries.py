"""Lists cost the same number of queries for one article as for a full page of articles with photos."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.portal.conftest import small_photo


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
        assert response.status_code == 200
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
    return len(ctx.captured_queries)


def _fill(make_article, category, count):
    for i in range(count):
        make_article(
            f"Tin số {i}",
            photos=2,
            in_category=category,
            on=datetime.date(2020, 1, 1) + datetime.timedelta(days=i),
        )


@pytest.mark.parametrize("persona", ["anonymous", "officer_a"])
def test_front_page_query_count_does_not_grow(world, make_article, category, persona):
    client = world.client(persona)
    make_article("Tin đầu tiên", photos=1)
    few = _queries(client, reverse("portal:index"))
    _fill(make_article, category, 12)
    assert _queries(client, reverse("portal:index")) == few
    assert _queries(client, reverse("portal:index") + "?trang=2") == few


def test_category_page_query_count_does_not_grow(world, make_article, other_category):
    client = world.client("anonymous")
    url = reverse("portal:category", args=[other_category.slug])
    make_article("Tin đầu tiên", photos=1, in_category=other_category)
    few = _queries(client, url)
    _fill(make_article, other_category, 12)
    assert _queries(client, url) == few


def test_feed_query_count_does_not_grow(world, make_article, category):
    client = world.client("anonymous")
    make_article("Tin đầu tiên", photos=1)
    few = _queries(client, reverse("portal:feed"))
    _fill(make_article, category, 12)
    assert _queries(client, reverse("portal:feed")) == few


def test_article_page_query_count_does_not_grow_with_photos(world, make_article):
    client = world.client("anonymous")
    one = make_article("Một ảnh", photos=1)
    many = make_article("Nhiều ảnh", photos=12)
    assert _queries(client, one.get_absolute_url()) == _queries(client, many.get_absolute_url())


def test_manage_list_query_count_does_not_grow(world, make_article, category):
    client = world.client("officer_a")
    make_article("Tin đầu tiên", photos=1, publish=False)
    few = _queries(client, reverse("portal:manage"))
    _fill(make_article, category, 12)
    assert _queries(client, reverse("portal:manage")) == few


def test_edit_page_query_count_does_not_grow_with_photos(world, make_article):
    from tdkt.core.actors import SYSTEM
    from tdkt.portal import services

    client = world.client("officer_a")
    article = make_article("Bài nháp", photos=1, publish=False)
    few = _queries(client, reverse("portal:edit", args=[article.pk]))
    services.add_photos(SYSTEM, article, [(small_photo(), f"Ảnh {i}") for i in range(10)])
    assert _queries(client, reverse("portal:edit", args=[article.pk])) == few


def test_public_api_list_query_count_does_not_grow(world, make_article, category):
    client = world.client("anonymous")
    make_article("Tin đầu tiên", photos=1)
    few = _queries(client, "/api/v1/portal/articles")
    _fill(make_article, category, 12)
    assert _queries(client, "/api/v1/portal/articles") == few


def test_editors_api_list_query_count_does_not_grow(world, make_article, category):
    client = world.client("officer_a")
    make_article("Tin đầu tiên", photos=1, publish=False)
    few = _queries(client, "/api/v1/portal/manage/articles")
    _fill(make_article, category, 12)
    assert _queries(client, "/api/v1/portal/manage/articles") == few


def test_category_feed_query_count_does_not_grow(world, make_article, other_category):
    client = world.client("anonymous")
    url = reverse("portal:category_feed", args=[other_category.slug])
    make_article("Tin đầu tiên", photos=1, in_category=other_category)
    few = _queries(client, url)
    _fill(make_article, other_category, 12)
    assert _queries(client, url) == few
