"""The portal API: published articles for anyone; editors' endpoints over the same services."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tdkt.core.actors import SYSTEM
from tdkt.core.models import AuditEntry
from tdkt.portal import services
from tdkt.portal.enums import Action, ArticleState
from tdkt.portal.models import Article
from tests.portal.conftest import SEED_TITLE, small_photo

API = "/api/v1/portal"

EDIT_ARTICLE_OF_A = {
    "admin": 200,
    "officer_a": 200,
    "leader_a": 200,
    "officer_b": 404,
    "officer_c": 404,
    "viewer_a": 404,
    "council": 404,
}


def _json(client, method, url, data=None, status=200):
    response = (
        getattr(client, method)(url, data, content_type="application/json")
        if data is not None
        else getattr(client, method)(url)
    )
    assert response.status_code == status, response.content
    return response.json() if response.content else None


# --- public ---------------------------------------------------------------------------------------------------


def test_anyone_lists_published_articles(world, published, draft):
    body = _json(world.client("anonymous"), "get", f"{API}/articles")
    assert body["count"] == 1
    item = body["items"][0]
    assert item["title"] == SEED_TITLE
    assert item["slug"] == published.slug
    assert item["url"] == published.get_absolute_url()
    assert item["published_on"] == "2020-06-17"
    assert item["byline"] == "Văn phòng Sở"
    assert item["category"]["slug"] == "tin-trong-tinh"
    assert item["cover_thumbnail_url"] == f"/tin-tuc/anh/{published.cover_id}/thu-nho/"


def test_public_list_filters_by_category(world, make_article, other_category):
    make_article("Tin chung")
    mine = make_article("Tin của Khối", in_category=other_category)
    body = _json(world.client("anonymous"), "get", f"{API}/articles?category={other_category.slug}")
    assert [item["slug"] for item in body["items"]] == [mine.slug]
    _json(world.client("anonymous"), "get", f"{API}/articles?category=khong-co", status=404)


def test_anyone_reads_a_published_article_with_its_gallery(world, published):
    body = _json(world.client("anonymous"), "get", f"{API}/articles/{published.slug}")
    assert body["body"] == published.body
    assert [photo["caption"] for photo in body["photos"]] == ["Ảnh 1 tại Hội nghị", "Ảnh 2 tại Hội nghị"]
    first = published.photos.order_by("order").first()
    assert body["photos"][0]["url"] == f"/tin-tuc/anh/{first.pk}/"
    assert body["photos"][0]["thumbnail_url"] == f"/tin-tuc/anh/{first.pk}/thu-nho/"


@pytest.mark.parametrize("persona", ["anonymous", "officer_a", "admin"])
def test_the_public_detail_never_shows_a_draft(world, draft, persona):
    # Even the draft's own editors use the editors' endpoint for it: the public one is the public view.
    _json(world.client(persona), "get", f"{API}/articles/{draft.slug}", status=404)


def test_anyone_lists_the_categories(world, category, other_category):
    body = _json(world.client("anonymous"), "get", f"{API}/categories")
    assert [c["slug"] for c in body][:2] == ["tin-trong-tinh", "hoat-dong-cac-khoi-thi-dua"]


# --- editors --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/manage/articles"),
        ("post", "/manage/articles"),
        ("get", "/manage/articles/{pk}"),
        ("patch", "/manage/articles/{pk}"),
        ("post", "/manage/articles/{pk}/publish"),
        ("post", "/manage/articles/{pk}/unpublish"),
        ("delete", "/manage/articles/{pk}"),
        ("put", "/manage/articles/{pk}/cover"),
    ],
)
def test_editor_endpoints_need_a_session(world, draft, method, path):
    response = getattr(world.client("anonymous"), method)(
        API + path.format(pk=draft.pk), {}, content_type="application/json"
    )
    assert response.status_code == 401
    draft.refresh_from_db()
    assert draft.state == ArticleState.DRAFT


@pytest.mark.parametrize(("persona", "status"), EDIT_ARTICLE_OF_A.items())
def test_editor_detail_by_persona(world, draft, persona, status):
    body = _json(world.client(persona), "get", f"{API}/manage/articles/{draft.pk}", status=status)
    if status == 200:
        assert body["state"] == "draft" and body["author_unit_id"] == world.unit_a.pk


@pytest.mark.parametrize("persona", ["officer_b", "officer_c", "viewer_a", "council"])
def test_outsiders_cannot_change_or_publish_unit_as_article(world, draft, persona):
    client = world.client(persona)
    _json(client, "patch", f"{API}/manage/articles/{draft.pk}", {"title": "Bị sửa"}, status=404)
    _json(client, "post", f"{API}/manage/articles/{draft.pk}/publish", status=404)
    _json(client, "delete", f"{API}/manage/articles/{draft.pk}", status=404)
    draft.refresh_from_db()
    assert draft.title != "Bị sửa" and draft.state == ArticleState.DRAFT


def test_the_editors_list_is_their_units(world, draft, make_article):
    make_article("Tin của Sở Tư pháp", unit=world.unit_b, publish=False)
    body = _json(world.client("officer_a"), "get", f"{API}/manage/articles")
    assert [(row["title"], row["state"], row["photo_count"]) for row in body["items"]] == [
        (draft.title, "draft", 1)
    ]


def test_create_update_and_publish_through_the_api(world, category):
    client = world.client("officer_a")
    created = _json(
        client,
        "post",
        f"{API}/manage/articles",
        {
            "title": SEED_TITLE,
            "category_id": category.pk,
            "published_on": "2020-06-17",
            "author_line": "Văn phòng Sở",
        },
        status=201,
    )
    assert created["state"] == "draft" and created["author_unit_id"] == world.unit_a.pk
    assert created["slug"] == "hoi-nghi-so-ket-phong-trao-thi-dua-khen-thuong-06-thang-dau-nam-2020"
    url = f"{API}/manage/articles/{created['id']}"
    refused = _json(client, "post", f"{url}/publish", status=422)
    assert "Bài viết cần có phần tóm tắt trước khi đăng." in refused["detail"]
    assert set(refused["errors"]) == {"summary", "body"}
    _json(client, "patch", url, {"summary": "Tóm tắt.", "body": "Nội dung."})
    published = _json(client, "post", f"{url}/publish")
    assert published["state"] == "published" and published["first_published_at"]
    assert _json(world.client("anonymous"), "get", f"{API}/articles")["count"] == 1


def test_an_officer_cannot_create_for_another_unit(world, category):
    refused = _json(
        world.client("officer_a"),
        "post",
        f"{API}/manage/articles",
        {"title": "Tin", "category_id": category.pk, "author_unit_id": world.unit_b.pk},
        status=403,
    )
    assert refused["detail"] == "Bạn không có quyền thực hiện thao tác này."
    assert not Article.objects.exists()


@pytest.mark.parametrize("persona", ["viewer_a", "council"])
def test_viewers_and_council_members_cannot_create(world, category, persona):
    _json(
        world.client(persona),
        "post",
        f"{API}/manage/articles",
        {"title": "Tin", "category_id": category.pk},
        status=403,
    )
    assert not Article.objects.exists()


def test_bad_references_are_422_with_a_vietnamese_message(world, category, draft):
    client = world.client("admin")
    body = _json(client, "post", f"{API}/manage/articles", {"title": "Tin", "category_id": 99999}, status=422)
    assert body["errors"] == {"category_id": ["Chuyên mục không tồn tại."]}
    body = _json(
        client,
        "post",
        f"{API}/manage/articles",
        {"title": "Tin", "category_id": category.pk, "author_unit_id": 99999},
        status=422,
    )
    assert body["errors"] == {"author_unit_id": ["Đơn vị không tồn tại."]}
    body = _json(
        client, "post", f"{API}/manage/articles", {"title": "Tin", "category_id": category.pk}, status=422
    )
    assert body["detail"] == "Hãy chọn đơn vị đưa tin."  # Phòng TĐKT has no unit of its own
    assert Article.objects.count() == 1
    body = _json(client, "patch", f"{API}/manage/articles/{draft.pk}", {"title": "T" * 301}, status=422)
    assert body["errors"] == {"title": ["Tiêu đề dài tối đa 300 ký tự."]}
    draft.refresh_from_db()
    assert draft.title == "Bản tin nháp về giao ước thi đua năm 2020"


def test_the_api_refuses_to_change_a_published_article(world, published, category):
    client = world.client("admin")
    url = f"{API}/manage/articles/{published.pk}"
    body = _json(client, "patch", url, {"title": "Tiêu đề khác"}, status=422)
    assert "gỡ bài xuống trước khi sửa" in body["detail"]
    _json(client, "put", f"{url}/cover", {"photo_id": None}, status=422)
    _json(client, "post", f"{url}/publish", status=422)
    _json(client, "delete", url, status=422)
    photo = published.photos.first()
    _json(client, "patch", f"{url}/photos/{photo.pk}", {"caption": "Khác"}, status=422)
    _json(client, "delete", f"{url}/photos/{photo.pk}", status=422)
    response = client.post(f"{url}/photos", {"photos": [SimpleUploadedFile("a.jpg", small_photo())]})
    assert response.status_code == 422
    published.refresh_from_db()
    assert published.title == SEED_TITLE and published.photos.count() == 2 and published.cover_id is not None


def test_unpublish_then_change_through_the_api(world, published):
    client = world.client("leader_a")
    url = f"{API}/manage/articles/{published.pk}"
    body = _json(client, "post", f"{url}/unpublish", {"reason": "Bổ sung ảnh"})
    assert body["state"] == "unpublished"
    assert AuditEntry.objects.filter(action=Action.ARTICLE_UNPUBLISHED).get().summary == "Bổ sung ảnh"
    assert _json(client, "patch", url, {"title": "Tiêu đề mới"})["title"] == "Tiêu đề mới"
    _json(world.client("anonymous"), "get", f"{API}/articles/{published.slug}", status=404)


def test_upload_photos_with_captions_and_choose_the_cover(world, draft):
    client = world.client("officer_a")
    url = f"{API}/manage/articles/{draft.pk}"
    response = client.post(
        f"{url}/photos",
        {
            "photos": [
                SimpleUploadedFile("a.jpg", small_photo()),
                SimpleUploadedFile("b.jpg", small_photo()),
            ],
            "captions": ["Quang cảnh", "Đại biểu"],
        },
    )
    assert response.status_code == 201, response.content
    added = response.json()
    assert [p["caption"] for p in added] == ["Quang cảnh", "Đại biểu"]
    body = _json(client, "put", f"{url}/cover", {"photo_id": added[1]["id"]})
    assert body["cover_id"] == added[1]["id"]
    caption = _json(client, "patch", f"{url}/photos/{added[0]['id']}", {"caption": "Toàn cảnh"})
    assert caption["caption"] == "Toàn cảnh"
    _json(client, "delete", f"{url}/photos/{added[0]['id']}", status=204)
    assert draft.photos.count() == 2


def test_a_non_image_upload_is_422_and_nothing_saved(world, draft):
    response = world.client("officer_a").post(
        f"{API}/manage/articles/{draft.pk}/photos",
        {
            "photos": [
                SimpleUploadedFile("a.jpg", small_photo()),
                SimpleUploadedFile("x.jpg", b"GIF89a broken"),
            ]
        },
    )
    assert response.status_code == 422
    assert "Tệp “x.jpg” không phải là ảnh" in response.json()["detail"]
    assert draft.photos.count() == 1


def test_the_cover_must_be_a_photo_of_the_article(world, draft, published):
    body = _json(
        world.client("admin"),
        "put",
        f"{API}/manage/articles/{draft.pk}/cover",
        {"photo_id": published.photos.first().pk},
        status=422,
    )
    assert body["errors"] == {"photo_id": ["Ảnh đại diện phải là một ảnh của chính bài viết này."]}


def test_delete_a_draft_through_the_api(world, draft):
    _json(world.client("officer_a"), "delete", f"{API}/manage/articles/{draft.pk}", status=204)
    assert not Article.objects.filter(pk=draft.pk).exists()


def test_a_system_drafted_article_is_editable_by_the_units_editors(world, category):
    article = services.create_draft_article(
        SYSTEM,
        title="Tin soạn từ hội nghị",
        category=category,
        summary="Tóm tắt",
        body="Nội dung",
        author_unit=world.unit_a,
        author_line="Văn phòng Sở",
        photos=[(small_photo(), "Ảnh")],
    )
    body = _json(world.client("officer_a"), "post", f"{API}/manage/articles/{article.pk}/publish")
    assert body["state"] == "published" and len(body["photos"]) == 1


def test_the_schema_marks_only_the_reading_endpoints_as_public(world):
    paths = _json(world.client("anonymous"), "get", "/api/v1/openapi.json")["paths"]
    public = {
        (path, method)
        for path, operations in paths.items()
        if path.startswith(API)
        for method, operation in operations.items()
        if not operation.get("security")
    }
    assert public == {
        (f"{API}/categories", "get"),
        (f"{API}/articles", "get"),
        (f"{API}/articles/{{slug}}", "get"),
    }
