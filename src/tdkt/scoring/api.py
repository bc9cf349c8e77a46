"""The scoring endpoints of the API: thin wrappers over the same services and queries as the pages.

Rounds, sheets, evidence and results come through the ``*_for_user`` queries, so another unit's sheet — draft
or not — is a 404 for a member, and the ranking before the close is a 403; the services refuse what the user
may not do (403) or what the round's phase or the input does not allow (422, Vietnamese message).
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Router, Schema, Status, UploadedFile

from tdkt.emulation.models import Criterion
from tdkt.emulation.queries import pledges_for_user
from tdkt.scoring import formulas, services
from tdkt.scoring.enums import SheetKind
from tdkt.scoring.models import Evidence, ScoreSheet, ScoringRound
from tdkt.scoring.queries import (
    breakdown,
    evidence_for_user,
    evidence_of,
    final_scores_for_user,
    members_of,
    pledges_for_new_round,
    progress_board,
    ranking_for_user,
    round_inputs,
    round_list,
    rounds_for_user,
    scorer_filter,
    sheet_values,
    sheets_for_user,
    table_rows,
)

router = Router(tags=["scoring"])


# --- schemas ----------------------------------------------------------------------------------------------------


class NamedRef(Schema):
    id: int
    name: str


class ConfigIn(Schema):
    """A round's configuration. Weights count only for the weighted formula and must add up to 1; tie rules are
    ``group:<code of a criteria group>``, ``fewer_penalties`` or ``more_bonus``, in order."""

    mode: str = "peer"
    formula: str = "mean"
    self_weight: Decimal = Decimal(0)
    peer_weight: Decimal = Decimal(1)
    margin: str = "0"
    margin_unit: str = "points"
    tie_rules: list[str] = Field(default_factory=list)
    self_deadline: datetime.date
    cross_deadline: datetime.date


class RoundIn(ConfigIn):
    pledge_id: int


class DeadlinesIn(Schema):
    self_deadline: datetime.date
    cross_deadline: datetime.date


class BoardRowOut(Schema):
    unit: NamedRef
    role: str
    self_status: str | None
    given_submitted: int
    given_total: int
    received_submitted: int
    received_total: int


class RoundOut(Schema):
    id: int
    block: NamedRef
    year: int
    pledge_id: int
    table_version: int
    state: str
    state_label: str
    mode: str
    formula: str
    self_weight: Decimal
    peer_weight: Decimal
    margin: Decimal
    margin_unit: str
    tie_rules: list[str]
    self_deadline: datetime.date
    cross_deadline: datetime.date
    closed_at: datetime.datetime | None

    @staticmethod
    def resolve_block(obj: ScoringRound) -> dict[str, Any]:
        return {"id": obj.pledge.block.pk, "name": obj.pledge.block.name}

    @staticmethod
    def resolve_year(obj: ScoringRound) -> int:
        return obj.pledge.year

    @staticmethod
    def resolve_table_version(obj: ScoringRound) -> int:
        return obj.table_version.number

    @staticmethod
    def resolve_state_label(obj: ScoringRound) -> str:
        return str(obj.get_state_display())


class RoundDetailOut(RoundOut):
    progress: list[BoardRowOut]

    @staticmethod
    def resolve_progress(obj: ScoringRound) -> list[dict[str, Any]]:
        return [
            {
                "unit": {"id": row.unit.pk, "name": row.unit.name},
                "role": row.membership.role,
                "self_status": row.self_status,
                "given_submitted": row.given_submitted,
                "given_total": row.given_total,
                "received_submitted": row.received_submitted,
                "received_total": row.received_total,
            }
            for row in progress_board(obj)
        ]


class TableRowOut(Schema):
    key: str
    kind: str
    depth: int
    code: str
    path: str
    name: str
    maximum: Decimal
    guidance: str
    group: str
    criterion_id: int | None
    item_id: int | None


class SheetRow(Schema):
    id: int
    kind: str
    unit: NamedRef
    scorer_unit: NamedRef | None
    scorer_person: str | None
    status: str
    submitted_at: datetime.datetime | None

    @staticmethod
    def resolve_unit(obj: ScoreSheet) -> dict[str, Any]:
        return {"id": obj.unit.pk, "name": obj.unit.name}

    @staticmethod
    def resolve_scorer_unit(obj: ScoreSheet) -> dict[str, Any] | None:
        return {"id": obj.scorer_unit.pk, "name": obj.scorer_unit.name} if obj.scorer_unit else None

    @staticmethod
    def resolve_scorer_person(obj: ScoreSheet) -> str | None:
        return obj.scorer_person.full_name if obj.scorer_person else None


class LineOut(Schema):
    key: str
    points: Decimal | None
    note: str


class EvidenceOut(Schema):
    id: int
    criterion_id: int
    kind: str
    title: str
    url: str
    original_name: str
    size: int

    @staticmethod
    def resolve_url(obj: Evidence) -> str:
        return obj.get_absolute_url()


class SheetOut(SheetRow):
    note: str
    lines: list[LineOut]
    evidence: list[EvidenceOut]

    @staticmethod
    def resolve_lines(obj: ScoreSheet) -> list[dict[str, Any]]:
        return [
            {"key": key, "points": line.points, "note": line.note} for key, line in sheet_values(obj).items()
        ]

    @staticmethod
    def resolve_evidence(obj: ScoreSheet) -> list[Evidence]:
        if obj.kind != SheetKind.SELF:
            return []
        return [item for items in evidence_of(obj).values() for item in items]


class SheetIn(Schema):
    """Points and notes by line key (``c<criterion id>``, ``b<item id>``, ``p<item id>``, see ``/table``); only
    the lines given change, and ``null`` or ``""`` clears one. ``note`` is the sheet's general note."""

    points: dict[str, str | float | int | None] = Field(default_factory=dict)
    notes: dict[str, str] = Field(default_factory=dict)
    note: str | None = None


