"""Meeting pages. Objects are fetched through :func:`meetings_for_user` (an outsider gets 404); writes go through
the services; a refused action shows its Vietnamese reason and leaves the data as it was."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from tdkt.core.refusals import form_errors, show_errors
from tdkt.meetings import services
from tdkt.meetings.enums import MeetingKind, MeetingState, MinutesState
from tdkt.meetings.forms import (
    AgendaItemForm,
    AttendanceForm,
    AttendeeForm,
    CaptionForm,
    InvitedUnitsForm,
    MeetingForm,
    MinutesForm,
    PhotoUploadFormSet,
    ReopenForm,
    meeting_initial,
)
from tdkt.meetings.models import AgendaItem, Attendee, Meeting, Photo
from tdkt.meetings.queries import (
    addable_people,
    agenda_for_user,
    agenda_of,
    attendance_summary,
    attendees_of,
    block_member_units,
    blocks_for_new_meeting,
    invited_units_of,
    linkable_block_reports,
    linkable_pledges,
    meetings_for_user,
    minutes_outline,
    photos_for_user,
    photos_of,
)
from tdkt.org.models import EmulationBlock, Person
from tdkt.org.queries import current_year

PAGE_SIZE = 30
#: Phase-aware permissions a page asks about, once per request.
PAGE_PERMS = (
    "change_meeting",
    "hold_meeting",
    "send_invitations",
    "record_attendance",
    "change_minutes",
    "approve_minutes",
    "reopen_minutes",
    "lock_minutes",
    "add_photo",
    "change_photo",
    "manage_meeting",
)


# --- helpers -------------------------------------------------------------------------------------------------


def _meeting(request: HttpRequest, pk: int) -> Meeting:
    """The meeting if the user may see it; 404 otherwise (an outsider must not learn that it exists)."""
    meetings = meetings_for_user(request.user).select_related("chair", "secretary", "minutes__drafted_by")
    return get_object_or_404(meetings, pk=pk)


def _can(request: HttpRequest, meeting: Meeting) -> dict[str, bool]:
    return {name: request.user.has_perm(f"meetings.{name}", meeting) for name in PAGE_PERMS}


def _require(request: HttpRequest, perm: str, obj: Any) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))


def _phase_reason(meeting: Meeting) -> str:
    minutes = meeting.current_minutes
    if minutes is not None and minutes.state == MinutesState.LOCKED:
        return _("Biên bản hội nghị đã khóa: không ai được sửa hồ sơ hội nghị nữa.")
    if meeting.state == MeetingState.PLANNED:
        return _("Hội nghị chưa được ghi nhận là đã tổ chức.")
    return _("Việc này không làm được ở giai đoạn hiện tại của hội nghị.")


def _refuse(request: HttpRequest, meeting: Meeting, reason: str | None = None) -> HttpResponse:
    messages.error(request, reason or _phase_reason(meeting))
    return redirect(meeting.get_absolute_url())


def _listed_people(meeting: Meeting) -> Any:
    return (
        Person.objects.filter(meeting_attendances__meeting=meeting)
        .select_related("unit")
        .order_by("name_sort")
    )


def _positive_int(value: str | None) -> int | None:
    try:
        number = int(value or "")
    except ValueError:
        return None
    return number if number > 0 else None


def _year(value: str | None) -> int | None:
    try:
        year = int(value or "")
    except ValueError:
        return None
    return year if 1990 <= year <= 2100 else None


# --- list and detail -----------------------------------------------------------------------------------------


@login_required
def meeting_list(request: HttpRequest) -> HttpResponse:
    visible = meetings_for_user(request.user)
    meetings = visible
    year = _year(request.GET.get("nam"))
    if year is not None:
        meetings = meetings.filter(year=year)
    block_id = _positive_int(request.GET.get("khoi"))
    if block_id is not None:
        meetings = meetings.filter(block_id=block_id)
    kind = request.GET.get("loai", "")
    if kind in MeetingKind.values:
        meetings = meetings.filter(kind=kind)
    page = Paginator(meetings.order_by("-starts_at", "-pk"), PAGE_SIZE).get_page(request.GET.get("trang"))
    context = {
        "page": page,
        "year": year,
        "block_id": block_id,
        "kind": kind,
        "kinds": MeetingKind.choices,
        "years": sorted(set(visible.values_list("year", flat=True)), reverse=True),
        "blocks": EmulationBlock.objects.filter(pk__in=visible.values("block_id")).order_by("name_sort"),
        "may_create": request.user.has_perm("meetings.add_meeting"),
    }
    template = "meetings/list.html#rows" if request.htmx else "meetings/list.html"  # type: ignore[attr-defined]
    return render(request, template, context)


@login_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    attendees = list(attendees_of(meeting))
    can = _can(request, meeting)
    minutes = meeting.current_minutes
    show_minutes = minutes is not None and (
        minutes.state != MinutesState.DRAFT or request.user.has_perm("meetings.write_minutes", meeting)
    )
    context = {
        "meeting": meeting,
        "attendees": attendees,
        "summary": attendance_summary(attendees),
        "agenda": agenda_for_user(request.user, meeting),
        "photos": list(photos_of(meeting)),
        "minutes": minutes,
        "show_minutes": show_minutes,
        "can": can,
        # The portal's rule (by name: the portal sits above this app) — only the host unit's editors and
        # Phòng TĐKT draft the news, so only they are offered the button.
        "may_draft_news": meeting.is_held
        and request.user.has_perm("portal.draft_news_from_meeting", meeting),
    }
    return render(request, "meetings/detail.html", context)


# --- create and edit -----------------------------------------------------------------------------------------


@login_required
def meeting_create(request: HttpRequest) -> HttpResponse:
    _require(request, "meetings.add_meeting", None)
    blocks = blocks_for_new_meeting(request.user)
    initial = {
        "year": current_year(),
        "kind": MeetingKind.MIDYEAR_REVIEW,
        "host_unit": getattr(request.user, "unit_id", None),
    }
    form = MeetingForm(request.POST or None, blocks=blocks, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting = services.create_meeting(
                request.user,
                kind=data["kind"],
                block=data["block"],
                year=data["year"],
                title=data["title"],
                host_unit=data["host_unit"],
                venue=data["venue"],
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                minutes_due=data["minutes_due"],
                notes=data["notes"],
            )
        except (ValidationError, PermissionDenied) as error:
            form_errors(form, error)
        else:
            messages.success(
                request,
                ngettext(
                    "Đã lên lịch hội nghị với %(n)s người trong danh sách mời.",
                    "Đã lên lịch hội nghị với %(n)s người trong danh sách mời.",
                    meeting.attendees.count(),
                )
                % {"n": meeting.attendees.count()},
            )
            return redirect("meetings:invitations", meeting.pk)
    return render(request, "meetings/form.html", {"form": form, "meeting": None})


@login_required
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    _require(request, "meetings.manage_meeting", meeting)
    if not request.user.has_perm("meetings.change_meeting", meeting):
        return _refuse(request, meeting)
    form = MeetingForm(request.POST or None, people=_listed_people(meeting), initial=meeting_initial(meeting))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_meeting(request.user, meeting, **form.cleaned_data)
        except ValidationError as error:
            form_errors(form, error)
        else:
            messages.success(request, _("Đã lưu thông tin hội nghị."))
            return redirect(meeting.get_absolute_url())
    return render(request, "meetings/form.html", {"form": form, "meeting": meeting})


@login_required
@require_POST
def meeting_hold(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    try:
        services.mark_held(request.user, meeting)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, _("Đã ghi nhận hội nghị đã tổ chức. Tiếp theo: điểm danh và biên bản."))
    return redirect(meeting.get_absolute_url())


# --- invitations ---------------------------------------------------------------------------------------------


@login_required
def invitations(request: HttpRequest, pk: int) -> HttpResponse:
    """The invitation list (printable: unit, person, position), and for the organiser the forms to change it."""
    meeting = _meeting(request, pk)
    can = _can(request, meeting)
    context: dict[str, Any] = {
        "meeting": meeting,
        "attendees": list(attendees_of(meeting)),
        "invited_units": list(invited_units_of(meeting)),
        "can": can,
    }
    if can["change_meeting"]:
        if meeting.state == MeetingState.PLANNED:
            context["units_form"] = _units_form(meeting)
        context["attendee_form"] = AttendeeForm(people=addable_people(meeting))
    return render(request, "meetings/invitations.html", context)


def _units_form(meeting: Meeting, data: Any = None) -> InvitedUnitsForm:
    offered = block_member_units(meeting) | invited_units_of(meeting)
    return InvitedUnitsForm(
        data,
        offered=offered.distinct().order_by("name_sort"),
        initial={"units": list(invited_units_of(meeting))},
    )


@login_required
@require_POST
def invited_units(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    form = _units_form(meeting, request.POST)
    if not form.is_valid():
        for field_errors in form.errors.values():
            for message in field_errors:
                messages.error(request, str(message))
        return redirect("meetings:invitations", meeting.pk)
    try:
        services.set_invited_units(request.user, meeting, form.chosen_units())
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, _("Đã cập nhật đơn vị được mời và danh sách đại biểu."))
    return redirect("meetings:invitations", meeting.pk)


def _back(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    """Back to the page the form was on (the invitation list or the roll call)."""
    if request.POST.get("next") == "attendance":
        return redirect("meetings:attendance", meeting.pk)
    return redirect("meetings:invitations", meeting.pk)


@login_required
@require_POST
def attendee_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    form = AttendeeForm(request.POST, people=addable_people(meeting))
    if not form.is_valid():
        for field_errors in form.errors.values():
            for message in field_errors:
                messages.error(request, str(message))
        return _back(request, meeting)
    data = form.cleaned_data
    try:
        attendee = services.add_attendee(
            request.user,
            meeting,
            person=data["person"],
            full_name=data["full_name"],
            unit_name=data["unit_name"],
            position_title=data["position_title"],
            role=data["role"],
            note=data["note"],
        )
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, _("Đã thêm %(name)s vào danh sách.") % {"name": attendee.full_name})
    return _back(request, meeting)


@login_required
@require_POST
def attendee_remove(request: HttpRequest, pk: int, attendee_pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    attendee = get_object_or_404(Attendee, pk=attendee_pk, meeting=meeting)
    try:
        services.remove_attendee(request.user, attendee)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, _("Đã bỏ %(name)s khỏi danh sách.") % {"name": attendee.full_name})
    return _back(request, meeting)


@login_required
@require_POST
def invitations_send(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    try:
        count = services.invite(request.user, meeting)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(
            request,
            ngettext("Đã gửi giấy mời tới %(n)s người.", "Đã gửi giấy mời tới %(n)s người.", count)
            % {"n": count},
        )
    return redirect("meetings:invitations", meeting.pk)


# --- attendance ----------------------------------------------------------------------------------------------


@login_required
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    _require(request, "meetings.manage_meeting", meeting)
    if not request.user.has_perm("meetings.record_attendance", meeting):
        return _refuse(request, meeting)
    attendees = list(attendees_of(meeting))
    form = AttendanceForm(request.POST or None, attendees=attendees)
    if request.method == "POST" and form.is_valid():
        try:
            summary = services.record_attendance(request.user, meeting, form.statuses(), form.notes())
        except ValidationError as error:
            form_errors(form, error)
        else:
            messages.success(request, _("Đã lưu điểm danh. %(summary)s") % {"summary": summary.line()})
            return redirect(meeting.get_absolute_url())
    context = {
        "meeting": meeting,
        "form": form,
        "summary": attendance_summary(attendees),
        "attendee_form": AttendeeForm(people=addable_people(meeting)),
        "can": _can(request, meeting),
    }
    return render(request, "meetings/attendance.html", context)


# --- agenda --------------------------------------------------------------------------------------------------


def _agenda_form(
    request: HttpRequest, meeting: Meeting, data: Any = None, initial: dict[str, Any] | None = None
) -> AgendaItemForm:
    return AgendaItemForm(
        data,
        people=_listed_people(meeting),
        pledges=linkable_pledges(request.user, meeting),
        block_reports=linkable_block_reports(request.user, meeting),
        initial=initial,
    )


def _agenda_page(request: HttpRequest, meeting: Meeting, form: AgendaItemForm | None = None) -> HttpResponse:
    context = {
        "meeting": meeting,
        "agenda": agenda_for_user(request.user, meeting),
        "form": form or _agenda_form(request, meeting),
        "can": _can(request, meeting),
    }
    template = "meetings/agenda.html#items" if request.htmx else "meetings/agenda.html"  # type: ignore[attr-defined]
    return render(request, template, context)


@login_required
def agenda(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    _require(request, "meetings.manage_meeting", meeting)
    if request.method != "POST":
        return _agenda_page(request, meeting)
    form = _agenda_form(request, meeting, request.POST)
    if form.is_valid():
        try:
            services.add_agenda_item(request.user, meeting, **form.cleaned_data)
        except ValidationError as error:
            form_errors(form, error)
        else:
            messages.success(request, _("Đã thêm mục vào chương trình."))
            return redirect("meetings:agenda", meeting.pk)
    return _agenda_page(request, meeting, form)


def _agenda_item(request: HttpRequest, pk: int, item_pk: int) -> tuple[Meeting, AgendaItem]:
    meeting = _meeting(request, pk)
    item = get_object_or_404(AgendaItem.objects.select_related("presenter"), pk=item_pk, meeting=meeting)
    _require(request, "meetings.manage_meeting", meeting)
    return meeting, item


@login_required
def agenda_item_edit(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    meeting, item = _agenda_item(request, pk, item_pk)
    if not request.user.has_perm("meetings.change_meeting", meeting):
        return _refuse(request, meeting)
    initial = {
        "title": item.title,
        "presenter": item.presenter_id,
        "presenter_text": item.presenter_text,
        "notes": item.notes,
        "pledge": item.pledge_id,
        "block_report": item.block_report_id,
    }
    form = _agenda_form(request, meeting, request.POST or None, initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_agenda_item(request.user, item, **form.cleaned_data)
        except ValidationError as error:
            form_errors(form, error)
        else:
            messages.success(request, _("Đã sửa mục chương trình."))
            return redirect("meetings:agenda", meeting.pk)
    return render(request, "meetings/agenda_item_form.html", {"meeting": meeting, "item": item, "form": form})


@login_required
@require_POST
def agenda_item_remove(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    meeting, item = _agenda_item(request, pk, item_pk)
    try:
        services.remove_agenda_item(request.user, item)
    except ValidationError as error:
        show_errors(request, error)
    if request.htmx:  # type: ignore[attr-defined]
        return _agenda_page(request, meeting)
    return redirect("meetings:agenda", meeting.pk)


@login_required
@require_POST
def agenda_item_move(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    meeting, item = _agenda_item(request, pk, item_pk)
    try:
        services.move_agenda_item(request.user, item, request.POST.get("huong", ""))
    except ValidationError as error:
        show_errors(request, error)
    if request.htmx:  # type: ignore[attr-defined]
        return _agenda_page(request, meeting)
    return redirect("meetings:agenda", meeting.pk)


# --- minutes -------------------------------------------------------------------------------------------------


@login_required
def minutes(request: HttpRequest, pk: int) -> HttpResponse:
    """The minutes: the form while they are a draft (organiser, secretary), the text otherwise."""
    meeting = _meeting(request, pk)
    current = meeting.current_minutes
    may_write = request.user.has_perm("meetings.write_minutes", meeting)
    if (current is None or current.state == MinutesState.DRAFT) and not may_write:
        raise PermissionDenied(_("Biên bản đang được soạn: chỉ người soạn và Khối trưởng xem được."))
    can = _can(request, meeting)
    form = None
    if can["change_minutes"]:
        if current is not None:
            body = current.body
        else:
            body = minutes_outline(meeting, list(attendees_of(meeting)), list(agenda_of(meeting)))
        form = MinutesForm(request.POST or None, initial={"body": body})
        if request.method == "POST" and form.is_valid():
            try:
                services.save_minutes(request.user, meeting, form.cleaned_data["body"])
            except ValidationError as error:
                form_errors(form, error)
            else:
                messages.success(request, _("Đã lưu dự thảo biên bản."))
                return redirect("meetings:minutes", meeting.pk)
    elif request.method == "POST":
        return _refuse(request, meeting, _minutes_reason(meeting))
    context = {"meeting": meeting, "minutes": current, "form": form, "can": can, "reopen_form": ReopenForm()}
    return render(request, "meetings/minutes.html", context)


def _minutes_reason(meeting: Meeting) -> str:
    current = meeting.current_minutes
    if current is not None and current.state == MinutesState.LOCKED:
        return _("Biên bản đã khóa: không ai được sửa.")
    if current is not None and current.state == MinutesState.APPROVED:
        return _("Biên bản đã được thông qua: hãy trả về dự thảo trước khi sửa.")
    return _phase_reason(meeting)


def _minutes_transition(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    meeting = _meeting(request, pk)
    try:
        if action == "approve":
            services.approve_minutes(request.user, meeting)
            messages.success(request, _("Đã thông qua biên bản."))
        elif action == "lock":
            services.lock_minutes(request.user, meeting)
            messages.success(request, _("Đã khóa biên bản."))
        else:
            form = ReopenForm(request.POST)
            reason = form.cleaned_data["reason"] if form.is_valid() else ""
            services.reopen_minutes(request.user, meeting, reason)
            messages.success(request, _("Đã trả biên bản về dự thảo."))
    except ValidationError as error:
        show_errors(request, error)
    return redirect("meetings:minutes", meeting.pk)


@login_required
@require_POST
def minutes_approve(request: HttpRequest, pk: int) -> HttpResponse:
    return _minutes_transition(request, pk, "approve")


@login_required
@require_POST
def minutes_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    return _minutes_transition(request, pk, "reopen")


@login_required
@require_POST
def minutes_lock(request: HttpRequest, pk: int) -> HttpResponse:
    return _minutes_transition(request, pk, "lock")


# --- photos --------------------------------------------------------------------------------------------------


@login_required
def photos(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload photos (several at once, each with its caption) and manage the gallery."""
    meeting = _meeting(request, pk)
    _require(request, "meetings.manage_photos", meeting)
    can = _can(request, meeting)
    formset = PhotoUploadFormSet(request.POST or None, request.FILES or None, prefix="anh")
    if request.method == "POST":
        if not can["add_photo"]:
            return _refuse(request, meeting, _("Chỉ tải ảnh khi hội nghị đã tổ chức."))
        if formset.is_valid():
            batch = [
                (form.cleaned_data["image"], form.cleaned_data.get("caption", ""))
                for form in formset.forms
                if form.cleaned_data.get("image")
            ]
            try:
                created = services.upload_photos(request.user, meeting, batch)
            except ValidationError as error:
                show_errors(request, error)
            else:
                messages.success(
                    request,
                    ngettext("Đã tải lên %(n)s ảnh.", "Đã tải lên %(n)s ảnh.", len(created))
                    % {"n": len(created)},
                )
                return redirect("meetings:photos", meeting.pk)
    context = {
        "meeting": meeting,
        "photos": list(photos_of(meeting)),
        "formset": formset,
        "can": can,
        "photo_limit": settings.TDKT_PHOTO_MAX_MB,
    }
    return render(request, "meetings/photos.html", context)


