"""A set of rulesets checked together (no overlap, consistent base salaries), and the shipped ones by date."""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import pairwise
from pathlib import Path

from tdkt.rules.ruleset.loader import parse_ruleset
from tdkt.rules.ruleset.model import (
    NoRulesetInForce,
    Ruleset,
    RulesetError,
)
from tdkt.vn.dates import short_date


@dataclass(frozen=True)
class Rulesets:
    """Rulesets ordered by date, checked together."""

    items: tuple[Ruleset, ...]

    def __post_init__(self) -> None:
        ids = [r.id for r in self.items]
        if len(set(ids)) != len(ids):
            raise RulesetError(
                f"mã bộ quy tắc bị lặp: {', '.join(sorted({i for i in ids if ids.count(i) > 1}))}"
            )
        ordered = sorted(self.items, key=lambda r: r.effective_from)
        for before, after in pairwise(ordered):
            if before.effective_to is None or before.effective_to >= after.effective_from:
                raise RulesetError(
                    f"hiệu lực chồng lấn: {before.id} ({_period(before)}) và {after.id} ({_period(after)})"
                )
        salaries: dict[datetime.date, tuple[int, str]] = {}
        for ruleset in ordered:
            first = ruleset.base_salaries[0]
            if first.effective_from > ruleset.effective_from:
                raise RulesetError(
                    f"{ruleset.path}: base_salary: không có mức lương cơ sở nào có hiệu lực ngày "
                    f"{short_date(ruleset.effective_from)}, ngày bộ quy tắc có hiệu lực"
                )
            for row in ruleset.base_salaries:
                seen = salaries.setdefault(row.effective_from, (row.amount, ruleset.id))
                if seen[0] != row.amount:
                    raise RulesetError(
                        f"mức lương cơ sở từ {short_date(row.effective_from)} khác nhau giữa {seen[1]} "
                        f"({seen[0]:,}) và {ruleset.id} ({row.amount:,})"
                    )
        object.__setattr__(self, "items", tuple(ordered))

    def for_date(self, day: datetime.date) -> Ruleset:
        """The ruleset in force on ``day``."""
        for ruleset in self.items:
            if ruleset.in_force_on(day):
                return ruleset
        raise NoRulesetInForce(f"Không có bộ quy tắc nào có hiệu lực ngày {short_date(day)}")

    def get(self, ruleset_id: str) -> Ruleset:
        for ruleset in self.items:
            if ruleset.id == ruleset_id:
                return ruleset
        raise KeyError(f"Không có bộ quy tắc '{ruleset_id}'")

    def __iter__(self) -> Iterator[Ruleset]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


def _period(ruleset: Ruleset) -> str:
    end = short_date(ruleset.effective_to) if ruleset.effective_to else "…"
    return f"{short_date(ruleset.effective_from)}–{end}"


def load_rulesets(paths: Sequence[Path] | None = None) -> Rulesets:
    """Load the given files, or every ``*.toml`` shipped in ``tdkt/rules/rulesets``."""
    if paths is None:
        return default_rulesets()
    return Rulesets(tuple(parse_ruleset(Path(p).read_text(encoding="utf-8"), Path(p).name) for p in paths))


@cache
def default_rulesets() -> Rulesets:
    """The rulesets shipped with the package (read once per process)."""
    folder = resources.files("tdkt.rules") / "rulesets"
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".toml")), key=lambda f: f.name)
    return Rulesets(tuple(parse_ruleset(f.read_text(encoding="utf-8"), f.name) for f in files))


def ruleset_for(day: datetime.date) -> Ruleset:
    """The shipped ruleset in force on ``day`` (raises :class:`NoRulesetInForce`)."""
    return default_rulesets().for_date(day)
