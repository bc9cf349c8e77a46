"""Vietnamese formatting in templates, from :mod:`tdkt.vn`."""

from __future__ import annotations

import datetime

from django import template
from django.utils import timezone

from tdkt import vn

register = template.Library()


def _day(value: datetime.date | datetime.datetime) -> datetime.date:
    """The calendar day of a date, or of a moment in the province's time zone (a moment is stored in UTC: 03:00
    on 17/06 in Hà Nội is 20:00 on 16/06 in UTC)."""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


@register.filter
def in_words(value: datetime.date | datetime.datetime | None) -> str:
    """17/06/2020 → "ngày 17 tháng 6 năm 2020"."""
    return vn.date_in_words(_day(value)) if value else ""


@register.filter
def dmy(value: datetime.date | datetime.datetime | None) -> str:
    """17/06/2020 (dates in tables)."""
    return vn.short_date(_day(value)) if value else ""
