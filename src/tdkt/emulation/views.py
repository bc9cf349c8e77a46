"""Pages of movements, pledges and registrations.

Objects are fetched through the ``*_for_user`` queries (an outsider gets 404); every write goes through a
service, and a ValidationError from it is shown as a message with the data left as it was.
"""

from __future__ import annotations

import mimetypes
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tdkt.core.refusals import form_errors, show_errors
from tdkt.emulation import scoring, services
from tdkt.emulation.enums import AdjustmentKind
from tdkt.emulation.forms import (
    DocumentForm,
    MovementForm,
    PledgeCreateForm,
    PledgeForm,
    RegistrationForm,
    ReopenForm,
    ReturnForm,
    TableEditor,
    with_more_rows,
)
from tdkt.emulation.models import Pledge, Registration
from tdkt.emulation.queries import (
    blocks_user_may_pledge,
    criteria_of,
    items_of,
    movement_documents_for_user,
    movement_list,
    movement_years,
    movements_for_user,
    pledge_list,
    pledge_years,
    pledges_for_user,
    previous_pledge,
    registration_deadline,
    registration_lines,
    registration_of_unit,
    registration_scope,
    registration_with_entries,
    registrations_awaiting_decision,
    registrations_for_user,
    signing_board,
    table_snapshot,
    versions_of,
)
from tdkt.org.queries import blocks_for_user, current_year

PAGE_SIZE = 30


def _year(request: HttpRequest, default: int | None = None) -> int | None:
    try:
        year = int(request.GET.get("nam", ""))
    except ValueError:
        return default
    return year if 1990 <= year <= 2100 else default


def _require(request: HttpRequest, perm: str, obj: Any = None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


# --- movements ------------------------------------------------------------------------------------------------


@login_required
def movement_index(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    page = Paginator(movement_list(request.user, year), PAGE_SIZE).get_page(request.GET.get("trang"))
    context = {
        "page": page,
        "year": year,
        "years": movement_years(request.user),
        "may_add": request.user.has_perm("emulation.add_movement"),
    }
    return render(request, "emulation/movement_list.html", context)


@login_required
def movement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    movement = get_object_or_404(movements_for_user(request.user), pk=pk)
    context = {
        "movement": movement,
        "documents": movement.documents.order_by("created_at", "pk"),
        "units": movement.units.order_by("name_sort"),
        "blocks": movement.blocks.order_by("name_sort"),
        "may_change": request.user.has_perm("emulation.change_movement", movement),
        "document_form": DocumentForm(),
    }
    return render(request, "emulation/movement_detail.html", context)


def _movement_kwargs(form: MovementForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        "name": data["name"],
        "kind": data["kind"],
        "year": data["year"],
        "description": data["description"],
        "start_date": data["start_date"],
        "end_date": data["end_date"],
        "province_wide": data["province_wide"],
        "units": list(data["units"]),
        "blocks": list(data["blocks"]),
    }


@login_required
def movement_create(request: HttpRequest) -> HttpResponse:
    _require(request, "emulation.add_movement")
    form = MovementForm(request.POST or None, initial={"year": current_year()})
    if request.method == "POST" and form.is_valid():
        try:
            movement = services.create_movement(request.user, **_movement_kwargs(form))
        except ValidationError as error:
            form_errors(form, error)
        else:
            messages.success(request, _("Đã tạo phong trào thi đua."))
            return redirect(movement)
    return render(request, "emulation/movement_form.html", {"form": form, "movement": None})


@login_required
def movement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    movement = get_object_or_404(movements_for_user(request.user), pk=pk)
    _require(request, "emulation.change_movement", movement)
    initial = {
        "name": movement.name,
        "kind": movement.kind,
        "year": movement.year,
        "description": movement.description,
        "start_date": movement.start_date,
        "end_date": movement.end_date,
        "province_wide": movement.province_wide,
        "units": list(movement.units.all()),
        "blocks": list(movement.blocks.all()),
    }
    form = MovementForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_movement(request.user, movement, **_movement_kwargs(form))
        except ValidationError as error:
            form_errors(form, error)
        else:
            messages.success(request, _("Đã lưu phong trào thi đua."))
            return redirect(movement)
    return render(request, "emulation/movement_form.html", {"form": form, "movement": movement})


@login_required
@require_POST
def movement_document_add(request: HttpRequest, pk: int) -> HttpResponse:
    movement = get_object_or_404(movements_for_user(request.user), pk=pk)
    _require(request, "emulation.add_movementdocument", movement)
    form = DocumentForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, str(message))
        return redirect(movement)
    try:
        services.add_movement_document(
            request.user, movement, title=form.cleaned_data["title"], upload=form.cleaned_data["file"]
        )
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, _("Đã thêm văn bản phát động."))
    return redirect(movement)