class EvidenceLinkIn(Schema):
    criterion_id: int
    url: str
    title: str = ""


class FlagOut(Schema):
    unit: NamedRef
    criterion_id: int
    key: str
    label: str
    self_points: Decimal
    peer_points: Decimal
    limit: Decimal
    reconciled: bool
    stale: bool
    reason: str | None
    agreed_points: Decimal | None


class ReconcileIn(Schema):
    unit_id: int
    criterion_id: int
    reason: str
    points: str | None = None


class RankedOut(Schema):
    rank: int
    unit: NamedRef
    final_score: Decimal
    tied: bool
    decided_by: str


class BreakdownLineOut(Schema):
    key: str
    label: str
    kind: str
    maximum: Decimal
    self_points: Decimal | None
    peer_points: list[dict[str, Any]]
    peer_mean: Decimal | None
    final: Decimal | None
    flagged: bool
    reason: str
    agreed_points: Decimal | None


class BreakdownOut(Schema):
    unit: NamedRef
    total: Decimal
    rank: int
    tied: bool
    formula: str
    formula_text: str
    groups: dict[str, Decimal]
    sheets: list[dict[str, Any]]
    lines: list[BreakdownLineOut]
    inputs: dict[str, Any] | None = Field(
        None, description="The stored inputs of the formula (only for those who see who scored)."
    )
    result: dict[str, Any] | None = None


# --- rounds -----------------------------------------------------------------------------------------------------


def _round(request: HttpRequest, round_id: int) -> ScoringRound:
    return get_object_or_404(rounds_for_user(request.user).select_related("pledge__table"), pk=round_id)


@router.get("/rounds", response=list[RoundOut], summary="Các đợt chấm điểm")
def list_rounds(request: HttpRequest, year: int | None = None, block: int | None = None) -> Any:
    rounds = round_list(request.user, year)
    return rounds.filter(pledge__block_id=block) if block is not None else rounds


@router.post("/rounds", response={201: RoundDetailOut}, summary="Tạo đợt chấm điểm trên giao ước đã ký kết")
def create_round(request: HttpRequest, payload: RoundIn) -> Any:
    data = payload.dict()
    pledge_id = data.pop("pledge_id")
    pledge = pledges_for_new_round(request.user).filter(pk=pledge_id).first()
    if pledge is None:
        # A pledge the user sees that already has a round is a 422; anything else (not signed, not the user's
        # block, unknown) is refused the same way, so that nothing is learnt about other blocks.
        if pledges_for_user(request.user).filter(pk=pledge_id, scoring_round__isnull=False).exists():
            raise ValidationError(_("Giao ước này đã có đợt chấm điểm."))
        raise PermissionDenied(_("Bạn không tạo được đợt chấm điểm trên giao ước này."))
    scoring_round = services.create_round(request.user, pledge, **data)
    return Status(201, _round(request, scoring_round.pk))


