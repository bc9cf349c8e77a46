"""Report pages: the report list, templates, a unit's own report, the status board, the block's report with
its comments, versions and comparison. Views read through the ``*_for_user`` queries and write through the
services; a refused action shows the service's message and leaves the data as it was."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tdkt.core.rules import is_system_admin
from tdkt.reports import queries, services
from tdkt.reports.enums import BoardStatus, UnitReportStatus
from tdkt.reports.forms import (
    AnswerForm,
    BlockReportEditForm,
    CommentForm,
    CompareForm,
    FinaliseForm,
    ReturnForm,
    RoundOpenForm,
    TemplateCreateForm,
    TemplateEditForm,
    UnitReportForm,
)
from tdkt.reports.models import BlockReport, Comment, CommentRound, ReportTemplate, UnitReport

PAGE_SIZE = 50


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def _add_errors(form: Any, error: ValidationError) -> None:
    """Put the service's errors on the form's fields when they name one, else on the whole form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _template(request: HttpRequest, pk: int) -> ReportTemplate:
    return get_object_or_404(queries.templates_for_user(request.user), pk=pk)


def _block_report(request: HttpRequest, pk: int) -> BlockReport:
    return get_object_or_404(queries.block_reports_for_user(request.user), pk=pk)


def _require(request: HttpRequest, perm: str, obj: Any) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))


# --- The list and the templates -----------------------------------------------------------------------------


@login_required
def index(request: HttpRequest) -> HttpResponse:
    templates = queries.template_list_for_user(request.user)
    page = Paginator(templates, PAGE_SIZE).get_page(request.GET.get("trang"))
    rows = []
    for template in page:
        status = getattr(template, "own_status", None)
        rows.append((template, UnitReportStatus(status).label if status else BoardStatus.NOT_STARTED.label))
    context = {
        "page": page,
        "rows": rows,
        "may_create": queries.blocks_for_new_template(request.user).exists(),
        "oversees_all": is_system_admin(request.user),
    }
    return render(request, "reports/index.html", context)


