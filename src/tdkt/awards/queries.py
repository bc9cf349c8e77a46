"""Reads of commendation. Visibility is a named query (``*_for_user``): pages, exports, search and the API use
these and nothing else.

* Histories and the register follow the people rule of the organisation: Phòng TĐKT and council members see
  every person and unit; anyone else sees the people of their own unit and the unit itself.
* Proposals: the proposing unit's staff see theirs in every state; Phòng TĐKT sees every proposal once it has
  been submitted; council members see those the council considers (sent to it, and after).
* Decisions: Phòng TĐKT and the council see them all; a unit sees those that name it or its people, those made on
  its proposals and those it issued.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, Exists, OuterRef, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone

from tdkt.awards import catalogue
from tdkt.awards.enums import ProposalState
from tdkt.awards.models import (
    AwardRecord,
    Candidate,
    Decision,
    Discipline,
    DossierFile,
    Hold,
    Initiative,
    PersonYear,
    Proposal,
    UnitYear,
)
from tdkt.core.rules import is_council_member, is_system_admin
from tdkt.org.models import Person, Unit
from tdkt.org.search import word_prefix_filter

#: What the council sees of proposals: from the moment they are sent to it.
COUNCIL_STATES = (ProposalState.IN_COUNCIL, ProposalState.READY, ProposalState.DECIDED, ProposalState.CLOSED)


def _signed_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def sees_everyone(user: Any) -> bool:
    return _signed_in(user) and bool(is_system_admin(user) or is_council_member(user))


# --- histories -----------------------------------------------------------------------------------------------


def units_with_history_for_user(user: Any) -> QuerySet[Unit]:
    """Collectives whose record the user may read: all for Phòng TĐKT and the council, else the user's unit."""
    if not _signed_in(user):
        return Unit.objects.none()
    if sees_everyone(user):
        return Unit.objects.all()
    return Unit.objects.filter(pk=getattr(user, "unit_id", None) or 0)


@dataclass
class PersonHistory:
    person: Person
    years: list[PersonYear] = field(default_factory=list)
    records: list[AwardRecord] = field(default_factory=list)
    initiatives: list[Initiative] = field(default_factory=list)
    disciplines: list[Discipline] = field(default_factory=list)
    holds: list[Hold] = field(default_factory=list)


def person_history(person: Person) -> PersonHistory:
    """Everything recorded about a person, newest first (the record page). Seven queries."""
    return PersonHistory(
        person=person,
        years=list(
            PersonYear.objects.filter(person=person)
            .select_related("unit")
            .prefetch_related("leaves")
            .order_by("-year")
        ),
        records=list(
            AwardRecord.objects.filter(person=person)
            .select_related("decision", "cancellation__decision")
            .order_by("-year", "-decision__signed_on", "order")
        ),
        initiatives=list(
            Initiative.objects.filter(person=person)
            .select_related("decision")
            .prefetch_related("uses__record__decision", "uses__record__cancellation")
            .order_by("-year", "pk")
        ),
        disciplines=list(Discipline.objects.filter(person=person).order_by("-start")),
        holds=list(Hold.objects.filter(person=person).order_by("-start")),
    )


@dataclass
class UnitHistory:
    unit: Unit
    years: list[UnitYear] = field(default_factory=list)
    records: list[AwardRecord] = field(default_factory=list)
    holds: list[Hold] = field(default_factory=list)


def unit_history(unit: Unit) -> UnitHistory:
    return UnitHistory(
        unit=unit,
        years=list(UnitYear.objects.filter(unit=unit).order_by("-year")),
        records=list(
            AwardRecord.objects.filter(unit=unit)
            .select_related("decision", "cancellation__decision")
            .order_by("-year", "-decision__signed_on", "order")
        ),
        holds=list(Hold.objects.filter(unit=unit).order_by("-start")),
    )


def person_years_of_unit(unit: Unit, year: int) -> QuerySet[PersonYear]:
    return (
        PersonYear.objects.filter(unit=unit, year=year).select_related("person").order_by("person__name_sort")
    )


# --- the register --------------------------------------------------------------------------------------------


def standing(records: QuerySet[AwardRecord], on: datetime.date | None = None) -> QuerySet[AwardRecord]:
    """Entries not cancelled by a correction (signed by ``on``, today by default)."""
    on = on or timezone.localdate()
    return records.exclude(cancellation__decision__signed_on__lte=on)


