"""The portal endpoints of the API: thin wrappers over services and queries.

Reading published articles and the categories needs no account (``auth=None``); the editors' endpoints use the
session like the rest of the API and reach only the articles the user may edit (others are a 404).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Router, Schema, Status, UploadedFile
from ninja.pagination import PageNumberPagination, paginate

from tdkt.meetings.queries import meetings_for_user
from tdkt.org.models import Unit
from tdkt.portal import services
from tdkt.portal.from_meeting import draft_article_from_meeting
from tdkt.portal.models import Article, ArticlePhoto, Category
from tdkt.portal.queries import (
    categories,
    editable_articles_for_user,
    gallery,
    managed_articles,
    public_articles,
)

router = Router(tags=["portal"])
PAGE_SIZE = 20


# --- schemas --------------------------------------------------------------------------------------------------


class CategoryOut(Schema):
    id: int
    name: str
    slug: str
    url: str

    @staticmethod
    def resolve_url(obj: Category) -> str:
        return obj.get_absolute_url()


class PhotoOut(Schema):
    id: int
    caption: str
    width: int
    height: int
    url: str
    thumbnail_url: str

    @staticmethod
    def resolve_url(obj: ArticlePhoto) -> str:
        return obj.get_absolute_url()


class ArticleSummaryOut(Schema):
    id: int
    slug: str
    title: str
    category: CategoryOut
    published_on: datetime.date
    summary: str
    byline: str
    author_unit: str
    url: str
    cover_thumbnail_url: str | None

    @staticmethod
    def resolve_author_unit(obj: Article) -> str:
        return obj.author_unit.name

    @staticmethod
    def resolve_url(obj: Article) -> str:
        return obj.get_absolute_url()

    @staticmethod
    def resolve_cover_thumbnail_url(obj: Article) -> str | None:
        return obj.cover.thumbnail_url if obj.cover is not None else None


class ArticleOut(ArticleSummaryOut):
    body: str
    photos: list[PhotoOut]

    @staticmethod
    def resolve_photos(obj: Article) -> list[ArticlePhoto]:
        return list(gallery(obj))


class ManagedArticleOut(ArticleOut):
    state: str
    author_unit_id: int
    cover_id: int | None
    first_published_at: datetime.datetime | None


class ManagedArticleRow(ArticleSummaryOut):
    state: str
    photo_count: int


class ArticleIn(Schema):
    title: str = ""
    category_id: int
    published_on: datetime.date | None = None
    summary: str = ""
    body: str = ""
    author_line: str = ""
    author_unit_id: int | None = Field(None, description="Mặc định: đơn vị của người viết.")


class ArticlePatch(Schema):
    title: str | None = None
    category_id: int | None = None
    published_on: datetime.date | None = None
    summary: str | None = None
    body: str | None = None
    author_line: str | None = None
    author_unit_id: int | None = None


class CoverIn(Schema):
    photo_id: int | None


class CaptionIn(Schema):
    caption: str = ""


class UnpublishIn(Schema):
    reason: str = ""


# --- helpers --------------------------------------------------------------------------------------------------


def _category(pk: int) -> Category:
    found = categories().filter(pk=pk).first()
    if found is None:
        raise ValidationError({"category_id": _("Chuyên mục không tồn tại.")})
    return found


def _unit(pk: int) -> Unit:
    found = Unit.objects.filter(pk=pk, is_active=True).first()
    if found is None:
        raise ValidationError({"author_unit_id": _("Đơn vị không tồn tại.")})
    return found


def _editable(request: HttpRequest, article_id: int) -> Article:
    return get_object_or_404(editable_articles_for_user(request.user), pk=article_id)


# --- public ---------------------------------------------------------------------------------------------------


@router.get("/categories", response=list[CategoryOut], auth=None, summary="Chuyên mục")
def list_categories(request: HttpRequest) -> Any:
    return categories()


@router.get("/articles", response=list[ArticleSummaryOut], auth=None, summary="Bài viết đã đăng")
@paginate(PageNumberPagination, page_size=PAGE_SIZE)
def list_articles(request: HttpRequest, category: str | None = None) -> Any:
    if category:
        return public_articles(get_object_or_404(Category, slug=category))
    return public_articles()


@router.get("/articles/{slug}", response=ArticleOut, auth=None, summary="Một bài viết đã đăng")
def get_article(request: HttpRequest, slug: str) -> Any:
    return get_object_or_404(public_articles(), slug=slug)


# --- editors --------------------------------------------------------------------------------------------------


@router.get("/manage/articles", response=list[ManagedArticleRow], summary="Bài viết của tôi (mọi trạng thái)")
@paginate(PageNumberPagination, page_size=PAGE_SIZE)
def list_managed(request: HttpRequest, state: str = "") -> Any:
    return managed_articles(request.user, state)


@router.get("/manage/articles/{article_id}", response=ManagedArticleOut, summary="Một bài viết của tôi")
def get_managed(request: HttpRequest, article_id: int) -> Any:
    return _editable(request, article_id)


@router.post("/manage/articles", response={201: ManagedArticleOut}, summary="Soạn bài viết nháp")
def create_article(request: HttpRequest, payload: ArticleIn) -> Any:
    user: Any = request.user
    category = _category(payload.category_id)
    unit = _unit(payload.author_unit_id) if payload.author_unit_id is not None else user.unit
    if unit is None:
        raise ValidationError({"author_unit_id": _("Hãy chọn đơn vị đưa tin.")})
    article = services.create_draft_article(
        user,
        title=payload.title,
        category=category,
        summary=payload.summary,
        body=payload.body,
        author_unit=unit,
        author_line=payload.author_line,
        published_on=payload.published_on,
    )
    return Status(201, _editable(request, article.pk))


@router.post(
    "/manage/articles/from-meeting/{meeting_id}",
    response={201: ManagedArticleOut},
    summary="Soạn tin nháp từ hội nghị đã tổ chức (tiêu đề, nội dung, ảnh)",
)
def draft_from_meeting(request: HttpRequest, meeting_id: int) -> Any:
    meeting = get_object_or_404(meetings_for_user(request.user), pk=meeting_id)
    article = draft_article_from_meeting(request.user, meeting)
    return Status(201, _editable(request, article.pk))


@router.patch("/manage/articles/{article_id}", response=ManagedArticleOut, summary="Sửa bài viết")
def update_article(request: HttpRequest, article_id: int, payload: ArticlePatch) -> Any:
    article = _editable(request, article_id)
    changes = payload.dict(exclude_unset=True)
    if "category_id" in changes:
        category_id = changes.pop("category_id")
        changes["category"] = _category(category_id) if category_id is not None else None
    if "author_unit_id" in changes:
        unit_id = changes.pop("author_unit_id")
        changes["author_unit"] = _unit(unit_id) if unit_id is not None else None
    for text_field in ("title", "summary", "body", "author_line"):
        if text_field in changes and changes[text_field] is None:
            changes[text_field] = ""
    services.update_article(request.user, article, **changes)
    return _editable(request, article_id)


@router.post("/manage/articles/{article_id}/publish", response=ManagedArticleOut, summary="Đăng bài")
def publish_article(request: HttpRequest, article_id: int) -> Any:
    services.publish_article(request.user, _editable(request, article_id))
    return _editable(request, article_id)


@router.post("/manage/articles/{article_id}/unpublish", response=ManagedArticleOut, summary="Gỡ bài")
def unpublish_article(request: HttpRequest, article_id: int, payload: UnpublishIn | None = None) -> Any:
    reason = payload.reason if payload is not None else ""
    services.unpublish_article(request.user, _editable(request, article_id), reason=reason)
    return _editable(request, article_id)


@router.delete("/manage/articles/{article_id}", response={204: None}, summary="Xóa bản nháp")
def delete_article(request: HttpRequest, article_id: int) -> Any:
    services.delete_draft(request.user, _editable(request, article_id))
    return Status(204, None)


@router.post(
    "/manage/articles/{article_id}/photos",
    response={201: list[PhotoOut]},
    summary="Tải ảnh lên (nhiều ảnh, mỗi ảnh một chú thích theo thứ tự)",
)
def upload_photos(
    request: HttpRequest,
    article_id: int,
    photos: File[list[UploadedFile]],
    captions: Form[list[str] | None] = None,
) -> Any:
    article = _editable(request, article_id)
    texts = list(captions or [])
    pairs = [(upload, texts[i] if i < len(texts) else "") for i, upload in enumerate(photos)]
    return Status(201, services.add_photos(request.user, article, pairs))


@router.patch(
    "/manage/articles/{article_id}/photos/{photo_id}", response=PhotoOut, summary="Sửa chú thích ảnh"
)
def caption_photo(request: HttpRequest, article_id: int, photo_id: int, payload: CaptionIn) -> Any:
    article = _editable(request, article_id)
    photo = get_object_or_404(article.photos.select_related("article"), pk=photo_id)
    return services.update_photo_caption(request.user, photo, payload.caption)


@router.delete("/manage/articles/{article_id}/photos/{photo_id}", response={204: None}, summary="Xóa ảnh")
def delete_photo(request: HttpRequest, article_id: int, photo_id: int) -> Any:
    article = _editable(request, article_id)
    photo = get_object_or_404(article.photos.select_related("article"), pk=photo_id)
    services.remove_photo(request.user, photo)
    return Status(204, None)


@router.put("/manage/articles/{article_id}/cover", response=ManagedArticleOut, summary="Chọn ảnh đại diện")
def choose_cover(request: HttpRequest, article_id: int, payload: CoverIn) -> Any:
    article = _editable(request, article_id)
    photo = None
    if payload.photo_id is not None:
        photo = article.photos.filter(pk=payload.photo_id).first()
        if photo is None:
            raise ValidationError({"photo_id": _("Ảnh đại diện phải là một ảnh của chính bài viết này.")})
    services.set_cover(request.user, article, photo)
    return _editable(request, article_id)
