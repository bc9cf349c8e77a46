"""The public portal: anonymous readers see published articles and their photos, never a draft."""

from __future__ import annotations

import datetime
import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from tdkt.core.actors import SYSTEM
from tdkt.portal import services
from tests.portal.conftest import SEED_TITLE

ATOM = "{http://www.w3.org/2005/Atom}"

# persona -> may read a draft of unit A
READ_DRAFT_OF_A = {
    "anonymous": False,
    "admin": True,
    "officer_a": True,
    "leader_a": True,
    "viewer_a": False,
    "officer_b": False,
    "officer_c": False,
    "council": False,
}


def test_front_page_lists_published_articles_with_cover_thumbnails(world, published, draft):
    body = world.client("anonymous").get(reverse("portal:index")).content.decode()
    assert SEED_TITLE in body
    assert published.get_absolute_url() in body
    assert reverse("portal:thumbnail", args=[published.cover_id]) in body
    assert "17/06/2020" in body
    assert "Văn phòng Sở" in body
    assert draft.title not in body
    assert draft.get_absolute_url() not in body


def test_front_page_is_empty_before_anything_is_published(world, draft):
    body = world.client("anonymous").get(reverse("portal:index")).content.decode()
    assert "Chưa có bài viết nào được đăng." in body
    assert draft.title not in body


def test_front_page_is_paginated(world, make_article):
    for i in range(12):
        make_article(f"Tin số {i:02d}", on=datetime.date(2020, 1, 1) + datetime.timedelta(days=i))
    client = world.client("anonymous")
    first = client.get(reverse("portal:index")).content.decode()
    second = client.get(reverse("portal:index"), {"trang": 2}).content.decode()
    assert "Tin số 11" in first and "Tin số 02" in first and "Tin số 01" not in first  # newest first
    assert "Tin số 01" in second and "Tin số 00" in second and "Tin số 11" not in second
    assert "Trang 1/2" in first


def test_category_page_lists_only_its_articles(world, make_article, other_category):
    mine = make_article("Tin về Khối thi đua", in_category=other_category)
    elsewhere = make_article("Tin chung của tỉnh")
    hidden = make_article("Tin nháp của Khối", in_category=other_category, publish=False)
    response = world.client("anonymous").get(reverse("portal:category", args=[other_category.slug]))
    body = response.content.decode()
    assert response.status_code == 200
    assert mine.title in body
    assert elsewhere.title not in body
    assert hidden.title not in body


def test_unknown_category_is_404(world):
    assert world.client("anonymous").get(reverse("portal:category", args=["khong-co"])).status_code == 404


def test_article_page_shows_text_and_gallery_to_anyone(world, published):
    response = world.client("anonymous").get(published.get_absolute_url())
    body = response.content.decode()
    assert response.status_code == 200
    assert f"<h1>{SEED_TITLE}</h1>" in body
    assert "ngày 17 tháng 6 năm 2020" in body.lower()
    assert "<p>Thảo luận tại Hội nghị" in body  # paragraphs
    photos = list(published.photos.order_by("order"))
    for photo in photos:
        # each thumbnail links to the full image
        assert re.search(rf'<a href="{photo.get_absolute_url()}"><img src="{photo.thumbnail_url}"', body), (
            photo.pk
        )
        assert photo.caption in body
    assert "Sửa bài" not in body


