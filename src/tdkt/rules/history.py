"""What the evaluator is given: a subject's history as plain, typed facts.

A caller (the JSON command, or the awards app reading its tables) builds one :class:`Subject` per person,
collective or household. Everything is a fact with its year or its dates; nothing is a precomputed flag
("eligible", "in a chain") — the evaluator derives those from the facts and the ruleset in force.

Records are ``slots`` dataclasses: a province's batch builds millions of them, and they are cheap to create.
They are treated as immutable by the evaluator.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field

from tdkt.rules.codes import SubjectKind

EMPTY: frozenset[str] = frozenset()


@dataclass(slots=True)
class Initiative:
    """An initiative (or scientific work, or combat ingenuity) recognised at a scope, in a record's year.

    ``used_for``: the award code it already served as the basis of, if any, and ``used_year`` the year (last year
    of the period) of that award — an initiative is used once (Công văn 5007/BNV-TĐKT năm 2023, mục III.5.c): it
    counts again only for that same award and year (looking back at the award it was used for), never for
    another award or another year of the same award. ``used_year`` None: any year of ``used_for``.
    ``ref``: the recognising decision, for display.
    """

    scope: str
    kind: str = "initiative"
    used_for: str | None = None
    ref: str = ""
    used_year: int | None = None


@dataclass(slots=True)
class Members:
    """A collective's members in a year, as counted by the unit (Luật 06/2022/QH15, Điều 27–28)."""

    total: int
    rated_htnv_or_better: int
    lao_dong_tien_tien: int
    chien_si_thi_dua_co_so: int
    disciplined_warning_or_above: int


@dataclass(slots=True)
class YearRecord:
    """One year of a subject's history.

    * ``rating`` — the year's rating (None: not rated);
    * ``months_worked`` — months actually at work, leave excluded; ``leave`` — months of leave by kind
      (``{"maternity": 6}``); which kinds count as work is the ruleset's business;
    * ``titles`` / ``awards`` — emulation titles / commendation forms received for that year;
    * ``initiatives`` — recognised in that year;
    * collectives: ``members`` and ``leads_block`` (True/False once the block has ranked and voted, None if
      not known).
    """

    year: int
    rating: str | None = None
    months_worked: int = 12
    leave: Mapping[str, int] = field(default_factory=dict)
    titles: frozenset[str] = EMPTY
    awards: frozenset[str] = EMPTY
    initiatives: tuple[Initiative, ...] = ()
    members: Members | None = None
    leads_block: bool | None = None


@dataclass(slots=True)
class Discipline:
    """A disciplinary measure and its period; ``end`` None = not ended (or not known)."""

    level: str
    start: datetime.date
    end: datetime.date | None = None


@dataclass(slots=True)
class Subject:
    """A person, collective or household with its history.

    ``holds``: the reasons it is held on the evaluation date (under investigation, under disciplinary
    review…, codes from the ruleset's ``[hold]`` table) — the caller decides which holds are active then.
    """

    id: str
    kind: SubjectKind
    history: tuple[YearRecord, ...]
    disciplines: tuple[Discipline, ...] = ()
    holds: tuple[str, ...] = ()
    gender: str | None = None
