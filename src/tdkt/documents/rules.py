"""Permission predicates of the documents app (django-rules).

``documents.issue_number``: take the next number of an issuer's series. Phòng TĐKT for any issuer; the officers and
leaders of a unit for their own unit; those of a block's head or deputy unit for the block, in the year asked.
The object is an :class:`IssuerRequest` (the issuer and the year)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import rules

from tdkt.core.rules import is_system_admin, is_unit_leader, is_unit_officer
from tdkt.org.enums import MembershipRole
from tdkt.org.models import BlockMembership, EmulationBlock, Unit


@dataclass(frozen=True)
class IssuerRequest:
    issuer: Unit | EmulationBlock
    year: int


@rules.predicate
def speaks_for_issuer(user: Any, obj: Any) -> bool:
    if not isinstance(obj, IssuerRequest) or getattr(user, "unit_id", None) is None:
        return False
    if isinstance(obj.issuer, Unit):
        return bool(user.unit_id == obj.issuer.pk)
    return BlockMembership.objects.filter(
        block_id=obj.issuer.pk,
        year=obj.year,
        unit_id=user.unit_id,
        role__in=[MembershipRole.HEAD, MembershipRole.DEPUTY],
    ).exists()


rules.add_perm(
    "documents.issue_number", is_system_admin | ((is_unit_officer | is_unit_leader) & speaks_for_issuer)
)
rules.add_perm("documents.print_certificates", is_system_admin)
# The statutory statistics (Biểu 0602.N/BNV-TĐKT) are Phòng TĐKT's report to the Ministry of Home Affairs.
rules.add_perm("documents.view_statistics", is_system_admin)
