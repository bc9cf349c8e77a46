"""Score sheets: a unit's self score (with evidence per criterion) and the cross-scoring sheets of its scorers.

Points are bounded by the table: a leaf criterion's maximum, a bonus or penalty item's cap, and the table's
caps on the sum of bonus points and of penalty points. A value outside them is refused with a message naming
the line; nothing is clamped silently. Submitting needs points on every leaf criterion and locks the sheet.
"""

from __future__ import annotations

import datetime
import pathlib
from collections.abc import Mapping
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tdkt import vn
from tdkt.core.audit import log_action
from tdkt.core.notify import notify
from tdkt.core.uploads import check_document
from tdkt.emulation.models import Criterion
from tdkt.emulation.scoring import format_points, parse_points
from tdkt.org.models import BlockMembership
from tdkt.scoring import formulas
from tdkt.scoring.enums import Action, EvidenceKind, RoundState, SheetKind, SheetStatus
from tdkt.scoring.models import Evidence, ScoreLine, ScoreSheet, ScoringRound
from tdkt.scoring.queries import HEAD_ROLES, TableRow, criterion_key, sheet_values, table_rows
from tdkt.scoring.services._common import (
    acting_user,
    clean_text,
    deadline_text,
    locked_round,
    moment,
    past_deadline,
    phase_error,
    require_perm,
    unit_people,
)

NOTE_LENGTH = 2000
MAX_EVIDENCE_PER_CRITERION = 20


def _sheet_for_writing(actor: Any, sheet: ScoreSheet, when: datetime.datetime) -> ScoreSheet:
    """The sheet re-read under the round's lock, after checking that the actor scores it, that its phase is open,
    that it is a draft and that its deadline has not passed."""
    require_perm(
        actor,
        "scoring.score_sheet",
        sheet,
        _(
            "Chỉ cán bộ thi đua, lãnh đạo của đơn vị chấm (hoặc thành viên Hội đồng trong Tổ thẩm định) sửa phiếu này."
        ),
    )
    scoring_round = locked_round(sheet.round)
    sheet = ScoreSheet.objects.select_related("unit", "scorer_unit").get(pk=sheet.pk)
    sheet.round = scoring_round
    if sheet.kind == SheetKind.PEER and sheet.scorer_unit_id == sheet.unit_id:
        raise ValidationError(_("Đơn vị không tự chấm chéo cho chính mình."))
    wanted = RoundState.SELF_SCORING if sheet.kind == SheetKind.SELF else RoundState.CROSS_SCORING
    if scoring_round.state != wanted:
        raise phase_error(scoring_round)
    if sheet.status != SheetStatus.DRAFT:
        raise ValidationError(
            _("Phiếu đã nộp lúc %(at)s: không sửa được nữa.")
            % {"at": sheet.submitted_at.strftime("%H:%M %d/%m/%Y") if sheet.submitted_at else ""}
        )
    deadline = scoring_round.self_deadline if sheet.kind == SheetKind.SELF else scoring_round.cross_deadline
    if past_deadline(deadline, when):
        raise ValidationError(
            _("Đã quá hạn %(what)s (%(date)s): đề nghị Khối trưởng gia hạn nếu cần.")
            % {
                "what": _("tự chấm điểm") if sheet.kind == SheetKind.SELF else _("chấm chéo"),
                "date": deadline_text(deadline),
            }
        )
    return sheet


def _check_points(
    rows: dict[str, TableRow], points: Mapping[str, Any], errors: list[str]
) -> dict[str, Decimal | None]:
    parsed: dict[str, Decimal | None] = {}
    for key, raw in points.items():
        row = rows.get(key)
        if row is None:
            errors.append(_("Dòng “%(key)s” không có trong bảng chấm điểm của đợt này.") % {"key": key})
            continue
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            parsed[key] = None
            continue
        value = parse_points(raw)
        if value is None:
            errors.append(
                _("%(row)s: điểm “%(value)s” không hợp lệ (số không âm, tối đa hai chữ số thập phân).")
                % {"row": row.label, "value": raw}
            )
            continue
        if value > row.maximum:
            message = (
                _("%(row)s: %(points)s điểm vượt mức tối đa %(max)s của mục.")
                if row.is_item
                else _("%(row)s: %(points)s điểm vượt điểm tối đa %(max)s của tiêu chí.")
            )
            errors.append(
                message
                % {"row": row.label, "points": format_points(value), "max": format_points(row.maximum)}
            )
            continue
        parsed[key] = value
    return parsed