def register_for_user(user: Any) -> QuerySet[AwardRecord]:
    """The award register entries the user may see, standing today, with their decision."""
    records = AwardRecord.objects.select_related("decision", "person", "unit")
    if not _signed_in(user):
        return records.none()
    if not sees_everyone(user):
        unit_id = getattr(user, "unit_id", None)
        if unit_id is None:
            return records.none()
        records = records.filter(Q(person__unit_id=unit_id) | Q(unit_id=unit_id))
    return standing(records)


def search_register(
    user: Any,
    *,
    query: str = "",
    year: int | None = None,
    award_code: str = "",
    unit_id: int | None = None,
) -> QuerySet[AwardRecord]:
    """Register entries matching a name typed with or without diacritics (each word starts a word of the name),
    a year, a title or form, and a unit (the person's unit, or the collective itself)."""
    records = register_for_user(user)
    if query.strip():
        records = records.filter(
            word_prefix_filter("person__name_search", query) | word_prefix_filter("unit__name_search", query)
        )
    if year is not None:
        records = records.filter(year=year)
    if award_code:
        records = records.filter(award_code=award_code)
    if unit_id is not None:
        records = records.filter(Q(person__unit_id=unit_id) | Q(unit_id=unit_id))
    return records


def register_filters(params: Mapping[str, str]) -> dict[str, Any]:
    """The register's filters read from a query string (``q``, ``nam``, ``danh-hieu``, ``don-vi``): the page
    and its Excel export read them alike, so the export is what the page shows."""

    def number(value: str | None) -> int | None:
        try:
            parsed = int(value or "")
        except ValueError:
            return None
        return parsed if parsed > 0 else None

    year = number(params.get("nam"))
    award = params.get("danh-hieu", "")
    return {
        "query": params.get("q", "").strip()[:100],
        "year": year if year is not None and 1990 <= year <= 2100 else None,
        "award_code": award if catalogue.is_known(award) else "",
        "unit_id": number(params.get("don-vi")),
    }


def register_order(records: QuerySet[AwardRecord]) -> QuerySet[AwardRecord]:
    """Newest year first; within a year individuals by tên, họ, đệm, then collectives, in Vietnamese order."""
    collective = Case(When(unit__isnull=False, then=Value(1)), default=Value(0))
    return records.annotate(collective=collective).order_by(
        "-year", "collective", "person__name_sort", "unit__name_sort", "decision_id", "order"
    )


# --- proposals -----------------------------------------------------------------------------------------------


def proposals_for_user(user: Any) -> QuerySet[Proposal]:
    proposals = Proposal.objects.select_related("unit", "block", "ballot")
    if not _signed_in(user):
        return proposals.none()
    own = Q(unit_id=getattr(user, "unit_id", None) or 0)
    if is_system_admin(user):
        return proposals.filter(own | ~Q(state=ProposalState.DRAFT))
    if is_council_member(user):
        return proposals.filter(own | Q(state__in=COUNCIL_STATES))
    return proposals.filter(own)


def candidates_of(proposal: Proposal) -> QuerySet[Candidate]:
    return proposal.candidates.select_related("person__unit", "unit").prefetch_related(
        Prefetch("files", queryset=DossierFile.objects.order_by("created_at", "pk"))
    )


def dossier_files_for_user(user: Any) -> QuerySet[DossierFile]:
    return DossierFile.objects.filter(proposal__in=proposals_for_user(user)).select_related(
        "proposal", "candidate"
    )


def decisions_for_user(user: Any) -> QuerySet[Decision]:
    decisions = Decision.objects.select_related("issuer", "proposal", "corrects")
    if not _signed_in(user):
        return decisions.none()
    if sees_everyone(user):
        return decisions
    unit_id = getattr(user, "unit_id", None)
    if unit_id is None:
        return decisions.none()
    names_unit = AwardRecord.objects.filter(decision=OuterRef("pk")).filter(
        Q(person__unit_id=unit_id) | Q(unit_id=unit_id)
    )
    return decisions.filter(Q(Exists(names_unit)) | Q(proposal__unit_id=unit_id) | Q(issuer_id=unit_id))


def records_of(decision: Decision) -> QuerySet[AwardRecord]:
    return (
        decision.records.select_related("person", "unit", "cancellation__decision")
        .prefetch_related("initiative_uses__initiative")
        .order_by("order")
    )
