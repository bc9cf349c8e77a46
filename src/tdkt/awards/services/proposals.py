"""Proposals: written by the unit (or, for the Flag, by the block's head unit), appraised by Phòng TĐKT, voted by
the council, carried to a decision (:mod:`tdkt.awards.services.decisions`).

draft → submitted → returned (with the reason; the unit corrects and submits again) or → in_council (the
accepted candidates go on a secret ballot of the council, with the legal threshold of the ruleset) → ready (the
council's result recorded) → decided. An award the ruleset does not put to a council vote goes from submitted
straight to ready. Every step tells the people concerned.
"""

from __future__ import annotations

import datetime
import pathlib
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt import rules
from tdkt.awards import catalogue
from tdkt.awards.appraisal import CandidateCheck, check_candidates, dossier_items
from tdkt.awards.enums import (
    EDITABLE_PROPOSAL_STATES,
    Action,
    Appraisal,
    ProposalState,
    SubjectKind,
)
from tdkt.awards.models import Candidate, DossierFile, Proposal
from tdkt.awards.queries import candidates_of
from tdkt.awards.services._common import (
    acting_user,
    body,
    check_year,
    moment,
    require,
    standing_office,
    text,
    today,
    unit_staff,
    users_of_people,
)
from tdkt.ballots import services as ballots
from tdkt.ballots.enums import Outcome, SessionState, VotingMode
from tdkt.ballots.models import TallyLine
from tdkt.core.audit import log_action, snapshot
from tdkt.core.notify import notify
from tdkt.meetings.queries import heads_block
from tdkt.org.models import BlockMembership, EmulationBlock, Person, Unit
from tdkt.org.queries import current_council

#: Dossier files: the accepted extensions and the first bytes a real file of that type starts with.
DOSSIER_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    ".pdf": (b"%PDF-",),
    ".doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),
    ".docx": (b"PK\x03\x04",),
    ".odt": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
}
OTHER_ITEM = "Tài liệu khác"


def _fresh(proposal: Proposal) -> Proposal:
    """The proposal re-read under a row lock, so the state checked is the state written against."""
    return (
        Proposal.objects.select_for_update(of=("self",)).select_related("unit", "block").get(pk=proposal.pk)
    )


def _require_state(proposal: Proposal, states: Sequence[str], message: str) -> None:
    if proposal.state not in states:
        raise ValidationError(message)


def default_title(award_code: str, year: int) -> str:
    award = catalogue.award_name(award_code)
    verb = _("công nhận danh hiệu") if catalogue.award_kind(award_code) == "title" else _("tặng")
    return _("Đề nghị %(verb)s %(award)s năm %(year)s") % {"verb": verb, "award": award, "year": year}


def _vote_rule(award_code: str) -> rules.VoteRule | None:
    award = rules.ruleset_for(today()).awards.get(award_code)
    return award.vote if award is not None else None


# --- writing the proposal ------------------------------------------------------------------------------------


