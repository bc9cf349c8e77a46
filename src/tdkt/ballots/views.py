"""Ballot pages. Sessions are fetched through :func:`sessions_for_user` (an outsider gets 404); writes go through
the services; a refused action shows its Vietnamese reason and changes nothing. No page shows a count of votes
before the session is counted, and none shows what a voter chose — not even to the voter."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tdkt import vn
from tdkt.ballots import services
from tdkt.ballots.display import rule_share, rule_text
from tdkt.ballots.enums import RollKind, SessionState
from tdkt.ballots.forms import (
    CandidatesForm,
    PaperCountsForm,
    RuleFields,
    SessionForm,
    VoteForm,
    rule_initial,
)
from tdkt.ballots.models import BallotSession
from tdkt.ballots.queries import (
    block_member_units,
    blocks_for_new_session,
    candidates_of,
    roll_entry_for,
    roll_of,
    sessions_for_user,
    tally_lines,
    tally_of,
    turnout,
)
from tdkt.ballots.thresholds import award_label
from tdkt.core.refusals import form_errors, show_errors
from tdkt.core.rules import is_system_admin
from tdkt.org.queries import current_council, current_year

PAGE_SIZE = 30
PAGE_PERMS = (
    "manage_session",
    "change_session",
    "open_session",
    "close_session",
    "count_session",
    "enter_paper_counts",
    "cast_ballot",
    "view_results",
)


def _session(request: HttpRequest, pk: int) -> BallotSession:
    return get_object_or_404(sessions_for_user(request.user), pk=pk)


def _can(request: HttpRequest, session: BallotSession) -> dict[str, bool]:
    return {name: request.user.has_perm(f"ballots.{name}", session) for name in PAGE_PERMS}


def _require(request: HttpRequest, perm: str, obj: Any = None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))


def _rule_values(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "question": data["question"],
        "award_code": data["award_code"],
        "mode": data["mode"],
        "max_choices": data["max_choices"],
        "threshold": data["threshold"],
        "threshold_comparison": data["threshold_comparison"],
        "threshold_base": data["threshold_base"],
        "quorum": data["quorum"],
        "rule_source": data["rule_source"],
    }


# --- list, detail, results -----------------------------------------------------------------------------------


@login_required
def session_list(request: HttpRequest) -> HttpResponse:
    sessions = sessions_for_user(request.user).order_by("-year", "-pk")
    page = Paginator(sessions, PAGE_SIZE).get_page(request.GET.get("trang"))
    return render(
        request,
        "ballots/list.html",
        {"page": page, "may_create": request.user.has_perm("ballots.add_session")},
    )


@login_required
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    voted, on_roll = turnout(session)
    entry = roll_entry_for(request.user, session).first()
    context = {
        "session": session,
        "can": _can(request, session),
        "candidates": list(candidates_of(session)),
        "roll": list(roll_of(session)),
        "voted": voted,
        "on_roll": on_roll,
        "my_entry": entry,
        "rule": rule_text(session),
        "award": award_label(session.award_code) if session.award_code else "",
    }
    return render(request, "ballots/detail.html", context)


@login_required
def results(request: HttpRequest, pk: int) -> HttpResponse:
    """The vote-count minutes' data (biên bản kiểm phiếu); before counting, a notice and no number at all."""
    session = _session(request, pk)
    record = tally_of(session)
    lines = list(tally_lines(record)) if record is not None else []
    return render(
        request,
        "ballots/results.html",
        {
            "session": session,
            "tally": record,
            "lines": lines,
            "rule": rule_text(record) if record is not None else "",
            "quorum_share": rule_share(record.quorum) if record is not None else "",
            "award": award_label(session.award_code) if session.award_code else "",
        },
    )


# --- create and edit -----------------------------------------------------------------------------------------


