"""Pages of the year-end scoring: the rounds, the sheets with their evidence, the discrepancies, the ranking and
each unit's breakdown, with their charts.

Objects are fetched through the ``*_for_user`` queries (an outsider, or a member asking for another unit's sheet,
gets 404); pages that exist for a member but not yet (the ranking before the close) answer 403. Every write goes
through a service, and a ValidationError from it is shown as a message with the data left as it was.
"""

from __future__ import annotations

import mimetypes
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tdkt.ballots.forms import RuleFields
from tdkt.core.refusals import form_errors, show_errors
from tdkt.emulation.models import Criterion
from tdkt.scoring import services
from tdkt.scoring.enums import EvidenceKind, RoundState, SheetKind
from tdkt.scoring.figures import groups_svg, ranking_svg
from tdkt.scoring.forms import DeadlinesForm, EvidenceForm, ReconcileForm, RoundForm, SheetForm
from tdkt.scoring.models import ScoreSheet, ScoringRound
from tdkt.scoring.queries import (
    breakdown,
    evidence_for_user,
    evidence_of,
    final_scores_for_user,
    members_of,
    own_sheets,
    pledge_table_rows,
    pledges_for_new_round,
    progress_board,
    provisional_ranking,
    ranking_for_user,
    round_inputs,
    round_list,
    round_years,
    rounds_for_user,
    scorer_view_of_unit,
    sheet_values,
    sheets_for_user,
    table_rows,
    table_total,
    tie_rule_label,
)

#: Phase-aware permissions a round page asks about, once per request.
ROUND_PERMS = (
    "manage_round",
    "change_round",
    "set_deadlines",
    "open_self_scoring",
    "open_cross_scoring",
    "close_round",
    "reconcile",
    "oversee_round",
    "view_ranking",
    "view_all_results",
)


def _year(request: HttpRequest) -> int | None:
    try:
        year = int(request.GET.get("nam", ""))
    except ValueError:
        return None
    return year if 1990 <= year <= 2100 else None


def _round(request: HttpRequest, pk: int) -> ScoringRound:
    return get_object_or_404(rounds_for_user(request.user).select_related("pledge__table"), pk=pk)


def _can(request: HttpRequest, scoring_round: ScoringRound) -> dict[str, bool]:
    return {name: request.user.has_perm(f"scoring.{name}", scoring_round) for name in ROUND_PERMS}


def _require(request: HttpRequest, perm: str, obj: Any, message: str = "") -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied(message or _("Bạn không có quyền thực hiện thao tác này."))


def _config_rows(scoring_round: ScoringRound) -> list[str]:
    return [tie_rule_label(rule) for rule in scoring_round.tie_rules]


# --- rounds -----------------------------------------------------------------------------------------------------


