"""The public news portal: categories, articles and their photo galleries.

Text is stored NFC. Slugs are Vietnamese folded to ASCII (``tdkt.vn.fold``) and hyphenated, so that a URL reads
``/tin-tuc/bai-viet/hoi-nghi-so-ket-...``. Photos are stored re-encoded with a thumbnail made on upload
(``tdkt.core.images.process_photo``) and are served through the portal's views, which apply the same visibility
as the article they belong to (a draft's photos are not public either).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from tdkt import vn
from tdkt.core.models import TimeStampedModel
from tdkt.portal.enums import EDITABLE_STATES, ArticleState

#: First path segments the portal uses for its own pages (``/tin-tuc/<segment>/``): a category cannot take them.
RESERVED_SLUGS = frozenset({"bai-viet", "quan-ly", "anh", "atom"})
SLUG_MAX_LENGTH = 200


def make_slug(text: str, *, max_length: int = SLUG_MAX_LENGTH, fallback: str = "bai-viet") -> str:
    """``"Hội nghị Sơ kết 06 tháng"`` → ``"hoi-nghi-so-ket-06-thang"``: folded, hyphenated, cut at a word."""
    slug = slugify(vn.fold(text))
    if len(slug) > max_length:
        cut = slug[:max_length]
        if slug[max_length] != "-" and "-" in cut:
            cut = cut.rsplit("-", 1)[0]  # do not end on half a word
        slug = cut.strip("-")
    return slug or fallback


class Category(TimeStampedModel):
    """A section of the portal (Tin trong tỉnh, Hoạt động các Khối thi đua…), listed by ``order``."""

    name = models.CharField(_("tên chuyên mục"), max_length=150)
    slug = models.SlugField(
        _("đường dẫn"),
        max_length=100,
        unique=True,
        blank=True,
        help_text=_("Không dấu, nối bằng gạch ngang; để trống thì lấy từ tên chuyên mục."),
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("chuyên mục")
        verbose_name_plural = _("chuyên mục")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        self.name = vn.clean(self.name)
        self.slug = make_slug(self.slug or self.name, max_length=100, fallback="chuyen-muc")
        if self.slug in RESERVED_SLUGS:
            raise ValidationError(
                {"slug": _("Đường dẫn “%(slug)s” đã được cổng thông tin dùng riêng.") % {"slug": self.slug}}
            )

    def get_absolute_url(self) -> str:
        return reverse("portal:category", args=[self.slug])


def _photo_path(instance: ArticlePhoto, filename: str) -> str:
    return f"portal/anh/{instance.article_id}/{filename}"


def _thumbnail_path(instance: ArticlePhoto, filename: str) -> str:
    return f"portal/anh/{instance.article_id}/nho/{filename}"


class Article(TimeStampedModel):
    """A news article: draft until an editor publishes it; only published articles are public."""

    title = models.CharField(_("tiêu đề"), max_length=300, blank=True)
    slug = models.SlugField(_("đường dẫn"), max_length=SLUG_MAX_LENGTH + 10, unique=True)
    category = models.ForeignKey(
        Category, verbose_name=_("chuyên mục"), on_delete=models.PROTECT, related_name="articles"
    )
    published_on = models.DateField(_("ngày đăng"))
    summary = models.TextField(_("tóm tắt"), blank=True)
    body = models.TextField(
        _("nội dung"), blank=True, help_text=_("Văn bản thuần; các đoạn cách nhau một dòng trống.")
    )
    cover = models.ForeignKey(
        "ArticlePhoto",
        verbose_name=_("ảnh đại diện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    author_unit = models.ForeignKey(
        "org.Unit", verbose_name=_("đơn vị đưa tin"), on_delete=models.PROTECT, related_name="articles"
    )
    author_line = models.CharField(
        _("dòng tác giả"), max_length=200, blank=True, help_text=_("Ví dụ: Văn phòng Sở.")
    )
    state = models.CharField(
        _("trạng thái"), max_length=20, choices=ArticleState.choices, default=ArticleState.DRAFT
    )
    first_published_at = models.DateTimeField(_("đăng lần đầu lúc"), null=True, blank=True, editable=False)
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("hội nghị"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
        editable=False,
        help_text=_("Hội nghị mà bài viết được soạn từ đó (mỗi hội nghị một bài)."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người soạn"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("bài viết")
        verbose_name_plural = _("bài viết")
        ordering = ["-published_on", "-pk"]
        indexes = [
            models.Index(fields=["state", "-published_on"], name="article_state_date"),
            models.Index(fields=["category", "state", "-published_on"], name="article_category_state_date"),
            models.Index(fields=["author_unit", "state"], name="article_unit_state"),
        ]

    def __str__(self) -> str:
        return self.title or str(_("(chưa có tiêu đề)"))

    def get_absolute_url(self) -> str:
        return reverse("portal:article", args=[self.slug])

    @property
    def is_published(self) -> bool:
        return self.state == ArticleState.PUBLISHED

    @property
    def is_editable(self) -> bool:
        """Text and gallery can change only while the article is not on the public site."""
        return self.state in EDITABLE_STATES

    @property
    def byline(self) -> str:
        return self.author_line or self.author_unit.display_name


class ArticlePhoto(TimeStampedModel):
    """A photo of an article's gallery, stored re-encoded, with its thumbnail and caption."""

    article = models.ForeignKey(
        Article, verbose_name=_("bài viết"), on_delete=models.CASCADE, related_name="photos"
    )
    image = models.ImageField(_("ảnh"), upload_to=_photo_path, max_length=255)
    thumbnail = models.ImageField(_("ảnh thu nhỏ"), upload_to=_thumbnail_path, max_length=255)
    width = models.PositiveIntegerField(_("chiều rộng"))
    height = models.PositiveIntegerField(_("chiều cao"))
    caption = models.CharField(_("chú thích"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("ảnh bài viết")
        verbose_name_plural = _("ảnh bài viết")
        ordering = ["article", "order", "pk"]

    def __str__(self) -> str:
        return self.caption or self.image.name

    def get_absolute_url(self) -> str:
        return reverse("portal:photo", args=[self.pk])

    @property
    def thumbnail_url(self) -> str:
        return reverse("portal:thumbnail", args=[self.pk])

    def delete_files(self) -> None:
        """Remove the stored image and thumbnail (after the row is gone for good)."""
        for field in (self.image, self.thumbnail):
            if field.name:
                field.storage.delete(field.name)
