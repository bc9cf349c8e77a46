"""Reads of the documents app. The documents themselves are read through the apps' own ``*_for_user`` queries
(a download shows what the page shows); jobs are their requester's."""

from __future__ import annotations

import re
from typing import Any

from django.db.models import QuerySet

from tdkt.awards.models import AwardRecord
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


#: What :func:`tdkt.documents.services.certificate_codes` makes: 22 URL-safe characters.
CODE = re.compile(r"[A-Za-z0-9_-]{22}")


def verified_record(code: str) -> AwardRecord | None:
    """The award a certificate's code stands for, for the public verification page: only an entry of a decision
    issued here and not cancelled by a correction. Anything else — a malformed, forged or unknown code, a
    cancelled entry — is None, and the page says nothing more than "not found"."""
    if not CODE.fullmatch(code):
        return None
    return (
        AwardRecord.objects.select_related("decision")
        .filter(certificate_code__code=code, decision__external=False, cancellation__isnull=True)
        .first()
    )