def _check_caps(
    scoring_round: ScoringRound, rows: dict[str, TableRow], merged: dict[str, Decimal]
) -> list[str]:
    """The table's caps on the sum of bonus points and of penalty points."""
    table = scoring_round.pledge.table
    problems = []
    for kind, cap, message in (
        (
            formulas.BONUS,
            table.bonus_cap,
            _("Tổng điểm thưởng %(sum)s vượt mức tối đa %(cap)s của bảng chấm điểm."),
        ),
        (
            formulas.PENALTY,
            table.penalty_cap,
            _("Tổng điểm trừ %(sum)s vượt mức tối đa %(cap)s của bảng chấm điểm."),
        ),
    ):
        total = sum((value for key, value in merged.items() if rows[key].kind == kind), Decimal(0))
        if total > cap:
            problems.append(message % {"sum": format_points(total), "cap": format_points(cap)})
    return problems


def _total(rows: dict[str, TableRow], merged: Mapping[str, Decimal]) -> Decimal:
    lines = [formulas.Line(key=key, kind=row.kind) for key, row in rows.items()]
    return formulas.sheet_total(merged, lines)


@transaction.atomic
def save_sheet(
    actor: Any,
    sheet: ScoreSheet,
    *,
    points: Mapping[str, Any] | None = None,
    notes: Mapping[str, str] | None = None,
    note: str | None = None,
    at: datetime.datetime | None = None,
) -> ScoreSheet:
    """Save points and notes on a draft sheet (its unit's officers and leaders, or the council member on the
    panel, while its phase is open and before its deadline).

    ``points`` and ``notes`` are keyed by line (``c<criterion id>``, ``b<item id>``, ``p<item id>``); only the
    lines given change, a blank value clears one. Every problem is listed in one ValidationError.
    """
    when = moment(actor, at)
    sheet = _sheet_for_writing(actor, sheet, when)
    scoring_round = sheet.round
    rows = {row.key: row for row in table_rows(scoring_round) if row.takes_points}
    errors: list[str] = []
    parsed = _check_points(rows, points or {}, errors)
    cleaned_notes: dict[str, str] = {}
    for key, text in (notes or {}).items():
        if key not in rows:
            errors.append(_("Dòng “%(key)s” không có trong bảng chấm điểm của đợt này.") % {"key": key})
            continue
        cleaned_notes[key] = clean_text(text)
        if len(cleaned_notes[key]) > NOTE_LENGTH:
            errors.append(
                _("%(row)s: ghi chú dài quá %(n)s ký tự.") % {"row": rows[key].label, "n": NOTE_LENGTH}
            )
    sheet_note = clean_text(note) if note is not None else sheet.note
    if len(sheet_note) > NOTE_LENGTH * 2:
        errors.append(_("Ghi chú chung dài quá %(n)s ký tự.") % {"n": NOTE_LENGTH * 2})
    existing = sheet_values(sheet)
    merged = {key: line.points for key, line in existing.items() if line.points is not None}
    for key, value in parsed.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = value
    if not errors:
        errors.extend(_check_caps(scoring_round, rows, merged))
    if errors:
        raise ValidationError(errors)
    before_total = _total(rows, {k: v.points for k, v in existing.items() if v.points is not None})
    for key in set(parsed) | set(cleaned_notes):
        row = rows[key]
        line = existing.get(key) or ScoreLine(sheet=sheet, criterion=row.criterion, item=row.item)
        if key in parsed:
            line.points = parsed[key]
        if key in cleaned_notes:
            line.note = cleaned_notes[key]
        if line.points is None and not line.note:
            if line.pk is not None:
                line.delete()
            continue
        line.save()
    sheet.note = sheet_note
    sheet.save(update_fields=["note", "updated_at"])
    log_action(
        actor,
        Action.SHEET_SAVED,
        sheet,
        summary=_scorer_summary(sheet),
        before={
            "scored": len([v for v in existing.values() if v.points is not None]),
            "total": str(before_total),
        },
        after={"sheet": sheet.pk, "scored": len(merged), "total": str(_total(rows, merged))},
    )
    return sheet


