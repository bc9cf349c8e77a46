"""Scoring rounds: the configuration, and the transitions draft → self scoring → cross scoring → closed, with the
block head's reconciliation of discrepancies in between."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tdkt.core.audit import log_action, snapshot
from tdkt.core.notify import notify
from tdkt.emulation.enums import PledgeStatus
from tdkt.emulation.models import Criterion, Pledge
from tdkt.emulation.scoring import format_points, parse_points
from tdkt.org.models import Unit
from tdkt.scoring import conflicts, formulas
from tdkt.scoring.enums import (
    FORMULAS_BY_MODE,
    Action,
    Formula,
    MarginUnit,
    RoundState,
    ScoringMode,
    SheetKind,
    SheetStatus,
)
from tdkt.scoring.models import FinalScore, Reconciliation, ScoreSheet, ScoringRound
from tdkt.scoring.queries import (
    HEAD_ROLES,
    criterion_key,
    followup_of,
    groups_of,
    members_of,
    pledge_table_rows,
    rank_entry,
    round_inputs,
    tie_rule_label,
    unit_parents,
)
from tdkt.scoring.services._common import (
    acting_user,
    clean_text,
    deadline_text,
    locked_round,
    moment,
    past_deadline,
    person_accounts,
    require_perm,
    unit_people,
)

MAX_TIE_RULES = 5
CONFIG_FIELDS = [
    "mode",
    "formula",
    "self_weight",
    "peer_weight",
    "margin",
    "margin_unit",
    "tie_rules",
    "self_deadline",
    "cross_deadline",
]


def _weight(value: Any) -> Decimal | None:
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        return None
    if not number.is_finite() or number < 0 or number > 1 or number != number.quantize(Decimal("0.01")):
        return None
    return number.quantize(Decimal("0.01"))


def _config(
    pledge: Pledge,
    *,
    mode: str,
    formula: str,
    self_weight: Any,
    peer_weight: Any,
    margin: Any,
    margin_unit: str,
    tie_rules: Sequence[str],
    self_deadline: datetime.date | None,
    cross_deadline: datetime.date | None,
) -> dict[str, Any]:
    """Check a round's configuration and return it cleaned; one ValidationError names every problem."""
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if mode not in ScoringMode.values:
        add("mode", _("Hình thức chấm chéo không hợp lệ."))
    elif formula not in FORMULAS_BY_MODE[ScoringMode(mode)]:
        add(
            "formula",
            _("Cách tính “%(formula)s” không dùng được với hình thức “%(mode)s”.")
            % {
                "formula": Formula(formula).label if formula in Formula.values else formula,
                "mode": ScoringMode(mode).label,
            },
        )
    weights = (Decimal(0), Decimal(1))
    if formula == Formula.WEIGHTED:
        own, peer = _weight(self_weight), _weight(peer_weight)
        if own is None or peer is None:
            add("self_weight", _("Trọng số là số từ 0 đến 1, tối đa hai chữ số thập phân (ví dụ 0,3)."))
        elif own + peer != 1:
            add(
                "self_weight",
                _("Trọng số điểm tự chấm (%(own)s) và điểm chấm chéo (%(peer)s) phải cộng lại bằng 1.")
                % {"own": format_points(own), "peer": format_points(peer)},
            )
        else:
            weights = (own, peer)
    parsed_margin = parse_points(margin)
    if parsed_margin is None:
        add("margin", _("Mức chênh lệch “%(value)s” không hợp lệ (số không âm).") % {"value": margin})
    if margin_unit not in MarginUnit.values:
        add("margin_unit", _("Đơn vị mức chênh lệch không hợp lệ."))
    elif margin_unit == MarginUnit.PERCENT and parsed_margin is not None and parsed_margin > 100:
        add("margin", _("Mức chênh lệch theo phần trăm không quá 100%."))
    groups = {row.code for row in groups_of(pledge_table_rows(pledge))}
    rules_seen: list[str] = []
    for rule in tie_rules or []:
        rule = str(rule).strip()
        if not rule:
            continue
        group = formulas.rule_group(rule)
        if not formulas.is_rule(rule) or (group is not None and group not in groups):
            add("tie_rules", _("Tiêu chí phụ “%(rule)s” không có trong bảng chấm điểm.") % {"rule": rule})
        elif rule in rules_seen:
            add("tie_rules", _("Tiêu chí phụ “%(rule)s” bị chọn hai lần.") % {"rule": tie_rule_label(rule)})
        else:
            rules_seen.append(rule)
    if len(rules_seen) > MAX_TIE_RULES:
        add("tie_rules", _("Chọn tối đa %(n)s tiêu chí phụ.") % {"n": MAX_TIE_RULES})
    year = pledge.year
    for field, value, label in (
        ("self_deadline", self_deadline, _("hạn tự chấm điểm")),
        ("cross_deadline", cross_deadline, _("hạn chấm chéo")),
    ):
        if value is None:
            add(field, _("Cần nhập %(label)s.") % {"label": label})
        elif value.year not in (year, year + 1):
            add(
                field,
                _("%(label)s phải trong năm %(year)s hoặc đầu năm %(next)s.")
                % {"label": str(label).capitalize(), "year": year, "next": year + 1},
            )
    if self_deadline and cross_deadline and cross_deadline < self_deadline:
        add("cross_deadline", _("Hạn chấm chéo không được trước hạn tự chấm điểm."))
    if errors:
        raise ValidationError(errors)
    return {
        "mode": mode,
        "formula": formula,
        "self_weight": weights[0],
        "peer_weight": weights[1],
        "margin": parsed_margin,
        "margin_unit": margin_unit,
        "tie_rules": rules_seen,
        "self_deadline": self_deadline,
        "cross_deadline": cross_deadline,
    }


