"""Per-subject context: the records by year, the principles worked out once, caches of other awards."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from tdkt.rules.codes import (
    RATING_NAMES,
    RATING_RANK,
    Basis,
    Status,
    SubjectKind,
)
from tdkt.rules.history import Discipline, Subject, YearRecord

if TYPE_CHECKING:
    from tdkt.rules.evaluator import Compiled

ELIGIBLE: Final = Status.ELIGIBLE
NEEDS_REVIEW: Final = Status.NEEDS_REVIEW
NOT_ELIGIBLE: Final = Status.NOT_ELIGIBLE

# How discipline bears on a year (worst over the subject's disciplines).
CLEAR, PARTIAL, BLOCKED = 0, 1, 2


@dataclass(frozen=True, slots=True)
class Reason:
    """One line of a verdict: ``met`` True/False (computed) or None (judgment or dossier, see ``basis``)."""

    met: bool | None
    text: str
    citation: str
    basis: str = Basis.DATA
    confidence: str = "V"


def met_of(status: Status) -> bool | None:
    return True if status is ELIGIBLE else (None if status is NEEDS_REVIEW else False)


def years_text(years: Sequence[int]) -> str:
    ordered = sorted(years)
    if len(ordered) > 2 and ordered == list(range(ordered[0], ordered[-1] + 1)):
        return f"{ordered[0]}–{ordered[-1]}"
    return ", ".join(str(y) for y in ordered)


def rating_name(rating: str | None) -> str:
    return RATING_NAMES[rating].lower() if rating else "chưa xếp loại"


# --------------------------------------------------------------------------------------------------------
# Per-subject context
# --------------------------------------------------------------------------------------------------------


class RouteState:
    """What a route's conditions share: the run of years a window condition found."""

    __slots__ = ("window",)

    def __init__(self) -> None:
        self.window: tuple[int, int] | None = None


class Ctx:
    """One subject evaluated for one year: its records by year and caches of the awards worked out."""

    __slots__ = (
        "as_of",
        "compiled",
        "disciplines",
        "gate",
        "kind",
        "latest",
        "rec",
        "recs",
        "rs",
        "statuses",
        "subject",
        "titles",
        "year",
    )

    def __init__(self, compiled: Compiled, subject: Subject, year: int, as_of: datetime.date) -> None:
        self.compiled = compiled
        self.rs = compiled.ruleset
        self.subject = subject
        self.kind = subject.kind
        self.year = year
        self.as_of = as_of
        self.recs = {r.year: r for r in subject.history if r.year <= year}
        self.disciplines = (
            tuple(d for d in subject.disciplines if d.start <= as_of) if subject.disciplines else ()
        )
        self.statuses: dict[str, Status] = {}
        self.latest: dict[str, int] | None = None  # award → latest year received, built on first use
        # the principles, the same for every award: the year's record, its titles, hold and discipline
        self.rec = self.recs.get(year)
        self.titles = self.rec.titles if self.rec is not None else frozenset()
        self.gate = BLOCKED if subject.holds else (self.effect(year)[0] if self.disciplines else CLEAR)

    # facts about a year ------------------------------------------------------------------------------
    def rating_rank(self, rec: YearRecord) -> int:
        """The rating's rank, capped when the year's leave caps it (Nghị định 90/2020, Điều 2)."""
        rating = rec.rating
        if rating is None:
            return 0
        rank = RATING_RANK[rating]
        if rec.leave and self.kind is SubjectKind.INDIVIDUAL:
            cap = self.rs.rating_cap
            months = sum(m for k, m in rec.leave.items() if k in cap.leave_kinds)
            cap_rank = RATING_RANK[cap.cap]
            if cap.from_months <= months < cap.below_months and rank > cap_rank:
                return cap_rank
        return rank

    def capping_leave(self, rec: YearRecord) -> int:
        cap = self.rs.rating_cap
        months = sum(m for k, m in rec.leave.items() if k in cap.leave_kinds)
        return months if cap.from_months <= months < cap.below_months else 0

    def counted_months(self, rec: YearRecord) -> int:
        counted = rec.months_worked
        if rec.leave:
            counted += sum(m for k, m in rec.leave.items() if k in self.rs.counted_leave)
        return min(counted, 12)

    def effect(self, year: int) -> tuple[int, Discipline | None, int]:
        """How discipline bears on ``year``: (CLEAR/PARTIAL/BLOCKED, the discipline, months after its end)."""
        if not self.disciplines:
            return CLEAR, None, 0
        worst: tuple[int, Discipline | None, int] = (CLEAR, None, 0)
        min_months = self.rs.discipline_partial_year_min_months
        for d in self.disciplines:
            end = d.end
            if end is None or end >= self.as_of or year < end.year:
                found = (BLOCKED, d, 0)
            elif year == end.year:
                after = 12 - end.month
                found = (PARTIAL, d, after) if after >= min_months else (BLOCKED, d, after)
            else:
                continue
            if found[0] > worst[0]:
                worst = found
        return worst

    def last_year_of(self, award_ids: Iterable[str]) -> int | None:
        """The latest year (up to the year considered) in which any of the awards was received."""
        latest = self.latest
        if latest is None:
            latest = {}
            for y, rec in self.recs.items():
                for code in rec.titles:
                    if latest.get(code, 0) < y:
                        latest[code] = y
                for code in rec.awards:
                    if latest.get(code, 0) < y:
                        latest[code] = y
            self.latest = latest
        best: int | None = None
        for award_id in award_ids:
            found = latest.get(award_id)
            if found is not None and (best is None or found > best):
                best = found
        return best

    # other awards of the same year -----------------------------------------------------------------------
    def status_of(self, award_id: str) -> Status:
        """The full verdict status of another award for the year considered (cached)."""
        status = self.statuses.get(award_id)
        if status is None:
            status = self.compiled.awards[award_id].status(self)
            self.statuses[award_id] = status
        return status

    def standard_of(self, award_id: str) -> Status:
        """Whether the award's own conditions hold, without the principles (hold, discipline, duplicate)."""
        key = "standard:" + award_id
        status = self.statuses.get(key)
        if status is None:
            status = self.compiled.awards[award_id].routes_status(self)
            self.statuses[key] = status
        return status
