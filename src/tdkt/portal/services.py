"""Writes of the portal. Each function: check permission and state, validate, write in one transaction, audit,
notify.

An article is drafted, then published by an editor (Phòng TĐKT or an officer or leader of the author unit).
While published it is frozen: to correct it, an editor takes it down (unpublish), edits, and publishes again, so
that the public never reads text nobody published. Photos are validated (real images, size limit) before anything
is written, so a bad file leaves the article exactly as it was.
"""

from __future__ import annotations

import datetime
import os
import re
import uuid
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import File
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt import vn
from tdkt.core.audit import log_action, snapshot
from tdkt.core.enums import Role
from tdkt.core.images import ProcessedImage, process_photo
from tdkt.core.notify import notify
from tdkt.core.rules import is_system_admin
from tdkt.org.models import Unit
from tdkt.portal.enums import Action, ArticleState
from tdkt.portal.models import Article, ArticlePhoto, Category, make_slug
from tdkt.vn.text import INVISIBLE

#: A photo to add: the image (bytes, or a Django ``File``/uploaded file) and its caption.
PhotoInput = tuple[bytes | File, str]

SUMMARY_MAX_LENGTH = 1000
_SLUG_ATTEMPTS = 5
_EDITABLE_FIELDS = {"title", "category", "published_on", "summary", "body", "author_line", "author_unit"}
_DROP_INVISIBLE = str.maketrans(dict.fromkeys(INVISIBLE))


# --- checks ---------------------------------------------------------------------------------------------------


def _require(actor: Any, perm: str, obj: Any = None) -> None:
    if not actor.has_perm(perm, obj):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))


def require_editable(article: Article) -> None:
    """Refuse (with the reason) to change an article that is on the public site."""
    if not article.is_editable:
        raise ValidationError(
            _("Bài viết “%(title)s” đang được đăng công khai: gỡ bài xuống trước khi sửa.")
            % {"title": article}
        )


def _locked(article: Article) -> Article:
    """Re-read the article with a row lock, so two editors' transitions cannot interleave."""
    return Article.objects.select_for_update().get(pk=article.pk)


# --- text -----------------------------------------------------------------------------------------------------


def clean_paragraphs(text: str) -> str:
    """NFC plain text with paragraphs: line endings unified, trailing spaces and invisible characters dropped,
    at most one empty line between paragraphs."""
    text = vn.nfc(text or "").translate(_DROP_INVISIBLE).replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.rstrip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _max_length(field: str, model: type[Article] | type[ArticlePhoto] = Article) -> int:
    return int(getattr(model._meta.get_field(field), "max_length", 0) or 0)


def _clean_fields(values: dict[str, Any]) -> dict[str, Any]:
    """Normalise and check the editable fields of an article; all problems are reported together."""
    cleaned = dict(values)
    errors: dict[str, str] = {}
    for field in ("title", "author_line"):
        if field in cleaned:
            cleaned[field] = vn.clean(cleaned[field] or "")
    for field in ("summary", "body"):
        if field in cleaned:
            cleaned[field] = clean_paragraphs(cleaned[field])
    if len(cleaned.get("title", "")) > _max_length("title"):
        errors["title"] = _("Tiêu đề dài tối đa %(max)s ký tự.") % {"max": _max_length("title")}
    if len(cleaned.get("author_line", "")) > _max_length("author_line"):
        errors["author_line"] = _("Dòng tác giả dài tối đa %(max)s ký tự.") % {
            "max": _max_length("author_line")
        }
    if len(cleaned.get("summary", "")) > SUMMARY_MAX_LENGTH:
        errors["summary"] = _("Tóm tắt dài tối đa %(max)s ký tự.") % {"max": SUMMARY_MAX_LENGTH}
    if "category" in cleaned and not isinstance(cleaned["category"], Category):
        errors["category"] = _("Hãy chọn chuyên mục của bài viết.")
    if "author_unit" in cleaned and not isinstance(cleaned["author_unit"], Unit):
        errors["author_unit"] = _("Hãy chọn đơn vị đưa tin.")
    if "published_on" in cleaned and not isinstance(cleaned["published_on"], datetime.date):
        errors["published_on"] = _("Ngày đăng không hợp lệ.")
    if errors:
        raise ValidationError(errors)
    return cleaned


