"""Registrations of target titles: the officer drafts and submits, the unit's leader approves or returns."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tdkt import vn
from tdkt.core.audit import log_action, snapshot
from tdkt.core.enums import Role
from tdkt.core.notify import notify
from tdkt.emulation.enums import (
    Action,
    CollectiveTitle,
    IndividualTitle,
    RegistrationStatus,
)
from tdkt.emulation.models import (
    Registration,
    RegistrationEntry,
    RegistrationPeriod,
)
from tdkt.emulation.services._common import (
    acting_user,
    check_year,
    moment,
    require_perm,
    unit_people,
)
from tdkt.org.models import Person, Unit


@transaction.atomic
def set_registration_period(
    actor: Any, *, year: int, deadline: datetime.date, note: str = ""
) -> RegistrationPeriod:
    """Set (or move) the deadline for the year's registrations (Phòng TĐKT)."""
    require_perm(actor, "emulation.add_registrationperiod")
    check_year(year)
    if not year - 1 <= deadline.year <= year:
        raise ValidationError(
            {"deadline": _("Hạn đăng ký phải trong năm %(year)s (hoặc cuối năm trước).") % {"year": year}}
        )
    period = RegistrationPeriod.objects.filter(year=year).first()
    before = snapshot(period) if period is not None else None
    if period is None:
        period = RegistrationPeriod(year=year)
    period.deadline = deadline
    period.note = vn.clean(note or "")[:255]
    period.save()
    log_action(actor, Action.REGISTRATION_PERIOD_SET, period, before=before, after=snapshot(period))
    return period


PeopleInput = Mapping[Any, Iterable[str]] | Iterable[tuple[Any, Iterable[str]]]


def _clean_codes(codes: Iterable[str], choices: type[Any], label: str) -> list[str]:
    cleaned: list[str] = []
    for code in codes:
        if code not in choices.values:
            raise ValidationError(
                _("“%(code)s” không phải danh hiệu %(label)s trong danh mục.")
                % {"code": code, "label": label}
            )
        if code not in cleaned:
            cleaned.append(code)
    return cleaned


def _clean_people(unit: Unit, people: PeopleInput) -> list[tuple[Person, list[str]]]:
    pairs = list(people.items()) if isinstance(people, Mapping) else list(people)
    wanted: dict[int, list[str]] = {}
    for person, titles in pairs:
        pk = person.pk if isinstance(person, Person) else person
        if not isinstance(pk, int) or isinstance(pk, bool):
            raise ValidationError(_("Mã cá nhân “%(value)s” không hợp lệ.") % {"value": person})
        codes = _clean_codes(titles, IndividualTitle, _("cá nhân"))
        wanted.setdefault(pk, [])
        wanted[pk] += [code for code in codes if code not in wanted[pk]]
    found = {
        person.pk: person for person in Person.objects.filter(pk__in=list(wanted), unit=unit, is_active=True)
    }
    missing = [pk for pk in wanted if pk not in found]
    if missing:
        raise ValidationError(
            _("Cá nhân (mã %(ids)s) không có trong danh sách cán bộ đang công tác của %(unit)s.")
            % {"ids": ", ".join(str(pk) for pk in missing), "unit": unit.display_name}
        )
    without = [found[pk].full_name for pk, codes in wanted.items() if not codes]
    if without:
        raise ValidationError(
            _("Chưa chọn danh hiệu đăng ký cho: %(names)s.")
            % {"names": ", ".join(vn.collate_sorted(without))}
        )
    return [(found[pk], codes) for pk, codes in wanted.items()]


def _registration_state(registration: Registration) -> dict[str, Any]:
    collective: list[str] = []
    people: dict[str, list[str]] = {}
    for person_id, title in registration.entries.order_by("pk").values_list("person_id", "title"):
        if person_id is None:
            collective.append(title)
        else:
            people.setdefault(str(person_id), []).append(title)
    return {
        **snapshot(registration, ["status", "note", "return_reason"]),
        "collective": collective,
        "people": people,
    }


def _write_entries(
    registration: Registration, collective: list[str], people: list[tuple[Person, list[str]]]
) -> None:
    registration.entries.all().delete()
    RegistrationEntry.objects.bulk_create(
        [RegistrationEntry(registration=registration, person=None, title=code) for code in collective]
        + [
            RegistrationEntry(registration=registration, person=person, title=code)
            for person, codes in people
            for code in codes
        ]
    )


@transaction.atomic
def create_registration(
    actor: Any,
    *,
    unit: Unit,
    year: int,
    collective_titles: Iterable[str] = (),
    people: PeopleInput = (),
    note: str = "",
) -> Registration:
    """Draft a unit's registration for a year (its emulation officer): the unit's target titles and, for people
    of its staff list, each one's target titles. ``people`` maps a person (or id) to title codes."""
    require_perm(
        actor,
        "emulation.add_registration",
        Registration(unit=unit, year=year),
        _("Chỉ cán bộ thi đua của đơn vị lập đăng ký thi đua của đơn vị mình."),
    )
    check_year(year)
    collective = _clean_codes(collective_titles, CollectiveTitle, _("tập thể"))
    chosen = _clean_people(unit, people)
    if Registration.objects.filter(unit=unit, year=year).exists():
        raise ValidationError(
            _("%(unit)s đã có đăng ký thi đua năm %(year)s.") % {"unit": unit.display_name, "year": year}
        )
    registration = Registration(
        unit=unit, year=year, note=vn.clean(note or ""), created_by=acting_user(actor)
    )
    registration.save()
    _write_entries(registration, collective, chosen)
    log_action(actor, Action.REGISTRATION_CREATED, registration, after=_registration_state(registration))
    return registration


