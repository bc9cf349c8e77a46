"""Services: permissions, validation before any write, audit entries, notices, the state machine."""

from __future__ import annotations

import datetime
import io
import os

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import File
from django.utils import timezone

from tdkt.core.actors import SYSTEM
from tdkt.core.models import AuditEntry, Notice
from tdkt.portal import services
from tdkt.portal.enums import Action, ArticleState
from tdkt.portal.models import Article, ArticlePhoto
from tests.portal.conftest import SEED_BODY, SEED_SUMMARY, SEED_TITLE, small_photo


def _files(media_root):
    return sorted(str(p.relative_to(media_root)) for p in media_root.rglob("*") if p.is_file())


def _draft(world, actor, **overrides):
    values = {
        "title": SEED_TITLE,
        "category": overrides.pop("category"),
        "summary": SEED_SUMMARY,
        "body": SEED_BODY,
        "author_unit": world.unit_a,
        "author_line": "Văn phòng Sở",
    }
    values.update(overrides)
    return services.create_draft_article(actor, **values)


# --- drafting -------------------------------------------------------------------------------------------------


def test_draft_from_other_data_with_image_bytes_and_files(world, category, media_root):
    photos = [
        (small_photo(), "Quang cảnh Hội nghị"),
        (File(io.BytesIO(small_photo("#1e7d32")), name="dai-bieu.jpg"), "Đại biểu phát biểu"),
    ]
    article = _draft(world, SYSTEM, category=category, photos=photos, published_on=datetime.date(2020, 6, 17))
    assert article.state == ArticleState.DRAFT
    assert article.created_by is None  # the system drafted it
    gallery = list(article.photos.order_by("order"))
    assert [p.caption for p in gallery] == ["Quang cảnh Hội nghị", "Đại biểu phát biểu"]
    assert article.cover == gallery[0]
    assert (gallery[0].width, gallery[0].height) == (64, 48)
    assert len(_files(media_root)) == 4  # image and thumbnail of each
    entry = AuditEntry.objects.filter(action=Action.ARTICLE_DRAFTED).get()
    assert entry.object_id == str(article.pk) and len(entry.after["photos"]) == 2


def test_the_author_units_editors_are_told_of_a_draft_prepared_for_them(world, category):
    article = _draft(world, SYSTEM, category=category)
    told = set(
        Notice.objects.filter(title__contains=SEED_TITLE).values_list("recipient__username", flat=True)
    )
    assert told == {"canbo.a", "lanhdao.a"}
    assert Notice.objects.filter(url=f"/tin-tuc/quan-ly/{article.pk}/").count() == 2


def test_an_editor_drafting_for_their_unit_is_not_told_of_their_own_draft(world, category):
    _draft(world, world.users["officer_a"], category=category)
    told = set(Notice.objects.values_list("recipient__username", flat=True))
    assert told == {"lanhdao.a"}


def test_text_is_stored_nfc_and_paragraphs_are_kept(world, category):
    import unicodedata

    article = _draft(
        world,
        SYSTEM,
        category=category,
        title=unicodedata.normalize("NFD", "  Hội   nghị\u200b tổng kết "),
        body="Đoạn một.  \r\n\r\n\r\n\r\nĐoạn hai.\r\n",
    )
    assert article.title == "Hội nghị tổng kết"
    assert unicodedata.is_normalized("NFC", article.title)
    assert article.body == "Đoạn một.\n\nĐoạn hai."


@pytest.mark.parametrize("persona", ["officer_b", "officer_c", "council", "viewer_a"])
def test_only_the_author_units_editors_and_phong_tdkt_may_draft(world, category, persona):
    with pytest.raises(PermissionDenied):
        _draft(world, world.users[persona], category=category)
    assert not Article.objects.exists()


@pytest.mark.parametrize("persona", ["admin", "officer_a", "leader_a"])
def test_editors_may_draft_for_unit_a(world, category, persona):
    article = _draft(world, world.users[persona], category=category)
    assert article.created_by == world.users[persona]


def test_a_bad_photo_stops_the_whole_draft_and_leaves_no_file(world, category, media_root):
    photos = [(small_photo(), "Ảnh tốt"), (b"%PDF-1.4 not an image", "Biên bản")]
    with pytest.raises(ValidationError, match=r"ảnh thứ 2.*không phải là ảnh"):
        _draft(world, SYSTEM, category=category, photos=photos)
    assert not Article.objects.exists()
    assert not ArticlePhoto.objects.exists()
    assert _files(media_root) == []
    assert not AuditEntry.objects.filter(action=Action.ARTICLE_DRAFTED).exists()


def test_field_limits_are_checked_before_writing(world, category):
    with pytest.raises(ValidationError) as raised:
        _draft(world, SYSTEM, category=category, title="T" * 301, summary="x" * 1001)
    assert set(raised.value.message_dict) == {"title", "summary"}
    assert "Tiêu đề dài tối đa 300 ký tự." in raised.value.message_dict["title"]
    assert not Article.objects.exists()