def _publication_errors(article: Article) -> dict[str, str]:
    """What an article lacks before it can go public (title, summary, body; a date not in the future)."""
    errors: dict[str, str] = {}
    if not article.title:
        errors["title"] = _("Bài viết cần có tiêu đề trước khi đăng.")
    if not article.summary:
        errors["summary"] = _("Bài viết cần có phần tóm tắt trước khi đăng.")
    if not article.body:
        errors["body"] = _("Bài viết cần có nội dung trước khi đăng.")
    if article.published_on > timezone.localdate():
        errors["published_on"] = _("Ngày đăng %(date)s chưa đến: không đăng trước được.") % {
            "date": vn.short_date(article.published_on)
        }
    return errors


# --- slugs ----------------------------------------------------------------------------------------------------


def unique_slug(title: str, *, exclude_pk: int | None = None) -> str:
    """The folded, hyphenated title; ``-2``, ``-3``… when another article already has it."""
    base = make_slug(title)
    candidates = Article.objects.filter(slug__startswith=base)
    if exclude_pk is not None:
        candidates = candidates.exclude(pk=exclude_pk)
    taken = set(candidates.values_list("slug", flat=True))
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def _save_with_slug(article: Article, *, refresh_slug: bool) -> None:
    """Save, choosing a free slug; a concurrent insert of the same slug is retried with the next suffix."""
    for attempt in range(_SLUG_ATTEMPTS):
        if refresh_slug or not article.slug:
            article.slug = unique_slug(article.title, exclude_pk=article.pk)
        try:
            with transaction.atomic():
                article.save()
            return
        except IntegrityError:
            if attempt == _SLUG_ATTEMPTS - 1 or not Article.objects.filter(slug=article.slug).exists():
                raise
            refresh_slug = True


# --- photos ---------------------------------------------------------------------------------------------------


def _as_upload(content: bytes | File, index: int) -> UploadedFile:
    label = _("ảnh thứ %(n)s") % {"n": index}
    if isinstance(content, bytes | bytearray):
        return SimpleUploadedFile(label, bytes(content))
    if isinstance(content, UploadedFile):
        return content
    if isinstance(content, File):
        if content.seekable():
            content.seek(0)
        name = os.path.basename(content.name or "") or label
        return UploadedFile(file=content.file, name=name, size=content.size)
    raise ValidationError(_("Không đọc được %(label)s.") % {"label": label})


def _prepare_photos(photos: Iterable[PhotoInput], basename: str) -> list[tuple[ProcessedImage, str]]:
    """Check and re-encode every photo before anything is written; the first bad one stops the whole batch."""
    prepared = []
    for index, (content, caption) in enumerate(photos, start=1):
        caption = vn.clean(caption or "")
        if len(caption) > _max_length("caption", ArticlePhoto):
            raise ValidationError(
                _("Chú thích %(label)s dài tối đa %(max)s ký tự.")
                % {"label": _("ảnh thứ %(n)s") % {"n": index}, "max": _max_length("caption", ArticlePhoto)}
            )
        processed = process_photo(_as_upload(content, index), basename=f"{basename}-{uuid.uuid4().hex[:10]}")
        prepared.append((processed, caption))
    return prepared


