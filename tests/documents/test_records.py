"""The award documents from the real records: an issued decision (and one of 500 entries read back from Word and
PDF), a proposal's tờ trình, a counted ballot's biên bản kiểm phiếu; the downloads' visibility; bad input."""

from __future__ import annotations

import datetime
import io
import random
import re
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from docx import Document as open_docx

from tdkt import vn
from tdkt.awards import services as awards
from tdkt.awards.models import Decision, Proposal
from tdkt.awards.services.decisions import price
from tdkt.awards.services.history import append_records, new_record
from tdkt.core.actors import SYSTEM
from tdkt.core.numbering import take_number
from tdkt.documents import render
from tdkt.documents.kinds.awards import award_list
from tdkt.documents.kinds.records import decision_data, decision_document, submission_document, tally_document
from tdkt.org import services as org_services
from tdkt.org.enums import CouncilRole, Gender, PositionLevel, UnitKind
from tdkt.org.models import CouncilMember, Person, Unit
from tests.awards.conftest import YEAR, Staff
from tests.ballots.conftest import Voters, candidate_ids, make_session
from tests.documents.conftest import needs_poppler, pdftotext

FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương")
MIDDLE = ("Văn", "Thị", "Minh", "Thu", "Đức", "Ngọc", "Hữu", "Thanh", "Quốc", "Thùy")
GIVEN = ("An", "Ánh", "Bình", "Chi", "Dũng", "Đạt", "Giang", "Hà", "Hải", "Khánh", "Lan", "Long", "Ân", "Yến")


def issue_many(
    world: Any, people: list[Person], units: list[Unit], award_code: str = "bang_khen_tinh"
) -> Decision:
    """A decision of the People's Committee with many entries, written the way ``issue_decision`` writes one
    (number from the register, bonuses priced by the rules engine, the register appended) without 500
    appraisals: the documents only read what the register holds."""
    committee = Unit(
        province=world.province,
        name="Ủy ban nhân dân tỉnh Vân Lĩnh",
        abbreviation="UBND",
        kind=UnitKind.PEOPLES_COMMITTEE,
    )
    committee.save()
    day = timezone.localdate()
    records = [new_record(p, award_code, YEAR) for p in people] + [
        new_record(u, award_code, YEAR) for u in units
    ]
    ruleset = price(records, day)
    decision = Decision.objects.create(
        issuer=committee,
        issuer_name=committee.name,
        number=take_number(committee, "QĐ", day.year),
        year=day.year,
        symbol="QĐ-UBND",
        signed_on=day,
        signer_name="Lê Văn Tám",
        signer_title="Phó Chủ tịch",
        kind="commendation",
        summary=f"Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh năm {YEAR}",
        ruleset=ruleset,
    )
    append_records(decision, records)
    return decision


@pytest.fixture
def big(world: Any) -> Decision:
    """495 people over three units (some heads and deputies) and five collectives."""
    rng = random.Random(11)
    names = rng.sample([f"{f} {m} {g}" for f in FAMILY for m in MIDDLE for g in GIVEN], 495)
    units = [world.unit_a, world.unit_b, world.unit_c]
    people = []
    for i, name in enumerate(names):
        unit = units[i % 3]
        person = org_services.create_person(
            SYSTEM, unit=unit, full_name=name, gender=Gender.FEMALE if " Thị " in name else Gender.MALE
        )
        if i < 6:
            level = PositionLevel.HEAD if i < 3 else PositionLevel.DEPUTY_HEAD
            title = "Giám đốc" if i < 3 else "Phó Giám đốc"
            org_services.appoint(
                SYSTEM, person, title=title, level=level, start_date=datetime.date(2020, 1, 1)
            )
        people.append(person)
    collectives = []
    for i in range(1, 6):
        unit = Unit(province=world.province, name=f"Trường Chính trị số {i}", abbreviation=f"TCT{i}")
        unit.save()
        collectives.append(unit)
    return issue_many(world, people, collectives)


def docx_text(docx: Any) -> str:
    """Every paragraph of the Word file, the tables' cells included (the signature sits in a table)."""
    parts = [p.text for p in docx.paragraphs]
    for table in docx.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return " ".join(" ".join(parts).split())