@router.get("/rounds/{round_id}", response=RoundDetailOut, summary="Một đợt chấm điểm (cấu hình, tiến độ)")
def get_round(request: HttpRequest, round_id: int) -> Any:
    return _round(request, round_id)


@router.put("/rounds/{round_id}", response=RoundDetailOut, summary="Sửa cấu hình (khi còn dự thảo)")
def update_round(request: HttpRequest, round_id: int, payload: ConfigIn) -> Any:
    services.update_round(request.user, _round(request, round_id), **payload.dict())
    return _round(request, round_id)


@router.put("/rounds/{round_id}/deadlines", response=RoundDetailOut, summary="Đổi hạn chấm")
def set_deadlines(request: HttpRequest, round_id: int, payload: DeadlinesIn) -> Any:
    services.set_deadlines(request.user, _round(request, round_id), **payload.dict())
    return _round(request, round_id)


@router.post("/rounds/{round_id}/open-self", response=RoundDetailOut, summary="Mở tự chấm điểm")
def open_self(request: HttpRequest, round_id: int) -> Any:
    services.open_self_scoring(request.user, _round(request, round_id))
    return _round(request, round_id)


@router.post("/rounds/{round_id}/open-cross", response=RoundDetailOut, summary="Khóa tự chấm, mở chấm chéo")
def open_cross(request: HttpRequest, round_id: int) -> Any:
    services.open_cross_scoring(request.user, _round(request, round_id))
    return _round(request, round_id)


@router.post("/rounds/{round_id}/close", response=RoundDetailOut, summary="Kết thúc chấm điểm, xếp hạng")
def close_round(request: HttpRequest, round_id: int) -> Any:
    services.close_scoring(request.user, _round(request, round_id))
    return _round(request, round_id)


@router.get("/rounds/{round_id}/table", response=list[TableRowOut], summary="Bảng chấm điểm của đợt")
def get_table(request: HttpRequest, round_id: int) -> Any:
    return [
        {
            "key": row.key,
            "kind": row.kind,
            "depth": row.depth,
            "code": row.code,
            "path": row.path,
            "name": row.name,
            "maximum": row.maximum,
            "guidance": row.guidance,
            "group": row.group,
            "criterion_id": row.criterion.pk if row.criterion else None,
            "item_id": row.item.pk if row.item else None,
        }
        for row in table_rows(_round(request, round_id))
    ]


# --- sheets -----------------------------------------------------------------------------------------------------


def _sheet(request: HttpRequest, sheet_id: int) -> ScoreSheet:
    return get_object_or_404(
        sheets_for_user(request.user).select_related("round__pledge__table"), pk=sheet_id
    )


@router.get("/rounds/{round_id}/sheets", response=list[SheetRow], summary="Các phiếu bạn được xem trong đợt")
def list_sheets(request: HttpRequest, round_id: int) -> Any:
    scoring_round = _round(request, round_id)
    return sheets_for_user(request.user).filter(round=scoring_round).order_by("kind", "unit__name_sort", "pk")


@router.get(
    "/rounds/{round_id}/peer/{unit_id}", response=SheetOut, summary="Phiếu chấm chéo của bạn cho một đơn vị"
)
def peer_sheet_for(request: HttpRequest, round_id: int, unit_id: int) -> Any:
    """The user's own cross-scoring sheet on a unit. A unit never scores itself (422)."""
    scoring_round = _round(request, round_id)
    user: Any = request.user
    if user.unit_id is not None and unit_id == user.unit_id:
        raise ValidationError(_("Đơn vị không tự chấm chéo cho chính mình."))
    sheets = sheets_for_user(user).filter(scorer_filter(user), round=scoring_round, kind=SheetKind.PEER)
    return get_object_or_404(sheets, unit_id=unit_id)


@router.get("/sheets/{sheet_id}", response=SheetOut, summary="Một phiếu chấm điểm")
def get_sheet(request: HttpRequest, sheet_id: int) -> Any:
    return _sheet(request, sheet_id)


