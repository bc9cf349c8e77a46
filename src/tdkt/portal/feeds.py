"""Atom feeds of published articles: the whole portal and each category."""

from __future__ import annotations

import datetime

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from tdkt.portal.models import Article, Category
from tdkt.portal.queries import public_articles

FEED_SIZE = 30


class ArticlesFeed(Feed):
    """The latest published articles; ``/tin-tuc/atom/`` for all, ``/tin-tuc/<category>/atom/`` for one."""

    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, slug: str | None = None) -> Category | None:
        return get_object_or_404(Category, slug=slug) if slug else None

    def title(self, category: Category | None) -> str:
        if category is None:
            return _("Tin tức thi đua, khen thưởng")
        return _("Tin tức thi đua, khen thưởng — %(category)s") % {"category": category.name}

    def subtitle(self, category: Category | None) -> str:
        return _("Các bài viết đã đăng trên cổng thông tin thi đua, khen thưởng của tỉnh.")

    def link(self, category: Category | None) -> str:
        return category.get_absolute_url() if category is not None else reverse("portal:index")

    def feed_url(self, category: Category | None) -> str:
        if category is None:
            return reverse("portal:feed")
        return reverse("portal:category_feed", args=[category.slug])

    def items(self, category: Category | None) -> QuerySet[Article]:
        return public_articles(category)[:FEED_SIZE]

    def item_title(self, item: Article) -> str:
        return item.title

    def item_description(self, item: Article) -> str:
        return item.summary

    def item_link(self, item: Article) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Article) -> datetime.datetime:
        # The date the article shows (an article may be dated before it went online), at local midnight.
        return datetime.datetime.combine(
            item.published_on, datetime.time.min, timezone.get_current_timezone()
        )

    def item_updateddate(self, item: Article) -> datetime.datetime:
        return item.updated_at

    def item_author_name(self, item: Article) -> str:
        return item.byline

    def item_categories(self, item: Article) -> list[str]:
        return [item.category.name]
