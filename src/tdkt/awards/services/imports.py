"""Importing a unit's history from Excel: people, yearly ratings (with months worked and leave), past awards.

All or nothing: every row of every sheet is checked first, and each problem is listed with its sheet and row in
Vietnamese; nothing is written unless the whole file is valid. Then, in one transaction: new people are created
(with the word postings of the name search, :func:`tdkt.org.search.index_names`), ratings are written (a year
already recorded is replaced), and past awards go to the register under their external decisions.

People are recognised within the unit by their name and date of birth (by name alone when the row gives no date
and the name is unique in the unit).
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from tdkt import vn
from tdkt.awards import catalogue
from tdkt.awards.enums import Action, DecisionKind, LeaveKind, SubjectKind
from tdkt.awards.excel import (
    AWARDS,
    PEOPLE,
    RATINGS,
    Row,
    WorkbookError,
    as_date,
    as_int,
    as_text,
    read_history_workbook,
)
from tdkt.awards.models import AwardRecord, Decision
from tdkt.awards.services._common import require, today
from tdkt.awards.services.history import (
    DecisionRef,
    append_records,
    check_award_for,
    clean_decision_ref,
    clean_rating,
    external_decision,
    new_record,
    write_ratings,
)
from tdkt.core.audit import log_action
from tdkt.org.enums import Gender
from tdkt.org.models import Person, Unit
from tdkt.org.search import index_names

#: At most this many problems are listed (a wholly wrong file would otherwise list thousands).
MAX_ERRORS = 200
MAX_ROWS = 50_000
REFERENCE = re.compile(r"^\s*(?:số\s*:?\s*)?0*(\d+)\s*/\s*(\S+)\s*$", re.IGNORECASE)
GENDERS = {"nam": Gender.MALE, "nu": Gender.FEMALE}
LEAVE_COLUMNS = {
    "maternity": LeaveKind.MATERNITY,
    "sick": LeaveKind.SICK,
    "unpaid": LeaveKind.UNPAID,
    "other": LeaveKind.OTHER,
}


class ImportRejected(ValidationError):
    """The file was not imported: ``problems`` lists each, with its sheet and row."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__(problems)


@dataclass
class ImportReport:
    people_created: int = 0
    people_found: int = 0
    ratings: int = 0
    awards: int = 0
    awards_already: int = 0
    converted: dict[str, str] = field(default_factory=dict)

    def summary(self) -> str:
        text = _(
            "Đã nhập %(people)s người mới, %(ratings)s dòng xếp loại, %(awards)s khen thưởng vào sổ."
        ) % {"people": self.people_created, "ratings": self.ratings, "awards": self.awards}
        if self.converted:
            names = {"tcvn3": "TCVN3 (ABC)", "vni": "VNI"}
            text += " " + _("Đã chuyển mã %(what)s sang Unicode.") % {
                "what": ", ".join(
                    f"“{sheet}” ({names.get(enc, enc)})" for sheet, enc in self.converted.items()
                )
            }
        return text


def _key(name: str, born: datetime.date | None) -> tuple[str, datetime.date | None]:
    return vn.fold(name), born


