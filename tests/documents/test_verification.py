"""A decision's certificates printed by the background job, and the public page their QR codes open.

The QR code is read back from the PDF itself: the page's drawing of it (one filled rectangle per run of dark
modules) is turned back into the module matrix and compared with the matrix of the verification URL, which the
test then opens as an anonymous visitor. Forged, tampered, unknown and cancelled codes get "Không tìm thấy"."""

from __future__ import annotations

import re
import zlib
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from tdkt.awards import services as awards
from tdkt.awards.models import Decision
from tdkt.documents import services
from tdkt.documents.certificates import qr_matrix
from tdkt.documents.enums import JobState
from tdkt.documents.kinds.records import certificate_items
from tdkt.documents.models import CertificateCode, DocumentJob
from tests.awards.conftest import Staff


def qr_codes_in(pdf: bytes) -> list[list[list[int]]]:
    """Every QR code drawn in the PDF, as module matrices (quiet zone included, as drawn)."""
    found = []
    for raw in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            ops = zlib.decompress(raw).decode("latin-1")
        except zlib.error:
            continue
        for block in re.findall(r"0 0 0 rg ((?:[-\d.]+ [-\d.]+ [-\d.]+ [-\d.]+ re ?)+)f", ops):
            rects = [
                tuple(map(float, m)) for m in re.findall(r"([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+) re", block)
            ]
            module = rects[0][3]
            left = min(r[0] for r in rects)
            top = max(r[1] + r[3] for r in rects)
            cells = set()
            for x, y, w, _h in rects:
                row = round((top - y) / module) - 1
                start = round((x - left) / module)
                cells.update((row, start + i) for i in range(round(w / module)))
            found.append(cells)
    matrices = []
    for cells in found:
        # the drawn matrix begins with the quiet zone (two light modules) on each side
        size = max(c for _, c in cells) + 1 + 4
        grid = [[0] * size for _ in range(size)]
        for r, c in cells:
            grid[r + 2][c + 2] = 1
        matrices.append(grid)
    return matrices


def run(job: DocumentJob) -> DocumentJob:
    """What the worker does with the queued task (tests/documents/test_jobs.py runs the real worker)."""
    finished = services.run_job(job.pk)
    assert finished is not None
    return finished


def test_certificates_of_a_decision_carry_codes_that_verify(
    world: Any, decided: Decision, staff: Staff
) -> None:
    admin = world.client("admin")
    response = admin.post(reverse("documents:decision_certificates", args=[decided.pk]))
    job = DocumentJob.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    job = run(job)
    assert job.state == JobState.DONE, job.error
    progress = admin.get(job.get_absolute_url(), HTTP_HX_REQUEST="true").content.decode()
    assert reverse("documents:job_file", args=[job.pk]) in progress
    pdf = b"".join(admin.get(reverse("documents:job_file", args=[job.pk])).streaming_content)
    record = decided.records.get()
    code = CertificateCode.objects.get(record=record).code
    assert re.fullmatch(r"[A-Za-z0-9_-]{22}", code) and str(record.pk) != code
    url = f"http://testserver/xac-minh/{code}/"
    drawn = qr_codes_in(pdf)
    assert drawn == [qr_matrix(url)]  # the QR printed on the sheet is the verification URL's
    page = world.client("anonymous").get(urlsplit(url).path)
    assert page.status_code == 200
    text = page.content.decode()
    for fact in ("Phạm Văn Hùng", "Chiến sĩ thi đua cơ sở", decided.reference, decided.issuer_name):
        assert fact in text
    assert decided.signed_on.strftime("%d/%m/%Y") in text
    # printing again keeps the code: a reprinted certificate verifies the same way
    services.start_decision_certificates_job(
        world.users["admin"], decision=decided, base_url="http://testserver/"
    )
    assert CertificateCode.objects.get().code == code


