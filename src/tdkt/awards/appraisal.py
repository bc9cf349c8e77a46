"""What a proposal's candidates are checked against: the verdict of the rules engine with its reasons, the
dossier list of the ruleset, holds, and the same award already given for the same period.

Used three times: beside each candidate while the unit writes the proposal (so nobody proposes blind), by Phòng
TĐKT's appraisal (which stores the result on the candidate), and before a decision is issued.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tdkt import rules, vn
from tdkt.awards import catalogue
from tdkt.awards.catalogue import hold_kinds
from tdkt.awards.eligibility import person_subjects, unit_subjects, verdicts_for
from tdkt.awards.initiatives import Basis, bases_for, use_text
from tdkt.awards.models import AwardRecord, Candidate, DossierFile, Hold, Proposal
from tdkt.rules import Status

STATUS_LABELS = {
    Status.ELIGIBLE: gettext_lazy("Đủ điều kiện"),
    Status.NEEDS_REVIEW: gettext_lazy("Cần xem xét"),
    Status.NOT_ELIGIBLE: gettext_lazy("Không đủ điều kiện"),
}


def status_label(status: str) -> str:
    return str(STATUS_LABELS.get(Status(status), status))


@dataclass
class Check:
    """One line of an appraisal: what was checked, whether it holds (None: for a person to judge), the basis."""

    check: str  # "verdict" | "dossier" | "hold" | "duplicate" | "initiative"
    met: bool | None
    text: str
    citation: str = ""

    def as_json(self) -> dict[str, Any]:
        return {"check": self.check, "met": self.met, "text": self.text, "citation": self.citation}


@dataclass
class CandidateCheck:
    """Everything known about one candidate: the verdict (status, reasons) and the appraisal's checks."""

    candidate: Candidate
    ruleset: str
    status: str
    reasons: list[rules.Reason]
    checks: list[Check] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        return status_label(self.status)

    @property
    def blocking(self) -> list[Check]:
        """Checks that bar acceptance: a verdict of not eligible, a missing dossier item, a hold, a duplicate, an
        initiative already used for another award that the proposal needs."""
        return [check for check in self.checks if check.met is False]

    @property
    def failed_reasons(self) -> list[rules.Reason]:
        return [reason for reason in self.reasons if reason.met is False]

    def as_json(self, as_of: datetime.date) -> dict[str, Any]:
        return {
            "as_of": as_of.isoformat(),
            "ruleset": self.ruleset,
            "status": str(self.status),
            "reasons": [
                {"met": r.met, "text": r.text, "citation": r.citation, "basis": str(r.basis)}
                for r in self.reasons
            ],
            "checks": [check.as_json() for check in self.checks],
        }


def dossier_items(proposal: Proposal, on: datetime.date | None = None) -> list[str]:
    """The dossier list of the ruleset in force for the proposal's award (empty when the ruleset gives none)."""
    ruleset = rules.ruleset_for(on or timezone.localdate())
    award = ruleset.awards.get(proposal.award_code)
    if award is None or award.dossier is None:
        return []
    return list(award.dossier.items)


def dossier_citation(proposal: Proposal, on: datetime.date | None = None) -> str:
    ruleset = rules.ruleset_for(on or timezone.localdate())
    award = ruleset.awards.get(proposal.award_code)
    return award.dossier.cited.citation if award is not None and award.dossier is not None else ""


def missing_items(items: list[str], files: list[DossierFile], candidate: Candidate) -> list[str]:
    """Dossier items with no file for this candidate (a file filed for the whole proposal covers everyone)."""
    covered = {f.item for f in files if f.candidate_id is None or f.candidate_id == candidate.pk}
    return [item for item in items if item not in covered]


def check_candidates(
    proposal: Proposal, candidates: list[Candidate], as_of: datetime.date | None = None
) -> list[CandidateCheck]:
    """The verdict with its reasons and the appraisal's checks for each candidate, as of ``as_of`` (today)."""
    as_of = as_of or timezone.localdate()
    people = [c.person for c in candidates if c.person is not None]
    units = [c.unit for c in candidates if c.unit is not None]
    subjects = person_subjects(people, proposal.year, as_of) + unit_subjects(units, proposal.year, as_of)
    ruleset, verdicts = verdicts_for(subjects, proposal.award_code, proposal.year, as_of)
    files = list(DossierFile.objects.filter(proposal=proposal))
    items = dossier_items(proposal, as_of)
    citation = dossier_citation(proposal, as_of)
    holds = _active_holds(candidates, as_of)
    duplicates = _duplicates(proposal, candidates)
    bases = bases_for(
        proposal.award_code,
        proposal.year,
        [(int(subject.id), subject) for subject in subjects[: len(people)]],  # people come first
        as_of,
        ruleset,
        relied=False,
    )
    names = hold_kinds()
    out = []
    for candidate in candidates:
        key = str(candidate.person_id if candidate.person_id is not None else candidate.unit_id)
        verdict = verdicts[key]
        result = CandidateCheck(candidate, ruleset.id, str(verdict.status), list(verdict.reasons))
        failed = [r.text for r in verdict.reasons if r.met is False]
        result.checks.append(_verdict_check(ruleset, proposal, verdict, failed))
        if items:
            missing = missing_items(items, files, candidate)
            result.checks.append(
                Check(
                    "dossier",
                    not missing,
                    _("Hồ sơ đủ thành phần")
                    if not missing
                    else _("Hồ sơ còn thiếu: %(items)s") % {"items": "; ".join(missing)},
                    citation,
                )
            )
        else:
            own = [f for f in files if f.candidate_id in (None, candidate.pk)]
            result.checks.append(
                Check(
                    "dossier",
                    bool(own),
                    _(
                        "Bộ quy tắc không liệt kê thành phần hồ sơ cho danh hiệu, hình thức này; đã có %(n)s tệp"
                    )
                    % {"n": len(own)}
                    if own
                    else _("Chưa có tệp hồ sơ nào"),
                    citation,
                )
            )
        active = holds.get(key, [])
        result.checks.append(
            Check(
                "hold",
                not active,
                _("Không thuộc trường hợp chưa xét khen thưởng")
                if not active
                else _("Đang trong diện chưa xét khen thưởng: %(kinds)s")
                % {
                    "kinds": ", ".join(
                        names.get(h.kind, h.kind) + f" (từ {vn.short_date(h.start)})" for h in active
                    )
                },
                ruleset.hold.citation,
            )
        )
        earlier = duplicates.get(key)
        result.checks.append(
            Check(
                "duplicate",
                earlier is None,
                _("Chưa được %(award)s cho cùng kỳ") % {"award": catalogue.award_name(proposal.award_code)}
                if earlier is None
                else _("Đã được %(award)s năm %(year)s theo quyết định %(ref)s")
                % {
                    "award": earlier.award_name,
                    "year": earlier.year,
                    "ref": earlier.decision.reference,
                },
                ruleset.duplicate.citation,
            )
        )
        if candidate.person_id is not None:
            initiative = _initiative_check(ruleset, bases.get(candidate.person_id))
            if initiative is not None:
                result.checks.append(initiative)
        out.append(result)
    return out


