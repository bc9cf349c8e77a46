"""Writes of the documents app: taking a document number, starting and running batch jobs.

Each function checks permission, validates, writes in one transaction and records an audit entry (STYLE.md
habit 2).
"""

from __future__ import annotations

import datetime
import logging
import secrets
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt import vn
from tdkt.core.audit import log_action
from tdkt.core.numbering import take_number
from tdkt.documents.certificates import CertificateData, design_for, to_json
from tdkt.documents.enums import FINISHED_JOB_STATES, Action, DocumentType, JobKind, JobState
from tdkt.documents.models import CertificateCode, DocumentJob, IssuedNumber, NumberRegister
from tdkt.documents.rules import IssuerRequest
from tdkt.org.models import EmulationBlock, Unit
from tdkt.org.queries import blocks_for_user

logger = logging.getLogger(__name__)


def _require(actor: Any, perm: str, obj: Any = None) -> None:
    if not actor.has_perm(perm, obj):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))


def _locked_register(issuer: Unit | EmulationBlock, type_code: str, year: int) -> NumberRegister:
    """The series' row, created if it is the first number of the year, and locked until the transaction ends.

    The insert ignores a conflict, so two first issues at the same moment both end up locking the one row (on
    PostgreSQL the second insert waits for the first transaction, then does nothing); SQLite's IMMEDIATE
    transactions let one writer in at a time anyway."""
    key: dict[str, Any] = {"type_code": type_code, "year": year}
    key["unit" if isinstance(issuer, Unit) else "block"] = issuer
    NumberRegister.objects.bulk_create(
        [NumberRegister(issuer_code=issuer.abbreviation, last_number=0, **key)], ignore_conflicts=True
    )
    return NumberRegister.objects.select_for_update().get(**key)


