"""Helpers shared by the emulation services: the permission check, the moment of a transition, the acting
user, the year, the people to tell."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.accounts.models import User
from tdkt.core.enums import Role

MIN_YEAR, MAX_YEAR = 1990, 2100


def require_perm(actor: Any, perm: str, obj: Any = None, message: str | None = None) -> None:
    if not actor.has_perm(perm, obj):
        raise PermissionDenied(message or _("Bạn không có quyền thực hiện thao tác này."))


def moment(actor: Any, at: datetime.datetime | None) -> datetime.datetime:
    """Now, or a past moment given by the system's loader (a signed-in user cannot backdate anything)."""
    if at is None:
        return timezone.now()
    if getattr(actor, "is_authenticated", False):
        raise PermissionDenied(_("Chỉ trình nạp dữ liệu của hệ thống được ghi thời điểm khác hiện tại."))
    return at


def acting_user(actor: Any) -> User | None:
    return actor if isinstance(actor, User) and actor.is_authenticated else None


def check_year(year: Any) -> int:
    if not isinstance(year, int) or isinstance(year, bool) or not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationError({"year": _("Năm không hợp lệ.")})
    return year


def unit_people(unit_ids: Iterable[int], roles: Sequence[str] = (Role.UNIT_OFFICER, Role.UNIT_LEADER)) -> Any:
    """Active accounts acting for the given units (their emulation officers and leaders)."""
    return User.objects.filter(unit_id__in=list(unit_ids), role__in=list(roles), is_active=True)
