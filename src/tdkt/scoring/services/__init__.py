"""Writes of scoring rounds and sheets: one function per transition.

Each function checks, in this order, the actor's permission (PermissionDenied), the round's phase and the input
(ValidationError, with a Vietnamese message saying what is wrong), writes in one transaction under the round's
row lock, appends the audit entry and tells the people who must act next. Nothing is written when a check fails.

The demo loader calls these with :data:`tdkt.core.actors.SYSTEM`; only that actor may pass ``at=`` to record a
step at a past moment (the 2025 year-end round).
"""

from tdkt.scoring.services.ballots import ballot_from_ranking
from tdkt.scoring.services.rounds import (
    close_scoring,
    create_round,
    open_cross_scoring,
    open_self_scoring,
    reconcile,
    set_deadlines,
    update_round,
)
from tdkt.scoring.services.sheets import (
    add_evidence_file,
    add_evidence_link,
    remove_evidence,
    save_sheet,
    submit_sheet,
)

__all__ = [
    "add_evidence_file",
    "add_evidence_link",
    "ballot_from_ranking",
    "close_scoring",
    "create_round",
    "open_cross_scoring",
    "open_self_scoring",
    "reconcile",
    "remove_evidence",
    "save_sheet",
    "set_deadlines",
    "submit_sheet",
    "update_round",
]