# --- photos ---------------------------------------------------------------------------------------------------


def test_add_photos_keeps_the_cover_and_appends_in_order(world, draft):
    cover = draft.cover_id
    added = services.add_photos(
        world.users["officer_a"], draft, [(small_photo(), "Thứ hai"), (small_photo(), "")]
    )
    draft.refresh_from_db()
    assert draft.cover_id == cover
    assert [p.caption for p in draft.photos.order_by("order", "pk")] == ["Ảnh 1 tại Hội nghị", "Thứ hai", ""]
    assert [p.pk for p in added] == list(draft.photos.order_by("order", "pk").values_list("pk", flat=True))[
        1:
    ]


def test_an_oversized_photo_is_refused_and_nothing_saved(world, draft, settings, media_root):
    settings.TDKT_PHOTO_MAX_MB = 1
    before = _files(media_root)
    big = b"\xff\xd8" + b"\x00" * (1024 * 1024 + 1)
    with pytest.raises(ValidationError, match="quá lớn: tối đa 1 MB"):
        services.add_photos(world.users["officer_a"], draft, [(small_photo(), "Ảnh tốt"), (big, "Ảnh lớn")])
    assert draft.photos.count() == 1
    assert _files(media_root) == before


def test_a_caption_too_long_is_refused(world, draft):
    with pytest.raises(ValidationError, match="Chú thích ảnh thứ 1 dài tối đa 300 ký tự"):
        services.add_photos(world.users["officer_a"], draft, [(small_photo(), "x" * 301)])
    assert draft.photos.count() == 1


def test_no_photo_chosen_is_a_clear_error(world, draft):
    with pytest.raises(ValidationError, match="Chưa chọn ảnh nào"):
        services.add_photos(world.users["officer_a"], draft, [])


def test_the_cover_must_be_one_of_the_articles_photos(world, draft, make_article):
    other = make_article("Bài khác", publish=False, photos=1)
    with pytest.raises(ValidationError, match="chính bài viết này"):
        services.set_cover(world.users["officer_a"], draft, other.photos.get())
    draft.refresh_from_db()
    assert draft.cover_id == draft.photos.get().pk


def test_removing_the_cover_photo_clears_the_cover_and_the_files(
    world, draft, media_root, django_capture_on_commit_callbacks
):
    photo = draft.photos.get()
    with django_capture_on_commit_callbacks(execute=True):
        services.remove_photo(world.users["leader_a"], photo)
    draft.refresh_from_db()
    assert draft.cover_id is None
    assert not ArticlePhoto.objects.filter(pk=photo.pk).exists()
    assert not (media_root / photo.image.name).exists()
    assert not (media_root / photo.thumbnail.name).exists()


def test_caption_change_is_audited(world, draft):
    photo = draft.photos.get()
    services.update_photo_caption(world.users["officer_a"], photo, "  Toàn cảnh   Hội nghị ")
    photo.refresh_from_db()
    assert photo.caption == "Toàn cảnh Hội nghị"
    entry = AuditEntry.objects.filter(action=Action.PHOTO_CAPTIONED).get()
    assert entry.before == {"caption": "Ảnh 1 tại Hội nghị"} and entry.after == {
        "caption": "Toàn cảnh Hội nghị"
    }


# --- publishing -----------------------------------------------------------------------------------------------


def test_publishing_requires_title_summary_and_body(world, category):
    article = _draft(world, world.users["officer_a"], category=category, title="", summary="  ", body="\n\n")
    with pytest.raises(ValidationError) as raised:
        services.publish_article(world.users["officer_a"], article)
    errors = raised.value.message_dict
    assert errors == {
        "title": ["Bài viết cần có tiêu đề trước khi đăng."],
        "summary": ["Bài viết cần có phần tóm tắt trước khi đăng."],
        "body": ["Bài viết cần có nội dung trước khi đăng."],
    }
    article.refresh_from_db()
    assert article.state == ArticleState.DRAFT and article.first_published_at is None
    assert not AuditEntry.objects.filter(action=Action.ARTICLE_PUBLISHED).exists()


def test_an_article_dated_in_the_future_cannot_be_published_yet(world, category):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    article = _draft(world, world.users["officer_a"], category=category, published_on=tomorrow)
    with pytest.raises(ValidationError, match="chưa đến"):
        services.publish_article(world.users["officer_a"], article)
    article.refresh_from_db()
    assert article.state == ArticleState.DRAFT


def test_publish_by_a_unit_is_audited_and_phong_tdkt_is_told(world, draft):
    article = services.publish_article(world.users["officer_a"], draft)
    assert article.state == ArticleState.PUBLISHED and article.first_published_at is not None
    entry = AuditEntry.objects.filter(action=Action.ARTICLE_PUBLISHED).get()
    assert entry.actor == world.users["officer_a"]
    assert entry.before["state"] == "draft" and entry.after["state"] == "published"
    assert list(
        Notice.objects.filter(url=article.get_absolute_url()).values_list("recipient__username", flat=True)
    ) == ["admin"]


