"""What the emulation cycle waits for from each user: signatures, registrations and approvals, with due dates
taken from the rows (the pledge's signing deadline, the year's registration deadline)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from tdkt.core.enums import Role
from tdkt.core.worklist import WorkItem, register
from tdkt.emulation.enums import RegistrationStatus
from tdkt.emulation.models import RegistrationPeriod
from tdkt.emulation.queries import (
    pledges_awaiting_signature,
    pledges_headed_open,
    registration_deadline,
    registration_of_unit,
    registrations_awaiting_decision,
)
from tdkt.org.queries import current_year


def _acts_for_unit(user: Any) -> bool:
    return user.unit_id is not None and user.role in (Role.UNIT_OFFICER, Role.UNIT_LEADER)


@register
def pledges_to_sign(user: Any) -> Iterator[WorkItem]:
    """Officers and leaders: open pledges of their unit's blocks that the unit has not signed."""
    if not _acts_for_unit(user):
        return
    for pledge in pledges_awaiting_signature(user):
        yield WorkItem(
            title=_("Ký giao ước thi đua năm %(year)s") % {"year": pledge.year},
            detail=pledge.block.name,
            url=pledge.get_absolute_url(),
            due=pledge.signing_deadline,
            category="pledge",
        )


@register
def pledge_signing_progress(user: Any) -> Iterator[WorkItem]:
    """Block head (and deputy): how many member units have signed, while signing is open."""
    if not _acts_for_unit(user):
        return
    for pledge in pledges_headed_open(user):
        # member_count and signed_count are annotations of the query
        signed, total = pledge.signed_count, pledge.member_count  # type: ignore[attr-defined]
        missing = total - signed
        yield WorkItem(
            title=_("Giao ước: %(signed)s/%(total)s đơn vị đã ký") % {"signed": signed, "total": total},
            detail=_("%(block)s năm %(year)s — còn %(missing)s đơn vị chưa ký.")
            % {"block": pledge.block.name, "year": pledge.year, "missing": missing},
            url=pledge.get_absolute_url() + "#ky-ket",
            due=pledge.signing_deadline,
            count=missing or None,
            category="pledge",
        )


@register
def registrations_to_decide(user: Any) -> Iterator[WorkItem]:
    """Unit leaders: the unit's registrations waiting for approval."""
    if user.role != Role.UNIT_LEADER or user.unit_id is None:
        return
    waiting = list(registrations_awaiting_decision(user))
    if not waiting:
        return
    deadlines = dict(
        RegistrationPeriod.objects.filter(year__in={r.year for r in waiting}).values_list("year", "deadline")
    )
    for registration in waiting:
        yield WorkItem(
            title=_("Duyệt đăng ký thi đua"),
            detail=_("Đăng ký thi đua năm %(year)s của đơn vị đang chờ lãnh đạo duyệt.")
            % {"year": registration.year},
            url=registration.get_absolute_url(),
            due=deadlines.get(registration.year),
            category="registration",
        )


@register
def registration_to_submit(user: Any) -> Iterator[WorkItem]:
    """Unit officers: this year's registration, until it is submitted to the unit's leader."""
    if user.role != Role.UNIT_OFFICER or user.unit_id is None:
        return
    year = current_year()
    registration = registration_of_unit(user, year)
    if registration is not None and registration.status not in (
        RegistrationStatus.DRAFT,
        RegistrationStatus.RETURNED,
    ):
        return
    if registration is None:
        detail = _("Đơn vị chưa lập đăng ký thi đua của năm.")
        url = reverse("emulation:registration_mine") + f"?nam={year}"
    elif registration.status == RegistrationStatus.RETURNED:
        detail = _("Lãnh đạo đã trả lại: %(reason)s") % {"reason": registration.return_reason}
        url = registration.get_absolute_url()
    else:
        detail = _("Đăng ký đang soạn, chưa trình lãnh đạo duyệt.")
        url = registration.get_absolute_url()
    yield WorkItem(
        title=_("Đăng ký thi đua năm %(year)s") % {"year": year},
        detail=detail,
        url=url,
        due=registration_deadline(year),
        category="registration",
    )
