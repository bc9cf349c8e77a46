"""Reads of the organisation. Visibility is a named query: lists, search, exports and the API use these."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Case, Q, QuerySet, Value, When

from tdkt import vn
from tdkt.core.rules import is_council_member, is_system_admin
from tdkt.org.enums import CouncilRole, MembershipRole
from tdkt.org.models import (
    BlockFollowUp,
    BlockMembership,
    Council,
    CouncilMember,
    EmulationBlock,
    Person,
    Position,
    Unit,
)
from tdkt.org.search import is_province_wide, search_people_in, word_prefix_filter


def current_year() -> int:
    return datetime.date.today().year


def people_for_user(user: Any) -> QuerySet[Person]:
    """People the user may see: all for Phòng TĐKT and council members, else those of the user's own unit."""
    people = Person.objects.select_related("unit")
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return people.none()
    if is_system_admin(user) or is_council_member(user):
        return people
    if user.unit_id is None:
        return people.none()
    return people.filter(unit_id=user.unit_id)


def units_for_user(user: Any) -> QuerySet[Unit]:
    """Units are public facts of the province: any signed-in user sees the active ones."""
    if not getattr(user, "is_authenticated", False):
        return Unit.objects.none()
    return Unit.objects.filter(is_active=True).select_related("parent")


def blocks_for_user(user: Any) -> QuerySet[EmulationBlock]:
    if not getattr(user, "is_authenticated", False):
        return EmulationBlock.objects.none()
    return EmulationBlock.objects.filter(is_active=True)


def search_people(user: Any, query: str, limit: int = 20) -> list[Person]:
    """Name search without diacritics, limited to what the user may see, in Vietnamese order by tên."""
    return search_people_in(people_for_user(user), query, limit, province_wide=is_province_wide(user))


def search_units(user: Any, query: str, limit: int = 20) -> list[Unit]:
    condition = word_prefix_filter("name_search", query)
    folded = vn.fold(query)
    by_abbreviation = Q(abbreviation__iexact=query.strip()) if folded else Q(pk__in=[])
    return list(units_for_user(user).filter(condition | by_abbreviation).order_by("name_sort")[:limit])


def memberships_of_block(block: EmulationBlock, year: int) -> QuerySet[BlockMembership]:
    return (
        BlockMembership.objects.filter(block=block, year=year)
        .select_related("unit")
        .order_by("role", "unit__name_sort")
    )


def blocks_headed_by(user: Any, year: int | None = None) -> QuerySet[BlockMembership]:
    """The memberships that make the user's unit head or deputy of a block this year."""
    if not getattr(user, "is_authenticated", False) or user.unit_id is None:
        return BlockMembership.objects.none()
    return BlockMembership.objects.filter(
        unit_id=user.unit_id,
        year=year or current_year(),
        role__in=[MembershipRole.HEAD, MembershipRole.DEPUTY],
    ).select_related("block")


def memberships_of_unit(unit_id: int | None, year: int | None = None) -> QuerySet[BlockMembership]:
    if unit_id is None:
        return BlockMembership.objects.none()
    return BlockMembership.objects.filter(unit_id=unit_id, year=year or current_year()).select_related(
        "block"
    )


def blocks_followed_by(user: Any, year: int | None = None) -> QuerySet[BlockFollowUp]:
    """Blocks the user follows as a council member this year."""
    if not getattr(user, "is_authenticated", False) or user.person_id is None:
        return BlockFollowUp.objects.none()
    return BlockFollowUp.objects.filter(
        council_member__person_id=user.person_id, year=year or current_year()
    ).select_related("block", "council_member__council")


def current_positions(person: Person) -> QuerySet[Position]:
    today = datetime.date.today()
    return person.positions.filter(Q(end_date__isnull=True) | Q(end_date__gte=today)).select_related("unit")


def memberships_in_year(year: int) -> QuerySet[BlockMembership]:
    return (
        BlockMembership.objects.filter(year=year).select_related("unit").order_by("role", "unit__name_sort")
    )


def current_council(today: datetime.date | None = None) -> Council | None:
    """The council whose term covers today, else the latest one."""
    today = today or datetime.date.today()
    councils = Council.objects.order_by("-start_date")
    in_term = councils.filter(start_date__lte=today).filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
    return in_term.first() or councils.first()


def followups_of_council(council: Council, year: int) -> QuerySet[BlockFollowUp]:
    return (
        BlockFollowUp.objects.filter(council_member__council=council, year=year)
        .select_related("block", "council_member__person")
        .order_by("block__name_sort")
    )


_COUNCIL_ORDER = [
    CouncilRole.CHAIR,
    CouncilRole.VICE_CHAIR,
    CouncilRole.STANDING_MEMBER,
    CouncilRole.MEMBER,
    CouncilRole.SECRETARY,
]


def council_members(council: Council) -> QuerySet[CouncilMember]:
    """Members in the order officials list them: chair, vice-chairs, standing member, members, secretary."""
    rank = Case(*[When(role=role, then=Value(i)) for i, role in enumerate(_COUNCIL_ORDER)], default=Value(99))
    return council.members.select_related("person").order_by(rank, "person__name_sort")
