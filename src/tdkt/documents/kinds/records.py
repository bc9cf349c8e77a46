"""The award documents from the real records: a decision of the awards app, a proposal, a counted ballot.

Each function here reads the rows and fills the plain data of :mod:`tdkt.documents.kinds.awards` and
:mod:`tdkt.documents.kinds.tally` (or the certificates' :class:`CertificateData`): the samples, the benchmark and
the pages go through the same builders. Nothing is computed here that the awards or ballots app already decided:
the amounts are the register's (priced at issue), the votes and outcomes the stored tally's.

* Quyết định khen thưởng: from an issued decision (not an external one, not a correction), with every entry as
  issued — a later correction does not rewrite the document, it is a document of its own.
* Tờ trình đề nghị khen thưởng: from a proposal, its candidates (those not refused at appraisal), signed by the
  proposing unit's head on the day it was sent (a draft until then).
* Biên bản kiểm phiếu: from a counted session, council's or block's.
* Certificates: one for each standing entry of an issued decision, with the verification address of its code.

The recurring texts (legal bases, who carries out a decision) are in ``data/award_documents.json``.
"""

from __future__ import annotations

import datetime
import functools
import json
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt import vn
from tdkt.awards import catalogue
from tdkt.awards.enums import Appraisal, DecisionKind
from tdkt.awards.models import AwardRecord, Decision, Proposal
from tdkt.ballots.display import rule_text
from tdkt.ballots.enums import Outcome, SessionState, ThresholdBase, VotingMode
from tdkt.ballots.models import BallotSession, Tally, TallyLine
from tdkt.documents.certificates import CertificateData, design_for
from tdkt.documents.kinds.awards import DecisionData, Recipient, SubmissionData, decision, submission
from tdkt.documents.kinds.common import (
    balanced_lines,
    block_issuer,
    committee_name,
    head_of,
    head_unit,
    in_vietnamese,
    unit_head_title,
    unit_issuer,
)
from tdkt.documents.kinds.tally import TallyCandidate, TallyData, tally
from tdkt.documents.layout import Authority, Document, Issuer, Signer
from tdkt.org.enums import CouncilRole, Gender, PositionLevel, UnitKind
from tdkt.org.models import CouncilMember, Position, Unit

TEXTS = Path(__file__).resolve().parent.parent / "data" / "award_documents.json"
RANKS = {PositionLevel.HEAD: 0, PositionLevel.DEPUTY_HEAD: 1, PositionLevel.DIVISION_HEAD: 2}
#: Certificate designs by verb: an award without a design of its own prints on the design that "TẶNG" (forms,
#: flags) or "CÔNG NHẬN DANH HIỆU" (titles), with its own name.
DEFAULT_DESIGNS = {"tặng": "bang_khen_tinh", "công nhận danh hiệu": "chien_si_thi_dua_tinh"}


@functools.lru_cache(maxsize=1)
def texts() -> dict[str, Any]:
    return dict(json.loads(TEXTS.read_text(encoding="utf-8")))


# --- shared -----------------------------------------------------------------------------------------------------


def verb_for(award_code: str) -> str:
    """ "tặng" a form of commendation or a flag; "công nhận danh hiệu" a title (Luật TĐKT 2022 Art. 24–27)."""
    return catalogue.decision_verb(award_code)


def reason_for(award_code: str, year: int) -> str:
    key = "flag" if catalogue.is_flag(award_code) else "default"
    return str(texts()["reasons"][key]).format(year=year)


def _is_committee(unit: Unit) -> bool:
    return unit.kind == UnitKind.PEOPLES_COMMITTEE


def _signer(name: str, title: str) -> Signer | None:
    """The signer as the decision records them: a deputy signs "KT." for the head (ND 30 Phụ lục I, khoản 7 b)."""
    name, title = vn.clean(name), vn.clean(title).upper()
    if not name or not title:
        return None
    if title.startswith("PHÓ "):
        return Signer(name=name, position=title, authority=((Authority.KT, title.removeprefix("PHÓ ")),))
    return Signer(name=name, position=title)