@login_required
def template_create(request: HttpRequest) -> HttpResponse:
    blocks = queries.blocks_for_new_template(request.user)
    if not blocks.exists():
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
    form = TemplateCreateForm(
        request.POST or None, blocks=blocks, initial={"year": timezone.localdate().year}
    )
    if request.method == "POST" and form.is_valid():
        try:
            template = services.create_template(request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Đã tạo mẫu báo cáo với các mục và chỉ tiêu mặc định."))
            return redirect("reports:template_detail", template.pk)
    return render(request, "reports/template_form.html", {"form": form, "creating": True})


@login_required
def template_detail(request: HttpRequest, pk: int) -> HttpResponse:
    template = _template(request, pk)
    sections, indicators = queries.template_structure(template)
    block_report = BlockReport.objects.filter(template=template).first()
    user = request.user
    context = {
        "template": template,
        "sections": sections,
        "indicators": indicators,
        "may_change": user.has_perm("reports.change_reporttemplate", template)
        and not (block_report is not None and block_report.is_final),
        "may_see_board": user.has_perm("reports.view_statusboard", template),
        "is_member": queries.is_member_unit(template, getattr(user, "unit_id", None)),
        "block_report": block_report
        if block_report is not None and user.has_perm("reports.view_blockreport", block_report)
        else None,
    }
    return render(request, "reports/template_detail.html", context)


@login_required
def template_edit(request: HttpRequest, pk: int) -> HttpResponse:
    template = _template(request, pk)
    _require(request, "reports.change_reporttemplate", template)
    form = TemplateEditForm(request.POST or None, initial=TemplateEditForm.initial_for(template))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_template(
                request.user,
                template,
                submission_deadline=form.cleaned_data["submission_deadline"],
                comment_deadline=form.cleaned_data["comment_deadline"],
                sections=form.section_lines(),
                indicators=form.indicator_lines(),
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Đã lưu mẫu báo cáo."))
            return redirect("reports:template_detail", template.pk)
    return render(
        request, "reports/template_form.html", {"form": form, "template": template, "creating": False}
    )


# --- A unit's own report ------------------------------------------------------------------------------------


def _own_report(request: HttpRequest, pk: int) -> UnitReport:
    """The user's unit's report for the template (unsaved when not started); 404 when the unit is not a member
    of the block that year (there is no such report to show)."""
    template = _template(request, pk)
    unit_id = getattr(request.user, "unit_id", None)
    if unit_id is None or not queries.is_member_unit(template, unit_id):
        raise Http404
    return queries.unit_report_of(template, unit_id)


@login_required
def unit_report(request: HttpRequest, pk: int) -> HttpResponse:
    report = _own_report(request, pk)
    template = report.template
    content = queries.unit_report_content(report)
    sections = [section for section, _text in content.sections]
    indicators = [indicator for indicator, _value in content.indicators]
    initial: dict[str, Any] = {f"section_{s.pk}": text for s, text in content.sections}
    initial.update({f"indicator_{i.pk}": value for i, value in content.indicators})
    block_report = BlockReport.objects.filter(template=template).first()
    locked = block_report is not None and block_report.is_final
    may_edit = (
        request.user.has_perm("reports.change_unitreport", report)
        and report.status == UnitReportStatus.DRAFT
        and not locked
    )
    form = UnitReportForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        sections=sections,
        indicators=indicators,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.save_unit_report(request.user, report, form.section_texts(), form.indicator_values())
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Đã lưu báo cáo."))
            return redirect("reports:unit_report", template.pk)
    context = {
        "template": template,
        "report": report,
        "content": content,
        "form": form,
        "may_edit": may_edit,
        "locked": locked,
        "board_status": report.board_status(timezone.localdate()) if report.pk else BoardStatus.NOT_STARTED,
    }
    return render(request, "reports/unit_report.html", context)


@login_required
@require_POST
def unit_report_submit(request: HttpRequest, pk: int) -> HttpResponse:
    report = _own_report(request, pk)
    try:
        services.submit_unit_report(request.user, report)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("Đã nộp báo cáo cho Khối trưởng."))
    return redirect("reports:unit_report", pk)


@login_required
def unit_report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(queries.unit_reports_for_user(request.user), pk=pk)
    block_report = BlockReport.objects.filter(template=report.template).first()
    locked = block_report is not None and block_report.is_final
    context = {
        "report": report,
        "template": report.template,
        "content": queries.unit_report_content(report),
        "may_return": request.user.has_perm("reports.return_unitreport", report)
        and report.is_submitted
        and not locked,
        "return_form": ReturnForm(),
        "is_own": report.unit_id == getattr(request.user, "unit_id", None),
        "locked": locked,
    }
    return render(request, "reports/unit_report_detail.html", context)


@login_required
@require_POST
def unit_report_return(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(queries.unit_reports_for_user(request.user), pk=pk)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        _require(request, "reports.return_unitreport", report)
        messages.error(request, _("Cần ghi rõ lý do trả lại."))
        return redirect("reports:unit_report_detail", report.pk)
    try:
        services.return_unit_report(request.user, report, form.cleaned_data["reason"])
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect("reports:unit_report_detail", report.pk)
    messages.success(request, _("Đã trả lại báo cáo cho đơn vị."))
    return redirect("reports:status_board", report.template_id)


# --- The status board and compiling -------------------------------------------------------------------------


@login_required
def status_board(request: HttpRequest, pk: int) -> HttpResponse:
    template = _template(request, pk)
    _require(request, "reports.view_statusboard", template)
    rows = queries.status_board(template)
    block_report = BlockReport.objects.filter(template=template).first()
    counts = {status: 0 for status in BoardStatus}
    for row in rows:
        counts[row.status] += 1
    context = {
        "template": template,
        "rows": rows,
        "counts": [(BoardStatus(status).label, count) for status, count in counts.items()],
        "block_report": block_report,
        "may_compile": request.user.has_perm("reports.compile_blockreport", template)
        and not (block_report is not None and block_report.is_final),
        "today": timezone.localdate(),
    }
    return render(request, "reports/status_board.html", context)


@login_required
@require_POST
def compile_report(request: HttpRequest, pk: int) -> HttpResponse:
    template = _template(request, pk)
    try:
        report = services.compile_block_report(request.user, template, note=request.POST.get("note", ""))
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect("reports:status_board", template.pk)
    messages.success(
        request, _("Đã tổng hợp báo cáo của Khối (%(version)s).") % {"version": report.current_version}
    )
    return redirect("reports:block_report", report.pk)


# --- The block's report -------------------------------------------------------------------------------------


def _comment_context(
    request: HttpRequest, report: BlockReport, comment: Comment, **extra: Any
) -> dict[str, Any]:
    return {
        "report": report,
        "comment": comment,
        "may_answer": request.user.has_perm("reports.answer_comment", report) and not report.is_final,
        **extra,
    }


@login_required
def block_report(request: HttpRequest, pk: int) -> HttpResponse:
    report = _block_report(request, pk)
    user = request.user
    versions = queries.versions_for_user(user, report)
    version = queries.displayed_version(user, report)
    wanted = request.GET.get("phien-ban")
    if wanted:
        try:
            version = get_object_or_404(versions, number=int(wanted))
        except ValueError:
            raise Http404 from None
    if version is None:
        raise Http404
    comments = list(queries.comments_of(report))
    round_ = queries.open_round(report)
    is_head = user.has_perm("reports.change_blockreport", report)
    editable = is_head and not report.is_final
    context = {
        "report": report,
        "template": report.template,
        "version": version,
        "sections": queries.sections_with_comments(version, comments),
        "figures": queries.version_figures(version),
        "open_round": round_,
        "rounds": queries.rounds_of(report)
        if is_head or user.has_perm("reports.view_all_versions", report)
        else [],
        "version_count": versions.count(),
        "editable": editable,
        "may_answer": editable,
        "may_comment": round_ is not None
        and round_.version_id == version.pk
        and not report.is_final
        and user.has_perm("reports.add_comment", report),
        "round_form": RoundOpenForm(
            versions=report.versions.order_by("-number"),
            initial={"version": report.current_version_id, "deadline": report.template.comment_deadline},
        )
        if editable and round_ is None
        else None,
        "finalise_form": FinaliseForm(
            versions=report.versions.order_by("-number"), initial={"version": report.current_version_id}
        )
        if editable and round_ is None
        else None,
        "answer_kinds": AnswerForm.base_fields["kind"].choices,  # type: ignore[attr-defined]
    }
    return render(request, "reports/block_report.html", context)


@login_required
def block_report_edit(request: HttpRequest, pk: int) -> HttpResponse:
    report = _block_report(request, pk)
    _require(request, "reports.change_blockreport", report)
    if report.is_final or report.current_version is None:
        messages.error(request, _("Báo cáo của Khối đã hoàn thành và được khóa; không thể thay đổi."))
        return redirect("reports:block_report", report.pk)
    current = queries.version_sections(report.current_version)
    form = BlockReportEditForm(
        request.POST or None,
        sections=[view.section for view in current],
        initial={f"section_{view.section.pk}": view.text for view in current},
    )
    if request.method == "POST" and form.is_valid():
        try:
            version = services.save_block_report_version(
                request.user, report, form.section_texts(), note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Đã lưu %(version)s.") % {"version": version})
            return redirect("reports:block_report", report.pk)
    return render(request, "reports/block_report_edit.html", {"report": report, "form": form})


@login_required
def versions(request: HttpRequest, pk: int) -> HttpResponse:
    report = _block_report(request, pk)
    items = list(queries.versions_for_user(request.user, report))
    context = {
        "report": report,
        "versions": items,
        "compare_form": CompareForm(
            initial={"a": items[1].number, "b": items[0].number} if len(items) > 1 else None
        ),
    }
    return render(request, "reports/versions.html", context)


@login_required
def compare(request: HttpRequest, pk: int) -> HttpResponse:
    report = _block_report(request, pk)
    form = CompareForm(request.GET)
    if not form.is_valid():
        messages.error(request, _("Hãy chọn hai phiên bản để so sánh."))
        return redirect("reports:versions", report.pk)
    visible = queries.versions_for_user(request.user, report)
    old = get_object_or_404(visible, number=form.cleaned_data["a"])
    new = get_object_or_404(visible, number=form.cleaned_data["b"])
    diffs = queries.compare_versions(old, new)
    context = {
        "report": report,
        "old": old,
        "new": new,
        "diffs": diffs,
        "changed": any(d.changed for d in diffs),
    }
    return render(request, "reports/compare.html", context)


@login_required
@require_POST
def round_open(request: HttpRequest, pk: int) -> HttpResponse:
    report = _block_report(request, pk)
    _require(request, "reports.open_commentround", report)
    form = RoundOpenForm(request.POST, versions=report.versions.all())
    if not form.is_valid():
        messages.error(request, _("Hãy chọn phiên bản và hạn góp ý hợp lệ."))
        return redirect("reports:block_report", report.pk)
    try:
        round_ = services.open_comment_round(request.user, report, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(
            request, _("Đã mở %(round)s và thông báo cho các đơn vị thành viên.") % {"round": round_}
        )
    return redirect("reports:block_report", report.pk)


@login_required
@require_POST
def round_close(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_object_or_404(
        CommentRound.objects.filter(report__in=queries.block_reports_for_user(request.user)).select_related(
            "report__template__block", "version"
        ),
        pk=pk,
    )
    try:
        services.close_comment_round(request.user, round_)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("Đã đóng %(round)s.") % {"round": round_})
    return redirect("reports:block_report", round_.report_id)


@login_required
@require_POST
def comment_add(request: HttpRequest, pk: int) -> HttpResponse:
    report = _block_report(request, pk)
    form = CommentForm(request.POST)
    anchor = ""
    if not form.is_valid():
        _require(request, "reports.add_comment", report)
        messages.error(request, _("Cần nhập nội dung góp ý."))
    else:
        try:
            comment = services.add_comment(request.user, report, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(request, _("Đã gửi góp ý."))
            anchor = f"#y-kien-{comment.pk}"
    return redirect(reverse("reports:block_report", args=[report.pk]) + anchor)


@login_required
@require_POST
def comment_answer(request: HttpRequest, pk: int) -> HttpResponse:
    comment = get_object_or_404(
        queries.comments_of_reports(queries.block_reports_for_user(request.user)).select_related(
            "round__report__template__block"
        ),
        pk=pk,
    )
    report = comment.round.report
    form = AnswerForm(request.POST)
    error_text = ""
    if not form.is_valid():
        _require(request, "reports.answer_comment", report)
        error_text = _("Hãy chọn tiếp thu hoặc giải trình và nhập nội dung trả lời.")
    else:
        try:
            comment = services.answer_comment(request.user, comment, **form.cleaned_data)
        except ValidationError as error:
            error_text = _error_text(error)
    if request.htmx:  # type: ignore[attr-defined]
        comment = queries.comments_of(report).get(pk=comment.pk)
        context = _comment_context(
            request,
            report,
            comment,
            answer_error=error_text,
            answer_kinds=AnswerForm.base_fields["kind"].choices,  # type: ignore[attr-defined]
        )
        return render(request, "reports/block_report.html#comment", context)
    if error_text:
        messages.error(request, error_text)
    else:
        messages.success(request, _("Đã trả lời góp ý."))
    return redirect(reverse("reports:block_report", args=[report.pk]) + f"#y-kien-{comment.pk}")


@login_required
@require_POST
def finalise(request: HttpRequest, pk: int) -> HttpResponse:
    report = _block_report(request, pk)
    _require(request, "reports.finalise_blockreport", report)
    form = FinaliseForm(request.POST, versions=report.versions.all())
    if not form.is_valid():
        messages.error(request, _("Hãy chọn phiên bản chính thức."))
        return redirect("reports:block_report", report.pk)
    try:
        services.finalise_block_report(request.user, report, version=form.cleaned_data["version"])
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("Báo cáo đã hoàn thành và được khóa."))
    return redirect("reports:block_report", report.pk)