def _state(scoring_round: ScoringRound) -> dict[str, Any]:
    state = snapshot(scoring_round, [*CONFIG_FIELDS, "state"])
    state["tie_rules"] = list(scoring_round.tie_rules)
    return state


@transaction.atomic
def create_round(
    actor: Any,
    pledge: Pledge,
    *,
    mode: str = ScoringMode.PEER,
    formula: str = Formula.MEAN,
    self_weight: Any = 0,
    peer_weight: Any = 1,
    margin: Any = 0,
    margin_unit: str = MarginUnit.POINTS,
    tie_rules: Sequence[str] = (),
    self_deadline: datetime.date | None = None,
    cross_deadline: datetime.date | None = None,
) -> ScoringRound:
    """Start the year-end scoring of a block on its signed pledge, as a draft (block head or Phòng TĐKT).

    The round scores against the table version the pledge was signed with; one round per pledge.
    """
    require_perm(
        actor,
        "scoring.add_round",
        ScoringRound(pledge=pledge),
        _("Chỉ Khối trưởng (Khối phó) của Khối trong năm %(year)s hoặc Phòng TĐKT tạo đợt chấm điểm.")
        % {"year": pledge.year},
    )
    # Lock the pledge row only (its table is on the nullable side of the join, which PostgreSQL cannot lock).
    pledge = Pledge.objects.select_for_update(of=("self",)).select_related("block", "table").get(pk=pledge.pk)
    if pledge.status != PledgeStatus.SIGNED:
        raise ValidationError(_("Chỉ chấm điểm theo giao ước đã ký kết: giao ước này chưa ký kết xong."))
    if ScoringRound.objects.filter(pledge=pledge).exists():
        raise ValidationError(
            _("%(block)s đã có đợt chấm điểm năm %(year)s.")
            % {"block": pledge.block.name, "year": pledge.year}
        )
    version = pledge.table.versions.filter(number=pledge.table.version).first()
    if version is None or not pledge.table.criteria.exists():
        raise ValidationError(_("Bảng chấm điểm của giao ước chưa có tiêu chí nào."))
    values = _config(
        pledge,
        mode=mode,
        formula=formula,
        self_weight=self_weight,
        peer_weight=peer_weight,
        margin=margin,
        margin_unit=margin_unit,
        tie_rules=tie_rules,
        self_deadline=self_deadline,
        cross_deadline=cross_deadline,
    )
    scoring_round = ScoringRound(
        pledge=pledge, table_version=version, created_by=acting_user(actor), **values
    )
    scoring_round.save()
    log_action(
        actor,
        Action.ROUND_CREATED,
        scoring_round,
        after={**_state(scoring_round), "table_version": version.number},
    )
    return scoring_round


