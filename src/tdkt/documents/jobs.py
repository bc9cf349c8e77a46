"""What each kind of batch job renders. Called by :func:`tdkt.documents.services.run_job` in the worker.

A year's documents are gathered again here, through the apps' ``*_for_user`` queries for the user who asked, so a
job never packs a document its requester could not open on its page."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from tdkt.documents import render
from tdkt.documents.certificates import CertificateData, from_json, render_certificates
from tdkt.documents.enums import JobKind
from tdkt.documents.kinds.cycle import (
    block_report_document,
    invitation_document,
    minutes_document,
    pledge_document,
)
from tdkt.documents.layout import Document
from tdkt.documents.models import CertificateCode, DocumentJob
from tdkt.documents.queries import minutes_visible
from tdkt.emulation.queries import pledges_for_user
from tdkt.meetings.queries import meetings_for_user
from tdkt.reports.queries import block_reports_for_user, displayed_version

Progress = Callable[..., None]


def year_documents(user: Any, block_id: int, year: int) -> list[tuple[str, Callable[[], Document]]]:
    """(file stem, builder) of every document of the block's year that ``user`` may read."""
    found: list[tuple[str, Callable[[], Document]]] = []
    for pledge in (
        pledges_for_user(user).filter(block_id=block_id, year=year).select_related("block__province")
    ):
        found.append((f"giao-uoc-thi-dua-{year}", partial(pledge_document, pledge)))
    meetings = (
        meetings_for_user(user)
        .filter(block_id=block_id, year=year)
        .select_related("host_unit__province", "chair", "secretary", "block__province")
        .order_by("starts_at", "pk")
    )
    for meeting in meetings:
        stem = f"{meeting.starts_at:%Y-%m-%d}-{meeting.kind}"
        found.append((f"{stem}-giay-moi", partial(invitation_document, meeting)))
        if minutes_visible(user, meeting):
            found.append((f"{stem}-bien-ban", partial(minutes_document, meeting)))
    reports = block_reports_for_user(user).filter(template__block_id=block_id, template__year=year)
    for report in reports.select_related("template__block__province"):
        version = displayed_version(user, report)
        if version is not None:
            found.append(
                (
                    f"bao-cao-{report.template.period}-{year}",
                    partial(block_report_document, report, version),
                )
            )
    return found


def _year_zip(job: DocumentJob, progress: Progress) -> tuple[str, bytes]:
    params = job.params
    documents = year_documents(job.requested_by, int(params["block_id"]), int(params["year"]))
    if not documents:
        raise ValidationError(_("Không có văn bản nào của Khối trong năm này mà bạn được xem."))
    total = len(documents) * len(render.FORMATS)
    progress(0, total)
    buffer = io.BytesIO()
    done = 0
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for stem, build in documents:
            document = build()
            for fmt in render.FORMATS:
                archive.writestr(f"{stem}.{fmt}", render.render(document, fmt))
                done += 1
                progress(done)
    return f"van-ban-{params['year']}.zip", buffer.getvalue()


def _decision_certificates(job: DocumentJob) -> tuple[str, list[CertificateData]]:
    """A decision's certificates, gathered again for the requester (the decision must still be theirs to see)."""
    from tdkt.awards.queries import decisions_for_user
    from tdkt.documents.kinds.records import certificate_items

    params = job.params
    decision = decisions_for_user(job.requested_by).filter(pk=params["decision_id"]).first()
    if decision is None:
        raise ValidationError(_("Không tìm thấy quyết định."))
    codes = dict(CertificateCode.objects.filter(record__decision=decision).values_list("record_id", "code"))
    base = params["base_url"]
    return certificate_items(decision, codes, lambda code: f"{base}/xac-minh/{code}/")


def _certificates(job: DocumentJob, progress: Progress) -> tuple[str, bytes]:
    params = job.params
    if "decision_id" in params:
        design, items = _decision_certificates(job)
    else:
        design, items = params["design"], [from_json(item) for item in params["items"]]
    progress(0, len(items))
    content = render_certificates(items, design, blank=bool(params.get("blank")), progress=progress)
    return f"{'in-phoi' if params.get('blank') else 'bang'}-{job.pk}.pdf", content


def render_job(job: DocumentJob, progress: Progress) -> tuple[str, bytes]:
    if job.kind == JobKind.YEAR_DOCUMENTS:
        return _year_zip(job, progress)
    if job.kind == JobKind.CERTIFICATES:
        return _certificates(job, progress)
    raise ValidationError(_("Loại việc “%(kind)s” không xác định.") % {"kind": job.kind})