@login_required
@require_POST
def movement_document_remove(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_object_or_404(movement_documents_for_user(request.user), pk=pk)
    services.remove_movement_document(request.user, document)
    messages.success(request, _("Đã gỡ văn bản “%(title)s”.") % {"title": document.title})
    return redirect(document.movement)


@login_required
def movement_document(request: HttpRequest, pk: int) -> FileResponse:
    """A launching document, only for those who may read its movement."""
    document = get_object_or_404(movement_documents_for_user(request.user), pk=pk)
    content_type = mimetypes.guess_type(document.original_name)[0] or "application/octet-stream"
    return FileResponse(
        document.file.open("rb"),
        as_attachment=not content_type.startswith(("image/", "application/pdf")),
        filename=document.original_name,
        content_type=content_type,
    )


# --- pledges --------------------------------------------------------------------------------------------------


@login_required
def pledge_index(request: HttpRequest) -> HttpResponse:
    year = _year(request, current_year())
    assert year is not None
    context = {
        "pledges": pledge_list(request.user, year),
        "year": year,
        "years": sorted({*pledge_years(request.user), year}, reverse=True),
        "may_create": blocks_user_may_pledge(request.user, year).exists(),
    }
    return render(request, "emulation/pledge_list.html", context)


@login_required
def pledge_create(request: HttpRequest) -> HttpResponse:
    year = _year(request, current_year())
    assert year is not None
    form = PledgeCreateForm(request.POST or None, user=request.user, year=year, initial={"year": year})
    if not blocks_user_may_pledge(request.user, year).exists():
        raise PermissionDenied
    if request.method == "POST" and form.is_valid():
        block, year = form.cleaned_data["block"], form.cleaned_data["year"]
        previous = previous_pledge(block, year) if form.cleaned_data["copy_previous"] else None
        try:
            if previous is not None:
                pledge = services.copy_pledge_from(
                    request.user, previous, year, signing_deadline=form.cleaned_data["signing_deadline"]
                )
            else:
                pledge = services.create_pledge(
                    request.user,
                    block=block,
                    year=year,
                    signing_deadline=form.cleaned_data["signing_deadline"],
                )
        except ValidationError as error:
            form_errors(form, error)
        else:
            messages.success(request, _("Đã lập dự thảo giao ước."))
            return redirect(pledge)
    return render(request, "emulation/pledge_create.html", {"form": form})


def _pledge_context(request: HttpRequest, pledge: Pledge) -> dict[str, Any]:
    user: Any = request.user
    board = signing_board(pledge)
    own = next((row for row in board if row.unit.pk == user.unit_id), None)
    return {
        "pledge": pledge,
        "board": board,
        "signed_count": sum(1 for row in board if row.signature is not None),
        "own_row": own,
        "may_sign": own is not None
        and own.signature is None
        and user.has_perm("emulation.sign_pledge", pledge),
        "may_change": user.has_perm("emulation.change_pledge", pledge),
        "may_open": user.has_perm("emulation.open_pledge", pledge),
        "may_lock": user.has_perm("emulation.lock_pledge", pledge),
        "may_reopen": user.has_perm("emulation.reopen_pledge", pledge),
        "reopen_form": ReopenForm(),
    }


@login_required
def pledge_detail(request: HttpRequest, pk: int) -> HttpResponse:
    pledge = get_object_or_404(pledges_for_user(request.user), pk=pk)
    context = _pledge_context(request, pledge)
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "emulation/pledge_detail.html#board", context)
    table = pledge.table
    context.update(
        {
            "criteria": criteria_of(table),
            "bonus_items": items_of(table, AdjustmentKind.BONUS),
            "penalty_items": items_of(table, AdjustmentKind.PENALTY),
            "table": table,
            "total": scoring.format_points(
                sum(c.max_points for c in criteria_of(table).filter(parent__isnull=True))
            ),
        }
    )
    return render(request, "emulation/pledge_detail.html", context)


