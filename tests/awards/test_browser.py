"""The acceptance walk in Debian's chromium at phone width: an officer proposes two people and sees one shown
ineligible with its reason; Phòng TĐKT returns that one and sends the other to the council; the council member
votes; Phòng TĐKT counts, records the result and issues the decision; the register shows it. No horizontal
scrolling, nothing fetched from outside, no CSP violation."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tdkt.awards.enums import Appraisal, ProposalState
from tdkt.awards.models import AwardRecord, Proposal
from tests.emulation.test_browser import SHOTS, _sign_in
from tests.emulation.test_browser import phone as phone  # the fixture
from tests.web.test_browser import no_horizontal_scroll

from .conftest import PDF, YEAR

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_proposal_to_council_to_decision_to_register(world, staff, live_server, phone):
    SHOTS.mkdir(exist_ok=True)
    hung, lan = staff.hung, staff.lan

    # The officer of unit A opens a proposal for Chiến sĩ thi đua cơ sở and names two people.
    _sign_in(phone, live_server, "canbo.a")
    phone.goto(live_server.url + reverse("awards:proposal_create"))
    assert no_horizontal_scroll(phone)
    phone.select_option("select[name=award_code]", "chien_si_thi_dua_co_so")
    phone.select_option("select[name=subject_kind]", "individual")
    phone.fill("input[name=year]", str(YEAR))
    phone.click("form.stack button.primary")
    phone.wait_for_selector("#candidates-form")
    proposal = Proposal.objects.get()
    phone.check(f"#candidates-form input[value='{hung.pk}']")
    phone.check(f"#candidates-form input[value='{lan.pk}']")
    phone.click("#candidates-form button[type=submit]")
    phone.wait_for_selector("text=Đã lưu danh sách 2 trường hợp đề nghị.")
    lan_row = phone.locator(f"#candidate-{proposal.candidates.get(person=lan).pk}")
    hung_row = phone.locator(f"#candidate-{proposal.candidates.get(person=hung).pk}")
    assert "Không đủ điều kiện" in lan_row.inner_text()
    assert (
        "Được đánh giá, xếp loại từ hoàn thành tốt nhiệm vụ trở lên — năm" in lan_row.inner_text()
    )  # the reason
    assert "Đủ điều kiện" in hung_row.inner_text() and "Không đủ" not in hung_row.inner_text()
    assert no_horizontal_scroll(phone)
    phone.screenshot(path=str(SHOTS / "awards-proposal-phone.png"), full_page=True)
    items = phone.locator("#dossier-form select[name=item] option").all_inner_texts()
    for item in items[:-1]:  # every item of the ruleset's dossier list, for the whole proposal
        phone.select_option("#dossier-form select[name=item]", label=item)
        phone.set_input_files(
            "#dossier-form input[type=file]",
            files=[{"name": "ho-so.pdf", "mimeType": "application/pdf", "buffer": PDF}],
        )
        phone.click("#dossier-form button[type=submit]")
        phone.wait_for_selector("text=Đã thêm tệp hồ sơ.")
    assert proposal.files.count() == 4
    phone.click("#submit-proposal")
    phone.wait_for_selector("text=Đã gửi tờ trình tới Phòng Thi đua, khen thưởng.")

    # Phòng TĐKT returns Lan with the reason and sends Hùng to the council.
    _sign_in(phone, live_server, "admin")
    phone.goto(live_server.url + proposal.get_absolute_url())
    lan_pk, hung_pk = proposal.candidates.get(person=lan).pk, proposal.candidates.get(person=hung).pk
    phone.check(f"#candidate-{lan_pk} input[value=return]")
    phone.fill(f"#candidate-{lan_pk} textarea", "Xếp loại năm chỉ hoàn thành nhiệm vụ.")
    phone.click(f"#candidate-{lan_pk} .appraise-form button")
    phone.wait_for_selector("text=Đã trả lại Vũ Thị Lan.")
    phone.check(f"#candidate-{hung_pk} input[value=accept]")
    phone.click(f"#candidate-{hung_pk} .appraise-form button")
    phone.wait_for_selector("text=Đã chấp nhận Phạm Văn Hùng.")
    assert no_horizontal_scroll(phone)
    phone.click("#send-to-council")
    phone.wait_for_selector("text=Đã trình Hội đồng")
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.IN_COUNCIL
    assert proposal.candidates.get(person=lan).appraisal == Appraisal.RETURNED
    ballot_url = live_server.url + proposal.ballot.get_absolute_url()

    # The council member votes for Hùng.
    _sign_in(phone, live_server, "hoidong")
    phone.goto(ballot_url)
    phone.click("#vote-link")
    phone.check(f"#ballot-choices input[value='{proposal.ballot.candidates.get().pk}']")
    phone.click("#cast-ballot")
    phone.wait_for_selector("text=Đã ghi nhận phiếu bầu")

    # Phòng TĐKT closes and counts, records the council's result and issues the decision.
    _sign_in(phone, live_server, "admin")
    phone.goto(ballot_url)
    phone.click("#close-ballot")
    phone.wait_for_selector("text=Đã kết thúc bỏ phiếu.")
    phone.click("#count-ballot")
    phone.wait_for_selector("#tally-lines")
    phone.goto(live_server.url + proposal.get_absolute_url())
    phone.click("#record-council-result")
    phone.wait_for_selector("text=Đã ghi nhận kết quả bỏ phiếu của Hội đồng.")
    assert "thông qua" in phone.inner_text(f"#candidate-{hung_pk}")
    phone.click("#issue-decision")
    assert no_horizontal_scroll(phone)
    phone.fill("input[name=signer_name]", "Nguyễn Văn Ký")
    phone.fill("input[name=signer_title]", "GIÁM ĐỐC")
    phone.click("#issue-form button.primary")
    phone.wait_for_selector("#decision-reference")
    assert phone.inner_text("#decision-reference") == "01/QĐ-SKHĐT"
    assert "2.530.000" in phone.inner_text("#decision-records")
    phone.screenshot(path=str(SHOTS / "awards-decision-phone.png"), full_page=True)

    # The register shows it, found by a name typed without diacritics.
    phone.goto(live_server.url + reverse("awards:register") + "?q=pham+hung")
    rows = phone.locator("#register tbody tr")
    assert rows.count() == 1
    assert "Phạm Văn Hùng" in rows.nth(0).inner_text() and "01/QĐ-SKHĐT" in rows.nth(0).inner_text()
    assert no_horizontal_scroll(phone)
    phone.screenshot(path=str(SHOTS / "awards-register-phone.png"), full_page=True)
    assert AwardRecord.objects.get().person == hung

    assert all(url.startswith(live_server.url) for url in phone.requests), phone.requests  # type: ignore[attr-defined]
    assert phone.console_errors == []  # type: ignore[attr-defined]
