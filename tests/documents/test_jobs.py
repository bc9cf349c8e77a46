"""Batch jobs through the real path: the page queues a django-tasks task in the database, `tdkt db_worker
--batch` runs it synchronously here, the page polls progress (HTMX) and offers the file.

The tests commit for real (``transaction=True``): the worker checks its database connection the way a long-running
process must, which would close a connection held inside a test's wrapping transaction."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse

from tdkt.documents import services
from tdkt.documents.enums import JobState
from tdkt.documents.models import DocumentJob
from tdkt.org.queries import current_year
from tests.documents.conftest import Cycle
from tests.documents.test_certificates import items


def run_worker() -> None:
    call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)


pytestmark = pytest.mark.django_db(transaction=True)


def test_a_years_documents_as_one_zip(world: Any, cycle: Cycle) -> None:
    client = world.client("officer_b")
    response = client.post(reverse("documents:year_job"), {"khoi": world.block.pk, "nam": current_year()})
    job = DocumentJob.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    waiting = client.get(job.get_absolute_url(), HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 1s"' in waiting and "Đang chờ" in waiting and "<html" not in waiting
    run_worker()
    job.refresh_from_db()
    assert job.state == JobState.DONE and job.done == job.total > 0
    done = client.get(job.get_absolute_url(), HTTP_HX_REQUEST="true").content.decode()
    assert "hx-trigger" not in done and reverse("documents:job_file", args=[job.pk]) in done
    archive = zipfile.ZipFile(
        io.BytesIO(b"".join(client.get(reverse("documents:job_file", args=[job.pk])).streaming_content))
    )
    names = archive.namelist()
    assert any(n.startswith("giao-uoc") and n.endswith(".docx") for n in names)
    assert any(n.endswith("-giay-moi.pdf") for n in names)
    assert not any("bien-ban" in n for n in names)  # the minutes are a draft: unit B may not read them
    assert any(n.startswith("bao-cao") for n in names)
    # a job is its requester's
    assert world.client("officer_a").get(job.get_absolute_url()).status_code == 404
    assert world.client("officer_a").get(reverse("documents:job_file", args=[job.pk])).status_code == 404


def test_nothing_visible_fails_with_the_reason(world: Any) -> None:
    job = services.start_year_documents_job(world.users["officer_c"], block=world.block, year=2001)
    run_worker()
    job.refresh_from_db()
    assert job.state == JobState.FAILED and "Không có văn bản nào" in job.error and not job.file
    page = world.client("officer_c").get(job.get_absolute_url()).content.decode()
    assert "Không có văn bản nào" in page


def test_certificates_job(world: Any) -> None:
    job = services.start_certificates_job(
        world.users["admin"],
        title="Bằng khen theo Quyết định 05/QĐ-UBND",
        items=items(5),
        design="bang_khen_tinh",
    )
    run_worker()
    job.refresh_from_db()
    assert job.state == JobState.DONE and job.total == 5 and job.filename.endswith(".pdf")
    assert job.file.read().startswith(b"%PDF")


def test_only_phong_tdkt_prints_certificates(world: Any) -> None:
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.start_certificates_job(
            world.users["officer_a"], title="x", items=items(1), design="bang_khen_tinh"
        )