def _words_total(text: str) -> tuple[int, str]:
    flat = " ".join(text.split())
    found = re.findall(r"Tổng số tiền thưởng: ([\d.]+) đồng \(Bằng chữ: ([^)]+)\)", flat)
    assert found, "no total line"
    figures, words = found[-1]
    return int(figures.replace(".", "")), words


def test_the_decision_of_a_proposal_as_issued(world: Any, decided: Decision, staff: Staff) -> None:
    data = decision_data(decided)
    assert data.number == decided.number and data.date == decided.signed_on
    assert data.verb == "công nhận danh hiệu" and data.summary == decided.summary
    assert [r.name for r in data.recipients] == ["Phạm Văn Hùng"]
    record = decided.records.get()
    assert data.recipients[0].amount == record.bonus
    document = decision_document(decided)
    assert document.number_text == decided.reference
    text = "\n".join(p.text for p in open_docx(io.BytesIO(render.render(document, "docx"))).paragraphs)
    assert "Công nhận danh hiệu Chiến sĩ thi đua cơ sở cho 01 cá nhân" in " ".join(text.split())
    assert decided.reference in text


def test_500_entries_from_the_register_to_word_complete_ordered_and_totalled(
    big: Decision, django_assert_max_num_queries: Any
) -> None:
    records = list(big.records.all())
    assert len(records) == 500
    with django_assert_max_num_queries(4):  # the entries, the positions, the issuer: not one per name
        data = decision_data(Decision.objects.select_related("issuer__province").get(pk=big.pk))
    document = decision_document(big)
    docx = open_docx(io.BytesIO(render.render(document, "docx")))
    listing = docx.tables[-1]
    rows = [[cell.text for cell in row.cells] for row in listing.rows]
    names = [row[1] for row in rows if row[0].isdigit()]
    assert sorted(names) == sorted(r.subject_name for r in records)  # complete: everyone, once
    # ordered: collectives first, then each unit's people in Vietnamese order of units, heads and deputies first,
    # then by tên, họ, đệm — checked against the register directly, not against the builder's own list
    collectives = sorted((r for r in records if r.unit_id), key=lambda r: vn.sort_key(r.subject_name))
    people = [r for r in records if r.person_id]
    # the first six people created were appointed: three heads, then three deputies
    first = sorted(people, key=lambda r: r.person_id)[:6]
    rank = {r.person_id: 0 if i < 3 else 1 for i, r in enumerate(first)}
    expected_people = sorted(
        people,
        key=lambda r: (
            vn.sort_key(r.unit_name),
            rank.get(r.person_id, 100),
            vn.name_sort_key(r.subject_name),
        ),
    )
    assert names == [r.subject_name for r in collectives] + [r.subject_name for r in expected_people]
    spanning = [row[0] for row in rows if len(set(row)) == 1 and not row[0].startswith(("I.", "II."))]
    assert spanning == sorted({r.unit_name for r in people}, key=vn.sort_key)
    total = sum(r.bonus or 0 for r in records)
    assert total > 0
    assert rows[-1][1] == "Tổng cộng" and rows[-1][3] == f"{total:,}".replace(",", ".")
    figures, words = _words_total("\n".join(p.text for p in docx.paragraphs))
    assert figures == total and words == vn.amount_in_words(total)
    assert data.recipients and all(
        r.amount == (rec.bonus or 0) for r, rec in zip(data.recipients, records, strict=True)
    )


@needs_poppler
def test_500_entries_to_pdf_complete_ordered_and_totalled(big: Decision, tmp_path: Path) -> None:
    data = decision_data(big)
    text = pdftotext(render.render(decision_document(big), "pdf"), tmp_path)
    expected = [r.cells[1] for r in award_list(data.recipients).table.rows if r.cells[0].isdigit()]
    assert len(expected) == 500
    positions = [text.find(name) for name in expected]
    assert all(p >= 0 for p in positions), "a name is missing from the PDF"
    assert positions == sorted(positions)
    total = sum(r.bonus or 0 for r in big.records.all())
    figures, words = _words_total(text)
    assert figures == total and words == vn.amount_in_words(total)
    assert big.reference in text