@transaction.atomic
def create_proposal(
    actor: Any,
    *,
    unit: Unit,
    year: int,
    award_code: str,
    subject_kind: str | None = None,
    block: EmulationBlock | None = None,
    title: str = "",
) -> Proposal:
    """Open a proposal of ``unit`` for one title or form of the ruleset in force.

    With ``block``, the unit proposes as head (or deputy) of the block for that year, and its candidates are the
    block's member units (the Emulation Flag). ``subject_kind`` is needed only for forms given to both people
    and collectives.
    """
    require(actor, "awards.add_proposal")
    require(
        actor,
        "awards.manage_proposal",
        Proposal(unit=unit),
        _("Chỉ cán bộ, lãnh đạo của đơn vị được lập tờ trình đề nghị của đơn vị."),
    )
    year = check_year(year)
    if year > today().year:
        raise ValidationError({"year": _("Năm %(year)s chưa đến.") % {"year": year}})
    code = catalogue.code_for(award_code)
    kinds = [
        kind
        for kind, _label in SubjectKind.choices
        if code and code in dict(catalogue.proposable(kind, today()))
    ]
    if code is None or not kinds:
        raise ValidationError(
            {
                "award_code": _("Bộ quy tắc đang áp dụng không có danh hiệu, hình thức “%(award)s”.")
                % {"award": award_code}
            }
        )
    if block is not None:
        subject_kind = SubjectKind.COLLECTIVE
        if getattr(actor, "is_authenticated", False) and not heads_block(actor, block.pk, year):
            raise PermissionDenied(
                _("Chỉ Khối trưởng, Khối phó của %(block)s năm %(year)s lập tờ trình đề nghị của Khối.")
                % {"block": block.name, "year": year}
            )
        if not BlockMembership.objects.filter(block=block, unit=unit, year=year).exists():
            raise ValidationError({"block": _("Đơn vị không thuộc khối này năm %(year)s.") % {"year": year}})
    if subject_kind is None:
        if len(kinds) > 1:
            raise ValidationError({"subject_kind": _("Chọn đề nghị cho cá nhân hay tập thể.")})
        subject_kind = kinds[0]
    if subject_kind not in kinds:
        raise ValidationError(
            {
                "subject_kind": _("%(award)s không dành cho %(kind)s.")
                % {"award": catalogue.award_name(code), "kind": SubjectKind(subject_kind).label.lower()}
            }
        )
    proposal = Proposal(
        unit=unit,
        block=block,
        year=year,
        award_code=code,
        subject_kind=subject_kind,
        title=text(title, "title", _("trích yếu"), 500) or default_title(code, year),
        created_by=acting_user(actor),
    )
    proposal.full_clean()
    proposal.save()
    log_action(actor, Action.PROPOSAL_CREATED, proposal, after=snapshot(proposal))
    return proposal


def eligible_people(proposal: Proposal) -> Any:
    """The people a proposal may name: the proposing unit's active staff."""
    return Person.objects.filter(unit_id=proposal.unit_id, is_active=True).order_by("name_sort")


def eligible_units(proposal: Proposal) -> Any:
    """The collectives a proposal may name: the block's member units that year (a block proposal), else the
    unit itself and its subordinate units."""
    if proposal.block_id is not None:
        return Unit.objects.filter(
            memberships__block_id=proposal.block_id, memberships__year=proposal.year, is_active=True
        ).order_by("name_sort")
    return Unit.objects.filter(is_active=True, pk=proposal.unit_id) | Unit.objects.filter(
        is_active=True, parent_id=proposal.unit_id
    )


