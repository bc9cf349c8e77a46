"""Small builders for histories: every test states only the facts that matter to it."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from tdkt.rules import Discipline, Initiative, Members, Reason, Subject, SubjectKind, YearRecord, evaluate
from tdkt.rules.codes import Status

AS_OF = datetime.date(2025, 12, 5)  # under Nghị định 152/2025
YEAR = 2025

CSTDCS = "chien_si_thi_dua_co_so"
LDTT = "lao_dong_tien_tien"
CSTD_TINH = "chien_si_thi_dua_tinh"
CSTD_TQ = "chien_si_thi_dua_toan_quoc"
TTLDTT = "tap_the_lao_dong_tien_tien"
TTLDXS = "tap_the_lao_dong_xuat_sac"
BK_TINH = "bang_khen_tinh"
BK_TTG = "bang_khen_thu_tuong"
HCLD3 = "huan_chuong_lao_dong_hang_ba"


def year(
    y: int,
    rating: str | None = "HTTNV",
    *,
    titles: Iterable[str] = (),
    awards: Iterable[str] = (),
    initiatives: Iterable[str | Initiative] = (),
    months: int = 12,
    leave: dict[str, int] | None = None,
    members: Members | None = None,
    leads_block: bool | None = None,
) -> YearRecord:
    return YearRecord(
        year=y,
        rating=rating,
        months_worked=months,
        leave=leave or {},
        titles=frozenset(titles),
        awards=frozenset(awards),
        initiatives=tuple(i if isinstance(i, Initiative) else Initiative(scope=i) for i in initiatives),
        members=members,
        leads_block=leads_block,
    )


def person(
    *records: YearRecord, disciplines: Iterable[Discipline] = (), holds: Iterable[str] = ()
) -> Subject:
    return Subject(
        id="p",
        kind=SubjectKind.INDIVIDUAL,
        history=tuple(records),
        disciplines=tuple(disciplines),
        holds=tuple(holds),
        gender="female",
    )


def collective(*records: YearRecord, holds: Iterable[str] = ()) -> Subject:
    return Subject(id="u", kind=SubjectKind.COLLECTIVE, history=tuple(records), holds=tuple(holds))


def household(*records: YearRecord) -> Subject:
    return Subject(id="h", kind=SubjectKind.HOUSEHOLD, history=tuple(records))


def members(
    total: int = 20, ldtt: int = 15, htnv: int | None = None, cstdcs: int = 1, warned: int = 0
) -> Members:
    return Members(
        total=total,
        rated_htnv_or_better=total if htnv is None else htnv,
        lao_dong_tien_tien=ldtt,
        chien_si_thi_dua_co_so=cstdcs,
        disciplined_warning_or_above=warned,
    )


def status(subject: Subject, award: str, y: int = YEAR, as_of: datetime.date = AS_OF) -> Status:
    return evaluate(subject, y, as_of).status(award)


def failing(subject: Subject, award: str, y: int = YEAR, as_of: datetime.date = AS_OF) -> list[str]:
    """The texts of the reasons that fail — what a user would read as "why not"."""
    return [r.text for r in evaluate(subject, y, as_of).verdict(award).reasons if r.met is False]


def citations(subject: Subject, award: str, y: int = YEAR, as_of: datetime.date = AS_OF) -> list[str]:
    return [r.citation for r in evaluate(subject, y, as_of).verdict(award).reasons]


def cstdcs_years(*years: int, rating: str = "HTXSNV") -> list[YearRecord]:
    """Years with the Chiến sĩ thi đua cơ sở title already decided."""
    return [year(y, rating, titles=[LDTT, CSTDCS]) for y in years]


def d(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def reasons(subject: Subject, award: str, y: int = YEAR, as_of: datetime.date = AS_OF) -> tuple[Reason, ...]:
    return evaluate(subject, y, as_of).verdict(award).reasons
