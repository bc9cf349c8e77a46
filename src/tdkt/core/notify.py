"""Notices in the app and by e-mail. Services call :func:`notify` as their last step ("check, save, audit,
notify"); e-mail leaves only after the transaction commits, so a rolled-back action sends nothing."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import timezone

from tdkt.core.models import Notice


def notify(recipients: Iterable[Any], *, title: str, url: str = "", body: str = "") -> list[Notice]:
    """Create one notice per distinct recipient and queue the e-mails for after commit."""
    unique = {user.pk: user for user in recipients if user is not None and getattr(user, "pk", None)}
    notices = Notice.objects.bulk_create(
        [Notice(recipient=user, title=title[:255], body=body, url=url) for user in unique.values()]
    )
    messages = [
        (title, f"{body}\n\n{url}".strip(), settings.DEFAULT_FROM_EMAIL, [user.email])
        for user in unique.values()
        if user.email
    ]
    if messages:
        transaction.on_commit(lambda: send_mass_mail(messages, fail_silently=True))
    return notices


def unread_count(user: Any) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notice.objects.filter(recipient=user, read_at__isnull=True).count()


def notices_for_user(user: Any) -> Any:
    return Notice.objects.filter(recipient=user)


@transaction.atomic
def mark_read(user: Any, notice_ids: Iterable[int] | None = None) -> int:
    """Mark the user's notices read (all of them when no ids are given). Only one's own notices."""
    notices = Notice.objects.filter(recipient=user, read_at__isnull=True)
    if notice_ids is not None:
        notices = notices.filter(pk__in=list(notice_ids))
    return notices.update(read_at=timezone.now())
