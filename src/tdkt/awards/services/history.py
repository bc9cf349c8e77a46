"""Writes of histories: a year's rating with months worked and leave, a collective's rating, initiatives,
discipline, holds, and awards made outside the system (recorded with their external decision).

The unit's emulation officer keeps the history of the unit's people and of the unit itself; Phòng TĐKT keeps
everyone's. Each function checks, validates, writes in one transaction and records its audit entry.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt import vn
from tdkt.awards import catalogue
from tdkt.awards.catalogue import hold_kinds
from tdkt.awards.enums import (
    Action,
    DecisionKind,
    DisciplineLevel,
    InitiativeKind,
    InitiativeScope,
    LeaveKind,
    Rating,
    SubjectKind,
)
from tdkt.awards.models import (
    AwardRecord,
    Decision,
    Discipline,
    Hold,
    Initiative,
    Leave,
    PersonYear,
    UnitYear,
)
from tdkt.awards.services._common import acting_user, check_year, require, text, today
from tdkt.core.audit import log_action, snapshot
from tdkt.org.models import Person, Unit

Subject = Person | Unit


@dataclass(frozen=True)
class DecisionRef:
    """A decision made outside the system, as written on it: "Quyết định số 1520/QĐ-UBND ngày 01/7/2016 của
    Chủ tịch UBND tỉnh"."""

    issuer_name: str
    number: int
    symbol: str
    signed_on: datetime.date
    signer_name: str = ""
    kind: str = DecisionKind.TITLE
    summary: str = ""


def _subject_kind(subject: Subject) -> str:
    return SubjectKind.INDIVIDUAL if isinstance(subject, Person) else SubjectKind.COLLECTIVE


def _past_year(year: Any, field: str = "year") -> int:
    year = check_year(year, field)
    if year > today().year:
        raise ValidationError({field: _("Năm %(year)s chưa đến.") % {"year": year}})
    return year


# --- ratings -------------------------------------------------------------------------------------------------


def clean_rating(
    *, rating: str, months_worked: Any, leave: Mapping[str, Any]
) -> tuple[str, int, dict[str, int]]:
    """Check a year's rating, months worked and leave (shared with the Excel import): returns them cleaned."""
    rating = (rating or "").strip().upper()
    if rating and rating not in Rating.values:
        raise ValidationError(
            {
                "rating": _("Xếp loại “%(rating)s” không hợp lệ: dùng HTXSNV, HTTNV, HTNV hoặc KHTNV.")
                % {"rating": rating}
            }
        )
    if not isinstance(months_worked, int) or isinstance(months_worked, bool) or not 0 <= months_worked <= 12:
        raise ValidationError({"months_worked": _("Số tháng công tác phải từ 0 đến 12.")})
    cleaned: dict[str, int] = {}
    for kind, months in leave.items():
        if kind not in LeaveKind.values:
            raise ValidationError({"leave": _("Loại nghỉ “%(kind)s” không hợp lệ.") % {"kind": kind}})
        if months in (None, 0):
            continue
        if not isinstance(months, int) or isinstance(months, bool) or not 1 <= months <= 12:
            raise ValidationError({"leave": _("Số tháng nghỉ phải từ 1 đến 12.")})
        cleaned[kind] = months
    if months_worked + sum(cleaned.values()) > 12:
        raise ValidationError({"months_worked": _("Số tháng công tác cộng số tháng nghỉ vượt quá 12 tháng.")})
    return rating, months_worked, cleaned


def write_rating(
    person: Person,
    *,
    year: int,
    rating: str,
    months_worked: int,
    leave: Mapping[str, int],
    unit: Unit,
    note: str,
) -> PersonYear:
    """Write a checked rating (no permission check, no audit: the callers do both)."""
    row, _created = PersonYear.objects.update_or_create(
        person=person,
        year=year,
        defaults={"rating": rating, "months_worked": months_worked, "unit": unit, "note": note},
    )
    Leave.objects.filter(person_year=row).delete()
    Leave.objects.bulk_create(
        [Leave(person_year=row, kind=kind, months=months) for kind, months in leave.items()]
    )
    return row