def issue_number(
    actor: Any,
    *,
    issuer: Unit | EmulationBlock,
    type_code: str,
    issued_on: datetime.date,
    summary: str,
    signer_name: str = "",
) -> IssuedNumber:
    """Take the next number of ``issuer``'s series for ``type_code`` in the year of ``issued_on``.

    Numbers start at 1 each year and run without gaps (Nghị định 30/2020/NĐ-CP, Phụ lục I, Phần II, khoản 3 a):
    the counter is raised and the register line written in the same transaction under a row lock, so a failed
    issue takes no number and two issues at once never take the same one.
    """
    year = issued_on.year
    _require(actor, "documents.issue_number", IssuerRequest(issuer, year))
    summary = vn.clean(summary)
    errors: dict[str, list[str]] = {}
    if type_code not in DocumentType.values:
        errors["type_code"] = [
            _("Loại văn bản “%(code)s” không có trong danh mục của Nghị định 30/2020/NĐ-CP.")
            % {"code": type_code}
        ]
    if not summary:
        errors["summary"] = [_("Cần trích yếu nội dung của văn bản để vào sổ.")]
    if not issuer.abbreviation:
        errors["issuer"] = [_("Cơ quan ban hành chưa có ký hiệu viết tắt.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        register = _locked_register(issuer, type_code, year)
        # The number itself comes from the issuer's one series in tdkt.core.numbering, which award decisions take
        # from too: an issuer's "QĐ" numbers are one sequence whichever app issues. This book mirrors it.
        register.last_number = take_number(issuer, type_code, year)
        register.save(update_fields=["last_number"])
        issued = IssuedNumber.objects.create(
            register=register,
            number=register.last_number,
            symbol=f"{register.last_number:02d}/{type_code}-{register.issuer_code}",
            issued_on=issued_on,
            summary=summary[:500],
            signer_name=vn.clean(signer_name)[:150],
            issued_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        log_action(actor, Action.NUMBER_ISSUED, issued, summary=f"{issued.symbol} — {summary}"[:500])
    return issued


# --- batch jobs ---------------------------------------------------------------------------------------------------


def start_year_documents_job(actor: Any, *, block: EmulationBlock, year: int) -> DocumentJob:
    """Queue the rendering of a block's documents of a year (pledge, invitations, minutes, reports) as one zip.

    What goes in is what the user may see, decided again when the job runs (:func:`tdkt.documents.jobs`)."""
    if not blocks_for_user(actor).filter(pk=block.pk).exists():
        raise PermissionDenied(_("Không tìm thấy Khối, Cụm thi đua này."))
    if not 1990 <= year <= 2100:
        raise ValidationError({"year": [_("Năm không hợp lệ.")]})
    title = _("Văn bản năm %(year)s của %(block)s") % {"year": year, "block": block.name}
    return _start(actor, JobKind.YEAR_DOCUMENTS, title, {"block_id": block.pk, "year": year})


def start_certificates_job(
    actor: Any, *, title: str, items: list[CertificateData], design: str, blank: bool = False
) -> DocumentJob:
    """Queue the printing of certificates (a decision's, given as plain data by the awards app) into one PDF."""
    _require(actor, "documents.print_certificates")
    design_for(design)  # an unknown design is refused now, not in the worker
    if not items:
        raise ValidationError(_("Không có bằng, giấy khen nào để in."))
    params = {"design": design, "blank": blank, "items": [to_json(item) for item in items]}
    return _start(actor, JobKind.CERTIFICATES, vn.clean(title)[:300], params)


def certificate_codes(records: Iterable[Any]) -> dict[int, str]:
    """The verification code of each award record, made for those that have none yet (a reprint keeps the code
    already printed). Called inside the transaction that starts a printing job."""
    ids = [record.pk for record in records]
    known = dict(CertificateCode.objects.filter(record_id__in=ids).values_list("record_id", "code"))
    missing = [pk for pk in ids if pk not in known]
    if missing:
        # 16 random bytes: 22 URL-safe characters; a collision (never, in practice) fails the unique index and
        # the whole start, which the user can simply repeat.
        CertificateCode.objects.bulk_create(
            [CertificateCode(record_id=pk, code=secrets.token_urlsafe(16)) for pk in missing]
        )
        known.update(CertificateCode.objects.filter(record_id__in=missing).values_list("record_id", "code"))
    return known


def start_decision_certificates_job(
    actor: Any, *, decision: Any, base_url: str, blank: bool = False
) -> DocumentJob:
    """Queue the printing of a decision's certificates (one per standing entry) as one PDF, each with the QR code
    of its verification page; the codes are made now, so the job only reads. ``decision`` was fetched through
    ``decisions_for_user``; ``base_url`` is the portal's address (``TDKT_PUBLIC_URL`` wins when set)."""
    from django.conf import settings

    from tdkt.documents.kinds.records import certificate_items

    _require(actor, "documents.print_certificates")
    base = (getattr(settings, "TDKT_PUBLIC_URL", "") or base_url).rstrip("/")
    with transaction.atomic():
        records = list(decision.records.filter(cancellation__isnull=True))
        codes = certificate_codes(records)
        # Built once now, so a decision that cannot be printed (no signer, nobody left) is refused at once.
        design, items = certificate_items(decision, codes, lambda code: f"{base}/xac-minh/{code}/")
        if blank:
            from tdkt.documents.certificates import blank_layout

            blank_layout(design)
        title = _("Bằng, giấy khen theo Quyết định số %(ref)s (%(count)s)") % {
            "ref": decision.reference,
            "count": len(items),
        }
        params = {"decision_id": decision.pk, "blank": blank, "base_url": base, "design": design}
        return _start(actor, JobKind.CERTIFICATES, vn.clean(title)[:300], params)


def _start(actor: Any, kind: str, title: str, params: dict[str, Any]) -> DocumentJob:
    from tdkt.documents.tasks import render_job

    with transaction.atomic():
        job = DocumentJob.objects.create(kind=kind, title=title, requested_by=actor, params=params)
        log_action(actor, Action.JOB_STARTED, job, summary=title)
        transaction.on_commit(lambda: render_job.enqueue(job.pk))
    return job


def run_job(job_id: int) -> DocumentJob | None:
    """Render a queued job (called by the worker through :mod:`tdkt.documents.tasks`): progress is written as it
    goes, the file at the end; any failure marks the job failed with its reason and keeps no file."""
    from tdkt.documents import jobs

    claimed = DocumentJob.objects.filter(pk=job_id, state=JobState.QUEUED).update(
        state=JobState.RUNNING, started_at=timezone.now()
    )
    job = DocumentJob.objects.select_related("requested_by").filter(pk=job_id).first()
    if job is None or not claimed:
        return job

    def progress(done: int, total: int | None = None) -> None:
        values: dict[str, int] = {"done": done}
        if total is not None:
            values["total"] = total
        DocumentJob.objects.filter(pk=job_id).update(**values)

    try:
        filename, content = jobs.render_job(job, progress)
    except ValidationError as error:
        _fail(job_id, "; ".join(error.messages))
    except Exception as error:  # the worker must record the failure, whatever it is
        logger.exception("Document job %s failed", job_id)
        _fail(job_id, _("Lỗi khi tạo văn bản: %(error)s") % {"error": type(error).__name__})
    else:
        job.refresh_from_db()
        job.file.save(filename, ContentFile(content), save=False)
        job.filename = filename
        job.state = JobState.DONE
        job.done = job.total
        job.finished_at = timezone.now()
        job.save(update_fields=["file", "filename", "state", "done", "finished_at", "updated_at"])
    job.refresh_from_db()
    return job


def _fail(job_id: int, message: str) -> None:
    DocumentJob.objects.filter(pk=job_id).update(
        state=JobState.FAILED, error=message[:2000], finished_at=timezone.now()
    )


def purge_expired_jobs(now: datetime.datetime | None = None) -> int:
    """Remove the finished jobs older than ``TDKT_JOB_FILES_DAYS`` with their files (an operator's daily task,
    ``tdkt purge_document_jobs``): the files are the bulk of the media folder and are made again on request.
    Returns the number of jobs removed. A file is deleted before its row, so a failure leaves no orphan file."""
    from django.conf import settings

    now = now or timezone.now()
    limit = now - datetime.timedelta(days=settings.TDKT_JOB_FILES_DAYS)
    removed = 0
    for job in DocumentJob.objects.filter(state__in=FINISHED_JOB_STATES, finished_at__lte=limit).order_by(
        "pk"
    ):
        if job.file:
            job.file.delete(save=False)
        job.delete()
        removed += 1
    if removed:
        logger.info("Removed %s expired document jobs", removed)
    return removed