@transaction.atomic
def update_round(actor: Any, scoring_round: ScoringRound, **config: Any) -> ScoringRound:
    """Change a draft round's configuration (mode, formula, weights, margin, tie rules, deadlines)."""
    require_perm(actor, "scoring.manage_round", scoring_round)
    scoring_round = locked_round(scoring_round)
    if scoring_round.state != RoundState.DRAFT:
        raise ValidationError(
            _("Cấu hình chỉ sửa được khi đợt chấm điểm còn là dự thảo; sau đó chỉ gia hạn được các hạn chấm.")
        )
    unknown = set(config) - set(CONFIG_FIELDS)
    if unknown:
        raise ValidationError(_("Không có mục cấu hình: %(names)s.") % {"names": ", ".join(sorted(unknown))})
    current = {name: getattr(scoring_round, name) for name in CONFIG_FIELDS}
    values = _config(scoring_round.pledge, **{**current, **config})
    before = _state(scoring_round)
    for name, value in values.items():
        setattr(scoring_round, name, value)
    scoring_round.save()
    log_action(actor, Action.ROUND_UPDATED, scoring_round, before=before, after=_state(scoring_round))
    return scoring_round


@transaction.atomic
def set_deadlines(
    actor: Any,
    scoring_round: ScoringRound,
    *,
    self_deadline: datetime.date | None,
    cross_deadline: datetime.date | None,
) -> ScoringRound:
    """Move the deadlines (block head or Phòng TĐKT, until the round is closed), e.g. to give a late unit time."""
    require_perm(actor, "scoring.manage_round", scoring_round)
    scoring_round = locked_round(scoring_round)
    if scoring_round.state == RoundState.CLOSED:
        raise ValidationError(_("Đợt chấm điểm đã kết thúc: không đổi hạn được nữa."))
    current = {name: getattr(scoring_round, name) for name in CONFIG_FIELDS}
    values = _config(
        scoring_round.pledge, **{**current, "self_deadline": self_deadline, "cross_deadline": cross_deadline}
    )
    before = snapshot(scoring_round, ["self_deadline", "cross_deadline"])
    scoring_round.self_deadline = values["self_deadline"]
    scoring_round.cross_deadline = values["cross_deadline"]
    scoring_round.save()
    log_action(
        actor,
        Action.DEADLINES_SET,
        scoring_round,
        before=before,
        after=snapshot(scoring_round, ["self_deadline", "cross_deadline"]),
    )
    return scoring_round


def _require_state(scoring_round: ScoringRound, state: str, message: str) -> None:
    if scoring_round.state != state:
        raise ValidationError(message)


@transaction.atomic
def open_self_scoring(
    actor: Any, scoring_round: ScoringRound, *, at: datetime.datetime | None = None
) -> ScoringRound:
    """Open self scoring: every member unit of the block that year gets its sheet, and its officers and leaders
    are told the deadline."""
    require_perm(actor, "scoring.manage_round", scoring_round)
    when = moment(actor, at)
    scoring_round = locked_round(scoring_round)
    _require_state(scoring_round, RoundState.DRAFT, _("Đợt chấm điểm đã mở tự chấm điểm rồi."))
    members = members_of(scoring_round)
    if not members:
        raise ValidationError(_("Khối chưa có đơn vị thành viên trong năm này."))
    if past_deadline(scoring_round.self_deadline, when):
        raise ValidationError(_("Hạn tự chấm điểm đã qua: sửa hạn trước khi mở tự chấm điểm."))
    ScoreSheet.objects.bulk_create(
        [
            ScoreSheet(round=scoring_round, kind=SheetKind.SELF, unit=m.unit, scorer_unit=m.unit)
            for m in members
        ]
    )
    before = snapshot(scoring_round, ["state", "self_opened_at"])
    scoring_round.state = RoundState.SELF_SCORING
    scoring_round.self_opened_at = when
    scoring_round.save()
    log_action(
        actor,
        Action.SELF_SCORING_OPENED,
        scoring_round,
        before=before,
        after={**snapshot(scoring_round, ["state", "self_opened_at"]), "units": [m.unit_id for m in members]},
    )
    notify(
        unit_people(m.unit_id for m in members),
        title=_("Tự chấm điểm thi đua năm %(year)s — %(block)s")
        % {"year": scoring_round.year, "block": scoring_round.block.name},
        body=_("Khối trưởng đã mở tự chấm điểm theo bảng chấm điểm của giao ước. Hạn nộp: %(date)s.")
        % {"date": deadline_text(scoring_round.self_deadline)},
        url=scoring_round.get_absolute_url(),
    )
    return scoring_round


