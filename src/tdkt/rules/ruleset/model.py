"""The ruleset model: frozen dataclasses for the law as data, and the words a condition's text may use."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final

from tdkt.rules.codes import (
    MEMBER_FIELDS,
    RATING_NAMES,
    SCOPE_NAMES,
    SUBJECT_KIND_NAMES,
)
from tdkt.vn.dates import short_date

SCHEMA_VERSION: Final = 1


class RulesetError(ValueError):
    """A ruleset file (or a set of them) that must not be used: the message names the file and the item."""


class NoRulesetInForce(LookupError):
    """No ruleset covers the date asked for."""


# --------------------------------------------------------------------------------------------------------
# The model
# --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cited:
    """Where an item is written and how sure the research is."""

    citation: str
    confidence: str
    note: str = ""
    source: str = ""


@dataclass(frozen=True)
class Principle:
    id: str
    label: str
    cited: Cited


@dataclass(frozen=True)
class BaseSalary:
    """Mức lương cơ sở from ``effective_from`` (until the next row)."""

    effective_from: datetime.date
    amount: int
    cited: Cited


@dataclass(frozen=True)
class BonusRow:
    """A coefficient × base salary for one kind of subject (and, where the law distinguishes it, an issuer)."""

    subject: str
    coefficient: Decimal
    issuer: str | None
    cited: Cited


@dataclass(frozen=True)
class VoteRule:
    """Approval needed at the council: ``share`` of *all* members (absentees give written opinions)."""

    share: Fraction
    label: str
    cited: Cited

    def passes(self, approvals: int, members: int) -> bool:
        """True when ``approvals`` reach the share of ``members`` (exactly: 9 of 10 is 90 %)."""
        if members <= 0 or approvals < 0 or approvals > members:
            raise ValueError("số phiếu đồng ý phải từ 0 đến tổng số thành viên Hội đồng (lớn hơn 0)")
        return approvals * self.share.denominator >= self.share.numerator * members


@dataclass(frozen=True)
class Note:
    """A labelled item with its citation (who decides, the dossier, a rule of the bonus scheme)."""

    label: str
    cited: Cited
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class ConditionSpec:
    """One condition of a route, as written in the file: ``type`` picks the check, ``params`` feed it."""

    type: str
    params: Mapping[str, Any]
    text: str
    cited: Cited
    options: tuple[ConditionSpec, ...] = ()


@dataclass(frozen=True)
class Route:
    """One way of qualifying (a clause or point of the article): all its conditions must hold."""

    id: str
    label: str
    subjects: frozenset[str]
    evaluated: bool
    conditions: tuple[ConditionSpec, ...]
    cited: Cited


@dataclass(frozen=True)
class Award:
    """A title (danh hiệu thi đua) or form (hình thức khen thưởng)."""

    id: str
    name: str
    kind: str  # "title" | "form"
    subjects: frozenset[str]
    period_years: int | None
    evaluated: bool
    cited: Cited
    routes: tuple[Route, ...] = ()
    bonus: tuple[BonusRow, ...] = ()
    vote: VoteRule | None = None
    decided_by: Note | None = None
    dossier: Note | None = None
    quota: str = ""

    def routes_for(self, subject_kind: str) -> tuple[Route, ...]:
        return tuple(r for r in self.routes if subject_kind in r.subjects)


@dataclass(frozen=True)
class RatingCap:
    """Leave of ``from_months`` to under ``below_months`` (of the listed kinds) caps the rating at ``cap``."""

    leave_kinds: frozenset[str]
    from_months: int
    below_months: int
    cap: str
    cited: Cited


@dataclass(frozen=True, eq=False)
class Ruleset:
    id: str
    name: str
    effective_from: datetime.date
    effective_to: datetime.date | None
    cited: Cited
    notes: tuple[str, ...]
    principles: tuple[Principle, ...]
    hold_label: str
    hold_kinds: Mapping[str, str]
    hold: Cited
    discipline_label: str
    discipline_partial_year_min_months: int
    discipline: Cited
    duplicate_label: str
    duplicate: Cited
    rating_cap: RatingCap
    counted_leave: Mapping[str, Cited]
    bonus_rules: Mapping[str, Note]
    rounding_step: int
    base_salaries: tuple[BaseSalary, ...]
    awards: Mapping[str, Award]
    # evaluated awards, each after the awards its conditions refer to
    order: tuple[str, ...] = field(default=())
    path: str = ""

    def in_force_on(self, day: datetime.date) -> bool:
        return self.effective_from <= day and (self.effective_to is None or day <= self.effective_to)

    def award(self, award_id: str) -> Award:
        try:
            return self.awards[award_id]
        except KeyError:
            raise KeyError(f"Bộ quy tắc {self.id} không có danh hiệu, hình thức '{award_id}'") from None

    def evaluated_awards(self, subject_kind: str) -> tuple[str, ...]:
        """Codes the evaluator gives a verdict on for this kind of subject, in dependency order."""
        return tuple(a for a in self.order if subject_kind in self.awards[a].subjects)

    def base_salary_on(self, day: datetime.date, extra: Iterable[BaseSalary] = ()) -> BaseSalary:
        """The base salary in force on ``day``: the latest row starting on or before it.

        ``extra`` rows (added by an administrator after this file was written) join the file's rows; on the
        same start date an extra row wins, as a correction of the file.
        """
        best: BaseSalary | None = None
        for row in (*self.base_salaries, *extra):
            if row.effective_from <= day and (best is None or row.effective_from >= best.effective_from):
                best = row
        if best is None:
            raise NoRulesetInForce(f"Không có mức lương cơ sở nào có hiệu lực ngày {short_date(day)}")
        return best

    def bonus_row(self, award_id: str, subject_kind: str, issuer: str | None = None) -> BonusRow:
        """The coefficient row for the award, subject kind and issuer.

        A row naming the issuer wins; otherwise the row without an issuer applies — unless the award names
        this issuer for some other kind of subject, in which case the law distinguishes issuers for this
        award and the missing row is an error rather than a silent default.
        """
        award = self.award(award_id)
        rows = [r for r in award.bonus if r.subject == subject_kind]
        if issuer is not None:
            for row in rows:
                if row.issuer == issuer:
                    return row
            if any(r.issuer == issuer for r in award.bonus):
                raise KeyError(
                    f"Bộ quy tắc {self.id} không có hệ số tiền thưởng {award.name} cho "
                    f"{SUBJECT_KIND_NAMES.get(subject_kind, subject_kind)} do '{issuer}' tặng"
                )
        for row in rows:
            if row.issuer is None:
                return row
        raise KeyError(
            f"Bộ quy tắc {self.id} không có hệ số tiền thưởng {award.name} cho "
            f"{SUBJECT_KIND_NAMES.get(subject_kind, subject_kind)}"
        )


# Window conditions define the run of years that the "run" conditions after them look at.
WINDOW_TYPES: Final = frozenset({"title_chain", "after_award", "rating_run"})
RUN_TYPES: Final = frozenset({"titles_in_run", "ratings_in_run"})
INFO_TYPES: Final = frozenset({"dossier"})


def share_text(share: Fraction) -> str:
    """0.7 → "70%", 1 → "100%", 2/3 → "66,67%" (Vietnamese decimal comma)."""
    percent = share * 100
    if percent.denominator == 1:
        return f"{percent.numerator}%"
    return f"{float(percent):.2f}".rstrip("0").rstrip(".").replace(".", ",") + "%"


def condition_placeholders(spec: ConditionSpec, award: Award, awards: Mapping[str, Award]) -> dict[str, str]:
    """The values a condition's ``text`` may name: {rating}, {count}, {title}, {award}, {share}…"""
    p = spec.params
    values: dict[str, str] = {"award": award.name}
    if "rating" in p:
        values["rating"] = RATING_NAMES[p["rating"]].lower()
    for key in ("count", "months", "years", "step"):
        if key in p:
            values[key] = f"{p[key]:02d}" if key in ("count", "years") else str(p[key])
    if "title" in p and p["title"] in awards:
        values["title"] = awards[p["title"]].name
    if spec.type == "standard" and p["award"] in awards:
        values["award"] = awards[p["award"]].name
    if "prior" in p:
        values["prior"] = " hoặc ".join(awards[a].name for a in p["prior"] if a in awards)
    if "scope" in p:
        values["scope"] = SCOPE_NAMES[p["scope"]]
    if "share" in p:
        values["share"] = share_text(p["share"])
    if "field" in p:
        values["field"] = MEMBER_FIELDS[p["field"]]
    return values