@login_required
def round_index(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    context = {
        "rounds": round_list(request.user, year),
        "year": year,
        "years": round_years(request.user),
        "may_create": pledges_for_new_round(request.user).exists(),
    }
    return render(request, "scoring/round_list.html", context)


@login_required
def round_create(request: HttpRequest) -> HttpResponse:
    pledges = list(pledges_for_new_round(request.user))
    if not pledges:
        raise PermissionDenied(_("Không có giao ước đã ký kết nào để bạn tạo đợt chấm điểm."))
    wanted = request.POST.get("pledge") or request.GET.get("giao-uoc")
    pledge = next((p for p in pledges if str(p.pk) == wanted), pledges[0])
    rows = pledge_table_rows(pledge)
    form = RoundForm(request.POST or None, rows=rows, initial=RoundForm.initial_for(None, rows))
    if request.method == "POST" and form.is_valid():
        try:
            scoring_round = services.create_round(request.user, pledge, **form.service_kwargs())
        except ValidationError as error:
            form_errors(form, error)
        else:
            messages.success(request, _("Đã tạo đợt chấm điểm (dự thảo)."))
            return redirect(scoring_round)
    context = {"form": form, "pledge": pledge, "pledges": pledges, "scoring_round": None}
    return render(request, "scoring/round_form.html", context)


@login_required
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    scoring_round = _round(request, pk)
    user: Any = request.user
    can = _can(request, scoring_round)
    rows = table_rows(scoring_round)
    open_flags = None
    if can["oversee_round"] and scoring_round.state == RoundState.CROSS_SCORING:
        open_flags = len(round_inputs(scoring_round).open_flags)
    own_final = None
    if scoring_round.is_closed and user.unit_id is not None:
        own_final = final_scores_for_user(user).filter(round=scoring_round, unit_id=user.unit_id).first()
    context = {
        "scoring_round": scoring_round,
        "can": can,
        "board": progress_board(scoring_round),
        "own": own_sheets(user, scoring_round),
        "total": table_total(rows),
        "tie_rules": _config_rows(scoring_round),
        "open_flags": open_flags,
        "ranked": ranking_for_user(user, scoring_round)[:3],
        "own_final": own_final,
    }
    return render(request, "scoring/round_detail.html", context)


@login_required
def round_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The configuration while the round is a draft; afterwards only the deadlines (until it is closed)."""
    scoring_round = _round(request, pk)
    _require(request, "scoring.set_deadlines", scoring_round)
    rows = table_rows(scoring_round)
    initial = RoundForm.initial_for(scoring_round, rows)
    full = scoring_round.state == RoundState.DRAFT
    form: Any = (
        RoundForm(request.POST or None, rows=rows, initial=initial)
        if full
        else DeadlinesForm(request.POST or None, initial=initial)
    )
    if request.method == "POST" and form.is_valid():
        try:
            if full:
                services.update_round(request.user, scoring_round, **form.service_kwargs())
            else:
                services.set_deadlines(request.user, scoring_round, **form.cleaned_data)
        except ValidationError as error:
            form_errors(form, error)
        else:
            messages.success(request, _("Đã lưu cấu hình đợt chấm điểm."))
            return redirect(scoring_round)
    context = {"form": form, "pledge": scoring_round.pledge, "scoring_round": scoring_round, "full": full}
    return render(request, "scoring/round_form.html", context)


def _round_action(request: HttpRequest, pk: int, action: Any, success: str) -> HttpResponse:
    scoring_round = _round(request, pk)
    try:
        action(request.user, scoring_round)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, success)
    return redirect(scoring_round)


@login_required
@require_POST
def round_open_self(request: HttpRequest, pk: int) -> HttpResponse:
    return _round_action(request, pk, services.open_self_scoring, _("Đã mở tự chấm điểm."))


@login_required
@require_POST
def round_open_cross(request: HttpRequest, pk: int) -> HttpResponse:
    return _round_action(
        request, pk, services.open_cross_scoring, _("Đã khóa bản tự chấm điểm và mở chấm chéo.")
    )


@login_required
@require_POST
def round_close(request: HttpRequest, pk: int) -> HttpResponse:
    return _round_action(request, pk, services.close_scoring, _("Đã kết thúc chấm điểm và xếp hạng."))


# --- discrepancies and provisional results ----------------------------------------------------------------------


@login_required
def flags(request: HttpRequest, pk: int) -> HttpResponse:
    """The flagged criteria with the block head's reconciliation, and the provisional results (block head from
    the opening of cross scoring, Phòng TĐKT)."""
    scoring_round = _round(request, pk)
    _require(
        request,
        "scoring.oversee_round",
        scoring_round,
        _("Chỉ Khối trưởng (từ khi mở chấm chéo) và Phòng TĐKT xem chênh lệch và kết quả tạm tính."),
    )
    if request.method == "POST":
        form = ReconcileForm(request.POST)
        if form.is_valid():
            unit = next(
                (m.unit for m in members_of(scoring_round) if m.unit_id == form.cleaned_data["unit"]), None
            )
            criterion = Criterion.objects.filter(
                table__pledge=scoring_round.pledge, pk=form.cleaned_data["criterion"]
            ).first()
            if unit is None or criterion is None:
                messages.error(request, _("Không tìm thấy đơn vị hoặc tiêu chí cần xử lý."))
            else:
                try:
                    services.reconcile(
                        request.user,
                        scoring_round,
                        unit,
                        criterion,
                        reason=form.cleaned_data["reason"],
                        points=form.cleaned_data["points"],
                    )
                except ValidationError as error:
                    show_errors(request, error)
                else:
                    messages.success(
                        request,
                        _("Đã ghi nhận xử lý chênh lệch: %(unit)s, tiêu chí %(code)s.")
                        % {"unit": unit.display_name, "code": criterion.code},
                    )
                    return redirect("scoring:flags", pk=scoring_round.pk)
        else:
            messages.error(request, _("Cần ghi lý do xử lý chênh lệch."))
    collected = round_inputs(scoring_round)
    items = [
        (
            flag,
            ReconcileForm(
                initial={
                    "unit": flag.unit.pk,
                    "criterion": flag.row.criterion.pk if flag.row.criterion else None,
                    "points": "",
                    "reason": flag.reconciliation.reason if flag.reconciliation else "",
                },
                auto_id=f"id_%s_{flag.unit.pk}_{flag.row.key}",
            ),
        )
        for flag in collected.flags
    ]
    context = {
        "scoring_round": scoring_round,
        "can": _can(request, scoring_round),
        "items": items,
        "open_count": len(collected.open_flags),
        "provisional": provisional_ranking(scoring_round, collected),
        "missing": [(entry.unit, entry.missing) for entry in collected.units.values() if entry.missing],
    }
    return render(request, "scoring/flags.html", context)


# --- ranking and breakdowns -------------------------------------------------------------------------------------


def _ranking_round(request: HttpRequest, pk: int) -> ScoringRound:
    scoring_round = _round(request, pk)
    _require(
        request,
        "scoring.view_ranking",
        scoring_round,
        _("Bảng xếp hạng chỉ công bố sau khi Khối trưởng kết thúc chấm điểm."),
    )
    return scoring_round


def _ranking_page(request: HttpRequest, scoring_round: ScoringRound, ballot_form: Any = None) -> HttpResponse:
    user: Any = request.user
    ranked = ranking_for_user(user, scoring_round)
    readable = set(final_scores_for_user(user).filter(round=scoring_round).values_list("unit_id", flat=True))
    if ballot_form is None and user.has_perm("scoring.start_ballot", scoring_round):
        ballot_form = RuleFields(initial={"max_choices": 1})
    context = {
        "scoring_round": scoring_round,
        "ranked": ranked,
        "readable": readable,
        "chart": mark_safe(ranking_svg(scoring_round, ranked, highlight_unit_id=user.unit_id)),
        "tie_rules": _config_rows(scoring_round),
        "ballot_form": ballot_form,
    }
    return render(request, "scoring/ranking.html", context)


@login_required
def ranking(request: HttpRequest, pk: int) -> HttpResponse:
    return _ranking_page(request, _ranking_round(request, pk))


@login_required
@require_POST
def ballot_from_ranking(request: HttpRequest, pk: int) -> HttpResponse:
    """Draw up a draft ballot whose candidates are the ranking (block head, Phòng TĐKT), then go to it."""
    scoring_round = _ranking_round(request, pk)
    _require(request, "scoring.ballot_from_ranking", scoring_round)
    form = RuleFields(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            session = services.ballot_from_ranking(
                request.user,
                scoring_round,
                **{name: data[name] for name in RuleFields.base_fields},
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, field_errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, field_errors)
            else:
                form.add_error(None, error.messages)
        else:
            messages.success(
                request, _("Đã lập phiên bỏ phiếu theo kết quả xếp hạng. Kiểm tra rồi mở bỏ phiếu.")
            )
            return redirect(session.get_absolute_url())
    return _ranking_page(request, scoring_round, form)


def _svg(markup: str, filename: str) -> HttpResponse:
    response = HttpResponse(markup, content_type="image/svg+xml; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@login_required
def ranking_chart(request: HttpRequest, pk: int) -> HttpResponse:
    """The ranking chart as an SVG file (for documents and downloads)."""
    scoring_round = _ranking_round(request, pk)
    ranked = ranking_for_user(request.user, scoring_round)
    return _svg(ranking_svg(scoring_round, ranked), f"xep-hang-{scoring_round.year}.svg")


def _breakdown(request: HttpRequest, pk: int, unit_id: int) -> Any:
    final = get_object_or_404(
        final_scores_for_user(request.user).select_related("round__pledge__table"),
        round_id=pk,
        unit_id=unit_id,
    )
    named = request.user.has_perm("scoring.view_all_results", final.round)
    return breakdown(final, table_rows(final.round), named=named)


@login_required
def breakdown_page(request: HttpRequest, pk: int, unit_id: int) -> HttpResponse:
    explained = _breakdown(request, pk, unit_id)
    context = {
        "scoring_round": explained.final.round,
        "explained": explained,
        "chart": mark_safe(groups_svg(explained)),
    }
    return render(request, "scoring/breakdown.html", context)


@login_required
def breakdown_chart(request: HttpRequest, pk: int, unit_id: int) -> HttpResponse:
    explained = _breakdown(request, pk, unit_id)
    return _svg(groups_svg(explained), f"diem-theo-nhom-{unit_id}.svg")


# --- sheets and evidence ----------------------------------------------------------------------------------------


def _sheet(request: HttpRequest, pk: int) -> ScoreSheet:
    return get_object_or_404(sheets_for_user(request.user).select_related("round__pledge__table"), pk=pk)


@login_required
def sheet_detail(request: HttpRequest, pk: int) -> HttpResponse:
    sheet = _sheet(request, pk)
    scoring_round = sheet.round
    user: Any = request.user
    rows = table_rows(scoring_round)
    editable = user.has_perm("scoring.change_sheet", sheet)
    lines = sheet_values(sheet)
    form = SheetForm(request.POST or None, rows=rows, initial=SheetForm.initial_for(lines, sheet.note))
    if request.method == "POST":
        _require(request, "scoring.score_sheet", sheet)
        if form.is_valid():
            try:
                services.save_sheet(
                    user, sheet, points=form.points(), notes=form.notes(), note=form.cleaned_data["note"]
                )
            except ValidationError as error:
                show_errors(request, error)
                # Show the page again with what was typed, so nothing is lost.
                return render(
                    request, "scoring/sheet.html", _sheet_context(request, sheet, rows, form, editable)
                )
            if "submit" not in request.POST:
                messages.success(request, _("Đã lưu phiếu (chưa nộp)."))
                return redirect(sheet)
            try:
                services.submit_sheet(user, sheet)
            except ValidationError as error:
                show_errors(request, error)
            else:
                messages.success(request, _("Đã nộp phiếu: phiếu đã khóa."))
            return redirect(sheet)
    return render(request, "scoring/sheet.html", _sheet_context(request, sheet, rows, form, editable))


def _sheet_context(
    request: HttpRequest, sheet: ScoreSheet, rows: list[Any], form: SheetForm, editable: bool
) -> dict[str, Any]:
    user: Any = request.user
    lines = sheet_values(sheet)
    if sheet.kind == SheetKind.SELF:
        evidence = evidence_of(sheet)
        target_notes: dict[str, str] = {}
    else:
        evidence, target_notes = scorer_view_of_unit(user, sheet)
    blocks = [
        {
            "row": row,
            "line": lines.get(row.key),
            "points": form[f"points_{row.key}"] if row.takes_points else None,
            "note": form[f"note_{row.key}"] if row.takes_points else None,
            "evidence": evidence.get(row.criterion.pk, []) if row.criterion is not None else [],
            "target_note": target_notes.get(row.key, ""),
        }
        for row in rows
    ]
    return {
        "scoring_round": sheet.round,
        "sheet": sheet,
        "blocks": blocks,
        "form": form,
        "editable": editable,
        "may_add_evidence": user.has_perm("scoring.add_evidence", sheet),
        "evidence_form": EvidenceForm(),
        "total": sum(
            (line.points for line in lines.values() if line.points is not None and line.criterion_id), 0
        ),
    }


@login_required
@require_POST
def sheet_submit(request: HttpRequest, pk: int) -> HttpResponse:
    sheet = _sheet(request, pk)
    try:
        services.submit_sheet(request.user, sheet)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, _("Đã nộp phiếu: phiếu đã khóa."))
    return redirect(sheet)


@login_required
@require_POST
def evidence_add(request: HttpRequest, pk: int) -> HttpResponse:
    sheet = _sheet(request, pk)
    form = EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, str(message))
        return redirect(sheet)
    criterion = Criterion.objects.filter(
        table__pledge=sheet.round.pledge, pk=form.cleaned_data["criterion"]
    ).first()
    if criterion is None:
        messages.error(request, _("Không tìm thấy tiêu chí."))
        return redirect(sheet)
    try:
        if form.cleaned_data.get("file"):
            services.add_evidence_file(
                request.user,
                sheet,
                criterion,
                upload=form.cleaned_data["file"],
                title=form.cleaned_data["title"],
            )
        else:
            services.add_evidence_link(
                request.user, sheet, criterion, url=form.cleaned_data["url"], title=form.cleaned_data["title"]
            )
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, _("Đã thêm minh chứng."))
    return redirect(f"{sheet.get_absolute_url()}#tieu-chi-{criterion.pk}")


@login_required
def evidence_file(request: HttpRequest, pk: int) -> FileResponse:
    """An evidence file, only for those who may see it (its unit, the block head, the unit's scorers…)."""
    evidence = get_object_or_404(evidence_for_user(request.user), pk=pk, kind=EvidenceKind.FILE)
    content_type = mimetypes.guess_type(evidence.original_name)[0] or "application/octet-stream"
    return FileResponse(
        evidence.file.open("rb"),
        as_attachment=not content_type.startswith(("image/", "application/pdf")),
        filename=evidence.original_name,
        content_type=content_type,
    )


@login_required
@require_POST
def evidence_remove(request: HttpRequest, pk: int) -> HttpResponse:
    evidence = get_object_or_404(
        evidence_for_user(request.user).filter(sheet__in=sheets_for_user(request.user).values("pk")), pk=pk
    )
    sheet = evidence.sheet
    try:
        services.remove_evidence(request.user, evidence)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, _("Đã gỡ minh chứng “%(title)s”.") % {"title": evidence.title})
    return redirect(sheet)
