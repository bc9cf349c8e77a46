"""Reads of ballots. Visibility is a named query (:func:`sessions_for_user`); pages, the API, the work queue and
the rules all use it. Nothing here reads a ballot together with a voter: there is no such join to make.

Who sees a session: Phòng TĐKT all of them; the officers and leaders of the managing unit (the block head's unit)
theirs, drafts included; once it is open, everyone of a unit on the roll, each council member on the roll, the
council member following the block that year, and council members every council session.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from tdkt.ballots.enums import RollKind, SessionState
from tdkt.ballots.models import BallotSession, Candidate, RollEntry, Tally, TallyLine
from tdkt.core.enums import Role
from tdkt.core.rules import is_council_member, is_system_admin
from tdkt.org.enums import MembershipRole
from tdkt.org.models import BlockFollowUp, BlockMembership, CouncilMember, EmulationBlock, Unit

HEAD_ROLES = (MembershipRole.HEAD, MembershipRole.DEPUTY)
ACTING_ROLES = (Role.UNIT_OFFICER, Role.UNIT_LEADER)


def _active(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def acts_for_unit(user: Any) -> bool:
    """An emulation officer or leader of a unit: those who cast the unit's vote and manage its sessions."""
    return _active(user) and user.role in ACTING_ROLES and user.unit_id is not None


def sessions_for_user(user: Any) -> QuerySet[BallotSession]:
    sessions = BallotSession.objects.select_related("block", "council", "manager_unit")
    if not _active(user):
        return sessions.none()
    if is_system_admin(user):
        return sessions
    seen = Q(pk__in=[])
    if user.unit_id is not None:
        on_roll = RollEntry.objects.filter(session_id=OuterRef("pk"), unit_id=user.unit_id)
        seen |= Q(Exists(on_roll)) | Q(manager_unit_id=user.unit_id)
    if user.person_id is not None:
        listed = RollEntry.objects.filter(session_id=OuterRef("pk"), person_id=user.person_id)
        follows = BlockFollowUp.objects.filter(
            block_id=OuterRef("block_id"), year=OuterRef("year"), council_member__person_id=user.person_id
        )
        seen |= Q(Exists(listed)) | Q(Exists(follows))
    if is_council_member(user):
        seen |= Q(roll_kind=RollKind.COUNCIL)
    visible = Q(seen) & ~Q(state=SessionState.DRAFT)
    if acts_for_unit(user):
        visible |= Q(manager_unit_id=user.unit_id)
    return sessions.filter(visible)


def manages(user: Any, session: BallotSession) -> bool:
    """Phòng TĐKT, or an officer or leader of the session's managing unit."""
    if is_system_admin(user):
        return True
    return (
        acts_for_unit(user)
        and session.manager_unit_id is not None
        and session.manager_unit_id == user.unit_id
    )


def managed_sessions_filter(user: Any) -> Q | None:
    if not _active(user):
        return None
    if is_system_admin(user):
        return Q(manager_unit__isnull=True)
    if acts_for_unit(user):
        return Q(manager_unit_id=user.unit_id)
    return None


def roll_entry_for(user: Any, session: BallotSession) -> QuerySet[RollEntry]:
    """The roll entry a user votes for: their unit's (officers and leaders) or their own seat (council)."""
    if not _active(user):
        return RollEntry.objects.none()
    if session.roll_kind == RollKind.BLOCK:
        if not acts_for_unit(user):
            return RollEntry.objects.none()
        return RollEntry.objects.filter(session_id=session.pk, unit_id=user.unit_id)
    if user.person_id is None:
        return RollEntry.objects.none()
    return RollEntry.objects.filter(session_id=session.pk, person_id=user.person_id)


def voter_filter(user: Any) -> Q | None:
    """Sessions where the user holds a vote (for the work queue)."""
    if not _active(user):
        return None
    votes = Q(pk__in=[])
    if acts_for_unit(user):
        votes |= Q(roll_kind=RollKind.BLOCK, roll__unit_id=user.unit_id)
    if user.person_id is not None:
        votes |= Q(roll_kind=RollKind.COUNCIL, roll__person_id=user.person_id)
    return votes


def blocks_for_new_session(user: Any) -> QuerySet[EmulationBlock]:
    """Blocks the user may open a ballot for: all active ones for Phòng TĐKT; for the officers and leaders of a
    head or deputy unit, the blocks their unit has headed or deputised (the year is checked on saving)."""
    blocks = EmulationBlock.objects.filter(is_active=True)
    if is_system_admin(user):
        return blocks
    if not acts_for_unit(user):
        return blocks.none()
    headed = BlockMembership.objects.filter(
        block_id=OuterRef("pk"), unit_id=user.unit_id, role__in=HEAD_ROLES
    )
    return blocks.filter(Exists(headed)).order_by("name_sort")


def heads_block(user: Any, block_id: int, year: int) -> bool:
    return (
        acts_for_unit(user)
        and BlockMembership.objects.filter(
            block_id=block_id, year=year, unit_id=user.unit_id, role__in=HEAD_ROLES
        ).exists()
    )


def block_member_units(block: EmulationBlock, year: int) -> QuerySet[Unit]:
    """The block's member units for the year, in Vietnamese order: the roll of a block session, and the default
    candidates until the ranking is passed in."""
    return Unit.objects.filter(memberships__block=block, memberships__year=year).order_by("name_sort")


def council_seats(council: Any) -> QuerySet[CouncilMember]:
    return (
        CouncilMember.objects.filter(council=council).select_related("person").order_by("person__name_sort")
    )


def candidates_of(session: BallotSession) -> QuerySet[Candidate]:
    return Candidate.objects.filter(session_id=session.pk).order_by("order", "pk")


def roll_of(session: BallotSession) -> QuerySet[RollEntry]:
    return RollEntry.objects.filter(session_id=session.pk).order_by("order", "pk")


def turnout(session: BallotSession) -> tuple[int, int]:
    """(voted, on the roll) — participation, never a result."""
    roll = roll_of(session)
    return roll.filter(has_voted=True).count(), roll.count()


def tally_of(session: BallotSession) -> Tally | None:
    """The stored count, only once the session is counted (results never show before)."""
    if session.state != SessionState.COUNTED:
        return None
    return Tally.objects.filter(session_id=session.pk).select_related("counted_by").first()


def tally_lines(tally: Tally) -> QuerySet[TallyLine]:
    return TallyLine.objects.filter(tally=tally).select_related("candidate").order_by("candidate__order")
