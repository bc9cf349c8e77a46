"""Template filters of the awards pages: verdict labels, amounts in đồng."""

from __future__ import annotations

from typing import Any

from django import template

from tdkt.awards import catalogue
from tdkt.awards.appraisal import status_label

register = template.Library()


@register.filter
def verdict_label(status: Any) -> str:
    """eligible → "Đủ điều kiện"."""
    return status_label(str(status)) if status else ""


@register.filter
def met_mark(met: bool | None) -> str:
    """✓ for a condition met, ✗ for one not met, ? for one a person must judge."""
    return "✓" if met is True else ("✗" if met is False else "?")


@register.filter
def dong(amount: int | None) -> str:
    """2530000 → "2.530.000" (Vietnamese thousands separator)."""
    if amount is None:
        return ""
    return f"{amount:,}".replace(",", ".")


@register.filter
def award_name(code: str) -> str:
    return catalogue.award_name(code)


@register.filter
def get_item(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get(key) if mapping else None
