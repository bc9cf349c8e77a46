"""The conditions a ruleset can name, compiled: ``test`` answers with the facts, ``met`` answers only."""

from __future__ import annotations

from abc import ABC, abstractmethod
from fractions import Fraction
from typing import Any, Final

from tdkt.rules.codes import (
    LEAVE_NAMES,
    RATING_RANK,
    SCOPE_RANK,
    Basis,
    SubjectKind,
)
from tdkt.rules.evaluator.context import (
    BLOCKED,
    NOT_ELIGIBLE,
    PARTIAL,
    Ctx,
    Reason,
    RouteState,
    met_of,
    rating_name,
    years_text,
)
from tdkt.rules.history import YearRecord
from tdkt.rules.ruleset import (
    Award,
    ConditionSpec,
    Ruleset,
    condition_placeholders,
    share_text,
)


class Check(ABC):
    """A compiled condition: ``test`` answers (met, facts) cheaply; ``reasons`` adds the words. Each condition
    type of the rulesets is a subclass giving ``test`` (and ``describe`` or its own ``reasons``)."""

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

    @abstractmethod
    def test(self, ctx: Ctx, st: RouteState) -> tuple[bool | None, Any]:
        """Whether the condition holds (None: a judgment remains) and the facts behind the answer."""

    def met(self, ctx: Ctx, st: RouteState) -> bool | None:
        """Only the answer (the batch path); checks override it when the facts cost something to collect."""
        return self.test(ctx, st)[0]

    def describe(self, ctx: Ctx, met: bool | None, facts: Any) -> str:
        """The facts in words, after the condition's label (none by default; checks that override ``reasons``
        say them there)."""
        return ""

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
                f"năm {ctx.year} xếp loại {rating_name(rec.rating)} nhưng nghỉ {capped} tháng trong năm nên "
                f"không được xếp trên mức {rating_name(ctx.rs.rating_cap.cap)} "
                f"({ctx.rs.rating_cap.cited.citation})"
            )
        return f"năm {ctx.year}: {rating_name(rec.rating)}"


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
        return met_of(ctx.standard_of(self.target)), None

    def reasons(self, ctx: Ctx, st: RouteState) -> list[Reason]:
        status = ctx.standard_of(self.target)
        met = met_of(status)
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
                    if ini.used_for is None or (
                        ini.used_for == award_id and ini.used_year in (None, ctx.year)
                    ):
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

    def _pending(self, ctx: Ctx) -> bool:
        """The title of the year considered is not decided yet, but its own conditions do not fail."""
        return (
            self.pending_ok
            and ctx.kind in ctx.rs.awards[self.title].subjects
            and ctx.status_of(self.title) is not NOT_ELIGIBLE
        )

    def test(self, ctx: Ctx, st: RouteState) -> tuple[bool | None, Any]:
        year = ctx.year
        rec = ctx.rec
        if rec is None or (self.title not in rec.titles and not self._pending(ctx)):
            # most subjects stop here: no title in the year considered, and none to come
            st.window = (year, year)
            return False, ([], False, False, ("missing" if rec is None else "no_title", year))
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
            elif y == year and self._pending(ctx):
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
            parts.append(f"đạt {title} các năm {years_text(decided)}")
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
            return f"{head}; năm {value} xếp loại {rating_name(rec.rating)} (chuỗi bị gián đoạn)"
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
        rating = rating_name(self.p["rating"])
        parts = [f"{len(years)} năm liên tục ({years_text(years)})"] if years else []
        if partial:
            parts.append("có năm chỉ tính một phần do thời hạn kỷ luật kết thúc trong năm")
        if broke is not None and len(years) < self.count:
            if broke[0] == "rating":
                rec = ctx.recs[broke[1]]
                parts.append(f"năm {broke[1]} xếp loại {rating_name(rec.rating)}, không đạt mức {rating}")
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
        text = f"{len(years)} lần ({years_text(years)})" if years else "không có lần nào"
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
            f"{len(years)} năm ({years_text(years)}) trong {span}"
            if years
            else f"không có năm nào trong {span}"
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


def _fraction(value: int, total: int) -> Fraction:
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
