"""Pledges and their scoring tables: draft, versions, opening for signing, signatures, the lock."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt import vn
from tdkt.core.audit import log_action, snapshot
from tdkt.core.notify import notify
from tdkt.core.rules import is_system_admin
from tdkt.emulation import scoring
from tdkt.emulation.enums import (
    Action,
    AdjustmentKind,
    PledgeStatus,
)
from tdkt.emulation.models import (
    Criterion,
    Pledge,
    PledgeSignature,
    ScoringItem,
    ScoringTable,
    ScoringTableVersion,
)
from tdkt.emulation.queries import HEAD_ROLES, member_unit_ids, table_snapshot
from tdkt.emulation.services._common import (
    acting_user,
    check_year,
    moment,
    require_perm,
    unit_people,
)
from tdkt.org.models import BlockMembership, EmulationBlock, Unit


def _block_head_people(pledge: Pledge) -> Any:
    heads = BlockMembership.objects.filter(block_id=pledge.block_id, year=pledge.year, role__in=HEAD_ROLES)
    return unit_people(heads.values_list("unit_id", flat=True))


def _phase_error_pledge(pledge: Pledge) -> ValidationError:
    if pledge.status == PledgeStatus.SIGNED:
        return ValidationError(
            _("Giao ước đã ký kết và đã khóa: không ai được sửa hay thay đổi trạng thái nữa.")
        )
    if pledge.status == PledgeStatus.OPEN_FOR_SIGNING:
        return ValidationError(
            _(
                "Giao ước đang trong thời gian ký kết: không sửa được. Muốn sửa, Phòng TĐKT phải trả giao ước về "
                "dự thảo (chỉ khi chưa đơn vị nào ký)."
            )
        )
    return ValidationError(_("Giao ước còn là dự thảo: chưa mở ký kết."))


def _require_draft(pledge: Pledge) -> None:
    if pledge.status != PledgeStatus.DRAFT:
        raise _phase_error_pledge(pledge)


def _require_open(pledge: Pledge) -> None:
    if pledge.status != PledgeStatus.OPEN_FOR_SIGNING:
        raise _phase_error_pledge(pledge)


def _locked_pledge(pledge: Pledge) -> Pledge:
    """Lock the pledge's row and re-read it, so that two signatures, or a signature and a lock, serialise and
    every check sees the committed state."""
    Pledge.objects.select_for_update().filter(pk=pledge.pk).values_list("pk", flat=True).first()
    pledge.refresh_from_db()
    return pledge


def default_pledge_title(year: int) -> str:
    return _("Giao ước thi đua năm %(year)s") % {"year": year}


def _check_signing_deadline(deadline: datetime.date | None, year: int) -> None:
    # Pledges are signed at the start of the year (February–April), sometimes prepared in the December before.
    if deadline is not None and not year - 1 <= deadline.year <= year:
        raise ValidationError(
            {
                "signing_deadline": _("Hạn ký kết phải trong năm %(year)s (hoặc cuối năm %(previous)s).")
                % {"year": year, "previous": year - 1}
            }
        )


def _new_pledge(
    actor: Any,
    *,
    block: EmulationBlock,
    year: int,
    title: str,
    targets: str,
    signing_deadline: datetime.date | None,
    copied_from: Pledge | None = None,
) -> Pledge:
    require_perm(
        actor,
        "emulation.add_pledge",
        Pledge(block=block, year=year),
        _("Chỉ Khối trưởng (Khối phó) của Khối trong năm %(year)s hoặc Phòng TĐKT lập giao ước.")
        % {"year": year},
    )
    check_year(year)
    title = vn.clean(title or "") or default_pledge_title(year)
    if len(title) > 255:
        raise ValidationError({"title": _("Tên giao ước dài quá 255 ký tự.")})
    _check_signing_deadline(signing_deadline, year)
    if Pledge.objects.filter(block=block, year=year).exists():
        raise ValidationError(
            _("%(block)s đã có giao ước thi đua năm %(year)s.") % {"block": block.name, "year": year}
        )
    pledge = Pledge(
        block=block,
        year=year,
        title=title,
        targets=vn.clean(targets or ""),
        signing_deadline=signing_deadline,
        copied_from=copied_from,
        created_by=acting_user(actor),
    )
    pledge.save()
    ScoringTable.objects.create(pledge=pledge)
    return pledge


@transaction.atomic
def create_pledge(
    actor: Any,
    *,
    block: EmulationBlock,
    year: int,
    title: str = "",
    targets: str = "",
    signing_deadline: datetime.date | None = None,
) -> Pledge:
    """Start a block's pledge for a year, as a draft with an empty scoring table (block head or Phòng TĐKT)."""
    pledge = _new_pledge(
        actor, block=block, year=year, title=title, targets=targets, signing_deadline=signing_deadline
    )
    log_action(actor, Action.PLEDGE_CREATED, pledge, after=snapshot(pledge))
    return pledge