@transaction.atomic
def set_candidates(
    actor: Any, proposal: Proposal, *, people: Sequence[Person] = (), units: Sequence[Unit] = ()
) -> list[Candidate]:
    """Replace the list of candidates (in the order given). Candidates kept keep their files."""
    proposal = _fresh(proposal)
    require(actor, "awards.manage_proposal", proposal)
    _require_state(proposal, EDITABLE_PROPOSAL_STATES, _("Tờ trình đã gửi: không sửa danh sách được nữa."))
    if proposal.subject_kind == SubjectKind.INDIVIDUAL and units:
        raise ValidationError({"candidates": _("Tờ trình này đề nghị cho cá nhân.")})
    if proposal.subject_kind == SubjectKind.COLLECTIVE and people:
        raise ValidationError({"candidates": _("Tờ trình này đề nghị cho tập thể.")})
    subjects: list[Person | Unit] = [*people, *units]
    if len({(type(s), s.pk) for s in subjects}) != len(subjects):
        raise ValidationError({"candidates": _("Một người, tập thể có hai lần trong danh sách.")})
    allowed_people = set(
        eligible_people(proposal).filter(pk__in=[p.pk for p in people]).values_list("pk", flat=True)
    )
    allowed_units = set(
        eligible_units(proposal).filter(pk__in=[u.pk for u in units]).values_list("pk", flat=True)
    )
    outside = [p.full_name for p in people if p.pk not in allowed_people] + [
        u.name for u in units if u.pk not in allowed_units
    ]
    if outside:
        raise ValidationError(
            {
                "candidates": _("Không thuộc phạm vi đề nghị của đơn vị: %(names)s.")
                % {"names": ", ".join(outside)}
            }
        )
    before = [c.name for c in candidates_of(proposal)]
    existing = {(c.person_id, c.unit_id): c for c in proposal.candidates.all()}
    wanted = {(s.pk, None) if isinstance(s, Person) else (None, s.pk) for s in subjects}
    proposal.candidates.exclude(pk__in=[c.pk for key, c in existing.items() if key in wanted]).delete()
    result = []
    for order, subject in enumerate(subjects, start=1):
        key = (subject.pk, None) if isinstance(subject, Person) else (None, subject.pk)
        candidate = existing.get(key)
        if candidate is None:
            candidate = Candidate(
                proposal=proposal,
                person=subject if isinstance(subject, Person) else None,
                unit=subject if isinstance(subject, Unit) else None,
            )
        candidate.order = order
        candidate.save()
        result.append(candidate)
    log_action(
        actor,
        Action.CANDIDATES_SET,
        proposal,
        before={"candidates": before},
        after={"candidates": [c.name for c in result]},
    )
    return result


@transaction.atomic
def update_proposal(actor: Any, proposal: Proposal, *, title: str) -> Proposal:
    proposal = _fresh(proposal)
    require(actor, "awards.manage_proposal", proposal)
    _require_state(proposal, EDITABLE_PROPOSAL_STATES, _("Tờ trình đã gửi: không sửa được nữa."))
    before = snapshot(proposal, ["title"])
    proposal.title = text(title, "title", _("trích yếu"), 500, required=True)
    proposal.save(update_fields=["title", "updated_at"])
    log_action(actor, Action.PROPOSAL_UPDATED, proposal, before=before, after=snapshot(proposal, ["title"]))
    return proposal


#: The achievement narrative of one candidate: long enough for the several pages a report runs to.
ACHIEVEMENTS_MAX_LENGTH = 30_000


@transaction.atomic
def write_achievements(actor: Any, candidate: Candidate, *, achievements: str) -> Candidate:
    """Write the achievement narrative of a candidate's báo cáo thành tích (section II of the Nghị định
    152/2025/NĐ-CP forms, the part only the unit can write). The proposing unit writes it while the proposal is a
    draft or returned to it, like the rest of its dossier."""
    proposal = _fresh(candidate.proposal)
    require(actor, "awards.manage_proposal", proposal)
    _require_state(proposal, EDITABLE_PROPOSAL_STATES, _("Tờ trình đã gửi: không sửa được nữa."))
    candidate = Candidate.objects.select_related("person", "unit").get(pk=candidate.pk, proposal=proposal)
    value = body(achievements)
    if len(value) > ACHIEVEMENTS_MAX_LENGTH:
        raise ValidationError(
            {
                "achievements": _("Thành tích đạt được dài tối đa %(max)s ký tự.")
                % {"max": ACHIEVEMENTS_MAX_LENGTH}
            }
        )
    before = snapshot(candidate, ["achievements"])
    candidate.achievements = value
    candidate.save(update_fields=["achievements"])
    log_action(
        actor,
        Action.ACHIEVEMENTS_WRITTEN,
        candidate,
        before=before,
        after=snapshot(candidate, ["achievements"]),
        summary=candidate.name,
    )
    return candidate


