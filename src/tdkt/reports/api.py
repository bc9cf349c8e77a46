"""The reports endpoints of the API: thin wrappers over services and queries.

Objects the user may not see answer 404; actions the user may not take answer 403; refused transitions (a
submitted or locked report, a closed round…) answer 422 with the service's Vietnamese message.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from tdkt.reports import queries, services
from tdkt.reports.models import (
    BlockReport,
    BlockReportVersion,
    Comment,
    CommentRound,
    ReportTemplate,
    UnitReport,
)

router = Router(tags=["reports"])


# --- Schemas ------------------------------------------------------------------------------------------------


class SectionOut(Schema):
    id: int
    position: int
    title: str


class IndicatorOut(Schema):
    id: int
    position: int
    name: str


class TemplateSummaryOut(Schema):
    id: int
    block_id: int
    block_name: str
    year: int
    period: str
    title: str
    submission_deadline: datetime.date
    comment_deadline: datetime.date | None


class TemplateOut(TemplateSummaryOut):
    sections: list[SectionOut]
    indicators: list[IndicatorOut]


class BoardRowOut(Schema):
    unit_id: int
    unit_name: str
    role: str
    status: str
    status_label: str
    report_id: int | None
    submitted_at: datetime.datetime | None


class UnitReportSummaryOut(Schema):
    id: int
    template_id: int
    unit_id: int
    unit_name: str
    status: str
    submitted_at: datetime.datetime | None
    submitted_late: bool
    returned_reason: str


class SectionTextOut(Schema):
    section_id: int
    title: str
    text: str


class IndicatorValueOut(Schema):
    indicator_id: int
    name: str
    value: int | None


class UnitReportOut(UnitReportSummaryOut):
    id: int | None  # type: ignore[assignment]  # not started yet: nothing saved
    sections: list[SectionTextOut]
    indicators: list[IndicatorValueOut]


class UnitReportIn(Schema):
    sections: dict[int, str] = {}
    indicators: dict[int, int | None] = {}


class ReturnIn(Schema):
    reason: str


class FigureOut(Schema):
    indicator_id: int
    name: str
    value: int
    unit_count: int


class VersionSummaryOut(Schema):
    number: int
    author: str
    created_at: datetime.datetime
    note: str
    compiled: bool


class VersionOut(VersionSummaryOut):
    sections: list[SectionTextOut]
    figures: list[FigureOut]


class CommentOut(Schema):
    id: int
    round: int
    version: int
    section_id: int
    unit_name: str
    author: str
    text: str
    created_at: datetime.datetime
    answer_kind: str
    answer_text: str
    answered_at: datetime.datetime | None


class RoundOut(Schema):
    id: int
    number: int
    version: int
    deadline: datetime.date
    opened_at: datetime.datetime
    closed_at: datetime.datetime | None


class BlockReportSummaryOut(Schema):
    id: int
    template_id: int
    title: str
    status: str
    current_version: int | None
    final_version: int | None


class BlockReportOut(BlockReportSummaryOut):
    versions: list[VersionSummaryOut]
    shown: VersionOut | None
    rounds: list[RoundOut]
    comments: list[CommentOut]


class CompileIn(Schema):
    note: str = ""


class VersionIn(Schema):
    sections: dict[int, str]
    note: str = ""


class RoundIn(Schema):
    version: int | None = None
    deadline: datetime.date | None = None


class CommentIn(Schema):
    version: int
    section_id: int
    text: str


class AnswerIn(Schema):
    kind: str
    text: str


class FinaliseIn(Schema):
    version: int | None = None


class SegmentOut(Schema):
    op: str
    text: str


class SectionDiffOut(Schema):
    section_id: int
    title: str
    changed: bool
    html: str
    segments: list[SegmentOut]


class CompareOut(Schema):
    old: int
    new: int
    sections: list[SectionDiffOut]


# --- Shapes -------------------------------------------------------------------------------------------------


def _template_summary(template: ReportTemplate) -> dict[str, Any]:
    return {
        "id": template.pk,
        "block_id": template.block_id,
        "block_name": template.block.name,
        "year": template.year,
        "period": template.period,
        "title": template.title,
        "submission_deadline": template.submission_deadline,
        "comment_deadline": template.comment_deadline,
    }


def _template_out(template: ReportTemplate) -> dict[str, Any]:
    sections, indicators = queries.template_structure(template)
    return {
        **_template_summary(template),
        "sections": [{"id": s.pk, "position": s.position, "title": s.title} for s in sections],
        "indicators": [{"id": i.pk, "position": i.position, "name": i.name} for i in indicators],
    }


def _unit_report_summary(report: UnitReport) -> dict[str, Any]:
    return {
        "id": report.pk,
        "template_id": report.template_id,
        "unit_id": report.unit_id,
        "unit_name": report.unit.name,
        "status": report.status,
        "submitted_at": report.submitted_at,
        "submitted_late": report.submitted_late,
        "returned_reason": report.returned_reason,
    }


def _unit_report_out(report: UnitReport) -> dict[str, Any]:
    content = queries.unit_report_content(report)
    return {
        **_unit_report_summary(report),
        "sections": [{"section_id": s.pk, "title": s.title, "text": text} for s, text in content.sections],
        "indicators": [
            {"indicator_id": i.pk, "name": i.name, "value": value} for i, value in content.indicators
        ],
    }


def _version_summary(version: BlockReportVersion) -> dict[str, Any]:
    return {
        "number": version.number,
        "author": version.author_label,
        "created_at": version.created_at,
        "note": version.note,
        "compiled": version.compiled,
    }


def _version_out(version: BlockReportVersion) -> dict[str, Any]:
    return {
        **_version_summary(version),
        "sections": [
            {"section_id": v.section.pk, "title": v.section.title, "text": v.text}
            for v in queries.version_sections(version)
        ],
        "figures": [
            {
                "indicator_id": f.indicator_id,
                "name": f.indicator.name,
                "value": f.value,
                "unit_count": f.unit_count,
            }
            for f in queries.version_figures(version)
        ],
    }


def _comment_out(comment: Comment) -> dict[str, Any]:
    return {
        "id": comment.pk,
        "round": comment.round.number,
        "version": comment.round.version.number,
        "section_id": comment.section_id,
        "unit_name": comment.unit.display_name,
        "author": comment.author.display_name,
        "text": comment.text,
        "created_at": comment.created_at,
        "answer_kind": comment.answer_kind,
        "answer_text": comment.answer_text,
        "answered_at": comment.answered_at,
    }


def _round_out(round_: CommentRound) -> dict[str, Any]:
    return {
        "id": round_.pk,
        "number": round_.number,
        "version": round_.version.number,
        "deadline": round_.deadline,
        "opened_at": round_.opened_at,
        "closed_at": round_.closed_at,
    }


def _block_report_summary(report: BlockReport) -> dict[str, Any]:
    return {
        "id": report.pk,
        "template_id": report.template_id,
        "title": str(report),
        "status": report.status,
        "current_version": report.current_version.number if report.current_version else None,
        "final_version": report.final_version.number if report.final_version else None,
    }


def _block_report_out(request: HttpRequest, report: BlockReport) -> dict[str, Any]:
    user = request.user
    report = get_object_or_404(queries.block_reports_for_user(user), pk=report.pk)
    shown = queries.displayed_version(user, report)
    return {
        **_block_report_summary(report),
        "versions": [_version_summary(v) for v in queries.versions_for_user(user, report)],
        "shown": _version_out(shown) if shown is not None else None,
        "rounds": [_round_out(r) for r in queries.rounds_of(report)],
        "comments": [_comment_out(c) for c in queries.comments_of(report)],
    }


def _template(request: HttpRequest, pk: int) -> ReportTemplate:
    return get_object_or_404(queries.templates_for_user(request.user), pk=pk)


def _block_report(request: HttpRequest, pk: int) -> BlockReport:
    return get_object_or_404(queries.block_reports_for_user(request.user), pk=pk)


def _own_report(request: HttpRequest, pk: int) -> UnitReport:
    template = _template(request, pk)
    unit_id = getattr(request.user, "unit_id", None)
    if unit_id is None or not queries.is_member_unit(template, unit_id):
        raise Http404
    return queries.unit_report_of(template, unit_id)


# --- Templates and unit reports -----------------------------------------------------------------------------


@router.get("/templates", response=list[TemplateSummaryOut])
def list_templates(request: HttpRequest) -> list[dict[str, Any]]:
    return [_template_summary(t) for t in queries.templates_for_user(request.user)]


@router.get("/templates/{template_id}", response=TemplateOut)
def template_detail(request: HttpRequest, template_id: int) -> dict[str, Any]:
    return _template_out(_template(request, template_id))


@router.get("/templates/{template_id}/status", response=list[BoardRowOut])
def status_board(request: HttpRequest, template_id: int) -> list[dict[str, Any]]:
    template = _template(request, template_id)
    if not request.user.has_perm("reports.view_statusboard", template):
        raise PermissionDenied
    return [
        {
            "unit_id": row.unit.pk,
            "unit_name": row.unit.name,
            "role": row.membership.role,
            "status": row.status.value,
            "status_label": str(row.status.label),
            "report_id": row.report.pk if row.report is not None else None,
            "submitted_at": row.report.submitted_at if row.report is not None else None,
        }
        for row in queries.status_board(template)
    ]


@router.get("/templates/{template_id}/my-report", response=UnitReportOut)
def my_report(request: HttpRequest, template_id: int) -> dict[str, Any]:
    return _unit_report_out(_own_report(request, template_id))


@router.put("/templates/{template_id}/my-report", response=UnitReportOut)
def save_my_report(request: HttpRequest, template_id: int, payload: UnitReportIn) -> dict[str, Any]:
    report = services.save_unit_report(
        request.user, _own_report(request, template_id), payload.sections, payload.indicators
    )
    return _unit_report_out(report)


@router.post("/templates/{template_id}/my-report/submit", response=UnitReportOut)
def submit_my_report(request: HttpRequest, template_id: int) -> dict[str, Any]:
    report = services.submit_unit_report(request.user, _own_report(request, template_id))
    return _unit_report_out(report)


@router.get("/unit-reports", response=list[UnitReportSummaryOut])
def list_unit_reports(request: HttpRequest) -> list[dict[str, Any]]:
    return [_unit_report_summary(r) for r in queries.unit_reports_for_user(request.user)]


@router.get("/unit-reports/{report_id}", response=UnitReportOut)
def unit_report_detail(request: HttpRequest, report_id: int) -> dict[str, Any]:
    return _unit_report_out(get_object_or_404(queries.unit_reports_for_user(request.user), pk=report_id))


@router.post("/unit-reports/{report_id}/return", response=UnitReportOut)
def return_unit_report(request: HttpRequest, report_id: int, payload: ReturnIn) -> dict[str, Any]:
    report = get_object_or_404(queries.unit_reports_for_user(request.user), pk=report_id)
    return _unit_report_out(services.return_unit_report(request.user, report, payload.reason))


# --- The block's report -------------------------------------------------------------------------------------


@router.post("/templates/{template_id}/compile", response=BlockReportOut)
def compile_block_report(request: HttpRequest, template_id: int, payload: CompileIn) -> dict[str, Any]:
    report = services.compile_block_report(request.user, _template(request, template_id), note=payload.note)
    return _block_report_out(request, report)


@router.get("/block-reports", response=list[BlockReportSummaryOut])
def list_block_reports(request: HttpRequest) -> list[dict[str, Any]]:
    return [_block_report_summary(r) for r in queries.block_reports_for_user(request.user)]


@router.get("/block-reports/{report_id}", response=BlockReportOut)
def block_report_detail(request: HttpRequest, report_id: int) -> dict[str, Any]:
    return _block_report_out(request, _block_report(request, report_id))


@router.get("/block-reports/{report_id}/versions/{number}", response=VersionOut)
def version_detail(request: HttpRequest, report_id: int, number: int) -> dict[str, Any]:
    report = _block_report(request, report_id)
    return _version_out(get_object_or_404(queries.versions_for_user(request.user, report), number=number))


@router.get("/block-reports/{report_id}/compare", response=CompareOut)
def compare_versions(request: HttpRequest, report_id: int, a: int, b: int) -> dict[str, Any]:
    report = _block_report(request, report_id)
    visible = queries.versions_for_user(request.user, report)
    old = get_object_or_404(visible, number=a)
    new = get_object_or_404(visible, number=b)
    return {
        "old": old.number,
        "new": new.number,
        "sections": [
            {
                "section_id": d.section.pk,
                "title": d.section.title,
                "changed": d.changed,
                "html": d.html,
                "segments": [{"op": s.op, "text": s.text} for s in d.segments],
            }
            for d in queries.compare_versions(old, new)
        ],
    }


@router.post("/block-reports/{report_id}/versions", response=VersionOut)
def save_version(request: HttpRequest, report_id: int, payload: VersionIn) -> dict[str, Any]:
    report = _block_report(request, report_id)
    version = services.save_block_report_version(request.user, report, payload.sections, note=payload.note)
    return _version_out(version)


@router.post("/block-reports/{report_id}/rounds", response=RoundOut)
def open_round(request: HttpRequest, report_id: int, payload: RoundIn) -> dict[str, Any]:
    report = _block_report(request, report_id)
    round_ = services.open_comment_round(
        request.user, report, version=payload.version, deadline=payload.deadline
    )
    return _round_out(round_)


@router.post("/rounds/{round_id}/close", response=RoundOut)
def close_round(request: HttpRequest, round_id: int) -> dict[str, Any]:
    round_ = get_object_or_404(
        CommentRound.objects.filter(report__in=queries.block_reports_for_user(request.user)), pk=round_id
    )
    return _round_out(services.close_comment_round(request.user, round_))


@router.post("/block-reports/{report_id}/comments", response=CommentOut)
def add_comment(request: HttpRequest, report_id: int, payload: CommentIn) -> dict[str, Any]:
    report = _block_report(request, report_id)
    comment = services.add_comment(
        request.user, report, version=payload.version, section=payload.section_id, text=payload.text
    )
    return _comment_out(queries.comments_of(report).get(pk=comment.pk))


@router.post("/comments/{comment_id}/answer", response=CommentOut)
def answer_comment(request: HttpRequest, comment_id: int, payload: AnswerIn) -> dict[str, Any]:
    comment = get_object_or_404(
        queries.comments_of_reports(queries.block_reports_for_user(request.user)), pk=comment_id
    )
    comment = services.answer_comment(request.user, comment, kind=payload.kind, text=payload.text)
    return _comment_out(queries.comments_of(comment.round.report).get(pk=comment.pk))


@router.post("/block-reports/{report_id}/finalise", response=BlockReportOut)
def finalise(request: HttpRequest, report_id: int, payload: FinaliseIn) -> dict[str, Any]:
    report = services.finalise_block_report(
        request.user, _block_report(request, report_id), version=payload.version
    )
    return _block_report_out(request, report)