def _initiative_check(ruleset: rules.Ruleset, basis: Basis | None) -> Check | None:
    """An initiative counts once (Công văn 5007/BNV-TĐKT năm 2023): a line only for a person with initiatives
    already used for another award — failing when the verdict would need them."""
    if basis is None or not basis.used_elsewhere:
        return None
    principle = next((p for p in ruleset.principles if p.id == "initiative_single_use"), None)
    citation = principle.cited.citation if principle is not None else ""
    if basis.reused:
        return Check(
            "initiative",
            False,
            _(
                "Đề nghị dựa vào sáng kiến đã được dùng làm căn cứ khen thưởng khác, không được tính lại: %(uses)s"
            )
            % {"uses": "; ".join(use_text(i, u) for i, u in basis.reused)},
            citation,
        )
    return Check(
        "initiative",
        True,
        _(
            "Sáng kiến đã dùng làm căn cứ khen thưởng khác không được tính lại và đề nghị không cần đến: %(uses)s"
        )
        % {"uses": "; ".join(use_text(i, u) for i, u in basis.used_elsewhere)},
        citation,
    )


def _verdict_check(
    ruleset: rules.Ruleset, proposal: Proposal, verdict: rules.Verdict, failed: list[str]
) -> Check:
    """The verdict as an appraisal check. Not eligible bars acceptance — unless the award has other routes the
    engine does not compute (outstanding achievements judged on the dossier) and no principle (hold, discipline,
    the same award for the year) is broken: then it is for Phòng TĐKT to judge."""
    text = _("Kết quả xét điều kiện theo %(ruleset)s: %(status)s") % {
        "ruleset": ruleset.name,
        "status": status_label(verdict.status),
    }
    met: bool | None = verdict.status != Status.NOT_ELIGIBLE
    award = ruleset.awards.get(proposal.award_code)
    others = [r.label for r in award.routes_for(proposal.subject_kind) if not r.evaluated] if award else []
    principles = (ruleset.hold_label, ruleset.discipline_label, ruleset.duplicate_label)
    broken = [r for r in verdict.reasons if r.met is False and r.text.startswith(principles)]
    if not met and others and not broken:
        met = None
        text += " " + _("theo các trường hợp tính tự động; còn xét theo hồ sơ: %(routes)s") % {
            "routes": "; ".join(others)
        }
    elif failed:
        text += f" — {'; '.join(failed)}"
    return Check("verdict", met, text, ruleset.cited.citation)


def _active_holds(candidates: list[Candidate], as_of: datetime.date) -> dict[str, list[Hold]]:
    person_ids = [c.person_id for c in candidates if c.person_id is not None]
    unit_ids = [c.unit_id for c in candidates if c.unit_id is not None]
    found: dict[str, list[Hold]] = {}
    for hold in (
        Hold.objects.filter(Q(person_id__in=person_ids) | Q(unit_id__in=unit_ids), start__lte=as_of)
        .filter(Q(end__isnull=True) | Q(end__gte=as_of))
        .order_by("start")
    ):
        found.setdefault(str(hold.person_id or hold.unit_id), []).append(hold)
    return found


def _duplicates(proposal: Proposal, candidates: list[Candidate]) -> dict[str, AwardRecord]:
    """Standing register entries of the proposal's award whose period overlaps the one proposed."""
    first = proposal.year - catalogue.period_years(proposal.award_code) + 1
    person_ids = [c.person_id for c in candidates if c.person_id is not None]
    unit_ids = [c.unit_id for c in candidates if c.unit_id is not None]
    records = AwardRecord.objects.filter(
        award_code=proposal.award_code,
        year__gte=first,
        first_year__lte=proposal.year,
        cancellation__isnull=True,
    ).select_related("decision")
    found: dict[str, AwardRecord] = {}
    for record in records.filter(person_id__in=person_ids):
        found.setdefault(str(record.person_id), record)
    for record in records.filter(unit_id__in=unit_ids):
        found.setdefault(str(record.unit_id), record)
    return found
