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
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, Final

from tdkt.rules.codes import (
    DISCIPLINE_NAMES,
    LEAVE_NAMES,
    RATING_NAMES,
    RATING_RANK,
    SCOPE_RANK,
    Basis,
    Status,
    SubjectKind,
)
from tdkt.rules.history import Discipline, Subject, YearRecord
from tdkt.rules.ruleset import (
    WINDOW_TYPES,
    Award,
    ConditionSpec,
    Route,
    Ruleset,
    condition_placeholders,
    ruleset_for,
    share_text,
)
from tdkt.vn.dates import short_date

ELIGIBLE: Final = Status.ELIGIBLE
NEEDS_REVIEW: Final = Status.NEEDS_REVIEW
NOT_ELIGIBLE: Final = Status.NOT_ELIGIBLE
_RANK: Final = {NOT_ELIGIBLE: 0, NEEDS_REVIEW: 1, ELIGIBLE: 2}

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


def _met_of(status: Status) -> bool | None:
    return True if status is ELIGIBLE else (None if status is NEEDS_REVIEW else False)


def _years(years: Sequence[int]) -> str:
    ordered = sorted(years)
    if len(ordered) > 2 and ordered == list(range(ordered[0], ordered[-1] + 1)):
        return f"{ordered[0]}–{ordered[-1]}"
    return ", ".join(str(y) for y in ordered)


def _rating_name(rating: str | None) -> str:
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


# --------------------------------------------------------------------------------------------------------
# Conditions
# --------------------------------------------------------------------------------------------------------


class Check:
    """A compiled condition: ``test`` answers (met, facts) cheaply; ``reasons`` adds the words."""

    __slots__ = ("award", "basis", "citation", "confidence", "label", "p", "spec")
    informational = False

    def __init__(self, spec: ConditionSpec, award: Award, ruleset: Ruleset) -> None:
        self.spec = spec
        self.award = award
        self.p = spec.params
        self.label = spec.text.format_map(condition_placeholders(spec, award, ruleset.awards))
        self.citation = spec.cited.citation
        self.confidence = spec.cited.confidence
        self.basis = Basis.DATA

    def test(self, ctx: Ctx, st: RouteState) -> tuple[bool | None, Any]:
        raise NotImplementedError

    def met(self, ctx: Ctx, st: RouteState) -> bool | None:
        """Only the answer (the batch path); checks override it when the facts cost something to collect."""
        return self.test(ctx, st)[0]

    def describe(self, ctx: Ctx, met: bool | None, facts: Any) -> str:
        raise NotImplementedError

    def reasons(self, ctx: Ctx, st: RouteState) -> list[Reason]:
        met, facts = self.test(ctx, st)
        detail = self.describe(ctx, met, facts)
        text = f"{self.label} — {detail}" if detail else self.label
        basis = self.basis if met is not None or self.basis != Basis.DATA else Basis.JUDGMENT
        return [Reason(met, text, self.citation, basis, self.confidence)]


class RatingMin(Check):
    __slots__ = ("min_rank",)

    def __init__(self, spec: ConditionSpec, award: Award, ruleset: Ruleset) -> None:
        super().__init__(spec, award, ruleset)
        self.min_rank = RATING_RANK[self.p["rating"]]

    def test(self, ctx: Ctx, st: RouteState) -> tuple[bool | None, Any]:
        rec = ctx.rec
        if rec is None or rec.rating is None:
            return False, rec
        return ctx.rating_rank(rec) >= self.min_rank, rec

    def met(self, ctx: Ctx, st: RouteState) -> bool | None:
        rec = ctx.rec
        return rec is not None and rec.rating is not None and ctx.rating_rank(rec) >= self.min_rank

    def describe(self, ctx: Ctx, met: bool | None, facts: Any) -> str:
        rec: YearRecord | None = facts
        if rec is None:
            return f"năm {ctx.year} không có dữ liệu"
        if rec.rating is None:
            return f"năm {ctx.year} chưa có kết quả xếp loại"
        capped = ctx.capping_leave(rec) if rec.leave and ctx.kind is SubjectKind.INDIVIDUAL else 0
        if capped and RATING_RANK[rec.rating] > RATING_RANK[ctx.rs.rating_cap.cap]:
            return (
                f"năm {ctx.year} xếp loại {_rating_name(rec.rating)} nhưng nghỉ {capped} tháng trong năm nên "
                f"không được xếp trên mức {_rating_name(ctx.rs.rating_cap.cap)} "
                f"({ctx.rs.rating_cap.cited.citation})"
            )
        return f"năm {ctx.year}: {_rating_name(rec.rating)}"