def test_decision_download_follows_the_decision_page(world: Any, decided: Decision) -> None:
    url = reverse("documents:award_decision", args=[decided.pk, "docx"])
    for persona in ("admin", "officer_a"):
        response = world.client(persona).get(url)
        assert response.status_code == 200, persona
        assert response["Content-Disposition"] == 'attachment; filename="quyet-dinh-khen-thuong.docx"'
    assert world.client("officer_b").get(url).status_code == 404  # another unit's decision
    assert world.client("anonymous").get(url).status_code == 302  # to the sign-in page
    assert (
        world.client("admin").get(reverse("documents:award_decision", args=[decided.pk, "odt"])).status_code
        == 404
    )
    page = world.client("officer_a").get(decided.get_absolute_url()).content.decode()
    assert reverse("documents:award_decision", args=[decided.pk, "pdf"]) in page
    assert reverse("documents:decision_certificates", args=[decided.pk]) not in page  # printing: Phòng TĐKT
    page = world.client("admin").get(decided.get_absolute_url()).content.decode()
    assert reverse("documents:decision_certificates", args=[decided.pk]) in page


def test_an_external_decision_is_not_rewritten(world: Any) -> None:
    record = awards.record_past_award(
        SYSTEM,
        world.person_a,
        award_code="chien_si_thi_dua_co_so",
        year=YEAR - 2,
        decision=awards.DecisionRef(
            issuer_name="Sở Kế hoạch và Đầu tư",
            number=15,
            symbol="QĐ-SKHĐT",
            signed_on=datetime.date(YEAR - 1, 1, 10),
            signer_name="Lê Văn Giám",
        ),
    )
    with pytest.raises(ValidationError, match="ngoài hệ thống"):
        decision_document(record.decision)
    page = world.client("admin").get(record.decision.get_absolute_url()).content.decode()
    assert reverse("documents:award_decision", args=[record.decision.pk, "pdf"]) not in page


def test_the_submission_of_a_proposal(world: Any, submitted: Proposal, staff: Staff) -> None:
    url = reverse("documents:award_proposal", args=[submitted.pk, "docx"])
    client = world.client("officer_a")
    # Nobody heads unit A yet: a clear error on the proposal's page, and no file.
    response = client.get(url, follow=True)
    assert response.redirect_chain[0][0] == submitted.get_absolute_url()
    assert "Tờ trình chưa có người ký" in response.content.decode()
    head = org_services.create_person(SYSTEM, unit=world.unit_a, full_name="Trần Văn An", gender=Gender.MALE)
    org_services.appoint(
        SYSTEM, head, title="Giám đốc", level=PositionLevel.HEAD, start_date=datetime.date(2020, 1, 1)
    )
    response = client.get(url)
    assert response.status_code == 200
    docx = open_docx(io.BytesIO(response.content))
    text = docx_text(docx)
    assert "TỜ TRÌNH" in text and "Về việc đề nghị công nhận danh hiệu Chiến sĩ thi đua cơ sở" in text
    assert "Trần Văn An" in text and "GIÁM ĐỐC SỞ KẾ HOẠCH VÀ ĐẦU TƯ" in text
    names = [row.cells[1].text for row in docx.tables[-1].rows if row.cells[0].text.isdigit()]
    assert sorted(names) == sorted(["Phạm Văn Hùng", "Vũ Thị Lan"])
    assert "DỰ THẢO" not in text  # sent: the unit's tờ trình as it went
    assert world.client("officer_b").get(url).status_code == 404
    page = client.get(submitted.get_absolute_url()).content.decode()
    assert reverse("documents:award_proposal", args=[submitted.pk, "pdf"]) in page


def test_a_draft_proposal_prints_as_a_draft(world: Any, proposal: Proposal) -> None:
    head = org_services.create_person(SYSTEM, unit=world.unit_a, full_name="Trần Văn An", gender=Gender.MALE)
    org_services.appoint(
        SYSTEM, head, title="Giám đốc", level=PositionLevel.HEAD, start_date=datetime.date(2020, 1, 1)
    )
    assert submission_document(proposal).draft