@transaction.atomic
def copy_pledge_from(
    actor: Any,
    previous_pledge: Pledge,
    year: int,
    *,
    signing_deadline: datetime.date | None = None,
    at: datetime.datetime | None = None,
) -> Pledge:
    """Start the block's pledge for ``year`` from an earlier one: its targets, its criteria tree and its bonus and
    penalty items and caps become version 1 of the new draft, to be amended."""
    when = moment(actor, at)
    if previous_pledge.year >= year:
        raise ValidationError(_("Chỉ sao chép từ giao ước của năm trước năm %(year)s.") % {"year": year})
    pledge = _new_pledge(
        actor,
        block=previous_pledge.block,
        year=year,
        title="",
        targets=previous_pledge.targets,
        signing_deadline=signing_deadline,
        copied_from=previous_pledge,
    )
    source = table_snapshot(previous_pledge.table)
    version = _write_table(
        actor,
        pledge.table,
        scoring.parse_table(source),
        note=_("Sao chép từ giao ước năm %(year)s") % {"year": previous_pledge.year},
        at=when,
    )
    log_action(
        actor,
        Action.PLEDGE_COPIED,
        pledge,
        summary=_("Sao chép từ giao ước năm %(year)s") % {"year": previous_pledge.year},
        after={**snapshot(pledge), "table_version": version.number},
    )
    return pledge


@transaction.atomic
def update_pledge(
    actor: Any,
    pledge: Pledge,
    *,
    title: str,
    targets: str,
    signing_deadline: datetime.date | None = None,
) -> Pledge:
    """Change a draft pledge's title, targets and signing deadline (block head or Phòng TĐKT)."""
    require_perm(actor, "emulation.manage_pledge", pledge)
    pledge = _locked_pledge(pledge)
    _require_draft(pledge)
    title = vn.clean(title or "") or default_pledge_title(pledge.year)
    if len(title) > 255:
        raise ValidationError({"title": _("Tên giao ước dài quá 255 ký tự.")})
    _check_signing_deadline(signing_deadline, pledge.year)
    before = snapshot(pledge)
    pledge.title = title
    pledge.targets = vn.clean(targets or "")
    pledge.signing_deadline = signing_deadline
    pledge.save()
    log_action(actor, Action.PLEDGE_UPDATED, pledge, before=before, after=snapshot(pledge))
    return pledge


def _write_table(
    actor: Any, table: ScoringTable, spec: scoring.TableSpec, *, note: str, at: datetime.datetime
) -> ScoringTableVersion:
    """Replace the table's rows with ``spec`` and keep its snapshot as the next version."""
    table.criteria.all().delete()
    table.items.all().delete()
    # Number the nodes in printed (pre-order) order, then insert them level by level so parents have keys.
    positions: dict[int, int] = {}

    def number(nodes: list[scoring.Node]) -> None:
        for node in nodes:
            positions[id(node)] = len(positions) + 1
            number(node.children)

    number(spec.criteria)
    level: list[tuple[Criterion | None, scoring.Node]] = [(None, node) for node in spec.criteria]
    depth = 1
    while level:
        created = Criterion.objects.bulk_create(
            [
                Criterion(
                    table=table,
                    parent=parent,
                    depth=depth,
                    position=positions[id(node)],
                    code=node.code,
                    name=node.name,
                    max_points=node.max_points,
                    guidance=node.guidance,
                )
                for parent, node in level
            ]
        )
        level = [
            (criterion, child)
            for criterion, (_parent, node) in zip(created, level, strict=True)
            for child in node.children
        ]
        depth += 1
    ScoringItem.objects.bulk_create(
        [
            ScoringItem(
                table=table,
                kind=kind,
                position=index,
                code=item.code,
                name=item.name,
                points=item.points,
                cap=item.cap,
            )
            for kind, entries in (
                (AdjustmentKind.BONUS, spec.bonus_items),
                (AdjustmentKind.PENALTY, spec.penalty_items),
            )
            for index, item in enumerate(entries, start=1)
        ]
    )
    table.version += 1
    table.bonus_cap = spec.bonus_cap
    table.penalty_cap = spec.penalty_cap
    table.save()
    return ScoringTableVersion.objects.create(
        table=table,
        number=table.version,
        snapshot=scoring.snapshot(spec),
        note=vn.clean(note or "")[:255],
        created_at=at,
        created_by=acting_user(actor),
    )


