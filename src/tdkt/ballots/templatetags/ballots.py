"""Shares in templates: 0.833333 → "83,3333%"."""

from __future__ import annotations

from decimal import Decimal

from django import template

from tdkt.ballots.display import percent

register = template.Library()


@register.filter
def share(value: Decimal | None) -> str:
    return percent(value)