def _authority(issuer: Unit, day: datetime.date) -> tuple[str, str]:
    """(the authority line under the title, how "(Kèm theo …)" names it): the Chairman of the People's
    Committee for a committee's decision, the head of the unit otherwise."""
    if _is_committee(issuer):
        return f"CHỦ TỊCH {issuer.name.upper()}", "Chủ tịch Ủy ban nhân dân tỉnh"
    head = head_of(issuer, day)
    title = unit_head_title(issuer, head[0]) if head is not None else f"Thủ trưởng {issuer.name}"
    return title.upper(), title


def _positions(person_ids: Iterable[int], day: datetime.date) -> dict[int, Position]:
    """Each person's most senior position in force on ``day`` (one query)."""
    found: dict[int, Position] = {}
    positions = (
        Position.objects.filter(person_id__in=set(person_ids), start_date__lte=day)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
        .order_by("-start_date", "pk")
    )
    for position in positions:
        rank = RANKS.get(PositionLevel(position.level), 100)
        current = found.get(position.person_id)
        if current is None or rank < RANKS.get(PositionLevel(current.level), 100):
            found[position.person_id] = position
    return found


def _recipient(
    *, name: str, collective: bool, unit: str, amount: int, position: Position | None, award: str
) -> Recipient:
    if collective:
        return Recipient(name=name, collective=True, unit=unit, amount=amount, award=award)
    return Recipient(
        name=name,
        unit=unit,
        position=position.title if position is not None else "",
        amount=amount,
        rank=RANKS.get(PositionLevel(position.level), 100) if position is not None else 100,
        award=award,
    )


# --- Quyết định khen thưởng ---------------------------------------------------------------------------------------


def _printable(item: Decision) -> Unit:
    if item.external or item.issuer is None:
        raise ValidationError(
            _(
                "Quyết định ban hành ngoài hệ thống chỉ được ghi nhận: không tạo lại văn bản của quyết định này."
            )
        )
    if item.kind == DecisionKind.CORRECTION:
        raise ValidationError(_("Chưa có mẫu văn bản cho quyết định đính chính."))
    return item.issuer


def _records(item: Decision) -> list[AwardRecord]:
    return list(item.records.select_related("person", "unit").order_by("order"))


def _main_award(records: list[AwardRecord]) -> tuple[str, str]:
    """(code, name) of the award most of the list receives (a decision of this system gives one)."""
    if not records:
        raise ValidationError(_("Quyết định chưa có tập thể, cá nhân nào được khen thưởng."))
    counts: dict[tuple[str, str], int] = {}
    for record in records:
        key = (record.award_code, record.award_name)
        counts[key] = counts.get(key, 0) + 1
    return max(counts, key=lambda key: counts[key])


@in_vietnamese
def decision_data(item: Decision, records: list[AwardRecord] | None = None) -> DecisionData:
    """The plain data of an issued decision: its issuer, number, date, signer and every entry with its bonus."""
    issuer = _printable(item)
    records = _records(item) if records is None else records
    code, award = _main_award(records)
    several = len({r.award_name for r in records}) > 1
    positions = _positions((r.person_id for r in records if r.person_id is not None), item.signed_on)
    recipients = tuple(
        _recipient(
            name=r.subject_name,
            collective=r.unit_id is not None,
            unit=r.unit_name,
            amount=r.bonus or 0,
            position=positions.get(r.person_id) if r.person_id is not None else None,
            award=r.award_name if several else "",
        )
        for r in records
    )
    authority_line, authority_short = _authority(issuer, item.signed_on)
    kind = "committee" if _is_committee(issuer) else "unit"
    words = texts()["decision"][kind]
    proposal = item.proposal
    bases = [*words["legal_bases"]]
    if proposal is not None:
        bases.append(f"Xét đề nghị của {proposal.unit.name}")
    return DecisionData(
        issuer=unit_issuer(issuer),
        authority_line=authority_line,
        authority_short=authority_short,
        award=award,
        reason=reason_for(code, max(r.year for r in records)),
        recipients=recipients,
        signer=_signer(item.signer_name, item.signer_title),
        place=issuer.province.place_name,
        date=item.signed_on,
        number=item.number,
        legal_bases=tuple(bases),
        executors=tuple(str(e).format(unit=issuer.name) for e in words["executors"]),
        fund=str(words["fund"]).format(unit=issuer.name),
        distribution=tuple(words["distribution"]),
        verb=verb_for(code),
        summary=item.summary,
    )


