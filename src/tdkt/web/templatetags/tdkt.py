"""Vietnamese formatting in templates, from :mod:`tdkt.vn`."""

from __future__ import annotations

import datetime

from django import template

from tdkt import vn

register = template.Library()


@register.filter
def in_words(value: datetime.date | None) -> str:
    """17/06/2020 → "ngày 17 tháng 6 năm 2020"."""
    return vn.date_in_words(value) if value else ""


@register.filter
def dmy(value: datetime.date | datetime.datetime | None) -> str:
    """17/06/2020 (dates in tables)."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = value.date()
    return vn.short_date(value)
