"""Titles and forms as the rulesets name them: codes, Vietnamese names, kinds, who may receive them.

Nothing here is law: every answer is read from :mod:`tdkt.rules` rulesets. A code stays known after the ruleset
that defined it is replaced (the register keeps its past awards), so lookups search every ruleset, newest first.
"""

from __future__ import annotations

import datetime
from functools import cache

from tdkt import rules, vn
from tdkt.awards.enums import AwardKind


@cache
def _newest_first() -> tuple[rules.Ruleset, ...]:
    return tuple(sorted(rules.default_rulesets(), key=lambda rs: rs.effective_from, reverse=True))


def _award(code: str) -> rules.Award | None:
    for ruleset in _newest_first():
        award = ruleset.awards.get(code)
        if award is not None:
            return award
    return None


def is_known(code: str) -> bool:
    return _award(code) is not None


def award_name(code: str) -> str:
    award = _award(code)
    return award.name if award is not None else code


def award_kind(code: str) -> str:
    award = _award(code)
    return AwardKind.TITLE if award is not None and award.kind == "title" else AwardKind.FORM


def is_flag(code: str) -> bool:
    """An Emulation Flag (Cờ thi đua of the province, of the Government): a title that decisions *give*."""
    return code.startswith("co_thi_dua")


def is_recognised(code: str) -> bool:
    """Whether a decision *recognises* the award (a title: "công nhận danh hiệu") rather than *gives* it (a form
    of commendation or a flag: decisions read "Tặng Cờ thi đua của Ủy ban nhân dân tỉnh cho …")."""
    return award_kind(code) == AwardKind.TITLE and not is_flag(code)


def decision_verb(code: str) -> str:
    """How a decision words the award: "công nhận danh hiệu" or "tặng" (:func:`is_recognised`)."""
    return "công nhận danh hiệu" if is_recognised(code) else "tặng"


def period_years(code: str) -> int:
    """How many years of achievement the title covers (1 for a yearly title or a form)."""
    award = _award(code)
    return (award.period_years or 1) if award is not None else 1


def subjects_of(code: str) -> frozenset[str]:
    award = _award(code)
    return award.subjects if award is not None else frozenset()


def proposable(kind: str, on: datetime.date) -> list[tuple[str, str]]:
    """(code, name) of the titles and forms the ruleset in force evaluates for a kind of subject."""
    ruleset = rules.ruleset_for(on)
    return [(code, ruleset.awards[code].name) for code in ruleset.evaluated_awards(kind)]


@cache
def _codes_by_name() -> dict[str, str]:
    found: dict[str, str] = {}
    for ruleset in reversed(_newest_first()):
        for code, award in ruleset.awards.items():
            found[vn.fold(award.name)] = code
            found[vn.fold(code.replace("_", " "))] = code
    return found


def code_for(text: str) -> str | None:
    """The code of a title or form written by its code or its Vietnamese name (any case, with or without marks)."""
    text = vn.clean(text or "")
    if _award(text) is not None:
        return text
    return _codes_by_name().get(vn.fold(text))


def all_awards() -> list[tuple[str, str]]:
    """Every code any ruleset knows, with its name, for filters and imports."""
    seen: dict[str, str] = {}
    for ruleset in _newest_first():
        for code, award in ruleset.awards.items():
            seen.setdefault(code, award.name)
    return sorted(seen.items(), key=lambda item: vn.sort_key(item[1]))


def hold_kinds() -> dict[str, str]:
    """Hold codes and their names, from every ruleset (newest name first)."""
    found: dict[str, str] = {}
    for ruleset in sorted(rules.default_rulesets(), key=lambda rs: rs.effective_from, reverse=True):
        for code, name in ruleset.hold_kinds.items():
            found.setdefault(code, name)
    return found