class _Checker:
    """Checks every row, collecting problems; keeps what the writer needs."""

    def __init__(self, unit: Unit) -> None:
        self.unit = unit
        self.problems: list[str] = []
        existing = list(Person.objects.filter(unit=unit).only("pk", "full_name", "date_of_birth", "unit_id"))
        self.by_key: dict[tuple[str, datetime.date | None], Person] = {}
        self.by_name: dict[str, list[Person | dict[str, Any]]] = defaultdict(list)
        for person in existing:
            self.by_key.setdefault(_key(person.full_name, person.date_of_birth), person)
            self.by_name[vn.fold(person.full_name)].append(person)
        self.new_people: dict[tuple[str, datetime.date | None], dict[str, Any]] = {}
        self.found = 0
        self.ratings: list[tuple[Person | dict[str, Any], dict[str, Any]]] = []
        self.awards: list[tuple[Person | dict[str, Any] | Unit, str, int, DecisionRef]] = []
        self._standing: dict[tuple[str, int, str, int], AwardRecord] | None = None

    def standing(self) -> dict[tuple[str, int, str, int], AwardRecord]:
        """The unit's and its people's standing register entries, read once: (kind, id, award, year) → entry."""
        if self._standing is None:
            records = AwardRecord.objects.filter(cancellation__isnull=True).select_related("decision")
            self._standing = {}
            for record in records.filter(Q(person__unit=self.unit) | Q(unit=self.unit)):
                key = ("person", record.person_id) if record.person_id else ("unit", record.unit_id)
                self._standing.setdefault((*key, record.award_code, record.year), record)
        return self._standing

    def fail(self, row: Row, message: str) -> None:
        if len(self.problems) < MAX_ERRORS:
            self.problems.append(f"{row.where()}: {message}")

    def _name(self, row: Row) -> str | None:
        name = as_text(row.values.get("full_name"))
        if len(name.split()) < 2:
            self.fail(row, _("họ và tên “%(name)s” cần có ít nhất họ và tên.") % {"name": name})
            return None
        return vn.split_name(name).full

    def _born(self, row: Row) -> tuple[bool, datetime.date | None]:
        try:
            born = as_date(row.values.get("date_of_birth"))
        except ValueError:
            self.fail(
                row,
                _("ngày sinh “%(value)s” không đúng dạng dd/mm/yyyy.")
                % {"value": as_text(row.values.get("date_of_birth"))},
            )
            return False, None
        if born is not None and not datetime.date(1900, 1, 1) <= born <= today():
            self.fail(row, _("ngày sinh %(date)s không hợp lệ.") % {"date": vn.short_date(born)})
            return False, None
        return True, born

    def _year(self, row: Row) -> int | None:
        try:
            year = as_int(row.values.get("year"))
        except ValueError:
            year = None
        if year is None or not 1990 <= year <= today().year:
            self.fail(
                row,
                _("năm “%(value)s” không hợp lệ (từ 1990 đến %(now)s).")
                % {"value": as_text(row.values.get("year")), "now": today().year},
            )
            return None
        return year

    # people ------------------------------------------------------------------------------------------------
    def people(self, rows: list[Row]) -> None:
        for row in rows:
            name = self._name(row)
            ok, born = self._born(row)
            gender = GENDERS.get(vn.fold(as_text(row.values.get("gender"))))
            if gender is None:
                self.fail(
                    row,
                    _("giới tính “%(value)s” không hợp lệ: ghi Nam hoặc Nữ.")
                    % {"value": as_text(row.values.get("gender"))},
                )
            email = as_text(row.values.get("email"))
            if email and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email):
                self.fail(row, _("thư điện tử “%(value)s” không hợp lệ.") % {"value": email})
            if name is None or not ok or gender is None:
                continue
            key = _key(name, born)
            if key in self.new_people:
                self.fail(row, _("%(name)s có hai lần trong trang này.") % {"name": name})
                continue
            if key in self.by_key:
                self.found += 1
                continue
            entry = {"full_name": name, "gender": gender, "date_of_birth": born, "email": email, "row": row}
            self.new_people[key] = entry
            self.by_name[vn.fold(name)].append(entry)

    def person(self, row: Row) -> Person | dict[str, Any] | None:
        name = self._name(row)
        ok, born = self._born(row)
        if name is None or not ok:
            return None
        key = _key(name, born)
        found = self.by_key.get(key) or self.new_people.get(key)
        if found is not None:
            return found
        if born is None:
            same = self.by_name.get(vn.fold(name), [])
            if len(same) == 1:
                return same[0]
            if len(same) > 1:
                self.fail(
                    row,
                    _("có %(n)s người tên %(name)s trong đơn vị: ghi thêm ngày sinh.")
                    % {"n": len(same), "name": name},
                )
                return None
        self.fail(
            row,
            _("không có %(name)s%(born)s trong đơn vị hay trang “Cán bộ”.")
            % {"name": name, "born": f" ({vn.short_date(born)})" if born else ""},
        )
        return None

    # ratings -----------------------------------------------------------------------------------------------
    def ratings_rows(self, rows: list[Row]) -> None:
        seen: set[tuple[int, int]] = set()
        for row in rows:
            person = self.person(row)
            year = self._year(row)
            leave: dict[str, Any] = {}
            bad = False
            for column, kind in LEAVE_COLUMNS.items():
                try:
                    leave[kind] = as_int(row.values.get(column))
                except ValueError:
                    self.fail(
                        row,
                        _("số tháng nghỉ “%(value)s” không phải số nguyên.")
                        % {"value": as_text(row.values.get(column))},
                    )
                    bad = True
            try:
                months = as_int(row.values.get("months_worked"))
            except ValueError:
                self.fail(
                    row,
                    _("số tháng công tác “%(value)s” không phải số nguyên.")
                    % {"value": as_text(row.values.get("months_worked"))},
                )
                continue
            if bad or person is None or year is None:
                continue
            if months is None:
                months = max(0, 12 - sum(m for m in leave.values() if isinstance(m, int)))
            try:
                rating, months, cleaned = clean_rating(
                    rating=as_text(row.values.get("rating")), months_worked=months, leave=leave
                )
            except ValidationError as error:
                for message in error.messages:
                    self.fail(row, message[0].lower() + message[1:])
                continue
            identity = (id(person), year)
            if identity in seen:
                self.fail(row, _("người này đã có dòng xếp loại năm %(year)s trong trang.") % {"year": year})
                continue
            seen.add(identity)
            note = as_text(row.values.get("note"))[:255]
            self.ratings.append(
                (
                    person,
                    {"year": year, "rating": rating, "months_worked": months, "leave": cleaned, "note": note},
                )
            )

    # awards ------------------------------------------------------------------------------------------------
    def award_rows(self, rows: list[Row]) -> None:
        seen: set[tuple[int, str, int]] = set()
        for row in rows:
            kind_text = vn.fold(as_text(row.values.get("subject")))
            collective = kind_text in ("tap the", "collective")
            if kind_text not in ("", "ca nhan", "individual") and not collective:
                self.fail(
                    row,
                    _("đối tượng “%(value)s” không hợp lệ: ghi Cá nhân hoặc Tập thể.")
                    % {"value": as_text(row.values.get("subject"))},
                )
                continue
            subject: Person | dict[str, Any] | Unit | None = self.unit if collective else self.person(row)
            year = self._year(row)
            award_text = as_text(row.values.get("award"))
            try:
                code = check_award_for(
                    SubjectKind.COLLECTIVE if collective else SubjectKind.INDIVIDUAL, award_text
                )
            except ValidationError as error:
                self.fail(row, error.messages[0])
                code = None
            reference = REFERENCE.match(as_text(row.values.get("decision")))
            if reference is None:
                self.fail(
                    row,
                    _("số, ký hiệu quyết định “%(value)s” không đúng dạng số/ký hiệu (ví dụ 15/QĐ-UBND).")
                    % {"value": as_text(row.values.get("decision"))},
                )
            try:
                signed_on = as_date(row.values.get("signed_on"))
            except ValueError:
                signed_on = None
            if signed_on is None:
                self.fail(
                    row,
                    _("ngày ký “%(value)s” không đúng dạng dd/mm/yyyy.")
                    % {"value": as_text(row.values.get("signed_on"))},
                )
            if subject is None or year is None or code is None or reference is None or signed_on is None:
                continue
            if signed_on.year < year:
                self.fail(row, _("quyết định ký trước năm thành tích %(year)s.") % {"year": year})
                continue
            try:
                ref = clean_decision_ref(
                    DecisionRef(
                        issuer_name=as_text(row.values.get("issuer")),
                        number=int(reference.group(1)),
                        symbol=reference.group(2),
                        signed_on=signed_on,
                        signer_name=as_text(row.values.get("signer")),
                        kind=DecisionKind.TITLE
                        if catalogue.award_kind(code) == "title"
                        else DecisionKind.COMMENDATION,
                    )
                )
            except ValidationError as error:
                for message in error.messages:
                    self.fail(row, message[0].lower() + message[1:])
                continue
            identity = (id(subject), code, year)
            if identity in seen:
                self.fail(row, _("dòng lặp lại: cùng người, danh hiệu và năm."))
                continue
            seen.add(identity)
            if isinstance(subject, Person | Unit):
                key = ("person", subject.pk) if isinstance(subject, Person) else ("unit", subject.pk)
                existing = self.standing().get((*key, code, year))
                if existing is not None:
                    if _same_decision(existing.decision, ref):
                        continue  # imported before from the same decision
                    self.fail(
                        row,
                        _("%(name)s đã có %(award)s năm %(year)s theo quyết định %(ref)s.")
                        % {
                            "name": str(subject),
                            "award": catalogue.award_name(code),
                            "year": year,
                            "ref": existing.decision.reference,
                        },
                    )
                    continue
            self.awards.append((subject, code, year, ref))


