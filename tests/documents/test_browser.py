"""In Debian's chromium at phone width: Phòng TĐKT prints a decision's certificates, watches the job's progress
(HTMX polling) until the download appears; a visitor who is not signed in opens the address of a certificate's QR
code and sees the award, and a forged code shows only "Không tìm thấy"."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

from tdkt.documents.models import CertificateCode, DocumentJob
from tests.emulation.test_browser import SHOTS, _sign_in
from tests.emulation.test_browser import phone as phone  # the fixture
from tests.web.test_browser import no_horizontal_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_print_certificates_then_verify_one(world, decided, live_server, phone):
    SHOTS.mkdir(exist_ok=True)
    _sign_in(phone, live_server, "admin")
    phone.goto(live_server.url + decided.get_absolute_url())
    assert no_horizontal_scroll(phone)
    assert phone.locator("#decision-documents a", has_text="PDF").count() == 1
    phone.click("#certificates-form button[type=submit]")
    phone.wait_for_selector("#job-progress")
    assert phone.locator("#job-progress").get_attribute("hx-trigger") == "every 1s"
    job = DocumentJob.objects.get()
    call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)
    download = phone.wait_for_selector(f"a[href='{reverse('documents:job_file', args=[job.pk])}']")
    assert download is not None
    phone.screenshot(path=str(SHOTS / "documents-certificates-job.png"))

    code = CertificateCode.objects.get().code
    visitor = phone.context.browser.new_page(viewport={"width": 390, "height": 844})
    visitor.goto(live_server.url + f"/xac-minh/{code}/")
    assert visitor.locator("#verified-recipient").inner_text().startswith("Phạm Văn Hùng")
    assert decided.reference in visitor.locator("#verified-decision").inner_text()
    assert no_horizontal_scroll(visitor)
    visitor.screenshot(path=str(SHOTS / "documents-verified.png"))
    response = visitor.goto(live_server.url + f"/xac-minh/{code[:-1]}{'B' if code[-1] == 'A' else 'A'}/")
    assert response is not None and response.status == 404
    assert visitor.locator("#not-found").inner_text().strip() == "Không tìm thấy"
    assert visitor.locator("#verified").count() == 0
    visitor.close()