def _store_photos(
    article: Article, prepared: Sequence[tuple[ProcessedImage, str]], stored: list[str]
) -> list[ArticlePhoto]:
    """Write the files and rows of validated photos; ``stored`` collects the file names for cleanup."""
    last = article.photos.order_by("-order").values_list("order", flat=True).first()
    start = 0 if last is None else last + 1
    created = []
    for offset, (processed, caption) in enumerate(prepared):
        photo = ArticlePhoto(
            article=article,
            caption=caption,
            width=processed.width,
            height=processed.height,
            order=start + offset,
        )
        photo.image.save(processed.image.name or "anh.jpg", processed.image, save=False)
        stored.append(photo.image.name)
        photo.thumbnail.save(processed.thumbnail.name or "anh-thu-nho.jpg", processed.thumbnail, save=False)
        stored.append(photo.thumbnail.name)
        photo.save()
        created.append(photo)
    return created


def _delete_files(names: Iterable[str]) -> None:
    storage = ArticlePhoto._meta.get_field("image").storage
    for name in names:
        if name:
            storage.delete(name)


def _delete_files_after_commit(photos: Iterable[ArticlePhoto]) -> None:
    names = [name for photo in photos for name in (photo.image.name, photo.thumbnail.name)]
    transaction.on_commit(lambda: _delete_files(names))


def _photo_summary(photos: Sequence[ArticlePhoto]) -> list[dict[str, Any]]:
    return [{"id": photo.pk, "image": photo.image.name, "caption": photo.caption} for photo in photos]


# --- who is told ----------------------------------------------------------------------------------------------


def _unit_editors(unit_id: int) -> list[Any]:
    return list(
        get_user_model().objects.filter(
            unit_id=unit_id, role__in=[Role.UNIT_OFFICER, Role.UNIT_LEADER], is_active=True
        )
    )


def _system_admins() -> list[Any]:
    return list(get_user_model().objects.filter(role=Role.SYSTEM_ADMIN, is_active=True))


def _others(users: Iterable[Any], actor: Any) -> list[Any]:
    actor_pk = getattr(actor, "pk", None)
    return [user for user in users if user is not None and user.pk != actor_pk]


def _edit_url(article: Article) -> str:
    return reverse("portal:edit", args=[article.pk])


# --- transitions ----------------------------------------------------------------------------------------------


