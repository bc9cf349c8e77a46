"""Generic writes of catalogue rows (used by the admin): check, save, audit — in one transaction."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models, transaction

from tdkt.core.audit import log_action, snapshot
from tdkt.core.enums import AuditAction


def _perm(obj: models.Model, verb: str) -> str:
    return f"{obj._meta.app_label}.{verb}_{obj._meta.model_name}"


@transaction.atomic
def save_record(
    actor: Any, obj: models.Model, *, created: bool, before: dict[str, Any] | None = None
) -> None:
    """Save a catalogue row edited through the admin, with the permission check and the audit entry."""
    perm = _perm(obj, "add" if created else "change")
    if not actor.has_perm(perm, None if created else obj):
        raise PermissionDenied(perm)
    obj.full_clean()
    obj.save()
    log_action(
        actor,
        AuditAction.CREATE if created else AuditAction.UPDATE,
        obj,
        before=before,
        after=snapshot(obj),
    )


@transaction.atomic
def delete_record(actor: Any, obj: models.Model) -> None:
    """Delete a catalogue row through the admin, audited with its last state."""
    if not actor.has_perm(_perm(obj, "delete"), obj):
        raise PermissionDenied(_perm(obj, "delete"))
    before = snapshot(obj)
    log_action(actor, AuditAction.DELETE, obj, before=before)
    obj.delete()
