"""Writes of movements, pledges and registrations: one function per transition.

Each function checks, in this order, the actor's permission (PermissionDenied), the object's phase and the input
(ValidationError, with a Vietnamese message saying what is wrong), writes in one transaction, appends the audit
entry and tells the people who must act next. Nothing is written when a check fails.

The demo loader calls these with :data:`tdkt.core.actors.SYSTEM`; only that actor may pass ``at=`` to record a
transition at a past moment (a 2020 pledge signed in the first quarter of 2020).
"""

from tdkt.core.uploads import DOCUMENT_SIGNATURES, document_max_mb
from tdkt.emulation.services.movements import (
    add_movement_document,
    create_movement,
    remove_movement_document,
    update_movement,
)
from tdkt.emulation.services.pledges import (
    copy_pledge_from,
    create_pledge,
    default_pledge_title,
    lock_pledge,
    open_for_signing,
    reopen_pledge,
    set_scoring_table,
    sign_pledge,
    update_pledge,
)
from tdkt.emulation.services.registrations import (
    approve_registration,
    create_registration,
    return_registration,
    set_registration_period,
    submit_registration,
    update_registration,
)

__all__ = [
    "DOCUMENT_SIGNATURES",
    "add_movement_document",
    "approve_registration",
    "copy_pledge_from",
    "create_movement",
    "create_pledge",
    "create_registration",
    "default_pledge_title",
    "document_max_mb",
    "lock_pledge",
    "open_for_signing",
    "remove_movement_document",
    "reopen_pledge",
    "return_registration",
    "set_registration_period",
    "set_scoring_table",
    "sign_pledge",
    "submit_registration",
    "update_movement",
    "update_pledge",
    "update_registration",
]
