"""Reads of movements, pledges and registrations. Visibility is a named query: pages, the API, the Excel export
and the work queue all go through the ``*_for_user`` functions here, never through an unscoped ``.get()``."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from tdkt import vn
from tdkt.core.enums import Role
from tdkt.core.rules import is_council_member, is_system_admin
from tdkt.emulation.enums import (
    SHARED_REGISTRATION_STATES,
    AdjustmentKind,
    PledgeStatus,
    RegistrationStatus,
    title_label,
)
from tdkt.emulation.models import (
    Criterion,
    Movement,
    MovementDocument,
    Pledge,
    PledgeSignature,
    Registration,
    RegistrationEntry,
    RegistrationPeriod,
    ScoringItem,
    ScoringTable,
    ScoringTableVersion,
)
from tdkt.emulation.scoring import canonical
from tdkt.org.enums import MembershipRole
from tdkt.org.models import BlockMembership, EmulationBlock, Person, Unit

HEAD_ROLES = (MembershipRole.HEAD, MembershipRole.DEPUTY)


def _signed_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def _acts_for_unit(user: Any) -> bool:
    return user.unit_id is not None and user.role in (Role.UNIT_OFFICER, Role.UNIT_LEADER)


# --- movements ------------------------------------------------------------------------------------------------


def movements_for_user(user: Any) -> QuerySet[Movement]:
    """Movements the user may read: all for Phòng TĐKT and council members; for everyone else the province-wide
    ones, those naming the user's unit, and those naming a block the unit belongs to in the movement's year."""
    movements = Movement.objects.all()
    if not _signed_in(user):
        return movements.none()
    if is_system_admin(user) or is_council_member(user):
        return movements
    if user.unit_id is None:
        return movements.filter(province_wide=True)
    names_unit = Exists(
        Movement.units.through.objects.filter(movement_id=OuterRef("pk"), unit_id=user.unit_id)
    )
    names_block = Exists(
        Movement.blocks.through.objects.filter(
            movement_id=OuterRef("pk"),
            emulationblock__memberships__unit_id=user.unit_id,
            emulationblock__memberships__year=OuterRef("year"),
        )
    )
    return movements.filter(Q(province_wide=True) | names_unit | names_block)


def movement_list(user: Any, year: int | None = None) -> QuerySet[Movement]:
    movements = movements_for_user(user)
    if year is not None:
        movements = movements.filter(year=year)
    return (
        movements.annotate(document_count=Count("documents"))
        .prefetch_related(
            Prefetch("units", queryset=Unit.objects.order_by("name_sort")),
            Prefetch("blocks", queryset=EmulationBlock.objects.order_by("name_sort")),
        )
        .order_by("-year", "name_sort", "pk")
    )


def movement_years(user: Any) -> list[int]:
    return list(movements_for_user(user).order_by("-year").values_list("year", flat=True).distinct())


def movement_documents_for_user(user: Any) -> QuerySet[MovementDocument]:
    return MovementDocument.objects.filter(movement__in=movements_for_user(user)).select_related("movement")


# --- pledges --------------------------------------------------------------------------------------------------


def pledges_for_user(user: Any) -> QuerySet[Pledge]:
    """Pledges the user may read: all for Phòng TĐKT and council members, else those of the blocks the user's
    unit belongs to in the pledge's year. Other units get a 404."""
    pledges = Pledge.objects.select_related("block", "table")
    if not _signed_in(user):
        return pledges.none()
    if is_system_admin(user) or is_council_member(user):
        return pledges
    if user.unit_id is None:
        return pledges.none()
    return pledges.filter(
        Exists(
            BlockMembership.objects.filter(
                block_id=OuterRef("block_id"), year=OuterRef("year"), unit_id=user.unit_id
            )
        )
    )


