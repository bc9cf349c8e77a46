"""Helpers shared by the scoring services: the permission check, the moment of a transition, the acting user,
the round re-read under a lock, the people to tell."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt import vn
from tdkt.accounts.models import User
from tdkt.core.enums import Role
from tdkt.scoring.enums import RoundState
from tdkt.scoring.models import ScoringRound


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


def locked_round(scoring_round: ScoringRound) -> ScoringRound:
    """The round re-read under a row lock: transitions and sheet writes of one round take turns, so a sheet is
    never submitted into a round that is being closed."""
    return (
        ScoringRound.objects.select_for_update(of=("self",))
        .select_related("pledge__block", "pledge__table", "table_version")
        .get(pk=scoring_round.pk)
    )


def phase_error(scoring_round: ScoringRound) -> ValidationError:
    """Why nothing can be done to the round's sheets now."""
    messages = {
        RoundState.DRAFT: _("Đợt chấm điểm còn là dự thảo: chưa mở tự chấm điểm."),
        RoundState.SELF_SCORING: _("Đợt chấm điểm đang ở giai đoạn tự chấm điểm."),
        RoundState.CROSS_SCORING: _("Đợt chấm điểm đang ở giai đoạn chấm chéo: phiếu tự chấm đã khóa."),
        RoundState.CLOSED: _("Đợt chấm điểm đã kết thúc: mọi phiếu đã khóa."),
    }
    return ValidationError(messages[RoundState(scoring_round.state)])


def past_deadline(deadline: datetime.date, when: datetime.datetime) -> bool:
    return timezone.localdate(when) > deadline


def deadline_text(deadline: datetime.date) -> str:
    return vn.short_date(deadline)


def unit_people(unit_ids: Iterable[int]) -> Any:
    """Active accounts acting for the given units (their emulation officers and leaders)."""
    return User.objects.filter(
        unit_id__in=list(unit_ids), role__in=[Role.UNIT_OFFICER, Role.UNIT_LEADER], is_active=True
    )


def person_accounts(person_ids: Iterable[int]) -> Any:
    return User.objects.filter(person_id__in=list(person_ids), is_active=True)


def clean_text(value: str | None) -> str:
    """A multi-line text: NFC, trailing spaces and outer blank lines removed, line breaks kept."""
    lines = [vn.nfc(line).rstrip() for line in (value or "").replace("\r\n", "\n").split("\n")]
    return "\n".join(lines).strip("\n").strip()
