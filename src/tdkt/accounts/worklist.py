"""Pending account work for Phòng TĐKT."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _

from tdkt.accounts.models import User
from tdkt.core.enums import Role
from tdkt.core.rules import is_system_admin
from tdkt.core.worklist import WorkItem, register
from tdkt.org.models import Unit
from tdkt.org.queries import current_year


@register
def units_without_officer_account(user: Any) -> Iterator[WorkItem]:
    """Every member unit of a block or cluster needs an emulation officer who can sign in."""
    if not is_system_admin(user):
        return
    year = current_year()
    without_account = (
        Unit.objects.filter(is_active=True, memberships__year=year)
        .exclude(Exists(User.objects.filter(unit=OuterRef("pk"), role=Role.UNIT_OFFICER, is_active=True)))
        .distinct()
        .count()
    )
    if without_account:
        yield WorkItem(
            title=_("Cấp tài khoản cán bộ TĐKT"),
            detail=_("%(count)s đơn vị thành viên khối, cụm năm %(year)s chưa có tài khoản cán bộ TĐKT.")
            % {"count": without_account, "year": year},
            url=reverse("admin:accounts_user_changelist"),
            count=without_account,
            category="setup",
        )