def write_ratings(unit: Unit, rows: list[tuple[Person, dict[str, Any]]]) -> None:
    """Write many checked ratings of one unit's people at once (the import): a year already recorded is
    replaced with its leave. A fixed number of queries per batch (no permission check, no audit: the caller)."""
    if not rows:
        return
    person_ids = {person.pk for person, _values in rows}
    existing = {
        (row.person_id, row.year): row
        for row in PersonYear.objects.filter(person_id__in=person_ids, year__in={v["year"] for _p, v in rows})
    }
    new, changed = [], []
    now = timezone.now()
    for person, values in rows:
        row = existing.get((person.pk, values["year"]))
        if row is None:
            row = PersonYear(person=person, year=values["year"])
            new.append(row)
        else:
            changed.append(row)
        row.unit, row.updated_at = unit, now
        row.rating, row.months_worked, row.note = values["rating"], values["months_worked"], values["note"]
    Leave.objects.filter(person_year__in=changed).delete()
    PersonYear.objects.bulk_update(
        changed, ["unit", "rating", "months_worked", "note", "updated_at"], batch_size=1000
    )
    PersonYear.objects.bulk_create(new, batch_size=1000)
    by_key = {(row.person_id, row.year): row for row in [*new, *changed]}
    Leave.objects.bulk_create(
        [
            Leave(person_year=by_key[(person.pk, values["year"])], kind=kind, months=months)
            for person, values in rows
            for kind, months in values["leave"].items()
        ],
        batch_size=1000,
    )


@transaction.atomic
def set_rating(
    actor: Any,
    person: Person,
    *,
    year: int,
    rating: str,
    months_worked: int = 12,
    leave: Mapping[str, Any] | None = None,
    unit: Unit | None = None,
    note: str = "",
) -> PersonYear:
    """Record (or correct) a person's rating for a year, the months actually worked and the leave by kind.

    ``rating`` empty means not rated (e.g. under 6 months of work). ``unit`` is the unit that rated the person
    (their current unit by default).
    """
    require(actor, "awards.change_history", person)
    year = _past_year(year)
    rating, months_worked, cleaned = clean_rating(
        rating=rating, months_worked=months_worked, leave=leave or {}
    )
    note = text(note, "note", _("ghi chú"), 255)
    before = PersonYear.objects.filter(person=person, year=year).first()
    row = write_rating(
        person,
        year=year,
        rating=rating,
        months_worked=months_worked,
        leave=cleaned,
        unit=unit or person.unit,
        note=note,
    )
    log_action(
        actor,
        Action.RATING_SET,
        person,
        summary=f"{year}: {rating or '—'}",
        before=snapshot(before) if before is not None else None,
        after={**snapshot(row), "leave": cleaned},
    )
    return row


@transaction.atomic
def set_unit_rating(actor: Any, unit: Unit, *, year: int, rating: str, note: str = "") -> UnitYear:
    """Record a collective's rating for a year (its Party organisation's rating or the superior's assessment)."""
    require(actor, "awards.change_history", unit)
    year = _past_year(year)
    if rating not in Rating.values:
        raise ValidationError({"rating": _("Xếp loại không hợp lệ.")})
    note = text(note, "note", _("ghi chú"), 255)
    before = UnitYear.objects.filter(unit=unit, year=year).first()
    row, _created = UnitYear.objects.update_or_create(
        unit=unit, year=year, defaults={"rating": rating, "note": note}
    )
    log_action(
        actor,
        Action.UNIT_RATING_SET,
        unit,
        summary=f"{year}: {rating}",
        before=snapshot(before) if before is not None else None,
        after=snapshot(row),
    )
    return row


# --- external decisions and past awards ----------------------------------------------------------------------


def clean_decision_ref(ref: DecisionRef) -> DecisionRef:
    issuer = text(ref.issuer_name, "issuer_name", _("cơ quan ban hành"), 255, required=True)
    symbol = text(ref.symbol, "symbol", _("ký hiệu"), 60, required=True).upper().replace(" ", "")
    if not isinstance(ref.number, int) or isinstance(ref.number, bool) or ref.number <= 0:
        raise ValidationError({"number": _("Số quyết định phải là số nguyên dương.")})
    if (
        not isinstance(ref.signed_on, datetime.date)
        or not datetime.date(1945, 1, 1) <= ref.signed_on <= today()
    ):
        raise ValidationError({"signed_on": _("Ngày ký quyết định không hợp lệ.")})
    if ref.kind not in DecisionKind.values:
        raise ValidationError({"kind": _("Loại quyết định không hợp lệ.")})
    return DecisionRef(
        issuer_name=issuer,
        number=ref.number,
        symbol=symbol,
        signed_on=ref.signed_on,
        signer_name=text(ref.signer_name, "signer_name", _("người ký"), 150),
        kind=ref.kind,
        summary=text(ref.summary, "summary", _("trích yếu"), 500),
    )


