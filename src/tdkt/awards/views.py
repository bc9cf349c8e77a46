"""Commendation pages. Objects are fetched through the ``*_for_user`` queries (an outsider gets 404); writes go
through the services; a refused action shows its Vietnamese reason and leaves the data as it was."""

from __future__ import annotations

import datetime
import mimetypes
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tdkt import rules, vn
from tdkt.awards import catalogue, services
from tdkt.awards.appraisal import check_candidates, dossier_citation, dossier_items, missing_items
from tdkt.awards.eligibility import all_verdicts, person_subjects, unit_subjects
from tdkt.awards.enums import Appraisal, ProposalState, SubjectKind
from tdkt.awards.excel import template_workbook
from tdkt.awards.forms import (
    AchievementsForm,
    AppraiseForm,
    BaseSalaryForm,
    CandidatesForm,
    CorrectionForm,
    DisciplineForm,
    DossierForm,
    HoldForm,
    ImportForm,
    InitiativeForm,
    IssueForm,
    PastAwardForm,
    ProposalForm,
    RatingForm,
    ReasonForm,
    UnitRatingForm,
)
from tdkt.awards.models import AddedBaseSalary, DossierFile, Hold, Proposal
from tdkt.awards.outline import outline
from tdkt.awards.queries import (
    candidates_of,
    decisions_for_user,
    dossier_files_for_user,
    person_history,
    person_years_of_unit,
    proposals_for_user,
    records_of,
    register_filters,
    register_order,
    search_register,
    unit_history,
    units_with_history_for_user,
)
from tdkt.awards.salaries import salary_lines
from tdkt.awards.screening import (
    individual_awards,
    people_of_block,
    people_of_province,
    people_of_unit,
    screen,
    sorted_found,
)
from tdkt.awards.services.salaries import decisions_priced_with
from tdkt.core.refusals import form_errors, show_errors
from tdkt.core.rules import is_system_admin
from tdkt.meetings.queries import blocks_for_new_meeting
from tdkt.org.enums import UnitKind
from tdkt.org.models import Person, Unit
from tdkt.org.queries import blocks_for_user, current_year, people_for_user

PAGE_SIZE = 50


# --- helpers -------------------------------------------------------------------------------------------------


def _positive_int(value: str | None) -> int | None:
    try:
        number = int(value or "")
    except ValueError:
        return None
    return number if number > 0 else None


def _year(value: str | None) -> int | None:
    number = _positive_int(value)
    return number if number is not None and 1990 <= number <= 2100 else None


def _require(request: HttpRequest, perm: str, obj: Any = None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))


def _invalid(request: HttpRequest, form: forms.Form) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for message in errors:
            messages.error(request, f"{label}: {message}" if label else str(message))


def _proposal(request: HttpRequest, pk: int) -> Proposal:
    return get_object_or_404(proposals_for_user(request.user), pk=pk)


def _person(request: HttpRequest, pk: int) -> Any:
    return get_object_or_404(people_for_user(request.user), pk=pk)


def _unit(request: HttpRequest, pk: int) -> Unit:
    return get_object_or_404(units_with_history_for_user(request.user), pk=pk)


# --- proposals -----------------------------------------------------------------------------------------------


@login_required
def proposal_list(request: HttpRequest) -> HttpResponse:
    visible = proposals_for_user(request.user)
    proposals = visible
    year = _year(request.GET.get("nam"))
    if year is not None:
        proposals = proposals.filter(year=year)
    state = request.GET.get("trang-thai", "")
    if state in ProposalState.values:
        proposals = proposals.filter(state=state)
    page = Paginator(proposals.order_by("-year", "-pk"), PAGE_SIZE).get_page(request.GET.get("trang"))
    context = {
        "page": page,
        "year": year,
        "state": state,
        "states": ProposalState.choices,
        "years": sorted(set(visible.values_list("year", flat=True)), reverse=True),
        "may_create": request.user.has_perm("awards.add_proposal"),
        "may_screen": request.user.has_perm("awards.screen_eligibility"),
        "award_names": {code: name for code, name in catalogue.all_awards()},
    }
    return render(request, "awards/proposal_list.html", context)