class MonthsMin(Check):
    __slots__ = ()

    def test(self, ctx: Ctx, st: RouteState) -> tuple[bool | None, Any]:
        rec = ctx.rec
        if rec is None:
            return False, None
        return ctx.counted_months(rec) >= self.p["months"], rec

    def met(self, ctx: Ctx, st: RouteState) -> bool | None:
        rec = ctx.rec
        return rec is not None and ctx.counted_months(rec) >= self.p["months"]

    def describe(self, ctx: Ctx, met: bool | None, facts: Any) -> str:
        rec: YearRecord | None = facts
        if rec is None:
            return f"năm {ctx.year} không có dữ liệu"
        counted = ctx.counted_months(rec)
        parts = [f"{rec.months_worked} tháng làm việc"]
        for kind, months in sorted(rec.leave.items()):
            if months and kind in ctx.rs.counted_leave:
                parts.append(
                    f"{months} tháng {LEAVE_NAMES.get(kind, kind)} được tính "
                    f"({ctx.rs.counted_leave[kind].citation})"
                )
        for kind, months in sorted(rec.leave.items()):
            if months and kind not in ctx.rs.counted_leave:
                parts.append(f"{months} tháng {LEAVE_NAMES.get(kind, kind)} không được tính")
        return f"năm {ctx.year}: {counted} tháng được tính ({'; '.join(parts)})"


class Standard(Check):
    """Meets another award's standard (its routes, without the principles): e.g. Art. 23(1)."""

    __slots__ = ("target",)

    def __init__(self, spec: ConditionSpec, award: Award, ruleset: Ruleset) -> None:
        super().__init__(spec, award, ruleset)
        self.target = self.p["award"]

    def test(self, ctx: Ctx, st: RouteState) -> tuple[bool | None, Any]:
        return _met_of(ctx.standard_of(self.target)), None

    def reasons(self, ctx: Ctx, st: RouteState) -> list[Reason]:
        status = ctx.standard_of(self.target)
        met = _met_of(status)
        target = ctx.compiled.awards[self.target]
        word = {True: "đạt", False: "không đạt", None: "cần xem xét"}[met]
        out = [
            Reason(
                met,
                f"{self.label} — {word}",
                self.citation,
                Basis.DATA if met is not None else Basis.JUDGMENT,
                self.confidence,
            )
        ]
        prefix = f"Tiêu chuẩn {target.award.name}: "
        for reason in target.route_reasons(ctx):
            out.append(
                Reason(reason.met, prefix + reason.text, reason.citation, reason.basis, reason.confidence)
            )
        return out


class AnyOf(Check):
    __slots__ = ("options",)

    def __init__(self, spec: ConditionSpec, award: Award, ruleset: Ruleset) -> None:
        super().__init__(spec, award, ruleset)
        self.options = tuple(compile_check(o, award, ruleset) for o in spec.options)

    def test(self, ctx: Ctx, st: RouteState) -> tuple[bool | None, Any]:
        return self.met(ctx, st), None

    def met(self, ctx: Ctx, st: RouteState) -> bool | None:
        result: bool | None = False
        for option in self.options:
            met = option.met(ctx, st)
            if met:
                return True
            if met is None:
                result = None
        return result

    def reasons(self, ctx: Ctx, st: RouteState) -> list[Reason]:
        parts = []
        result: bool | None = False
        for option in self.options:
            met, facts = option.test(ctx, st)
            word = {True: "đạt", False: "không đạt", None: "cần xem xét"}[met]
            parts.append(f"{option.label} ({option.describe(ctx, met, facts)}): {word}")
            if met:
                result = True
            elif met is None and result is False:
                result = None
        basis = Basis.DATA if result is not None else Basis.JUDGMENT
        return [Reason(result, f"{self.label} — {'; '.join(parts)}", self.citation, basis, self.confidence)]


