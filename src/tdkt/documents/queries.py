"""Reads of the documents app. The documents themselves are read through the apps' own ``*_for_user`` queries
(a download shows what the page shows); jobs are their requester's."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from tdkt.documents.models import DocumentJob
from tdkt.meetings.enums import MinutesState
from tdkt.meetings.models import Meeting


def jobs_for_user(user: Any) -> QuerySet[DocumentJob]:
    """A user's own jobs (others get 404)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return DocumentJob.objects.none()
    return DocumentJob.objects.filter(requested_by=user)


def minutes_visible(user: Any, meeting: Meeting) -> bool:
    """The minutes page's rule: a draft only for those who write the minutes, otherwise for whoever sees the
    meeting (the meeting itself was fetched through ``meetings_for_user``)."""
    minutes = meeting.current_minutes
    if minutes is None:
        return False
    return minutes.state != MinutesState.DRAFT or bool(user.has_perm("meetings.write_minutes", meeting))