@router.put("/sheets/{sheet_id}", response=SheetOut, summary="Lưu điểm, ghi chú của phiếu (bản nháp)")
def save_sheet(request: HttpRequest, sheet_id: int, payload: SheetIn) -> Any:
    services.save_sheet(
        request.user, _sheet(request, sheet_id), points=payload.points, notes=payload.notes, note=payload.note
    )
    return _sheet(request, sheet_id)


@router.post("/sheets/{sheet_id}/submit", response=SheetOut, summary="Nộp phiếu (khóa phiếu)")
def submit_sheet(request: HttpRequest, sheet_id: int) -> Any:
    services.submit_sheet(request.user, _sheet(request, sheet_id))
    return _sheet(request, sheet_id)


def _criterion(sheet: ScoreSheet, criterion_id: int) -> Criterion:
    return get_object_or_404(Criterion, pk=criterion_id, table__pledge_id=sheet.round.pledge_id)


@router.post(
    "/sheets/{sheet_id}/evidence/link", response={201: EvidenceOut}, summary="Thêm minh chứng là đường dẫn"
)
def add_evidence_link(request: HttpRequest, sheet_id: int, payload: EvidenceLinkIn) -> Any:
    sheet = _sheet(request, sheet_id)
    criterion = _criterion(sheet, payload.criterion_id)
    return Status(
        201, services.add_evidence_link(request.user, sheet, criterion, url=payload.url, title=payload.title)
    )


@router.post(
    "/sheets/{sheet_id}/evidence/file", response={201: EvidenceOut}, summary="Thêm minh chứng là tệp"
)
def add_evidence_file(
    request: HttpRequest,
    sheet_id: int,
    criterion_id: Form[int],
    file: File[UploadedFile],
    title: Form[str] = "",
) -> Any:
    sheet = _sheet(request, sheet_id)
    criterion = _criterion(sheet, criterion_id)
    return Status(201, services.add_evidence_file(request.user, sheet, criterion, upload=file, title=title))


@router.delete("/evidence/{evidence_id}", response={204: None}, summary="Gỡ minh chứng")
def remove_evidence(request: HttpRequest, evidence_id: int) -> Any:
    evidence = get_object_or_404(evidence_for_user(request.user), pk=evidence_id)
    services.remove_evidence(request.user, evidence)
    return Status(204, None)


# --- discrepancies, ranking, results ----------------------------------------------------------------------------


def _flag_out(flag: Any) -> dict[str, Any]:
    r = flag.reconciliation
    return {
        "unit": {"id": flag.unit.pk, "name": flag.unit.name},
        "criterion_id": flag.row.criterion.pk,
        "key": flag.row.key,
        "label": flag.row.label,
        "self_points": flag.self_points,
        "peer_points": flag.peer_points,
        "limit": flag.limit,
        "reconciled": flag.is_reconciled,
        "stale": flag.is_stale,
        "reason": r.reason if r else None,
        "agreed_points": r.points if r else None,
    }


def _overseen(request: HttpRequest, round_id: int) -> ScoringRound:
    scoring_round = _round(request, round_id)
    if not request.user.has_perm("scoring.oversee_round", scoring_round):
        raise PermissionDenied(_("Chỉ Khối trưởng (từ khi mở chấm chéo) và Phòng TĐKT xem chênh lệch điểm."))
    return scoring_round


@router.get("/rounds/{round_id}/flags", response=list[FlagOut], summary="Tiêu chí chênh lệch điểm")
def list_flags(request: HttpRequest, round_id: int) -> Any:
    return [_flag_out(flag) for flag in round_inputs(_overseen(request, round_id)).flags]


@router.post("/rounds/{round_id}/reconcile", response=FlagOut, summary="Khối trưởng xử lý một chênh lệch")
def reconcile(request: HttpRequest, round_id: int, payload: ReconcileIn) -> Any:
    scoring_round = _round(request, round_id)
    if not request.user.has_perm("scoring.manage_round", scoring_round):
        raise PermissionDenied(_("Chỉ Khối trưởng (Khối phó) hoặc Phòng TĐKT xử lý chênh lệch điểm."))
    unit = next((m.unit for m in members_of(scoring_round) if m.unit_id == payload.unit_id), None)
    if unit is None:
        raise ValidationError(_("Đơn vị không phải thành viên của Khối trong năm này."))
    criterion = get_object_or_404(
        Criterion, pk=payload.criterion_id, table__pledge_id=scoring_round.pledge_id
    )
    services.reconcile(
        request.user, scoring_round, unit, criterion, reason=payload.reason, points=payload.points
    )
    flags = round_inputs(scoring_round).flags
    return _flag_out(next(f for f in flags if f.unit.pk == unit.pk and f.row.criterion == criterion))


