"""How a rule and a share read in Vietnamese (pages, API, minutes)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from tdkt.ballots.enums import Comparison, ThresholdBase


def percent(share: Decimal | None) -> str:
    """0.8 → "80%", 0.666666 → "66,6666%", 0.714286 → "71,4286%"."""
    if share is None:
        return ""
    value = (share * 100).normalize()
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",") + "%"


def rule_text(obj: Any) -> str:
    """The rule of a session (or of a stored tally) in one sentence."""
    base = (
        _("tổng số người có quyền bỏ phiếu")
        if obj.threshold_base == ThresholdBase.ROLL
        else _("số người tham gia bỏ phiếu")
    )
    if obj.threshold_comparison == Comparison.GE:
        text = _("Đạt khi số phiếu đồng ý từ %(share)s trở lên %(base)s") % {
            "share": percent(obj.threshold),
            "base": base,
        }
    else:
        text = _("Đạt khi số phiếu đồng ý trên %(share)s %(base)s") % {
            "share": percent(obj.threshold),
            "base": base,
        }
    if obj.quorum:
        text += _("; cần ít nhất %(share)s số người có quyền bỏ phiếu tham gia") % {
            "share": percent(obj.quorum)
        }
    text += _("; mỗi phiếu chọn tối đa %(k)s.") % {"k": obj.max_choices}
    return text