def test_article_text_is_escaped_never_raw_html(world, make_article):
    article = make_article(
        "Tin <b>đậm</b>",
        summary="Tóm tắt <script>alert(1)</script>",
        body="Đoạn một <img src=x onerror=alert(1)>\n\nĐoạn hai",
    )
    body = world.client("anonymous").get(article.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "<img src=x" not in body
    assert "&lt;img src=x onerror=alert(1)&gt;" in body
    assert "Tin &lt;b&gt;đậm&lt;/b&gt;" in body


@pytest.mark.parametrize(("persona", "allowed"), READ_DRAFT_OF_A.items())
def test_a_draft_is_404_for_whoever_cannot_edit_it(world, draft, persona, allowed):
    response = world.client(persona).get(draft.get_absolute_url())
    assert response.status_code == (200 if allowed else 404)
    if allowed:
        body = response.content.decode()
        assert "chưa hiện với người đọc" in body
        assert reverse("portal:edit", args=[draft.pk]) in body


@pytest.mark.parametrize(("persona", "allowed"), READ_DRAFT_OF_A.items())
def test_an_unpublished_article_is_404_for_whoever_cannot_edit_it(world, published, persona, allowed):
    services.unpublish_article(SYSTEM, published, reason="Cần sửa tên đơn vị")
    assert world.client(persona).get(published.get_absolute_url()).status_code == (200 if allowed else 404)


@pytest.mark.parametrize(("persona", "allowed"), READ_DRAFT_OF_A.items())
def test_a_drafts_photos_are_404_for_whoever_cannot_edit_it(world, draft, persona, allowed):
    photo = draft.photos.get()
    client = world.client(persona)
    for url in (photo.get_absolute_url(), photo.thumbnail_url):
        response = client.get(url)
        assert response.status_code == (200 if allowed else 404)
        if allowed:
            assert "no-store" in response["Cache-Control"]
            assert b"".join(response.streaming_content)  # consuming the stream closes the file


def test_published_photos_are_served_to_anyone(world, published):
    photo = published.photos.first()
    client = world.client("anonymous")
    full = client.get(photo.get_absolute_url())
    thumb = client.get(photo.thumbnail_url)
    assert full.status_code == thumb.status_code == 200
    assert full["Content-Type"] == "image/jpeg"
    assert "public" in full["Cache-Control"]
    full_bytes, thumb_bytes = b"".join(full.streaming_content), b"".join(thumb.streaming_content)
    assert full_bytes.startswith(b"\xff\xd8") and thumb_bytes.startswith(b"\xff\xd8")
    with photo.image.open("rb") as stored:
        assert full_bytes == stored.read()


def test_a_missing_photo_file_is_404_not_an_error(world, published):
    photo = published.photos.first()
    photo.image.storage.delete(photo.image.name)
    assert world.client("anonymous").get(photo.get_absolute_url()).status_code == 404


def _feed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # well-formed XML, or this raises
    assert root.tag == f"{ATOM}feed"
    return root


def _entries(root):
    return [
        (entry.findtext(f"{ATOM}title"), entry.find(f"{ATOM}link").get("href"))
        for entry in root.findall(f"{ATOM}entry")
    ]


def test_atom_feed_lists_only_published_articles(world, make_article, other_category):
    one = make_article("Hội nghị ký kết giao ước thi đua", on=datetime.date(2020, 3, 1))
    two = make_article(SEED_TITLE, on=datetime.date(2020, 6, 17), in_category=other_category)
    make_article("Bản nháp chưa đăng", publish=False)
    gone = make_article("Bài đã gỡ")
    services.unpublish_article(SYSTEM, gone)
    root = _feed(world.client("anonymous"), reverse("portal:feed"))
    assert _entries(root) == [
        (two.title, f"http://testserver{two.get_absolute_url()}"),
        (one.title, f"http://testserver{one.get_absolute_url()}"),
    ]
    entry = root.find(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "Văn phòng Sở"
    assert entry.findtext(f"{ATOM}published").startswith("2020-06-17")
    assert entry.findtext(f"{ATOM}summary") == two.summary
    assert entry.find(f"{ATOM}category").get("term") == other_category.name


def test_category_feed_lists_only_that_categorys_articles(world, make_article, other_category):
    make_article("Tin chung của tỉnh")
    mine = make_article("Tin của Khối", in_category=other_category)
    root = _feed(world.client("anonymous"), reverse("portal:category_feed", args=[other_category.slug]))
    assert _entries(root) == [(mine.title, f"http://testserver{mine.get_absolute_url()}")]
    assert other_category.name in root.findtext(f"{ATOM}title")


def test_feed_of_an_unknown_category_is_404(world):
    assert (
        world.client("anonymous").get(reverse("portal:category_feed", args=["khong-co"])).status_code == 404
    )


def test_pages_link_to_their_feed(world, published):
    client = world.client("anonymous")
    index = client.get(reverse("portal:index")).content.decode()
    assert f'href="{reverse("portal:feed")}" rel="alternate" type="application/atom+xml"' in index
    category_page = client.get(published.category.get_absolute_url()).content.decode()
    assert f'href="{reverse("portal:category_feed", args=[published.category.slug])}"' in category_page


def test_portal_pages_keep_the_strict_csp(world, published):
    response = world.client("anonymous").get(published.get_absolute_url())
    body = response.content.decode()
    assert "style=" not in body and "<script>" not in body
    assert not re.search(r'(src|href)="(https?:)?//', body)
