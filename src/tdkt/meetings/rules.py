"""Permission predicates for meetings (django-rules).

Two kinds of permissions. *Role* permissions say who acts on a meeting at all — services check them first and
refuse with 403: ``manage_meeting`` (the organiser: officers and leaders of the block's head or deputy unit for
the meeting's year — Quy chế hoạt động của Khối: the head unit convenes and chairs the block's conferences — or
Phòng TĐKT), ``write_minutes`` (the organiser or the meeting's secretary), ``manage_photos`` (the organiser or the
host unit's officers and leaders, whose office writes up the news). *Phase-aware* permissions add the state the
meeting or its minutes must be in; pages and the API use them to offer only what can be done now. Services
check the phase themselves and refuse with a Vietnamese reason (422), so a user learns why, not just "no".

The objects given to the predicates are a meeting or one of its parts (minutes, attendee, agenda item, photo).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import rules

from tdkt.core.rules import is_system_admin, is_unit_leader, is_unit_officer
from tdkt.meetings.enums import MeetingState, MinutesState
from tdkt.meetings.models import Meeting
from tdkt.meetings.queries import blocks_for_new_meeting, heads_block, meetings_for_user


def meeting_of(obj: Any) -> Meeting | None:
    if obj is None:
        return None
    if isinstance(obj, Meeting):
        return obj
    meeting = getattr(obj, "meeting", None)
    return meeting if isinstance(meeting, Meeting) else None


def _memo(meeting: Meeting, name: str, user: Any, compute: Callable[[], bool]) -> bool:
    """Remember a predicate's answer on the meeting instance for this user: a page asks a dozen permissions about
    one meeting, and each would otherwise repeat the same query. Views and services fetch a fresh instance per
    request and per call, so an answer never outlives the request that computed it."""
    memo: dict[tuple[Any, ...], bool] = meeting.__dict__.setdefault("_rules_memo", {})
    key = (name, getattr(user, "pk", None), getattr(user, "unit_id", None), getattr(user, "role", None))
    if key not in memo:
        memo[key] = compute()
    return memo[key]


@rules.predicate
def sees_meeting(user: Any, obj: Any) -> bool:
    """The meeting is in the user's visible set (:func:`tdkt.meetings.queries.meetings_for_user`)."""
    meeting = meeting_of(obj)
    if meeting is None or meeting.pk is None:
        return False
    return _memo(meeting, "sees", user, lambda: meetings_for_user(user).filter(pk=meeting.pk).exists())


@rules.predicate
def heads_meetings_block(user: Any, obj: Any) -> bool:
    """The user's unit is head or deputy of the meeting's block in the meeting's year (officers and leaders)."""
    meeting = meeting_of(obj)
    if meeting is None:
        return False
    return _memo(meeting, "heads", user, lambda: heads_block(user, meeting.block_id, meeting.year))


@rules.predicate
def heads_some_block(user: Any) -> bool:
    """The user may schedule meetings for at least one block (used to offer the "new meeting" button)."""
    return blocks_for_new_meeting(user).exists()


@rules.predicate
def is_secretary(user: Any, obj: Any) -> bool:
    meeting = meeting_of(obj)
    person_id = getattr(user, "person_id", None)
    return meeting is not None and person_id is not None and meeting.secretary_id == person_id


@rules.predicate
def is_host_staff(user: Any, obj: Any) -> bool:
    """An officer or leader of the unit that hosts the meeting."""
    meeting = meeting_of(obj)
    unit_id = getattr(user, "unit_id", None)
    return meeting is not None and unit_id is not None and meeting.host_unit_id == unit_id


@rules.predicate
def meeting_is_held(user: Any, obj: Any) -> bool:
    meeting = meeting_of(obj)
    return meeting is not None and meeting.state == MeetingState.HELD


@rules.predicate
def meeting_is_planned(user: Any, obj: Any) -> bool:
    meeting = meeting_of(obj)
    return meeting is not None and meeting.state == MeetingState.PLANNED


@rules.predicate
def record_is_open(user: Any, obj: Any) -> bool:
    """The minutes are not locked: locked minutes freeze the meeting's record for everyone."""
    meeting = meeting_of(obj)
    return meeting is not None and not meeting.is_locked


@rules.predicate
def minutes_are_draft(user: Any, obj: Any) -> bool:
    """No minutes yet, or minutes still in draft."""
    meeting = meeting_of(obj)
    if meeting is None:
        return False
    minutes = meeting.current_minutes
    return minutes is None or minutes.state == MinutesState.DRAFT


@rules.predicate
def minutes_written(user: Any, obj: Any) -> bool:
    meeting = meeting_of(obj)
    return meeting is not None and meeting.current_minutes is not None


@rules.predicate
def minutes_are_approved(user: Any, obj: Any) -> bool:
    meeting = meeting_of(obj)
    minutes = meeting.current_minutes if meeting is not None else None
    return minutes is not None and minutes.state == MinutesState.APPROVED


officer_or_leader = is_unit_officer | is_unit_leader

# Phòng TĐKT organises council sessions and may step in for any block; a block's meetings are organised by its
# head (or deputy) unit for the meeting's year.
organises = is_system_admin | (officer_or_leader & heads_meetings_block)
may_view = is_system_admin | sees_meeting

rules.add_perm("meetings.view_meeting", may_view)
rules.add_perm("meetings.add_meeting", is_system_admin | (officer_or_leader & heads_some_block))
rules.add_perm("meetings.manage_meeting", organises)
rules.add_perm("meetings.write_minutes", organises | is_secretary)
rules.add_perm("meetings.manage_photos", organises | (officer_or_leader & is_host_staff))

# Phase-aware: what can be done now.
rules.add_perm("meetings.change_meeting", organises & record_is_open)
rules.add_perm("meetings.hold_meeting", organises & meeting_is_planned)
rules.add_perm("meetings.send_invitations", organises & meeting_is_planned)
rules.add_perm("meetings.record_attendance", organises & meeting_is_held & record_is_open)
rules.add_perm("meetings.change_minutes", (organises | is_secretary) & meeting_is_held & minutes_are_draft)
rules.add_perm("meetings.approve_minutes", organises & minutes_written & minutes_are_draft)
rules.add_perm("meetings.reopen_minutes", organises & minutes_are_approved)
rules.add_perm("meetings.lock_minutes", organises & minutes_are_approved)
rules.add_perm("meetings.add_photo", (organises | (officer_or_leader & is_host_staff)) & meeting_is_held)
rules.add_perm("meetings.change_photo", organises | (officer_or_leader & is_host_staff))