def _photo(request: HttpRequest, photo_pk: int) -> Photo:
    return get_object_or_404(photos_for_user(request.user), pk=photo_pk)


@login_required
@require_POST
def photo_caption(request: HttpRequest, photo_pk: int) -> HttpResponse:
    photo = _photo(request, photo_pk)
    form = CaptionForm(request.POST)
    if form.is_valid():
        try:
            services.update_photo(request.user, photo, caption=form.cleaned_data["caption"])
        except ValidationError as error:
            show_errors(request, error)
        else:
            messages.success(request, _("Đã lưu chú thích."))
    else:
        for field_errors in form.errors.values():
            for message in field_errors:
                messages.error(request, str(message))
    return redirect("meetings:photos", photo.meeting_id)


@login_required
@require_POST
def photo_move(request: HttpRequest, photo_pk: int) -> HttpResponse:
    photo = _photo(request, photo_pk)
    try:
        services.move_photo(request.user, photo, request.POST.get("huong", ""))
    except ValidationError as error:
        show_errors(request, error)
    return redirect("meetings:photos", photo.meeting_id)


@login_required
@require_POST
def photo_remove(request: HttpRequest, photo_pk: int) -> HttpResponse:
    photo = _photo(request, photo_pk)
    services.remove_photo(request.user, photo)
    messages.success(request, _("Đã xóa ảnh."))
    return redirect("meetings:photos", photo.meeting_id)


def _serve(request: HttpRequest, photo_pk: int, field_name: str) -> FileResponse:
    photo = _photo(request, photo_pk)
    field: FieldFile = getattr(photo, field_name)
    try:
        response = FileResponse(field.open("rb"))
    except FileNotFoundError:  # the row outlived its file (restored database, cleaned storage)
        raise Http404 from None
    patch_cache_control(response, private=True, max_age=3600)
    return response


@login_required
def photo_image(request: HttpRequest, photo_pk: int) -> FileResponse:
    """A photo at full size, for those who may see its meeting."""
    return _serve(request, photo_pk, "image")


@login_required
def photo_thumbnail(request: HttpRequest, photo_pk: int) -> FileResponse:
    return _serve(request, photo_pk, "thumbnail")