@pytest.mark.parametrize(
    "forge",
    [
        lambda code: code[:-1] + ("A" if code[-1] != "A" else "B"),  # tampered
        lambda code: code.upper() if code.upper() != code else code.lower(),
        lambda code: "A" * 22,  # well-formed, unknown
        lambda code: code + "x",  # too long
        lambda code: "1",  # an id
        lambda code: "../" + code,
    ],
)
def test_forged_or_unknown_codes_find_nothing(world: Any, decided: Decision, forge: Any) -> None:
    services.start_decision_certificates_job(
        world.users["admin"], decision=decided, base_url="http://testserver/"
    )
    code = CertificateCode.objects.get().code
    response = world.client("anonymous").get(f"/xac-minh/{forge(code)}/")
    assert response.status_code == 404
    text = response.content.decode()
    assert "Không tìm thấy" in text
    assert "Phạm Văn Hùng" not in text and decided.reference not in text and "verified" not in text


def test_a_cancelled_entry_no_longer_verifies(world: Any, decided: Decision) -> None:
    services.start_decision_certificates_job(
        world.users["admin"], decision=decided, base_url="http://testserver/"
    )
    code = CertificateCode.objects.get().code
    assert world.client("anonymous").get(f"/xac-minh/{code}/").status_code == 200
    awards.issue_correction(
        world.users["admin"],
        decided,
        cancel=[decided.records.get()],
        reason="Nhầm người.",
        signed_on=timezone.localdate(),
        signer_name="Nguyễn Văn Ký",
        signer_title="Giám đốc",
    )
    response = world.client("anonymous").get(f"/xac-minh/{code}/")
    assert response.status_code == 404 and "Phạm Văn Hùng" not in response.content.decode()
    # and a decision with nobody left is refused before any job is queued
    with pytest.raises(ValidationError, match="không còn tập thể, cá nhân nào"):
        services.start_decision_certificates_job(world.users["admin"], decision=decided, base_url="http://x/")


def test_only_phong_tdkt_prints_and_only_what_it_sees(world: Any, decided: Decision) -> None:
    with pytest.raises(PermissionDenied):
        services.start_decision_certificates_job(
            world.users["officer_a"], decision=decided, base_url="http://x/"
        )
    url = reverse("documents:decision_certificates", args=[decided.pk])
    assert world.client("officer_a").post(url).status_code == 403
    assert world.client("officer_b").post(url).status_code == 404  # not a decision unit B may see
    assert not DocumentJob.objects.exists() and not CertificateCode.objects.exists()


def test_the_public_address_setting_wins(world: Any, decided: Decision, settings: Any) -> None:
    settings.TDKT_PUBLIC_URL = "https://tdkt.example.gov.vn"
    job = services.start_decision_certificates_job(
        world.users["admin"], decision=decided, base_url="http://10.0.0.5:8000/"
    )
    codes = dict(CertificateCode.objects.values_list("record_id", "code"))
    _design, items = certificate_items(decided, codes, lambda c: f"{job.params['base_url']}/xac-minh/{c}/")
    assert items[0].verification_url.startswith("https://tdkt.example.gov.vn/xac-minh/")


def test_blank_mode_prints_on_the_calibrated_blank(world: Any, decided: Decision) -> None:
    # Chiến sĩ thi đua cơ sở has a design but no calibrated blank: refused at once, nothing queued
    with pytest.raises(ValidationError, match="Chưa có số đo phôi"):
        services.start_decision_certificates_job(
            world.users["admin"], decision=decided, base_url="http://x/", blank=True
        )
    assert not DocumentJob.objects.exists()


def test_a_job_whose_decision_emptied_meanwhile_fails_and_keeps_no_file(
    world: Any, decided: Decision, settings: Any
) -> None:
    job = services.start_decision_certificates_job(
        world.users["admin"], decision=decided, base_url="http://testserver/"
    )
    awards.issue_correction(
        world.users["admin"],
        decided,
        cancel=[decided.records.get()],
        reason="Nhầm người.",
        signed_on=timezone.localdate(),
        signer_name="Nguyễn Văn Ký",
        signer_title="Giám đốc",
    )
    job = run(job)
    assert job.state == JobState.FAILED and "không còn tập thể, cá nhân nào" in job.error
    assert not job.file and not job.filename
    assert not [p for p in (Path(settings.MEDIA_ROOT) / "documents").rglob("*") if p.is_file()]
    response = world.client("admin").get(reverse("documents:job_file", args=[job.pk]))
    assert response.status_code == 404