def _require_editable(registration: Registration) -> None:
    if not registration.is_editable:
        raise ValidationError(
            _("Đăng ký đang ở trạng thái “%(status)s”: không sửa hay trình lại được.")
            % {"status": registration.get_status_display()}
        )


def _locked_registration(registration: Registration) -> Registration:
    Registration.objects.select_for_update().filter(pk=registration.pk).values_list("pk", flat=True).first()
    registration.refresh_from_db()
    return registration


@transaction.atomic
def update_registration(
    actor: Any,
    registration: Registration,
    *,
    collective_titles: Iterable[str],
    people: PeopleInput,
    note: str | None = None,
) -> Registration:
    """Replace the titles of a draft (or returned) registration (the unit's emulation officer)."""
    require_perm(
        actor,
        "emulation.draft_registration",
        registration,
        _("Chỉ cán bộ thi đua của đơn vị sửa đăng ký thi đua của đơn vị mình."),
    )
    registration = _locked_registration(registration)
    _require_editable(registration)
    collective = _clean_codes(collective_titles, CollectiveTitle, _("tập thể"))
    chosen = _clean_people(registration.unit, people)
    before = _registration_state(registration)
    if note is not None:
        registration.note = vn.clean(note)
    registration.save()
    _write_entries(registration, collective, chosen)
    log_action(
        actor,
        Action.REGISTRATION_UPDATED,
        registration,
        before=before,
        after=_registration_state(registration),
    )
    return registration


@transaction.atomic
def submit_registration(
    actor: Any, registration: Registration, *, at: datetime.datetime | None = None
) -> Registration:
    """Send the registration to the unit's leader for approval (the unit's emulation officer)."""
    require_perm(
        actor,
        "emulation.draft_registration",
        registration,
        _("Chỉ cán bộ thi đua của đơn vị trình đăng ký thi đua của đơn vị mình."),
    )
    when = moment(actor, at)
    registration = _locked_registration(registration)
    _require_editable(registration)
    if not registration.entries.exists():
        raise ValidationError(
            _("Đăng ký chưa có danh hiệu nào: chọn danh hiệu cho tập thể hoặc cá nhân trước khi trình.")
        )
    before = snapshot(registration, ["status", "submitted_at", "return_reason"])
    registration.status = RegistrationStatus.SUBMITTED
    registration.submitted_at = when
    registration.submitted_by = acting_user(actor)
    registration.save()
    log_action(
        actor,
        Action.REGISTRATION_SUBMITTED,
        registration,
        before=before,
        after=snapshot(registration, ["status", "submitted_at", "return_reason"]),
    )
    notify(
        unit_people([registration.unit_id], roles=[Role.UNIT_LEADER]),
        title=_("Đăng ký thi đua năm %(year)s chờ duyệt") % {"year": registration.year},
        body=_("Cán bộ thi đua đã trình đăng ký thi đua của đơn vị."),
        url=registration.get_absolute_url(),
    )
    return registration


def _decide(actor: Any, registration: Registration, message: str) -> Registration:
    require_perm(actor, "emulation.decide_registration", registration, message)
    registration = _locked_registration(registration)
    if registration.status != RegistrationStatus.SUBMITTED:
        raise ValidationError(
            _("Chỉ duyệt hoặc trả lại đăng ký đang chờ duyệt (hiện: “%(status)s”).")
            % {"status": registration.get_status_display()}
        )
    return registration


@transaction.atomic
def approve_registration(
    actor: Any, registration: Registration, *, at: datetime.datetime | None = None
) -> Registration:
    """The unit's leader approves its submitted registration; the block head and Phòng TĐKT see it."""
    registration = _decide(
        actor, registration, _("Chỉ lãnh đạo đơn vị duyệt đăng ký thi đua của đơn vị mình.")
    )
    when = moment(actor, at)
    before = snapshot(registration, ["status", "decided_at"])
    registration.status = RegistrationStatus.APPROVED
    registration.decided_at = when
    registration.decided_by = acting_user(actor)
    registration.return_reason = ""
    registration.save()
    log_action(
        actor,
        Action.REGISTRATION_APPROVED,
        registration,
        before=before,
        after=snapshot(registration, ["status", "decided_at"]),
    )
    notify(
        unit_people([registration.unit_id], roles=[Role.UNIT_OFFICER]),
        title=_("Đăng ký thi đua năm %(year)s đã được duyệt") % {"year": registration.year},
        url=registration.get_absolute_url(),
    )
    return registration


@transaction.atomic
def return_registration(
    actor: Any, registration: Registration, *, reason: str, at: datetime.datetime | None = None
) -> Registration:
    """The unit's leader sends the submitted registration back, with the reason; the officer amends and
    submits it again."""
    registration = _decide(
        actor, registration, _("Chỉ lãnh đạo đơn vị trả lại đăng ký thi đua của đơn vị mình.")
    )
    reason = vn.clean(reason or "")
    if not reason:
        raise ValidationError({"reason": _("Cần ghi lý do trả lại để cán bộ thi đua biết phải sửa gì.")})
    when = moment(actor, at)
    before = snapshot(registration, ["status", "decided_at", "return_reason"])
    registration.status = RegistrationStatus.RETURNED
    registration.decided_at = when
    registration.decided_by = acting_user(actor)
    registration.return_reason = reason
    registration.save()
    log_action(
        actor,
        Action.REGISTRATION_RETURNED,
        registration,
        summary=reason[:500],
        before=before,
        after=snapshot(registration, ["status", "decided_at", "return_reason"]),
    )
    notify(
        unit_people([registration.unit_id], roles=[Role.UNIT_OFFICER]),
        title=_("Đăng ký thi đua năm %(year)s bị trả lại") % {"year": registration.year},
        body=reason,
        url=registration.get_absolute_url(),
    )
    return registration
