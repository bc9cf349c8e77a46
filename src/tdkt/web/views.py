"""The signed-in web shell: home with pending work, search, units, people, blocks, the council.

Views only read through the named ``*_for_user`` queries and render; writes go through services.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from tdkt.core.notify import mark_read, notices_for_user
from tdkt.core.worklist import pending_work
from tdkt.org.models import CouncilMember, Position
from tdkt.org.queries import (
    blocks_followed_by,
    blocks_for_user,
    blocks_headed_by,
    council_members,
    current_council,
    current_year,
    followups_of_council,
    memberships_in_year,
    memberships_of_block,
    memberships_of_unit,
    people_for_user,
    search_people,
    search_units,
    units_for_user,
)

PAGE_SIZE = 50


def _open_positions() -> Prefetch:
    return Prefetch(
        "positions",
        queryset=Position.objects.filter(end_date__isnull=True).select_related("unit"),
        to_attr="open_positions",
    )


def _year(request: HttpRequest) -> int:
    try:
        year = int(request.GET.get("nam", ""))
    except ValueError:
        return current_year()
    return year if 1990 <= year <= 2100 else current_year()


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    context = {
        "work": pending_work(user),
        "headed": list(blocks_headed_by(user)),
        "followed": list(blocks_followed_by(user)),
        "memberships": list(memberships_of_unit(getattr(user, "unit_id", None))),
        "today": timezone.localdate(),
    }
    return render(request, "web/home.html", context)


@login_required
def notices(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        mark_read(request.user)
        return redirect("web:notices")
    items = notices_for_user(request.user)[:100]
    return render(request, "web/notices.html", {"notices": items})


@login_required
def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    people = search_people(request.user, query) if query else []
    units = search_units(request.user, query) if query else []
    template = "web/search.html#results" if request.htmx else "web/search.html"  # type: ignore[attr-defined]
    return render(request, template, {"q": query, "people": people, "units": units})


@login_required
def unit_list(request: HttpRequest) -> HttpResponse:
    units = units_for_user(request.user).order_by("name_sort")
    page = Paginator(units, PAGE_SIZE).get_page(request.GET.get("trang"))
    return render(request, "web/unit_list.html", {"page": page})


@login_required
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_object_or_404(units_for_user(request.user), pk=pk)
    people = people_for_user(request.user).filter(unit=unit)
    may_see_people = request.user.has_perm("org.view_person", unit)
    missing = request.GET.get("thieu", "")
    if missing == "ngay-sinh":
        people = people.filter(date_of_birth__isnull=True)
    elif missing == "chuc-vu":
        people = people.exclude(
            Exists(Position.objects.filter(person_id=OuterRef("pk"), end_date__isnull=True))
        )
    page = None
    if may_see_people:
        people = people.filter(is_active=True).prefetch_related(_open_positions()).order_by("name_sort", "pk")
        page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("trang"))
    context = {
        "unit": unit,
        "page": page,
        "may_see_people": may_see_people,
        "missing": missing,
        "memberships": memberships_of_unit(unit.pk, _year(request)),
        "year": _year(request),
        "officers": Position.objects.filter(unit=unit, handles_emulation=True, end_date__isnull=True)
        .select_related("person")
        .order_by("person__name_sort")
        if may_see_people
        else [],
    }
    return render(request, "web/unit_detail.html", context)


@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    # Outsiders get 404: they must not learn that the person exists.
    person = get_object_or_404(people_for_user(request.user), pk=pk)
    positions = person.positions.select_related("unit").order_by("-start_date")
    seats = CouncilMember.objects.filter(person=person).select_related("council")
    return render(
        request,
        "web/person_detail.html",
        {
            "person": person,
            "positions": positions,
            "seats": seats,
            "may_change": request.user.has_perm("org.change_person", person),
        },
    )


@login_required
def block_list(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    blocks = blocks_for_user(request.user).prefetch_related(
        Prefetch("memberships", queryset=memberships_in_year(year), to_attr="year_memberships")
    )
    return render(request, "web/block_list.html", {"blocks": blocks, "year": year})


@login_required
def block_detail(request: HttpRequest, pk: int) -> HttpResponse:
    block = get_object_or_404(blocks_for_user(request.user), pk=pk)
    year = _year(request)
    years = block.memberships.values_list("year", flat=True).distinct().order_by("-year")
    return render(
        request,
        "web/block_detail.html",
        {
            "block": block,
            "year": year,
            "years": list(years),
            "memberships": memberships_of_block(block, year),
            "followup": block.followups.filter(year=year).select_related("council_member__person").first(),
        },
    )


@login_required
def council(request: HttpRequest) -> HttpResponse:
    current = current_council(timezone.localdate())
    if current is None:
        raise Http404
    year = _year(request)
    return render(
        request,
        "web/council.html",
        {
            "council": current,
            "members": council_members(current),
            "followups": followups_of_council(current, year),
            "year": year,
        },
    )
