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
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tdkt.awards import catalogue
from tdkt.awards.enums import SubjectKind
from tdkt.awards.models import Candidate
from tdkt.awards.queries import (
    decisions_for_user,
    proposals_for_user,
    register_filters,
    search_register,
    units_with_history_for_user,
)
from tdkt.ballots.queries import sessions_for_user, tally_of
from tdkt.documents import excel, services, statistics
from tdkt.documents.kinds.achievements import candidate_report as candidate_report_document
from tdkt.documents.kinds.achievements import collective_report, individual_report
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
from tdkt.org.queries import blocks_for_user, current_year, people_for_user
from tdkt.reports.queries import block_reports_for_user, displayed_version, versions_for_user
from tdkt.scoring.models import ScoringRound
from tdkt.scoring.queries import rounds_for_user


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
    if not item.file or item.is_expired:
        raise Http404
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=item.filename)


# --- báo cáo thành tích -------------------------------------------------------------------------------------------


@login_required
def candidate_report(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The achievement report of a candidate, for whoever sees the proposal."""
    candidate = get_object_or_404(
        Candidate.objects.filter(proposal__in=proposals_for_user(request.user)).select_related(
            "proposal", "person__unit__province", "unit__province", "unit__parent"
        ),
        pk=pk,
    )
    back = candidate.proposal.get_absolute_url()
    return _render(request, lambda: candidate_report_document(candidate), fmt, back)


#: The title a report from a record page is written for unless the page asks for another: the yearly titles
#: whose dossier carries a báo cáo thành tích (ND 98 Art. 34(2), legal brief §2.7).
REPORT_AWARDS: dict[str, str] = {
    SubjectKind.INDIVIDUAL: "chien_si_thi_dua_co_so",
    SubjectKind.COLLECTIVE: "tap_the_lao_dong_xuat_sac",
}


def _report_params(request: HttpRequest, kind: str) -> tuple[int, str]:
    """The year (``nam``, this year by default) and the title or form (``danh-hieu``, a code the subject may
    receive; by default :data:`REPORT_AWARDS`) of a report asked from a record page."""
    try:
        year = int(request.GET.get("nam", ""))
    except ValueError:
        year = current_year()
    if not 1990 <= year <= 2100:
        year = current_year()
    code = request.GET.get("danh-hieu", "") or REPORT_AWARDS[kind]
    if not catalogue.is_known(code) or kind not in catalogue.subjects_of(code):
        choices = catalogue.proposable(kind, timezone.localdate())
        if not choices:
            raise Http404
        code = choices[0][0]
    return year, code


@login_required
def person_report(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """A person's achievement report from the record page (the narrative left for the unit to complete)."""
    person = get_object_or_404(people_for_user(request.user).select_related("unit__province"), pk=pk)
    if not request.user.has_perm("awards.view_history", person):
        raise PermissionDenied
    year, code = _report_params(request, SubjectKind.INDIVIDUAL)
    back = reverse("awards:person_record", args=[person.pk])
    return _render(request, lambda: individual_report(person, year=year, award_code=code), fmt, back)


@login_required
def unit_report(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """A collective's achievement report from its record page."""
    unit = get_object_or_404(
        units_with_history_for_user(request.user).select_related("province", "parent"), pk=pk
    )
    year, code = _report_params(request, SubjectKind.COLLECTIVE)
    back = reverse("awards:unit_record", args=[unit.pk])
    return _render(request, lambda: collective_report(unit, year=year, award_code=code), fmt, back)


# --- Excel exports of scoring and awards ------------------------------------------------------------------------


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    return _file(content, filename, "xlsx")


def _closed_round(request: HttpRequest, pk: int) -> ScoringRound:
    """A round the user sees, once closed and its ranking visible to them (the ranking page's rule)."""
    scoring_round = get_object_or_404(rounds_for_user(request.user), pk=pk)
    if not request.user.has_perm("scoring.view_ranking", scoring_round):
        raise Http404
    return scoring_round


@login_required
def round_scores(request: HttpRequest, pk: int) -> HttpResponse:
    scoring_round = _closed_round(request, pk)
    return _xlsx(
        excel.round_scores_workbook(request.user, scoring_round),
        f"diem-thi-dua-{scoring_round.pledge.year}-{scoring_round.pk}.xlsx",
    )


@login_required
def round_ranking(request: HttpRequest, pk: int) -> HttpResponse:
    scoring_round = _closed_round(request, pk)
    return _xlsx(
        excel.ranking_workbook(request.user, scoring_round),
        f"xep-hang-thi-dua-{scoring_round.pledge.year}-{scoring_round.pk}.xlsx",
    )


@login_required
def decision_list(request: HttpRequest, pk: int) -> HttpResponse:
    decision = get_object_or_404(decisions_for_user(request.user), pk=pk)
    return _xlsx(
        excel.decision_workbook(decision), f"danh-sach-khen-thuong-{decision.year}-{decision.number:02d}.xlsx"
    )


@login_required
def register_export(request: HttpRequest) -> HttpResponse:
    """The register as the register page shows it, with its filters."""
    records = search_register(request.user, **register_filters(request.GET))
    return _xlsx(excel.register_workbook(records), "so-khen-thuong.xlsx")


# --- statutory statistics -----------------------------------------------------------------------------------------


def _statistics_year(request: HttpRequest) -> int:
    try:
        year = int(request.GET.get("nam", ""))
    except ValueError:
        return current_year()
    return year if 1990 <= year <= 2100 else current_year()


@login_required
def statistics_page(request: HttpRequest) -> HttpResponse:
    """The MoHA statistics form of a year, computed from the register (Phòng TĐKT)."""
    if not request.user.has_perm("documents.view_statistics"):
        raise PermissionDenied
    year = _statistics_year(request)
    context = {
        "stats": statistics.compute(request.user, year),
        "year": year,
        "years": list(range(current_year(), current_year() - 8, -1)),
    }
    return render(request, "documents/statistics.html", context)


@login_required
def statistics_export(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("documents.view_statistics"):
        raise PermissionDenied
    year = _statistics_year(request)
    stats = statistics.compute(request.user, year)
    return _xlsx(statistics.statistics_workbook(stats), f"bieu-0602N-BNV-TDKT-{year}.xlsx")