def external_decision(actor: Any, ref: DecisionRef) -> Decision:
    """The recorded external decision with this number, symbol, date and issuer, created the first time.

    Called inside the caller's transaction; the row is locked so that concurrent recorders append their entries
    one after the other.
    """
    ref = clean_decision_ref(ref)
    same = Decision.objects.select_for_update().filter(
        external=True, number=ref.number, symbol=ref.symbol, signed_on=ref.signed_on
    )
    for found in same:
        if vn.fold(found.issuer_name) == vn.fold(ref.issuer_name):
            return found
    return Decision.objects.create(
        issuer_name=ref.issuer_name,
        number=ref.number,
        year=ref.signed_on.year,
        symbol=ref.symbol,
        signed_on=ref.signed_on,
        signer_name=ref.signer_name,
        kind=ref.kind,
        summary=ref.summary or _("Quyết định số %(ref)s") % {"ref": f"{ref.number:02d}/{ref.symbol}"},
        external=True,
        issued_by=acting_user(actor),
    )


def check_award_for(subject_kind: str, award_code: str, field: str = "award_code") -> str:
    code = catalogue.code_for(award_code)
    if code is None:
        raise ValidationError(
            {field: _("Không có danh hiệu, hình thức “%(award)s”.") % {"award": award_code}}
        )
    if subject_kind not in catalogue.subjects_of(code):
        raise ValidationError(
            {
                field: _("%(award)s không dành cho %(kind)s.")
                % {"award": catalogue.award_name(code), "kind": SubjectKind(subject_kind).label.lower()}
            }
        )
    return code


def already_awarded(subject: Subject, award_code: str, year: int) -> AwardRecord | None:
    """A standing register entry of the same award for the same year, if any."""
    records = AwardRecord.objects.filter(award_code=award_code, year=year, cancellation__isnull=True)
    if isinstance(subject, Person):
        return records.filter(person=subject).select_related("decision").first()
    return records.filter(unit=subject).select_related("decision").first()


def append_records(decision: Decision, entries: list[AwardRecord]) -> list[AwardRecord]:
    """Number and write new entries of a decision's list (the decision row is locked by the caller)."""
    last = AwardRecord.objects.filter(decision=decision).aggregate(m=Max("order"))["m"] or 0
    for i, entry in enumerate(entries, start=last + 1):
        entry.decision = decision
        entry.order = i
    return AwardRecord.objects.bulk_create(entries)


def new_record(subject: Subject, award_code: str, year: int, unit_name: str = "") -> AwardRecord:
    first_year = year - catalogue.period_years(award_code) + 1
    if isinstance(subject, Person):
        return AwardRecord(
            person=subject,
            subject_name=subject.full_name,
            unit_name=unit_name or subject.unit.name,
            award_code=award_code,
            award_name=catalogue.award_name(award_code),
            award_kind=catalogue.award_kind(award_code),
            first_year=first_year,
            year=year,
        )
    return AwardRecord(
        unit=subject,
        subject_name=subject.name,
        unit_name=unit_name,
        award_code=award_code,
        award_name=catalogue.award_name(award_code),
        award_kind=catalogue.award_kind(award_code),
        first_year=first_year,
        year=year,
    )


@transaction.atomic
def record_past_award(
    actor: Any, subject: Subject, *, award_code: str, year: int, decision: DecisionRef
) -> AwardRecord:
    """Enter in the register a title or form given by a decision made outside the system (an earlier year, or
    another body): the decision is recorded as external with its own number and date."""
    require(actor, "awards.change_history", subject)
    year = _past_year(year)
    code = check_award_for(_subject_kind(subject), award_code)
    ref = clean_decision_ref(decision)
    if ref.signed_on.year < year:
        raise ValidationError({"signed_on": _("Quyết định ký trước năm thành tích.")})
    if already_awarded(subject, code, year) is not None:
        raise ValidationError(
            _("%(name)s đã có %(award)s năm %(year)s trong sổ khen thưởng.")
            % {"name": str(subject), "award": catalogue.award_name(code), "year": year}
        )
    found = external_decision(actor, ref)
    (record,) = append_records(found, [new_record(subject, code, year)])
    log_action(
        actor,
        Action.PAST_AWARD_RECORDED,
        subject,
        summary=f"{record.award_name} {year} — {found.reference}",
        after=snapshot(record),
    )
    return record


# --- initiatives, discipline, holds ---------------------------------------------------------------------------


