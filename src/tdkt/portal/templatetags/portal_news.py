"""Template tags other apps' pages use to show the portal's news about their objects (the meeting page lists
the article drafted from it), so that those apps need not import the portal."""

from __future__ import annotations

from typing import Any

from django import template

from tdkt.portal.models import Article
from tdkt.portal.queries import articles_for_user, editable_articles_for_user

register = template.Library()


@register.simple_tag(takes_context=True)
def meeting_articles(context: dict[str, Any], meeting: Any) -> list[tuple[Article, bool]]:
    """The articles about ``meeting`` the user may read, each with whether the user may edit it."""
    user = context["request"].user
    found = list(articles_for_user(user).filter(meeting=meeting).order_by("pk"))
    editable = set(
        editable_articles_for_user(user).filter(pk__in=[a.pk for a in found]).values_list("pk", flat=True)
    )
    return [(article, article.pk in editable) for article in found]
