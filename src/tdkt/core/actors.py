"""The system itself as an actor, for loaders and scheduled jobs that act with full rights.

Services take an ``actor`` and ask it ``has_perm``; the system answers yes, is not a signed-in user, and is
logged as "hệ thống" in the audit log.
"""

from __future__ import annotations

from typing import Any


class SystemActor:
    is_authenticated = False
    is_active = True
    is_superuser = True
    role = "system"
    unit_id = None
    person_id = None
    pk = None

    def has_perm(self, perm: str, obj: Any = None) -> bool:
        return True

    def get_username(self) -> str:
        return "hệ thống"

    def __str__(self) -> str:
        return "hệ thống"


SYSTEM = SystemActor()