def test_the_council_vote_count(world: Any, ready: Proposal) -> None:
    session = ready.ballot
    assert session is not None
    url = reverse("documents:ballot_tally", args=[session.pk, "docx"])
    # The council has no chair or secretary on record and Phòng TĐKT's account is nobody's: no signer.
    with pytest.raises(ValidationError, match="chưa có người ký"):
        tally_document(session)
    assert world.client("admin").get(url).status_code == 302
    chair = org_services.create_person(SYSTEM, unit=world.unit_c, full_name="Hồ Văn Chủ", gender=Gender.MALE)
    CouncilMember.objects.create(
        council=world.council, person=chair, role=CouncilRole.CHAIR, title="Chủ tịch"
    )
    response = world.client("council").get(url)
    assert response.status_code == 200
    docx = open_docx(io.BytesIO(response.content))
    text = docx_text(docx)
    assert "Hồ Văn Chủ" in text and "CHỦ TỊCH HỘI ĐỒNG" in text
    assert "BIÊN BẢN" in text and "Số phiếu hợp lệ: 1" in text and "Cách tính kết quả" in text
    grid = next(t for t in docx.tables if t.rows[0].cells[0].text == "STT")
    lines = [[c.text for c in row.cells] for row in grid.rows if row.cells[0].text.isdigit()]
    assert lines == [["1", "Phạm Văn Hùng\n" + world.unit_a.name, "1", "100,00%", "Đạt"]]
    assert world.client("officer_b").get(url).status_code == 404
    results = world.client("council").get(reverse("ballots:results", args=[session.pk])).content.decode()
    assert reverse("documents:ballot_tally", args=[session.pk, "pdf"]) in results


def test_no_vote_count_before_counting(world: Any, in_council: Proposal) -> None:
    session = in_council.ballot
    assert session is not None
    url = reverse("documents:ballot_tally", args=[session.pk, "pdf"])
    assert world.client("admin").get(url).status_code == 404


def test_a_decision_without_recipients_or_signer_is_refused_before_any_file(
    world: Any, decided: Decision, tmp_path: Path
) -> None:
    with pytest.raises(ValidationError, match="chưa có tập thể, cá nhân nào"):
        decision_data(decided, records=[])
    unsigned = Decision.objects.create(
        issuer=world.unit_a,
        issuer_name=world.unit_a.name,
        number=99,
        year=decided.year,
        symbol=decided.symbol,
        signed_on=decided.signed_on,
        kind="commendation",
        summary="Về việc tặng Giấy khen",
    )
    append_records(unsigned, [new_record(world.person_a, "giay_khen", YEAR)])
    out = tmp_path / "out"
    for fmt in ("docx", "pdf"):
        with pytest.raises(ValidationError, match="chưa có người ký"):
            render.write(decision_document(unsigned), out / f"qd.{fmt}")
    assert not out.exists()
    # on the page: back to the decision with the reason, no file
    response = world.client("admin").get(
        reverse("documents:award_decision", args=[unsigned.pk, "pdf"]), follow=True
    )
    assert response.redirect_chain[0][0] == unsigned.get_absolute_url()
    assert "Quyết định chưa có người ký" in response.content.decode()


def test_a_block_vote_count(world: Any, voters: Voters) -> None:
    from tdkt.ballots import services as ballots

    session = ballots.open_session(world.users["block_head"], make_session(world))
    first, second = candidate_ids(session)[:2]
    for i, account in enumerate(voters.accounts.values()):
        ballots.cast_ballot(account, session, [first if i < 6 else second])
    ballots.close_session(world.users["block_head"], session)
    ballots.count_session(world.users["block_head"], session)
    session.refresh_from_db()
    url = reverse("documents:ballot_tally", args=[session.pk, "docx"])
    with pytest.raises(ValidationError, match="chưa có người ký"):  # nobody heads the head unit yet
        tally_document(session)
    head = org_services.create_person(SYSTEM, unit=world.unit_a, full_name="Trần Văn An", gender=Gender.MALE)
    org_services.appoint(
        SYSTEM, head, title="Giám đốc", level=PositionLevel.HEAD, start_date=datetime.date(2020, 1, 1)
    )
    response = world.client("officer_b").get(url)
    assert response.status_code == 200
    docx = open_docx(io.BytesIO(response.content))
    text = docx_text(docx)
    assert "/BB-KTMTH" in text  # the block issues its own minutes
    assert "kiểm phiếu đề nghị tặng Cờ thi đua" in text and "Phiếu bầu điện tử" in text
    assert "Trần Văn An" in text and "ĐẠI DIỆN KHỐI TRƯỞNG" in text
    grid = next(t for t in docx.tables if t.rows[0].cells[0].text == "STT")
    votes = [row.cells[2].text for row in grid.rows if row.cells[0].text.isdigit()]
    assert votes[:2] == ["6", "3"] and "tổng số người có quyền bỏ phiếu" in grid.rows[0].cells[3].text
    assert world.client("officer_c").get(url).status_code == 404  # not on the block's roll
