"""Personas × every awards page and action: the owner, a colleague, another unit, Phòng TĐKT, the council, a
viewer, anonymous. Outsiders get 404 for objects they must not know exist; insiders without the right get 403."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tdkt.awards.enums import Appraisal, ProposalState
from tdkt.awards.models import Hold, PersonYear, Proposal

from .conftest import YEAR, candidate, pdf

PERSONAS = ("admin", "officer_a", "leader_a", "viewer_a", "officer_b", "officer_c", "council", "anonymous")


def status(world, persona, url, method="get", data=None):
    client = world.client(persona)
    response = getattr(client, method)(url, data or {})
    if persona == "anonymous" and response.status_code == 302:
        assert response["Location"].startswith(reverse("login"))
        return "login"
    return response.status_code


def expect(world, url, table, method="get", data=None):
    got = {persona: status(world, persona, url, method, data) for persona in table}
    assert got == table, url


def test_lists_and_the_register(world, decided):
    for name in (
        "awards:proposal_list",
        "awards:decision_list",
        "awards:register",
        "documents:register_export",
    ):
        expect(world, reverse(name), {p: 200 for p in PERSONAS[:-1]} | {"anonymous": "login"})
    # the register's old export address hands over to the documents app
    expect(world, reverse("awards:register_export"), {p: 302 for p in PERSONAS[:-1]} | {"anonymous": "login"})
    expect(
        world,
        reverse("documents:decision_list", args=[decided.pk]),
        {
            "admin": 200,
            "officer_a": 200,
            "leader_a": 200,
            "viewer_a": 200,
            "officer_b": 404,
            "officer_c": 404,
            "council": 200,
            "anonymous": "login",
        },
    )


def test_opening_a_proposal(world):
    expect(
        world,
        reverse("awards:proposal_create"),
        {
            "admin": 403,
            "officer_a": 200,
            "leader_a": 200,
            "viewer_a": 403,
            "officer_b": 200,
            "officer_c": 200,
            "council": 403,
            "anonymous": "login",
        },
    )
    response = world.client("officer_a").post(
        reverse("awards:proposal_create"),
        {"award_code": "chien_si_thi_dua_co_so", "subject_kind": "individual", "year": YEAR},
    )
    proposal = Proposal.objects.get()
    assert response.status_code == 302 and response["Location"] == proposal.get_absolute_url()
    assert proposal.unit == world.unit_a
    page = world.client("officer_a").post(
        reverse("awards:proposal_create"), {"award_code": "bang_khen_tinh", "subject_kind": "", "year": YEAR}
    )
    assert page.status_code == 200 and Proposal.objects.count() == 1
    # a title for collectives only: the kind chosen on the form does not matter
    world.client("officer_a").post(
        reverse("awards:proposal_create"),
        {"award_code": "tap_the_lao_dong_tien_tien", "subject_kind": "individual", "year": YEAR},
    )
    assert Proposal.objects.get(award_code="tap_the_lao_dong_tien_tien").subject_kind == "collective"


def test_a_draft_is_seen_only_by_its_unit(world, proposal):
    url = proposal.get_absolute_url()
    expect(
        world,
        url,
        {
            "admin": 404,
            "officer_a": 200,
            "leader_a": 200,
            "viewer_a": 200,
            "officer_b": 404,
            "officer_c": 404,
            "council": 404,
            "anonymous": "login",
        },
    )
    page = world.client("officer_a").get(url).content.decode()
    assert "Không đủ điều kiện" in page and "Đủ điều kiện" in page
    assert "Được đánh giá, xếp loại từ hoàn thành tốt nhiệm vụ trở lên — năm" in page  # Lan's reason
    assert 'id="candidates-form"' in page and 'id="dossier-form"' in page
    assert 'id="candidates-form"' not in world.client("viewer_a").get(url).content.decode()


def test_a_submitted_proposal_reaches_phong_tdkt_and_the_council_once_referred(world, submitted, staff):
    url = submitted.get_absolute_url()
    table = {"admin": 200, "officer_a": 200, "officer_b": 404, "council": 404, "viewer_a": 200}
    expect(world, url, table)
    page = world.client("admin").get(url).content.decode()
    assert page.count('class="stack appraise-form"') == 2 and "Trả lại cả tờ trình" in page
    admin = world.users["admin"]
    from tdkt.awards import services

    services.appraise_candidate(admin, candidate(submitted, staff.hung), accept=True)
    services.appraise_candidate(admin, candidate(submitted, staff.lan), accept=False, reason="Chưa đạt.")
    services.send_to_council(admin, submitted)
    expect(world, url, {"council": 200, "officer_b": 404})


@pytest.mark.parametrize(
    ("persona", "code", "state"),
    [
        ("officer_a", 302, ProposalState.SUBMITTED),
        ("leader_a", 302, ProposalState.SUBMITTED),
        ("viewer_a", 403, ProposalState.DRAFT),
        ("officer_b", 404, ProposalState.DRAFT),
        ("admin", 404, ProposalState.DRAFT),
        ("anonymous", "login", ProposalState.DRAFT),
    ],
)
def test_submitting(world, proposal, persona, code, state):
    assert status(world, persona, reverse("awards:proposal_submit", args=[proposal.pk]), "post") == code
    assert Proposal.objects.get().state == state


def test_writing_the_proposal_through_the_pages(world, staff, proposal):
    client = world.client("officer_a")
    response = client.post(
        reverse("awards:proposal_candidates", args=[proposal.pk]), {"people": [staff.hung.pk]}
    )
    assert response.status_code == 302 and [c.name for c in proposal.candidates.all()] == ["Phạm Văn Hùng"]
    upload = pdf("bao-cao-hung.pdf")
    item = "Báo cáo thành tích cá nhân (Mẫu số 05)"
    hung = candidate(proposal, staff.hung)
    client.post(
        reverse("awards:proposal_file_add", args=[proposal.pk]),
        {"item": item, "candidate": hung.pk, "file": upload},
    )
    dossier = proposal.files.get(original_name="bao-cao-hung.pdf")
    assert dossier.candidate == hung
    expect(
        world,
        reverse("awards:dossier_file", args=[dossier.pk]),
        {"officer_a": 200, "viewer_a": 200, "officer_b": 404, "admin": 404, "anonymous": "login"},
    )
    assert status(world, "officer_b", reverse("awards:dossier_file_remove", args=[dossier.pk]), "post") == 404
    assert status(world, "officer_a", reverse("awards:dossier_file_remove", args=[dossier.pk]), "post") == 302
    assert not proposal.files.filter(pk=dossier.pk).exists()


def test_appraising_returning_and_referring_through_the_pages(world, staff, submitted):
    hung, lan = candidate(submitted, staff.hung), candidate(submitted, staff.lan)
    url = reverse("awards:candidate_appraise", args=[submitted.pk, lan.pk])
    data = {f"c{lan.pk}-verdict": "accept", f"c{lan.pk}-reason": ""}
    assert status(world, "officer_a", url, "post", data) == 403
    client = world.client("admin")
    response = client.post(url, data, follow=True)
    assert "Không thể chấp nhận Vũ Thị Lan" in response.content.decode()
    client.post(url, {f"c{lan.pk}-verdict": "return", f"c{lan.pk}-reason": "Chưa đạt xếp loại."})
    hung_url = reverse("awards:candidate_appraise", args=[submitted.pk, hung.pk])
    client.post(hung_url, {f"c{hung.pk}-verdict": "accept", f"c{hung.pk}-reason": ""})
    lan.refresh_from_db()
    hung.refresh_from_db()
    assert (lan.appraisal, hung.appraisal) == (Appraisal.RETURNED, Appraisal.ACCEPTED)
    assert status(world, "officer_a", reverse("awards:proposal_send", args=[submitted.pk]), "post") == 403
    assert status(world, "admin", reverse("awards:proposal_send", args=[submitted.pk]), "post") == 302
    assert Proposal.objects.get().state == ProposalState.IN_COUNCIL
    page = client.get(submitted.get_absolute_url()).content.decode()
    assert 'id="record-council-result"' in page


def test_returning_the_proposal_through_the_page(world, submitted):
    url = reverse("awards:proposal_return", args=[submitted.pk])
    assert status(world, "officer_a", url, "post", {"reason": "x"}) == 403
    assert status(world, "admin", url, "post", {"reason": "Thiếu biên bản."}) == 302
    proposal = Proposal.objects.get()
    assert proposal.state == ProposalState.RETURNED
    assert "Thiếu biên bản." in world.client("officer_a").get(proposal.get_absolute_url()).content.decode()


def test_issuing_through_the_page(world, ready):
    url = reverse("awards:proposal_issue", args=[ready.pk])
    expect(world, url, {"admin": 200, "officer_a": 403, "officer_b": 404, "council": 403})
    response = world.client("admin").post(
        url,
        {
            "issuer": world.unit_a.pk,
            "signed_on": ready.submitted_at.date().isoformat(),
            "signer_title": "GIÁM ĐỐC",
            "signer_name": "Nguyễn Văn Ký",
        },
    )
    decision = ready.decisions.get()
    assert response.status_code == 302 and response["Location"] == decision.get_absolute_url()
    expect(
        world,
        decision.get_absolute_url(),
        {
            "admin": 200,
            "council": 200,
            "officer_a": 200,
            "leader_a": 200,
            "viewer_a": 200,
            "officer_b": 404,
            "officer_c": 404,
            "anonymous": "login",
        },
    )
    page = world.client("officer_a").get(decision.get_absolute_url()).content.decode()
    assert "01/QĐ-SKHĐT" in page and "2.530.000" in page and "Hai triệu năm trăm ba mươi nghìn đồng" in page


def test_correcting_through_the_page(world, decided):
    record = decided.records.get()
    url = reverse("awards:decision_correct", args=[decided.pk])
    data = {
        "records": [record.pk],
        "reason": "Nhầm người.",
        "signed_on": decided.signed_on.isoformat(),
        "signer_title": "GIÁM ĐỐC",
        "signer_name": "Nguyễn Văn Ký",
    }
    assert status(world, "officer_a", url, "post", data) == 403
    assert status(world, "officer_b", url, "post", data) == 404
    response = world.client("admin").post(url, data)
    correction = decided.corrections.get()
    assert response.status_code == 302 and response["Location"] == correction.get_absolute_url()
    page = world.client("admin").get(decided.get_absolute_url()).content.decode()
    assert "Đã hủy bởi" in page and correction.reference in page


def test_records_of_people_and_units(world, staff, decided):
    for url in (
        reverse("awards:person_record", args=[staff.hung.pk]),
        reverse("awards:unit_record", args=[world.unit_a.pk]),
    ):
        expect(
            world,
            url,
            {
                "admin": 200,
                "council": 200,
                "officer_a": 200,
                "leader_a": 200,
                "viewer_a": 200,
                "officer_b": 404,
                "officer_c": 404,
                "anonymous": "login",
            },
        )
    page = (
        world.client("officer_a").get(reverse("awards:person_record", args=[staff.hung.pk])).content.decode()
    )
    assert "Chiến sĩ thi đua cơ sở" in page and "01/QĐ-SKHĐT" in page and 'id="history-forms"' in page
    assert (
        'id="history-forms"'
        not in world.client("council")
        .get(reverse("awards:person_record", args=[staff.hung.pk]))
        .content.decode()
    )


@pytest.mark.parametrize(
    ("persona", "code", "written"),
    [
        ("officer_a", 302, True),
        ("admin", 302, True),
        ("viewer_a", 403, False),
        ("leader_a", 403, False),
        ("officer_b", 404, False),
        ("council", 403, False),
    ],
)
def test_keeping_history_through_the_pages(world, staff, persona, code, written):
    url = reverse("awards:person_rating", args=[staff.lan.pk])
    data = {"year": YEAR - 1, "rating": "HTTNV", "months_worked": 6, "maternity": 6}
    assert status(world, persona, url, "post", data) == code
    row = PersonYear.objects.filter(person=staff.lan, year=YEAR - 1).first()
    assert (row is not None) == written
    if written:
        assert row.leaves.get().kind == "maternity"


def test_holds_and_past_awards_through_the_pages(world, staff):
    client = world.client("officer_a")
    client.post(
        reverse("awards:person_hold", args=[staff.hung.pk]),
        {"kind": "under_investigation", "start": f"{YEAR}-01-05"},
    )
    hold = Hold.objects.get()
    assert status(world, "officer_b", reverse("awards:hold_lift", args=[hold.pk]), "post") == 404
    assert status(world, "viewer_a", reverse("awards:hold_lift", args=[hold.pk]), "post") == 403
    assert status(world, "officer_a", reverse("awards:hold_lift", args=[hold.pk]), "post") == 302
    assert Hold.objects.get().end is not None
    client.post(
        reverse("awards:unit_past_award", args=[world.unit_a.pk]),
        {
            "award_code": "tap_the_lao_dong_tien_tien",
            "year": YEAR - 1,
            "reference": "33/QĐ-UBND",
            "signed_on": f"{YEAR}-01-10",
            "issuer_name": "Ủy ban nhân dân tỉnh",
        },
    )
    page = client.get(reverse("awards:unit_record", args=[world.unit_a.pk])).content.decode()
    assert "Tập thể lao động tiên tiến" in page and "33/QĐ-UBND" in page
    client.post(
        reverse("awards:person_initiative", args=[staff.hung.pk]),
        {
            "year": YEAR,
            "title": "Ứng dụng số hóa",
            "kind": "initiative",
            "scope": "grassroots",
            "reference": "sai",
            "signed_on": f"{YEAR}-01-10",
            "issuer_name": "Sở Kế hoạch và Đầu tư",
        },
    )
    assert not staff.hung.initiatives.exists()  # the reference "sai" is refused with its message


def test_the_remaining_history_forms(world, staff):
    person, unit = staff.hung.pk, world.unit_a.pk
    forms = [
        (
            reverse("awards:person_discipline", args=[person]),
            {"level": "reprimand", "start": f"{YEAR}-02-01"},
            lambda: staff.hung.disciplines.count(),
        ),
        (
            reverse("awards:person_past_award", args=[person]),
            {
                "award_code": "lao_dong_tien_tien",
                "year": YEAR - 1,
                "reference": "08/QĐ-SKHĐT",
                "signed_on": f"{YEAR - 1}-12-20",
                "issuer_name": "Sở Kế hoạch và Đầu tư",
            },
            lambda: staff.hung.award_records.count(),
        ),
        (
            reverse("awards:unit_rating", args=[unit]),
            {"year": YEAR - 1, "rating": "HTXSNV"},
            lambda: world.unit_a.award_years.count(),
        ),
        (
            reverse("awards:unit_hold", args=[unit]),
            {"kind": "inspection_with_signs", "start": f"{YEAR}-01-05"},
            lambda: world.unit_a.award_holds.count(),
        ),
    ]
    for url, data, count in forms:
        assert {p: status(world, p, url, "post", data) for p in ("officer_b", "viewer_a", "council")} == {
            "officer_b": 404,
            "viewer_a": 403,
            "council": 403,
        }, url
        assert count() == 0, url
        assert status(world, "officer_a", url, "post", data) == 302
        assert count() == 1, url


def test_approving_and_recording_are_phong_tdkts(world, staff, submitted, in_council):
    for name in ("awards:proposal_approve", "awards:proposal_council_result"):
        url = reverse(name, args=[in_council.pk])
        assert status(world, "officer_a", url, "post") == 403
        assert status(world, "officer_b", url, "post") == 404
    # a wrong state is refused with its reason, nothing changes
    response = world.client("admin").post(
        reverse("awards:proposal_approve", args=[in_council.pk]), follow=True
    )
    assert "Tờ trình không ở bước thẩm định." in response.content.decode()
    assert Proposal.objects.get().state == ProposalState.IN_COUNCIL