def with_signing_counts(pledges: QuerySet[Pledge]) -> QuerySet[Pledge]:
    """Annotate each pledge with how many units are members of its block that year and how many have signed."""
    members = (
        BlockMembership.objects.filter(block_id=OuterRef("block_id"), year=OuterRef("year"))
        .order_by()
        .values("block_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    signed = (
        PledgeSignature.objects.filter(pledge_id=OuterRef("pk"))
        .order_by()
        .values("pledge_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return pledges.annotate(
        member_count=Coalesce(Subquery(members), Value(0), output_field=IntegerField()),
        signed_count=Coalesce(Subquery(signed), Value(0), output_field=IntegerField()),
    )


def pledge_list(user: Any, year: int | None = None) -> QuerySet[Pledge]:
    pledges = pledges_for_user(user)
    if year is not None:
        pledges = pledges.filter(year=year)
    return with_signing_counts(pledges).order_by("-year", "block__name_sort", "pk")


def pledge_years(user: Any) -> list[int]:
    return list(pledges_for_user(user).order_by("-year").values_list("year", flat=True).distinct())


def previous_pledge(block: EmulationBlock, year: int) -> Pledge | None:
    """The block's latest pledge before ``year`` (the usual starting point of a new one)."""
    return (
        Pledge.objects.filter(block=block, year__lt=year)
        .select_related("block", "table")
        .order_by("-year")
        .first()
    )


def blocks_user_may_pledge(user: Any, year: int) -> QuerySet[EmulationBlock]:
    """Blocks for which the user may draw up the year's pledge: every active block for Phòng TĐKT, else the
    blocks the user's unit heads (or is deputy of) that year."""
    blocks = EmulationBlock.objects.filter(is_active=True).order_by("kind", "name_sort")
    if not _signed_in(user):
        return blocks.none()
    if is_system_admin(user):
        return blocks
    if not _acts_for_unit(user):
        return blocks.none()
    return blocks.filter(
        memberships__unit_id=user.unit_id, memberships__year=year, memberships__role__in=HEAD_ROLES
    )


@dataclass(frozen=True)
class BoardRow:
    """One member unit on a pledge's signing status board."""

    membership: BlockMembership
    signature: PledgeSignature | None

    @property
    def unit(self) -> Unit:
        return self.membership.unit


def signing_board(pledge: Pledge) -> list[BoardRow]:
    """Every member unit of the pledge's block that year, with its signature if it has signed (two queries)."""
    memberships = (
        BlockMembership.objects.filter(block_id=pledge.block_id, year=pledge.year)
        .select_related("unit")
        .order_by("role", "unit__name_sort")
    )
    signatures = {
        signature.unit_id: signature
        for signature in PledgeSignature.objects.filter(pledge=pledge).select_related("signed_by")
    }
    return [BoardRow(membership, signatures.get(membership.unit_id)) for membership in memberships]


def member_unit_ids(pledge: Pledge) -> list[int]:
    return list(
        BlockMembership.objects.filter(block_id=pledge.block_id, year=pledge.year).values_list(
            "unit_id", flat=True
        )
    )


def criteria_of(table: ScoringTable) -> QuerySet[Criterion]:
    return table.criteria.order_by("position")


def items_of(table: ScoringTable, kind: str) -> QuerySet[ScoringItem]:
    return table.items.filter(kind=kind).order_by("position")


def table_snapshot(table: ScoringTable) -> dict[str, Any]:
    """The table's current structure in the shape the services take and the versions store (two queries)."""
    nodes: dict[int, dict[str, Any]] = {}
    roots: list[dict[str, Any]] = []
    for criterion in criteria_of(table):
        node: dict[str, Any] = {
            "code": criterion.code,
            "name": criterion.name,
            "max_points": canonical(criterion.max_points),
        }
        if criterion.guidance:
            node["guidance"] = criterion.guidance
        nodes[criterion.pk] = node
        if criterion.parent_id is None:
            roots.append(node)
        else:
            nodes[criterion.parent_id].setdefault("children", []).append(node)
    items: dict[str, list[dict[str, Any]]] = {AdjustmentKind.BONUS: [], AdjustmentKind.PENALTY: []}
    for item in table.items.order_by("kind", "position"):
        items[item.kind].append(
            {
                "code": item.code,
                "name": item.name,
                "points": canonical(item.points),
                "cap": canonical(item.cap),
            }
        )
    return {
        "criteria": roots,
        "bonus_items": items[AdjustmentKind.BONUS],
        "penalty_items": items[AdjustmentKind.PENALTY],
        "bonus_cap": canonical(table.bonus_cap),
        "penalty_cap": canonical(table.penalty_cap),
    }


def versions_of(table: ScoringTable) -> QuerySet[ScoringTableVersion]:
    return table.versions.select_related("created_by__person").order_by("-number")


def pledges_awaiting_signature(user: Any) -> QuerySet[Pledge]:
    """Open pledges of the blocks the user's unit belongs to that the unit has not signed yet."""
    if not _signed_in(user) or not _acts_for_unit(user):
        return Pledge.objects.none()
    return (
        pledges_for_user(user)
        .filter(status=PledgeStatus.OPEN_FOR_SIGNING)
        .exclude(Exists(PledgeSignature.objects.filter(pledge_id=OuterRef("pk"), unit_id=user.unit_id)))
        .order_by("signing_deadline", "year")
    )


def pledges_headed_open(user: Any) -> QuerySet[Pledge]:
    """Open pledges of the blocks the user's unit heads (or is deputy of) in the pledge's year."""
    if not _signed_in(user) or not _acts_for_unit(user):
        return Pledge.objects.none()
    heads = BlockMembership.objects.filter(
        block_id=OuterRef("block_id"), year=OuterRef("year"), unit_id=user.unit_id, role__in=HEAD_ROLES
    )
    return with_signing_counts(
        Pledge.objects.select_related("block").filter(Exists(heads), status=PledgeStatus.OPEN_FOR_SIGNING)
    ).order_by("signing_deadline", "year")


# --- registrations --------------------------------------------------------------------------------------------


def _headed_scope(user: Any) -> Exists:
    """The registration's unit belongs, that year, to a block that the user's unit heads or is deputy of."""
    return Exists(
        BlockMembership.objects.filter(
            unit_id=OuterRef("unit_id"),
            year=OuterRef("year"),
            block__memberships__unit_id=user.unit_id,
            block__memberships__year=OuterRef("year"),
            block__memberships__role__in=HEAD_ROLES,
        )
    )


def registrations_for_user(user: Any) -> QuerySet[Registration]:
    """Registrations the user may read.

    A unit's own people see its registration in every state. Outside the unit, only submitted and approved
    registrations are visible, and only to Phòng TĐKT (all units) and to the block head (the member units of the
    blocks it heads that year). Everyone else — another unit, a council member — sees nothing (404).
    """
    registrations = Registration.objects.select_related("unit")
    if not _signed_in(user):
        return registrations.none()
    own = Q(unit_id=user.unit_id) if user.unit_id is not None else Q(pk__in=[])
    shared = Q(status__in=SHARED_REGISTRATION_STATES)
    if is_system_admin(user):
        return registrations.filter(own | shared)
    if _acts_for_unit(user):
        return registrations.filter(own | (shared & _headed_scope(user)))
    if user.unit_id is not None:
        return registrations.filter(own)
    return registrations.none()


def _entries() -> Prefetch:
    return Prefetch(
        "entries",
        queryset=RegistrationEntry.objects.select_related("person").order_by("pk"),
    )


def registration_with_entries(registrations: QuerySet[Registration]) -> QuerySet[Registration]:
    return registrations.select_related("submitted_by__person", "decided_by__person").prefetch_related(
        _entries()
    )


@dataclass
class RegistrationLines:
    """A registration as it is read: the unit's titles, then each person with their titles (by tên)."""

    collective: list[str] = field(default_factory=list)
    people: list[tuple[Person, list[str]]] = field(default_factory=list)

    @property
    def person_count(self) -> int:
        return len(self.people)


def registration_lines(registration: Registration) -> RegistrationLines:
    """Group the (prefetched) entries of a registration into the unit's titles and each person's titles."""
    lines = RegistrationLines()
    by_person: dict[int, tuple[Person, list[str]]] = {}
    for entry in registration.entries.all():
        if entry.person is None:
            lines.collective.append(entry.title)
        else:
            by_person.setdefault(entry.person.pk, (entry.person, []))[1].append(entry.title)
    lines.people = sorted(by_person.values(), key=lambda pair: vn.name_sort_key(pair[0].full_name))
    return lines


def people_for_registration(unit: Unit) -> QuerySet[Person]:
    """The unit's staff list a registration chooses from: its active people, by tên."""
    return Person.objects.filter(unit=unit, is_active=True).order_by("name_sort", "pk")


def registration_deadline(year: int) -> datetime.date | None:
    """The year's registration deadline, if Phòng TĐKT has set one."""
    return RegistrationPeriod.objects.filter(year=year).values_list("deadline", flat=True).first()


def registration_of_unit(user: Any, year: int) -> Registration | None:
    if getattr(user, "unit_id", None) is None:
        return None
    return registrations_for_user(user).filter(unit_id=user.unit_id, year=year).first()


def registrations_awaiting_decision(user: Any) -> QuerySet[Registration]:
    """Submitted registrations of the leader's own unit."""
    if not _signed_in(user) or user.role != Role.UNIT_LEADER or user.unit_id is None:
        return Registration.objects.none()
    return (
        registrations_for_user(user)
        .filter(unit_id=user.unit_id, status=RegistrationStatus.SUBMITTED)
        .order_by("-year")
    )


@dataclass(frozen=True)
class ScopeRow:
    """A unit in the scope list: the blocks it belongs to that year and its registration, if visible."""

    unit: Unit
    blocks: tuple[str, ...]
    registration: Registration | None


def registration_scope(user: Any, year: int, block: EmulationBlock | None = None) -> list[ScopeRow]:
    """Units whose registration the user follows for a year, in Vietnamese order: for Phòng TĐKT every member
    unit of a block or cluster (or of ``block``), for a block head the members of the blocks it heads, and for
    anyone else their own unit. A unit whose registration is not visible to the user shows no registration."""
    if not _signed_in(user):
        return []
    memberships = BlockMembership.objects.filter(year=year).select_related("unit", "block")
    if block is not None:
        memberships = memberships.filter(block=block)
    if is_system_admin(user):
        pass
    elif _acts_for_unit(user):
        headed = BlockMembership.objects.filter(year=year, unit_id=user.unit_id, role__in=HEAD_ROLES)
        memberships = memberships.filter(Q(block_id__in=headed.values("block_id")) | Q(unit_id=user.unit_id))
    elif user.unit_id is not None:
        memberships = memberships.filter(unit_id=user.unit_id)
    else:
        return []
    units: dict[int, Unit] = {}
    blocks: dict[int, list[str]] = defaultdict(list)
    for membership in memberships:
        units[membership.unit_id] = membership.unit
        blocks[membership.unit_id].append(membership.block.name)
    registrations = (
        registrations_for_user(user)
        .filter(year=year)
        .annotate(person_count=Count("entries__person", distinct=True), title_count=Count("entries"))
    )
    if block is not None or not is_system_admin(user):
        registrations = registrations.filter(unit_id__in=list(units))
    found = {registration.unit_id: registration for registration in registrations}
    for registration in found.values():
        units.setdefault(registration.unit_id, registration.unit)
    rows = [ScopeRow(unit, tuple(blocks.get(pk, ())), found.get(pk)) for pk, unit in units.items()]
    if block is None and user.unit_id is not None and user.unit_id not in units:
        own = found.get(user.unit_id)
        rows.append(ScopeRow(own.unit if own else Unit.objects.get(pk=user.unit_id), (), own))
    return sorted(rows, key=lambda row: vn.sort_key(row.unit.name))


@dataclass(frozen=True)
class ExportRow:
    unit: str
    subject: str
    person: str
    titles: str
    status: str


def registration_export_rows(user: Any, year: int) -> list[ExportRow]:
    """The rows of the Excel export: what :func:`registrations_for_user` shows the user for the year, one row
    per unit (its collective titles) and one per person, by unit then person in Vietnamese order."""
    registrations = registration_with_entries(registrations_for_user(user).filter(year=year))
    keyed: list[tuple[Any, ExportRow]] = []
    for registration in registrations:
        unit_key = vn.sort_key(registration.unit.name)
        status = registration.get_status_display()
        lines = registration_lines(registration)
        keyed.append(
            (
                (unit_key, 0, ()),
                ExportRow(
                    unit=registration.unit.name,
                    subject=_("Tập thể"),
                    person="",
                    titles="; ".join(title_label(code) for code in lines.collective),
                    status=status,
                ),
            )
        )
        for person, titles in lines.people:
            keyed.append(
                (
                    (unit_key, 1, vn.name_sort_key(person.full_name)),
                    ExportRow(
                        unit=registration.unit.name,
                        subject=_("Cá nhân"),
                        person=person.full_name,
                        titles="; ".join(title_label(code) for code in titles),
                        status=status,
                    ),
                )
            )
    return [row for _key, row in sorted(keyed, key=lambda pair: pair[0])]
