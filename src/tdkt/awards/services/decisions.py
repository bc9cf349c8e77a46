"""Issuing decisions: a number from the issuer's register, the date, the signer, the list — and the award
register written with each recipient's bonus and the initiatives each entry used. Once issued a decision never
changes; a correction is a new decision that refers to it and cancels (and may replace) entries of its list.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tdkt import rules, vn
from tdkt.awards import catalogue
from tdkt.awards.eligibility import person_subjects
from tdkt.awards.enums import (
    DECISION_SERIES,
    Action,
    Appraisal,
    AwardKind,
    DecisionKind,
    ProposalState,
    SubjectKind,
)
from tdkt.awards.initiatives import Basis, bases_for, use_text
from tdkt.awards.models import AwardRecord, Cancellation, Decision, InitiativeUse, Proposal
from tdkt.awards.salaries import added_base_salaries
from tdkt.awards.services._common import acting_user, body, require, text, today, unit_staff, users_of_people
from tdkt.awards.services.history import append_records, new_record
from tdkt.core.audit import log_action, snapshot
from tdkt.core.notify import notify
from tdkt.core.numbering import take_number
from tdkt.org.models import Person, Unit


def _fresh(proposal: Proposal) -> Proposal:
    return Proposal.objects.select_for_update(of=("self",)).select_related("unit").get(pk=proposal.pk)


def _signature(signed_on: Any, signer_name: str, signer_title: str) -> tuple[datetime.date, str, str]:
    if not isinstance(signed_on, datetime.date):
        raise ValidationError({"signed_on": _("Cần nhập ngày ký.")})
    if signed_on > today():
        raise ValidationError({"signed_on": _("Ngày ký không được sau hôm nay.")})
    name = text(signer_name, "signer_name", _("người ký"), 150, required=True)
    title = text(signer_title, "signer_title", _("chức vụ người ký"), 150, required=True)
    return signed_on, name, title


def _check_issuer(issuer: Unit) -> None:
    if issuer is None or not issuer.is_active:
        raise ValidationError({"issuer": _("Cần chọn cơ quan ban hành đang hoạt động.")})
    if not issuer.abbreviation:
        raise ValidationError({"issuer": _("Cơ quan ban hành chưa có ký hiệu viết tắt.")})


def price(records: Sequence[AwardRecord], signed_on: datetime.date) -> str:
    """Fill in each new entry's bonus: coefficient × the base salary in force on the decision date (the rulesets'
    rows and those a system administrator added), rounded up (:func:`tdkt.rules.payments`, which also pays only
    the highest of a subject's titles for the same period). Returns the ruleset used."""
    try:
        ruleset = rules.ruleset_for(signed_on)
    except rules.NoRulesetInForce:
        raise ValidationError(
            {
                "signed_on": _("Không có bộ quy tắc nào có hiệu lực ngày %(date)s.")
                % {"date": vn.short_date(signed_on)}
            }
        ) from None
    added = added_base_salaries()
    by_subject: dict[tuple[int | None, int | None], list[AwardRecord]] = {}
    for record in records:
        by_subject.setdefault((record.person_id, record.unit_id), []).append(record)
    for (person_id, _unit_id), entries in by_subject.items():
        kind = SubjectKind.INDIVIDUAL if person_id is not None else SubjectKind.COLLECTIVE
        grants = [rules.Grant(r.award_code, kind, r.first_year, r.year) for r in entries]
        try:
            paid = rules.payments(grants, signed_on, ruleset=ruleset, extra_base_salaries=added)
        except KeyError:
            for record in entries:
                record.bonus_note = _("Bộ quy tắc không quy định mức thưởng cho trường hợp này.")
            continue
        for record, payment in zip(entries, paid, strict=True):
            record.coefficient = payment.bonus.coefficient
            record.base_salary = payment.bonus.base_salary.amount
            record.bonus = payment.paid
            record.bonus_note = payment.reason
    return ruleset.id


def _recipients(proposal: Proposal) -> list[Any]:
    candidates = proposal.candidates.filter(appraisal=Appraisal.ACCEPTED).select_related(
        "person__unit", "unit"
    )
    if proposal.ballot_id is not None:
        candidates = candidates.filter(council_passed=True)
    return list(candidates.order_by("order"))


def _tell(decision: Decision, records: Sequence[AwardRecord], extra_units: Sequence[int | None] = ()) -> None:
    people = [r.person_id for r in records if r.person_id is not None]
    units = {r.unit_id for r in records if r.unit_id is not None}
    units |= set(Person.objects.filter(pk__in=people).values_list("unit_id", flat=True))
    notify(
        [*unit_staff([*units, *extra_units]), *users_of_people(people)],
        title=_("%(kind)s số %(ref)s") % {"kind": decision.get_kind_display(), "ref": decision.reference},
        body=decision.summary,
        url=decision.get_absolute_url(),
    )


def _duplicates(records: Sequence[AwardRecord]) -> list[str]:
    problems = []
    for record in records:
        earlier = AwardRecord.objects.filter(
            award_code=record.award_code,
            year__gte=record.first_year,
            first_year__lte=record.year,
            cancellation__isnull=True,
        )
        if record.person_id is not None:
            earlier = earlier.filter(person_id=record.person_id)
        else:
            earlier = earlier.filter(unit_id=record.unit_id)
        found = earlier.select_related("decision").first()
        if found is not None:
            problems.append(
                _("%(name)s đã được %(award)s năm %(year)s theo quyết định %(ref)s")
                % {
                    "name": record.subject_name,
                    "award": found.award_name,
                    "year": found.year,
                    "ref": found.decision.reference,
                }
            )
    return problems


def _initiative_bases(proposal: Proposal, recipients: Sequence[Any]) -> dict[int, Basis]:
    """The initiatives each recipient's verdict rests on, as of today (the register standing now)."""
    as_of = today()
    people = [c.person for c in recipients if c.person_id is not None]
    if not people:
        return {}
    try:
        ruleset = rules.ruleset_for(as_of)
    except rules.NoRulesetInForce:
        return {}
    subjects = person_subjects(people, proposal.year, as_of)
    return bases_for(proposal.award_code, proposal.year, [(int(s.id), s) for s in subjects], as_of, ruleset)


def _reused(recipients: Sequence[Any], bases: dict[int, Basis]) -> list[str]:
    """Recipients whose verdict needs an initiative used meanwhile for another award (Công văn 5007/BNV-TĐKT
    năm 2023): the appraisal may predate that use."""
    problems = []
    for candidate in recipients:
        found = bases.get(candidate.person_id) if candidate.person_id is not None else None
        if found is not None and found.reused:
            problems.append(
                _(
                    "%(name)s: sáng kiến đã được dùng làm căn cứ khen thưởng khác, không được tính lại — %(uses)s"
                )
                % {"name": candidate.name, "uses": "; ".join(use_text(i, u) for i, u in found.reused)}
            )
    return problems


@transaction.atomic
def issue_decision(
    actor: Any,
    proposal: Proposal,
    *,
    issuer: Unit,
    signed_on: datetime.date,
    signer_name: str,
    signer_title: str,
    summary: str = "",
) -> Decision:
    """Issue the decision on a proposal: the candidates accepted at appraisal (and passed by the council, when it
    voted) are its list. The number is the next of the issuer's register for the year of signing; the register
    of awards is written with each bonus; the initiatives a recipient's verdict rests on are marked used for
    their entry (:mod:`tdkt.awards.initiatives`; refused when it needs one used meanwhile for another award);
    the unit, the recipients and their units are told."""
    proposal = _fresh(proposal)
    require(actor, "awards.appraise", proposal)
    if proposal.state != ProposalState.READY:
        raise ValidationError(_("Tờ trình chưa sẵn sàng để ban hành quyết định."))
    _check_issuer(issuer)
    signed_on, signer_name, signer_title = _signature(signed_on, signer_name, signer_title)
    if proposal.submitted_at is not None and signed_on < proposal.submitted_at.date():
        raise ValidationError({"signed_on": _("Ngày ký trước ngày gửi tờ trình.")})
    recipients = _recipients(proposal)
    if not recipients:
        raise ValidationError(_("Không có trường hợp nào được khen thưởng."))
    records = [new_record(c.subject, proposal.award_code, proposal.year) for c in recipients]
    bases = _initiative_bases(proposal, recipients)
    problems = _duplicates(records) + _reused(recipients, bases)
    if problems:
        raise ValidationError(problems)
    award = catalogue.award_name(proposal.award_code)
    default_summary = (
        _("Về việc công nhận danh hiệu %(award)s năm %(year)s")
        if catalogue.is_recognised(proposal.award_code)
        else _("Về việc tặng %(award)s năm %(year)s")
    ) % {"award": award, "year": proposal.year}
    ruleset = price(records, signed_on)
    # The number is taken last: the series row stays locked until this transaction ends, and a failure above
    # or below rolls the number back with the decision.
    number = take_number(issuer, DECISION_SERIES, signed_on.year)
    decision = Decision.objects.create(
        issuer=issuer,
        issuer_name=issuer.name,
        number=number,
        year=signed_on.year,
        symbol=f"{DECISION_SERIES}-{issuer.abbreviation}",
        signed_on=signed_on,
        signer_name=signer_name,
        signer_title=signer_title,
        kind=(
            DecisionKind.TITLE
            if catalogue.award_kind(proposal.award_code) == AwardKind.TITLE
            else DecisionKind.COMMENDATION
        ),
        summary=text(summary, "summary", _("trích yếu"), 500) or default_summary,
        proposal=proposal,
        ruleset=ruleset,
        issued_by=acting_user(actor),
    )
    append_records(decision, records)
    uses = InitiativeUse.objects.bulk_create(
        [
            InitiativeUse(initiative=initiative, record=record)
            for record, candidate in zip(records, recipients, strict=True)
            if candidate.person_id is not None
            for initiative in bases[candidate.person_id].relied
        ]
    )
    proposal.state = ProposalState.DECIDED
    proposal.save(update_fields=["state", "updated_at"])
    total = sum(r.bonus or 0 for r in records)
    log_action(
        actor,
        Action.DECISION_ISSUED,
        decision,
        summary=f"{decision.reference}: {len(records)} — {total:,} đ".replace(",", "."),
        after={
            **snapshot(decision),
            "records": [snapshot(r) for r in records],
            "initiatives_used": [{"initiative": u.initiative_id, "record": u.record_id} for u in uses],
        },
    )
    _tell(decision, records, [proposal.unit_id])
    return decision


@transaction.atomic
def issue_correction(
    actor: Any,
    decision: Decision,
    *,
    cancel: Sequence[AwardRecord] = (),
    add: Sequence[tuple[Person | Unit, str, int]] = (),
    reason: str,
    signed_on: datetime.date,
    signer_name: str,
    signer_title: str,
) -> Decision:
    """Correct an issued decision with a new one, numbered in the same register: it refers to the first, cancels
    entries of its list and may add entries (a name corrected, a recipient left out), each with its bonus."""
    decision = Decision.objects.select_for_update(of=("self",)).select_related("issuer").get(pk=decision.pk)
    require(
        actor,
        "awards.issue_correction",
        decision,
        _("Chỉ đính chính được quyết định ban hành trên hệ thống."),
    )
    reason = body(reason)
    if not reason:
        raise ValidationError({"reason": _("Cần ghi lý do đính chính.")})
    if not cancel and not add:
        raise ValidationError(_("Chọn mục cần hủy bỏ hoặc bổ sung."))
    signed_on, signer_name, signer_title = _signature(signed_on, signer_name, signer_title)
    if signed_on < decision.signed_on:
        raise ValidationError(
            {"signed_on": _("Quyết định đính chính không ký trước quyết định được đính chính.")}
        )
    ids = [record.pk for record in cancel]
    found = list(AwardRecord.objects.filter(pk__in=ids, decision=decision).select_related("cancellation"))
    if len(found) != len(set(ids)):
        raise ValidationError({"cancel": _("Mục cần hủy không thuộc quyết định này.")})
    cancelled = [r.subject_name for r in found if hasattr(r, "cancellation")]
    if cancelled:
        raise ValidationError(
            {"cancel": _("Đã bị hủy trước đó: %(names)s.") % {"names": ", ".join(cancelled)}}
        )
    issuer = decision.issuer
    assert issuer is not None
    _check_issuer(issuer)
    additions = []
    for subject, award_code, year in add:
        code = catalogue.code_for(award_code)
        if code is None:
            raise ValidationError(
                {"add": _("Không có danh hiệu, hình thức “%(award)s”.") % {"award": award_code}}
            )
        additions.append(new_record(subject, code, year))
    problems = _duplicates([r for r in additions if not any(_same(r, c) for c in found)])
    if problems:
        raise ValidationError(problems)
    ruleset = price(additions, signed_on) if additions else decision.ruleset
    number = take_number(issuer, DECISION_SERIES, signed_on.year)
    correction = Decision.objects.create(
        issuer=issuer,
        issuer_name=issuer.name,
        number=number,
        year=signed_on.year,
        symbol=f"{DECISION_SERIES}-{issuer.abbreviation}",
        signed_on=signed_on,
        signer_name=signer_name,
        signer_title=signer_title,
        kind=DecisionKind.CORRECTION,
        summary=_("Về việc đính chính Quyết định số %(ref)s ngày %(date)s")
        % {"ref": decision.reference, "date": vn.short_date(decision.signed_on)},
        corrects=decision,
        reason=reason,
        proposal=decision.proposal,
        ruleset=ruleset,
        issued_by=acting_user(actor),
    )
    Cancellation.objects.bulk_create([Cancellation(decision=correction, record=record) for record in found])
    if additions:
        append_records(correction, additions)
    log_action(
        actor,
        Action.CORRECTION_ISSUED,
        correction,
        summary=reason[:500],
        after={
            **snapshot(correction),
            "cancelled": [r.pk for r in found],
            "added": [snapshot(r) for r in additions],
        },
    )
    _tell(correction, [*found, *additions])
    return correction


def _same(a: AwardRecord, b: AwardRecord) -> bool:
    return (a.person_id, a.unit_id, a.award_code) == (b.person_id, b.unit_id, b.award_code)
