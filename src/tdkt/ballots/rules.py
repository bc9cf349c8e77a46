"""Permission predicates for ballots (django-rules).

Scope permissions say who acts on a session at all (services check them first, 403): ``manage_session`` —
Phòng TĐKT or an officer or leader of the managing unit (the block head's unit; Phòng TĐKT for council
sessions); ``vote`` — the user holds a vote on the roll (their unit's, as its officer or leader, or their own
council seat). Phase-aware permissions add the state; pages and the API use them to offer only what works now,
and the services refuse the wrong phase themselves with a Vietnamese reason (422).
"""

from __future__ import annotations

from typing import Any

import rules

from tdkt.ballots.enums import SessionState, VotingMode
from tdkt.ballots.models import BallotSession
from tdkt.ballots.queries import (
    acts_for_unit,
    blocks_for_new_session,
    manages,
    roll_entry_for,
    sessions_for_user,
)
from tdkt.core.rules import is_system_admin


def _session(obj: Any) -> BallotSession | None:
    return obj if isinstance(obj, BallotSession) else None


@rules.predicate
def sees_session(user: Any, obj: Any) -> bool:
    session = _session(obj)
    return session is not None and sessions_for_user(user).filter(pk=session.pk).exists()


@rules.predicate
def manages_session(user: Any, obj: Any) -> bool:
    session = _session(obj)
    return session is not None and manages(user, session)


@rules.predicate
def may_start_sessions(user: Any) -> bool:
    return acts_for_unit(user) and blocks_for_new_session(user).exists()


@rules.predicate
def on_roll(user: Any, obj: Any) -> bool:
    session = _session(obj)
    return session is not None and roll_entry_for(user, session).exists()


@rules.predicate
def not_voted_yet(user: Any, obj: Any) -> bool:
    session = _session(obj)
    return session is not None and roll_entry_for(user, session).filter(has_voted=False).exists()


def _state(name: str, state: str) -> Any:
    @rules.predicate(name=name)
    def check(user: Any, obj: Any) -> bool:
        session = _session(obj)
        return session is not None and session.state == state

    return check


is_draft = _state("is_draft", SessionState.DRAFT)
is_open = _state("is_open", SessionState.OPEN)
is_closed = _state("is_closed", SessionState.CLOSED)
is_counted = _state("is_counted", SessionState.COUNTED)


@rules.predicate
def is_electronic(user: Any, obj: Any) -> bool:
    session = _session(obj)
    return session is not None and session.mode == VotingMode.ELECTRONIC


rules.add_perm("ballots.view_session", is_system_admin | sees_session)
rules.add_perm("ballots.add_session", is_system_admin | may_start_sessions)
rules.add_perm("ballots.manage_session", manages_session)
rules.add_perm("ballots.vote", on_roll)

rules.add_perm("ballots.change_session", manages_session & is_draft)
rules.add_perm("ballots.open_session", manages_session & is_draft)
rules.add_perm("ballots.close_session", manages_session & is_open)
rules.add_perm("ballots.count_session", manages_session & is_closed & is_electronic)
rules.add_perm("ballots.enter_paper_counts", manages_session & is_closed & ~is_electronic)
rules.add_perm("ballots.cast_ballot", on_roll & is_open & is_electronic & not_voted_yet)
rules.add_perm("ballots.view_results", (is_system_admin | sees_session) & is_counted)