def decision_document(item: Decision) -> Document:
    return decision(decision_data(item))


# --- Tờ trình đề nghị khen thưởng ---------------------------------------------------------------------------------


@in_vietnamese
def submission_data(proposal: Proposal) -> SubmissionData:
    """A proposal as its tờ trình: the candidates not refused at appraisal, signed by the unit's head."""
    unit = proposal.unit
    day = timezone.localdate(proposal.submitted_at) if proposal.submitted_at else None
    candidates = list(
        proposal.candidates.exclude(appraisal=Appraisal.RETURNED)
        .select_related("person__unit", "unit")
        .order_by("order")
    )
    on = day or timezone.localdate()
    positions = _positions((c.person_id for c in candidates if c.person_id is not None), on)
    recipients = tuple(
        _recipient(
            name=c.name,
            collective=c.unit_id is not None,
            unit="" if c.unit_id is not None else c.person.unit.name,  # type: ignore[union-attr]
            amount=0,
            position=positions.get(c.person_id) if c.person_id is not None else None,
            award="",
        )
        for c in candidates
    )
    head = head_of(unit, on)
    words = texts()["submission"]
    return SubmissionData(
        issuer=unit_issuer(unit),
        issuer_label=unit.name,
        addressee=words["addressee"],
        award=catalogue.award_name(proposal.award_code),
        reason=reason_for(proposal.award_code, proposal.year),
        recipients=recipients,
        signer=Signer(name=head[1].full_name, position=unit_head_title(unit, head[0]).upper())
        if head is not None
        else None,
        place=unit.province.place_name,
        date=day,
        grounds=tuple(words["grounds"]),
        distribution=tuple(words["distribution"]),
        draft=proposal.submitted_at is None,
        verb=verb_for(proposal.award_code),
    )


def submission_document(proposal: Proposal) -> Document:
    return submission(submission_data(proposal))


# --- Biên bản kiểm phiếu -----------------------------------------------------------------------------------------


def _council_issuer(session: BallotSession) -> Issuer:
    assert session.council is not None
    province = session.council.province
    return Issuer(
        name=balanced_lines(session.council.name), code="HĐTĐKT", parent=committee_name(province).upper()
    )


def _tally_signers(session: BallotSession, record: Tally) -> tuple[Signer, ...]:
    """Council: its chair and secretary; block: the head unit's head. Then whoever counted (electronic)."""
    signers: list[Signer] = []
    if session.council_id is not None:
        seats = CouncilMember.objects.filter(
            council_id=session.council_id, role__in=[CouncilRole.CHAIR, CouncilRole.SECRETARY]
        ).select_related("person")
        by_role = {seat.role: seat for seat in seats}
        for role, caption in ((CouncilRole.CHAIR, "CHỦ TỊCH HỘI ĐỒNG"), (CouncilRole.SECRETARY, "THƯ KÝ")):
            if role in by_role:
                signers.append(Signer(name=by_role[role].person.full_name, position=caption))
    elif session.block is not None:
        head = head_unit(session.block, session.year)
        found = head_of(head, timezone.localdate(record.counted_at)) if head is not None else None
        if found is not None and head is not None:
            signers.append(Signer(name=found[1].full_name, position=f"ĐẠI DIỆN KHỐI TRƯỞNG\n{head.name}"))
    counted_by = record.counted_by
    person = getattr(counted_by, "person", None) if counted_by is not None else None
    if person is not None and all(s.name != person.full_name for s in signers):
        signers.append(Signer(name=person.full_name, position="NGƯỜI KIỂM PHIẾU"))
    return tuple(signers)