@login_required
def pledge_edit(request: HttpRequest, pk: int) -> HttpResponse:
    pledge = get_object_or_404(pledges_for_user(request.user), pk=pk)
    _require(request, "emulation.manage_pledge", pledge)
    form = PledgeForm.for_pledge(pledge, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_pledge(request.user, pledge, **form.cleaned_data)
        except ValidationError as error:
            form_errors(form, error)
        else:
            messages.success(request, _("Đã lưu giao ước."))
            return redirect(pledge)
    return render(request, "emulation/pledge_form.html", {"form": form, "pledge": pledge})


@login_required
def pledge_table_edit(request: HttpRequest, pk: int) -> HttpResponse:
    pledge = get_object_or_404(pledges_for_user(request.user), pk=pk)
    _require(request, "emulation.manage_pledge", pledge)
    editor = TableEditor(snapshot=table_snapshot(pledge.table))
    if request.method == "POST":
        if "add_rows" in request.POST:
            try:
                editor = TableEditor(with_more_rows(request.POST))
            except ValidationError as error:
                show_errors(request, error)
            else:
                editor.is_valid()  # show the rows as typed, with any field errors
        else:
            editor = TableEditor(request.POST)
            if editor.is_valid():
                try:
                    before = pledge.table.version
                    version = services.set_scoring_table(
                        request.user, pledge, editor.tree(), note=editor.note
                    )
                except ValidationError as error:
                    show_errors(request, error)
                else:
                    if version.number == before:
                        messages.info(request, _("Bảng chấm điểm không thay đổi: không tạo phiên bản mới."))
                    else:
                        messages.success(
                            request, _("Đã lưu bảng chấm điểm, phiên bản %(n)s.") % {"n": version.number}
                        )
                    return redirect(pledge)
    return render(request, "emulation/scoring_table_form.html", {"pledge": pledge, "editor": editor})


@login_required
def pledge_versions(request: HttpRequest, pk: int) -> HttpResponse:
    pledge = get_object_or_404(pledges_for_user(request.user), pk=pk)
    versions = list(versions_of(pledge.table))
    return render(request, "emulation/version_list.html", {"pledge": pledge, "versions": versions})


@login_required
def pledge_compare(request: HttpRequest, pk: int) -> HttpResponse:
    pledge = get_object_or_404(pledges_for_user(request.user), pk=pk)
    versions = {version.number: version for version in versions_of(pledge.table)}
    try:
        left = versions[int(request.GET.get("a", ""))]
        right = versions[int(request.GET.get("b", ""))]
    except (KeyError, ValueError):
        messages.error(request, _("Chọn hai phiên bản có trong danh sách để so sánh."))
        return redirect("emulation:pledge_versions", pk=pledge.pk)
    rows = scoring.compare(left.snapshot, right.snapshot)
    context = {
        "pledge": pledge,
        "left": left,
        "right": right,
        "rows": rows,
        "changes": sum(1 for row in rows if row.status != "same"),
        "versions": sorted(versions.values(), key=lambda v: -v.number),
    }
    return render(request, "emulation/version_compare.html", context)


def _pledge_action(request: HttpRequest, pk: int, action: Any, success: str, **kwargs: Any) -> HttpResponse:
    pledge = get_object_or_404(pledges_for_user(request.user), pk=pk)
    try:
        action(request.user, pledge, **kwargs)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, success)
    if request.htmx:  # type: ignore[attr-defined]
        pledge.refresh_from_db()
        return render(request, "emulation/pledge_detail.html#board", _pledge_context(request, pledge))
    return redirect(pledge)


@login_required
@require_POST
def pledge_open(request: HttpRequest, pk: int) -> HttpResponse:
    return _pledge_action(request, pk, services.open_for_signing, _("Đã mở ký kết giao ước."))


@login_required
@require_POST
def pledge_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    form = ReopenForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    return _pledge_action(
        request, pk, services.reopen_pledge, _("Đã trả giao ước về dự thảo."), reason=reason
    )


@login_required
@require_POST
def pledge_sign(request: HttpRequest, pk: int) -> HttpResponse:
    return _pledge_action(request, pk, services.sign_pledge, _("Đơn vị đã ký giao ước."))


@login_required
@require_POST
def pledge_lock(request: HttpRequest, pk: int) -> HttpResponse:
    return _pledge_action(request, pk, services.lock_pledge, _("Đã khóa giao ước."))


# --- registrations --------------------------------------------------------------------------------------------


@login_required
def registration_mine(request: HttpRequest) -> HttpResponse:
    """The user's unit's registration of a year: shown if it exists, else the form to start it."""
    user: Any = request.user
    if user.unit_id is None:
        return redirect("emulation:registration_scope")
    year = _year(request, current_year())
    assert year is not None
    registration = registration_of_unit(user, year)
    if registration is not None:
        return redirect(registration)
    may_add = user.has_perm("emulation.add_registration", Registration(unit_id=user.unit_id, year=year))
    form = None
    if may_add:
        form = RegistrationForm(request.POST or None, unit=user.unit)
        if request.method == "POST" and form.is_valid():
            try:
                registration = services.create_registration(
                    user,
                    unit=user.unit,
                    year=year,
                    collective_titles=form.cleaned_data["collective_titles"],
                    people=form.people(),
                    note=form.cleaned_data["note"],
                )
            except ValidationError as error:
                form_errors(form, error)
            else:
                messages.success(request, _("Đã lưu bản đăng ký (chưa trình lãnh đạo)."))
                return redirect(registration)
    elif request.method == "POST":
        raise PermissionDenied
    context = {"form": form, "year": year, "deadline": registration_deadline(year), "unit": user.unit}
    return render(request, "emulation/registration_mine.html", context)


