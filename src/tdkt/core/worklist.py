"""Each user's pending work, gathered from the apps that know about it.

An app registers a provider (``user -> items``) in its ``worklist`` module; the home page shows the union,
earliest deadline first. Providers must cost a bounded number of queries whatever the data size.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class WorkItem:
    title: str
    url: str
    detail: str = ""
    due: datetime.date | None = None
    count: int | None = None
    category: str = ""


Provider = Callable[[Any], Iterable[WorkItem]]
_providers: list[Provider] = []


def register(provider: Provider) -> Provider:
    if provider not in _providers:
        _providers.append(provider)
    return provider


def pending_work(user: Any) -> list[WorkItem]:
    if not getattr(user, "is_authenticated", False):
        return []
    items = [item for provider in _providers for item in provider(user)]
    return sorted(items, key=lambda item: (item.due or datetime.date.max, item.category, item.title))
