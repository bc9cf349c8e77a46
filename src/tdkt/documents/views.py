"""Downloads of the documents of the cycle (Word, PDF, Excel) and the batch jobs with their progress.

Each download fetches its object through the same ``*_for_user`` query as the page it is offered on, so whoever
cannot open the page gets 404 here too. A document that cannot be rendered (no signer known…) sends the user back
with the reason; no file is produced.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tdkt.awards.queries import decisions_for_user, proposals_for_user
from tdkt.ballots.queries import sessions_for_user, tally_of
from tdkt.documents import excel, services
from tdkt.documents.kinds.cycle import (
    block_report_document,
    invitation_document,
    minutes_document,
    pledge_document,
)
from tdkt.documents.kinds.records import decision_document, submission_document, tally_document
from tdkt.documents.layout import Document
from tdkt.documents.queries import jobs_for_user, minutes_visible
from tdkt.documents.render import CONTENT_TYPES, FORMATS
from tdkt.documents.render import render as render_document
from tdkt.emulation.queries import pledges_for_user
from tdkt.meetings.queries import meetings_for_user
from tdkt.org.queries import blocks_for_user, current_year
from tdkt.reports.queries import block_reports_for_user, displayed_version, versions_for_user


def _file(content: bytes, filename: str, fmt: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _render(request: HttpRequest, build: Callable[[], Document], fmt: str, back: str) -> HttpResponse:
    """Build and render the document; on a ValidationError (missing signer…) go back to the page with the reason."""
    if fmt not in FORMATS:
        raise Http404
    try:
        document = build()
        content = render_document(document, fmt)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(back)
    return _file(content, f"{document.slug}.{fmt}", fmt)


@login_required
def pledge(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    item = get_object_or_404(pledges_for_user(request.user).select_related("block__province"), pk=pk)
    return _render(request, lambda: pledge_document(item), fmt, item.get_absolute_url())


@login_required
def invitation(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    meeting = get_object_or_404(
        meetings_for_user(request.user).select_related("host_unit__province", "chair", "secretary"), pk=pk
    )
    return _render(request, lambda: invitation_document(meeting), fmt, meeting.get_absolute_url())


@login_required
def minutes(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    meeting = get_object_or_404(
        meetings_for_user(request.user).select_related(
            "host_unit__province", "chair", "secretary", "block__province"
        ),
        pk=pk,
    )
    if meeting.current_minutes is None:
        raise Http404
    if not minutes_visible(request.user, meeting):
        raise PermissionDenied(_("Biên bản đang được soạn: chỉ người soạn và Khối trưởng xem được."))
    return _render(request, lambda: minutes_document(meeting), fmt, meeting.get_absolute_url())


@login_required
def block_report(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    report = get_object_or_404(
        block_reports_for_user(request.user).select_related("template__block__province"), pk=pk
    )
    version = displayed_version(request.user, report)
    wanted = request.GET.get("phien-ban")
    if wanted:
        try:
            version = get_object_or_404(versions_for_user(request.user, report), number=int(wanted))
        except ValueError:
            raise Http404 from None
    if version is None:
        raise Http404
    back = reverse("reports:block_report", args=[report.pk])
    return _render(request, lambda: block_report_document(report, version), fmt, back)


@login_required
def award_decision(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """Quyết định khen thưởng with its list, as issued (whoever sees the decision's page)."""
    item = get_object_or_404(
        decisions_for_user(request.user).select_related("issuer__province", "proposal__unit"), pk=pk
    )
    return _render(request, lambda: decision_document(item), fmt, item.get_absolute_url())


@login_required
def award_proposal(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """Tờ trình đề nghị khen thưởng (whoever sees the proposal's page); a draft until it is sent."""
    item = get_object_or_404(proposals_for_user(request.user).select_related("unit__province"), pk=pk)
    return _render(request, lambda: submission_document(item), fmt, item.get_absolute_url())


@login_required
def ballot_tally(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """Biên bản kiểm phiếu of a counted session (whoever sees its results; before counting there is none)."""
    session = get_object_or_404(
        sessions_for_user(request.user).select_related("council__province", "block__province"), pk=pk
    )
    if tally_of(session) is None:
        raise Http404
    back = reverse("ballots:results", args=[session.pk])
    return _render(request, lambda: tally_document(session), fmt, back)


@login_required
@require_POST
def decision_certificates(request: HttpRequest, pk: int) -> HttpResponse:
    """Start printing a decision's certificates in the background (designed sheets, or text for the blanks)."""
    item = get_object_or_404(decisions_for_user(request.user).select_related("issuer__province"), pk=pk)
    try:
        job = services.start_decision_certificates_job(
            request.user,
            decision=item,
            base_url=request.build_absolute_uri("/"),
            blank=request.POST.get("phoi") == "1",
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(item)
    return redirect(job)


@login_required
def registrations(request: HttpRequest) -> HttpResponse:
    """The year's registrations of the user's scope as Excel (the scope page's visibility)."""
    if not request.user.has_perm("emulation.list_registrations"):
        raise PermissionDenied
    try:
        year = int(request.GET.get("nam", ""))
    except ValueError:
        year = current_year()
    if not 1990 <= year <= 2100:
        year = current_year()
    return _file(excel.registrations_workbook(request.user, year), f"dang-ky-thi-dua-{year}.xlsx", "xlsx")


# --- jobs ----------------------------------------------------------------------------------------------------------


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """Batch documents: a block's year as one zip, and the user's recent jobs."""
    context = {
        "blocks": blocks_for_user(request.user).order_by("kind", "name_sort"),
        "years": list(range(current_year(), current_year() - 8, -1)),
        "jobs": jobs_for_user(request.user)[:20],
    }
    return render(request, "documents/index.html", context)


@login_required
@require_POST
def year_job(request: HttpRequest) -> HttpResponse:
    try:
        block = get_object_or_404(blocks_for_user(request.user), pk=int(request.POST.get("khoi", "")))
        year = int(request.POST.get("nam", ""))
    except ValueError:
        raise Http404 from None
    try:
        job = services.start_year_documents_job(request.user, block=block, year=year)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("documents:index")
    return redirect(job)


@login_required
def job(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(jobs_for_user(request.user), pk=pk)
    template = "documents/job.html#progress" if request.htmx else "documents/job.html"  # type: ignore[attr-defined]
    response = render(request, template, {"job": item})
    response["Vary"] = "HX-Request"
    return response


@login_required
def job_file(request: HttpRequest, pk: int) -> FileResponse:
    item = get_object_or_404(jobs_for_user(request.user), pk=pk)
    if not item.file:
        raise Http404
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=item.filename)