def create_draft_article(
    actor: Any,
    *,
    title: str,
    category: Category,
    summary: str,
    body: str,
    author_unit: Unit,
    author_line: str,
    photos: Sequence[PhotoInput] = (),
    published_on: datetime.date | None = None,
    source: Mapping[str, Any] | None = None,
    meeting: Any = None,
) -> Article:
    """Prepare a draft article with its gallery (the first photo becomes the cover).

    Used by the editors' form and by other apps that draft news from their own data (e.g. a conference with
    its photos). ``photos`` are ``(image, caption)`` pairs; the image may be raw bytes or a Django file.
    ``source`` (e.g. ``{"meeting": 12}``) is recorded in the audit entry: what the draft was prepared from;
    ``meeting`` links the article to the conference it reports. The editors of the author unit are told when
    someone else prepared the draft for them.
    """
    _require(actor, "portal.add_article")
    _require(actor, "portal.change_article", Article(author_unit=author_unit))
    values = _clean_fields(
        {
            "title": title,
            "category": category,
            "summary": summary,
            "body": body,
            "author_unit": author_unit,
            "author_line": author_line,
            "published_on": published_on or timezone.localdate(),
        }
    )
    article = Article(
        **values,
        state=ArticleState.DRAFT,
        meeting=meeting,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    prepared = _prepare_photos(photos, make_slug(values["title"])[:60])
    stored: list[str] = []
    try:
        with transaction.atomic():
            _save_with_slug(article, refresh_slug=True)
            gallery = _store_photos(article, prepared, stored)
            if gallery:
                article.cover = gallery[0]
                article.save(update_fields=["cover", "updated_at"])
            log_action(
                actor,
                Action.ARTICLE_DRAFTED,
                article,
                summary=_("%(count)s ảnh") % {"count": len(gallery)},
                after={**snapshot(article), "photos": _photo_summary(gallery), **(source or {})},
            )
            notify(
                _others(_unit_editors(author_unit.pk), actor),
                title=_("Bài viết nháp mới: %(title)s") % {"title": article},
                url=_edit_url(article),
                body=_("Bài viết đã được soạn sẵn cho đơn vị, chờ biên tập và đăng."),
            )
    except BaseException:
        _delete_files(stored)
        raise
    return article


def update_article(actor: Any, article: Article, **changes: Any) -> Article:
    """Change a draft's or a taken-down article's text, category, date, author line or author unit.

    Until the article has first been published its slug follows the title; afterwards the public address stays.
    """
    unknown = set(changes) - _EDITABLE_FIELDS
    if unknown:
        raise ValidationError(
            _("Không sửa được các trường: %(fields)s") % {"fields": ", ".join(sorted(unknown))}
        )
    _require(actor, "portal.change_article", article)
    if "author_unit" in changes and isinstance(changes["author_unit"], Unit):
        _require(actor, "portal.change_article", Article(author_unit=changes["author_unit"]))
    values = _clean_fields(changes)
    with transaction.atomic():
        article = _locked(article)
        require_editable(article)
        before = snapshot(article)
        for field, value in values.items():
            setattr(article, field, value)
        title_changed = before["title"] != article.title
        _save_with_slug(article, refresh_slug=title_changed and article.first_published_at is None)
        log_action(actor, Action.ARTICLE_UPDATED, article, before=before, after=snapshot(article))
    return article


def add_photos(actor: Any, article: Article, photos: Sequence[PhotoInput]) -> list[ArticlePhoto]:
    """Add photos with captions to an article's gallery; the first photo of a gallery becomes the cover."""
    _require(actor, "portal.change_article", article)
    require_editable(article)
    if not photos:
        raise ValidationError(_("Chưa chọn ảnh nào để tải lên."))
    prepared = _prepare_photos(photos, article.slug[:60])
    stored: list[str] = []
    try:
        with transaction.atomic():
            article = _locked(article)
            require_editable(article)
            created = _store_photos(article, prepared, stored)
            if article.cover_id is None:
                article.cover = created[0]
                article.save(update_fields=["cover", "updated_at"])
            else:
                article.save(update_fields=["updated_at"])
            log_action(
                actor,
                Action.PHOTOS_ADDED,
                article,
                summary=_("%(count)s ảnh") % {"count": len(created)},
                after={"photos": _photo_summary(created), "cover": article.cover_id},
            )
    except BaseException:
        _delete_files(stored)
        raise
    return created


def update_photo_caption(actor: Any, photo: ArticlePhoto, caption: str) -> ArticlePhoto:
    """Change the caption of a photo in a draft's or taken-down article's gallery."""
    article = photo.article
    _require(actor, "portal.change_article", article)
    caption = vn.clean(caption or "")
    if len(caption) > _max_length("caption", ArticlePhoto):
        raise ValidationError(
            {
                "caption": _("Chú thích dài tối đa %(max)s ký tự.")
                % {"max": _max_length("caption", ArticlePhoto)}
            }
        )
    with transaction.atomic():
        article = _locked(article)
        require_editable(article)
        before = {"caption": photo.caption}
        photo.caption = caption
        photo.save(update_fields=["caption", "updated_at"])
        log_action(actor, Action.PHOTO_CAPTIONED, photo, before=before, after={"caption": caption})
    return photo


def remove_photo(actor: Any, photo: ArticlePhoto) -> None:
    """Take a photo out of a gallery (its files are removed once the change is committed)."""
    article = photo.article
    _require(actor, "portal.change_article", article)
    with transaction.atomic():
        article = _locked(article)
        require_editable(article)
        before = snapshot(photo)
        was_cover = article.cover_id == photo.pk
        log_action(actor, Action.PHOTO_REMOVED, photo, before=before, after={"was_cover": was_cover})
        photo.delete()
        article.save(update_fields=["updated_at"])
        _delete_files_after_commit([photo])


def set_cover(actor: Any, article: Article, photo: ArticlePhoto | None) -> Article:
    """Choose the cover photo among the article's own photos (``None``: no cover)."""
    _require(actor, "portal.change_article", article)
    if photo is not None and photo.article_id != article.pk:
        raise ValidationError({"cover": _("Ảnh đại diện phải là một ảnh của chính bài viết này.")})
    with transaction.atomic():
        article = _locked(article)
        require_editable(article)
        before = {"cover": article.cover_id}
        article.cover = photo
        article.save(update_fields=["cover", "updated_at"])
        log_action(actor, Action.COVER_SET, article, before=before, after={"cover": article.cover_id})
    return article


def publish_article(actor: Any, article: Article) -> Article:
    """Put a draft (or a taken-down article) on the public portal. It needs a title, a summary and a body, and
    a publication date that has come. Phòng TĐKT is told when a unit publishes."""
    _require(actor, "portal.publish_article", article)
    with transaction.atomic():
        article = _locked(article)
        if article.state == ArticleState.PUBLISHED:
            raise ValidationError(_("Bài viết “%(title)s” đã được đăng.") % {"title": article})
        errors = _publication_errors(article)
        if errors:
            raise ValidationError(errors)
        before = snapshot(article, ["state", "first_published_at"])
        article.state = ArticleState.PUBLISHED
        if article.first_published_at is None:
            article.first_published_at = timezone.now()
        article.save(update_fields=["state", "first_published_at", "updated_at"])
        log_action(
            actor,
            Action.ARTICLE_PUBLISHED,
            article,
            before=before,
            after=snapshot(article, ["state", "first_published_at"]),
        )
        if not is_system_admin(actor):
            notify(
                _others(_system_admins(), actor),
                title=_("%(unit)s đăng bài: %(title)s")
                % {"unit": article.author_unit.display_name, "title": article},
                url=article.get_absolute_url(),
            )
    return article


def unpublish_article(actor: Any, article: Article, *, reason: str = "") -> Article:
    """Take a published article off the public portal (it can be edited and published again). The author unit's
    editors and the article's creator are told, with the reason."""
    _require(actor, "portal.publish_article", article)
    reason = vn.clean(reason or "")
    with transaction.atomic():
        article = _locked(article)
        if article.state != ArticleState.PUBLISHED:
            raise ValidationError(
                _("Bài viết “%(title)s” chưa được đăng nên không gỡ được.") % {"title": article}
            )
        before = snapshot(article, ["state"])
        article.state = ArticleState.UNPUBLISHED
        article.save(update_fields=["state", "updated_at"])
        log_action(
            actor,
            Action.ARTICLE_UNPUBLISHED,
            article,
            summary=reason,
            before=before,
            after=snapshot(article, ["state"]),
        )
        notify(
            _others([*_unit_editors(article.author_unit_id), article.created_by], actor),
            title=_("Bài viết đã được gỡ khỏi cổng thông tin: %(title)s") % {"title": article},
            url=_edit_url(article),
            body=reason,
        )
    return article


def delete_draft(actor: Any, article: Article) -> None:
    """Discard a draft that was never published (a published article keeps its history: unpublish it instead)."""
    _require(actor, "portal.delete_article", article)
    with transaction.atomic():
        article = _locked(article)
        if article.state != ArticleState.DRAFT or article.first_published_at is not None:
            raise ValidationError(_("Chỉ xóa được bài viết nháp chưa từng đăng; bài đã đăng thì gỡ xuống."))
        photos = list(article.photos.all())
        log_action(
            actor,
            Action.ARTICLE_DELETED,
            article,
            before={**snapshot(article), "photos": _photo_summary(photos)},
        )
        article.delete()
        _delete_files_after_commit(photos)