def _scorer_summary(sheet: ScoreSheet) -> str:
    if sheet.kind == SheetKind.SELF:
        return _("%(unit)s tự chấm") % {"unit": sheet.unit.display_name}
    scorer = sheet.scorer_unit.display_name if sheet.scorer_unit else _("thành viên Hội đồng")
    return _("%(scorer)s chấm %(unit)s") % {"scorer": scorer, "unit": sheet.unit.display_name}


@transaction.atomic
def submit_sheet(actor: Any, sheet: ScoreSheet, *, at: datetime.datetime | None = None) -> ScoreSheet:
    """Submit a sheet: every leaf criterion needs its points (bonus and penalty items may stay empty, i.e. 0).
    A submitted sheet is locked for everyone; the block head is told when a unit submits its self score."""
    when = moment(actor, at)
    sheet = _sheet_for_writing(actor, sheet, when)
    scoring_round = sheet.round
    rows = [row for row in table_rows(scoring_round) if row.takes_points]
    lines = sheet_values(sheet)
    unscored = [
        row.label
        for row in rows
        if row.kind == formulas.CRITERION and (row.key not in lines or lines[row.key].points is None)
    ]
    if unscored:
        raise ValidationError(
            ngettext(
                "Chưa chấm %(count)s tiêu chí: %(list)s.",
                "Chưa chấm %(count)s tiêu chí: %(list)s.",
                len(unscored),
            )
            % {"count": len(unscored), "list": ", ".join(unscored[:8]) + ("…" if len(unscored) > 8 else "")}
        )
    values = {key: line.points for key, line in lines.items() if line.points is not None}
    total = formulas.sheet_total(values, [formulas.Line(key=row.key, kind=row.kind) for row in rows])
    sheet.status = SheetStatus.SUBMITTED
    sheet.submitted_at = when
    sheet.submitted_by = acting_user(actor)
    sheet.save(update_fields=["status", "submitted_at", "submitted_by", "updated_at"])
    log_action(
        actor,
        Action.SHEET_SUBMITTED,
        sheet,
        summary=_scorer_summary(sheet),
        before={"status": SheetStatus.DRAFT},
        after={"sheet": sheet.pk, "status": SheetStatus.SUBMITTED, "total": str(total), "at": str(when)},
    )
    if sheet.kind == SheetKind.SELF:
        heads = BlockMembership.objects.filter(
            block_id=scoring_round.pledge.block_id, year=scoring_round.pledge.year, role__in=HEAD_ROLES
        ).values_list("unit_id", flat=True)
        notify(
            unit_people(heads),
            title=_("%(unit)s đã nộp bản tự chấm điểm năm %(year)s")
            % {"unit": sheet.unit.display_name, "year": scoring_round.year},
            url=scoring_round.get_absolute_url(),
        )
    return sheet


# --- evidence ---------------------------------------------------------------------------------------------------


def _evidence_target(
    actor: Any, sheet: ScoreSheet, criterion: Criterion, when: datetime.datetime
) -> ScoreSheet:
    sheet = _sheet_for_writing(actor, sheet, when)
    if sheet.kind != SheetKind.SELF:
        raise ValidationError(_("Minh chứng chỉ gắn với bản tự chấm điểm của đơn vị."))
    rows = {row.key: row for row in table_rows(sheet.round) if row.kind == formulas.CRITERION}
    if criterion_key(criterion.pk) not in rows:
        raise ValidationError(
            _("Minh chứng gắn với một tiêu chí chấm điểm của bảng (tiêu chí không có tiêu chí con).")
        )
    if sheet.evidence.filter(criterion=criterion).count() >= MAX_EVIDENCE_PER_CRITERION:
        raise ValidationError(
            _("Mỗi tiêu chí có tối đa %(n)s minh chứng.") % {"n": MAX_EVIDENCE_PER_CRITERION}
        )
    return sheet