def _scorers(scoring_round: ScoringRound) -> list[tuple[conflicts.Scorer, Unit | None, Any]]:
    """The round's scorers: every member unit (peer mode), or the head and deputy units and the council member
    who follows the block (panel mode)."""
    members = members_of(scoring_round)
    if scoring_round.mode == ScoringMode.PEER:
        return [(conflicts.Scorer(f"u{m.unit_id}", m.unit_id), m.unit, None) for m in members]
    scorers: list[tuple[conflicts.Scorer, Unit | None, Any]] = [
        (conflicts.Scorer(f"u{m.unit_id}", m.unit_id), m.unit, None)
        for m in sorted(members, key=lambda m: HEAD_ROLES.index(m.role) if m.role in HEAD_ROLES else 9)
        if m.role in HEAD_ROLES
    ]
    followup = followup_of(scoring_round)
    if followup is not None:
        person = followup.council_member.person
        scorers.append((conflicts.Scorer(f"p{person.pk}", person.unit_id), None, person))
    return scorers


@transaction.atomic
def open_cross_scoring(
    actor: Any, scoring_round: ScoringRound, *, at: datetime.datetime | None = None
) -> ScoringRound:
    """Close self scoring and open cross scoring: the self sheets are locked (a unit that has not submitted by
    now has no self score) and each scorer gets one sheet per unit it scores.

    Who scores whom follows the structure (:mod:`tdkt.scoring.conflicts`): never the scorer's own unit, nor a
    unit above or below it. Before the self-scoring deadline, every member must have submitted.
    """
    require_perm(actor, "scoring.manage_round", scoring_round)
    when = moment(actor, at)
    scoring_round = locked_round(scoring_round)
    _require_state(
        scoring_round,
        RoundState.SELF_SCORING,
        _("Chỉ mở chấm chéo khi đợt chấm điểm đang ở giai đoạn tự chấm điểm."),
    )
    pending = list(
        scoring_round.sheets.filter(kind=SheetKind.SELF, status=SheetStatus.DRAFT)
        .select_related("unit")
        .order_by("unit__name_sort")
    )
    if pending and not past_deadline(scoring_round.self_deadline, when):
        raise ValidationError(
            ngettext(
                "Còn %(count)s đơn vị chưa nộp bản tự chấm điểm (%(units)s) và chưa hết hạn %(date)s.",
                "Còn %(count)s đơn vị chưa nộp bản tự chấm điểm (%(units)s) và chưa hết hạn %(date)s.",
                len(pending),
            )
            % {
                "count": len(pending),
                "units": ", ".join(sheet.unit.display_name for sheet in pending),
                "date": deadline_text(scoring_round.self_deadline),
            }
        )
    if past_deadline(scoring_round.cross_deadline, when):
        raise ValidationError(_("Hạn chấm chéo đã qua: gia hạn trước khi mở chấm chéo."))
    scorers = _scorers(scoring_round)
    targets = [m.unit_id for m in members_of(scoring_round)]
    pairs = conflicts.assignments([s for s, _unit, _person in scorers], targets, unit_parents())
    refs = {scorer.key: (unit, person) for scorer, unit, person in scorers}
    uncovered = sorted(set(targets) - {target for _scorer, target in pairs})
    if uncovered:
        names = Unit.objects.filter(pk__in=uncovered).order_by("name_sort").values_list("name", flat=True)
        raise ValidationError(
            _("Không có ai chấm chéo được cho: %(units)s (xung đột lợi ích theo cơ cấu tổ chức).")
            % {"units": ", ".join(names)}
        )
    ScoreSheet.objects.bulk_create(
        [
            ScoreSheet(
                round=scoring_round,
                kind=SheetKind.PEER,
                unit_id=target,
                scorer_unit=refs[scorer.key][0],
                scorer_person=refs[scorer.key][1],
            )
            for scorer, target in pairs
        ]
    )
    before = snapshot(scoring_round, ["state", "cross_opened_at"])
    scoring_round.state = RoundState.CROSS_SCORING
    scoring_round.cross_opened_at = when
    scoring_round.save()
    log_action(
        actor,
        Action.CROSS_SCORING_OPENED,
        scoring_round,
        before=before,
        after={
            **snapshot(scoring_round, ["state", "cross_opened_at"]),
            "sheets": len(pairs),
            "self_not_submitted": [sheet.unit_id for sheet in pending],
        },
    )
    unit_ids = {unit.pk for unit, _person in refs.values() if unit is not None}
    person_ids = {person.pk for _unit, person in refs.values() if person is not None}
    notify(
        [*unit_people(unit_ids), *person_accounts(person_ids)],
        title=_("Chấm chéo thi đua năm %(year)s — %(block)s")
        % {"year": scoring_round.year, "block": scoring_round.block.name},
        body=_("Khối trưởng đã mở chấm chéo. Hạn nộp phiếu: %(date)s.")
        % {"date": deadline_text(scoring_round.cross_deadline)},
        url=scoring_round.get_absolute_url(),
    )
    return scoring_round


