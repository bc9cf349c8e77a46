"""Writes of the organisation. Each function: check permission, validate, write in one transaction, audit."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tdkt import vn
from tdkt.core.audit import log_action, snapshot
from tdkt.core.enums import AuditAction
from tdkt.org.enums import Gender, MembershipRole, PositionLevel
from tdkt.org.models import (
    BlockFollowUp,
    BlockMembership,
    CouncilMember,
    EmulationBlock,
    Person,
    Position,
    Unit,
)


def _require(actor: Any, perm: str, obj: Any = None) -> None:
    if not actor.has_perm(perm, obj):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))


def _validate_person_fields(full_name: str, gender: str, date_of_birth: datetime.date | None) -> str:
    name = vn.clean(full_name)
    if len(name.split()) < 2:
        raise ValidationError({"full_name": _("Họ và tên cần có ít nhất họ và tên.")})
    if gender not in Gender.values:
        raise ValidationError({"gender": _("Giới tính không hợp lệ.")})
    if date_of_birth is not None and not (
        datetime.date(1900, 1, 1) <= date_of_birth <= datetime.date.today()
    ):
        raise ValidationError({"date_of_birth": _("Ngày sinh không hợp lệ.")})
    return name


@transaction.atomic
def create_person(
    actor: Any,
    *,
    unit: Unit,
    full_name: str,
    gender: str,
    date_of_birth: datetime.date | None = None,
    email: str = "",
) -> Person:
    """Add a person to a unit's staff list. Unit officers add only to their own unit."""
    probe = Person(unit=unit)
    _require(actor, "org.add_person")
    _require(actor, "org.change_person", probe)
    name = _validate_person_fields(full_name, gender, date_of_birth)
    person = Person(unit=unit, full_name=name, gender=gender, date_of_birth=date_of_birth, email=email)
    person.full_clean()
    person.save()
    log_action(actor, AuditAction.CREATE, person, after=snapshot(person))
    return person


@transaction.atomic
def update_person(actor: Any, person: Person, **changes: Any) -> Person:
    """Change a person's name, gender, birth date, e-mail or active flag."""
    allowed = {"full_name", "gender", "date_of_birth", "email", "is_active"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError(
            _("Không sửa được các trường: %(fields)s") % {"fields": ", ".join(sorted(unknown))}
        )
    _require(actor, "org.change_person", person)
    before = snapshot(person)
    for field, value in changes.items():
        setattr(person, field, value)
    person.full_name = _validate_person_fields(person.full_name, person.gender, person.date_of_birth)
    person.full_clean()
    person.save()
    log_action(actor, AuditAction.UPDATE, person, before=before, after=snapshot(person))
    return person


@transaction.atomic
def appoint(
    actor: Any,
    person: Person,
    *,
    title: str,
    level: str = PositionLevel.STAFF,
    start_date: datetime.date,
    handles_emulation: bool = False,
    unit: Unit | None = None,
) -> Position:
    """Record a position held by a person from a date; the person's open position in the same unit ends the day
    before, so that the history stays a sequence of dated facts."""
    unit = unit or person.unit
    position = Position(
        person=person,
        unit=unit,
        title=vn.clean(title),
        level=level,
        start_date=start_date,
        handles_emulation=handles_emulation,
    )
    _require(actor, "org.change_person", person)
    _require(actor, "org.change_position", position)
    position.full_clean()
    for open_position in Position.objects.select_for_update().filter(
        person=person, unit=unit, end_date__isnull=True, start_date__lt=start_date
    ):
        open_position.end_date = start_date - datetime.timedelta(days=1)
        open_position.save(update_fields=["end_date", "updated_at"])
    position.save()
    log_action(actor, AuditAction.POSITION_SET, person, summary=str(position), after=snapshot(position))
    return position


@transaction.atomic
def set_membership(
    actor: Any, *, block: EmulationBlock, unit: Unit, year: int, role: str = MembershipRole.MEMBER
) -> BlockMembership:
    """Make a unit a member (or the head or deputy) of a block for a year.

    A unit belongs to at most one block and one cluster per year, and each block has one head and one deputy.
    """
    _require(actor, "org.add_blockmembership")
    if role not in MembershipRole.values:
        raise ValidationError({"role": _("Vai trò không hợp lệ.")})
    elsewhere = (
        BlockMembership.objects.filter(unit=unit, year=year, block__kind=block.kind)
        .exclude(block=block)
        .first()
    )
    if elsewhere is not None:
        raise ValidationError(
            _("%(unit)s đã là thành viên %(block)s năm %(year)s.")
            % {"unit": unit.display_name, "block": elsewhere.block.name, "year": year}
        )
    if role != MembershipRole.MEMBER:
        taken = BlockMembership.objects.filter(block=block, year=year, role=role).exclude(unit=unit).first()
        if taken is not None:
            raise ValidationError(
                _("Năm %(year)s, %(block)s đã có %(role)s là %(unit)s.")
                % {
                    "year": year,
                    "block": block.name,
                    "role": MembershipRole(role).label,
                    "unit": taken.unit.display_name,
                }
            )
    membership, created = BlockMembership.objects.update_or_create(
        block=block, unit=unit, year=year, defaults={"role": role}
    )
    log_action(
        actor,
        AuditAction.MEMBERSHIP_SET,
        membership,
        summary=str(membership),
        after={"block": block.pk, "unit": unit.pk, "year": year, "role": role, "created": created},
    )
    return membership


@transaction.atomic
def assign_followup(
    actor: Any, *, block: EmulationBlock, council_member: CouncilMember, year: int
) -> BlockFollowUp:
    """Name the council member who follows a block in a year (one per block and year)."""
    _require(actor, "org.add_blockfollowup")
    council = council_member.council
    if council.start_date.year > year or (council.end_date is not None and council.end_date.year < year):
        raise ValidationError(
            _("Nhiệm kỳ %(term)s của Hội đồng không bao gồm năm %(year)s.")
            % {"term": council.term, "year": year}
        )
    followup, _created = BlockFollowUp.objects.update_or_create(
        block=block, year=year, defaults={"council_member": council_member}
    )
    log_action(actor, AuditAction.FOLLOWUP_SET, followup, summary=str(followup))
    return followup
