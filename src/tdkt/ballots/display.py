"""How a rule and a share read in Vietnamese (pages, API, minutes)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.utils.translation import gettext as _

from tdkt.ballots.enums import Comparison, ThresholdBase


def percent(share: Decimal | None) -> str:
    """A vote's share: 0.8 → "80%", 0.777778 → "77,7778%"."""
    if share is None:
        return ""
    text = f"{(share * 100).normalize():f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",") + "%"


def rule_share(share: Decimal | None) -> str:
    """A rule's share: a fraction held to six places reads as itself (0.666666 → "2/3"), others as percent."""
    if share is None:
        return ""
    simple = Fraction(share).limit_denominator(12)
    if simple != share and abs(simple - Fraction(share)) <= Fraction(1, 1_000_000):
        return f"{simple.numerator}/{simple.denominator}"
    return percent(share)


def rule_text(obj: Any) -> str:
    """The rule of a session (or of a stored tally) in one sentence."""
    base = (
        _("tổng số người có quyền bỏ phiếu")
        if obj.threshold_base == ThresholdBase.ROLL
        else _("số người tham gia bỏ phiếu")
    )
    if obj.threshold_comparison == Comparison.GE:
        text = _("Đạt khi số phiếu đồng ý từ %(share)s trở lên %(base)s") % {
            "share": rule_share(obj.threshold),
            "base": base,
        }
    else:
        text = _("Đạt khi số phiếu đồng ý trên %(share)s %(base)s") % {
            "share": rule_share(obj.threshold),
            "base": base,
        }
    if obj.quorum:
        text += _("; cần ít nhất %(share)s số người có quyền bỏ phiếu tham gia") % {
            "share": rule_share(obj.quorum)
        }
    text += _("; mỗi phiếu chọn tối đa %(k)s.") % {"k": obj.max_choices}
    return text
