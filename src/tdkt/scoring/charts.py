"""Charts of a scoring round as standalone SVG, drawn on the server (pure Python, no Django, no JavaScript).

Horizontal bars with the label on its own line above each bar, so that long Vietnamese unit and criterion names
stay readable on a 375 px phone. The markup uses presentation attributes only (no ``style``, no classes that
need the page's stylesheet, no external font), so the same string works inline in a page under a strict CSP, as
an ``image/svg+xml`` download, and later inside Word or PDF documents.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from html import escape

WIDTH = 360
PAD = 6
TITLE_HEIGHT = 32
ROW_HEIGHT = 46
BAR_HEIGHT = 15
VALUE_WIDTH = 76
LABEL_SIZE = 14
#: About how many characters of the label font fit in one line of the chart.
LABEL_CHARS = int((WIDTH - 2 * PAD) / (LABEL_SIZE * 0.55))
FONT = "Noto Sans, Liberation Sans, DejaVu Sans, Arial, sans-serif"
INK, MUTED, TRACK, BAR, HIGHLIGHT, EDGE = "#1d1b20", "#5f5a66", "#f0ecf2", "#b3261e", "#ffd54a", "#8c1d18"


@dataclass(frozen=True)
class Bar:
    """One bar: ``maximum`` is its own scale (a group's maximum points); None uses the chart's scale."""

    label: str
    value: Decimal
    maximum: Decimal | None = None
    highlight: bool = False


def points_text(value: Decimal) -> str:
    """45.50 → "45,5" (Vietnamese decimal comma, no trailing zeros)."""
    text = f"{value.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def _fit(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"


def _fraction(value: Decimal, maximum: Decimal) -> Decimal:
    if maximum <= 0:
        return Decimal(0)
    return min(max(value / maximum, Decimal(0)), Decimal(1))


def bar_chart(
    bars: Sequence[Bar], *, title: str, ident: str, scale: Decimal | None = None, description: str = ""
) -> str:
    """An SVG bar chart. ``ident`` makes the ids inside unique when several charts share a page; ``scale`` is the
    full length of a bar without its own maximum (default: the largest value)."""
    track_width = WIDTH - 2 * PAD - VALUE_WIDTH
    default_scale = scale if scale is not None else max((bar.value for bar in bars), default=Decimal(0))
    height = TITLE_HEIGHT + ROW_HEIGHT * max(len(bars), 1) + PAD
    ident = escape(ident, quote=True)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="{ident}-title{" " + ident + "-desc" if description else ""}" '
        f'font-family="{FONT}" font-size="{LABEL_SIZE}" class="chart">',
        f'<title id="{ident}-title">{escape(title)}</title>',
    ]
    if description:
        parts.append(f'<desc id="{ident}-desc">{escape(description)}</desc>')
    parts.append(f'<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="#ffffff"/>')
    parts.append(
        f'<text x="{PAD}" y="{PAD + 14}" font-size="16" font-weight="700" fill="{INK}">{escape(_fit(title))}</text>'
    )
    if not bars:
        parts.append(f'<text x="{PAD}" y="{TITLE_HEIGHT + 18}" fill="{MUTED}">—</text>')
    for index, bar in enumerate(bars):
        top = TITLE_HEIGHT + index * ROW_HEIGHT
        maximum = bar.maximum if bar.maximum is not None else default_scale
        length = (_fraction(bar.value, maximum) * track_width).quantize(Decimal("0.1"))
        value = points_text(bar.value)
        if bar.maximum is not None:
            value += "/" + points_text(bar.maximum)
        weight = ' font-weight="700"' if bar.highlight else ""
        parts.append(f'<text x="{PAD}" y="{top + 15}" fill="{INK}"{weight}>{escape(_fit(bar.label))}</text>')
        parts.append(
            f'<rect x="{PAD}" y="{top + 22}" width="{track_width}" height="{BAR_HEIGHT}" rx="3" fill="{TRACK}"/>'
        )
        if length > 0:
            fill, stroke = (HIGHLIGHT, f' stroke="{EDGE}"') if bar.highlight else (BAR, "")
            parts.append(
                f'<rect x="{PAD}" y="{top + 22}" width="{length}" height="{BAR_HEIGHT}" rx="3" fill="{fill}"{stroke}/>'
            )
        parts.append(
            f'<text x="{WIDTH - PAD}" y="{top + 35}" text-anchor="end" fill="{INK}"{weight}>{escape(value)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
