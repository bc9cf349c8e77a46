"""Writes of commendation: one function per transition.

Each function checks, in this order, the actor's permission (PermissionDenied), the object's state and the input
(ValidationError, with a Vietnamese message saying what is wrong), writes in one transaction, appends the audit
entry and tells the people concerned. Nothing is written when a check fails.
"""

from tdkt.awards.services.decisions import issue_correction, issue_decision
from tdkt.awards.services.history import (
    DecisionRef,
    add_discipline,
    add_initiative,
    hold_kinds,
    lift_hold,
    record_past_award,
    set_hold,
    set_rating,
    set_unit_rating,
)
from tdkt.awards.services.imports import ImportRejected, ImportReport, import_history
from tdkt.awards.services.proposals import (
    OTHER_ITEM,
    add_dossier_file,
    appraise_candidate,
    approve_for_decision,
    create_proposal,
    eligible_people,
    eligible_units,
    record_council_result,
    remove_dossier_file,
    return_proposal,
    send_to_council,
    set_candidates,
    submit_proposal,
    update_proposal,
    write_achievements,
)
from tdkt.awards.services.salaries import add_base_salary, withdraw_base_salary

__all__ = [
    "OTHER_ITEM",
    "DecisionRef",
    "ImportRejected",
    "ImportReport",
    "add_base_salary",
    "add_discipline",
    "add_dossier_file",
    "add_initiative",
    "appraise_candidate",
    "approve_for_decision",
    "create_proposal",
    "eligible_people",
    "eligible_units",
    "hold_kinds",
    "import_history",
    "issue_correction",
    "issue_decision",
    "lift_hold",
    "record_council_result",
    "record_past_award",
    "remove_dossier_file",
    "return_proposal",
    "send_to_council",
    "set_candidates",
    "set_hold",
    "set_rating",
    "set_unit_rating",
    "submit_proposal",
    "update_proposal",
    "withdraw_base_salary",
    "write_achievements",
]