class Initiatives(Check):
    __slots__ = ("count", "kinds", "min_scope", "window")

    def __init__(self, spec: ConditionSpec, award: Award, ruleset: Ruleset) -> None:
        super().__init__(spec, award, ruleset)
        self.min_scope = SCOPE_RANK[self.p["scope"]]
        self.count = self.p["count"]
        self.kinds = self.p["kinds"]
        self.window = self.p["window"]

    def met(self, ctx: Ctx, st: RouteState) -> bool | None:
        if self.window == "year":
            rec = ctx.rec
            if rec is None or not rec.initiatives:
                return False
        return self.test(ctx, st)[0]

    def _span(self, ctx: Ctx, st: RouteState) -> tuple[int, int]:
        if self.window == "run" and st.window is not None:
            return st.window
        return ctx.year, ctx.year

    def test(self, ctx: Ctx, st: RouteState) -> tuple[bool | None, Any]:
        first, last = self._span(ctx, st)
        found = used = 0
        award_id = self.award.id
        for y in range(first, last + 1):
            rec = ctx.recs.get(y)
            if rec is None or not rec.initiatives:
                continue
            for ini in rec.initiatives:
                if ini.kind in self.kinds and SCOPE_RANK.get(ini.scope, 0) >= self.min_scope:
                    if ini.used_for is None or ini.used_for == award_id:
                        found += 1
                    else:
                        used += 1
        return found >= self.count, (found, used, first, last)

    def describe(self, ctx: Ctx, met: bool | None, facts: Any) -> str:
        found, used, first, last = facts
        if first > last:
            return "chưa có năm nào để tính"
        span = f"năm {first}" if first == last else f"các năm {first}–{last}"
        text = f"{found} phù hợp trong {span}"
        if used:
            text += f"; {used} đã dùng làm căn cứ khen thưởng khác nên không tính"
        return text


class TitleChain(Check):
    """``count`` consecutive titles ending in the year considered (every ``step`` years)."""

    __slots__ = ("count", "pending_ok", "step", "title")

    def __init__(self, spec: ConditionSpec, award: Award, ruleset: Ruleset) -> None:
        super().__init__(spec, award, ruleset)
        self.title = self.p["title"]
        self.count = self.p["count"]
        self.step = self.p.get("step", 1)
        target = ruleset.awards[self.title]
        self.pending_ok = target.evaluated

    def test(self, ctx: Ctx, st: RouteState) -> tuple[bool | None, Any]:
        year = ctx.year
        restart = ctx.last_year_of((self.award.id,))
        years: list[int] = []
        pending = partial = False
        broke: tuple[str, int] | None = None
        y = year
        while len(years) < self.count:
            if restart is not None and y <= restart:
                broke = ("restart", restart)
                break
            rec = ctx.recs.get(y)
            if rec is None:
                broke = ("missing", y)
                break
            effect = ctx.effect(y)[0]
            if effect == BLOCKED:
                broke = ("discipline", y)
                break
            if self.title in rec.titles:
                pass
            elif (
                y == year
                and self.pending_ok
                and ctx.kind in ctx.rs.awards[self.title].subjects
                and ctx.status_of(self.title) is not NOT_ELIGIBLE
            ):
                pending = True
            else:
                broke = ("no_title", y)
                break
            partial = partial or effect == PARTIAL
            years.append(y)
            y -= self.step
        first = years[-1] - (self.step - 1) if years else year
        if broke is None and self.step > 1:
            if restart is not None and first <= restart:
                broke = ("restart", restart)
            else:
                for y in range(first, year + 1):
                    effect = ctx.effect(y)[0]
                    if effect == BLOCKED:
                        broke = ("discipline", y)
                        break
                    partial = partial or effect == PARTIAL
        st.window = (first, year)
        if broke is not None:
            return False, (years, pending, partial, broke)
        return (None if pending or partial else True), (years, pending, partial, broke)

    def describe(self, ctx: Ctx, met: bool | None, facts: Any) -> str:
        years, pending, partial, broke = facts
        title = ctx.rs.awards[self.title].name
        parts = []
        decided = [y for y in years if not (pending and y == ctx.year)]
        if decided:
            parts.append(f"đạt {title} các năm {_years(decided)}")
        if pending:
            parts.append(f"năm {ctx.year} đủ điều kiện {title} nhưng chưa có quyết định công nhận")
        if partial:
            parts.append("có năm chỉ tính một phần do thời hạn kỷ luật kết thúc trong năm")
        if broke is not None:
            parts.append(_break_text(ctx, broke, title, self.award.name))
        return "; ".join(parts) if parts else f"không đạt {title} năm {ctx.year}"


