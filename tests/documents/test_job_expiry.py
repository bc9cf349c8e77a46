"""Batch jobs without a worker (``TDKT_JOBS=immediate``) and the expiry of their files
(``TDKT_JOB_FILES_DAYS``, ``tdkt purge_document_jobs``)."""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tdkt.documents import services
from tdkt.documents.enums import JobState
from tdkt.documents.models import DocumentJob
from tests.documents.test_certificates import items

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def test_the_jobs_setting_chooses_the_backend() -> None:
    root = Path(__file__).resolve().parents[2]
    code = "from django.conf import settings; print(settings.TASKS['default']['BACKEND'])"
    found = {}
    for mode in ("database", "immediate"):
        env = {
            **os.environ,
            "TDKT_JOBS": mode,
            "DJANGO_SETTINGS_MODULE": "tdkt.test_settings",
            "PYTHONPATH": str(root / "src"),
        }
        found[mode] = subprocess.run(
            [sys.executable, "-c", "import django; django.setup(); " + code],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    assert found == {
        "database": "django_tasks_db.DatabaseBackend",
        "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    }
    bad = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={
            **os.environ,
            "TDKT_JOBS": "celery",
            "DJANGO_SETTINGS_MODULE": "tdkt.test_settings",
            "PYTHONPATH": str(root / "src"),
        },
        capture_output=True,
        text=True,
    )
    assert bad.returncode != 0 and "JOBS" in bad.stderr


@pytest.mark.django_db(transaction=True)
def test_immediate_mode_runs_the_job_inside_the_request(world: Any, settings: Any) -> None:
    settings.TASKS = IMMEDIATE
    job = services.start_certificates_job(
        world.users["admin"], title="Bằng khen ngay", items=items(2), design="bang_khen_tinh"
    )
    job.refresh_from_db()
    assert job.state == JobState.DONE and job.total == 2 and job.file.read().startswith(b"%PDF")
    page = world.client("admin").get(job.get_absolute_url(), HTTP_HX_REQUEST="true").content.decode()
    assert "hx-trigger" not in page and reverse("documents:job_file", args=[job.pk]) in page


@pytest.mark.django_db(transaction=True)
def test_expired_files_are_refused_then_removed(world: Any, settings: Any) -> None:
    settings.TASKS = IMMEDIATE
    settings.TDKT_JOB_FILES_DAYS = 3
    client = world.client("admin")
    old = services.start_certificates_job(
        world.users["admin"], title="Cũ", items=items(1), design="bang_khen_tinh"
    )
    fresh = services.start_certificates_job(
        world.users["admin"], title="Mới", items=items(1), design="bang_khen_tinh"
    )
    old.refresh_from_db()
    path = Path(old.file.path)
    assert path.exists() and old.expires_at == old.finished_at + datetime.timedelta(days=3)
    # kept three days: still offered just before, refused from then on
    DocumentJob.objects.filter(pk=old.pk).update(
        finished_at=timezone.now() - datetime.timedelta(days=3, seconds=-60)
    )
    assert client.get(reverse("documents:job_file", args=[old.pk])).status_code == 200
    DocumentJob.objects.filter(pk=old.pk).update(
        finished_at=timezone.now() - datetime.timedelta(days=3, hours=1)
    )
    assert client.get(reverse("documents:job_file", args=[old.pk])).status_code == 404
    page = client.get(old.get_absolute_url()).content.decode()
    assert "đã hết hạn" in page and reverse("documents:job_file", args=[old.pk]) not in page
    assert "đã hết hạn" in client.get(reverse("documents:index")).content.decode()
    assert "đã hết hạn" not in client.get(fresh.get_absolute_url()).content.decode()
    call_command("purge_document_jobs", verbosity=0)
    assert not path.exists() and not DocumentJob.objects.filter(pk=old.pk).exists()
    fresh.refresh_from_db()
    assert Path(fresh.file.path).exists()
    assert services.purge_expired_jobs() == 0
    # the fresh job goes too once its days are over
    assert services.purge_expired_jobs(now=timezone.now() + datetime.timedelta(days=4)) == 1
