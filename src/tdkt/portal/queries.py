"""Reads of the portal. Pages, the feed and the API all go through these, so a draft never leaks."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from tdkt.core.rules import is_system_admin
from tdkt.portal.enums import ArticleState
from tdkt.portal.models import Article, ArticlePhoto, Category
from tdkt.portal.rules import is_unit_editor


def _with_list_relations(articles: QuerySet[Article]) -> QuerySet[Article]:
    # Everything a list row shows (category, cover thumbnail, author unit) in the same query.
    return articles.select_related("category", "cover", "author_unit")


def public_articles(category: Category | None = None) -> QuerySet[Article]:
    """Published articles, newest first (what anonymous readers, the feed and the public API see)."""
    articles = Article.objects.filter(state=ArticleState.PUBLISHED)
    if category is not None:
        articles = articles.filter(category=category)
    return _with_list_relations(articles).order_by("-published_on", "-first_published_at", "-pk")


def editable_articles_for_user(user: Any) -> QuerySet[Article]:
    """Articles the user may edit, in any state: all for Phòng TĐKT, their unit's for its officers and leaders."""
    articles = _with_list_relations(Article.objects.all())
    if is_system_admin(user):
        return articles
    if is_unit_editor(user):
        return articles.filter(author_unit_id=user.unit_id)
    return articles.none()


def articles_for_user(user: Any) -> QuerySet[Article]:
    """Articles the user may read: every published one, plus the drafts and taken-down ones they may edit."""
    published = Q(state=ArticleState.PUBLISHED)
    if is_system_admin(user):
        return _with_list_relations(Article.objects.all())
    if is_unit_editor(user):
        return _with_list_relations(Article.objects.filter(published | Q(author_unit_id=user.unit_id)))
    return _with_list_relations(Article.objects.filter(published))


def managed_articles(user: Any, state: str = "") -> QuerySet[Article]:
    """The editor's list: their articles (drafts too) with the number of photos, most recently changed first."""
    articles = editable_articles_for_user(user).annotate(photo_count=Count("photos"))
    if state in ArticleState.values:
        articles = articles.filter(state=state)
    return articles.order_by("-updated_at", "-pk")


def photos_for_user(user: Any) -> QuerySet[ArticlePhoto]:
    """Photos whose article the user may read (the file views serve nothing else)."""
    return ArticlePhoto.objects.filter(article__in=articles_for_user(user).values("pk")).select_related(
        "article"
    )


def gallery(article: Article) -> QuerySet[ArticlePhoto]:
    return article.photos.order_by("order", "pk")


def categories() -> QuerySet[Category]:
    return Category.objects.order_by("order", "name")


def categories_with_articles() -> QuerySet[Category]:
    """Categories that have at least one published article, for the portal's section menu."""
    return (
        Category.objects.annotate(
            published_count=Count("articles", filter=Q(articles__state=ArticleState.PUBLISHED))
        )
        .filter(published_count__gt=0)
        .order_by("order", "name")
    )


def draft_count(user: Any) -> int:
    """How many drafts of the user's unit wait to be published (the editor's work queue)."""
    if not is_unit_editor(user):
        return 0
    return Article.objects.filter(author_unit_id=user.unit_id, state=ArticleState.DRAFT).count()