@login_required
def session_create(request: HttpRequest) -> HttpResponse:
    _require(request, "ballots.add_session")
    blocks = list(blocks_for_new_session(request.user))
    council = current_council() if is_system_admin(request.user) else None
    initial = {"year": current_year(), "max_choices": 1}
    form = SessionForm(request.POST or None, blocks=blocks, council=council, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.create_session(
                request.user,
                year=form.cleaned_data["year"],
                **form.chosen(),
                **_rule_values(form.cleaned_data),
            )
        except (ValidationError, PermissionDenied) as error:
            form_errors(form, error)
        else:
            messages.success(request, _("Đã tạo phiên bỏ phiếu. Kiểm tra danh sách bầu rồi mở bỏ phiếu."))
            return redirect("ballots:edit", session.pk)
    return render(request, "ballots/form.html", {"form": form, "session": None})


def _candidates_form(session: BallotSession, data: Any = None) -> CandidatesForm:
    units = (
        list(block_member_units(session.block, session.year))
        if session.roll_kind == RollKind.BLOCK and session.block
        else []
    )
    current = list(candidates_of(session))
    chosen_units = [c.unit for c in current if c.unit is not None]
    ordered = chosen_units + [u for u in units if u.pk not in {c.pk for c in chosen_units}]
    initial = {
        "units": [str(u.pk) for u in chosen_units],
        "others": "\n".join(c.label for c in current if c.unit is None and c.person is None),
    }
    return CandidatesForm(data, units=ordered, initial=initial)


@login_required
def session_edit(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    _require(request, "ballots.manage_session", session)
    if session.state != SessionState.DRAFT:
        messages.error(request, _("Chỉ sửa được phiên bỏ phiếu chưa mở."))
        return redirect(session.get_absolute_url())
    form = RuleFields(
        request.POST if request.POST.get("part") == "rule" else None, initial=rule_initial(session)
    )
    candidates_form = _candidates_form(
        session, request.POST if request.POST.get("part") == "candidates" else None
    )
    if request.method == "POST" and form.is_bound and form.is_valid():
        try:
            services.update_session(request.user, session, **_rule_values(form.cleaned_data))
        except ValidationError as error:
            form_errors(form, error)
        else:
            messages.success(request, _("Đã lưu phiên bỏ phiếu."))
            return redirect("ballots:edit", session.pk)
    if request.method == "POST" and candidates_form.is_bound and candidates_form.is_valid():
        data = candidates_form.cleaned_data
        notes = {
            c.unit_id: c.note for c in candidates_of(session) if c.unit_id is not None
        }  # kept, e.g. the rank
        items = [
            services.CandidateInput(unit=unit, note=notes.get(unit.pk, ""))
            for unit in (candidates_form.unit_map[pk] for pk in data.get("units", []))
        ]
        items += [
            services.CandidateInput(label=line)
            for line in (vn.clean(x) for x in data["others"].splitlines())
            if line
        ]
        try:
            services.set_candidates(request.user, session, items)
        except ValidationError as error:
            form_errors(candidates_form, error)
        else:
            messages.success(request, _("Đã lưu danh sách bầu (%(n)s).") % {"n": len(items)})
            return redirect("ballots:edit", session.pk)
    return render(
        request,
        "ballots/edit.html",
        {
            "session": session,
            "form": form,
            "candidates_form": candidates_form,
            "candidates": list(candidates_of(session)),
        },
    )


# --- transitions ---------------------------------------------------------------------------------------------


def _transition(request: HttpRequest, pk: int, action: Any, done: str) -> HttpResponse:
    session = _session(request, pk)
    try:
        action(request.user, session)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, done)
    return redirect(session.get_absolute_url())


@login_required
@require_POST
def session_open(request: HttpRequest, pk: int) -> HttpResponse:
    return _transition(request, pk, services.open_session, _("Đã mở bỏ phiếu."))


@login_required
@require_POST
def session_close(request: HttpRequest, pk: int) -> HttpResponse:
    return _transition(request, pk, services.close_session, _("Đã kết thúc bỏ phiếu."))


@login_required
@require_POST
def session_count(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    try:
        services.count_session(request.user, session)
    except ValidationError as error:
        show_errors(request, error)
        return redirect(session.get_absolute_url())
    messages.success(request, _("Đã kiểm phiếu."))
    return redirect("ballots:results", session.pk)


@login_required
def vote(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    _require(request, "ballots.vote", session)
    candidates = list(candidates_of(session))
    form = VoteForm(request.POST or None, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        try:
            services.cast_ballot(request.user, session, [int(pk) for pk in form.cleaned_data["choices"]])
        except ValidationError as error:
            form_errors(form, error)
        else:
            # The message says that the vote was received, never what it was.
            messages.success(request, _("Đã ghi nhận phiếu bầu. Phiếu không gắn với tên người bỏ phiếu."))
            return redirect(session.get_absolute_url())
    entry = roll_entry_for(request.user, session).first()
    return render(
        request,
        "ballots/vote.html",
        {
            "session": session,
            "form": form,
            "entry": entry,
            "rule": rule_text(session),
            "can": _can(request, session),
        },
    )


@login_required
def paper_counts(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    _require(request, "ballots.manage_session", session)
    form = PaperCountsForm(request.POST or None, candidates=list(candidates_of(session)))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.enter_paper_counts(
                request.user,
                session,
                present=data["present"],
                issued=data["issued"],
                valid=data["valid"],
                invalid=data["invalid"],
                votes=form.votes(),
            )
        except ValidationError as error:
            form_errors(form, error)
        else:
            messages.success(request, _("Đã ghi kết quả kiểm phiếu."))
            return redirect("ballots:results", session.pk)
    return render(
        request, "ballots/paper.html", {"session": session, "form": form, "can": _can(request, session)}
    )
