"""Helpers shared by the awards services: permission check, acting user, text and year checks, who to tell."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt import vn
from tdkt.core.enums import Role

MIN_YEAR, MAX_YEAR = 1990, 2100


def require(actor: Any, perm: str, obj: Any = None, message: str | None = None) -> None:
    if not actor.has_perm(perm, obj):
        raise PermissionDenied(message or _("Bạn không có quyền thực hiện thao tác này."))


def acting_user(actor: Any) -> Any:
    """The signed-in user behind an action (None for the system's loader)."""
    return actor if getattr(actor, "is_authenticated", False) else None


def check_year(year: Any, field: str = "year") -> int:
    if not isinstance(year, int) or isinstance(year, bool) or not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationError({field: _("Năm không hợp lệ.")})
    return year


def today() -> datetime.date:
    return timezone.localdate()


def moment(actor: Any, at: datetime.datetime | None) -> datetime.datetime:
    """Now, or a past moment given by the system's loader (a signed-in user cannot backdate anything)."""
    if at is None:
        return timezone.now()
    if getattr(actor, "is_authenticated", False):
        raise PermissionDenied(_("Chỉ trình nạp dữ liệu của hệ thống được ghi thời điểm khác hiện tại."))
    return at


def text(value: str | None, field: str, label: str, max_length: int, *, required: bool = False) -> str:
    cleaned = vn.clean(value or "")
    if required and not cleaned:
        raise ValidationError({field: _("Cần nhập %(label)s.") % {"label": label}})
    if len(cleaned) > max_length:
        raise ValidationError(
            {
                field: _("%(label)s dài tối đa %(max)s ký tự.")
                % {"label": label.capitalize(), "max": max_length}
            }
        )
    return cleaned


def body(value: str | None) -> str:
    """A multi-line text: NFC, trailing spaces and outer blank lines removed, line breaks kept."""
    lines = [vn.nfc(line).rstrip() for line in (value or "").replace("\r\n", "\n").split("\n")]
    return "\n".join(lines).strip("\n")


def unit_staff(unit_ids: Iterable[int | None]) -> list[Any]:
    """The active officers and leaders acting for the given units."""
    ids = [pk for pk in unit_ids if pk is not None]
    if not ids:
        return []
    return list(
        get_user_model().objects.filter(
            unit_id__in=ids, role__in=[Role.UNIT_OFFICER, Role.UNIT_LEADER], is_active=True
        )
    )


def standing_office() -> list[Any]:
    """Phòng TĐKT: the system administrators."""
    return list(get_user_model().objects.filter(Q(role=Role.SYSTEM_ADMIN), is_active=True))


def users_of_people(person_ids: Iterable[int | None]) -> list[Any]:
    ids = [pk for pk in person_ids if pk is not None]
    if not ids:
        return []
    return list(get_user_model().objects.filter(person_id__in=ids, is_active=True))
