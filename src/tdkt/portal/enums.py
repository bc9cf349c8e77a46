"""Portal enumerations: the life of an article and the portal's named audit actions."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ArticleState(models.TextChoices):
    """Draft → published; a published article can be taken down (unpublished) and published again.

    Only drafts and unpublished articles can be changed: what the public reads is what an editor published.
    """

    DRAFT = "draft", _("Bản nháp")
    PUBLISHED = "published", _("Đã đăng")
    UNPUBLISHED = "unpublished", _("Đã gỡ")


#: States in which an article's text and gallery may still be changed.
EDITABLE_STATES = (ArticleState.DRAFT, ArticleState.UNPUBLISHED)


class Action(models.TextChoices):
    """Named actions of the audit log written by the portal's services (one per service function)."""

    ARTICLE_DRAFTED = "article_drafted", _("Soạn bài viết")
    ARTICLE_UPDATED = "article_updated", _("Sửa bài viết")
    ARTICLE_PUBLISHED = "article_published", _("Đăng bài viết")
    ARTICLE_UNPUBLISHED = "article_unpublished", _("Gỡ bài viết")
    ARTICLE_DELETED = "article_deleted", _("Xóa bài viết nháp")
    PHOTOS_ADDED = "article_photos_added", _("Thêm ảnh vào bài viết")
    PHOTO_CAPTIONED = "article_photo_captioned", _("Sửa chú thích ảnh")
    PHOTO_REMOVED = "article_photo_removed", _("Xóa ảnh khỏi bài viết")
    COVER_SET = "article_cover_set", _("Chọn ảnh đại diện")
