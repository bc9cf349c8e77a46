"""What the portal asks of each editor: drafts of their unit that wait to be published."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from tdkt.core.worklist import WorkItem, register
from tdkt.portal.enums import ArticleState
from tdkt.portal.queries import draft_count


@register
def article_drafts(user: Any) -> Iterator[WorkItem]:
    """Unit officers and leaders: drafts of their unit (including those prepared for them from a conference)."""
    count = draft_count(user)
    if count:
        yield WorkItem(
            title=_("Bài viết nháp chờ đăng"),
            detail=_("%(count)s bài viết của đơn vị đang là bản nháp, chưa đăng lên cổng thông tin.")
            % {"count": count},
            url=reverse("portal:manage") + f"?trang-thai={ArticleState.DRAFT}",
            count=count,
            category="portal",
        )