def _same_decision(decision: Decision, ref: DecisionRef) -> bool:
    return (
        decision.number == ref.number
        and decision.symbol == ref.symbol
        and decision.signed_on == ref.signed_on
        and vn.fold(decision.issuer_name) == vn.fold(ref.issuer_name)
    )


@transaction.atomic
def import_history(actor: Any, unit: Unit, data: bytes) -> ImportReport:
    """Import a unit's workbook (see :func:`tdkt.awards.excel.template_workbook`). Raises :class:`ImportRejected`
    listing every problem, and writes nothing, unless every row is valid."""
    require(actor, "awards.import_history", unit)
    try:
        workbook = read_history_workbook(data)
    except WorkbookError as error:
        raise ImportRejected([str(error)]) from None
    if workbook.problems:
        raise ImportRejected(workbook.problems)
    if sum(len(rows) for rows in workbook.rows.values()) > MAX_ROWS:
        raise ImportRejected([_("Tệp quá lớn: tối đa %(n)s dòng mỗi lần nhập.") % {"n": MAX_ROWS}])
    checker = _Checker(unit)
    checker.people(workbook.rows.get(PEOPLE, []))
    checker.ratings_rows(workbook.rows.get(RATINGS, []))
    checker.award_rows(workbook.rows.get(AWARDS, []))
    if checker.problems:
        raise ImportRejected(checker.problems)

    report = ImportReport(people_found=checker.found, converted=workbook.converted)
    created = _create_people(unit, list(checker.new_people.values()))
    report.people_created = len(created)

    def resolve(subject: Any) -> Any:
        return created[id(subject)] if isinstance(subject, dict) else subject

    write_ratings(unit, [(resolve(person), values) for person, values in checker.ratings])
    report.ratings = len(checker.ratings)
    by_decision: dict[DecisionRef, list[AwardRecord]] = defaultdict(list)
    for subject, code, year, ref in checker.awards:
        by_decision[ref].append(new_record(resolve(subject), code, year))
    for ref, records in by_decision.items():
        append_records(external_decision(actor, ref), records)
    report.awards = len(checker.awards)
    log_action(
        actor,
        Action.IMPORTED,
        unit,
        summary=report.summary(),
        after={
            "people_created": report.people_created,
            "people_found": report.people_found,
            "ratings": report.ratings,
            "awards": report.awards,
            "converted": report.converted,
        },
    )
    return report


def _create_people(unit: Unit, entries: list[dict[str, Any]]) -> dict[int, Person]:
    """Create the new people in bulk and write their name-search postings (bulk_create skips ``save``)."""
    people = []
    for entry in entries:
        person = Person(
            unit=unit,
            full_name=entry["full_name"],
            gender=entry["gender"],
            date_of_birth=entry["date_of_birth"],
            email=entry["email"],
        )
        person.refresh_keys()
        people.append(person)
    saved = Person.objects.bulk_create(people, batch_size=1000)
    index_names(saved, replace=False)
    return {id(entry): person for entry, person in zip(entries, saved, strict=True)}
