"""Who scores whom in cross scoring, with conflicts of interest taken from the organisation's structure.

Pure Python (no Django). A scorer never scores its own unit, nor a unit above or below it in the unit tree (a
unit and the body it belongs to are one interest): the pairs are derived from the units' parents, not declared
by anyone. Scorers are units (every member scores every other member, or the head and deputy of the panel) or
a council member, who is tied to the unit that manages them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Scorer:
    """``key`` identifies the scorer in stored inputs (``u<unit id>`` or ``p<person id>``); ``unit_id`` is the
    unit whose interest the scorer shares (the unit itself, or a council member's unit)."""

    key: str
    unit_id: int | None


def lineage(unit_id: int, parents: Mapping[int, int | None]) -> list[int]:
    """The unit and its ancestors, nearest first (a cycle in bad data stops the walk)."""
    chain: list[int] = []
    current: int | None = unit_id
    while current is not None and current not in chain:
        chain.append(current)
        current = parents.get(current)
    return chain


def related(a: int | None, b: int | None, parents: Mapping[int, int | None]) -> bool:
    """The two units are the same, or one belongs (directly or further up) to the other."""
    if a is None or b is None:
        return False
    return a in lineage(b, parents) or b in lineage(a, parents)


def assignments(
    scorers: Sequence[Scorer], targets: Sequence[int], parents: Mapping[int, int | None]
) -> list[tuple[Scorer, int]]:
    """Every (scorer, target) pair without a structural conflict, in the order given."""
    return [
        (scorer, target)
        for scorer in scorers
        for target in targets
        if not related(scorer.unit_id, target, parents)
    ]