def _registration_context(request: HttpRequest, registration: Registration) -> dict[str, Any]:
    user = request.user
    return {
        "registration": registration,
        "lines": registration_lines(registration),
        "deadline": registration_deadline(registration.year),
        "may_change": user.has_perm("emulation.change_registration", registration),
        "may_decide": user.has_perm("emulation.approve_registration", registration),
        "return_form": ReturnForm(),
    }


@login_required
def registration_detail(request: HttpRequest, pk: int) -> HttpResponse:
    registration = get_object_or_404(registration_with_entries(registrations_for_user(request.user)), pk=pk)
    return render(request, "emulation/registration_detail.html", _registration_context(request, registration))


@login_required
def registration_edit(request: HttpRequest, pk: int) -> HttpResponse:
    registration = get_object_or_404(registration_with_entries(registrations_for_user(request.user)), pk=pk)
    _require(request, "emulation.draft_registration", registration)
    form = RegistrationForm(request.POST or None, unit=registration.unit, registration=registration)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_registration(
                request.user,
                registration,
                collective_titles=form.cleaned_data["collective_titles"],
                people=form.people(),
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            form_errors(form, error)
        else:
            messages.success(request, _("Đã lưu đăng ký thi đua."))
            return redirect(registration)
    context = {"form": form, "registration": registration}
    return render(request, "emulation/registration_form.html", context)


def _registration_action(
    request: HttpRequest, pk: int, action: Any, success: str, **kwargs: Any
) -> HttpResponse:
    registration = get_object_or_404(registrations_for_user(request.user), pk=pk)
    try:
        action(request.user, registration, **kwargs)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, success)
    return redirect(registration)


@login_required
@require_POST
def registration_submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _registration_action(
        request, pk, services.submit_registration, _("Đã trình lãnh đạo duyệt đăng ký thi đua.")
    )


@login_required
@require_POST
def registration_approve(request: HttpRequest, pk: int) -> HttpResponse:
    return _registration_action(request, pk, services.approve_registration, _("Đã duyệt đăng ký thi đua."))


@login_required
@require_POST
def registration_return(request: HttpRequest, pk: int) -> HttpResponse:
    form = ReturnForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    return _registration_action(
        request, pk, services.return_registration, _("Đã trả lại đăng ký thi đua."), reason=reason
    )


@login_required
def registration_approvals(request: HttpRequest) -> HttpResponse:
    """The leader's page: the unit's registrations waiting for approval, each with its titles."""
    user: Any = request.user
    _require(request, "emulation.decide_registration", Registration(unit_id=user.unit_id))
    waiting = registration_with_entries(registrations_awaiting_decision(user))
    items = [(registration, registration_lines(registration)) for registration in waiting]
    return render(
        request, "emulation/registration_approvals.html", {"items": items, "return_form": ReturnForm()}
    )


@login_required
def registration_scope_view(request: HttpRequest) -> HttpResponse:
    """The block head's and Phòng TĐKT's list: every unit of their scope and its registration."""
    _require(request, "emulation.list_registrations")
    year = _year(request, current_year())
    assert year is not None
    blocks = blocks_for_user(request.user).order_by("kind", "name_sort")
    block = None
    if request.GET.get("khoi"):
        try:
            block = blocks.filter(pk=int(request.GET["khoi"])).first()
        except ValueError:
            block = None
    rows = registration_scope(request.user, year, block)
    context = {
        "rows": rows,
        "year": year,
        "block": block,
        "blocks": blocks,
        "submitted": sum(1 for row in rows if row.registration is not None and row.registration.is_shared),
    }
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "emulation/registration_scope.html#rows", context)
    return render(request, "emulation/registration_scope.html", context)


@login_required
def registration_export(request: HttpRequest) -> HttpResponse:
    """The registrations' Excel export lives with the other exports in the documents app; this address stays."""
    _require(request, "emulation.list_registrations")
    year = _year(request, current_year())
    return redirect(f"{reverse('documents:registrations')}?nam={year}")
