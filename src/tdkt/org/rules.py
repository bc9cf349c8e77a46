"""Permission predicates for the organisation (django-rules).

A unit officer manages the people of their own unit; the Phòng TĐKT administrator manages everything; council
members read every unit's people (they review proposals from all of them). Nobody else sees another unit's people.
"""

from __future__ import annotations

from typing import Any

import rules

from tdkt.core.rules import has_unit, is_council_member, is_signed_in, is_system_admin, is_unit_officer


def _unit_id(obj: Any) -> int | None:
    if obj is None:
        return None
    if hasattr(obj, "unit_id"):
        return obj.unit_id
    return getattr(obj, "pk", None)


@rules.predicate
def in_own_unit(user: Any, obj: Any) -> bool:
    """The object (a person, a position, or a unit itself) belongs to the user's unit."""
    unit_id = _unit_id(obj)
    return unit_id is not None and unit_id == getattr(user, "unit_id", None)


may_view_unit_people = is_system_admin | is_council_member | (has_unit & in_own_unit)
may_manage_unit_people = is_system_admin | (is_unit_officer & in_own_unit)

rules.add_perm("org.view_person", may_view_unit_people)
rules.add_perm("org.add_person", is_system_admin | is_unit_officer)
rules.add_perm("org.change_person", may_manage_unit_people)
rules.add_perm("org.delete_person", is_system_admin)
rules.add_perm("org.view_position", may_view_unit_people)
rules.add_perm("org.add_position", is_system_admin | is_unit_officer)
rules.add_perm("org.change_position", may_manage_unit_people)
rules.add_perm("org.delete_position", may_manage_unit_people)

# Units, blocks and the council are public facts of the province: every signed-in user reads them;
# only Phòng TĐKT changes them.
for _model in (
    "province",
    "unit",
    "emulationblock",
    "blockmembership",
    "council",
    "councilmember",
    "blockfollowup",
):
    rules.add_perm(f"org.view_{_model}", is_signed_in)
    for _verb in ("add", "change", "delete"):
        rules.add_perm(f"org.{_verb}_{_model}", is_system_admin)
