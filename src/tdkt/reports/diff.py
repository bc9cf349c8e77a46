"""Word-level comparison of two texts (difflib), for comparing versions of the block's report.

Pure Python: the segments carry plain text; :func:`segments_html` escapes every piece before wrapping the changes
in ``<del>``/``<ins>``, so a text that contains markup is shown, never run.
"""

from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass
from typing import Literal

Op = Literal["equal", "delete", "insert"]

_TOKEN = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class Segment:
    op: Op
    text: str


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def diff_segments(old: str, new: str) -> list[Segment]:
    """The changes from ``old`` to ``new`` as runs of equal, deleted and inserted text (words and spaces)."""
    a, b = _tokens(old), _tokens(new)
    segments: list[Segment] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            segments.append(Segment("equal", "".join(a[i1:i2])))
            continue
        if tag in ("delete", "replace"):
            segments.append(Segment("delete", "".join(a[i1:i2])))
        if tag in ("insert", "replace"):
            segments.append(Segment("insert", "".join(b[j1:j2])))
    return segments


def _escaped(text: str) -> str:
    return html.escape(text).replace("\n", "<br>\n")


def segments_html(segments: list[Segment]) -> str:
    """HTML of the segments: everything escaped, deletions in ``<del>``, insertions in ``<ins>``."""
    parts = []
    for segment in segments:
        if segment.op == "delete":
            parts.append(f"<del>{_escaped(segment.text)}</del>")
        elif segment.op == "insert":
            parts.append(f"<ins>{_escaped(segment.text)}</ins>")
        else:
            parts.append(_escaped(segment.text))
    return "".join(parts)