@transaction.atomic
def add_initiative(
    actor: Any,
    person: Person,
    *,
    year: int,
    title: str,
    scope: str,
    decision: DecisionRef | Decision,
    kind: str = InitiativeKind.INITIATIVE,
) -> Initiative:
    """Record an initiative recognised at a scope by a decision (the decision is recorded if it is new)."""
    require(actor, "awards.change_history", person)
    year = _past_year(year)
    title = text(title, "title", _("tên sáng kiến"), 500, required=True)
    if scope not in InitiativeScope.values:
        raise ValidationError({"scope": _("Phạm vi ảnh hưởng không hợp lệ.")})
    if kind not in InitiativeKind.values:
        raise ValidationError({"kind": _("Loại sáng kiến không hợp lệ.")})
    if isinstance(decision, DecisionRef):
        decision = external_decision(
            actor, DecisionRef(**{**decision.__dict__, "kind": DecisionKind.INITIATIVE})
        )
    initiative = Initiative.objects.create(
        person=person, year=year, title=title, scope=scope, kind=kind, decision=decision
    )
    log_action(actor, Action.INITIATIVE_ADDED, person, summary=title, after=snapshot(initiative))
    return initiative


def _period(start: Any, end: Any) -> None:
    if not isinstance(start, datetime.date):
        raise ValidationError({"start": _("Cần nhập ngày bắt đầu.")})
    if end is not None and (not isinstance(end, datetime.date) or end < start):
        raise ValidationError({"end": _("Ngày kết thúc phải sau ngày bắt đầu.")})
    if start > today():
        raise ValidationError({"start": _("Ngày bắt đầu chưa đến.")})


@transaction.atomic
def add_discipline(
    actor: Any,
    person: Person,
    *,
    level: str,
    start: datetime.date,
    end: datetime.date | None = None,
    decision_ref: str = "",
    reason: str = "",
) -> Discipline:
    """Record a disciplinary measure and its period (achievements count again from its end)."""
    require(actor, "awards.change_history", person)
    if level not in DisciplineLevel.values:
        raise ValidationError({"level": _("Hình thức kỷ luật không hợp lệ.")})
    _period(start, end)
    discipline = Discipline.objects.create(
        person=person,
        level=level,
        start=start,
        end=end,
        decision_ref=text(decision_ref, "decision_ref", _("quyết định kỷ luật"), 255),
        reason=text(reason, "reason", _("lý do"), 500),
    )
    log_action(
        actor,
        Action.DISCIPLINE_ADDED,
        person,
        summary=discipline.get_level_display(),
        after=snapshot(discipline),
    )
    return discipline


@transaction.atomic
def set_hold(
    actor: Any,
    subject: Subject,
    *,
    kind: str,
    start: datetime.date,
    end: datetime.date | None = None,
    note: str = "",
) -> Hold:
    """Record that a person or a collective is not to be awarded for now (Nghị định 152/2025/NĐ-CP, Điều 4(4)):
    under disciplinary review, investigation, inspection with signs of violation, a complaint being verified…"""
    require(actor, "awards.change_history", subject)
    if kind not in hold_kinds():
        raise ValidationError({"kind": _("Trường hợp chưa xét khen thưởng không hợp lệ.")})
    _period(start, end)
    hold = Hold.objects.create(
        person=subject if isinstance(subject, Person) else None,
        unit=subject if isinstance(subject, Unit) else None,
        kind=kind,
        start=start,
        end=end,
        note=text(note, "note", _("ghi chú"), 500),
        recorded_by=acting_user(actor),
    )
    log_action(actor, Action.HOLD_SET, subject, summary=hold_kinds()[kind], after=snapshot(hold))
    return hold


@transaction.atomic
def lift_hold(actor: Any, hold: Hold, *, end: datetime.date | None = None) -> Hold:
    """End a hold (cleared: the award may proceed) on ``end``, today by default."""
    hold = Hold.objects.select_for_update(of=("self",)).select_related("person", "unit").get(pk=hold.pk)
    subject = hold.person or hold.unit
    require(actor, "awards.change_history", subject)
    if hold.end is not None and hold.end <= today():
        raise ValidationError(_("Trường hợp này đã kết thúc."))
    end = end or today()
    if end < hold.start:
        raise ValidationError({"end": _("Ngày kết thúc phải sau ngày bắt đầu.")})
    before = snapshot(hold)
    hold.end = end
    hold.save(update_fields=["end", "updated_at"])
    log_action(actor, Action.HOLD_LIFTED, subject, before=before, after=snapshot(hold))
    return hold
