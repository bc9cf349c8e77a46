"""Role predicates shared by every app (django-rules). Small, composable, no queries unless needed."""

from __future__ import annotations

from typing import Any

import rules

from tdkt.core.enums import Role


def _role(user: Any) -> str | None:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    return str(user.role)


@rules.predicate
def is_system_admin(user: Any) -> bool:
    return _role(user) == Role.SYSTEM_ADMIN or bool(getattr(user, "is_superuser", False) and user.is_active)


@rules.predicate
def is_unit_officer(user: Any) -> bool:
    return _role(user) == Role.UNIT_OFFICER


@rules.predicate
def is_unit_leader(user: Any) -> bool:
    return _role(user) == Role.UNIT_LEADER


@rules.predicate
def is_council_member(user: Any) -> bool:
    return _role(user) == Role.COUNCIL_MEMBER


@rules.predicate
def is_signed_in(user: Any) -> bool:
    return _role(user) is not None


@rules.predicate
def has_unit(user: Any) -> bool:
    return _role(user) is not None and user.unit_id is not None