def _check_upload(upload: UploadedFile, limit_mb: int) -> str:
    name = pathlib.Path(upload.name or "").name
    suffix = pathlib.Path(name).suffix.lower()
    if suffix not in DOSSIER_SIGNATURES:
        raise ValidationError(
            {
                "file": _("Tệp “%(name)s” không đúng loại: chỉ nhận PDF, DOC, DOCX, ODT, XLSX, JPG, PNG.")
                % {"name": name}
            }
        )
    if not upload.size or upload.size > limit_mb * 1024 * 1024:
        raise ValidationError(
            {
                "file": _("Tệp “%(name)s” rỗng hoặc quá lớn: tối đa %(limit)s MB.")
                % {"name": name, "limit": limit_mb}
            }
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not any(head.startswith(magic) for magic in DOSSIER_SIGNATURES[suffix]):
        raise ValidationError(
            {
                "file": _("Nội dung tệp “%(name)s” không khớp với đuôi %(suffix)s.")
                % {"name": name, "suffix": suffix}
            }
        )
    return name


@transaction.atomic
def add_dossier_file(
    actor: Any, proposal: Proposal, *, item: str, upload: UploadedFile, candidate: Candidate | None = None
) -> DossierFile:
    """File a document under one item of the dossier list (or "Tài liệu khác"), for one candidate or for the
    whole proposal. PDF, Word, ODT, Excel or a scan, within the size limit."""
    proposal = _fresh(proposal)
    require(actor, "awards.manage_proposal", proposal)
    _require_state(proposal, EDITABLE_PROPOSAL_STATES, _("Tờ trình đã gửi: không thêm hồ sơ được nữa."))
    items = dossier_items(proposal)
    if item not in [*items, OTHER_ITEM]:
        raise ValidationError({"item": _("Thành phần hồ sơ không có trong danh sách của bộ quy tắc.")})
    if candidate is not None and candidate.proposal_id != proposal.pk:
        raise ValidationError({"candidate": _("Trường hợp không thuộc tờ trình này.")})
    original = _check_upload(upload, int(settings.TDKT_DOCUMENT_MAX_MB))
    dossier = DossierFile(
        proposal=proposal,
        candidate=candidate,
        item=item,
        original_name=original[:255],
        size=upload.size or 0,
        uploaded_by=acting_user(actor),
    )
    dossier.file.save(original, upload, save=False)
    try:
        dossier.save()
        log_action(
            actor,
            Action.DOSSIER_FILE_ADDED,
            proposal,
            summary=f"{item}: {original}",
            after={
                "file": dossier.pk,
                "item": item,
                "candidate": candidate.pk if candidate else None,
                "name": original,
            },
        )
    except Exception:
        dossier.file.storage.delete(dossier.file.name)
        raise
    return dossier


@transaction.atomic
def remove_dossier_file(actor: Any, dossier: DossierFile) -> None:
    proposal = _fresh(dossier.proposal)
    require(actor, "awards.manage_proposal", proposal)
    _require_state(proposal, EDITABLE_PROPOSAL_STATES, _("Tờ trình đã gửi: không gỡ hồ sơ được nữa."))
    name, storage = dossier.file.name, dossier.file.storage
    before = {"file": dossier.pk, "item": dossier.item, "name": dossier.original_name}
    dossier.delete()
    log_action(actor, Action.DOSSIER_FILE_REMOVED, proposal, summary=dossier.original_name, before=before)
    transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def submit_proposal(actor: Any, proposal: Proposal, *, at: datetime.datetime | None = None) -> Proposal:
    """Send the proposal to Phòng TĐKT for appraisal (again, after a return: the appraisal starts over)."""
    proposal = _fresh(proposal)
    require(actor, "awards.manage_proposal", proposal)
    _require_state(proposal, EDITABLE_PROPOSAL_STATES, _("Tờ trình đã được gửi."))
    if not proposal.candidates.exists():
        raise ValidationError(_("Danh sách đề nghị đang trống."))
    if not proposal.files.exists():
        raise ValidationError(_("Chưa có tệp hồ sơ nào (ít nhất là tờ trình)."))
    proposal.state = ProposalState.SUBMITTED
    proposal.submitted_at = moment(actor, at)
    proposal.save(update_fields=["state", "submitted_at", "updated_at"])
    proposal.candidates.update(
        appraisal=Appraisal.PENDING, appraisal_reason="", findings=None, appraised_at=None
    )
    log_action(actor, Action.PROPOSAL_SUBMITTED, proposal, after={"state": proposal.state})
    notify(
        standing_office(),
        title=_("Đề nghị khen thưởng chờ thẩm định: %(title)s") % {"title": proposal.title},
        body=_("%(unit)s gửi %(n)s trường hợp.")
        % {"unit": proposal.unit.name, "n": proposal.candidates.count()},
        url=proposal.get_absolute_url(),
    )
    return proposal


# --- appraisal ------------------------------------------------------------------------------------------------


def _check_one(proposal: Proposal, candidate: Candidate) -> CandidateCheck:
    (result,) = check_candidates(proposal, [candidate])
    return result


@transaction.atomic
def appraise_candidate(actor: Any, candidate: Candidate, *, accept: bool, reason: str = "") -> Candidate:
    """Phòng TĐKT's verdict on one candidate, after re-running the checks (verdict, dossier, holds, an earlier
    award for the same period), which are kept on the candidate. A candidate that fails a check cannot be
    accepted; one returned needs the reason."""
    proposal = _fresh(candidate.proposal)
    require(actor, "awards.appraise", proposal)
    _require_state(proposal, [ProposalState.SUBMITTED], _("Tờ trình không ở bước thẩm định."))
    candidate = (
        Candidate.objects.select_for_update(of=("self",))
        .select_related("person", "unit")
        .get(pk=candidate.pk, proposal=proposal)
    )
    result = _check_one(proposal, candidate)
    reason = body(reason)
    if accept and result.blocking:
        raise ValidationError(
            _("Không thể chấp nhận %(name)s: %(reasons)s")
            % {"name": candidate.name, "reasons": "; ".join(check.text for check in result.blocking)}
        )
    if not accept and not reason:
        raise ValidationError({"reason": _("Cần ghi lý do trả lại.")})
    before = {"appraisal": candidate.appraisal}
    candidate.appraisal = Appraisal.ACCEPTED if accept else Appraisal.RETURNED
    candidate.appraisal_reason = reason
    candidate.findings = result.as_json(today())
    candidate.appraised_at = timezone.now()
    candidate.save(update_fields=["appraisal", "appraisal_reason", "findings", "appraised_at"])
    log_action(
        actor,
        Action.CANDIDATE_APPRAISED,
        proposal,
        summary=f"{candidate.name}: {candidate.get_appraisal_display()}",
        before=before,
        after={
            "candidate": candidate.pk,
            "appraisal": candidate.appraisal,
            "reason": reason,
            "status": result.status,
        },
    )
    return candidate


def _appraisal_summary(proposal: Proposal) -> str:
    returned = [c for c in candidates_of(proposal) if c.appraisal == Appraisal.RETURNED]
    if not returned:
        return ""
    return _("Trả lại: %(list)s.") % {"list": "; ".join(f"{c.name} ({c.appraisal_reason})" for c in returned)}


@transaction.atomic
def return_proposal(actor: Any, proposal: Proposal, *, reason: str) -> Proposal:
    """Send the whole proposal back to the unit with the reason (it corrects and submits again)."""
    proposal = _fresh(proposal)
    require(actor, "awards.appraise", proposal)
    _require_state(proposal, [ProposalState.SUBMITTED], _("Tờ trình không ở bước thẩm định."))
    reason = body(reason)
    if not reason:
        raise ValidationError({"reason": _("Cần ghi lý do trả lại.")})
    proposal.state = ProposalState.RETURNED
    proposal.return_reason = reason
    proposal.save(update_fields=["state", "return_reason", "updated_at"])
    log_action(
        actor, Action.PROPOSAL_RETURNED, proposal, summary=reason[:500], after={"state": proposal.state}
    )
    notify(
        unit_staff([proposal.unit_id]),
        title=_("Tờ trình bị trả lại: %(title)s") % {"title": proposal.title},
        body=reason,
        url=proposal.get_absolute_url(),
    )
    return proposal


def _appraised(proposal: Proposal) -> list[Candidate]:
    candidates = list(candidates_of(proposal))
    pending = [c.name for c in candidates if c.appraisal == Appraisal.PENDING]
    if pending:
        raise ValidationError(_("Còn trường hợp chưa thẩm định: %(names)s.") % {"names": ", ".join(pending)})
    accepted = [c for c in candidates if c.appraisal == Appraisal.ACCEPTED]
    if not accepted:
        raise ValidationError(_("Không có trường hợp nào đạt thẩm định: hãy trả lại tờ trình."))
    return accepted


def _share_text(share: Fraction) -> str:
    return f"{share.numerator}/{share.denominator}"


@transaction.atomic
def send_to_council(
    actor: Any,
    proposal: Proposal,
    *,
    question: str = "",
    mode: str = VotingMode.ELECTRONIC,
    at: datetime.datetime | None = None,
) -> Proposal:
    """Put the accepted candidates to the council's secret ballot and open it (the members are told).

    The ballot takes the threshold of the ruleset in force for the award (share of *all* council members, absent
    members giving written opinions); the candidates returned at appraisal stay off the ballot. ``mode`` paper:
    the council votes in the room and Phòng TĐKT enters the count on the ballot's page.
    """
    proposal = _fresh(proposal)
    require(actor, "awards.appraise", proposal)
    _require_state(proposal, [ProposalState.SUBMITTED], _("Tờ trình không ở bước thẩm định."))
    vote = _vote_rule(proposal.award_code)
    if vote is None:
        raise ValidationError(
            _("Bộ quy tắc không quy định Hội đồng bỏ phiếu %(award)s: trình ký quyết định trực tiếp.")
            % {"award": catalogue.award_name(proposal.award_code)}
        )
    accepted = _appraised(proposal)
    opened = moment(actor, at)
    council = current_council(timezone.localdate(opened))
    if council is None or not council.members.exists():
        raise ValidationError(_("Chưa có Hội đồng Thi đua - Khen thưởng với thành viên để bỏ phiếu."))
    session = ballots.create_session(
        actor,
        question=text(question, "question", _("nội dung bỏ phiếu"), 500) or proposal.title,
        year=proposal.year,
        council=council,
        award_code=proposal.award_code,
        mode=mode,
        max_choices=len(accepted),
        threshold=_share_text(vote.share),
        threshold_comparison="ge",
        threshold_base="roll",
        rule_source=vote.cited.citation,
        candidates=[ballots.CandidateInput(person=c.person, unit=c.unit) for c in accepted],
    )
    ballots.open_session(actor, session, at=at)
    if mode != VotingMode.ELECTRONIC:  # an electronic ballot tells the members itself when it opens
        notify(
            users_of_people(council.members.values_list("person_id", flat=True)),
            title=_("Hội đồng xét, bỏ phiếu tại phòng họp: %(title)s") % {"title": proposal.title},
            body=_("%(n)s trường hợp: %(names)s.")
            % {"n": len(accepted), "names": ", ".join(c.name for c in accepted)},
            url=proposal.get_absolute_url(),
        )
    proposal.ballot = session
    proposal.state = ProposalState.IN_COUNCIL
    proposal.save(update_fields=["ballot", "state", "updated_at"])
    log_action(
        actor,
        Action.SENT_TO_COUNCIL,
        proposal,
        after={"state": proposal.state, "ballot": session.pk, "candidates": [c.name for c in accepted]},
    )
    notify(
        unit_staff([proposal.unit_id]),
        title=_("Tờ trình đã trình Hội đồng xét: %(title)s") % {"title": proposal.title},
        body=" ".join(
            filter(
                None,
                [
                    _("Đạt thẩm định, trình Hội đồng: %(names)s.")
                    % {"names": ", ".join(c.name for c in accepted)},
                    _appraisal_summary(proposal),
                ],
            )
        ),
        url=proposal.get_absolute_url(),
    )
    return proposal


@transaction.atomic
def approve_for_decision(actor: Any, proposal: Proposal) -> Proposal:
    """For an award the ruleset does not put to a council vote: the accepted candidates go to the decision."""
    proposal = _fresh(proposal)
    require(actor, "awards.appraise", proposal)
    _require_state(proposal, [ProposalState.SUBMITTED], _("Tờ trình không ở bước thẩm định."))
    if _vote_rule(proposal.award_code) is not None:
        raise ValidationError(
            _("%(award)s phải được Hội đồng bỏ phiếu: hãy trình Hội đồng.")
            % {"award": catalogue.award_name(proposal.award_code)}
        )
    accepted = _appraised(proposal)
    proposal.state = ProposalState.READY
    proposal.save(update_fields=["state", "updated_at"])
    log_action(
        actor,
        Action.PROPOSAL_APPROVED,
        proposal,
        after={"state": proposal.state, "candidates": [c.name for c in accepted]},
    )
    notify(
        unit_staff([proposal.unit_id]),
        title=_("Tờ trình đạt thẩm định, chờ quyết định: %(title)s") % {"title": proposal.title},
        body=" ".join(
            filter(
                None,
                [
                    _("Đạt: %(names)s.") % {"names": ", ".join(c.name for c in accepted)},
                    _appraisal_summary(proposal),
                ],
            )
        ),
        url=proposal.get_absolute_url(),
    )
    return proposal


@transaction.atomic
def record_council_result(actor: Any, proposal: Proposal) -> Proposal:
    """Copy the council's counted ballot onto the candidates: those it elected go to the decision; if it elected
    nobody, the proposal ends without an award."""
    proposal = _fresh(proposal)
    require(actor, "awards.appraise", proposal)
    _require_state(proposal, [ProposalState.IN_COUNCIL], _("Tờ trình không chờ kết quả Hội đồng."))
    session = proposal.ballot
    if session is None or session.state != SessionState.COUNTED:
        raise ValidationError(_("Hội đồng chưa kiểm phiếu xong."))
    lines = {
        (line.candidate.person_id, line.candidate.unit_id): line
        for line in TallyLine.objects.filter(tally__session=session).select_related("candidate")
    }
    passed = []
    for candidate in proposal.candidates.filter(appraisal=Appraisal.ACCEPTED).select_related(
        "person", "unit"
    ):
        line = lines.get((candidate.person_id, candidate.unit_id))
        candidate.council_votes = line.votes if line is not None else 0
        candidate.council_passed = line is not None and line.outcome == Outcome.ELECTED
        candidate.save(update_fields=["council_votes", "council_passed"])
        if candidate.council_passed:
            passed.append(candidate)
    proposal.state = ProposalState.READY if passed else ProposalState.CLOSED
    proposal.save(update_fields=["state", "updated_at"])
    log_action(
        actor,
        Action.COUNCIL_RESULT_RECORDED,
        proposal,
        after={"state": proposal.state, "passed": [c.name for c in passed]},
    )
    notify(
        unit_staff([proposal.unit_id]),
        title=_("Kết quả Hội đồng: %(title)s") % {"title": proposal.title},
        body=_("Hội đồng thông qua: %(names)s.") % {"names": ", ".join(c.name for c in passed)}
        if passed
        else _("Không trường hợp nào đạt tỷ lệ biểu quyết của Hội đồng."),
        url=proposal.get_absolute_url(),
    )
    return proposal
