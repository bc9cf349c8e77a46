"""The evaluator: a subject's history + the year considered + the evaluation date → a verdict per award.

For each title or form the ruleset evaluates for the subject's kind, the verdict is

* ``eligible`` — some route (clause of the article) holds on the data alone;
* ``needs_review`` — no route fails on the data, but a judgment remains ("outstanding among the candidates",
  whether the collective leads its block, a lower title of the same year not yet decided…);
* ``not_eligible`` — every route fails on some computed condition, or a principle bars the year (hold,
  discipline, the same title already given for the year);

with reasons, each ``{met, text, citation}`` (see :class:`tdkt.rules.codes.Basis`).

Principles applied to every award, from the ruleset's top tables:

* hold — not considered while held (Nghị định 98/2023 and 152/2025, Điều 4(4));
* discipline — achievements count from the end of the disciplinary period (same clause): a year before the
  end never counts; the year in which it ends is a judgment if enough whole months follow, else it does not
  count; a period not ended by the evaluation date bars every year up to it;
* maternity (and the other leave kinds the ruleset lists) count as work (Điều 4(5));
* the same title is not given twice for the same year (Luật 06/2022/QH15, Điều 5(2)).

Chains ("n consecutive titles", "n years after a prior award") walk back from the year considered: a missing
year, a year without the title or rating, or a year barred by discipline breaks them, and counting restarts
after the previous award of the award considered. Only the year considered may rely on a title not yet
decided: that makes the chain a judgment, never ``eligible``.

Two entry points: :func:`evaluate` explains one subject; :func:`evaluate_many` gives statuses only, for a
unit, a block or a province (the same code path, without building the texts).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Final

from tdkt.rules.codes import DISCIPLINE_NAMES, Basis, Status, SubjectKind
from tdkt.rules.evaluator.checks import compile_check
from tdkt.rules.evaluator.context import (
    BLOCKED,
    ELIGIBLE,
    NEEDS_REVIEW,
    NOT_ELIGIBLE,
    PARTIAL,
    Ctx,
    Reason,
    RouteState,
)
from tdkt.rules.history import Discipline, Subject
from tdkt.rules.ruleset import WINDOW_TYPES, Award, Route, Ruleset, ruleset_for
from tdkt.vn.dates import short_date


@dataclass(frozen=True, slots=True)
class Verdict:
    award: str
    status: Status
    reasons: tuple[Reason, ...]


@dataclass(frozen=True, slots=True)
class SubjectVerdicts:
    id: str
    ruleset: str
    verdicts: tuple[Verdict, ...]

    def status(self, award: str) -> Status:
        for verdict in self.verdicts:
            if verdict.award == award:
                return verdict.status
        raise KeyError(award)

    def verdict(self, award: str) -> Verdict:
        for verdict in self.verdicts:
            if verdict.award == award:
                return verdict
        raise KeyError(award)


# --------------------------------------------------------------------------------------------------------
# Awards and routes
# --------------------------------------------------------------------------------------------------------


_NO_WINDOW: Final = RouteState()  # shared by routes whose conditions never set or read a window


class CompiledRoute:
    __slots__ = ("checks", "route", "tests", "windowed")

    def __init__(self, route: Route, award: Award, ruleset: Ruleset) -> None:
        self.route = route
        self.checks = tuple(compile_check(c, award, ruleset) for c in route.conditions)
        self.tests = tuple(c for c in self.checks if not c.informational)
        self.windowed = any(c.type in WINDOW_TYPES for c in route.conditions)

    def status(self, ctx: Ctx) -> Status:
        st = RouteState() if self.windowed else _NO_WINDOW
        judgment = False
        for check in self.tests:
            met = check.met(ctx, st)
            if met is False:
                return NOT_ELIGIBLE
            if met is None:
                judgment = True
        return NEEDS_REVIEW if judgment else ELIGIBLE

    def reasons(self, ctx: Ctx) -> tuple[Status, list[Reason]]:
        st = RouteState()
        out: list[Reason] = []
        status = ELIGIBLE
        for check in self.checks:
            reasons = check.reasons(ctx, st)
            out.extend(reasons)
            if check.informational:
                continue
            met = reasons[0].met
            if met is False:
                status = NOT_ELIGIBLE
            elif met is None and status is ELIGIBLE:
                status = NEEDS_REVIEW
        return status, out


class CompiledAward:
    __slots__ = ("award", "id", "is_title", "other_routes", "routes")

    def __init__(self, award: Award, ruleset: Ruleset) -> None:
        self.award = award
        self.id = award.id
        self.is_title = award.kind == "title"
        self.routes = {
            kind: tuple(CompiledRoute(r, award, ruleset) for r in award.routes_for(kind) if r.evaluated)
            for kind in award.subjects
        }
        self.other_routes = {
            kind: tuple(r for r in award.routes_for(kind) if not r.evaluated) for kind in award.subjects
        }

    # statuses -----------------------------------------------------------------------------------------------
    def routes_status(self, ctx: Ctx) -> Status:
        routes = self.routes[ctx.kind]
        if len(routes) == 1:
            return routes[0].status(ctx)
        best = NOT_ELIGIBLE
        for route in routes:
            status = route.status(ctx)
            if status is ELIGIBLE:
                return ELIGIBLE
            if status is NEEDS_REVIEW:
                best = NEEDS_REVIEW
        return best

    def status(self, ctx: Ctx) -> Status:
        gate = ctx.gate  # hold or discipline (BLOCKED), discipline ending in the year (PARTIAL)
        if gate == BLOCKED or (self.is_title and self.id in ctx.titles):
            return NOT_ELIGIBLE
        status = self.routes_status(ctx)
        if gate == PARTIAL and status is ELIGIBLE:
            return NEEDS_REVIEW
        return status

    # explanations -------------------------------------------------------------------------------------------
    def route_reasons(self, ctx: Ctx) -> list[Reason]:
        routes = self.routes[ctx.kind]
        out: list[Reason] = []
        for route in routes:
            _, reasons = route.reasons(ctx)
            if len(routes) > 1:
                prefix = f"{route.route.label}: "
                reasons = [Reason(r.met, prefix + r.text, r.citation, r.basis, r.confidence) for r in reasons]
            out.extend(reasons)
        for other in self.other_routes[ctx.kind]:
            out.append(
                Reason(
                    None,
                    f"Trường hợp khác, xét theo hồ sơ thành tích (không tính tự động): {other.label}",
                    other.cited.citation,
                    Basis.DOSSIER,
                    other.cited.confidence,
                )
            )
        return out

    def verdict(self, ctx: Ctx) -> Verdict:
        rs = ctx.rs
        reasons: list[Reason] = []
        holds = ctx.subject.holds
        if holds:
            names = ", ".join(rs.hold_kinds.get(h, h) for h in holds)
            reasons.append(
                Reason(False, f"{rs.hold_label} — {names}", rs.hold.citation, Basis.DATA, rs.hold.confidence)
            )
        else:
            reasons.append(
                Reason(True, f"{rs.hold_label} — không có", rs.hold.citation, Basis.DATA, rs.hold.confidence)
            )
        if self.is_title:
            rec = ctx.recs.get(ctx.year)
            already = rec is not None and self.id in rec.titles
            reasons.append(
                Reason(
                    not already,
                    f"{rs.duplicate_label} — "
                    + (
                        f"năm {ctx.year} đã được công nhận"
                        if already
                        else f"năm {ctx.year} chưa được công nhận"
                    ),
                    rs.duplicate.citation,
                    Basis.DATA,
                    rs.duplicate.confidence,
                )
            )
        effect, discipline, months = ctx.effect(ctx.year)
        reasons.append(_discipline_reason(ctx, effect, discipline, months))
        reasons.extend(self.route_reasons(ctx))
        vote = self.award.vote
        if vote is not None:  # the council's vote comes after eligibility; its result goes in the dossier
            reasons.append(
                Reason(None, vote.label, vote.cited.citation, Basis.DOSSIER, vote.cited.confidence)
            )
        return Verdict(self.id, ctx.status_of(self.id), tuple(reasons))


def _discipline_reason(ctx: Ctx, effect: int, d: Discipline | None, months: int) -> Reason:
    rs = ctx.rs
    label, citation, confidence = rs.discipline_label, rs.discipline.citation, rs.discipline.confidence
    if d is None:
        text = (
            "không có kỷ luật"
            if not ctx.disciplines
            else f"các thời hạn kỷ luật đã kết thúc trước năm {ctx.year}"
        )
        return Reason(True, f"{label} — {text}", citation, Basis.DATA, confidence)
    level = DISCIPLINE_NAMES.get(d.level, d.level)
    period = f"kỷ luật {level} từ {short_date(d.start)}" + (
        f" đến {short_date(d.end)}" if d.end is not None and d.end < ctx.as_of else " (chưa hết thời hạn)"
    )
    if effect == BLOCKED:
        return Reason(
            False,
            f"{label} — {period}: thành tích năm {ctx.year} không được tính",
            citation,
            Basis.DATA,
            confidence,
        )
    return Reason(
        None,
        f"{label} — {period}: năm {ctx.year} chỉ tính {months} tháng thành tích sau khi hết thời hạn, cần xem xét",
        citation,
        Basis.JUDGMENT,
        confidence,
    )


class Compiled:
    """A ruleset turned into checks, once per process."""

    def __init__(self, ruleset: Ruleset) -> None:
        self.ruleset = ruleset
        self.awards = {a: CompiledAward(ruleset.awards[a], ruleset) for a in ruleset.order}
        self.by_kind = {kind.value: ruleset.evaluated_awards(kind.value) for kind in SubjectKind}


@cache
def compiled(ruleset: Ruleset) -> Compiled:
    return Compiled(ruleset)


# --------------------------------------------------------------------------------------------------------
# Entry points
# --------------------------------------------------------------------------------------------------------


def _awards_for(c: Compiled, kind: str, awards: Iterable[str] | None) -> tuple[str, ...]:
    order = c.by_kind[kind]
    if awards is None:
        return order
    wanted = set(awards)
    unknown = wanted - set(c.awards)
    if unknown:
        raise KeyError(f"Bộ quy tắc {c.ruleset.id} không đánh giá: {', '.join(sorted(unknown))}")
    return tuple(a for a in order if a in wanted)


def evaluate(
    subject: Subject,
    year: int,
    as_of: datetime.date,
    *,
    ruleset: Ruleset | None = None,
    awards: Iterable[str] | None = None,
) -> SubjectVerdicts:
    """Verdicts with reasons for one subject, under the ruleset in force on ``as_of`` (or the one given).

    Records after ``year`` and disciplines decided after ``as_of`` are ignored.
    """
    rs = ruleset or ruleset_for(as_of)
    c = compiled(rs)
    ctx = Ctx(c, subject, year, as_of)
    verdicts = tuple(c.awards[a].verdict(ctx) for a in _awards_for(c, subject.kind, awards))
    return SubjectVerdicts(subject.id, rs.id, verdicts)


def evaluate_many(
    subjects: Iterable[Subject],
    year: int,
    as_of: datetime.date,
    *,
    ruleset: Ruleset | None = None,
    awards: Iterable[str] | None = None,
) -> Iterator[tuple[str, dict[str, Status]]]:
    """Statuses (no reasons) for many subjects — a unit, a block, a province — one ruleset for all.

    Yields ``(subject id, {award: status})`` lazily, in the order given, so a caller can stream rows from the
    database in and results out. The statuses are those :func:`evaluate` gives.
    """
    rs = ruleset or ruleset_for(as_of)
    c = compiled(rs)
    wanted = None if awards is None else frozenset(awards)
    per_kind = {kind: _awards_for(c, kind, wanted) for kind in c.by_kind}
    compiled_awards = c.awards
    for subject in subjects:
        ctx = Ctx(c, subject, year, as_of)
        statuses = ctx.statuses
        out = {}
        for award_id in per_kind[subject.kind]:
            status = statuses.get(award_id)
            if status is None:
                status = compiled_awards[award_id].status(ctx)
                statuses[award_id] = status
            out[award_id] = status
        yield subject.id, out


__all__ = ["Compiled", "Ctx", "Reason", "SubjectVerdicts", "Verdict", "compiled", "evaluate", "evaluate_many"]