def _break_text(ctx: Ctx, broke: tuple[str, int], title: str, award_name: str) -> str:
    why, y = broke
    if why == "missing":
        return f"năm {y} không có dữ liệu (chuỗi bị gián đoạn)"
    if why == "discipline":
        return f"năm {y} chưa được tính thành tích do kỷ luật ({ctx.rs.discipline.citation})"
    if why == "no_title":
        return f"năm {y} không đạt {title} (chuỗi bị gián đoạn)"
    if why == "restart":
        return f"đã được {award_name} năm {y}, chỉ tính các năm sau đó"
    if why == "rating":
        return f"năm {y} xếp loại thấp hơn mức yêu cầu (chuỗi bị gián đoạn)"
    return why


class AfterAward(Check):
    """Having a prior award, then ``years`` or more consecutive years, each rated at least ``rating``."""

    __slots__ = ("min_rank", "prior", "years")

    def __init__(self, spec: ConditionSpec, award: Award, ruleset: Ruleset) -> None:
        super().__init__(spec, award, ruleset)
        self.prior = self.p["prior"]
        self.years = self.p["years"]
        self.min_rank = RATING_RANK[self.p["rating"]]

    def test(self, ctx: Ctx, st: RouteState) -> tuple[bool | None, Any]:
        year = ctx.year
        prior_year = ctx.last_year_of(self.prior)
        if prior_year is None:
            return False, ("no_prior", None, None, None)
        restart = ctx.last_year_of((self.award.id,))
        start = max(prior_year, restart if restart is not None else prior_year) + 1
        st.window = (start, year)
        partial = False
        for y in range(start, year + 1):
            rec = ctx.recs.get(y)
            if rec is None:
                return False, ("missing", y, prior_year, restart)
            effect = ctx.effect(y)[0]
            if effect == BLOCKED:
                return False, ("discipline", y, prior_year, restart)
            if ctx.rating_rank(rec) < self.min_rank:
                return False, ("rating", y, prior_year, restart)
            partial = partial or effect == PARTIAL
        if year - start + 1 < self.years:
            return False, ("short", year - start + 1, prior_year, restart)
        return (None if partial else True), ("ok", year - start + 1, prior_year, restart)

    def describe(self, ctx: Ctx, met: bool | None, facts: Any) -> str:
        why, value, prior_year, restart = facts
        prior_names = " hoặc ".join(ctx.rs.awards[a].name for a in self.prior)
        if why == "no_prior":
            return f"chưa được tặng {prior_names}"
        head = f"được tặng {prior_names} năm {prior_year}"
        if restart is not None and restart >= prior_year:
            head += f"; đã được {self.award.name} năm {restart}, chỉ tính các năm sau đó"
        if why == "missing":
            return f"{head}; năm {value} không có dữ liệu (chuỗi bị gián đoạn)"
        if why == "discipline":
            return f"{head}; năm {value} chưa được tính thành tích do kỷ luật ({ctx.rs.discipline.citation})"
        if why == "rating":
            rec = ctx.recs[value]
            return f"{head}; năm {value} xếp loại {_rating_name(rec.rating)} (chuỗi bị gián đoạn)"
        start = ctx.year - value + 1
        span = f"{start}–{ctx.year}" if value > 1 else str(ctx.year)
        if why == "short":
            return (
                f"{head}; mới có {value} năm liên tục ({span})"
                if value
                else f"{head}; chưa có năm nào sau đó"
            )
        text = f"{head}; {value} năm liên tục {span} đạt yêu cầu"
        if met is None:
            text += "; có năm chỉ tính một phần do thời hạn kỷ luật kết thúc trong năm"
        return text


