"""Sample documents from the demo data, one of every type (``tdkt render-samples``, the tests, the benchmark).

The cycle documents come from the demo block's 2020 story. The award documents come from the demo's own records
where they exist — the 2025 Emulation Flag: its proposal's tờ trình, the council's vote count, the decision and its
certificates, each through :mod:`tdkt.documents.kinds.records` as the pages make them. Where they do not (a demo
loaded before the flag's day), they are built over plain data as before: the recipients are real people and units
of the demo; the bonus amounts and the vote counts are illustrative figures read from ``data/samples.json`` (the
amounts are the worked examples of the legal brief §2.6 at the 2,340,000 đồng base salary).
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from tdkt.awards.enums import DecisionKind, Rating
from tdkt.awards.models import Decision, PersonYear
from tdkt.documents.certificates import CertificateData, design_for
from tdkt.documents.kinds.achievements import collective_report, individual_report
from tdkt.documents.kinds.awards import DecisionData, Recipient, SubmissionData, decision, submission
from tdkt.documents.kinds.common import balanced_lines, head_of, unit_issuer
from tdkt.documents.kinds.cycle import (
    block_report_document,
    invitation_document,
    minutes_document,
    pledge_document,
)
from tdkt.documents.kinds.records import (
    certificate_items,
    decision_document,
    submission_document,
    tally_document,
)
from tdkt.documents.kinds.tally import TallyCandidate, TallyData, tally
from tdkt.documents.layout import Authority, Document, Issuer, Signer
from tdkt.emulation.models import Pledge
from tdkt.meetings.enums import MeetingKind
from tdkt.meetings.models import Meeting
from tdkt.org.enums import PositionLevel, UnitKind
from tdkt.org.models import EmulationBlock, Position, Unit
from tdkt.reports.models import BlockReport

DATA = Path(__file__).parent / "data" / "samples.json"
RANKS = {PositionLevel.HEAD: 0, PositionLevel.DEPUTY_HEAD: 1, PositionLevel.DIVISION_HEAD: 2}


def sample_data() -> dict[str, Any]:
    return dict(json.loads(DATA.read_text(encoding="utf-8")))


@dataclass(frozen=True)
class Sample:
    name: str  # file stem
    build: Callable[[], Document]


def _seed_block() -> EmulationBlock:
    return EmulationBlock.objects.select_related("province").order_by("pk").first()  # type: ignore[return-value]


def _committee() -> Unit:
    return Unit.objects.select_related("province").get(kind=UnitKind.PEOPLES_COMMITTEE, parent__isnull=True)


def _deputy_chair_signer(committee: Unit, day: datetime.date) -> Signer:
    deputy = (
        Position.objects.filter(unit=committee, level=PositionLevel.DEPUTY_HEAD)
        .select_related("person")
        .first()
    )
    head = head_of(committee, day)
    if deputy is not None:
        return Signer(
            name=deputy.person.full_name, position="PHÓ CHỦ TỊCH", authority=((Authority.KT, "CHỦ TỊCH"),)
        )
    name = head[1].full_name if head is not None else "Nguyễn Văn An"
    return Signer(name=name, position="CHỦ TỊCH")


def award_recipients(count: int | None = None) -> list[Recipient]:
    """Collectives (units of the demo block) and people (leaders and officers of the demo's units)."""
    data = sample_data()
    amounts = data["amounts"]
    block = _seed_block()
    units = list(Unit.objects.filter(memberships__block=block, memberships__year=2020).order_by("pk")[:2])
    recipients = [
        Recipient(name=u.name, collective=True, unit="", amount=amounts["collective"]) for u in units
    ]
    positions = (
        Position.objects.filter(end_date__isnull=True)
        .exclude(unit__kind=UnitKind.PEOPLES_COMMITTEE)
        .select_related("person", "unit")
        .order_by("pk")
    )
    for position in positions[: count if count is not None else data["people"]]:
        recipients.append(
            Recipient(
                name=position.person.full_name,
                unit=position.unit.name,
                position=position.title,
                amount=amounts["individual"],
                rank=RANKS.get(PositionLevel(position.level), 100),
            )
        )
    return recipients


def decision_data(recipients: list[Recipient] | None = None, number: int | None = 5) -> DecisionData:
    data = sample_data()
    committee = _committee()
    day = datetime.date.fromisoformat(data["decision_date"])
    province = committee.province.name
    return DecisionData(
        issuer=unit_issuer(committee),
        authority_line=f"CHỦ TỊCH ỦY BAN NHÂN DÂN {province.upper()}",
        authority_short="Chủ tịch Ủy ban nhân dân tỉnh",
        award="Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        reason=data["reason"],
        recipients=tuple(recipients if recipients is not None else award_recipients()),
        signer=_deputy_chair_signer(committee, day),
        place=committee.province.place_name,
        date=day,
        number=number,
        legal_bases=(*tuple(data["legal_bases"]), data["proposal"]),
        executors=tuple(data["executors"]),
        fund="Quỹ thi đua, khen thưởng tỉnh",
        distribution=("Như Điều 3", "Chủ tịch, các PCT UBND tỉnh", "Lưu: VT, SNV"),
    )


def submission_data() -> SubmissionData:
    data = sample_data()
    snv = Unit.objects.select_related("province").get(abbreviation="SNV")
    day = datetime.date.fromisoformat(data["submission_date"])
    head = head_of(snv, day)
    return SubmissionData(
        issuer=unit_issuer(snv),
        issuer_label=snv.name,
        addressee="Chủ tịch Ủy ban nhân dân tỉnh",
        award="Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        reason=data["reason"],
        recipients=tuple(award_recipients()),
        signer=Signer(name=head[1].full_name if head else "", position=head[0] if head else "GIÁM ĐỐC"),
        place=snv.province.place_name,
        date=day,
        number=12,
        grounds=tuple(data["legal_bases"][1:]),
        review=data["council_review"],
        distribution=("Như trên", "Lưu: VT, TĐKT"),
    )


def tally_data() -> TallyData:
    data = sample_data()["tally"]
    block = _seed_block()
    units = list(Unit.objects.filter(memberships__block=block, memberships__year=2020).order_by("name_sort"))
    votes = data["votes"]
    province = block.province
    return TallyData(
        issuer=Issuer(
            name=balanced_lines("HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG TỈNH"),
            code="HĐTĐKT",
            parent=f"UBND {province.name.upper()}",
        ),
        subject=data["subject"],
        held_at=datetime.datetime.fromisoformat(data["held_at"]).replace(tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")),
        venue=data["venue"],
        place=province.place_name,
        committee=tuple((m["name"], m["role"]) for m in data["committee"]),
        members_total=data["members_total"],
        members_present=data["members_present"],
        ballots_issued=data["members_present"],
        ballots_received=data["members_present"],
        ballots_valid=data["members_present"],
        candidates=tuple(
            TallyCandidate(
                name=u.name,
                votes=v,
                result="Đạt" if v * 100 >= data["threshold_percent"] * data["members_total"] else "Không đạt",
            )
            for u, v in zip(units, votes, strict=False)
        ),
        signers=tuple(Signer(name=m["name"], position=m["signs_as"]) for m in data["committee"][:2]),
        rule=data["rule"],
        number=3,
    )


def demo_decision() -> Decision | None:
    """The demo's latest decision issued in the system (the 2025 Emulation Flag), if the demo has one."""
    return (
        Decision.objects.filter(external=False, kind__in=[DecisionKind.COMMENDATION, DecisionKind.TITLE])
        .filter(records__isnull=False)
        .select_related("issuer__province", "proposal__unit__province", "proposal__ballot")
        .order_by("-signed_on", "-pk")
        .first()
    )


def decision_certificates(
    item: Decision, base_url: str = "http://127.0.0.1:8000"
) -> tuple[str, list[CertificateData]]:
    """The certificates of a real decision, with their verification codes (made if the decision has none)."""
    from tdkt.documents.services import certificate_codes

    codes = certificate_codes(item.records.filter(cancellation__isnull=True))
    return certificate_items(item, codes, lambda code: f"{base_url}/xac-minh/{code}/")


def certificates(
    recipients: list[Recipient] | None = None, base_url: str = "http://127.0.0.1:8000"
) -> list[CertificateData]:
    """Plain-data certificates (a list of the demo's people): the benchmark's and the fallback's."""
    decision = decision_data(recipients)
    design = design_for("bang_khen_tinh")
    items = []
    for i, r in enumerate(decision.recipients, start=1):
        items.append(
            CertificateData(
                recipient=r.name,
                collective=r.collective,
                details=", ".join(part for part in (r.position, r.unit) if part),
                achievement=decision.reason,
                award=design.award,
                issuer_line=decision.authority_line,
                decision_number=f"{decision.number:02d}/QĐ-UBND" if decision.number else "",
                decision_date=decision.date,
                place=decision.place,
                signer=decision.signer,  # type: ignore[arg-type]
                verification_url=f"{base_url}/xac-minh/{2025_000_000 + i}/",
                register_number=f"{i:04d}",
            )
        )
    return items


def samples() -> list[Sample]:
    """Every document type, built from the demo (a missing object raises DoesNotExist)."""
    block = _seed_block()
    meeting = Meeting.objects.select_related("block", "host_unit__province", "chair", "secretary").get(
        block=block, year=2020, kind=MeetingKind.MIDYEAR_REVIEW
    )
    report = BlockReport.objects.select_related("template__block__province").get(
        template__block=block, template__year=2020
    )
    pledge = Pledge.objects.select_related("block__province", "table").get(block=block, year=2020)
    version = report.final_version or report.current_version
    assert version is not None
    real = demo_decision()
    proposal = real.proposal if real is not None else None
    session = proposal.ballot if proposal is not None else None
    return [
        Sample("01-giao-uoc-thi-dua", lambda: pledge_document(pledge)),
        Sample("02-giay-moi-hoi-nghi", lambda: invitation_document(meeting)),
        Sample("03-bao-cao-so-ket", lambda: block_report_document(report, version)),
        Sample("04-bien-ban-hoi-nghi", lambda: minutes_document(meeting)),
        Sample(
            "05-bien-ban-kiem-phieu",
            (lambda: tally_document(session)) if session is not None else lambda: tally(tally_data()),
        ),
        Sample(
            "06-to-trinh-khen-thuong",
            (lambda: submission_document(proposal))
            if proposal is not None
            else lambda: submission(submission_data()),
        ),
        Sample(
            "07-quyet-dinh-khen-thuong",
            (lambda: decision_document(real)) if real is not None else lambda: decision(decision_data()),
        ),
        *achievement_samples(),
    ]


#: An illustrative narrative for the sample report: in real use the unit writes it on the proposal's candidate.
SAMPLE_ACHIEVEMENTS = (
    "Được giao phụ trách công tác tổng hợp, theo dõi thi đua, khen thưởng của đơn vị; tham mưu xây dựng kế hoạch "
    "công tác năm và tổ chức thực hiện đúng tiến độ.\n"
    "Trong năm, hoàn thành 100% nhiệm vụ được giao, trong đó nhiều nhiệm vụ hoàn thành trước thời hạn; chủ trì "
    "số hóa hồ sơ khen thưởng của đơn vị, rút ngắn thời gian tra cứu, tổng hợp."
)


def achievement_samples() -> list[Sample]:
    """The individual's report of a person rated HTXSNV in the demo, proposed for Chiến sĩ thi đua cấp tỉnh (three
    years considered; the narrative filled in), and the
    collective report of that person's unit (with the narrative left for the unit)."""
    rated = (
        PersonYear.objects.filter(rating=Rating.HTXSNV)
        .select_related("person__unit__province")
        .order_by("-year", "person__name_sort", "pk")
        .first()
    )
    if rated is None:
        return []
    person, year = rated.person, rated.year
    unit = Unit.objects.select_related("province", "parent").get(pk=person.unit_id)
    return [
        Sample(
            "10-bao-cao-thanh-tich-ca-nhan",
            lambda: individual_report(
                person, year=year, award_code="chien_si_thi_dua_tinh", achievements=SAMPLE_ACHIEVEMENTS
            ),
        ),
        Sample(
            "11-bao-cao-thanh-tich-tap-the",
            lambda: collective_report(unit, year=year, award_code="tap_the_lao_dong_xuat_sac"),
        ),
    ]


def sample_certificates() -> tuple[str, list[CertificateData]]:
    """(design, certificates): the demo decision's when there is one, else the plain-data list."""
    real = demo_decision()
    if real is not None:
        return decision_certificates(real)
    return "bang_khen_tinh", certificates()
