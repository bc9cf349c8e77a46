"""Permission predicates of scoring rounds and sheets (django-rules).

As in the other apps, two kinds: the *scope* (who acts on this object at all: ``manage_round``,
``score_sheet``), which the services check first and refuse with 403, and the *transition* (scope ∧ phase:
``open_cross_scoring`` = manages the round ∧ self scoring is open), which the pages and the API use to offer only
what can be done now. The services check the phase themselves and refuse with a Vietnamese reason (422).

"May score" = the user acts for the sheet's scorer (its unit's emulation officer or leader, or the council
member on the panel) ∧ the sheet is a draft ∧ its phase is open — and a unit never has a cross-scoring sheet
on itself (the sheets are made from the structure, and the database refuses one).

Block head means the user's unit is head or deputy of the round's block in the round's year (the deputy stands
in for the head), as for pledges.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import rules

from tdkt.ballots.queries import heads_block
from tdkt.core.rules import has_unit, is_council_member, is_system_admin, is_unit_leader, is_unit_officer
from tdkt.org.models import BlockMembership
from tdkt.scoring.enums import RoundState, SheetKind, SheetStatus
from tdkt.scoring.models import ScoreSheet, ScoringRound
from tdkt.scoring.queries import HEAD_ROLES

acts_for_unit = is_unit_officer | is_unit_leader


def round_of(obj: Any) -> ScoringRound | None:
    if isinstance(obj, ScoringRound):
        return obj
    found = getattr(obj, "round", None)
    return found if isinstance(found, ScoringRound) else None


def _memo(obj: Any, name: str, user: Any, compute: Callable[[], bool]) -> bool:
    """Remember a predicate's answer on the instance for this user (a page asks several permissions about one
    round; views and services fetch a fresh instance per request and per call)."""
    memo: dict[tuple[Any, ...], bool] = obj.__dict__.setdefault("_rules_memo", {})
    key = (name, getattr(user, "pk", None), getattr(user, "unit_id", None), getattr(user, "role", None))
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def _memberships(user: Any, scoring_round: ScoringRound) -> Any:
    return BlockMembership.objects.filter(
        block_id=scoring_round.pledge.block_id, year=scoring_round.pledge.year, unit_id=user.unit_id
    )


@rules.predicate
def heads_round_block(user: Any, obj: Any) -> bool:
    """The user's unit is head or deputy of the round's block in the round's year."""
    scoring_round = round_of(obj)
    if scoring_round is None or getattr(user, "unit_id", None) is None:
        return False
    return _memo(
        scoring_round,
        "heads",
        user,
        lambda: _memberships(user, scoring_round).filter(role__in=HEAD_ROLES).exists(),
    )


@rules.predicate
def is_round_member(user: Any, obj: Any) -> bool:
    """The user's unit is a member (head, deputy or member) of the round's block that year."""
    scoring_round = round_of(obj)
    if scoring_round is None or getattr(user, "unit_id", None) is None:
        return False
    return _memo(scoring_round, "member", user, lambda: _memberships(user, scoring_round).exists())


def _state(*states: str) -> Any:
    @rules.predicate
    def in_state(user: Any, obj: Any) -> bool:
        scoring_round = round_of(obj)
        return scoring_round is not None and scoring_round.state in states

    return in_state


round_is_draft = _state(RoundState.DRAFT)
round_in_self_scoring = _state(RoundState.SELF_SCORING)
round_in_cross_scoring = _state(RoundState.CROSS_SCORING)
round_is_closed = _state(RoundState.CLOSED)
round_not_closed = _state(RoundState.DRAFT, RoundState.SELF_SCORING, RoundState.CROSS_SCORING)
head_sees_sheets = _state(RoundState.CROSS_SCORING, RoundState.CLOSED)


@rules.predicate
def is_sheet_scorer(user: Any, sheet: Any) -> bool:
    """The user acts for the sheet's scorer: an officer or leader of the scoring unit, or the council member
    on the panel."""
    if not isinstance(sheet, ScoreSheet):
        return False
    if sheet.scorer_unit_id is not None:
        return acts_for_unit(user) and sheet.scorer_unit_id == getattr(user, "unit_id", None)
    return is_council_member(user) and sheet.scorer_person_id == getattr(user, "person_id", None)


@rules.predicate
def sheet_is_draft(user: Any, sheet: Any) -> bool:
    return isinstance(sheet, ScoreSheet) and sheet.status == SheetStatus.DRAFT


@rules.predicate
def sheet_phase_is_open(user: Any, sheet: Any) -> bool:
    """Self sheets are written while self scoring is open; cross-scoring sheets while cross scoring is."""
    if not isinstance(sheet, ScoreSheet):
        return False
    wanted = RoundState.SELF_SCORING if sheet.kind == SheetKind.SELF else RoundState.CROSS_SCORING
    return sheet.round.state == wanted


@rules.predicate
def is_self_sheet(user: Any, sheet: Any) -> bool:
    return isinstance(sheet, ScoreSheet) and sheet.kind == SheetKind.SELF


manages = is_system_admin | (acts_for_unit & heads_round_block)


@rules.predicate
def manages_block_ballots(user: Any, obj: Any) -> bool:
    """The user may draw up ballots of the round's block that year (the ballots' own rule: Phòng TĐKT, or an
    officer or leader of the head or deputy unit)."""
    scoring_round = round_of(obj)
    if scoring_round is None or not user.has_perm("ballots.add_session"):
        return False
    return is_system_admin(user) or heads_block(
        user, scoring_round.pledge.block_id, scoring_round.pledge.year
    )


rules.add_perm("scoring.view_round", is_system_admin | is_council_member | (has_unit & is_round_member))
# Creating a round is checked on an unsaved round carrying its pledge.
rules.add_perm("scoring.add_round", manages)
rules.add_perm("scoring.manage_round", manages)
rules.add_perm("scoring.change_round", manages & round_is_draft)
rules.add_perm("scoring.set_deadlines", manages & round_not_closed)
rules.add_perm("scoring.open_self_scoring", manages & round_is_draft)
rules.add_perm("scoring.open_cross_scoring", manages & round_in_self_scoring)
rules.add_perm("scoring.close_round", manages & round_in_cross_scoring)
rules.add_perm("scoring.reconcile", manages & round_in_cross_scoring)
# Every submitted sheet, the flags and the provisional results: Phòng TĐKT at any time; the block head once its
# own unit's self score is locked.
rules.add_perm("scoring.oversee_round", is_system_admin | (manages & head_sees_sheets))
rules.add_perm(
    "scoring.view_ranking",
    round_is_closed & (is_system_admin | is_council_member | (has_unit & is_round_member)),
)
rules.add_perm("scoring.view_all_results", round_is_closed & (is_system_admin | is_council_member | manages))
# A ballot whose candidates are the ranking: the scope, then the scope once the round is closed (pages, API).
rules.add_perm("scoring.ballot_from_ranking", manages_block_ballots)
rules.add_perm("scoring.start_ballot", manages_block_ballots & round_is_closed)
rules.add_perm("scoring.score_sheet", is_sheet_scorer)
rules.add_perm("scoring.change_sheet", is_sheet_scorer & sheet_is_draft & sheet_phase_is_open)
rules.add_perm("scoring.add_evidence", is_sheet_scorer & is_self_sheet & sheet_is_draft & sheet_phase_is_open)
