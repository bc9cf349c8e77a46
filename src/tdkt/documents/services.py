"""Writes of the documents app: taking a document number, starting and running batch jobs.

Each function checks permission, validates, writes in one transaction and records an audit entry (STYLE.md
habit 2).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tdkt import vn
from tdkt.core.audit import log_action
from tdkt.documents.enums import Action, DocumentType
from tdkt.documents.models import IssuedNumber, NumberRegister
from tdkt.documents.rules import IssuerRequest
from tdkt.org.models import EmulationBlock, Unit


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
        errors["type_code"] = [_("Loại văn bản “%(code)s” không có trong danh mục của Nghị định 30/2020/NĐ-CP.") % {"code": type_code}]
    if not summary:
        errors["summary"] = [_("Cần trích yếu nội dung của văn bản để vào sổ.")]
    if not issuer.abbreviation:
        errors["issuer"] = [_("Cơ quan ban hành chưa có ký hiệu viết tắt.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        register = _locked_register(issuer, type_code, year)
        register.last_number += 1
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
