"""The emulation endpoints of the API: thin wrappers over the same services and queries as the pages.

Objects come through the ``*_for_user`` queries (another unit's registration is a 404); the services refuse
what the user may not do (403) or what the object's phase or the input does not allow (422, Vietnamese message).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from tdkt.emulation import scoring, services
from tdkt.emulation.enums import title_label
from tdkt.emulation.models import Movement, MovementDocument, Pledge, PledgeSignature, Registration
from tdkt.emulation.queries import (
    movement_list,
    movements_for_user,
    pledge_list,
    pledges_for_user,
    registration_lines,
    registration_with_entries,
    registrations_for_user,
    signing_board,
    table_snapshot,
    versions_of,
    with_signing_counts,
)

router = Router(tags=["emulation"])


# --- schemas --------------------------------------------------------------------------------------------------


class NamedRef(Schema):
    id: int
    name: str


class DocumentOut(Schema):
    id: int
    title: str
    original_name: str
    size: int
    url: str

    @staticmethod
    def resolve_url(obj: MovementDocument) -> str:
        return obj.get_absolute_url()


class MovementOut(Schema):
    id: int
    name: str
    kind: str
    kind_label: str
    year: int
    start_date: datetime.date | None
    end_date: datetime.date | None
    province_wide: bool
    units: list[NamedRef]
    blocks: list[NamedRef]

    @staticmethod
    def resolve_kind_label(obj: Movement) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_units(obj: Movement) -> list[dict[str, Any]]:
        return [{"id": unit.pk, "name": unit.name} for unit in obj.units.all()]

    @staticmethod
    def resolve_blocks(obj: Movement) -> list[dict[str, Any]]:
        return [{"id": block.pk, "name": block.name} for block in obj.blocks.all()]


class MovementDetailOut(MovementOut):
    description: str
    documents: list[DocumentOut]

    @staticmethod
    def resolve_documents(obj: Movement) -> list[MovementDocument]:
        return list(obj.documents.order_by("created_at", "pk"))


class CriterionNode(Schema):
    code: str
    name: str
    max_points: str | float | int
    guidance: str = ""
    children: list[CriterionNode] = Field(default_factory=list)


CriterionNode.model_rebuild()


class ScoringItemIn(Schema):
    code: str
    name: str
    points: str | float | int
    cap: str | float | int


class TableIn(Schema):
    """A scoring table: the criteria tree (group › criterion › sub-criterion), bonus and penalty items, caps."""

    criteria: list[CriterionNode] = Field(default_factory=list)
    bonus_items: list[ScoringItemIn] = Field(default_factory=list)
    penalty_items: list[ScoringItemIn] = Field(default_factory=list)
    bonus_cap: str | float | int = "0"
    penalty_cap: str | float | int = "0"
    note: str = ""


class PledgeOut(Schema):
    id: int
    block: NamedRef
    year: int
    title: str
    status: str
    status_label: str
    signing_deadline: datetime.date | None
    table_version: int
    member_count: int
    signed_count: int

    @staticmethod
    def resolve_status_label(obj: Pledge) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_table_version(obj: Pledge) -> int:
        return obj.table.version


class SignatureOut(Schema):
    unit: NamedRef
    signer_name: str
    signed_at: datetime.datetime

    @staticmethod
    def resolve_unit(obj: PledgeSignature) -> dict[str, Any]:
        return {"id": obj.unit.pk, "name": obj.unit.name}


class BoardRowOut(Schema):
    unit: NamedRef
    role: str
    signed: bool
    signer_name: str | None
    signed_at: datetime.datetime | None


class PledgeDetailOut(PledgeOut):
    targets: str
    table: dict[str, Any]
    signing: list[BoardRowOut]

    @staticmethod
    def resolve_table(obj: Pledge) -> dict[str, Any]:
        return table_snapshot(obj.table)

    @staticmethod
    def resolve_signing(obj: Pledge) -> list[dict[str, Any]]:
        return [
            {
                "unit": {"id": row.unit.pk, "name": row.unit.name},
                "role": row.membership.role,
                "signed": row.signature is not None,
                "signer_name": row.signature.signer_name if row.signature else None,
                "signed_at": row.signature.signed_at if row.signature else None,
            }
            for row in signing_board(obj)
        ]


class PledgeIn(Schema):
    title: str = ""
    targets: str = ""
    signing_deadline: datetime.date | None = None


class VersionOut(Schema):
    number: int
    note: str
    created_at: datetime.datetime
    snapshot: dict[str, Any]


class PersonTitlesIn(Schema):
    person_id: int
    titles: list[str]


class PersonTitlesOut(Schema):
    person_id: int
    full_name: str
    titles: list[str]
    title_labels: list[str]


class RegistrationIn(Schema):
    year: int
    collective_titles: list[str] = Field(default_factory=list)
    people: list[PersonTitlesIn] = Field(default_factory=list)
    note: str = ""


class RegistrationUpdateIn(Schema):
    collective_titles: list[str] = Field(default_factory=list)
    people: list[PersonTitlesIn] = Field(default_factory=list)
    note: str | None = None


class ReturnIn(Schema):
    reason: str


class RegistrationOut(Schema):
    id: int
    unit: NamedRef
    year: int
    status: str
    status_label: str
    note: str
    return_reason: str
    submitted_at: datetime.datetime | None
    decided_at: datetime.datetime | None
    collective_titles: list[str]
    people: list[PersonTitlesOut]

    @staticmethod
    def resolve_unit(obj: Registration) -> dict[str, Any]:
        return {"id": obj.unit.pk, "name": obj.unit.name}

    @staticmethod
    def resolve_status_label(obj: Registration) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_collective_titles(obj: Registration) -> list[str]:
        return registration_lines(obj).collective

    @staticmethod
    def resolve_people(obj: Registration) -> list[dict[str, Any]]:
        return [
            {
                "person_id": person.pk,
                "full_name": person.full_name,
                "titles": titles,
                "title_labels": [title_label(code) for code in titles],
            }
            for person, titles in registration_lines(obj).people
        ]


# --- movements ------------------------------------------------------------------------------------------------


@router.get("/movements", response=list[MovementOut])
def list_movements(request: HttpRequest, year: int | None = None) -> Any:
    return movement_list(request.user, year)


@router.get("/movements/{movement_id}", response=MovementDetailOut)
def get_movement(request: HttpRequest, movement_id: int) -> Any:
    return get_object_or_404(
        movements_for_user(request.user).prefetch_related("units", "blocks"), pk=movement_id
    )


# --- pledges --------------------------------------------------------------------------------------------------


def _pledge(request: HttpRequest, pledge_id: int) -> Pledge:
    return get_object_or_404(with_signing_counts(pledges_for_user(request.user)), pk=pledge_id)


@router.get("/pledges", response=list[PledgeOut])
def list_pledges(request: HttpRequest, year: int | None = None, block: int | None = None) -> Any:
    pledges = pledge_list(request.user, year)
    return pledges.filter(block_id=block) if block is not None else pledges


@router.get("/pledges/{pledge_id}", response=PledgeDetailOut)
def get_pledge(request: HttpRequest, pledge_id: int) -> Any:
    return _pledge(request, pledge_id)


@router.put("/pledges/{pledge_id}", response=PledgeDetailOut)
def update_pledge(request: HttpRequest, pledge_id: int, payload: PledgeIn) -> Any:
    services.update_pledge(request.user, _pledge(request, pledge_id), **payload.dict())
    return _pledge(request, pledge_id)


@router.put("/pledges/{pledge_id}/table", response=VersionOut)
def set_table(request: HttpRequest, pledge_id: int, payload: TableIn) -> Any:
    """Save the scoring table of a draft pledge (a new version when anything changed)."""
    data = payload.dict()
    note = data.pop("note")
    return services.set_scoring_table(request.user, _pledge(request, pledge_id), data, note=note)


@router.get("/pledges/{pledge_id}/versions", response=list[VersionOut])
def list_versions(request: HttpRequest, pledge_id: int) -> Any:
    return versions_of(_pledge(request, pledge_id).table)


@router.get("/pledges/{pledge_id}/compare", response=list[dict[str, Any]])
def compare_versions(request: HttpRequest, pledge_id: int, a: int, b: int) -> Any:
    """Line up two versions of the table: each line with its values in both and its status."""
    versions = versions_of(_pledge(request, pledge_id).table)
    left = get_object_or_404(versions, number=a)
    right = get_object_or_404(versions, number=b)
    return [
        {
            "section": row.section,
            "key": list(row.key),
            "status": row.status,
            "left": row.left,
            "right": row.right,
        }
        for row in scoring.compare(left.snapshot, right.snapshot)
    ]


@router.post("/pledges/{pledge_id}/open", response=PledgeDetailOut)
def open_pledge(request: HttpRequest, pledge_id: int) -> Any:
    services.open_for_signing(request.user, _pledge(request, pledge_id))
    return _pledge(request, pledge_id)


@router.post("/pledges/{pledge_id}/sign", response={201: SignatureOut})
def sign_pledge(request: HttpRequest, pledge_id: int) -> Any:
    return Status(201, services.sign_pledge(request.user, _pledge(request, pledge_id)))


@router.post("/pledges/{pledge_id}/lock", response=PledgeDetailOut)
def lock_pledge(request: HttpRequest, pledge_id: int) -> Any:
    services.lock_pledge(request.user, _pledge(request, pledge_id))
    return _pledge(request, pledge_id)


# --- registrations --------------------------------------------------------------------------------------------


def _registration(request: HttpRequest, registration_id: int) -> Registration:
    return get_object_or_404(
        registration_with_entries(registrations_for_user(request.user)), pk=registration_id
    )


def _people(items: list[PersonTitlesIn]) -> list[tuple[int, list[str]]]:
    return [(item.person_id, item.titles) for item in items]


@router.get("/registrations", response=list[RegistrationOut])
def list_registrations(request: HttpRequest, year: int | None = None) -> Any:
    registrations = registrations_for_user(request.user)
    if year is not None:
        registrations = registrations.filter(year=year)
    return registration_with_entries(registrations.order_by("-year", "unit__name_sort"))


@router.get("/registrations/{registration_id}", response=RegistrationOut)
def get_registration(request: HttpRequest, registration_id: int) -> Any:
    return _registration(request, registration_id)


@router.post("/registrations", response={201: RegistrationOut})
def create_registration(request: HttpRequest, payload: RegistrationIn) -> Any:
    """Draft the registration of the user's own unit for a year."""
    user: Any = request.user
    if user.unit_id is None:
        raise PermissionDenied(_("Tài khoản không thuộc đơn vị nào."))
    registration = services.create_registration(
        user,
        unit=user.unit,
        year=payload.year,
        collective_titles=payload.collective_titles,
        people=_people(payload.people),
        note=payload.note,
    )
    return Status(201, _registration(request, registration.pk))


@router.put("/registrations/{registration_id}", response=RegistrationOut)
def update_registration(request: HttpRequest, registration_id: int, payload: RegistrationUpdateIn) -> Any:
    services.update_registration(
        request.user,
        _registration(request, registration_id),
        collective_titles=payload.collective_titles,
        people=_people(payload.people),
        note=payload.note,
    )
    return _registration(request, registration_id)


@router.post("/registrations/{registration_id}/submit", response=RegistrationOut)
def submit_registration(request: HttpRequest, registration_id: int) -> Any:
    services.submit_registration(request.user, _registration(request, registration_id))
    return _registration(request, registration_id)


@router.post("/registrations/{registration_id}/approve", response=RegistrationOut)
def approve_registration(request: HttpRequest, registration_id: int) -> Any:
    services.approve_registration(request.user, _registration(request, registration_id))
    return _registration(request, registration_id)


@router.post("/registrations/{registration_id}/return", response=RegistrationOut)
def return_registration(request: HttpRequest, registration_id: int, payload: ReturnIn) -> Any:
    services.return_registration(request.user, _registration(request, registration_id), reason=payload.reason)
    return _registration(request, registration_id)