def test_unpublish_tells_the_units_editors_with_the_reason(world, published):
    services.unpublish_article(world.users["admin"], published, reason="Sai tên đơn vị chủ trì")
    notices = Notice.objects.filter(title__startswith="Bài viết đã được gỡ")
    assert set(notices.values_list("recipient__username", flat=True)) == {"canbo.a", "lanhdao.a"}
    assert {n.body for n in notices} == {"Sai tên đơn vị chủ trì"}
    assert (
        AuditEntry.objects.filter(action=Action.ARTICLE_UNPUBLISHED).get().summary == "Sai tên đơn vị chủ trì"
    )


@pytest.mark.parametrize("persona", ["admin", "officer_a", "leader_a", "officer_b", "council", "viewer_a"])
def test_a_published_article_is_locked_for_everyone(world, published, persona):
    user = world.users[persona]
    photo = published.photos.first()
    attempts = [
        lambda: services.update_article(user, published, title="Tiêu đề khác"),
        lambda: services.add_photos(user, published, [(small_photo(), "Thêm")]),
        lambda: services.update_photo_caption(user, photo, "Khác"),
        lambda: services.remove_photo(user, photo),
        lambda: services.set_cover(user, published, None),
        lambda: services.delete_draft(user, published),
        lambda: services.publish_article(user, published),
    ]
    for attempt in attempts:
        with pytest.raises((ValidationError, PermissionDenied)):
            attempt()
    published.refresh_from_db()
    assert published.title == SEED_TITLE and published.state == ArticleState.PUBLISHED
    assert (
        published.photos.count() == 2 and published.cover_id == published.photos.order_by("order").first().pk
    )


def test_the_lock_message_says_what_to_do(world, published):
    with pytest.raises(ValidationError, match="gỡ bài xuống trước khi sửa"):
        services.update_article(world.users["admin"], published, title="Tiêu đề khác")


def test_unpublish_then_edit_then_publish_again(world, published):
    officer = world.users["officer_a"]
    first = published.first_published_at
    article = services.unpublish_article(officer, published)
    article = services.update_article(officer, article, summary="Tóm tắt đã sửa.")
    article = services.publish_article(officer, article)
    assert article.summary == "Tóm tắt đã sửa." and article.state == ArticleState.PUBLISHED
    assert article.first_published_at == first


def test_only_a_published_article_can_be_unpublished(world, draft):
    with pytest.raises(ValidationError, match="chưa được đăng"):
        services.unpublish_article(world.users["officer_a"], draft)


@pytest.mark.parametrize("persona", ["officer_b", "officer_c", "council", "viewer_a"])
def test_outsiders_cannot_publish_or_unpublish(world, draft, published, persona):
    with pytest.raises(PermissionDenied):
        services.publish_article(world.users[persona], draft)
    with pytest.raises(PermissionDenied):
        services.unpublish_article(world.users[persona], published)
    draft.refresh_from_db()
    published.refresh_from_db()
    assert (draft.state, published.state) == (ArticleState.DRAFT, ArticleState.PUBLISHED)


def test_an_officer_cannot_move_an_article_to_another_unit(world, draft):
    with pytest.raises(PermissionDenied):
        services.update_article(world.users["officer_a"], draft, author_unit=world.unit_b)
    draft.refresh_from_db()
    assert draft.author_unit == world.unit_a


def test_unknown_fields_are_refused(world, draft):
    with pytest.raises(ValidationError, match="state"):
        services.update_article(world.users["admin"], draft, state=ArticleState.PUBLISHED)


# --- deleting -------------------------------------------------------------------------------------------------


def test_a_draft_can_be_deleted_with_its_files(world, draft, media_root, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.delete_draft(world.users["officer_a"], draft)
    assert not Article.objects.filter(pk=draft.pk).exists()
    assert _files(media_root) == []
    assert AuditEntry.objects.filter(action=Action.ARTICLE_DELETED, object_id=str(draft.pk)).exists()


def test_a_once_published_article_cannot_be_deleted(world, published):
    article = services.unpublish_article(SYSTEM, published)
    with pytest.raises(ValidationError, match="Chỉ xóa được bài viết nháp chưa từng đăng"):
        services.delete_draft(world.users["admin"], article)
    assert Article.objects.filter(pk=published.pk).exists()


def test_a_photo_file_given_as_a_django_file_keeps_its_name_in_errors(world, draft):
    bad = File(io.BytesIO(b"not an image"), name=os.path.join("tmp", "bien-ban.pdf"))
    with pytest.raises(ValidationError, match=r"bien-ban\.pdf"):
        services.add_photos(world.users["officer_a"], draft, [(bad, "")])
