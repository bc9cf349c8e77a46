"""The commendation endpoints of the API: thin wrappers over the same services and queries as the pages.

Objects are reached through the ``*_for_user`` queries, so one the user may not see is a 404; a refused action is
a 403 (who) or a 422 with the Vietnamese reason (state, bad input; an import lists every row's problem).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Schema, Status, UploadedFile
from ninja.pagination import PageNumberPagination, paginate

from tdkt.awards import catalogue, services
from tdkt.awards.appraisal import check_candidates
from tdkt.awards.eligibility import all_verdicts, person_subjects, unit_subjects
from tdkt.awards.models import AddedBaseSalary, AwardRecord, Candidate, Decision, DossierFile, Hold, Proposal
from tdkt.awards.queries import (
    candidates_of,
    decisions_for_user,
    dossier_files_for_user,
    person_history,
    proposals_for_user,
    records_of,
    register_order,
    search_register,
    unit_history,
    units_with_history_for_user,
)
from tdkt.awards.salaries import SalaryLine, salary_lines
from tdkt.org.models import EmulationBlock, Person, Unit
from tdkt.org.queries import blocks_for_user, current_year, people_for_user

router = Router(tags=["awards"])
PAGE_SIZE = 50


# --- schemas -------------------------------------------------------------------------------------------------


class ReasonOut(Schema):
    met: bool | None
    text: str
    citation: str
    basis: str


class VerdictOut(Schema):
    award: str
    award_name: str
    status: str
    reasons: list[ReasonOut]


class CheckOut(Schema):
    check: str
    met: bool | None
    text: str
    citation: str


class CandidateOut(Schema):
    id: int
    order: int
    person_id: int | None
    unit_id: int | None
    name: str
    appraisal: str
    appraisal_reason: str
    council_votes: int | None
    council_passed: bool | None
    verdict: VerdictOut | None = None
    checks: list[CheckOut] = []


class FileOut(Schema):
    id: int
    item: str
    candidate_id: int | None
    name: str
    size: int
    url: str


class ProposalFields(Schema):
    id: int
    unit_id: int
    unit: str
    block_id: int | None
    year: int
    award_code: str
    award_name: str
    subject_kind: str
    title: str
    state: str
    url: str


class ProposalRow(ProposalFields):
    @staticmethod
    def resolve_unit(obj: Proposal) -> str:
        return obj.unit.name

    @staticmethod
    def resolve_award_name(obj: Proposal) -> str:
        return catalogue.award_name(obj.award_code)

    @staticmethod
    def resolve_url(obj: Proposal) -> str:
        return obj.get_absolute_url()


class ProposalOut(ProposalFields):
    return_reason: str
    ballot_id: int | None
    submitted_at: datetime.datetime | None
    ruleset: str
    candidates: list[CandidateOut]
    files: list[FileOut]
    decision_ids: list[int]


class ProposalIn(Schema):
    year: int
    award_code: str
    subject_kind: str | None = None
    block_id: int | None = None
    title: str = ""


class CandidatesIn(Schema):
    person_ids: list[int] = []
    unit_ids: list[int] = []


class AppraisalIn(Schema):
    accept: bool
    reason: str = ""


class ReasonIn(Schema):
    reason: str


class IssueIn(Schema):
    issuer_id: int
    signed_on: datetime.date
    signer_name: str
    signer_title: str
    summary: str = ""


class RecordOut(Schema):
    id: int
    decision_id: int
    decision: str
    signed_on: datetime.date
    issuer: str
    order: int
    person_id: int | None
    unit_id: int | None
    subject_name: str
    unit_name: str
    award_code: str
    award_name: str
    award_kind: str
    first_year: int
    year: int
    coefficient: str | None
    base_salary: int | None
    bonus: int | None
    bonus_note: str
    cancelled_by: int | None

    @staticmethod
    def resolve_decision(obj: AwardRecord) -> str:
        return obj.decision.reference

    @staticmethod
    def resolve_signed_on(obj: AwardRecord) -> datetime.date:
        return obj.decision.signed_on

    @staticmethod
    def resolve_issuer(obj: AwardRecord) -> str:
        return obj.decision.issuer_name

    @staticmethod
    def resolve_coefficient(obj: AwardRecord) -> str | None:
        return str(obj.coefficient) if obj.coefficient is not None else None

    @staticmethod
    def resolve_cancelled_by(obj: AwardRecord) -> int | None:
        cancellation = getattr(obj, "cancellation", None) if hasattr(obj, "cancellation") else None
        return cancellation.decision_id if cancellation is not None else None


class DecisionFields(Schema):
    id: int
    reference: str
    number: int
    symbol: str
    year: int
    signed_on: datetime.date
    issuer_id: int | None
    issuer_name: str
    signer_name: str
    signer_title: str
    kind: str
    summary: str
    external: bool
    corrects_id: int | None
    proposal_id: int | None
    url: str


class DecisionRow(DecisionFields):
    @staticmethod
    def resolve_url(obj: Decision) -> str:
        return obj.get_absolute_url()


class DecisionOut(DecisionFields):
    reason: str
    ruleset: str
    records: list[RecordOut]
    cancelled_record_ids: list[int]


class CorrectionIn(Schema):
    cancel_record_ids: list[int]
    reason: str
    signed_on: datetime.date
    signer_name: str
    signer_title: str


class DecisionRefIn(Schema):
    issuer_name: str
    number: int
    symbol: str
    signed_on: datetime.date
    signer_name: str = ""


class RatingIn(Schema):
    year: int
    rating: str = ""
    months_worked: int = 12
    leave: dict[str, int] = {}
    note: str = ""


class UnitRatingIn(Schema):
    year: int
    rating: str
    note: str = ""


class InitiativeIn(Schema):
    year: int
    title: str
    scope: str
    kind: str = "initiative"
    decision: DecisionRefIn


class DisciplineIn(Schema):
    level: str
    start: datetime.date
    end: datetime.date | None = None
    decision_ref: str = ""
    reason: str = ""


class HoldIn(Schema):
    kind: str
    start: datetime.date
    end: datetime.date | None = None
    note: str = ""


class PastAwardIn(Schema):
    award_code: str
    year: int
    decision: DecisionRefIn


class YearOut(Schema):
    year: int
    rating: str
    months_worked: int
    leave: dict[str, int]
    unit_id: int


class InitiativeOut(Schema):
    id: int
    year: int
    title: str
    kind: str
    scope: str
    decision_id: int


class DisciplineOut(Schema):
    id: int
    level: str
    start: datetime.date
    end: datetime.date | None
    decision_ref: str
    reason: str


class HoldOut(Schema):
    id: int
    kind: str
    start: datetime.date
    end: datetime.date | None
    note: str


class PersonHistoryOut(Schema):
    person_id: int
    full_name: str
    unit_id: int
    years: list[YearOut]
    records: list[RecordOut]
    initiatives: list[InitiativeOut]
    disciplines: list[DisciplineOut]
    holds: list[HoldOut]


class UnitYearOut(Schema):
    year: int
    rating: str
    note: str


class UnitHistoryOut(Schema):
    unit_id: int
    name: str
    years: list[UnitYearOut]
    records: list[RecordOut]
    holds: list[HoldOut]


class EligibilityOut(Schema):
    ruleset: str
    year: int
    as_of: datetime.date
    verdicts: list[VerdictOut]


class BaseSalaryOut(Schema):
    id: int | None  # None: a row of a ruleset file
    effective_from: datetime.date
    amount: int
    citation: str
    confidence: str
    note: str
    source: str  # the ruleset's id, or "added"
    added_by: str | None
    added_at: datetime.datetime | None
    in_force: bool


class BaseSalaryIn(Schema):
    effective_from: datetime.date
    amount: int
    citation: str
    confidence: str
    note: str = ""


class ImportOut(Schema):
    people_created: int
    people_found: int
    ratings: int
    awards: int
    converted: dict[str, str]
    summary: str


# --- helpers -------------------------------------------------------------------------------------------------


def _verdict_out(verdict: Any) -> dict[str, Any]:
    return {
        "award": verdict.award,
        "award_name": catalogue.award_name(verdict.award),
        "status": str(verdict.status),
        "reasons": [
            {"met": r.met, "text": r.text, "citation": r.citation, "basis": str(r.basis)}
            for r in verdict.reasons
        ],
    }


def _proposal(request: HttpRequest, proposal_id: int) -> Proposal:
    return get_object_or_404(proposals_for_user(request.user), pk=proposal_id)


def _proposal_out(request: HttpRequest, proposal_id: int) -> dict[str, Any]:
    proposal = _proposal(request, proposal_id)
    candidates = list(candidates_of(proposal))
    checks = {c.candidate.pk: c for c in check_candidates(proposal, candidates)} if candidates else {}
    rows = []
    for c in candidates:
        check = checks.get(c.pk)
        rows.append(
            {
                "id": c.pk,
                "order": c.order,
                "person_id": c.person_id,
                "unit_id": c.unit_id,
                "name": c.name,
                "appraisal": c.appraisal,
                "appraisal_reason": c.appraisal_reason,
                "council_votes": c.council_votes,
                "council_passed": c.council_passed,
                "verdict": {
                    "award": proposal.award_code,
                    "award_name": catalogue.award_name(proposal.award_code),
                    "status": check.status,
                    "reasons": [
                        {"met": r.met, "text": r.text, "citation": r.citation, "basis": str(r.basis)}
                        for r in check.reasons
                    ],
                }
                if check
                else None,
                "checks": [ch.as_json() for ch in check.checks] if check else [],
            }
        )
    files = [
        {
            "id": f.pk,
            "item": f.item,
            "candidate_id": f.candidate_id,
            "name": f.original_name,
            "size": f.size,
            "url": f.get_absolute_url(),
        }
        for f in proposal.files.order_by("created_at", "pk")
    ]
    return {
        **ProposalRow.from_orm(proposal).dict(),
        "return_reason": proposal.return_reason,
        "ballot_id": proposal.ballot_id,
        "submitted_at": proposal.submitted_at,
        "ruleset": next(iter(checks.values())).ruleset if checks else "",
        "candidates": rows,
        "files": files,
        "decision_ids": list(proposal.decisions.values_list("pk", flat=True)),
    }


def _unit_of_user(request: HttpRequest) -> Unit:
    unit = Unit.objects.filter(pk=getattr(request.user, "unit_id", None) or 0).first()
    if unit is None:
        raise ValidationError(_("Tài khoản không thuộc đơn vị nào."))
    return unit


def _person(request: HttpRequest, person_id: int) -> Person:
    return get_object_or_404(people_for_user(request.user), pk=person_id)


def _history_unit(request: HttpRequest, unit_id: int) -> Unit:
    return get_object_or_404(units_with_history_for_user(request.user), pk=unit_id)


def _ref(payload: DecisionRefIn) -> services.DecisionRef:
    return services.DecisionRef(**payload.dict())


def _decision_out(decision: Decision) -> dict[str, Any]:
    records = list(records_of(decision))
    return {
        **DecisionRow.from_orm(decision).dict(),
        "reason": decision.reason,
        "ruleset": decision.ruleset,
        "records": records,
        "cancelled_record_ids": list(decision.cancellations.values_list("record_id", flat=True)),
    }


# --- proposals -----------------------------------------------------------------------------------------------


@router.get("/proposals/", response=list[ProposalRow], summary="Tờ trình đề nghị khen thưởng (tôi được xem)")
@paginate(PageNumberPagination, page_size=PAGE_SIZE)
def list_proposals(request: HttpRequest, year: int | None = None, state: str | None = None) -> Any:
    proposals = proposals_for_user(request.user)
    if year is not None:
        proposals = proposals.filter(year=year)
    if state:
        proposals = proposals.filter(state=state)
    return proposals.order_by("-year", "-pk")


@router.post("/proposals/", response={201: ProposalOut}, summary="Lập tờ trình đề nghị của đơn vị tôi")
def create_proposal(request: HttpRequest, payload: ProposalIn) -> Any:
    block: EmulationBlock | None = None
    if payload.block_id is not None:
        block = blocks_for_user(request.user).filter(pk=payload.block_id).first()
        if block is None:
            raise ValidationError({"block_id": _("Không tìm thấy khối, cụm thi đua.")})
    proposal = services.create_proposal(
        request.user,
        unit=_unit_of_user(request),
        year=payload.year,
        award_code=payload.award_code,
        subject_kind=payload.subject_kind,
        block=block,
        title=payload.title,
    )
    return Status(201, _proposal_out(request, proposal.pk))


@router.get(
    "/proposals/{proposal_id}", response=ProposalOut, summary="Một tờ trình, với điều kiện từng trường hợp"
)
def get_proposal(request: HttpRequest, proposal_id: int) -> Any:
    return _proposal_out(request, proposal_id)


@router.put("/proposals/{proposal_id}/candidates", response=ProposalOut, summary="Lập danh sách đề nghị")
def set_candidates(request: HttpRequest, proposal_id: int, payload: CandidatesIn) -> Any:
    proposal = _proposal(request, proposal_id)
    people = list(Person.objects.filter(pk__in=payload.person_ids))
    units = list(Unit.objects.filter(pk__in=payload.unit_ids))
    if len(people) != len(set(payload.person_ids)) or len(units) != len(set(payload.unit_ids)):
        raise ValidationError({"candidates": _("Không tìm thấy người, tập thể được chọn.")})
    order = {pk: i for i, pk in enumerate(payload.person_ids)}
    people.sort(key=lambda p: order[p.pk])
    unit_order = {pk: i for i, pk in enumerate(payload.unit_ids)}
    units.sort(key=lambda u: unit_order[u.pk])
    services.set_candidates(request.user, proposal, people=people, units=units)
    return _proposal_out(request, proposal.pk)


@router.post("/proposals/{proposal_id}/files", response={201: FileOut}, summary="Thêm tệp hồ sơ")
def add_file(
    request: HttpRequest,
    proposal_id: int,
    file: File[UploadedFile],
    item: Form[str],
    candidate_id: Form[int | None] = None,
) -> Any:
    proposal = _proposal(request, proposal_id)
    candidate = None
    if candidate_id is not None:
        candidate = Candidate.objects.filter(pk=candidate_id, proposal=proposal).first()
        if candidate is None:
            raise ValidationError({"candidate_id": _("Trường hợp không thuộc tờ trình này.")})
    dossier = services.add_dossier_file(request.user, proposal, item=item, upload=file, candidate=candidate)
    return Status(
        201,
        {
            "id": dossier.pk,
            "item": dossier.item,
            "candidate_id": dossier.candidate_id,
            "name": dossier.original_name,
            "size": dossier.size,
            "url": dossier.get_absolute_url(),
        },
    )


@router.delete("/files/{file_id}", response={204: None}, summary="Gỡ tệp hồ sơ")
def remove_file(request: HttpRequest, file_id: int) -> Any:
    dossier: DossierFile = get_object_or_404(dossier_files_for_user(request.user), pk=file_id)
    services.remove_dossier_file(request.user, dossier)
    return Status(204, None)


@router.post("/proposals/{proposal_id}/submit", response=ProposalOut, summary="Gửi Phòng TĐKT thẩm định")
def submit(request: HttpRequest, proposal_id: int) -> Any:
    services.submit_proposal(request.user, _proposal(request, proposal_id))
    return _proposal_out(request, proposal_id)


@router.post(
    "/proposals/{proposal_id}/candidates/{candidate_id}/appraisal",
    response=ProposalOut,
    summary="Thẩm định một trường hợp",
)
def appraise(request: HttpRequest, proposal_id: int, candidate_id: int, payload: AppraisalIn) -> Any:
    proposal = _proposal(request, proposal_id)
    candidate = get_object_or_404(Candidate, pk=candidate_id, proposal=proposal)
    services.appraise_candidate(request.user, candidate, accept=payload.accept, reason=payload.reason)
    return _proposal_out(request, proposal_id)


@router.post("/proposals/{proposal_id}/return", response=ProposalOut, summary="Trả lại tờ trình")
def return_proposal(request: HttpRequest, proposal_id: int, payload: ReasonIn) -> Any:
    services.return_proposal(request.user, _proposal(request, proposal_id), reason=payload.reason)
    return _proposal_out(request, proposal_id)


@router.post(
    "/proposals/{proposal_id}/send-to-council", response=ProposalOut, summary="Trình Hội đồng bỏ phiếu"
)
def send_to_council(request: HttpRequest, proposal_id: int) -> Any:
    services.send_to_council(request.user, _proposal(request, proposal_id))
    return _proposal_out(request, proposal_id)


@router.post(
    "/proposals/{proposal_id}/approve", response=ProposalOut, summary="Trình ký (không cần Hội đồng bỏ phiếu)"
)
def approve(request: HttpRequest, proposal_id: int) -> Any:
    services.approve_for_decision(request.user, _proposal(request, proposal_id))
    return _proposal_out(request, proposal_id)


@router.post(
    "/proposals/{proposal_id}/council-result", response=ProposalOut, summary="Ghi nhận kết quả Hội đồng"
)
def council_result(request: HttpRequest, proposal_id: int) -> Any:
    services.record_council_result(request.user, _proposal(request, proposal_id))
    return _proposal_out(request, proposal_id)


@router.post("/proposals/{proposal_id}/decision", response={201: DecisionOut}, summary="Ban hành quyết định")
def issue(request: HttpRequest, proposal_id: int, payload: IssueIn) -> Any:
    proposal = _proposal(request, proposal_id)
    issuer = Unit.objects.filter(pk=payload.issuer_id, is_active=True).first()
    if issuer is None:
        raise ValidationError({"issuer_id": _("Không tìm thấy cơ quan ban hành.")})
    decision = services.issue_decision(
        request.user,
        proposal,
        issuer=issuer,
        signed_on=payload.signed_on,
        signer_name=payload.signer_name,
        signer_title=payload.signer_title,
        summary=payload.summary,
    )
    return Status(201, _decision_out(decision))


# --- decisions and the register -------------------------------------------------------------------------------


@router.get("/decisions/", response=list[DecisionRow], summary="Quyết định (tôi được xem)")
@paginate(PageNumberPagination, page_size=PAGE_SIZE)
def list_decisions(request: HttpRequest, year: int | None = None) -> Any:
    decisions = decisions_for_user(request.user)
    if year is not None:
        decisions = decisions.filter(year=year)
    return decisions.order_by("-signed_on", "-pk")


@router.get("/decisions/{decision_id}", response=DecisionOut, summary="Một quyết định với danh sách")
def get_decision(request: HttpRequest, decision_id: int) -> Any:
    return _decision_out(get_object_or_404(decisions_for_user(request.user), pk=decision_id))


@router.post(
    "/decisions/{decision_id}/corrections",
    response={201: DecisionOut},
    summary="Ban hành quyết định đính chính",
)
def correct(request: HttpRequest, decision_id: int, payload: CorrectionIn) -> Any:
    decision = get_object_or_404(decisions_for_user(request.user), pk=decision_id)
    records = list(AwardRecord.objects.filter(pk__in=payload.cancel_record_ids))
    if len(records) != len(set(payload.cancel_record_ids)):
        raise ValidationError({"cancel_record_ids": _("Mục cần hủy không thuộc quyết định này.")})
    correction = services.issue_correction(
        request.user,
        decision,
        cancel=records,
        reason=payload.reason,
        signed_on=payload.signed_on,
        signer_name=payload.signer_name,
        signer_title=payload.signer_title,
    )
    return Status(201, _decision_out(correction))


@router.get(
    "/register/", response=list[RecordOut], summary="Sổ khen thưởng: tìm theo tên (không dấu), năm, danh hiệu"
)
@paginate(PageNumberPagination, page_size=PAGE_SIZE)
def register(
    request: HttpRequest,
    q: str = "",
    year: int | None = None,
    award_code: str = "",
    unit_id: int | None = None,
) -> Any:
    return register_order(
        search_register(request.user, query=q[:100], year=year, award_code=award_code, unit_id=unit_id)
    ).select_related("cancellation")


# --- histories -----------------------------------------------------------------------------------------------


@router.get(
    "/people/{person_id}/history",
    response=PersonHistoryOut,
    summary="Lịch sử thi đua, khen thưởng của một người",
)
def person_history_out(request: HttpRequest, person_id: int) -> Any:
    history = person_history(_person(request, person_id))
    person = history.person
    return {
        "person_id": person.pk,
        "full_name": person.full_name,
        "unit_id": person.unit_id,
        "years": [
            {
                "year": y.year,
                "rating": y.rating,
                "months_worked": y.months_worked,
                "leave": {leave.kind: leave.months for leave in y.leaves.all()},
                "unit_id": y.unit_id,
            }
            for y in history.years
        ],
        "records": history.records,
        "initiatives": history.initiatives,
        "disciplines": history.disciplines,
        "holds": history.holds,
    }


@router.get(
    "/units/{unit_id}/history",
    response=UnitHistoryOut,
    summary="Lịch sử thi đua, khen thưởng của một tập thể",
)
def unit_history_out(request: HttpRequest, unit_id: int) -> Any:
    history = unit_history(_history_unit(request, unit_id))
    return {
        "unit_id": history.unit.pk,
        "name": history.unit.name,
        "years": history.years,
        "records": history.records,
        "holds": history.holds,
    }


@router.get(
    "/people/{person_id}/eligibility", response=EligibilityOut, summary="Điều kiện của một người trong năm"
)
def person_eligibility(request: HttpRequest, person_id: int, year: int | None = None) -> Any:
    person = _person(request, person_id)
    year = year or current_year()
    today = timezone.localdate()
    verdicts = all_verdicts(person_subjects([person], year, today)[0], year, today)
    return {
        "ruleset": verdicts.ruleset,
        "year": year,
        "as_of": today,
        "verdicts": [_verdict_out(v) for v in verdicts.verdicts],
    }


@router.get(
    "/units/{unit_id}/eligibility", response=EligibilityOut, summary="Điều kiện của một tập thể trong năm"
)
def unit_eligibility(request: HttpRequest, unit_id: int, year: int | None = None) -> Any:
    unit = _history_unit(request, unit_id)
    year = year or current_year()
    today = timezone.localdate()
    verdicts = all_verdicts(unit_subjects([unit], year, today)[0], year, today)
    return {
        "ruleset": verdicts.ruleset,
        "year": year,
        "as_of": today,
        "verdicts": [_verdict_out(v) for v in verdicts.verdicts],
    }


@router.post("/people/{person_id}/ratings", response={201: YearOut}, summary="Ghi xếp loại năm")
def set_rating(request: HttpRequest, person_id: int, payload: RatingIn) -> Any:
    row = services.set_rating(request.user, _person(request, person_id), **payload.dict())
    leave = {leave.kind: leave.months for leave in row.leaves.all()}
    return Status(
        201,
        {
            "year": row.year,
            "rating": row.rating,
            "months_worked": row.months_worked,
            "leave": leave,
            "unit_id": row.unit_id,
        },
    )


@router.post("/units/{unit_id}/ratings", response={201: UnitYearOut}, summary="Ghi xếp loại tập thể")
def set_unit_rating(request: HttpRequest, unit_id: int, payload: UnitRatingIn) -> Any:
    return Status(
        201, services.set_unit_rating(request.user, _history_unit(request, unit_id), **payload.dict())
    )


@router.post("/people/{person_id}/initiatives", response={201: InitiativeOut}, summary="Ghi sáng kiến")
def add_initiative(request: HttpRequest, person_id: int, payload: InitiativeIn) -> Any:
    values = payload.dict()
    values.pop("decision")
    return Status(
        201,
        services.add_initiative(
            request.user, _person(request, person_id), decision=_ref(payload.decision), **values
        ),
    )


@router.post("/people/{person_id}/disciplines", response={201: DisciplineOut}, summary="Ghi kỷ luật")
def add_discipline(request: HttpRequest, person_id: int, payload: DisciplineIn) -> Any:
    return Status(201, services.add_discipline(request.user, _person(request, person_id), **payload.dict()))


@router.post(
    "/people/{person_id}/holds", response={201: HoldOut}, summary="Ghi trường hợp chưa xét khen thưởng"
)
def person_hold(request: HttpRequest, person_id: int, payload: HoldIn) -> Any:
    return Status(201, services.set_hold(request.user, _person(request, person_id), **payload.dict()))


@router.post(
    "/units/{unit_id}/holds", response={201: HoldOut}, summary="Ghi trường hợp chưa xét khen thưởng (tập thể)"
)
def unit_hold(request: HttpRequest, unit_id: int, payload: HoldIn) -> Any:
    return Status(201, services.set_hold(request.user, _history_unit(request, unit_id), **payload.dict()))


@router.post("/holds/{hold_id}/lift", response=HoldOut, summary="Chấm dứt trường hợp chưa xét khen thưởng")
def lift_hold(request: HttpRequest, hold_id: int) -> Any:
    hold = get_object_or_404(Hold, pk=hold_id)
    if hold.person_id is not None:
        _person(request, hold.person_id)
    else:
        _history_unit(request, hold.unit_id or 0)
    return services.lift_hold(request.user, hold)


@router.post(
    "/people/{person_id}/past-awards",
    response={201: RecordOut},
    summary="Ghi khen thưởng theo quyết định đã ban hành",
)
def person_past_award(request: HttpRequest, person_id: int, payload: PastAwardIn) -> Any:
    return Status(
        201,
        services.record_past_award(
            request.user,
            _person(request, person_id),
            award_code=payload.award_code,
            year=payload.year,
            decision=_ref(payload.decision),
        ),
    )


@router.post(
    "/units/{unit_id}/past-awards",
    response={201: RecordOut},
    summary="Ghi khen thưởng của tập thể theo quyết định đã ban hành",
)
def unit_past_award(request: HttpRequest, unit_id: int, payload: PastAwardIn) -> Any:
    return Status(
        201,
        services.record_past_award(
            request.user,
            _history_unit(request, unit_id),
            award_code=payload.award_code,
            year=payload.year,
            decision=_ref(payload.decision),
        ),
    )


@router.post("/units/{unit_id}/import", response=ImportOut, summary="Nhập lịch sử của đơn vị từ Excel")
def import_history(request: HttpRequest, unit_id: int, file: File[UploadedFile]) -> Any:
    unit = _history_unit(request, unit_id)
    report = services.import_history(request.user, unit, file.read())
    return {**report.__dict__, "summary": report.summary()}


# --- base salaries ------------------------------------------------------------------------------------------


def _salary_out(line: SalaryLine) -> dict[str, Any]:
    row = line.row
    return {
        "id": row.pk if row is not None else None,
        "effective_from": line.salary.effective_from,
        "amount": line.salary.amount,
        "citation": line.salary.cited.citation,
        "confidence": line.salary.cited.confidence,
        "note": line.salary.cited.note,
        "source": line.source or "added",
        "added_by": row.added_by.get_username() if row is not None and row.added_by is not None else None,
        "added_at": row.added_at if row is not None else None,
        "in_force": line.in_force,
    }


@router.get(
    "/base-salaries/",
    response=list[BaseSalaryOut],
    summary="Mức lương cơ sở: của bộ quy tắc và do quản trị hệ thống thêm (đánh dấu mức áp dụng ngày `on`)",
)
def list_base_salaries(request: HttpRequest, on: datetime.date | None = None) -> Any:
    if not request.user.has_perm("awards.view_ruleset"):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
    return [_salary_out(line) for line in salary_lines(on or timezone.localdate())]


@router.post("/base-salaries/", response={201: BaseSalaryOut}, summary="Thêm mức lương cơ sở")
def add_base_salary(request: HttpRequest, payload: BaseSalaryIn) -> Any:
    row = services.add_base_salary(request.user, **payload.dict())
    (line,) = [
        line for line in salary_lines(row.effective_from) if line.row is not None and line.row.pk == row.pk
    ]
    return Status(201, _salary_out(line))


@router.delete("/base-salaries/{row_id}", response={204: None}, summary="Rút mức lương cơ sở đã thêm nhầm")
def withdraw_base_salary(request: HttpRequest, row_id: int) -> Any:
    if not request.user.has_perm("awards.withdraw_base_salary"):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
    services.withdraw_base_salary(request.user, get_object_or_404(AddedBaseSalary, pk=row_id))
    return Status(204, None)