@login_required
def proposal_create(request: HttpRequest) -> HttpResponse:
    _require(request, "awards.add_proposal")
    blocks = blocks_for_new_meeting(request.user)
    form = ProposalForm(
        request.POST or None,
        blocks=blocks if blocks.exists() else None,
        initial={"year": current_year()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            proposal = services.create_proposal(
                request.user,
                unit=get_object_or_404(Unit, pk=getattr(request.user, "unit_id", None) or 0),
                year=data["year"],
                award_code=data["award_code"],
                # the kind matters only for forms given to people and collectives alike
                subject_kind=data["subject_kind"] if _both_kinds(data["award_code"]) else None,
                block=data.get("block"),
                title=data["title"],
            )
        except (ValidationError, PermissionDenied) as error:
            form_errors(form, error)
        else:
            messages.success(
                request, _("Đã lập tờ trình. Chọn người, tập thể được đề nghị và đính kèm hồ sơ.")
            )
            return redirect(proposal)
    return render(request, "awards/proposal_form.html", {"form": form})


def _both_kinds(award_code: str) -> bool:
    return {SubjectKind.INDIVIDUAL, SubjectKind.COLLECTIVE} <= catalogue.subjects_of(award_code)


def _proposal_context(request: HttpRequest, proposal: Proposal) -> dict[str, Any]:
    user = request.user
    candidates = list(candidates_of(proposal))
    checks = {c.candidate.pk: c for c in check_candidates(proposal, candidates)} if candidates else {}
    items = dossier_items(proposal)
    files = list(
        DossierFile.objects.filter(proposal=proposal).select_related("candidate").order_by("created_at", "pk")
    )
    can = {
        name: user.has_perm(f"awards.{name}", proposal)
        for name in (
            "change_proposal",
            "submit_proposal",
            "appraise_proposal",
            "return_proposal",
            "send_to_council",
            "record_council_result",
            "issue_decision",
        )
    }
    vote = rules.ruleset_for(timezone.localdate()).awards.get(proposal.award_code)
    rows: list[dict[str, Any]] = []
    for candidate in candidates:
        rows.append(
            {
                "candidate": candidate,
                "check": checks.get(candidate.pk),
                "missing": missing_items(items, files, candidate) if items else [],
                "form": AppraiseForm(prefix=f"c{candidate.pk}") if can["appraise_proposal"] else None,
                "achievements_form": AchievementsForm(
                    prefix=f"t{candidate.pk}", initial={"achievements": candidate.achievements}
                )
                if can["change_proposal"]
                else None,
            }
        )
    context: dict[str, Any] = {
        "proposal": proposal,
        "award_name": catalogue.award_name(proposal.award_code),
        "rows": rows,
        "items": items,
        "items_citation": dossier_citation(proposal),
        "files": files,
        "can": can,
        "vote": vote.vote if vote is not None else None,
        "pending": [r["candidate"].name for r in rows if r["candidate"].appraisal == Appraisal.PENDING],
        "decisions": list(proposal.decisions.order_by("signed_on", "pk")),
    }
    if can["change_proposal"]:
        context["candidates_form"] = CandidatesForm(
            people=services.eligible_people(proposal)
            if proposal.subject_kind == SubjectKind.INDIVIDUAL
            else Person.objects.none(),
            units=services.eligible_units(proposal)
            if proposal.subject_kind == SubjectKind.COLLECTIVE
            else Unit.objects.none(),
            initial={
                "people": [c.person_id for c in candidates if c.person_id],
                "units": [c.unit_id for c in candidates if c.unit_id],
            },
        )
        context["dossier_form"] = DossierForm(items=[*items, services.OTHER_ITEM], candidates=candidates)
    if can["return_proposal"]:
        context["return_form"] = ReasonForm()
    return context


@login_required
def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(request, pk)
    return render(request, "awards/proposal_detail.html", _proposal_context(request, proposal))


@login_required
@require_POST
def proposal_candidates(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(request, pk)
    _require(request, "awards.manage_proposal", proposal)
    form = CandidatesForm(
        request.POST, people=services.eligible_people(proposal), units=services.eligible_units(proposal)
    )
    if not form.is_valid():
        _invalid(request, form)
        return redirect(proposal)
    try:
        chosen = services.set_candidates(
            request.user,
            proposal,
            people=list(form.cleaned_data["people"]),
            units=list(form.cleaned_data["units"]),
        )
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, _("Đã lưu danh sách %(n)s trường hợp đề nghị.") % {"n": len(chosen)})
    return redirect(proposal)


@login_required
@require_POST
def proposal_file_add(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(request, pk)
    _require(request, "awards.manage_proposal", proposal)
    candidates = list(proposal.candidates.select_related("person", "unit"))
    form = DossierForm(
        request.POST,
        request.FILES,
        items=[*dossier_items(proposal), services.OTHER_ITEM],
        candidates=candidates,
    )
    if not form.is_valid():
        _invalid(request, form)
        return redirect(proposal)
    chosen = next((c for c in candidates if str(c.pk) == form.cleaned_data["candidate"]), None)
    try:
        services.add_dossier_file(
            request.user,
            proposal,
            item=form.cleaned_data["item"],
            upload=form.cleaned_data["file"],
            candidate=chosen,
        )
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, _("Đã thêm tệp hồ sơ."))
    return redirect(proposal)


@login_required
def dossier_file(request: HttpRequest, pk: int) -> FileResponse:
    """A dossier file, only for those who may see its proposal."""
    dossier = get_object_or_404(dossier_files_for_user(request.user), pk=pk)
    content_type = mimetypes.guess_type(dossier.original_name)[0] or "application/octet-stream"
    return FileResponse(
        dossier.file.open("rb"),
        as_attachment=not content_type.startswith(("image/", "application/pdf")),
        filename=dossier.original_name,
        content_type=content_type,
    )


@login_required
@require_POST
def dossier_file_remove(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = get_object_or_404(dossier_files_for_user(request.user), pk=pk)
    proposal = dossier.proposal
    try:
        services.remove_dossier_file(request.user, dossier)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, _("Đã gỡ tệp “%(name)s”.") % {"name": dossier.original_name})
    return redirect(proposal)


def _transition(
    request: HttpRequest, proposal: Proposal, action: Any, success: str, **kwargs: Any
) -> HttpResponse:
    try:
        action(request.user, proposal, **kwargs)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, success)
    return redirect(proposal)


@login_required
@require_POST
def proposal_submit(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(request, pk)
    _require(request, "awards.manage_proposal", proposal)
    return _transition(
        request, proposal, services.submit_proposal, _("Đã gửi tờ trình tới Phòng Thi đua, khen thưởng.")
    )


@login_required
@require_POST
def candidate_appraise(request: HttpRequest, pk: int, candidate_pk: int) -> HttpResponse:
    proposal = _proposal(request, pk)
    _require(request, "awards.appraise", proposal)
    candidate = get_object_or_404(proposal.candidates.select_related("person", "unit"), pk=candidate_pk)
    form = AppraiseForm(request.POST, prefix=f"c{candidate.pk}")
    if not form.is_valid():
        _invalid(request, form)
        return redirect(proposal)
    accept = form.cleaned_data["verdict"] == "accept"
    try:
        services.appraise_candidate(
            request.user, candidate, accept=accept, reason=form.cleaned_data["reason"]
        )
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(
            request,
            (_("Đã chấp nhận %(name)s.") if accept else _("Đã trả lại %(name)s.")) % {"name": candidate.name},
        )
    return redirect(proposal)


@login_required
@require_POST
def candidate_achievements(request: HttpRequest, pk: int, candidate_pk: int) -> HttpResponse:
    """Save the achievement narrative of a candidate's báo cáo thành tích (the unit, while it writes the dossier)."""
    proposal = _proposal(request, pk)
    _require(request, "awards.manage_proposal", proposal)
    candidate = get_object_or_404(proposal.candidates.select_related("person", "unit"), pk=candidate_pk)
    form = AchievementsForm(request.POST, prefix=f"t{candidate.pk}")
    if not form.is_valid():
        _invalid(request, form)
        return redirect(proposal)
    try:
        services.write_achievements(request.user, candidate, achievements=form.cleaned_data["achievements"])
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, _("Đã lưu thành tích của %(name)s.") % {"name": candidate.name})
    return redirect(f"{proposal.get_absolute_url()}#candidate-{candidate.pk}")


@login_required
@require_POST
def proposal_return(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(request, pk)
    _require(request, "awards.appraise", proposal)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        _invalid(request, form)
        return redirect(proposal)
    return _transition(
        request,
        proposal,
        services.return_proposal,
        _("Đã trả lại tờ trình cho đơn vị."),
        reason=form.cleaned_data["reason"],
    )


@login_required
@require_POST
def proposal_send(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(request, pk)
    _require(request, "awards.appraise", proposal)
    return _transition(
        request,
        proposal,
        services.send_to_council,
        _("Đã trình Hội đồng: phiếu bầu đã mở, các thành viên đã được báo."),
    )


@login_required
@require_POST
def proposal_approve(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(request, pk)
    _require(request, "awards.appraise", proposal)
    return _transition(request, proposal, services.approve_for_decision, _("Đã trình ký quyết định."))


@login_required
@require_POST
def proposal_council_result(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(request, pk)
    _require(request, "awards.appraise", proposal)
    return _transition(
        request, proposal, services.record_council_result, _("Đã ghi nhận kết quả bỏ phiếu của Hội đồng.")
    )


def _default_issuer() -> Unit | None:
    return Unit.objects.filter(kind=UnitKind.PEOPLES_COMMITTEE, is_active=True).order_by("pk").first()


@login_required
def proposal_issue(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(request, pk)
    _require(request, "awards.appraise", proposal)
    if not request.user.has_perm("awards.issue_decision", proposal):
        messages.error(request, _("Tờ trình chưa sẵn sàng để ban hành quyết định."))
        return redirect(proposal)
    issuer = _default_issuer() or proposal.unit
    form = IssueForm(request.POST or None, initial={"issuer": issuer.pk, "signed_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            decision = services.issue_decision(request.user, proposal, **form.cleaned_data)
        except ValidationError as error:
            form_errors(form, error)
        else:
            messages.success(request, _("Đã ban hành Quyết định số %(ref)s.") % {"ref": decision.reference})
            return redirect(decision)
    recipients = [
        c
        for c in candidates_of(proposal)
        if c.appraisal == Appraisal.ACCEPTED and (proposal.ballot_id is None or c.council_passed)
    ]
    return render(
        request, "awards/issue_form.html", {"form": form, "proposal": proposal, "recipients": recipients}
    )


# --- decisions -----------------------------------------------------------------------------------------------


@login_required
def decision_list(request: HttpRequest) -> HttpResponse:
    visible = decisions_for_user(request.user)
    decisions = visible
    year = _year(request.GET.get("nam"))
    if year is not None:
        decisions = decisions.filter(year=year)
    page = Paginator(decisions.order_by("-signed_on", "-pk"), PAGE_SIZE).get_page(request.GET.get("trang"))
    context = {
        "page": page,
        "year": year,
        "years": sorted(set(visible.values_list("year", flat=True)), reverse=True),
    }
    return render(request, "awards/decision_list.html", context)


@login_required
def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    decision = get_object_or_404(decisions_for_user(request.user), pk=pk)
    records = list(records_of(decision))
    total = sum(r.bonus or 0 for r in records if not hasattr(r, "cancellation"))
    may_correct = request.user.has_perm("awards.issue_correction", decision)
    standing = [r for r in records if not hasattr(r, "cancellation")]
    context = {
        "decision": decision,
        "records": records,
        "total": total,
        "total_words": vn.amount_in_words(total) if total else "",
        "cancellations": list(decision.cancellations.select_related("record")),
        "corrections": list(decision.corrections.order_by("signed_on", "pk")),
        "form": CorrectionForm(records=standing, initial={"signed_on": timezone.localdate()})
        if may_correct and standing
        else None,
    }
    return render(request, "awards/decision_detail.html", context)


@login_required
@require_POST
def decision_correct(request: HttpRequest, pk: int) -> HttpResponse:
    decision = get_object_or_404(decisions_for_user(request.user), pk=pk)
    _require(request, "awards.issue_correction", decision)
    records = list(records_of(decision))
    form = CorrectionForm(request.POST, records=records)
    if not form.is_valid():
        _invalid(request, form)
        return redirect(decision)
    chosen = [r for r in records if str(r.pk) in form.cleaned_data["records"]]
    try:
        correction = services.issue_correction(
            request.user,
            decision,
            cancel=chosen,
            reason=form.cleaned_data["reason"],
            signed_on=form.cleaned_data["signed_on"],
            signer_name=form.cleaned_data["signer_name"],
            signer_title=form.cleaned_data["signer_title"],
        )
    except ValidationError as error:
        show_errors(request, error)
        return redirect(decision)
    messages.success(
        request, _("Đã ban hành Quyết định đính chính số %(ref)s.") % {"ref": correction.reference}
    )
    return redirect(correction)


# --- the register --------------------------------------------------------------------------------------------


def _register_filters(request: HttpRequest) -> dict[str, Any]:
    return register_filters(request.GET)


@login_required
def register(request: HttpRequest) -> HttpResponse:
    filters = _register_filters(request)
    records = register_order(search_register(request.user, **filters))
    page = Paginator(records, PAGE_SIZE).get_page(request.GET.get("trang"))
    query = request.GET.copy()
    query.pop("trang", None)
    context = {
        "page": page,
        "filters": filters,
        "awards": catalogue.all_awards(),
        "units": units_with_history_for_user(request.user).filter(is_active=True).order_by("name_sort"),
        "query": query.urlencode(),
    }
    return render(request, "awards/register.html", context)


@login_required
def register_export(request: HttpRequest) -> HttpResponse:
    """The register's Excel export moved to the documents app with the other exports; this address stays."""
    query = request.GET.urlencode()
    target = reverse("documents:register_export")
    return redirect(f"{target}?{query}" if query else target)


# --- records of people and units -----------------------------------------------------------------------------


def _verdict_year(request: HttpRequest) -> int:
    return _year(request.GET.get("nam")) or current_year()


def _year_choices() -> list[int]:
    now = current_year()
    return list(range(now, now - 6, -1))


@login_required
def person_record(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(request, pk)
    _require(request, "awards.view_history", person)
    year = _verdict_year(request)
    today = timezone.localdate()
    (subject,) = person_subjects([person], year, today)
    verdicts = all_verdicts(subject, year, today)
    may_change = request.user.has_perm("awards.change_history", person)
    context: dict[str, Any] = {
        "person": person,
        "history": person_history(person),
        "year": year,
        "verdicts": verdicts,
        "ruleset": rules.ruleset_for(today),
        "award_names": dict(catalogue.all_awards()),
        "may_change": may_change,
        "hold_names": services.hold_kinds(),
        "year_choices": _year_choices(),
    }
    if may_change:
        context.update(
            rating_form=RatingForm(initial={"year": year, "months_worked": 12}),
            initiative_form=InitiativeForm(initial={"year": year}),
            discipline_form=DisciplineForm(),
            hold_form=HoldForm(initial={"start": today}),
            award_form=PastAwardForm(subject_kind=SubjectKind.INDIVIDUAL, initial={"year": year}),
        )
    return render(request, "awards/person_record.html", context)


@login_required
def unit_record(request: HttpRequest, pk: int) -> HttpResponse:
    unit = _unit(request, pk)
    year = _verdict_year(request)
    today = timezone.localdate()
    (subject,) = unit_subjects([unit], year, today)
    may_change = request.user.has_perm("awards.change_history", unit)
    context: dict[str, Any] = {
        "unit": unit,
        "history": unit_history(unit),
        "year": year,
        "verdicts": all_verdicts(subject, year, today),
        "members": subject.history[-1].members
        if subject.history and subject.history[-1].year == year
        else None,
        "people": list(person_years_of_unit(unit, year)),
        "award_names": dict(catalogue.all_awards()),
        "ruleset": rules.ruleset_for(today),
        "may_change": may_change,
        "may_import": request.user.has_perm("awards.import_history", unit),
        "hold_names": services.hold_kinds(),
        "year_choices": _year_choices(),
    }
    if may_change:
        context.update(
            rating_form=UnitRatingForm(initial={"year": year}),
            hold_form=HoldForm(initial={"start": today}),
            award_form=PastAwardForm(subject_kind=SubjectKind.COLLECTIVE, initial={"year": year}),
        )
    return render(request, "awards/unit_record.html", context)


def _history_post(
    request: HttpRequest, subject: Any, form: forms.Form, write: Any, success: str
) -> HttpResponse:
    url = reverse(
        "awards:person_record" if hasattr(subject, "full_name") else "awards:unit_record", args=[subject.pk]
    )
    _require(request, "awards.change_history", subject)
    if not form.is_valid():
        _invalid(request, form)
        return redirect(url)
    try:
        write(form.cleaned_data)
    except (ValidationError, PermissionDenied) as error:
        show_errors(request, error)
    else:
        messages.success(request, success)
    return redirect(url)


@login_required
@require_POST
def person_rating(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(request, pk)
    form = RatingForm(request.POST)
    return _history_post(
        request,
        person,
        form,
        lambda d: services.set_rating(
            request.user,
            person,
            year=d["year"],
            rating=d["rating"],
            months_worked=d["months_worked"],
            leave=form.leave(),
            note=d["note"],
        ),
        _("Đã ghi xếp loại."),
    )


@login_required
@require_POST
def person_initiative(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(request, pk)
    form = InitiativeForm(request.POST)
    return _history_post(
        request,
        person,
        form,
        lambda d: services.add_initiative(
            request.user,
            person,
            year=d["year"],
            title=d["title"],
            scope=d["scope"],
            kind=d["kind"],
            decision=form.decision_ref(),
        ),
        _("Đã ghi sáng kiến."),
    )


@login_required
@require_POST
def person_discipline(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(request, pk)
    return _history_post(
        request,
        person,
        DisciplineForm(request.POST),
        lambda d: services.add_discipline(request.user, person, **d),
        _("Đã ghi kỷ luật."),
    )


@login_required
@require_POST
def person_hold(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(request, pk)
    return _history_post(
        request,
        person,
        HoldForm(request.POST),
        lambda d: services.set_hold(request.user, person, **d),
        _("Đã ghi trường hợp chưa xét khen thưởng."),
    )


@login_required
@require_POST
def person_past_award(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(request, pk)
    form = PastAwardForm(request.POST, subject_kind=SubjectKind.INDIVIDUAL)
    return _history_post(
        request,
        person,
        form,
        lambda d: services.record_past_award(
            request.user, person, award_code=d["award_code"], year=d["year"], decision=form.decision_ref()
        ),
        _("Đã ghi vào sổ khen thưởng."),
    )


@login_required
@require_POST
def unit_rating(request: HttpRequest, pk: int) -> HttpResponse:
    unit = _unit(request, pk)
    return _history_post(
        request,
        unit,
        UnitRatingForm(request.POST),
        lambda d: services.set_unit_rating(request.user, unit, **d),
        _("Đã ghi xếp loại tập thể."),
    )


@login_required
@require_POST
def unit_hold(request: HttpRequest, pk: int) -> HttpResponse:
    unit = _unit(request, pk)
    return _history_post(
        request,
        unit,
        HoldForm(request.POST),
        lambda d: services.set_hold(request.user, unit, **d),
        _("Đã ghi trường hợp chưa xét khen thưởng."),
    )


@login_required
@require_POST
def unit_past_award(request: HttpRequest, pk: int) -> HttpResponse:
    unit = _unit(request, pk)
    form = PastAwardForm(request.POST, subject_kind=SubjectKind.COLLECTIVE)
    return _history_post(
        request,
        unit,
        form,
        lambda d: services.record_past_award(
            request.user, unit, award_code=d["award_code"], year=d["year"], decision=form.decision_ref()
        ),
        _("Đã ghi vào sổ khen thưởng."),
    )


@login_required
@require_POST
def hold_lift(request: HttpRequest, pk: int) -> HttpResponse:
    hold = get_object_or_404(Hold.objects.select_related("person", "unit"), pk=pk)
    subject = hold.person or hold.unit
    visible = (
        people_for_user(request.user).filter(pk=hold.person_id).exists()
        if hold.person_id
        else units_with_history_for_user(request.user).filter(pk=hold.unit_id or 0).exists()
    )
    if not visible:
        raise Http404
    _require(request, "awards.change_history", subject)
    url = reverse("awards:person_record" if hold.person_id else "awards:unit_record", args=[subject.pk])  # type: ignore[union-attr]
    try:
        services.lift_hold(request.user, hold)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, _("Đã chấm dứt trường hợp chưa xét khen thưởng."))
    return redirect(url)


# --- import --------------------------------------------------------------------------------------------------


def _import_units(request: HttpRequest) -> Any:
    if is_system_admin(request.user):
        return Unit.objects.filter(is_active=True).order_by("name_sort")
    return Unit.objects.filter(pk=getattr(request.user, "unit_id", None) or 0)


@login_required
def import_page(request: HttpRequest) -> HttpResponse:
    units = _import_units(request)
    if not any(request.user.has_perm("awards.import_history", unit) for unit in units[:1]):
        raise PermissionDenied(_("Bạn không có quyền nhập lịch sử thi đua, khen thưởng."))
    form = ImportForm(
        request.POST or None,
        request.FILES or None,
        units=units,
        initial={"unit": getattr(request.user, "unit_id", None)},
    )
    context: dict[str, Any] = {"form": form}
    if request.method == "POST" and form.is_valid():
        unit = form.cleaned_data["unit"]
        try:
            report = services.import_history(request.user, unit, form.cleaned_data["file"].read())
        except services.ImportRejected as rejected:
            context["problems"] = rejected.problems
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, report.summary())
            return redirect("awards:unit_record", unit.pk)
    return render(request, "awards/import.html", context)


@login_required
def import_template(request: HttpRequest) -> HttpResponse:
    unit_id = getattr(request.user, "unit_id", None)
    unit = Unit.objects.filter(pk=unit_id).first() if unit_id else None
    content = template_workbook([name for _code, name in catalogue.all_awards()], unit.name if unit else "")
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-lich-su-khen-thuong.xlsx"'
    return response


# --- year-end screening -------------------------------------------------------------------------------------


@login_required
def screening(request: HttpRequest) -> HttpResponse:
    """Rà soát điều kiện khen thưởng: who of a unit (a block, the province for Phòng TĐKT and the council)
    qualifies for an award in a year, evaluated in this request (serially: a request never forks workers)."""
    _require(request, "awards.screen_eligibility")
    user = request.user
    province_wide = user.has_perm("awards.screen_province")
    year = _verdict_year(request)
    as_of = _day(request.GET.get("ngay")) or timezone.localdate()
    unit_id = _positive_int(request.GET.get("don-vi"))
    block_id = _positive_int(request.GET.get("khoi"))
    unit = block = None
    if block_id is not None:
        if not province_wide:
            raise PermissionDenied(_("Chỉ Phòng TĐKT và Hội đồng rà soát theo khối, cụm hoặc toàn tỉnh."))
        block = get_object_or_404(blocks_for_user(user), pk=block_id)
        people = people_of_block(block, year)
    elif unit_id is not None or not province_wide:
        unit = _unit(request, unit_id or getattr(user, "unit_id", None) or 0)
        people = people_of_unit(unit)
    else:
        people = people_of_province()
    try:
        awards = individual_awards(as_of)
    except rules.NoRulesetInForce:
        awards = []
        messages.error(request, _("Không có bộ quy tắc nào áp dụng vào ngày đã chọn."))
    award = request.GET.get("danh-hieu", "")
    codes = [code for code, _name in awards]
    if award not in codes:
        award = codes[0] if codes else ""
    result = None
    page = None
    if year > as_of.year:
        messages.error(request, _("Năm xét không được sau năm của ngày tính đến."))
    elif award and ("danh-hieu" in request.GET or unit is not None):
        result = screen(people, year, as_of, [award], one_unit=unit is not None)
        page = Paginator(sorted_found(people, result), PAGE_SIZE).get_page(request.GET.get("trang"))
        ids: list[int] = list(page.object_list)
        shown = Person.objects.select_related("unit").in_bulk(ids)
        rows: Any = [(shown[pk], result.found[pk][0][1]) for pk in ids]
        page.object_list = rows
    query = request.GET.copy()
    query.pop("trang", None)
    context = {
        "year": year,
        "as_of": as_of,
        "awards": awards,
        "award": award,
        "award_name": dict(awards).get(award, ""),
        "province_wide": province_wide,
        "unit": unit,
        "screened_block": block,  # not "block": templates give that name to the block being rendered
        "units": units_with_history_for_user(user).filter(is_active=True).order_by("name_sort")
        if province_wide
        else [],
        "blocks": blocks_for_user(user).order_by("name_sort") if province_wide else [],
        "year_choices": _year_choices(),
        "result": result,
        "counts": result.counts[award] if result is not None else None,
        "page": page,
        "query": query.urlencode(),
    }
    return render(request, "awards/screening.html", context)


# --- the rulesets in force and base salaries ----------------------------------------------------------------


def _day(value: str | None) -> Any:
    try:
        return datetime.date.fromisoformat(value or "")
    except ValueError:
        return None


@login_required
def ruleset_page(request: HttpRequest) -> HttpResponse:
    """Bộ quy tắc đang áp dụng on a chosen date (today by default), the base salaries, and the form to add one."""
    _require(request, "awards.view_ruleset")
    form = BaseSalaryForm(request.POST or None)
    if request.method == "POST":
        _require(request, "awards.add_base_salary")
        if form.is_valid():
            try:
                row = services.add_base_salary(request.user, **form.cleaned_data)
            except ValidationError as error:
                form_errors(form, error)
            else:
                messages.success(request, _("Đã thêm mức lương cơ sở %(row)s.") % {"row": str(row)})
                return redirect(f"{reverse('awards:ruleset')}?ngay={row.effective_from.isoformat()}")
    day = _day(request.GET.get("ngay")) or timezone.localdate()
    try:
        ruleset = rules.ruleset_for(day)
    except rules.NoRulesetInForce:
        ruleset = None
    lines = salary_lines(day)
    withdrawable = {
        line.row.pk for line in lines if line.row is not None and not decisions_priced_with(line.row).exists()
    }
    context = {
        "day": day,
        "ruleset": ruleset,
        "awards": outline(ruleset) if ruleset is not None else [],
        "rulesets": list(rules.default_rulesets()),
        "salaries": lines,
        "withdrawable": withdrawable,
        "form": form,
    }
    return render(request, "awards/ruleset.html", context)


@login_required
@require_POST
def base_salary_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, "awards.withdraw_base_salary")
    row = get_object_or_404(AddedBaseSalary, pk=pk)
    label = str(row)
    try:
        services.withdraw_base_salary(request.user, row)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, _("Đã rút mức lương cơ sở %(row)s.") % {"row": label})
    return redirect("awards:ruleset")