@transaction.atomic
def set_scoring_table(
    actor: Any, pledge: Pledge, tree: Any, *, note: str = "", at: datetime.datetime | None = None
) -> ScoringTableVersion:
    """Save the structure of a draft pledge's scoring table from a nested structure (see
    :mod:`tdkt.emulation.scoring`): the criteria tree, the bonus and penalty items, the caps.

    Each save that changes something is a new version with its snapshot; saving the same structure again
    writes nothing and returns the current version. A parent's maximum must equal the sum of its children's.
    """
    require_perm(actor, "emulation.manage_pledge", pledge)
    when = moment(actor, at)
    pledge = _locked_pledge(pledge)
    _require_draft(pledge)
    spec = scoring.parse_table(tree)
    table = ScoringTable.objects.select_for_update().get(pledge=pledge)
    current = table.versions.order_by("-number").first()
    if current is not None and current.snapshot == scoring.snapshot(spec):
        return current
    before = {"version": table.version, "total": scoring.canonical(_total(table))}
    version = _write_table(actor, table, spec, note=note, at=when)
    log_action(
        actor,
        Action.SCORING_TABLE_SAVED,
        pledge,
        summary=_("Phiên bản %(number)s") % {"number": version.number},
        before=before,
        after={
            "version": version.number,
            "total": scoring.canonical(spec.total),
            "criteria": version.criteria_count,
            "bonus_items": len(spec.bonus_items),
            "penalty_items": len(spec.penalty_items),
        },
    )
    return version


def _total(table: ScoringTable) -> Decimal:
    return sum((c.max_points for c in table.criteria.filter(parent__isnull=True)), Decimal(0))


@transaction.atomic
def open_for_signing(actor: Any, pledge: Pledge, *, at: datetime.datetime | None = None) -> Pledge:
    """Freeze a draft pledge and invite every member unit to sign it (their officers and leaders are told).

    It needs targets, a scoring table with criteria and member units that year; from now on nobody edits it.
    """
    require_perm(actor, "emulation.manage_pledge", pledge)
    when = moment(actor, at)
    pledge = _locked_pledge(pledge)
    _require_draft(pledge)
    members = member_unit_ids(pledge)
    problems = []
    if not pledge.targets.strip():
        problems.append(_("Giao ước chưa có chỉ tiêu, nhiệm vụ thi đua."))
    if not pledge.table.criteria.exists():
        problems.append(_("Bảng chấm điểm chưa có tiêu chí nào."))
    if not members:
        problems.append(
            _("%(block)s chưa có đơn vị thành viên năm %(year)s.")
            % {"block": pledge.block.name, "year": pledge.year}
        )
    if pledge.signing_deadline is not None and pledge.signing_deadline < timezone.localtime(when).date():
        problems.append(_("Hạn ký kết đã qua: sửa hạn ký kết trước khi mở ký kết."))
    if problems:
        raise ValidationError(problems)
    before = snapshot(pledge, ["status", "opened_at"])
    pledge.status = PledgeStatus.OPEN_FOR_SIGNING
    pledge.opened_at = when
    pledge.save()
    log_action(
        actor, Action.PLEDGE_OPENED, pledge, before=before, after=snapshot(pledge, ["status", "opened_at"])
    )
    deadline = (
        _("Hạn ký: %(date)s.") % {"date": vn.short_date(pledge.signing_deadline)}
        if pledge.signing_deadline
        else ""
    )
    notify(
        unit_people(members),
        title=_("Mời ký giao ước thi đua năm %(year)s — %(block)s")
        % {"year": pledge.year, "block": pledge.block.name},
        body=_("Khối trưởng đã mở ký kết giao ước thi đua. %(deadline)s") % {"deadline": deadline},
        url=pledge.get_absolute_url(),
    )
    return pledge


@transaction.atomic
def reopen_pledge(actor: Any, pledge: Pledge, *, reason: str = "") -> Pledge:
    """Send a pledge open for signing back to draft so it can be amended (Phòng TĐKT only, and only while no
    member unit has signed: a signature is on the text as it was)."""
    if not is_system_admin(actor) and not getattr(actor, "is_superuser", False):
        raise PermissionDenied(_("Chỉ Phòng TĐKT được trả giao ước về dự thảo."))
    pledge = _locked_pledge(pledge)
    _require_open(pledge)
    signed = pledge.signatures.count()
    if signed:
        raise ValidationError(
            _("Đã có %(count)s đơn vị ký giao ước: không trả về dự thảo được nữa.") % {"count": signed}
        )
    before = snapshot(pledge, ["status", "opened_at"])
    pledge.status = PledgeStatus.DRAFT
    pledge.opened_at = None
    pledge.save()
    reason = vn.clean(reason or "")
    log_action(
        actor,
        Action.PLEDGE_REOPENED,
        pledge,
        summary=reason,
        before=before,
        after={**snapshot(pledge, ["status", "opened_at"]), "reason": reason},
    )
    notify(
        _block_head_people(pledge),
        title=_("Giao ước thi đua năm %(year)s được trả về dự thảo") % {"year": pledge.year},
        body=reason,
        url=pledge.get_absolute_url(),
    )
    return pledge