@transaction.atomic
def reconcile(
    actor: Any,
    scoring_round: ScoringRound,
    unit: Unit,
    criterion: Criterion,
    *,
    reason: str,
    points: Any = None,
    at: datetime.datetime | None = None,
) -> Reconciliation:
    """The block head settles a flagged criterion (self and peer points differ by more than the margin): a reason
    is required; agreed points, if given, replace the formula's result for that criterion.

    The decision holds for the self and peer points it was made on; a sheet submitted afterwards that changes
    them reopens the flag. Deciding again replaces the earlier decision (both are in the audit log).
    """
    require_perm(actor, "scoring.manage_round", scoring_round)
    when = moment(actor, at)
    scoring_round = locked_round(scoring_round)
    _require_state(
        scoring_round,
        RoundState.CROSS_SCORING,
        _("Chỉ xử lý chênh lệch điểm khi đợt chấm điểm đang ở giai đoạn chấm chéo."),
    )
    flag = next(
        (
            f
            for f in round_inputs(scoring_round).flags
            if f.unit.pk == unit.pk and f.row.key == criterion_key(criterion.pk)
        ),
        None,
    )
    if flag is None:
        raise ValidationError(
            _("%(unit)s không có chênh lệch điểm cần xử lý ở tiêu chí này.") % {"unit": unit.display_name}
        )
    errors: dict[str, list[str]] = {}
    reason = clean_text(reason)
    if not reason:
        errors["reason"] = [_("Cần ghi lý do xử lý chênh lệch.")]
    agreed = None
    if points not in (None, ""):
        agreed = parse_points(points)
        if agreed is None:
            errors["points"] = [_("Điểm thống nhất “%(value)s” không hợp lệ.") % {"value": points}]
        elif agreed > flag.row.maximum:
            errors["points"] = [
                _("%(row)s: điểm thống nhất %(points)s vượt điểm tối đa %(max)s.")
                % {
                    "row": flag.row.label,
                    "points": format_points(agreed),
                    "max": format_points(flag.row.maximum),
                }
            ]
    if errors:
        raise ValidationError(errors)
    existing = Reconciliation.objects.filter(round=scoring_round, unit=unit, criterion=criterion).first()
    before = (
        snapshot(existing, ["self_points", "peer_points", "points", "reason", "decided_by", "decided_at"])
        if existing
        else None
    )
    reconciliation = existing or Reconciliation(round=scoring_round, unit=unit, criterion=criterion)
    reconciliation.self_points = flag.self_points
    reconciliation.peer_points = flag.peer_points
    reconciliation.points = agreed
    reconciliation.reason = reason
    reconciliation.decided_by = acting_user(actor)
    reconciliation.decided_at = when
    reconciliation.save()
    log_action(
        actor,
        Action.DISCREPANCY_RECONCILED,
        scoring_round,
        summary=f"{unit.display_name} — {flag.row.label}",
        before=before,
        after={
            "unit": unit.pk,
            "criterion": criterion.pk,
            **snapshot(reconciliation, ["self_points", "peer_points", "points", "reason", "decided_at"]),
        },
    )
    return reconciliation


