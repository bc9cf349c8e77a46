"""Navigation by role, computed once per request from predicates (one query: the unread notices)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from tdkt.core.notify import unread_count
from tdkt.core.rules import is_system_admin


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    if not user.is_authenticated:
        return {"nav_items": [(_("Tin tức"), reverse("portal:index"))]}
    items = [
        (_("Việc cần làm"), reverse("home")),
        (_("Phong trào"), reverse("emulation:movement_list")),
        (_("Giao ước"), reverse("emulation:pledge_list")),
        (_("Chấm điểm"), reverse("scoring:round_list")),
        (_("Báo cáo"), reverse("reports:index")),
        (_("Hội nghị"), reverse("meetings:list")),
        (_("Khen thưởng"), reverse("awards:proposal_list")),
        (_("Sổ khen thưởng"), reverse("awards:register")),
        (_("Bỏ phiếu"), reverse("ballots:list")),
        (_("Văn bản"), reverse("documents:index")),
        (pgettext("heading", "Đơn vị"), reverse("web:unit_list")),
        (_("Khối, cụm thi đua"), reverse("web:block_list")),
        (_("Hội đồng"), reverse("web:council")),
    ]
    if getattr(user, "unit_id", None):
        items.insert(3, (_("Đăng ký thi đua"), reverse("emulation:registration_mine")))
    if user.has_perm("portal.add_article"):
        items.append((_("Bài viết"), reverse("portal:manage")))
    if getattr(user, "unit_id", None):
        items.insert(1, (_("Đơn vị của tôi"), reverse("web:unit_detail", args=[user.unit_id])))
    unread = unread_count(user)
    items.insert(1, (_("Thông báo") + (f" ({unread})" if unread else ""), reverse("web:notices")))
    if is_system_admin(user):
        items.append((_("Bộ quy tắc"), reverse("awards:ruleset")))
        items.append((_("Quản trị"), reverse("admin:index")))
    items.append((_("Tin tức"), reverse("portal:index")))
    return {"nav_items": items}
