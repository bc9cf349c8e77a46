"""The ballots endpoints of the API: thin wrappers over the same services and queries as the pages.

A session the user may not see is a 404; a refused action a 403 (who) or a 422 with the Vietnamese reason
(state, bad input). No endpoint returns what a voter chose: casting answers 204 with no body, the roll says only
who has voted, and results are ``null`` until the session is counted.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.pagination import PageNumberPagination, paginate

from tdkt.ballots import services
from tdkt.ballots.display import rule_text
from tdkt.ballots.models import BallotSession, Candidate, RollEntry, Tally, TallyLine
from tdkt.ballots.queries import (
    candidates_of,
    roll_entry_for,
    roll_of,
    sessions_for_user,
    tally_lines,
    tally_of,
    turnout,
)
from tdkt.org.models import Council
from tdkt.org.queries import blocks_for_user, people_for_user, units_for_user

router = Router(tags=["ballots"])
PAGE_SIZE = 30


class SessionRow(Schema):
    id: int
    question: str
    roll_kind: str
    block_id: int | None
    council_id: int | None
    year: int
    award_code: str
    mode: str
    max_choices: int
    threshold: str
    threshold_comparison: str
    threshold_base: str
    quorum: str
    rule: str
    rule_source: str
    state: str
    url: str

    @staticmethod
    def resolve_threshold(obj: BallotSession) -> str:
        return str(obj.threshold)

    @staticmethod
    def resolve_quorum(obj: BallotSession) -> str:
        return str(obj.quorum)

    @staticmethod
    def resolve_rule(obj: BallotSession) -> str:
        return rule_text(obj)

    @staticmethod
    def resolve_url(obj: BallotSession) -> str:
        return obj.get_absolute_url()


class CandidateOut(Schema):
    id: int
    order: int
    label: str
    unit_id: int | None
    person_id: int | None
    note: str


class RollEntryOut(Schema):
    id: int
    order: int
    label: str
    unit_id: int | None
    person_id: int | None
    has_voted: bool


class LineOut(Schema):
    candidate_id: int
    label: str
    votes: int
    share: str
    reached: bool
    outcome: str

    @staticmethod
    def resolve_label(obj: TallyLine) -> str:
        return obj.candidate.label

    @staticmethod
    def resolve_share(obj: TallyLine) -> str:
        return str(obj.share)


class ResultsOut(Schema):
    """The data of the vote-count minutes (biên bản kiểm phiếu)."""

    mode: str
    roll_count: int
    present_count: int
    ballots_issued: int
    ballots_received: int
    ballots_valid: int
    ballots_invalid: int
    max_choices: int
    threshold: str
    threshold_comparison: str
    threshold_base: str
    base_count: int
    quorum: str
    quorum_met: bool
    rule_source: str
    lines: list[LineOut]

    @staticmethod
    def resolve_threshold(obj: Tally) -> str:
        return str(obj.threshold)

    @staticmethod
    def resolve_quorum(obj: Tally) -> str:
        return str(obj.quorum)

    @staticmethod
    def resolve_lines(obj: Any) -> list[TallyLine]:
        return list(obj.api_lines)


class MyVoteOut(Schema):
    on_roll: bool
    has_voted: bool


class SessionOut(SessionRow):
    candidates: list[CandidateOut]
    roll: list[RollEntryOut]
    voted_count: int
    roll_count: int
    me: MyVoteOut
    results: ResultsOut | None

    @staticmethod
    def resolve_candidates(obj: Any) -> list[Candidate]:
        return list(obj.api_candidates)

    @staticmethod
    def resolve_roll(obj: Any) -> list[RollEntry]:
        return list(obj.api_roll)

    @staticmethod
    def resolve_results(obj: Any) -> Tally | None:
        tally: Tally | None = obj.api_results
        return tally


class CandidateIn(Schema):
    label: str = ""
    unit_id: int | None = None
    person_id: int | None = None
    note: str = ""


class SessionIn(Schema):
    question: str
    year: int
    block_id: int | None = None
    council_id: int | None = None
    award_code: str = ""
    mode: str = "electronic"
    max_choices: int = 1
    #: a share such as "0.8", "80%" or "2/3"; omitted for a council vote on an award the law regulates
    threshold: str | None = None
    threshold_comparison: str | None = None
    threshold_base: str | None = None
    quorum: str | None = None
    rule_source: str = ""
    #: default: the block's member units (or none for a council)
    candidates: list[CandidateIn] | None = None


class SessionPatch(Schema):
    question: str | None = None
    award_code: str | None = None
    mode: str | None = None
    max_choices: int | None = None
    threshold: str | None = None
    threshold_comparison: str | None = None
    threshold_base: str | None = None
    quorum: str | None = None
    rule_source: str | None = None


class CandidatesIn(Schema):
    candidates: list[CandidateIn]


class VoteIn(Schema):
    candidate_ids: list[int]


class PaperCountsIn(Schema):
    present: int
    issued: int
    valid: int
    invalid: int
    votes: dict[int, int]


def _session(request: HttpRequest, session_id: int) -> BallotSession:
    return get_object_or_404(sessions_for_user(request.user), pk=session_id)


def _detail(request: HttpRequest, session_id: int) -> Any:
    session: Any = _session(request, session_id)
    session.api_candidates = list(candidates_of(session))
    session.api_roll = list(roll_of(session))
    session.voted_count, session.roll_count = turnout(session)
    entry = roll_entry_for(request.user, session).first()
    session.me = {"on_roll": entry is not None, "has_voted": bool(entry and entry.has_voted)}
    record: Any = tally_of(session)
    if record is not None:
        record.api_lines = list(tally_lines(record))
    session.api_results = record
    return session


def _candidate_inputs(request: HttpRequest, items: list[CandidateIn]) -> list[services.CandidateInput]:
    units = units_for_user(request.user)
    people = people_for_user(request.user)
    result = []
    for item in items:
        unit = person = None
        if item.unit_id is not None:
            unit = units.filter(pk=item.unit_id).first()
            if unit is None:
                raise ValidationError({"candidates": _("Không tìm thấy đơn vị.")})
        if item.person_id is not None:
            person = people.filter(pk=item.person_id).first()
            if person is None:
                raise ValidationError({"candidates": _("Không tìm thấy cá nhân.")})
        result.append(services.CandidateInput(label=item.label, unit=unit, person=person, note=item.note))
    return result


@router.get("/", response=list[SessionRow], summary="Phiên bỏ phiếu (những phiên tôi được xem)")
@paginate(PageNumberPagination, page_size=PAGE_SIZE)
def list_sessions(request: HttpRequest, year: int | None = None, state: str | None = None) -> Any:
    sessions = sessions_for_user(request.user)
    if year is not None:
        sessions = sessions.filter(year=year)
    if state:
        sessions = sessions.filter(state=state)
    return sessions.order_by("-year", "-pk")


@router.get(
    "/{session_id}", response=SessionOut, summary="Một phiên bỏ phiếu (kết quả chỉ có sau kiểm phiếu)"
)
def get_session(request: HttpRequest, session_id: int) -> Any:
    return _detail(request, session_id)


@router.get("/{session_id}/results", response=ResultsOut, summary="Kết quả kiểm phiếu")
def get_results(request: HttpRequest, session_id: int) -> Any:
    session = _session(request, session_id)
    record: Any = tally_of(session)
    if record is None:
        raise ValidationError(_("Chưa kiểm phiếu: kết quả chỉ có sau khi kết thúc bỏ phiếu và kiểm phiếu."))
    record.api_lines = list(tally_lines(record))
    return record


@router.post("/", response={201: SessionOut}, summary="Tạo phiên bỏ phiếu")
def create_session(request: HttpRequest, payload: SessionIn) -> Any:
    block = council = None
    if payload.block_id is not None:
        block = blocks_for_user(request.user).filter(pk=payload.block_id).first()
        if block is None:
            raise ValidationError({"block_id": _("Không tìm thấy khối, cụm thi đua.")})
    if payload.council_id is not None:
        council = Council.objects.filter(pk=payload.council_id).first()
        if council is None:
            raise ValidationError({"council_id": _("Không tìm thấy hội đồng.")})
    candidates = _candidate_inputs(request, payload.candidates) if payload.candidates is not None else None
    session = services.create_session(
        request.user,
        question=payload.question,
        year=payload.year,
        block=block,
        council=council,
        award_code=payload.award_code,
        mode=payload.mode,
        max_choices=payload.max_choices,
        threshold=payload.threshold,
        threshold_comparison=payload.threshold_comparison,
        threshold_base=payload.threshold_base,
        quorum=payload.quorum,
        rule_source=payload.rule_source,
        candidates=candidates,
    )
    return Status(201, _detail(request, session.pk))


@router.patch("/{session_id}", response=SessionOut, summary="Sửa phiên bỏ phiếu (dự thảo)")
def update_session(request: HttpRequest, session_id: int, payload: SessionPatch) -> Any:
    changes = payload.dict(exclude_unset=True)
    services.update_session(request.user, _session(request, session_id), **changes)
    return _detail(request, session_id)


@router.put("/{session_id}/candidates", response=SessionOut, summary="Lập danh sách bầu (dự thảo)")
def set_candidates(request: HttpRequest, session_id: int, payload: CandidatesIn) -> Any:
    session = _session(request, session_id)
    services.set_candidates(request.user, session, _candidate_inputs(request, payload.candidates))
    return _detail(request, session_id)


@router.post("/{session_id}/open", response=SessionOut, summary="Mở bỏ phiếu")
def open_session(request: HttpRequest, session_id: int) -> Any:
    services.open_session(request.user, _session(request, session_id))
    return _detail(request, session_id)


@router.post("/{session_id}/vote", response={204: None}, summary="Bỏ phiếu (không trả lại lựa chọn)")
def cast_ballot(request: HttpRequest, session_id: int, payload: VoteIn) -> Any:
    services.cast_ballot(request.user, _session(request, session_id), payload.candidate_ids)
    return Status(204, None)


@router.post("/{session_id}/close", response=SessionOut, summary="Kết thúc bỏ phiếu")
def close_session(request: HttpRequest, session_id: int) -> Any:
    services.close_session(request.user, _session(request, session_id))
    return _detail(request, session_id)


@router.post("/{session_id}/count", response=ResultsOut, summary="Kiểm phiếu (bỏ phiếu điện tử)")
def count_session(request: HttpRequest, session_id: int) -> Any:
    record: Any = services.count_session(request.user, _session(request, session_id))
    record.api_lines = list(tally_lines(record))
    return record


@router.post("/{session_id}/paper-counts", response=ResultsOut, summary="Nhập kết quả kiểm phiếu giấy")
def paper_counts(request: HttpRequest, session_id: int, payload: PaperCountsIn) -> Any:
    record: Any = services.enter_paper_counts(
        request.user,
        _session(request, session_id),
        present=payload.present,
        issued=payload.issued,
        valid=payload.valid,
        invalid=payload.invalid,
        votes=payload.votes,
    )
    record.api_lines = list(tally_lines(record))
    return record