class RatingRun(Check):
    """``count`` or more consecutive years, ending in the year considered, rated at least ``rating``."""

    __slots__ = ("count", "min_rank")

    def __init__(self, spec: ConditionSpec, award: Award, ruleset: Ruleset) -> None:
        super().__init__(spec, award, ruleset)
        self.count = self.p["count"]
        self.min_rank = RATING_RANK[self.p["rating"]]

    def test(self, ctx: Ctx, st: RouteState) -> tuple[bool | None, Any]:
        year = ctx.year
        restart = ctx.last_year_of((self.award.id,))
        years: list[int] = []
        partial = False
        broke: tuple[str, int] | None = None
        y = year
        while True:
            if restart is not None and y <= restart:
                broke = ("restart", restart)
                break
            rec = ctx.recs.get(y)
            if rec is None:
                broke = ("missing", y)
                break
            effect = ctx.effect(y)[0]
            if effect == BLOCKED:
                broke = ("discipline", y)
                break
            if ctx.rating_rank(rec) < self.min_rank:
                broke = ("rating", y)
                break
            partial = partial or effect == PARTIAL
            years.append(y)
            y -= 1
        st.window = (years[-1], year) if years else (year, year)
        if len(years) < self.count:
            return False, (years, partial, broke)
        return (None if partial else True), (years, partial, broke)

    def describe(self, ctx: Ctx, met: bool | None, facts: Any) -> str:
        years, partial, broke = facts
        rating = _rating_name(self.p["rating"])
        parts = [f"{len(years)} năm liên tục ({_years(years)})"] if years else []
        if partial:
            parts.append("có năm chỉ tính một phần do thời hạn kỷ luật kết thúc trong năm")
        if broke is not None and len(years) < self.count:
            if broke[0] == "rating":
                rec = ctx.recs[broke[1]]
                parts.append(f"năm {broke[1]} xếp loại {_rating_name(rec.rating)}, không đạt mức {rating}")
            else:
                parts.append(_break_text(ctx, broke, rating, self.award.name))
        return "; ".join(parts)


class TitlesInRun(Check):
    __slots__ = ("count", "pending_ok", "title")

    def __init__(self, spec: ConditionSpec, award: Award, ruleset: Ruleset) -> None:
        super().__init__(spec, award, ruleset)
        self.title = self.p["title"]
        self.count = self.p["count"]
        self.pending_ok = ruleset.awards[self.title].evaluated

    def test(self, ctx: Ctx, st: RouteState) -> tuple[bool | None, Any]:
        if st.window is None:
            return False, ([], False, None)
        first, last = st.window
        years = [
            y
            for y in range(first, last + 1)
            if (rec := ctx.recs.get(y)) is not None and self.title in rec.titles
        ]
        # the title of the year considered may be pending: it then counts as a judgment
        pending = (
            len(years) + 1 == self.count
            and first <= ctx.year <= last
            and ctx.year not in years
            and self.pending_ok
            and ctx.kind in ctx.rs.awards[self.title].subjects
            and ctx.status_of(self.title) is not NOT_ELIGIBLE
        )
        if len(years) >= self.count:
            return True, (years, False, st.window)
        return (None if pending else False), (years, pending, st.window)

    def describe(self, ctx: Ctx, met: bool | None, facts: Any) -> str:
        years, pending, window = facts
        title = ctx.rs.awards[self.title].name
        if window is None:
            return "không xác định được khoảng thời gian xét"
        if window[0] > window[1]:
            return "chưa có năm nào để tính"
        text = f"{len(years)} lần ({_years(years)})" if years else "không có lần nào"
        text += (
            f" trong các năm {window[0]}–{window[1]}" if window[0] != window[1] else f" trong năm {window[0]}"
        )
        if pending:
            text += f"; năm {ctx.year} đủ điều kiện {title} nhưng chưa có quyết định công nhận"
        return text


class RatingsInRun(Check):
    __slots__ = ("count", "min_rank")

    def __init__(self, spec: ConditionSpec, award: Award, ruleset: Ruleset) -> None:
        super().__init__(spec, award, ruleset)
        self.count = self.p["count"]
        self.min_rank = RATING_RANK[self.p["rating"]]

    def test(self, ctx: Ctx, st: RouteState) -> tuple[bool | None, Any]:
        if st.window is None:
            return False, ([], None)
        first, last = st.window
        years = [
            y
            for y in range(first, last + 1)
            if (rec := ctx.recs.get(y)) is not None and ctx.rating_rank(rec) >= self.min_rank
        ]
        return len(years) >= self.count, (years, st.window)

    def describe(self, ctx: Ctx, met: bool | None, facts: Any) -> str:
        years, window = facts
        if window is None:
            return "không xác định được khoảng thời gian xét"
        if window[0] > window[1]:
            return "chưa có năm nào để tính"
        span = f"các năm {window[0]}–{window[1]}" if window[0] != window[1] else f"năm {window[0]}"
        return (
            f"{len(years)} năm ({_years(years)}) trong {span}" if years else f"không có năm nào trong {span}"
        )