def _lock(actor: Any, pledge: Pledge, when: datetime.datetime, *, automatic: bool) -> None:
    before = snapshot(pledge, ["status", "locked_at", "locked_by"])
    pledge.status = PledgeStatus.SIGNED
    pledge.locked_at = when
    pledge.locked_by = None if automatic else acting_user(actor)
    pledge.save()
    members = member_unit_ids(pledge)
    unsigned = sorted(set(members) - set(pledge.signatures.values_list("unit_id", flat=True)))
    log_action(
        actor,
        Action.PLEDGE_LOCKED,
        pledge,
        summary=_("Đủ chữ ký của các đơn vị thành viên") if automatic else _("Khối trưởng khóa giao ước"),
        before=before,
        after={**snapshot(pledge, ["status", "locked_at", "locked_by"]), "unsigned_units": unsigned},
    )
    notify(
        unit_people(members),
        title=_("Giao ước thi đua năm %(year)s của %(block)s đã ký kết")
        % {"year": pledge.year, "block": pledge.block.name},
        url=pledge.get_absolute_url(),
    )


@transaction.atomic
def sign_pledge(
    actor: Any,
    pledge: Pledge,
    *,
    unit: Unit | None = None,
    signer_name: str = "",
    at: datetime.datetime | None = None,
) -> PledgeSignature:
    """A member unit signs the open pledge: its leader or emulation officer, for their own unit, once.

    The block head is told; when the last member has signed the pledge is locked. The system's loader passes
    the ``unit``, the ``signer_name`` and the moment ``at``.
    """
    user = acting_user(actor)
    if user is not None:
        if user.unit_id is None or (unit is not None and unit.pk != user.unit_id):
            raise PermissionDenied(_("Bạn chỉ ký giao ước cho đơn vị của mình."))
        unit = user.unit
    if unit is None:
        raise ValidationError(_("Chưa rõ đơn vị ký giao ước."))
    require_perm(
        actor,
        "emulation.sign_for_unit",
        pledge,
        _("Chỉ lãnh đạo hoặc cán bộ thi đua của đơn vị thành viên Khối ký giao ước."),
    )
    when = moment(actor, at)
    pledge = _locked_pledge(pledge)
    _require_open(pledge)
    members = member_unit_ids(pledge)
    if unit.pk not in members:
        raise ValidationError(
            _("%(unit)s không phải thành viên %(block)s năm %(year)s.")
            % {"unit": unit.display_name, "block": pledge.block.name, "year": pledge.year}
        )
    existing = pledge.signatures.filter(unit=unit).first()
    if existing is not None:
        raise _duplicate_signature(existing, unit)
    signature = PledgeSignature(
        pledge=pledge,
        unit=unit,
        signed_by=user,
        signer_name=(user.display_name if user is not None else vn.clean(signer_name) or _("hệ thống"))[:200],
        signed_at=when,
    )
    try:
        with transaction.atomic():
            signature.save()
    except IntegrityError:
        # Another request signed for the unit in the meantime.
        raise _duplicate_signature(pledge.signatures.get(unit=unit), unit) from None
    signed = pledge.signatures.count()
    log_action(
        actor,
        Action.PLEDGE_SIGNED,
        pledge,
        summary=unit.display_name,
        after={"unit": unit.pk, "signer": signature.signer_name, "signed_at": str(when), "signed": signed},
    )
    notify(
        _block_head_people(pledge),
        title=_("%(unit)s đã ký giao ước thi đua năm %(year)s (%(signed)s/%(total)s)")
        % {"unit": unit.display_name, "year": pledge.year, "signed": signed, "total": len(members)},
        url=pledge.get_absolute_url(),
    )
    if signed >= len(members):
        _lock(actor, pledge, when, automatic=True)
    return signature


def _duplicate_signature(existing: PledgeSignature, unit: Unit) -> ValidationError:
    return ValidationError(
        _("%(unit)s đã ký giao ước này lúc %(at)s (%(who)s). Mỗi đơn vị chỉ ký một lần.")
        % {
            "unit": unit.display_name,
            "at": timezone.localtime(existing.signed_at).strftime("%H:%M %d/%m/%Y"),
            "who": existing.signer_name,
        }
    )


@transaction.atomic
def lock_pledge(actor: Any, pledge: Pledge, *, at: datetime.datetime | None = None) -> Pledge:
    """Close signing and lock the pledge before every member has signed (block head or Phòng TĐKT); the units
    that had not signed are recorded in the audit entry."""
    require_perm(actor, "emulation.manage_pledge", pledge)
    when = moment(actor, at)
    pledge = _locked_pledge(pledge)
    _require_open(pledge)
    _lock(actor, pledge, when, automatic=False)
    return pledge
