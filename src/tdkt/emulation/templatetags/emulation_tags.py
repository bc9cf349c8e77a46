"""Template filters of the emulation pages: points the Vietnamese way, title names from their codes."""

from __future__ import annotations

from decimal import Decimal

from django import template

from tdkt.emulation.enums import title_label
from tdkt.emulation.scoring import format_points

register = template.Library()


@register.filter
def points(value: Decimal | str | int | None) -> str:
    """10.00 → "10", 2.50 → "2,5"."""
    return format_points(value)


@register.filter
def title_name(code: str) -> str:
    """lao_dong_tien_tien → "Lao động tiên tiến"."""
    return title_label(code)