@transaction.atomic
def close_scoring(
    actor: Any, scoring_round: ScoringRound, *, at: datetime.datetime | None = None
) -> ScoringRound:
    """End cross scoring and rank the members (block head or Phòng TĐKT).

    Refused while a discrepancy is not reconciled, while a unit has no submitted cross-scoring sheet, or, before
    the cross-scoring deadline, while any sheet is missing. Each unit's final score is stored with the inputs it
    was computed from, the formula and the labels that explain it; the ranking applies the round's tie rules.
    """
    require_perm(actor, "scoring.manage_round", scoring_round)
    when = moment(actor, at)
    scoring_round = locked_round(scoring_round)
    _require_state(
        scoring_round,
        RoundState.CROSS_SCORING,
        _("Chỉ kết thúc chấm điểm khi đợt chấm điểm đang ở giai đoạn chấm chéo."),
    )
    collected = round_inputs(scoring_round)
    problems: list[str] = []
    missing = [
        (entry.unit.display_name, name) for entry in collected.units.values() for name in entry.missing
    ]
    if missing and not past_deadline(scoring_round.cross_deadline, when):
        problems.append(
            ngettext(
                "Còn %(count)s phiếu chấm chéo chưa nộp và chưa hết hạn %(date)s (%(list)s).",
                "Còn %(count)s phiếu chấm chéo chưa nộp và chưa hết hạn %(date)s (%(list)s).",
                len(missing),
            )
            % {
                "count": len(missing),
                "date": deadline_text(scoring_round.cross_deadline),
                "list": "; ".join(
                    _("%(scorer)s chấm %(unit)s") % {"scorer": s, "unit": u} for u, s in missing[:5]
                )
                + ("…" if len(missing) > 5 else ""),
            }
        )
    unscored = [entry.unit.display_name for entry in collected.units.values() if entry.result is None]
    if unscored:
        problems.append(
            _("Chưa có phiếu chấm chéo nào được nộp cho: %(units)s.") % {"units": ", ".join(unscored)}
        )
    open_flags = collected.open_flags
    if open_flags:
        problems.append(
            ngettext(
                "Còn %(count)s chênh lệch điểm chưa được Khối trưởng xử lý: %(list)s.",
                "Còn %(count)s chênh lệch điểm chưa được Khối trưởng xử lý: %(list)s.",
                len(open_flags),
            )
            % {
                "count": len(open_flags),
                "list": "; ".join(f"{flag.unit.display_name} — {flag.row.label}" for flag in open_flags[:5])
                + ("…" if len(open_flags) > 5 else ""),
            }
        )
    if problems:
        raise ValidationError(problems)
    scored = [entry for entry in collected.units.values() if entry.result is not None and entry.inputs]
    ranked = {
        r.key: r
        for r in formulas.rank(
            [rank_entry(entry.unit, entry.result) for entry in scored if entry.result is not None],
            scoring_round.tie_rules,
        )
    }
    reasons = {
        (f.unit.pk, f.row.key): f.reconciliation.reason
        for f in collected.flags
        if f.reconciliation is not None and f.is_reconciled
    }
    finals = []
    for entry in scored:
        assert entry.inputs is not None and entry.result is not None
        placed = ranked[str(entry.unit.pk)]
        finals.append(
            FinalScore(
                round=scoring_round,
                unit=entry.unit,
                formula=scoring_round.formula,
                inputs=formulas.inputs_to_json(entry.inputs),
                result=formulas.result_to_json(entry.result),
                labels={
                    "scorers": entry.scorer_names,
                    "missing": entry.missing,
                    "flagged": entry.flagged,
                    "reconciled": {
                        key: reason for (unit_id, key), reason in reasons.items() if unit_id == entry.unit.pk
                    },
                },
                total=entry.result.total,
                rank=placed.rank,
                tied=placed.tied,
                decided_by=placed.decided_by,
                computed_at=when,
            )
        )
    FinalScore.objects.bulk_create(finals)
    before = snapshot(scoring_round, ["state", "closed_at", "closed_by"])
    scoring_round.state = RoundState.CLOSED
    scoring_round.closed_at = when
    scoring_round.closed_by = acting_user(actor)
    scoring_round.save()
    log_action(
        actor,
        Action.SCORING_CLOSED,
        scoring_round,
        before=before,
        after={
            **snapshot(scoring_round, ["state", "closed_at", "closed_by"]),
            "ranking": [
                {"unit": final.unit_id, "total": str(final.total), "rank": final.rank}
                for final in sorted(finals, key=lambda f: (f.rank, f.unit.name_sort))
            ],
            "missing_sheets": len(missing),
        },
    )
    members = members_of(scoring_round)
    followup = followup_of(scoring_round)
    notify(
        [
            *unit_people(m.unit_id for m in members),
            *(person_accounts([followup.council_member.person_id]) if followup else []),
        ],
        title=_("Kết quả chấm điểm, xếp hạng thi đua năm %(year)s — %(block)s")
        % {"year": scoring_round.year, "block": scoring_round.block.name},
        body=_("Khối trưởng đã kết thúc chấm điểm. Xem bảng xếp hạng và điểm chi tiết của đơn vị."),
        url=scoring_round.get_absolute_url(),
    )
    return scoring_round
