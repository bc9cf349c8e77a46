"""Permission predicates for commendation (django-rules).

*Scope* permissions say who acts at all (services check them first, 403): histories are kept by the unit's
emulation officer for its own people and the unit itself, and by Phòng TĐKT for everyone; a proposal is written
by the officers and leaders of the proposing unit; appraisal, the council's referral, decisions and corrections
are Phòng TĐKT's. *Transition* permissions add the proposal's state; pages and the API use them to offer only
what works now, and the services check the state themselves, refusing with a Vietnamese reason (422).

Objects given to the history predicates are a person or a unit (``in_own_unit`` reads ``unit_id`` or the unit's
own key).
"""

from __future__ import annotations

from typing import Any

import rules

from tdkt.awards.enums import EDITABLE_PROPOSAL_STATES, ProposalState
from tdkt.awards.models import Decision, Proposal
from tdkt.awards.queries import decisions_for_user, proposals_for_user
from tdkt.core.rules import (
    has_unit,
    is_council_member,
    is_signed_in,
    is_system_admin,
    is_unit_leader,
    is_unit_officer,
)
from tdkt.org.rules import in_own_unit

acts_for_unit = is_unit_officer | is_unit_leader


# --- histories -----------------------------------------------------------------------------------------------

may_view_history = is_system_admin | is_council_member | (has_unit & in_own_unit)
may_keep_history = is_system_admin | (is_unit_officer & in_own_unit)

rules.add_perm("awards.view_history", may_view_history)
rules.add_perm("awards.change_history", may_keep_history)
rules.add_perm("awards.import_history", may_keep_history)
rules.add_perm("awards.view_register", is_signed_in)
# Year-end screening: those who read every history screen any unit, a block or the province; the others who
# read their unit's histories screen their own unit.
rules.add_perm("awards.screen_eligibility", is_system_admin | is_council_member | has_unit)
rules.add_perm("awards.screen_province", is_system_admin | is_council_member)


# --- proposals -----------------------------------------------------------------------------------------------


def _proposal(obj: Any) -> Proposal | None:
    return obj if isinstance(obj, Proposal) else None


@rules.predicate
def sees_proposal(user: Any, obj: Any) -> bool:
    proposal = _proposal(obj)
    return proposal is not None and proposals_for_user(user).filter(pk=proposal.pk).exists()


@rules.predicate
def of_own_unit(user: Any, obj: Any) -> bool:
    """The proposal is the user's unit's."""
    proposal = _proposal(obj)
    unit_id = getattr(user, "unit_id", None)
    return proposal is not None and unit_id is not None and proposal.unit_id == unit_id


def _state(name: str, *states: str) -> Any:
    @rules.predicate(name=name)
    def check(user: Any, obj: Any) -> bool:
        proposal = _proposal(obj)
        return proposal is not None and proposal.state in states

    return check


is_editable = _state("is_editable", *EDITABLE_PROPOSAL_STATES)
is_submitted = _state("is_submitted", ProposalState.SUBMITTED)
is_in_council = _state("is_in_council", ProposalState.IN_COUNCIL)
is_ready = _state("is_ready", ProposalState.READY)

writes_proposal = acts_for_unit & of_own_unit

rules.add_perm("awards.add_proposal", acts_for_unit & has_unit)
rules.add_perm("awards.view_proposal", is_system_admin | sees_proposal)
rules.add_perm("awards.manage_proposal", writes_proposal)
rules.add_perm("awards.appraise", is_system_admin)

rules.add_perm("awards.change_proposal", writes_proposal & is_editable)
rules.add_perm("awards.submit_proposal", writes_proposal & is_editable)
rules.add_perm("awards.appraise_proposal", is_system_admin & is_submitted)
rules.add_perm("awards.return_proposal", is_system_admin & is_submitted)
rules.add_perm("awards.send_to_council", is_system_admin & is_submitted)
rules.add_perm("awards.record_council_result", is_system_admin & is_in_council)
rules.add_perm("awards.issue_decision", is_system_admin & is_ready)


# --- decisions -----------------------------------------------------------------------------------------------


@rules.predicate
def sees_decision(user: Any, obj: Any) -> bool:
    return isinstance(obj, Decision) and decisions_for_user(user).filter(pk=obj.pk).exists()


@rules.predicate
def issued_here(user: Any, obj: Any) -> bool:
    return isinstance(obj, Decision) and not obj.external


rules.add_perm("awards.view_decision", is_system_admin | sees_decision)
rules.add_perm("awards.issue_correction", is_system_admin & issued_here)


# --- the rulesets in force and the base salaries added to them ----------------------------------------------

rules.add_perm("awards.view_ruleset", is_system_admin)
rules.add_perm("awards.add_base_salary", is_system_admin)
rules.add_perm("awards.withdraw_base_salary", is_system_admin)
