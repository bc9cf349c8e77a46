"""Permission predicates for movements, pledges and registrations (django-rules).

Two kinds of permission per object: the *scope* (who may act on this object at all: ``manage_pledge``,
``act_on_registration``…), which the services check first and refuse with PermissionDenied, and the
*transition* (scope ∧ phase: ``change_pledge`` = manages the pledge ∧ it is a draft), which the pages use to
show only the buttons that will work. The services then check the phase themselves and refuse with a message
that says why (a signed pledge is locked for everyone, Phòng TĐKT included).

Block head means: the user acts for a unit (its emulation officer or its leader) that is head or deputy of the
pledge's block in the pledge's year (BlockMembership; the deputy stands in for the head).
"""

from __future__ import annotations

from typing import Any

import rules

from tdkt.core.rules import (
    has_unit,
    is_council_member,
    is_signed_in,
    is_system_admin,
    is_unit_leader,
    is_unit_officer,
)
from tdkt.emulation.enums import (
    EDITABLE_REGISTRATION_STATES,
    SHARED_REGISTRATION_STATES,
    PledgeStatus,
    RegistrationStatus,
)
from tdkt.emulation.queries import HEAD_ROLES, movements_for_user
from tdkt.org.models import BlockMembership
from tdkt.org.rules import in_own_unit

#: The standing roles that act for a unit in the cycle (sign, register, head a block).
acts_for_unit = is_unit_officer | is_unit_leader


# --- movements ------------------------------------------------------------------------------------------------


@rules.predicate
def movement_applies_to_user(user: Any, movement: Any) -> bool:
    """The movement is province-wide, names the user's unit, or names a block the unit belongs to that year
    (the same rule as :func:`tdkt.emulation.queries.movements_for_user`)."""
    return movement is not None and movements_for_user(user).filter(pk=movement.pk).exists()


rules.add_perm("emulation.view_movement", is_system_admin | is_council_member | movement_applies_to_user)
for _verb in ("add", "change", "delete"):
    rules.add_perm(f"emulation.{_verb}_movement", is_system_admin)
    rules.add_perm(f"emulation.{_verb}_movementdocument", is_system_admin)


# --- pledges --------------------------------------------------------------------------------------------------


def _membership(user: Any, pledge: Any) -> Any:
    if pledge is None or getattr(user, "unit_id", None) is None:
        return BlockMembership.objects.none()
    return BlockMembership.objects.filter(block_id=pledge.block_id, year=pledge.year, unit_id=user.unit_id)


@rules.predicate
def heads_pledge_block(user: Any, pledge: Any) -> bool:
    """The user's unit is head or deputy of the pledge's block in the pledge's year."""
    return _membership(user, pledge).filter(role__in=HEAD_ROLES).exists()


@rules.predicate
def is_pledge_member(user: Any, pledge: Any) -> bool:
    """The user's unit is a member (head, deputy or member) of the pledge's block in the pledge's year."""
    return _membership(user, pledge).exists()


@rules.predicate
def pledge_is_draft(user: Any, pledge: Any) -> bool:
    return pledge is not None and pledge.status == PledgeStatus.DRAFT


@rules.predicate
def pledge_is_open(user: Any, pledge: Any) -> bool:
    return pledge is not None and pledge.status == PledgeStatus.OPEN_FOR_SIGNING


@rules.predicate
def pledge_has_no_signature(user: Any, pledge: Any) -> bool:
    return pledge is not None and not pledge.signatures.exists()


may_manage_pledge = is_system_admin | (acts_for_unit & heads_pledge_block)

rules.add_perm("emulation.view_pledge", is_system_admin | is_council_member | (has_unit & is_pledge_member))
# Creating a pledge is checked on an unsaved pledge carrying its block and year.
rules.add_perm("emulation.add_pledge", may_manage_pledge)
rules.add_perm("emulation.manage_pledge", may_manage_pledge)
rules.add_perm("emulation.change_pledge", may_manage_pledge & pledge_is_draft)
rules.add_perm("emulation.open_pledge", may_manage_pledge & pledge_is_draft)
rules.add_perm("emulation.lock_pledge", may_manage_pledge & pledge_is_open)
# Back to draft only before anyone has signed, and only by Phòng TĐKT.
rules.add_perm("emulation.reopen_pledge", is_system_admin & pledge_is_open & pledge_has_no_signature)
rules.add_perm("emulation.sign_for_unit", acts_for_unit & is_pledge_member)
rules.add_perm("emulation.sign_pledge", acts_for_unit & is_pledge_member & pledge_is_open)
rules.add_perm("emulation.delete_pledge", rules.always_deny)


# --- registrations --------------------------------------------------------------------------------------------


@rules.predicate
def heads_registration_block(user: Any, registration: Any) -> bool:
    """The user's unit heads (or is deputy of) a block that the registration's unit belongs to that year."""
    if registration is None or getattr(user, "unit_id", None) is None:
        return False
    return BlockMembership.objects.filter(
        unit_id=registration.unit_id,
        year=registration.year,
        block__memberships__unit_id=user.unit_id,
        block__memberships__year=registration.year,
        block__memberships__role__in=HEAD_ROLES,
    ).exists()


@rules.predicate
def registration_is_shared(user: Any, registration: Any) -> bool:
    return registration is not None and registration.status in SHARED_REGISTRATION_STATES


@rules.predicate
def registration_is_editable(user: Any, registration: Any) -> bool:
    return registration is not None and registration.status in EDITABLE_REGISTRATION_STATES


@rules.predicate
def registration_is_submitted(user: Any, registration: Any) -> bool:
    return registration is not None and registration.status == RegistrationStatus.SUBMITTED


own_unit = has_unit & in_own_unit

# Other units never see a unit's drafts; the block head and Phòng TĐKT see it once it is submitted.
rules.add_perm(
    "emulation.view_registration",
    own_unit | (registration_is_shared & (is_system_admin | (acts_for_unit & heads_registration_block))),
)
rules.add_perm("emulation.add_registration", is_unit_officer & in_own_unit)
rules.add_perm("emulation.draft_registration", is_unit_officer & in_own_unit)
rules.add_perm("emulation.change_registration", is_unit_officer & in_own_unit & registration_is_editable)
rules.add_perm("emulation.submit_registration", is_unit_officer & in_own_unit & registration_is_editable)
rules.add_perm("emulation.decide_registration", is_unit_leader & in_own_unit)
rules.add_perm("emulation.approve_registration", is_unit_leader & in_own_unit & registration_is_submitted)
rules.add_perm("emulation.delete_registration", rules.always_deny)
# The scope list and the export: Phòng TĐKT and anyone acting for a unit (each sees what the query allows).
rules.add_perm("emulation.list_registrations", is_system_admin | has_unit)

rules.add_perm("emulation.view_registrationperiod", is_signed_in)
for _verb in ("add", "change", "delete"):
    rules.add_perm(f"emulation.{_verb}_registrationperiod", is_system_admin)