@router.get(
    "/rounds/{round_id}/ranking", response=list[RankedOut], summary="Bảng xếp hạng (sau khi kết thúc)"
)
def get_ranking(request: HttpRequest, round_id: int) -> Any:
    scoring_round = _round(request, round_id)
    if not request.user.has_perm("scoring.view_ranking", scoring_round):
        raise PermissionDenied(_("Bảng xếp hạng chỉ công bố sau khi Khối trưởng kết thúc chấm điểm."))
    return [
        {
            "rank": entry.rank,
            "unit": {"id": entry.unit.pk, "name": entry.unit.name},
            "final_score": entry.final_score,
            "tied": entry.tied,
            "decided_by": entry.decided_by,
        }
        for entry in ranking_for_user(request.user, scoring_round)
    ]


@router.get(
    "/rounds/{round_id}/results/{unit_id}", response=BreakdownOut, summary="Điểm chi tiết của một đơn vị"
)
def get_result(request: HttpRequest, round_id: int, unit_id: int) -> Any:
    final = get_object_or_404(
        final_scores_for_user(request.user).select_related("round__pledge__table"),
        round_id=round_id,
        unit_id=unit_id,
    )
    named = request.user.has_perm("scoring.view_all_results", final.round)
    explained = breakdown(final, table_rows(final.round), named=named)
    return {
        "unit": {"id": final.unit.pk, "name": final.unit.name},
        "total": final.total,
        "rank": final.rank,
        "tied": final.tied,
        "formula": final.formula,
        "formula_text": explained.formula_text,
        "groups": {row.code: points for row, points in explained.groups},
        "sheets": [{"label": s.label, "total": s.total, "dropped": s.dropped} for s in explained.sheets],
        "lines": [
            {
                "key": line.row.key,
                "label": line.row.label,
                "kind": line.row.kind,
                "maximum": line.row.maximum,
                "self_points": line.self_points,
                "peer_points": [
                    {"label": p.label, "points": p.points, "counted": p.counted} for p in line.peers
                ],
                "peer_mean": line.peer_part,
                "final": line.final,
                "flagged": line.flagged,
                "reason": line.reason,
                "agreed_points": line.agreed,
            }
            for line in explained.lines
            if line.row.takes_points
        ],
        # Raw inputs name the scorers (``u<unit id>``): only for those who may see who scored.
        "inputs": final.inputs if named else None,
        "result": formulas.result_to_json(explained.result) if named else None,
    }


# --- a ballot from the ranking ----------------------------------------------------------------------------------


class BallotFromRankingIn(Schema):
    """The rule of the ballot as ``POST /ballots/`` takes it; the block, the year and the candidates come from
    the round (its ranking, best first)."""

    question: str
    award_code: str = ""
    mode: str = "electronic"
    max_choices: int = 1
    #: a share such as "0.8", "80%" or "2/3"
    threshold: str | None = None
    threshold_comparison: str | None = None
    threshold_base: str | None = None
    quorum: str | None = None
    rule_source: str = ""


class BallotCandidateOut(Schema):
    id: int
    label: str
    unit_id: int | None


class BallotFromRankingOut(Schema):
    id: int
    state: str
    question: str
    url: str
    candidates: list[BallotCandidateOut]


@router.post(
    "/rounds/{round_id}/ballot",
    response={201: BallotFromRankingOut},
    summary="Lập phiên bỏ phiếu từ kết quả xếp hạng",
)
def ballot_from_ranking(request: HttpRequest, round_id: int, payload: BallotFromRankingIn) -> Any:
    session = services.ballot_from_ranking(request.user, _round(request, round_id), **payload.dict())
    return Status(
        201,
        {
            "id": session.pk,
            "state": session.state,
            "question": session.question,
            "url": session.get_absolute_url(),
            "candidates": [
                {"id": c.pk, "label": c.label, "unit_id": c.unit_id}
                for c in session.candidates.order_by("order", "pk")
            ],
        },
    )
