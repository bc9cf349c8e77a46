"""Movements and their launching documents (Phòng TĐKT writes, everyone concerned reads)."""

from __future__ import annotations

import datetime
import pathlib
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from tdkt import vn
from tdkt.core.audit import log_action, snapshot
from tdkt.core.uploads import check_document
from tdkt.emulation.enums import (
    Action,
    MovementKind,
)
from tdkt.emulation.models import (
    Movement,
    MovementDocument,
)
from tdkt.emulation.services._common import (
    acting_user,
    check_year,
    require_perm,
)
from tdkt.org.models import EmulationBlock, Unit


def _movement_fields(
    *,
    name: str,
    kind: str,
    year: int,
    description: str,
    start_date: datetime.date | None,
    end_date: datetime.date | None,
    province_wide: bool,
    units: Sequence[Unit],
    blocks: Sequence[EmulationBlock],
) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    name = vn.clean(name or "")
    if not name:
        errors.setdefault("name", []).append(_("Cần nhập tên phong trào."))
    if kind not in MovementKind.values:
        errors.setdefault("kind", []).append(_("Loại phong trào không hợp lệ."))
    try:
        check_year(year)
    except ValidationError as exc:
        errors.setdefault("year", []).extend(exc.messages)
    if kind == MovementKind.THEMATIC and (start_date is None or end_date is None):
        errors.setdefault("start_date", []).append(
            _("Phong trào theo chuyên đề cần có ngày bắt đầu và ngày kết thúc.")
        )
    if start_date and end_date and end_date < start_date:
        errors.setdefault("end_date", []).append(_("Ngày kết thúc phải sau ngày bắt đầu."))
    if not province_wide and not units and not blocks:
        errors.setdefault("units", []).append(
            _("Chọn phạm vi áp dụng: toàn tỉnh, hoặc các đơn vị, khối, cụm thực hiện phong trào.")
        )
    if errors:
        raise ValidationError(errors)
    return {
        "name": name,
        "kind": kind,
        "year": year,
        "description": vn.clean(description or ""),
        "start_date": start_date,
        "end_date": end_date,
        "province_wide": province_wide,
    }


def _movement_state(movement: Movement) -> dict[str, Any]:
    state = snapshot(
        movement, ["name", "kind", "year", "description", "start_date", "end_date", "province_wide"]
    )
    state["units"] = sorted(movement.units.values_list("pk", flat=True))
    state["blocks"] = sorted(movement.blocks.values_list("pk", flat=True))
    return state


@transaction.atomic
def create_movement(
    actor: Any,
    *,
    name: str,
    kind: str,
    year: int,
    description: str = "",
    start_date: datetime.date | None = None,
    end_date: datetime.date | None = None,
    province_wide: bool = False,
    units: Sequence[Unit] = (),
    blocks: Sequence[EmulationBlock] = (),
) -> Movement:
    """Publish a movement (Phòng TĐKT): regular (yearly) or thematic (with dates), for the whole province or for
    chosen units and blocks."""
    require_perm(actor, "emulation.add_movement")
    fields = _movement_fields(
        name=name,
        kind=kind,
        year=year,
        description=description,
        start_date=start_date,
        end_date=end_date,
        province_wide=province_wide,
        units=units,
        blocks=blocks,
    )
    movement = Movement(**fields, created_by=acting_user(actor))
    movement.save()
    movement.units.set(units)
    movement.blocks.set(blocks)
    log_action(actor, Action.MOVEMENT_CREATED, movement, after=_movement_state(movement))
    return movement


@transaction.atomic
def update_movement(
    actor: Any,
    movement: Movement,
    *,
    name: str,
    kind: str,
    year: int,
    description: str = "",
    start_date: datetime.date | None = None,
    end_date: datetime.date | None = None,
    province_wide: bool = False,
    units: Sequence[Unit] = (),
    blocks: Sequence[EmulationBlock] = (),
) -> Movement:
    """Change a movement's name, kind, dates, content or scope (Phòng TĐKT)."""
    require_perm(actor, "emulation.change_movement", movement)
    fields = _movement_fields(
        name=name,
        kind=kind,
        year=year,
        description=description,
        start_date=start_date,
        end_date=end_date,
        province_wide=province_wide,
        units=units,
        blocks=blocks,
    )
    before = _movement_state(movement)
    for attribute, value in fields.items():
        setattr(movement, attribute, value)
    movement.save()
    movement.units.set(units)
    movement.blocks.set(blocks)
    log_action(actor, Action.MOVEMENT_UPDATED, movement, before=before, after=_movement_state(movement))
    return movement


@transaction.atomic
def add_movement_document(
    actor: Any, movement: Movement, *, title: str, upload: UploadedFile
) -> MovementDocument:
    """Attach a launching document (PDF, Word, ODT or a scanned image, within the size limit) to a movement."""
    require_perm(actor, "emulation.add_movementdocument", movement)
    original_name = check_document(upload)
    title = vn.clean(title or "") or vn.clean(pathlib.Path(original_name).stem)
    if len(title) > 255:
        raise ValidationError({"title": _("Tên văn bản dài quá 255 ký tự.")})
    document = MovementDocument(
        movement=movement,
        title=title,
        original_name=original_name[:255],
        size=upload.size or 0,
        uploaded_by=acting_user(actor),
    )
    document.file.save(original_name, upload, save=False)
    try:
        document.save()
        log_action(
            actor,
            Action.MOVEMENT_DOCUMENT_ADDED,
            movement,
            summary=title,
            after={"document": document.pk, "title": title, "file": original_name, "size": document.size},
        )
    except Exception:
        # The row is not written: do not leave its file behind.
        document.file.storage.delete(document.file.name)
        raise
    return document


@transaction.atomic
def remove_movement_document(actor: Any, document: MovementDocument) -> None:
    """Remove a launching document; the file is deleted once the removal is committed."""
    require_perm(actor, "emulation.delete_movementdocument", document)
    movement = document.movement
    title = document.title
    before = {"document": document.pk, "title": title, "file": document.original_name}
    name = document.file.name
    storage = document.file.storage
    document.delete()
    transaction.on_commit(lambda: storage.delete(name))
    log_action(actor, Action.MOVEMENT_DOCUMENT_REMOVED, movement, summary=title, before=before)
