"""The one way to write the audit log (STYLE.md habit 6)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import models

from tdkt.core.enums import AuditAction
from tdkt.core.models import AuditEntry

SECRET_MARKERS = ("password", "secret", "token", "key")
MASK = "***"


def mask(values: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """Copy ``values`` with secrets replaced, so the log never stores a password or a token."""
    if values is None:
        return None
    return {
        name: MASK if any(marker in name.lower() for marker in SECRET_MARKERS) else value
        for name, value in values.items()
    }


def snapshot(instance: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """The JSON-able state of a model row, for ``before``/``after``."""
    data: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if fields is not None and field.name not in fields:
            continue
        value = field.value_from_object(instance)
        data[field.attname] = (
            value if isinstance(value, str | int | float | bool | type(None)) else str(value)
        )
    return data


def log_action(
    actor: Any,
    action: AuditAction | str,
    obj: models.Model | None = None,
    *,
    summary: str = "",
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
) -> AuditEntry:
    """Append one audit entry. Call it inside the service's transaction, after the write."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        actor=user,
        actor_label=(user.get_username() if user is not None else "hệ thống")[:200],
        action=str(action),
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        object_repr=str(obj)[:300] if obj is not None else "",
        summary=summary[:500],
        before=mask(before),
        after=mask(after),
    )
