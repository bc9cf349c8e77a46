"""The editors' pages: who may open them, the forms, photo upload, and the state machine seen from the browser."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tdkt.core.actors import SYSTEM
from tdkt.portal import services
from tdkt.portal.enums import ArticleState
from tdkt.portal.models import Article, ArticlePhoto
from tdkt.portal.worklist import article_drafts
from tests.portal.conftest import SEED_TITLE, small_photo

MANAGE_PAGE = {
    "admin": 200,
    "officer_a": 200,
    "leader_a": 200,
    "officer_b": 200,  # their own (empty) list
    "officer_c": 200,
    "viewer_a": 403,
    "council": 403,
}
EDIT_DRAFT_OF_A = {
    "admin": 200,
    "officer_a": 200,
    "leader_a": 200,
    "officer_b": 404,
    "officer_c": 404,
    "viewer_a": 404,
    "council": 404,
}


def _messages(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


def _upload_data(*files, captions=()):
    data = {
        "anh-TOTAL_FORMS": "4",
        "anh-INITIAL_FORMS": "0",
        "anh-MIN_NUM_FORMS": "0",
        "anh-MAX_NUM_FORMS": "4",
    }
    for i, upload in enumerate(files):
        data[f"anh-{i}-image"] = upload
        data[f"anh-{i}-caption"] = captions[i] if i < len(captions) else ""
    return data


# --- who may open what ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("persona", "status"), MANAGE_PAGE.items())
def test_manage_page_by_persona(world, draft, persona, status):
    response = world.client(persona).get(reverse("portal:manage"))
    assert response.status_code == status
    if status == 200:
        assert (draft.title in response.content.decode()) is (EDIT_DRAFT_OF_A[persona] == 200)


@pytest.mark.parametrize("name", ["portal:manage", "portal:create"])
def test_anonymous_is_sent_to_login_for_editor_pages(world, name):
    response = world.client("anonymous").get(reverse(name))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_anonymous_is_sent_to_login_for_an_article_edit_page(world, draft):
    response = world.client("anonymous").get(reverse("portal:edit", args=[draft.pk]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(("persona", "status"), EDIT_DRAFT_OF_A.items())
def test_edit_page_by_persona(world, draft, persona, status):
    response = world.client(persona).get(reverse("portal:edit", args=[draft.pk]))
    assert response.status_code == status
    if status == 200:
        assert draft.title in response.content.decode()


@pytest.mark.parametrize(
    "action", ["upload_photos", "publish", "unpublish", "delete", "caption", "cover", "remove_photo"]
)
@pytest.mark.parametrize("persona", ["officer_b", "viewer_a", "council"])
def test_an_outsiders_posts_are_404_and_change_nothing(world, draft, persona, action):
    photo = draft.photos.get()
    args = [draft.pk, photo.pk] if action in ("caption", "cover", "remove_photo") else [draft.pk]
    response = world.client(persona).post(
        reverse(f"portal:{action}", args=args), {f"anh-{photo.pk}-caption": "x"}
    )
    assert response.status_code == 404
    draft.refresh_from_db()
    assert draft.state == ArticleState.DRAFT and draft.photos.get().caption == "Ảnh 1 tại Hội nghị"


def test_actions_accept_only_post(world, draft):
    assert world.client("officer_a").get(reverse("portal:publish", args=[draft.pk])).status_code == 405


def test_the_manage_list_filters_by_state(world, draft, published):
    client = world.client("officer_a")
    body = client.get(reverse("portal:manage"), {"trang-thai": "draft"}).content.decode()
    assert draft.title in body and published.get_absolute_url() not in body


# --- writing --------------------------------------------------------------------------------------------------


def test_an_officer_drafts_for_their_own_unit(world, category):
    client = world.client("officer_a")
    page = client.get(reverse("portal:create")).content.decode()
    assert 'name="author_unit"' not in page  # always their own unit
    response = client.post(
        reverse("portal:create"),
        {
            "title": "Hội nghị ký kết giao ước thi đua năm 2020",
            "category": category.pk,
            "published_on": "2020-03-05",
            "summary": "Sáng 05/3, Khối thi đua tổ chức Hội nghị ký kết giao ước.",
            "body": "Đoạn một.\r\n\r\nĐoạn hai.",
            "author_line": "Văn phòng Sở",
        },
    )
    article = Article.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("portal:edit", args=[article.pk])
    assert article.author_unit == world.unit_a and article.state == ArticleState.DRAFT
    assert article.slug == "hoi-nghi-ky-ket-giao-uoc-thi-dua-nam-2020"
    assert article.created_by == world.users["officer_a"]


def test_phong_tdkt_chooses_the_author_unit(world, category):
    client = world.client("admin")
    assert 'name="author_unit"' in client.get(reverse("portal:create")).content.decode()
    client.post(
        reverse("portal:create"),
        {
            "title": "Tin Sở Tư pháp",
            "category": category.pk,
            "published_on": "2020-03-05",
            "author_unit": world.unit_b.pk,
        },
    )
    assert Article.objects.get().author_unit == world.unit_b


def test_viewers_may_not_open_the_create_form(world):
    assert world.client("viewer_a").get(reverse("portal:create")).status_code == 403


def test_bad_input_shows_a_vietnamese_message_and_changes_nothing(world, draft, category):
    response = world.client("officer_a").post(
        reverse("portal:edit", args=[draft.pk]),
        {"title": "T" * 301, "category": category.pk, "published_on": "17/06/2020", "summary": "Mới"},
    )
    assert response.status_code == 200
    assert "tối đa 300" in response.content.decode()
    draft.refresh_from_db()
    assert draft.title == "Bản tin nháp về giao ước thi đua năm 2020" and draft.summary != "Mới"


def test_a_bad_date_is_refused(world, draft, category):
    response = world.client("officer_a").post(
        reverse("portal:edit", args=[draft.pk]),
        {"title": "Khác", "category": category.pk, "published_on": "32/13/2020"},
    )
    assert response.status_code == 200
    assert "Nhập một ngày hợp lệ" in response.content.decode()
    draft.refresh_from_db()
    assert draft.title != "Khác"


def test_edit_saves_through_the_service(world, draft, category):
    response = world.client("leader_a").post(
        reverse("portal:edit", args=[draft.pk]),
        {
            "title": "Bản tin đã sửa",
            "category": category.pk,
            "published_on": "2020-06-18",
            "summary": "Tóm tắt",
        },
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.title, draft.summary, str(draft.published_on)) == (
        "Bản tin đã sửa",
        "Tóm tắt",
        "2020-06-18",
    )


def test_a_published_article_cannot_be_edited_from_the_page(world, published, category):
    client = world.client("admin")
    page = client.get(reverse("portal:edit", args=[published.pk])).content.decode()
    assert "Gỡ bài xuống để sửa" in page and "disabled" in page
    response = client.post(
        reverse("portal:edit", args=[published.pk]),
        {
            "title": "Tiêu đề lén sửa",
            "category": category.pk,
            "published_on": "2020-06-17",
            "author_unit": world.unit_a.pk,
        },
        follow=True,
    )
    assert "gỡ bài xuống trước khi sửa" in " ".join(_messages(response))
    published.refresh_from_db()
    assert published.title == SEED_TITLE


# --- photos ---------------------------------------------------------------------------------------------------


def test_upload_several_photos_with_captions(world, draft):
    files = [SimpleUploadedFile("a.jpg", small_photo()), SimpleUploadedFile("b.png", small_photo("#174ea6"))]
    response = world.client("officer_a").post(
        reverse("portal:upload_photos", args=[draft.pk]),
        _upload_data(*files, captions=["Quang cảnh", "Đại biểu"]),
    )
    assert response.status_code == 302
    assert list(draft.photos.order_by("order").values_list("caption", flat=True)) == [
        "Ảnh 1 tại Hội nghị",
        "Quang cảnh",
        "Đại biểu",
    ]


def test_a_file_that_is_not_an_image_is_refused_with_nothing_saved(world, draft, media_root):
    files_before = sorted(media_root.rglob("*"))
    files = [SimpleUploadedFile("tot.jpg", small_photo()), SimpleUploadedFile("bao-cao.jpg", b"%PDF-1.4")]
    response = world.client("officer_a").post(
        reverse("portal:upload_photos", args=[draft.pk]), _upload_data(*files), follow=True
    )
    assert "Tệp “bao-cao.jpg” không phải là ảnh (chỉ nhận JPEG, PNG, WEBP, GIF)." in _messages(response)
    assert draft.photos.count() == 1
    assert sorted(media_root.rglob("*")) == files_before


def test_an_oversized_upload_is_refused_with_nothing_saved(world, draft, settings):
    settings.TDKT_PHOTO_MAX_MB = 1
    big = SimpleUploadedFile("lon.jpg", b"\xff" * (1024 * 1024 + 10))
    response = world.client("officer_a").post(
        reverse("portal:upload_photos", args=[draft.pk]), _upload_data(big), follow=True
    )
    assert "Ảnh “lon.jpg” quá lớn: tối đa 1 MB." in _messages(response)
    assert draft.photos.count() == 1


def test_uploading_nothing_says_so(world, draft):
    response = world.client("officer_a").post(
        reverse("portal:upload_photos", args=[draft.pk]), _upload_data(), follow=True
    )
    assert "Chưa chọn ảnh nào để tải lên." in _messages(response)


def test_htmx_gallery_actions_return_the_gallery_fragment(world, draft):
    services.add_photos(SYSTEM, draft, [(small_photo(), "Thứ hai")])
    second = draft.photos.get(caption="Thứ hai")
    client = world.client("officer_a")
    response = client.post(reverse("portal:cover", args=[draft.pk, second.pk]), HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body and 'id="gallery"' in body
    draft.refresh_from_db()
    assert draft.cover_id == second.pk
    response = client.post(
        reverse("portal:caption", args=[draft.pk, second.pk]),
        {f"anh-{second.pk}-caption": "Ảnh lưu niệm"},
        HTTP_HX_REQUEST="true",
    )
    assert "Ảnh lưu niệm" in response.content.decode()
    response = client.post(reverse("portal:remove_photo", args=[draft.pk, second.pk]), HTTP_HX_REQUEST="true")
    assert "<html" not in response.content.decode()
    assert not ArticlePhoto.objects.filter(pk=second.pk).exists()


def test_htmx_gallery_error_is_shown_in_the_fragment(world, draft):
    photo = draft.photos.get()
    response = world.client("officer_a").post(
        reverse("portal:caption", args=[draft.pk, photo.pk]),
        {f"anh-{photo.pk}-caption": "x" * 301},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert 'class="error"' in body and "tối đa 300" in body
    photo.refresh_from_db()
    assert photo.caption == "Ảnh 1 tại Hội nghị"


def test_gallery_actions_without_htmx_redirect_to_the_edit_page(world, draft):
    photo = draft.photos.get()
    response = world.client("officer_a").post(reverse("portal:cover", args=[draft.pk, photo.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("portal:edit", args=[draft.pk])


def test_a_photo_of_another_article_is_404(world, draft, published):
    other = published.photos.first()
    response = world.client("admin").post(reverse("portal:cover", args=[draft.pk, other.pk]))
    assert response.status_code == 404


# --- publishing -----------------------------------------------------------------------------------------------


def test_publish_from_the_page_needs_a_summary(world, category):
    article = services.create_draft_article(
        world.users["officer_a"],
        title="Tin chưa đủ",
        category=category,
        summary="",
        body="",
        author_unit=world.unit_a,
        author_line="",
    )
    response = world.client("officer_a").post(reverse("portal:publish", args=[article.pk]), follow=True)
    shown = _messages(response)
    assert "Bài viết cần có phần tóm tắt trước khi đăng." in shown
    assert "Bài viết cần có nội dung trước khi đăng." in shown
    article.refresh_from_db()
    assert article.state == ArticleState.DRAFT


def test_publish_then_unpublish_from_the_page(world, draft):
    client = world.client("leader_a")
    response = client.post(reverse("portal:publish", args=[draft.pk]))
    assert response.status_code == 302 and response["Location"] == draft.get_absolute_url()
    assert world.client("anonymous").get(draft.get_absolute_url()).status_code == 200
    client.post(reverse("portal:unpublish", args=[draft.pk]), {"reason": "Cần bổ sung ảnh"})
    draft.refresh_from_db()
    assert draft.state == ArticleState.UNPUBLISHED
    assert world.client("anonymous").get(draft.get_absolute_url()).status_code == 404


def test_delete_a_draft_from_the_page(world, draft):
    response = world.client("officer_a").post(reverse("portal:delete", args=[draft.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("portal:manage")
    assert not Article.objects.filter(pk=draft.pk).exists()


def test_editors_see_their_drafts_in_the_work_queue(world, draft, make_article):
    make_article("Bản nháp thứ hai", publish=False)
    make_article("Bài đã đăng")
    items = list(article_drafts(world.users["officer_a"]))
    assert [(item.title, item.count) for item in items] == [("Bài viết nháp chờ đăng", 2)]
    assert items[0].url == f"{reverse('portal:manage')}?trang-thai=draft"
    for persona in ("officer_b", "viewer_a", "council", "admin"):
        assert list(article_drafts(world.users[persona])) == []
