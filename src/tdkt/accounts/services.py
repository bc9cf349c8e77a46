"""Account writes: creating an account is audited and checked like any other change."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tdkt.accounts.models import User
from tdkt.core.audit import log_action
from tdkt.core.enums import AuditAction, Role
from tdkt.org.models import Person, Unit


@transaction.atomic
def create_account(
    actor: Any,
    *,
    username: str,
    password: str,
    role: str,
    unit: Unit | None = None,
    person: Person | None = None,
    email: str = "",
) -> User:
    """Create a user for a person of a unit. Only Phòng TĐKT (or the system, for the demo) creates accounts."""
    if not actor.has_perm("accounts.add_user"):
        raise PermissionDenied(_("Bạn không có quyền tạo tài khoản."))
    if role not in Role.values:
        raise ValidationError({"role": _("Vai trò không hợp lệ.")})
    if role != Role.SYSTEM_ADMIN and unit is None:
        raise ValidationError({"unit": _("Tài khoản cần gắn với một đơn vị.")})
    if User.objects.filter(username=username).exists():
        raise ValidationError({"username": _("Tên đăng nhập đã có.")})
    user = User(username=username, role=role, unit=unit, person=person, email=email)
    if person is not None:
        user.first_name, user.last_name = (
            person.given_name,
            f"{person.family_name} {person.middle_name}".strip(),
        )
    user.is_staff = role == Role.SYSTEM_ADMIN
    user.set_password(password)
    user.full_clean()
    user.save()
    log_action(actor, AuditAction.ACCOUNT_CREATED, user, after={"username": username, "role": role})
    return user