@in_vietnamese
def tally_data(session: BallotSession) -> TallyData:
    """A counted session's stored tally as the minutes' data (before counting: a ValidationError)."""
    record = Tally.objects.filter(session_id=session.pk).select_related("counted_by__person").first()
    if session.state != SessionState.COUNTED or record is None:
        raise ValidationError(_("Phiên bỏ phiếu chưa kiểm phiếu: chưa có biên bản kiểm phiếu."))
    lines = TallyLine.objects.filter(tally=record).select_related(
        "candidate__unit", "candidate__person__unit"
    )
    candidates = []
    for line in lines.order_by("candidate__order"):
        candidate = line.candidate
        where = ""
        if candidate.person is not None:
            where = candidate.person.unit.name
        candidates.append(
            TallyCandidate(
                name=candidate.label,
                votes=line.votes,
                unit=where,
                result="Đạt" if line.outcome == Outcome.ELECTED else str(Outcome(line.outcome).label),
            )
        )
    at = timezone.localtime(record.counted_at)
    if session.council_id is not None:
        issuer = _council_issuer(session)
        place = session.council.province.place_name  # type: ignore[union-attr]
    else:
        assert session.block is not None
        issuer = block_issuer(session.block)
        place = session.block.province.place_name
    if record.mode == VotingMode.ELECTRONIC:
        note = "Phiếu bầu điện tử được hệ thống niêm phong và kiểm tự động khi kết thúc bỏ phiếu."
    else:
        note = "Phiếu giấy được kiểm tại phòng họp; kết quả kiểm phiếu được ghi vào hệ thống."
    question = vn.clean(session.question)
    rule = rule_text(record)
    if record.rule_source:
        rule = f"{rule} (Căn cứ: {vn.clean(record.rule_source).rstrip('.')})."
    return TallyData(
        issuer=issuer,
        subject=question[:1].lower() + question[1:],  # "… tiến hành kiểm phiếu đề nghị tặng …"
        held_at=at,
        venue="",
        place=place,
        committee=(),
        committee_note=note,
        members_total=record.roll_count,
        members_present=record.present_count,
        ballots_issued=record.ballots_issued,
        ballots_received=record.ballots_received,
        ballots_valid=record.ballots_valid,
        candidates=tuple(candidates),
        signers=_tally_signers(session, record),
        rule=f"Cách tính kết quả: {rule}",
        base_total=record.base_count,
        base_label=str(ThresholdBase(record.threshold_base).label),
    )


def tally_document(session: BallotSession) -> Document:
    return tally(tally_data(session))


# --- certificates --------------------------------------------------------------------------------------------------


def design_key(award_code: str) -> str:
    """The certificate design of an award: its own if there is one, else the design of its kind."""
    try:
        design_for(award_code)
    except ValidationError:
        return DEFAULT_DESIGNS[verb_for(award_code)]
    return award_code


@in_vietnamese
def certificate_items(
    item: Decision, codes: Mapping[int, str], url_for: Callable[[str], str]
) -> tuple[str, list[CertificateData]]:
    """(design, one certificate per standing entry), each with the verification address of its code."""
    data = decision_data(item)
    assert data.signer is not None
    records = list(
        item.records.select_related("person", "unit").filter(cancellation__isnull=True).order_by("order")
    )
    if not records:
        raise ValidationError(_("Quyết định không còn tập thể, cá nhân nào để in bằng, giấy khen."))
    code, _name = _main_award(records)
    design = design_key(code)
    own = design == code
    positions = _positions((r.person_id for r in records if r.person_id is not None), item.signed_on)
    achievement = vn.clean(data.reason)
    achievement = achievement[:1].upper() + achievement[1:]
    items = []
    for record in records:
        missing = record.pk not in codes
        if missing:
            raise ValidationError(_("Chưa có mã xác minh cho %(name)s.") % {"name": record.subject_name})
        if record.person is not None:
            position = positions.get(record.person.pk)
            details = ", ".join(p for p in ((position.title if position else ""), record.unit_name) if p)
            honorific = {Gender.MALE: "Ông", Gender.FEMALE: "Bà"}.get(Gender(record.person.gender), "")
        else:
            details, honorific = record.unit_name, ""
        items.append(
            CertificateData(
                recipient=record.subject_name,
                collective=record.unit_id is not None,
                honorific=honorific,
                details=details,
                achievement=achievement,
                award="" if own and record.award_code == code else record.award_name,
                issuer_line=data.authority_line,
                decision_number=item.reference,
                decision_date=item.signed_on,
                place=data.place,
                signer=data.signer,
                verification_url=url_for(codes[record.pk]),
                register_number=f"{item.number:02d}.{record.order:03d}/{item.year}",
            )
        )
    return design, items