def _title(value: str, fallback: str) -> str:
    title = vn.clean(value or "") or vn.clean(fallback)
    if len(title) > 255:
        raise ValidationError({"title": _("Tên minh chứng dài quá 255 ký tự.")})
    return title


@transaction.atomic
def add_evidence_file(
    actor: Any,
    sheet: ScoreSheet,
    criterion: Criterion,
    *,
    upload: UploadedFile,
    title: str = "",
    at: datetime.datetime | None = None,
) -> Evidence:
    """Attach a file (PDF, Word, ODT or a scan, within the document size limit) as evidence of a criterion of
    the unit's draft self score."""
    when = moment(actor, at)
    sheet = _evidence_target(actor, sheet, criterion, when)
    original_name = check_document(upload)
    evidence = Evidence(
        sheet=sheet,
        criterion=criterion,
        kind=EvidenceKind.FILE,
        title=_title(title, pathlib.Path(original_name).stem),
        original_name=original_name[:255],
        size=upload.size or 0,
        added_by=acting_user(actor),
        added_at=when,
    )
    evidence.file.save(original_name, upload, save=False)
    try:
        evidence.save()
        log_action(
            actor,
            Action.EVIDENCE_ADDED,
            sheet,
            summary=evidence.title,
            after={
                "evidence": evidence.pk,
                "criterion": criterion.pk,
                "file": original_name,
                "size": evidence.size,
            },
        )
    except Exception:
        # The row is not written: do not leave its file behind.
        evidence.file.storage.delete(evidence.file.name)
        raise
    return evidence


@transaction.atomic
def add_evidence_link(
    actor: Any,
    sheet: ScoreSheet,
    criterion: Criterion,
    *,
    url: str,
    title: str = "",
    at: datetime.datetime | None = None,
) -> Evidence:
    """Attach a link (http or https: a document on the unit's portal, a shared folder) as evidence of a
    criterion of the unit's draft self score."""
    when = moment(actor, at)
    sheet = _evidence_target(actor, sheet, criterion, when)
    url = (url or "").strip()
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise ValidationError(
            {"url": _("Đường dẫn “%(url)s” không hợp lệ (cần http:// hoặc https://).") % {"url": url}}
        ) from None
    if len(url) > 500:
        raise ValidationError({"url": _("Đường dẫn dài quá 500 ký tự.")})
    evidence = Evidence.objects.create(
        sheet=sheet,
        criterion=criterion,
        kind=EvidenceKind.LINK,
        title=_title(title, urlsplit(url).netloc),
        url=url,
        added_by=acting_user(actor),
        added_at=when,
    )
    log_action(
        actor,
        Action.EVIDENCE_ADDED,
        sheet,
        summary=evidence.title,
        after={"evidence": evidence.pk, "criterion": criterion.pk, "url": url},
    )
    return evidence


@transaction.atomic
def remove_evidence(actor: Any, evidence: Evidence, *, at: datetime.datetime | None = None) -> None:
    """Remove evidence from a draft self score; a file is deleted once the removal is committed."""
    when = moment(actor, at)
    sheet = _sheet_for_writing(actor, evidence.sheet, when)
    evidence = Evidence.objects.get(pk=evidence.pk, sheet=sheet)
    title = evidence.title
    before = {
        "evidence": evidence.pk,
        "criterion": evidence.criterion_id,
        "title": title,
        "file": evidence.original_name,
        "url": evidence.url,
    }
    name, storage = evidence.file.name, evidence.file.storage
    evidence.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))
    log_action(actor, Action.EVIDENCE_REMOVED, sheet, summary=title, before=before)