class _MemberCheck(Check):
    __slots__ = ("field",)

    def __init__(self, spec: ConditionSpec, award: Award, ruleset: Ruleset) -> None:
        super().__init__(spec, award, ruleset)
        self.field = self.p["field"]

    def describe(self, ctx: Ctx, met: bool | None, facts: Any) -> str:
        if facts is None:
            return f"năm {ctx.year} không có số liệu thành viên"
        value, total = facts
        if self.spec.type == "members_share_min":
            return f"năm {ctx.year}: {value}/{total} ({share_text(_fraction(value, total))})"
        return f"năm {ctx.year}: {value} trên tổng số {total} thành viên"


def _fraction(value: int, total: int) -> Any:
    from fractions import Fraction

    return Fraction(value, total) if total else Fraction(0)


class MembersShareMin(_MemberCheck):
    __slots__ = ("den", "num")

    def __init__(self, spec: ConditionSpec, award: Award, ruleset: Ruleset) -> None:
        super().__init__(spec, award, ruleset)
        self.num = self.p["share"].numerator
        self.den = self.p["share"].denominator

    def test(self, ctx: Ctx, st: RouteState) -> tuple[bool | None, Any]:
        rec = ctx.rec
        members = rec.members if rec is not None else None
        if members is None or members.total <= 0:
            return False, None
        value = getattr(members, self.field)
        # exact: value / total ≥ num / den, without floating point (7 of 10 is 70 %)
        return value * self.den >= self.num * members.total, (value, members.total)


class MembersMin(_MemberCheck):
    __slots__ = ()

    def test(self, ctx: Ctx, st: RouteState) -> tuple[bool | None, Any]:
        rec = ctx.rec
        members = rec.members if rec is not None else None
        if members is None:
            return False, None
        value = getattr(members, self.field)
        return value >= self.p["count"], (value, members.total)


class MembersMax(_MemberCheck):
    __slots__ = ()

    def test(self, ctx: Ctx, st: RouteState) -> tuple[bool | None, Any]:
        rec = ctx.rec
        members = rec.members if rec is not None else None
        if members is None:
            return False, None
        value = getattr(members, self.field)
        return value <= self.p["count"], (value, members.total)


class LeadsBlock(Check):
    __slots__ = ()

    def test(self, ctx: Ctx, st: RouteState) -> tuple[bool | None, Any]:
        rec = ctx.rec
        value = rec.leads_block if rec is not None else None
        return value, value

    def describe(self, ctx: Ctx, met: bool | None, facts: Any) -> str:
        if facts is None:
            return f"chưa có kết quả chấm điểm, bình xét của cụm, khối năm {ctx.year}"
        return f"năm {ctx.year}: {'dẫn đầu' if facts else 'không dẫn đầu'}"


class Judgment(Check):
    __slots__ = ()

    def __init__(self, spec: ConditionSpec, award: Award, ruleset: Ruleset) -> None:
        super().__init__(spec, award, ruleset)
        self.basis = Basis.JUDGMENT

    def test(self, ctx: Ctx, st: RouteState) -> tuple[bool | None, Any]:
        return None, None

    def met(self, ctx: Ctx, st: RouteState) -> bool | None:
        return None

    def describe(self, ctx: Ctx, met: bool | None, facts: Any) -> str:
        return "cần Hội đồng, cơ quan thường trực đánh giá"


class Dossier(Check):
    __slots__ = ()
    informational = True

    def __init__(self, spec: ConditionSpec, award: Award, ruleset: Ruleset) -> None:
        super().__init__(spec, award, ruleset)
        self.basis = Basis.DOSSIER

    def test(self, ctx: Ctx, st: RouteState) -> tuple[bool | None, Any]:
        return None, None

    def describe(self, ctx: Ctx, met: bool | None, facts: Any) -> str:
        return "xác nhận qua hồ sơ (biên bản bình xét, báo cáo thành tích)"


_CHECKS: Final[dict[str, type[Check]]] = {
    "rating_min": RatingMin,
    "months_min": MonthsMin,
    "standard": Standard,
    "any": AnyOf,
    "initiatives": Initiatives,
    "title_chain": TitleChain,
    "after_award": AfterAward,
    "rating_run": RatingRun,
    "titles_in_run": TitlesInRun,
    "ratings_in_run": RatingsInRun,
    "members_share_min": MembersShareMin,
    "members_min": MembersMin,
    "members_max": MembersMax,
    "leads_block": LeadsBlock,
    "judgment": Judgment,
    "dossier": Dossier,
}


def compile_check(spec: ConditionSpec, award: Award, ruleset: Ruleset) -> Check:
    return _CHECKS[spec.type](spec, award, ruleset)


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
